#!/usr/bin/env node
import 'reflect-metadata';
import { Command, Option } from 'commander';
import { ALL_ROLES } from '../auth/roles';
import { clientCommands } from './client';
import { port } from './arguments';
import { migrationCommands, seedCommand, sgsCommands } from './data-commands';
import { withRuntime, write } from './with-runtime';
import { SUBGRAPH_DATABASES, type SubgraphDatabase } from '../config/databases';

// Every command loads what it needs when it runs (`await import`): `token`, `doctor` and
// `--help` do not load the gateway and the subgraphs.

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
  .option('--subjects-service <url>', 'with --subgraph records|archives: the subjects service (subject directory API)')
  .action(async (options) => (await import('./serve.js')).serve(options));

migrationCommands(program);
seedCommand(program);

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
  .action(async (options) => (await import('./token.js')).tokenCommand(options));

program
  .command('doctor')
  .description(
    'print the configuration in force (secrets masked), the database reached, migrations applied and pending, the access log chains; exit 1 when something is wrong',
  )
  .action(async () => {
    if (!(await (await import('./doctor.js')).doctor(write))) process.exitCode = 1;
  });

// The client registry is the gateway's (schema access, in DATABASE_URL's database).
clientCommands(program, (work) => withRuntime((runtime) => work(runtime.services.clients), { part: 'gateway' }));

const audit = program.command('audit').description('the access log (docs/audit.md)');
// A database per subgraph: each database has its own log; --subgraph names which (docs/deployment.md).
const LOG_OF = new Option('--subgraph <name>', "the log in this subgraph's database").choices(SUBGRAPH_DATABASES);
const logOf = (options: { subgraph?: SubgraphDatabase }) => ({ part: options.subgraph });
audit
  .command('verify')
  .description('check every hash chain with the HMAC keys and against the signed checkpoints; exit 2 on any problem')
  .addOption(LOG_OF)
  .action(async (options) => {
    const { auditVerify } = await import('./audit.js');
    await withRuntime(async (runtime) => {
      if (!(await auditVerify(runtime.services, write))) process.exitCode = 2;
    }, logOf(options));
  });
audit
  .command('checkpoint')
  .description('sign every chain head now and write the checkpoint into AUDIT_CHECKPOINT_DIR')
  .addOption(LOG_OF)
  .action(async (options) => {
    const { auditCheckpoint } = await import('./audit.js');
    await withRuntime((runtime) => auditCheckpoint(runtime.services, write), logOf(options));
  });
audit
  .command('maintain')
  .description("create the access log's monthly partitions: the current month and AUDIT_PARTITION_MONTHS_AHEAD more")
  .addOption(LOG_OF)
  .action(async (options) => {
    const { auditMaintain } = await import('./audit.js');
    await withRuntime((runtime) => auditMaintain(runtime.services, write), logOf(options));
  });
audit
  .command('archive')
  .description('export months past AUDIT_RETENTION_MONTHS to signed files in AUDIT_ARCHIVE_DIR, then drop them')
  .option('--before <YYYY-MM>', 'archive the months before this one (not later than the retention allows)')
  .addOption(LOG_OF)
  .action(async (options: { before?: string; subgraph?: SubgraphDatabase }) => {
    const { auditArchive } = await import('./audit.js');
    await withRuntime((runtime) => auditArchive(runtime, write, options.before), logOf(options));
  });
audit
  .command('keygen')
  .description('print a new HMAC key and Ed25519 key pair for the access log (nothing is stored)')
  .option('--kid <id>', 'key id of the HMAC key', `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`)
  .action(async (options: { kid: string }) => (await import('./audit.js')).auditKeygen(options.kid, write));

sgsCommands(program);

const lists = program.command('lists').description('the lists (名单, docs/lists.md)');
lists
  .command('expire')
  .description('end the listings past their endsOn: lift their joint measures, close their warnings, tell watchers')
  .action(async () => {
    const { expireListingsNow } = await import('../subgraphs/records/lists/listing-expiry.js');
    await withRuntime(async (runtime) => {
      const done = await expireListingsNow(runtime.services);
      write(`expired ${done.listings} listing(s), lifted ${done.measures} joint measure(s)`);
    });
  });

program
  .command('schema')
  .description('write each subgraph SDL and the composed supergraph SDL into schema/, and docs/permissions.md')
  .action(async () => {
    const written = await (await import('./schema.js')).writeSchemaFiles();
    await (await import('./permission-matrix.js')).writePermissionMatrix();
    write(`wrote ${written.map((name) => `schema/${name}`).join(', ')}, docs/permissions.md`);
  });

/** 3: a file refused by the import limits (nothing written); 1: anything else. */
async function exitCodeOf(error: unknown): Promise<number> {
  const { ImportLimitError } = await import('../subgraphs/records/disclosure/file-limits.js');
  return error instanceof ImportLimitError ? 3 : 1;
}

program.parseAsync(process.argv).catch(async (error: unknown) => {
  // Some libraries reject with no value at all: still say something useful.
  const message = error instanceof Error ? error.message : `unexpected failure: ${String(error)}`;
  process.stderr.write(`credit-hub: ${message}\n`);
  process.exit(await exitCodeOf(error));
});
