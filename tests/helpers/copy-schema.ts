import { Client } from 'pg';

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * Copies every row of one schema's tables from one database to another whose chain has created
 * the same tables (both URLs a superuser's): the test moves the demo data a hub loaded in one
 * database into the database of the subgraph that owns it. Foreign keys are checked by neither
 * side meanwhile (`session_replication_role`), and the sequences continue where the source's stand.
 */
export async function copySchema(fromUrl: string, toUrl: string, schema: string): Promise<number> {
  const [from, to] = await Promise.all([connect(fromUrl), connect(toUrl)]);
  let rows = 0;
  try {
    const tables = await from.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
      [schema],
    );
    await to.query('BEGIN');
    await to.query('SET LOCAL session_replication_role = replica');
    for (const { name } of tables.rows) {
      const table = `"${schema}"."${name}"`;
      const columns = (
        await to.query<{ column: string }>(
          `SELECT quote_ident(column_name) AS column FROM information_schema.columns
            WHERE table_schema = $1 AND table_name = $2 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
          [schema, name],
        )
      ).rows.map((r) => r.column);
      const list = columns.join(', ');
      const [{ data }] = (await from.query(`SELECT coalesce(json_agg(x), '[]') AS data FROM ${table} x`)).rows;
      const inserted = await to.query(
        `INSERT INTO ${table} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM json_populate_recordset(null::${table}, $1)`,
        [JSON.stringify(data)],
      );
      rows += inserted.rowCount ?? 0;
    }
    const sequences = await from.query<{ name: string; value: string }>(
      `SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename) AS name, last_value::text AS value
         FROM pg_sequences WHERE schemaname = $1 AND last_value IS NOT NULL`,
      [schema],
    );
    for (const { name, value } of sequences.rows) await to.query('SELECT setval($1, $2)', [name, value]);
    await to.query('COMMIT');
    return rows;
  } finally {
    await Promise.all([from.end(), to.end()]);
  }
}
