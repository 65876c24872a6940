import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../common/paths';
import type { Orm } from '../db/orm';

const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations');

/**
 * Generates a migration with MikroORM's migrator (entities vs. the migrated database),
 * writes it to migrations/ and lists it in migrations/index.ts.
 */
export async function createMigration(orm: Orm): Promise<void> {
  const result = await orm.getMigrator().createMigration(MIGRATIONS_DIR);
  if (!result.fileName) {
    process.stdout.write('no schema changes: no migration created\n');
    return;
  }
  const className = path.basename(result.fileName, '.ts');
  const indexFile = path.join(MIGRATIONS_DIR, 'index.ts');
  const index = fs
    .readFileSync(indexFile, 'utf8')
    .replace(/^(import type .*\n)/m, `$1import { ${className} } from './${className}';\n`)
    .replace(
      /(export const migrationsList: MigrationObject\[\] = \[)([^\]]*)(\];)/,
      (_m, open: string, body: string, close: string) => {
        const entries = body.trim() ? `${body.trimEnd()}\n` : '\n';
        return `${open}${entries}  { name: '${className}', class: ${className} },\n${close}`;
      },
    );
  fs.writeFileSync(indexFile, index);
  process.stdout.write(`created migrations/${result.fileName}\n`);
}
