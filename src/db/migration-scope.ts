import type { Migration } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';

/** The PostgreSQL schemas of the hub and who owns each (docs/deployment.md, "Database per subgraph"). */
export const OWNED_SCHEMAS = {
  subjects: ['subjects'],
  records: ['records'],
  archives: ['archives'],
  // The client registry and the shared rate limits: the gateway's (and the CLI's `client` commands).
  gateway: ['access'],
} as const;
export type HubPart = keyof typeof OWNED_SCHEMAS;

/**
 * In every database: the access log (each service appends the reads it serves), the roles and
 * grants, extensions, and the migrator's own bookkeeping in `public`.
 */
export const SHARED_SCHEMAS = ['audit', 'public'] as const;

const HUB_SCHEMAS = [...Object.values(OWNED_SCHEMAS).flat(), 'audit'];
const QUALIFIED = new RegExp(`(?<![\\w.])"?(${HUB_SCHEMAS.join('|')})"?\\.(?=["\\w])`, 'gi');
const SCHEMA_NAMED = new RegExp(`\\bschema\\s+(?:if\\s+(?:not\\s+)?exists\\s+)?"?(${HUB_SCHEMAS.join('|')})\\b`, 'gi');

/** The owned schemas a statement names (`"records".x`, `records.x`, `create schema "records"`, `on schema records`). */
export function schemasNamed(sql: string): Set<string> {
  const names = new Set<string>();
  for (const pattern of [QUALIFIED, SCHEMA_NAMED])
    for (const match of sql.matchAll(pattern)) names.add(match[1].toLowerCase());
  return names;
}

/** The schemas a database holds that hosts `parts`: theirs and the shared ones. */
export function schemasFor(parts: readonly HubPart[]): ReadonlySet<string> {
  return new Set<string>([...SHARED_SCHEMAS, ...parts.flatMap((part) => OWNED_SCHEMAS[part])]);
}

/**
 * The migration chain as one database runs it: every migration, in order (each is recorded as
 * applied, so every database has the same history), with only the statements whose schemas the
 * database holds; a statement naming none of the hub's schemas (roles, extensions, grants that
 * loop over what exists) runs everywhere. `hosted` undefined: everything (one database).
 */
export function scopedMigrations(list: MigrationObject[], hosted?: ReadonlySet<string>): MigrationObject[] {
  if (!hosted) return list;
  const applies = (sql: unknown) => typeof sql !== 'string' || [...schemasNamed(sql)].every((s) => hosted.has(s));
  return list.map(({ name, class: Base }) => {
    type Queries = ReturnType<Migration['getQueries']>;
    const Scoped = class extends (Base as unknown as new (...args: never[]) => { getQueries(): Queries }) {
      override getQueries(): Queries {
        return super.getQueries().filter(applies);
      }
    };
    Object.defineProperty(Scoped, 'name', { value: name });
    return { name, class: Scoped as unknown as MigrationObject['class'] };
  });
}
