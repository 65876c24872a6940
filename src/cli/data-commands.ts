import { Command, InvalidArgumentError, Option } from 'commander';
import { ALL_ROLES, Role } from '../auth/roles';
import { DEFAULT_LANGUAGE } from '../common/language';
import { MAX_RECORD_BATCH } from '../subgraphs/records/findings/record.validation';
import { checkInputFile, checkOutputFile, count } from './arguments';
import { loadConfig } from '../config';
import { withRuntime, write } from './with-runtime';

/** Commands that load, import and export data: each module is loaded when its command runs. */

interface SeedOptions {
  subjects?: number;
  records?: number;
  archiveEntries?: number;
  seed: number;
}

async function seedDemo(): Promise<void> {
  const { loadDemoData } = await import('../seed/demo.js');
  await withRuntime(async (runtime) => {
    const loaded = await loadDemoData(runtime.services);
    write(
      `demo data loaded: ${loaded.subjects} subjects, ${loaded.records} records, ${loaded.listings} listings, ${loaded.archiveEntries} archive entries`,
    );
  });
}

/** Bulk loads set constraints aside and ANALYZE: the owner's work, not the hub role's. */
async function seedBulk(options: SeedOptions): Promise<void> {
  const { bulkSeed } = await import('../seed/bulk/index.js');
  const { bulkArchiveEntries } = await import('../seed/bulk/archive-entries.js');
  const progress = process.stderr.isTTY;
  await withRuntime(
    async (runtime) => {
      if (options.subjects || options.records) {
        const counts = { subjects: options.subjects ?? 0, records: options.records ?? 0 };
        const summary = await bulkSeed(runtime.services, { ...counts, seed: options.seed, progress, log: write });
        write(
          `seeded ${summary.subjects} subjects, ${summary.records} records, ${summary.listings} listings in ${summary.seconds.toFixed(1)} s (${Math.round(summary.rowsPerSecond)} rows/s)`,
        );
      }
      if (options.archiveEntries) {
        const entries = options.archiveEntries;
        const archives = await bulkArchiveEntries(runtime.services, {
          entries,
          seed: options.seed,
          progress,
          log: write,
        });
        write(
          `seeded ${archives.entries} archive entries in ${archives.seconds.toFixed(1)} s (${Math.round(archives.entries / Math.max(archives.seconds, 0.001))} rows/s)`,
        );
      }
    },
    { as: 'owner' },
  );
}

export function seedCommand(program: Command): void {
  program
    .command('seed')
    .description(
      'load the demo dataset (idempotent), or with --subjects/--records/--archive-entries a generated dataset at scale',
    )
    .option('--subjects <n>', 'generate this many subjects (bulk, COPY)', count)
    .option('--records <n>', 'generate this many records', count)
    .option('--archive-entries <n>', 'generate this many integrity-file entries for the civil servants', count)
    .option('--seed <n>', 'random seed: the same seed gives the same dataset', count, 1)
    .action((options: SeedOptions) => {
      const demo =
        options.subjects === undefined && options.records === undefined && options.archiveEntries === undefined;
      return demo ? seedDemo() : seedBulk(options);
    });
}

/** A database per subgraph: the chain in each (src/db/database-plan.ts); false for one database. */
async function migrateSeparateDatabases(): Promise<boolean> {
  const config = loadConfig();
  const { databasePlan, migrateEach } = await import('../db/database-plan.js');
  if (databasePlan(config).length < 2) return false;
  const { allEntities } = await import('../gateway/subgraphs.js');
  const { createLogger } = await import('../common/logger.js');
  for (const { parts, applied } of await migrateEach(config, allEntities(), createLogger(config.logLevel)))
    write(`${parts.join(', ')}: ${applied.length} migration(s) applied`);
  return true;
}

export function migrationCommands(program: Command): void {
  program
    .command('migrate')
    .description('apply pending migrations')
    .action(async () => {
      if (await migrateSeparateDatabases()) {
        write('migrations are current');
        return;
      }
      await withRuntime(async (runtime) => {
        if (!runtime.database.ownerUrl)
          throw new Error('migrations run as the schema owner: set MIGRATION_DATABASE_URL');
        write('migrations are current');
      });
    });
  program
    .command('migration')
    .description('development: generate a migration from the difference between entities and the database')
    .argument('<action>', 'create')
    .action(async (action: string) => {
      if (action !== 'create') throw new InvalidArgumentError('only "create" is supported');
      const { createMigration } = await import('./migration.js');
      return withRuntime(async (runtime) => createMigration(await runtime.ownerOrm()));
    });
}

/** Who an import or export acts as when not told: the credit office's own import system. */
export const DEFAULT_ACTING = { as: 'sgs-import', role: Role.CREDIT_OFFICE } as const;

/** --as/--role/--region/--org: the identity an import or export acts as (like a token's claims). */
function acting(command: Command): Command {
  return command
    .option('--as <system>', 'client system the rows are written as (idempotency is per system)', DEFAULT_ACTING.as)
    .addOption(
      new Option('--role <role>', 'role of that system').choices(ALL_ROLES as string[]).default(DEFAULT_ACTING.role),
    )
    .option('--region <prefix>', 'jurisdiction: division-code prefix (omit for national)')
    .option('--org <code>', "the system's own USCC");
}

function batchSize(value: string): number {
  const parsed = count(value);
  if (parsed < 1 || parsed > MAX_RECORD_BATCH) throw new InvalidArgumentError(`must be 1 to ${MAX_RECORD_BATCH}`);
  return parsed;
}

export function sgsCommands(program: Command): void {
  const importCommand = program.command('import').description('import data files');
  acting(importCommand.command('sgs'))
    .description(
      'import 双公示 administrative penalties from a CSV or XLSX file (docs/sgs.md); exit 2 when a row was rejected, 3 when the file exceeds IMPORT_MAX_*',
    )
    .argument('<file>', 'file.csv or file.xlsx')
    .option('--report <file>', 'write the row report (row, outcome, decision_no, record_id, item, error) as CSV')
    .option('--batch <n>', `rows per all-or-nothing write (at most ${MAX_RECORD_BATCH})`, batchSize, MAX_RECORD_BATCH)
    .addOption(
      new Option('--language <language>', 'language of the row report and header errors')
        .choices(['zh-CN', 'en'])
        .default(DEFAULT_LANGUAGE),
    )
    .action(async (file: string, options) => {
      checkInputFile(file);
      if (options.report) checkOutputFile(options.report);
      const { importSgsFile } = await import('./sgs.js');
      await withRuntime(async (runtime) => {
        const summary = await importSgsFile(
          runtime.services,
          file,
          { ...options, progress: process.stderr.isTTY },
          write,
        );
        if (summary.counts.REJECTED > 0) process.exitCode = 2;
      });
    });

  const exportCommand = program.command('export').description('export data files');
  acting(exportCommand.command('sgs'))
    .description('export the administrative penalties the identity may see as 双公示 CSV (docs/sgs.md)')
    .requiredOption('--out <file>', 'CSV file to write')
    .option('--mine', 'only the records the --as system pushed')
    .addOption(
      new Option('--header <names>', 'header row: cf_* names or Chinese item names')
        .choices(['cf', 'zh'])
        .default('cf'),
    )
    .action(async (options) => {
      checkOutputFile(options.out);
      const { exportSgsFile } = await import('./sgs.js');
      await withRuntime(async (runtime) => {
        await exportSgsFile(runtime.services, options.out, options, write);
      });
    });
}
