import type { Generated } from 'kysely';

/**
 * The tables of the mxray store, as Kysely types. Times are whole seconds since the epoch (UTC);
 * lists and header blocks are JSON text so the same schema runs on SQLite and PostgreSQL.
 */
export interface Database {
  reports: ReportsTable;
  records: RecordsTable;
  record_dkim: RecordDkimTable;
  record_spf: RecordSpfTable;
  tls_policies: TlsPoliciesTable;
  tls_failures: TlsFailuresTable;
  failure_reports: FailureReportsTable;
  quarantine: QuarantineTable;
}

/** One report of any kind; (kind, reporter, external_id) is its identity (re-ingest is a no-op). */
export interface ReportsTable {
  id: Generated<number>;
  kind: 'aggregate' | 'tls' | 'failure';
  reporter: string;
  external_id: string;
  reporter_email: string | null;
  /** The domain the report is about (policy_published/domain, policy-domain, Reported-Domain). */
  domain: string;
  begin_at: number;
  end_at: number;
  schema_version: string | null;
  policy_p: string | null;
  policy_sp: string | null;
  policy_np: string | null;
  policy_adkim: string | null;
  policy_aspf: string | null;
  policy_pct: number | null;
  policy_testing: string | null;
  /** Where it came from: a path, `mbox:...#3`, `imap://host/INBOX;UID=7`. */
  source: string;
  ingested_at: number;
  record_count: number;
  message_count: number;
}

/** One aggregate `<record>`; `seq` is its position in the report. */
export interface RecordsTable {
  report_id: number;
  seq: number;
  source_ip: string;
  count: number;
  disposition: string | null;
  dkim: string | null;
  spf: string | null;
  header_from: string | null;
  envelope_from: string | null;
  envelope_to: string | null;
  /** JSON array of `{ type, comment }`, or null when there is none. */
  reasons: string | null;
}

export interface RecordDkimTable {
  report_id: number;
  record_seq: number;
  domain: string;
  selector: string | null;
  result: string;
  human_result: string | null;
}

export interface RecordSpfTable {
  report_id: number;
  record_seq: number;
  domain: string;
  scope: string | null;
  result: string;
  human_result: string | null;
}

export interface TlsPoliciesTable {
  report_id: number;
  seq: number;
  policy_type: string;
  policy_domain: string;
  /** JSON array of strings. */
  policy_string: string;
  /** JSON array of strings. */
  mx_host: string;
  success_count: number;
  failure_count: number;
}

export interface TlsFailuresTable {
  report_id: number;
  policy_seq: number;
  result_type: string;
  sending_mta_ip: string | null;
  receiving_mx_hostname: string | null;
  receiving_mx_helo: string | null;
  receiving_ip: string | null;
  failed_session_count: number;
  additional_information: string | null;
  failure_reason_code: string | null;
}

export interface FailureReportsTable {
  report_id: number;
  feedback_type: string;
  user_agent: string | null;
  arrival_date: string | null;
  source_ip: string | null;
  original_mail_from: string | null;
  original_rcpt_to: string | null;
  auth_failure: string | null;
  delivery_result: string | null;
  dkim_domain: string | null;
  dkim_selector: string | null;
  identity_alignment: string | null;
  /** JSON array of `{ name, value }`. */
  original_headers: string;
}

/** An input that was refused, with the reason; (digest, name) keeps re-runs from repeating it. */
export interface QuarantineTable {
  id: Generated<number>;
  source: string;
  name: string;
  reason: string;
  /** SHA-256 of the refused bytes (hex), or of the source name when there are none. */
  digest: string;
  size: number;
  created_at: number;
}
