import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from './store.ts';

/**
 * The schema history, in code (no migration folder to ship). A new migration is a new key; keys
 * sort in the order they run. Integer columns that can pass 2^31 (counts, times) are bigint.
 */
export function migrations(dialect: Dialect): MigrationProvider {
  const id = dialect === 'postgres' ? 'bigserial' : 'integer';
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  const initial: Migration = {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('reports')
        .addColumn('id', id, (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('reporter', 'text', (c) => c.notNull())
        .addColumn('external_id', 'text', (c) => c.notNull())
        .addColumn('reporter_email', 'text')
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('begin_at', big, (c) => c.notNull())
        .addColumn('end_at', big, (c) => c.notNull())
        .addColumn('schema_version', 'text')
        .addColumn('policy_p', 'text')
        .addColumn('policy_sp', 'text')
        .addColumn('policy_np', 'text')
        .addColumn('policy_adkim', 'text')
        .addColumn('policy_aspf', 'text')
        .addColumn('policy_pct', 'integer')
        .addColumn('policy_testing', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('ingested_at', big, (c) => c.notNull())
        .addColumn('record_count', big, (c) => c.notNull().defaultTo(0))
        .addColumn('message_count', big, (c) => c.notNull().defaultTo(0))
        .addUniqueConstraint('reports_identity', ['kind', 'reporter', 'external_id'])
        .execute();
      await db.schema
        .createIndex('reports_domain_begin')
        .on('reports')
        .columns(['domain', 'begin_at'])
        .execute();
      await db.schema
        .createTable('records')
        .addColumn('report_id', big, (c) =>
          c.notNull().references('reports.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('source_ip', 'text', (c) => c.notNull())
        .addColumn('count', big, (c) => c.notNull())
        .addColumn('disposition', 'text')
        .addColumn('dkim', 'text')
        .addColumn('spf', 'text')
        .addColumn('header_from', 'text')
        .addColumn('envelope_from', 'text')
        .addColumn('envelope_to', 'text')
        .addColumn('reasons', 'text')
        .addPrimaryKeyConstraint('records_pk', ['report_id', 'seq'])
        .execute();
      // No index on records.source_ip: it costs a third of the ingest time and the summary's
      // source queries scan a domain's records anyway.
      for (const table of ['record_dkim', 'record_spf'] as const) {
        await db.schema
          .createTable(table)
          .addColumn('report_id', big, (c) => c.notNull())
          .addColumn('record_seq', 'integer', (c) => c.notNull())
          .addColumn('domain', 'text', (c) => c.notNull())
          .addColumn(table === 'record_dkim' ? 'selector' : 'scope', 'text')
          .addColumn('result', 'text', (c) => c.notNull())
          .addColumn('human_result', 'text')
          .addForeignKeyConstraint(
            `${table}_record`,
            ['report_id', 'record_seq'],
            'records',
            ['report_id', 'seq'],
            (c) => c.onDelete('cascade'),
          )
          .execute();
        // No index on (report_id, record_seq): summaries join from these rows to the records'
        // primary key, and the index cost a tenth of the ingest time. Reports are never deleted
        // one by one, so the cascade does not need it either.
      }
      await db.schema
        .createTable('tls_policies')
        .addColumn('report_id', big, (c) =>
          c.notNull().references('reports.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('policy_type', 'text', (c) => c.notNull())
        .addColumn('policy_domain', 'text', (c) => c.notNull())
        .addColumn('policy_string', 'text', (c) => c.notNull())
        .addColumn('mx_host', 'text', (c) => c.notNull())
        .addColumn('success_count', big, (c) => c.notNull())
        .addColumn('failure_count', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('tls_policies_pk', ['report_id', 'seq'])
        .execute();
      await db.schema
        .createTable('tls_failures')
        .addColumn('report_id', big, (c) => c.notNull())
        .addColumn('policy_seq', 'integer', (c) => c.notNull())
        .addColumn('result_type', 'text', (c) => c.notNull())
        .addColumn('sending_mta_ip', 'text')
        .addColumn('receiving_mx_hostname', 'text')
        .addColumn('receiving_mx_helo', 'text')
        .addColumn('receiving_ip', 'text')
        .addColumn('failed_session_count', big, (c) => c.notNull())
        .addColumn('additional_information', 'text')
        .addColumn('failure_reason_code', 'text')
        .addForeignKeyConstraint(
          'tls_failures_policy',
          ['report_id', 'policy_seq'],
          'tls_policies',
          ['report_id', 'seq'],
          (c) => c.onDelete('cascade'),
        )
        .execute();
      await db.schema
        .createTable('failure_reports')
        .addColumn('report_id', big, (c) =>
          c.primaryKey().references('reports.id').onDelete('cascade'),
        )
        .addColumn('feedback_type', 'text', (c) => c.notNull())
        .addColumn('user_agent', 'text')
        .addColumn('arrival_date', 'text')
        .addColumn('source_ip', 'text')
        .addColumn('original_mail_from', 'text')
        .addColumn('original_rcpt_to', 'text')
        .addColumn('auth_failure', 'text')
        .addColumn('delivery_result', 'text')
        .addColumn('dkim_domain', 'text')
        .addColumn('dkim_selector', 'text')
        .addColumn('identity_alignment', 'text')
        .addColumn('original_headers', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('quarantine')
        .addColumn('id', id, (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('size', big, (c) => c.notNull())
        .addColumn('created_at', big, (c) => c.notNull())
        .addUniqueConstraint('quarantine_identity', ['digest', 'name'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of [
        'quarantine',
        'failure_reports',
        'tls_failures',
        'tls_policies',
        'record_spf',
        'record_dkim',
        'records',
        'reports',
      ]) {
        await db.schema.dropTable(t).ifExists().execute();
      }
      await sql`select 1`.execute(db);
    },
  };
  return { getMigrations: async () => ({ '2026-001-initial': initial }) };
}
