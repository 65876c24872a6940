import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from './bound';
import { pgArray } from './sql';

export type UpsertOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED';

export interface UpsertSpec {
  /** Schema-qualified table with a unique (source_system, external_id) and source_role, version, updated_at columns. */
  table: string;
  /** Columns written by a push, with their SQL types (must include external_id and content_hash). */
  columns: [string, string][];
  /** Where earlier versions go on an update: a table (record_id, version, content, changed_by). */
  historyTable?: string;
  /**
   * Further columns the INSERT and the UPDATE return for each row they write (a select list over the alias `t`),
   * given back as `row`: what the caller would otherwise read again right after the write.
   */
  returning?: string;
}

export interface UpsertResult {
  id: string;
  outcome: UpsertOutcome;
  /** The written row's `returning` columns (CREATED and UPDATED rows, when the spec has them). */
  row?: Record<string, unknown>;
}

export type UpsertRow = Record<string, unknown> & { external_id: string; content_hash: string };

/**
 * Idempotent batch write keyed on (pushing system, external id), inside the caller's
 * transaction: rows that exist with the same content hash are UNCHANGED, with another hash
 * UPDATED (version + 1, old version copied to the history table), new ones CREATED.
 * Concurrent pushes of the same batch are safe: existing rows are locked, new ones inserted
 * with ON CONFLICT DO NOTHING, and rows another transaction inserted meanwhile are then
 * locked and compared like existing ones. A fixed number of statements whatever the size.
 */
export async function upsertBySource(
  em: EntityManager,
  spec: UpsertSpec,
  source: { system: string; role: string },
  rows: UpsertRow[],
): Promise<Map<string, UpsertResult>> {
  const recordset = `jsonb_to_recordset(?::jsonb) AS x(${spec.columns.map(([c, t]) => `${c} ${t}`).join(', ')})`;
  const lockExisting = async (externalIds: string[]) =>
    executeBound<{ id: string; external_id: string; content_hash: string }>(
      em,
      `SELECT id::text, external_id, content_hash FROM ${spec.table} WHERE source_system = ?::text AND external_id = ANY(?::text[]) FOR UPDATE`,
      [source.system, pgArray(externalIds)],
    );

  const returning = `RETURNING t.id::text AS id, t.external_id${spec.returning ? `, ${spec.returning}` : ''}`;
  const result = new Map<string, UpsertResult>();
  const existing = new Map((await lockExisting(rows.map((r) => r.external_id))).map((r) => [r.external_id, r]));
  const fresh = rows.filter((row) => !existing.has(row.external_id));
  if (fresh.length > 0) {
    const inserted = await executeBound<{ id: string; external_id: string }>(
      em,
      `INSERT INTO ${spec.table} AS t (source_system, source_role, ${spec.columns.map(([c]) => c).join(', ')})
       SELECT ?::text, ?::text, ${spec.columns.map(([c]) => `x.${c}`).join(', ')} FROM ${recordset}
       ON CONFLICT (source_system, external_id) DO NOTHING ${returning}`,
      [source.system, source.role, JSON.stringify(fresh)],
    );
    for (const row of inserted) result.set(row.external_id, { id: row.id, outcome: 'CREATED', row });
    const raced = fresh.filter((row) => !result.has(row.external_id)).map((row) => row.external_id);
    if (raced.length > 0) for (const row of await lockExisting(raced)) existing.set(row.external_id, row);
  }
  const changed = rows.filter((row) => {
    const before = existing.get(row.external_id);
    if (!before || result.has(row.external_id)) return false;
    const same = before.content_hash === row.content_hash;
    result.set(row.external_id, { id: before.id, outcome: same ? 'UNCHANGED' : 'UPDATED' });
    return !same;
  });
  if (changed.length > 0) {
    const updated = await updateChanged(em, spec, source.system, changed, result, recordset, returning);
    for (const row of updated) result.get(row.external_id)!.row = row;
  }
  return result;
}

/** Changed rows: the old versions copied to the history table, then one UPDATE from the recordset. */
async function updateChanged(
  em: EntityManager,
  spec: UpsertSpec,
  system: string,
  changed: UpsertRow[],
  result: Map<string, UpsertResult>,
  recordset: string,
  returning: string,
) {
  if (spec.historyTable) {
    await executeBound(
      em,
      `INSERT INTO ${spec.historyTable} (record_id, version, content, changed_by)
       SELECT t.id, t.version, to_jsonb(t) - 'id', ?::text FROM ${spec.table} t WHERE t.id = ANY(?::bigint[])`,
      [system, pgArray(changed.map((row) => result.get(row.external_id)!.id))],
    );
  }
  return executeBound<{ id: string; external_id: string }>(
    em,
    `UPDATE ${spec.table} t SET ${spec.columns.map(([c]) => `${c} = x.${c}`).join(', ')}, version = t.version + 1, updated_at = now()
     FROM ${recordset} WHERE t.source_system = ?::text AND t.external_id = x.external_id ${returning}`,
    [JSON.stringify(changed), system],
  );
}
