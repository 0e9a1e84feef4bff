import type { Insertable, Kysely } from 'kysely';
import type { Database, QuarantineTable } from './schema.ts';

export type NewQuarantine = Omit<Insertable<QuarantineTable>, 'id'>;

/**
 * Records a refused input with its reason. The same bytes refused again (a re-run) are not
 * recorded twice: (digest, name) is unique and a conflict is ignored. Returns true when new.
 */
export async function addToQuarantine(
  db: Kysely<Database>,
  entry: NewQuarantine,
): Promise<boolean> {
  const result = await db
    .insertInto('quarantine')
    .values(entry)
    .onConflict((oc) => oc.columns(['digest', 'name']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Every quarantined input, newest first. */
export async function listQuarantine(
  db: Kysely<Database>,
  limit = 100,
): Promise<Array<{ source: string; name: string; reason: string; createdAt: number }>> {
  const rows = await db
    .selectFrom('quarantine')
    .select(['source', 'name', 'reason', 'created_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    source: r.source,
    name: r.name,
    reason: r.reason,
    createdAt: Number(r.created_at),
  }));
}
