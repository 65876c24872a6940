#!/usr/bin/env node
import 'reflect-metadata';
import { Command, InvalidArgumentError, Option } from 'commander';
import { decodeJwt } from 'jose';
import { developmentTokens, loadConfig } from '../config';
import { claimsFromPayload } from '../auth/client-claims';
import { registerDevelopmentClient } from '../auth/development-clients';
import { clientCommands } from './client';
import { ALL_ROLES, isRole } from '../auth/roles';
import { issueDevelopmentToken } from '../auth/tokens';
import { openRuntime, type Runtime, type RuntimeOptions } from '../runtime';
import { loadDemoData } from '../seed/demo';
import { bulkSeed } from '../seed/bulk';
import { bulkArchiveEntries } from '../seed/bulk/archive-entries';
import { serve } from './serve';
import { writePermissionMatrix } from './permission-matrix';
import { writeSchemaFiles } from './schema';
import { createMigration } from './migration';
import { auditCheckpoint, auditKeygen, auditVerify } from './audit';
import { DEFAULT_ACTING, exportSgsFile, importSgsFile } from './sgs';
import { MAX_RECORD_BATCH } from '../subgraphs/records/findings/record.validation';
import { ImportLimitError } from '../subgraphs/records/disclosure/file-limits';

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535)
    throw new InvalidArgumentError('must be a port number');
  return parsed;
}

const write = (line: string) => process.stdout.write(`${line}\n`);

/** Runs a command that needs the database, then closes it. */
async function withRuntime(work: (runtime: Runtime) => Promise<void>, options: RuntimeOptions = {}) {
  const runtime = await openRuntime(loadConfig(), options);
  try {
    await work(runtime);
  } finally {
    await runtime.close();
  }
}

const program = new Command('credit-hub').description(
  'Federated GraphQL hub for government-integrity credit information',
);

program
  .command('serve')
  .description('run the hub: database (embedded unless DATABASE_URL), migrations, demo data when empty, gateway')
  .option('--port <port>', 'HTTP port (default: PORT or 4000)', port)
  .option('--subgraph <name>', 'split deployment: run only this subgraph (subjects, records, archives) as a service')
  .option('--gateway', 'split deployment: run only the gateway, over remote subgraphs (with --subgraphs)')
  .option('--subgraphs <list>', 'with --gateway: subjects=http://…/graphql,records=…,archives=…')
  .action((options) => serve(options));

program
  .command('migrate')
  .description('apply pending migrations')
  .action(() =>
    withRuntime(async (runtime) => {
      if (!runtime.database.ownerUrl) throw new Error('migrations run as the schema owner: set MIGRATION_DATABASE_URL');
      process.stdout.write('migrations are current\n');
    }),
  );

program
  .command('migration')
  .description('development: generate a migration from the difference between entities and the database')
  .argument('<action>', 'create')
  .action((action: string) => {
    if (action !== 'create') throw new InvalidArgumentError('only "create" is supported');
    return withRuntime(async (runtime) => createMigration(await runtime.ownerOrm()));
  });

function count(value: string): number {
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('must be a whole number');
  return parsed;
}

program
  .command('seed')
  .description(
    'load the demo dataset (idempotent), or with --subjects/--records/--archive-entries a generated dataset at scale',
  )
  .option('--subjects <n>', 'generate this many subjects (bulk, COPY)', count)
  .option('--records <n>', 'generate this many records', count)
  .option('--archive-entries <n>', 'generate this many integrity-file entries for the civil servants', count)
  .option('--seed <n>', 'random seed: the same seed gives the same dataset', count, 1)
  .action((options: { subjects?: number; records?: number; archiveEntries?: number; seed: number }) => {
    const demo =
      options.subjects === undefined && options.records === undefined && options.archiveEntries === undefined;
    // Bulk loads set constraints aside and ANALYZE: the owner's work, not the hub role's.
    return withRuntime(
      async (runtime) => {
        if (demo) {
          const loaded = await loadDemoData(runtime.services);
          write(
            `demo data loaded: ${loaded.subjects} subjects, ${loaded.records} records, ${loaded.listings} listings, ${loaded.archiveEntries} archive entries`,
          );
          return;
        }
        const progress = process.stderr.isTTY;
        if (options.subjects || options.records) {
          const summary = await bulkSeed(runtime.services, {
            subjects: options.subjects ?? 0,
            records: options.records ?? 0,
            seed: options.seed,
            progress,
            log: write,
          });
          write(
            `seeded ${summary.subjects} subjects, ${summary.records} records, ${summary.listings} listings in ${summary.seconds.toFixed(1)} s (${Math.round(summary.rowsPerSecond)} rows/s)`,
          );
        }
        if (options.archiveEntries) {
          const archives = await bulkArchiveEntries(runtime.services, {
            entries: options.archiveEntries,
            seed: options.seed,
            progress,
            log: write,
          });
          write(
            `seeded ${archives.entries} archive entries in ${archives.seconds.toFixed(1)} s (${Math.round(archives.entries / Math.max(archives.seconds, 0.001))} rows/s)`,
          );
        }
      },
      { as: demo ? 'app' : 'owner' },
    );
  });

