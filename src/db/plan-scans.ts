import type { Knex } from 'knex';

/**
 * Reading query plans for the "plans at scale" checks (tests/records/plans-at-scale.test.ts and
 * `npm run bench:plans`, docs/deployment.md "Sizing"): which relations a statement scans and how.
 */

/** Tables that grow with the country: a hot finder may never read one whole. */
export const GROWING_TABLES =
  /^(subjects\.subject|records\.(credit_record|listing|listing_record|record_responsible|early_warning|interception_check|interception_report|joint_measure|commitment)|archives\.archive_entry|audit\.access_log.*)$/;

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Schema?: string;
  Plans?: PlanNode[];
}

/** Every scan of the plan tree, as `Node Type schema.relation`. */
export function scansOf(node: PlanNode): string[] {
  const own = node['Relation Name'] ? [`${node['Node Type']} ${node.Schema}.${node['Relation Name']}`] : [];
  return [...own, ...(node.Plans ?? []).flatMap(scansOf)];
}

/** The scans of one statement's plan (EXPLAIN without ANALYZE: nothing is executed, an INSERT writes nothing). */
export async function explainScans(knex: Knex, sql: string, bindings: readonly unknown[]): Promise<string[]> {
  const statement = knexPlaceholders(sql, bindings);
  const result = (await knex.raw(`EXPLAIN (FORMAT JSON, VERBOSE) ${statement.sql}`, statement.bindings)) as {
    rows: { 'QUERY PLAN': { Plan: PlanNode }[] }[];
  };
  return scansOf(result.rows[0]['QUERY PLAN'][0].Plan);
}

/**
 * A statement as knex's `query` event gave it, in knex.raw's `?` form: a statement sent bound (db/bound.ts) is
 * announced in PostgreSQL's own `$n` form, which knex.raw would not read (a `$n` may repeat or come out of order).
 */
function knexPlaceholders(sql: string, bindings: readonly unknown[]): { sql: string; bindings: Knex.RawBinding[] } {
  if (!bindings.length || !/\$\d/.test(sql)) return { sql, bindings: bindings as Knex.RawBinding[] };
  const ordered: Knex.RawBinding[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    ordered.push(bindings[Number(n) - 1] as Knex.RawBinding);
    return '?';
  });
  return { sql: text, bindings: ordered };
}

/**
 * Tables with at least `minRows` rows by the planner's estimate (ANALYZEd): only a table that is
 * big in the dataset at hand shows whether a finder reads it whole; a small one is rightly
 * read whole by the planner.
 */
export async function bigTables(knex: Knex, minRows: number): Promise<Set<string>> {
  const result = (await knex.raw(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND c.reltuples >= ?`,
    [minRows],
  )) as { rows: { name: string }[] };
  return new Set(result.rows.map((row) => row.name));
}

/** The growing tables among `scans` that are read with a sequential scan while big. */
export function seqScansOfGrowing(scans: readonly string[], big: ReadonlySet<string>): string[] {
  return scans
    .filter((scan) => scan.startsWith('Seq Scan '))
    .map((scan) => scan.slice('Seq Scan '.length))
    .filter((name) => GROWING_TABLES.test(name) && big.has(name));
}

/** Whether a statement reads or writes rows (EXPLAIN makes sense of it): not BEGIN, SET, COMMIT. */
export function isPlannable(sql: string): boolean {
  return /^\s*(select|with|insert|update|delete)\b/i.test(sql);
}

/**
 * Collects every statement sent through `knex` while `work` runs (with its bindings), for EXPLAIN
 * afterwards. Not for concurrent use: the listener sees all of the pool's queries.
 */
export async function captureStatements<T>(
  knex: Knex,
  work: () => Promise<T>,
): Promise<{ result: T; statements: { sql: string; bindings: unknown[] }[] }> {
  const statements: { sql: string; bindings: unknown[] }[] = [];
  const listen = (query: { sql: string; bindings?: unknown[] }) =>
    statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
  knex.on('query', listen);
  try {
    const result = await work();
    return { result, statements: statements.filter((s) => isPlannable(s.sql)) };
  } finally {
    knex.removeListener('query', listen);
  }
}
