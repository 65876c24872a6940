import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The PostgreSQL role the hub runs as (granted by Migration20261201100000): DML on the hub's
 * tables, INSERT and SELECT only on the access log, no DDL. A deployment logs in as this role
 * or as a member of it; migrations run as the schema owner (MIGRATION_DATABASE_URL).
 */
export const APP_ROLE = 'credit_hub_app';

/** Creates (or re-enables) APP_ROLE as a login role with `password`; run as a superuser. */
export function appLoginSql(password: string): string {
  const literal = `'${password.replace(/'/g, "''")}'`;
  return `DO $$ BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN ALTER ROLE ${APP_ROLE} LOGIN PASSWORD ${literal};
    ELSE CREATE ROLE ${APP_ROLE} LOGIN PASSWORD ${literal}; END IF; END $$`;
}

/**
 * What the hub's connection could do that its role should not: a hub that can rewrite the
 * log (superuser, owner of the log, UPDATE/DELETE/TRUNCATE on it or on one of its monthly
 * partitions) makes the log's guarantees depend on the hub alone. Empty when least-privileged.
 */
export async function runtimeRoleProblems(em: EntityManager): Promise<string[]> {
  const [row] = (await em.execute(
    `SELECT current_user AS name, r.rolsuper AS superuser,
            pg_has_role(current_user, c.relowner, 'USAGE') AS owner,
            EXISTS (SELECT FROM pg_class t WHERE (t.oid = c.oid OR t.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = c.oid))
              AND (has_table_privilege(t.oid, 'UPDATE') OR has_table_privilege(t.oid, 'DELETE')
                   OR has_table_privilege(t.oid, 'TRUNCATE'))) AS rewrites
       FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'audit.access_log'::regclass`,
  )) as { name: string; superuser: boolean; owner: boolean; rewrites: boolean }[];
  const problems: string[] = [];
  if (row.superuser) problems.push(`role ${row.name} is a superuser`);
  else if (row.owner) problems.push(`role ${row.name} owns the access log`);
  else if (row.rewrites) problems.push(`role ${row.name} may UPDATE, DELETE or TRUNCATE the access log`);
  return problems;
}
