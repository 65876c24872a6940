/** The SQL of a bulk load around the COPY streams: serials, id ranges, and what is set aside for a large load. */
import type { Client } from 'pg';
import { BODY_PREFIX, serialOfBody } from './serials';

/** First free organization serial: one past the largest 'MA' body serial already registered. */
export async function nextOrganizationSerial(client: Client): Promise<number> {
  const { rows } = await client.query<{ top: string | null }>(
    `SELECT max(substr(code_key, 11, 6) COLLATE "C") AS top FROM subjects.subject
     WHERE kind <> 'PUBLIC_SERVANT' AND length(code_key) = 18 AND substr(code_key, 9, 2) = $1`,
    [BODY_PREFIX],
  );
  const top = rows[0]?.top;
  if (!top) return 0;
  const serial = serialOfBody(top);
  if (!Number.isFinite(serial)) throw new Error(`unexpected organization body serial "${top}"`);
  return serial + 1;
}

/** Look-up keys of the persons already registered: generated numbers must not repeat them. */
export async function existingPersonKeys(client: Client): Promise<Set<string>> {
  const { rows } = await client.query<string[]>({
    text: `SELECT code_key FROM subjects.subject WHERE kind = 'PUBLIC_SERVANT'`,
    rowMode: 'array',
  });
  return new Set(rows.map((row) => row[0]!));
}

/** Reserves `count` ids of the table's sequence (the table is locked against other inserts). */
export async function reserveIds(client: Client, table: string, count: number): Promise<number> {
  const {
    rows: [{ seq }],
  } = await client.query<{ seq: string }>(`SELECT pg_get_serial_sequence($1, 'id') AS seq`, [table]);
  if (count === 0) {
    // Nothing to reserve; report the next id without consuming it.
    const {
      rows: [{ next }],
    } = await client.query<{ next: string }>(
      `SELECT (CASE WHEN is_called THEN last_value + 1 ELSE last_value END)::text AS next FROM ${seq}`,
    );
    return Number(next);
  }
  const {
    rows: [{ first }],
  } = await client.query<{ first: string }>('SELECT nextval($1::regclass)::text AS first', [seq]);
  const start = Number(first);
  await client.query('SELECT setval($1::regclass, $2::bigint)', [seq, String(start + count - 1)]);
  return start;
}

/** A secondary index or foreign key set aside for a large load, and how to put it back. */
export interface SetAside {
  name: string;
  kind: 'index' | 'foreign key';
  restore: string;
}

/**
 * For a large load into `tables`: drops their secondary indexes (neither primary key, unique
 * nor backing a constraint) and the foreign keys declared on them, returning the statements
 * that recreate them exactly as the migrations made them (pg_indexes.indexdef,
 * pg_get_constraintdef). Re-adding a foreign key validates every row in one join, where
 * keeping it costs a trigger query per inserted row (about 15 s per million subjects here).
 * Unique constraints and primary keys stay: they guard correctness during the load.
 */
export async function setAsideForLargeLoad(
  client: Client,
  tables: string[],
  adding: number,
  threshold: number,
): Promise<SetAside[]> {
  if (adding <= threshold) return [];
  const setAside: SetAside[] = [];
  for (const table of tables) {
    const [schema, name] = table.split('.') as [string, string];
    const {
      rows: [{ estimate }],
    } = await client.query<{ estimate: number }>(
      `SELECT greatest(c.reltuples, 0)::float8 AS estimate FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
      [schema, name],
    );
    // Adding little to a big table: maintaining the indexes is cheaper than rebuilding them.
    if (adding < estimate / 4) continue;
    const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
        JOIN pg_namespace n ON n.nspname = i.schemaname
        JOIN pg_class ic ON ic.relname = i.indexname AND ic.relnamespace = n.oid
        JOIN pg_index x ON x.indexrelid = ic.oid
       WHERE i.schemaname = $1 AND i.tablename = $2
         AND NOT x.indisprimary AND NOT x.indisunique
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ic.oid)
       ORDER BY i.indexname`,
      [schema, name],
    );
    for (const index of indexes) {
      await client.query(`DROP INDEX ${quoteIdent(schema)}.${quoteIdent(index.indexname)}`);
      setAside.push({ name: `${schema}.${index.indexname}`, kind: 'index', restore: index.indexdef });
    }
    const { rows: foreignKeys } = await client.query<{ conname: string; definition: string }>(
      `SELECT c.conname, pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = $1 AND t.relname = $2 AND c.contype = 'f' ORDER BY c.conname`,
      [schema, name],
    );
    const qualified = `${quoteIdent(schema)}.${quoteIdent(name)}`;
    for (const fk of foreignKeys) {
      await client.query(`ALTER TABLE ${qualified} DROP CONSTRAINT ${quoteIdent(fk.conname)}`);
      setAside.push({
        name: `${schema}.${fk.conname}`,
        kind: 'foreign key',
        restore: `ALTER TABLE ${qualified} ADD CONSTRAINT ${quoteIdent(fk.conname)} ${fk.definition}`,
      });
    }
  }
  return setAside;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Lets a load into `tables` COPY with FREEZE, when it can: FREEZE needs the tables truncated
 * in the loading transaction, so only when they and every table whose foreign keys reach
 * them are empty (checked again under an exclusive lock) are they truncated, which removes
 * nothing. Frozen rows are written once, visible to all and marked all-visible: no hint-bit
 * rewrite of every page at the first read, and the VACUUM after the load has nothing to do.
 * Returns whether the tables were truncated (COPY them WITH (FREEZE)).
 */
export async function truncateForFreeze(client: Client, tables: string[]): Promise<boolean> {
  const { rows } = await client.query<{ name: string }>(
    `WITH RECURSIVE reach(oid) AS (
       SELECT unnest($1::regclass[])::oid
       UNION SELECT c.conrelid FROM pg_constraint c JOIN reach r ON c.confrelid = r.oid WHERE c.contype = 'f')
     SELECT oid::regclass::text AS name FROM reach ORDER BY 1`,
    [tables],
  );
  const reached = rows.map((row) => row.name).join(', ');
  if (!(await allEmpty(client, rows))) return false;
  await client.query(`LOCK TABLE ${reached} IN ACCESS EXCLUSIVE MODE`);
  if (!(await allEmpty(client, rows))) return false;
  await client.query(`TRUNCATE ${reached}`);
  return true;
}

async function allEmpty(client: Client, tables: { name: string }[]): Promise<boolean> {
  const {
    rows: [{ empty }],
  } = await client.query<{ empty: boolean }>(
    `SELECT ${tables.map((t) => `NOT EXISTS (SELECT 1 FROM ${t.name})`).join(' AND ')} AS empty`,
  );
  return empty;
}