program
  .command('token')
  .description(
    'print a development token (HS256 with JWT_SECRET or the development secret); in development mode its client is registered',
  )
  .addOption(new Option('--role <role>', 'role claim').choices(ALL_ROLES as string[]).makeOptionMandatory())
  .option('--region <prefix>', 'jurisdiction: division-code prefix (omit for the registered one)')
  .option('--org <code>', "caller's own USCC (or a person's ID number for SUBJECT)")
  .option('--sub <name>', 'client system (default dev-<role>)')
  .option('--expires <duration>', 'lifetime, e.g. 1h, 30m, 7d (at most JWT_MAX_LIFETIME)', '12h')
  .action(async (options) => {
    const config = loadConfig();
    if (!config.jwt.secret)
      throw new Error(
        'token needs JWT_SECRET (HS256); with a public key or JWKS, tokens come from your identity provider',
      );
    if (!isRole(options.role)) throw new InvalidArgumentError('unknown role');
    if (options.region && !/^\d{1,6}$/.test(options.region))
      throw new InvalidArgumentError('--region must be 1 to 6 digits');
    const claims = {
      role: options.role,
      region: options.region,
      org: options.org,
      sub: options.sub,
      issuer: config.jwt.issuer,
      expiresIn: options.expires,
    };
    const token = await issueDevelopmentToken(config.jwt.secret, claims);
    claimsFromPayload(decodeJwt(token), config.jwt.maxLifetimeSeconds);
    if (developmentTokens(config)) {
      await withRuntime((runtime) =>
        registerDevelopmentClient(runtime.services.clients, config, claims).then(() => undefined),
      );
    } else {
      process.stderr.write(
        'note: outside development mode the client is not registered here: use `credit-hub client add` (docs/clients.md)\n',
      );
    }
    process.stdout.write(`${token}\n`);
  });

clientCommands(program, (work) => withRuntime((runtime) => work(runtime.services.clients)));

const audit = program.command('audit').description('the access log (docs/audit.md)');
audit
  .command('verify')
  .description('check every hash chain with the HMAC keys and against the signed checkpoints; exit 2 on any problem')
  .action(() =>
    withRuntime(async (runtime) => {
      if (!(await auditVerify(runtime.services, write))) process.exitCode = 2;
    }),
  );
audit
  .command('checkpoint')
  .description('sign every chain head now and write the checkpoint into AUDIT_CHECKPOINT_DIR')
  .action(() => withRuntime((runtime) => auditCheckpoint(runtime.services, write)));
audit
  .command('keygen')
  .description('print a new HMAC key and Ed25519 key pair for the access log (nothing is stored)')
  .option('--kid <id>', 'key id of the HMAC key', `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`)
  .action((options: { kid: string }) => auditKeygen(options.kid, write));

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

const importCommand = program.command('import').description('import data files');
acting(importCommand.command('sgs'))
  .description(
    'import 双公示 administrative penalties from a CSV or XLSX file (docs/sgs.md); exit 2 when a row was rejected, 3 when the file exceeds IMPORT_MAX_*',
  )
  .argument('<file>', 'file.csv or file.xlsx')
  .option('--report <file>', 'write the row report (row, outcome, decision_no, record_id, item, error) as CSV')
  .option('--batch <n>', `rows per all-or-nothing write (at most ${MAX_RECORD_BATCH})`, batchSize, MAX_RECORD_BATCH)
  .action((file: string, options) =>
    withRuntime(async (runtime) => {
      const summary = await importSgsFile(
        runtime.services,
        file,
        { ...options, progress: process.stderr.isTTY },
        (line) => process.stdout.write(`${line}\n`),
      );
      if (summary.counts.REJECTED > 0) process.exitCode = 2;
    }),
  );

const exportCommand = program.command('export').description('export data files');
acting(exportCommand.command('sgs'))
  .description('export the administrative penalties the identity may see as 双公示 CSV (docs/sgs.md)')
  .requiredOption('--out <file>', 'CSV file to write')
  .option('--mine', 'only the records the --as system pushed')
  .addOption(
    new Option('--header <names>', 'header row: cf_* names or Chinese item names').choices(['cf', 'zh']).default('cf'),
  )
  .action((options) =>
    withRuntime(async (runtime) => {
      await exportSgsFile(runtime.services, options.out, options, (line) => process.stdout.write(`${line}\n`));
    }),
  );

program
  .command('schema')
  .description('write each subgraph SDL and the composed supergraph SDL into schema/, and docs/permissions.md')
  .action(async () => {
    const written = await writeSchemaFiles();
    await writePermissionMatrix();
    process.stdout.write(`wrote ${written.map((name) => `schema/${name}`).join(', ')}, docs/permissions.md\n`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`credit-hub: ${(error as Error).message}\n`);
  // 3: a file refused by the import limits (nothing written); 1: anything else.
  process.exit(error instanceof ImportLimitError ? 3 : 1);
});
