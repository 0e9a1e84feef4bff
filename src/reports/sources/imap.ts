import { ImapFlow } from 'imapflow';
import type { Logger } from '../../base/logger.ts';
import { UsageError } from '../../base/usage-error.ts';
import type { ItemOutcome, SourceItem } from './types.ts';

/** Where to read reports from and where to put messages once handled. */
export interface ImapSourceOptions {
  host: string;
  port: number;
  /** Implicit TLS (imaps, port 993); otherwise STARTTLS when offered. */
  secure: boolean;
  user: string;
  password: string;
  folder: string;
  /** Messages whose reports are committed (or were already stored) go here. */
  archiveFolder: string;
  /** Messages that could not be parsed go here (the reason is in the store's quarantine). */
  invalidFolder: string;
  logger?: Logger;
}

/** The keyword set on a refused message before it is moved, so a mail client shows why. */
export const REFUSED_KEYWORD = '$MxrayRefused';

/**
 * Parses `imap[s]://user[:password]@host[:port]/FOLDER?archive=A&invalid=I`. The password may
 * come from `MXRAY_IMAP_PASSWORD` instead of the URL (kept out of shell history).
 * @example parseImapUrl('imaps://dmarc@mail.example.com/INBOX')
 */
export function parseImapUrl(
  text: string,
  env: NodeJS.ProcessEnv = process.env,
): ImapSourceOptions {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`invalid IMAP URL "${text}"`);
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') {
    throw new UsageError(`an IMAP URL starts with imap:// or imaps://, got "${url.protocol}"`);
  }
  const secure = url.protocol === 'imaps:';
  const user = decodeURIComponent(url.username);
  if (!user) throw new UsageError('the IMAP URL needs a user: imaps://user@host/INBOX');
  const password = url.password
    ? decodeURIComponent(url.password)
    : (env.MXRAY_IMAP_PASSWORD ?? '');
  const folder = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    user,
    password,
    folder,
    archiveFolder: url.searchParams.get('archive') ?? `${folder}.mxray-archive`,
    invalidFolder: url.searchParams.get('invalid') ?? `${folder}.mxray-invalid`,
  };
}

async function ensureFolder(client: ImapFlow, folder: string): Promise<void> {
  const existing = await client.list();
  if (!existing.some((m) => m.path === folder)) await client.mailboxCreate(folder);
}

/**
 * Reads every message of an IMAP folder (imapflow). After the ingest has committed a message's
 * reports it is moved to the archive folder; a message that yielded only refusals is flagged and
 * moved to the invalid folder. Nothing is ever deleted, and a message is never moved before its
 * reports are stored, so an interrupted run leaves it in place to be read again (and counted as
 * a duplicate then).
 */
export async function* imapSource(options: ImapSourceOptions): AsyncGenerator<SourceItem> {
  const client = new ImapFlow({
    host: options.host,
    port: options.port,
    secure: options.secure,
    auth: { user: options.user, pass: options.password },
    logger: false,
  });
  const base = `imap://${options.user}@${options.host}:${options.port}/${options.folder}`;
  try {
    await client.connect();
  } catch (err) {
    yield { source: base, error: `cannot connect to IMAP: ${(err as Error).message}` };
    return;
  }
  try {
    await ensureFolder(client, options.archiveFolder);
    await ensureFolder(client, options.invalidFolder);
    const lock = await client.getMailboxLock(options.folder);
    try {
      yield* readFolder(client, options, base);
    } finally {
      lock.release();
    }
  } catch (err) {
    // A dropped connection ends the run; what was committed stays, the rest is read next time.
    yield { source: base, error: `IMAP failed: ${(err as Error).message}` };
  } finally {
    await client.logout().catch(() => undefined);
  }
}

async function* readFolder(
  client: ImapFlow,
  options: ImapSourceOptions,
  base: string,
): AsyncGenerator<SourceItem> {
  // UIDs first: no other command may run while a FETCH is being iterated.
  const uids = (await client.search({ all: true }, { uid: true })) || [];
  for (const uid of uids) {
    const source = `${base};UID=${uid}`;
    const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
    if (!message || !message.source) {
      yield { source, error: 'the message vanished before it could be read' };
      continue;
    }
    yield {
      source,
      bytes: message.source,
      settle: async (outcome: ItemOutcome) => {
        const invalid = outcome.ingested === 0 && outcome.duplicates === 0;
        const target = invalid ? options.invalidFolder : options.archiveFolder;
        try {
          if (invalid) {
            await client.messageFlagsAdd(String(uid), [REFUSED_KEYWORD], { uid: true });
          }
          await client.messageMove(String(uid), target, { uid: true });
          options.logger?.info('imap message moved', { source, target, refused: outcome.refused });
        } catch (err) {
          // Its reports are stored: left in place, the message is a duplicate on the next run.
          options.logger?.warn('imap message not moved', { source, target, error: String(err) });
        }
      },
    };
  }
}
