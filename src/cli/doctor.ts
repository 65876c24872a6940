import { Client } from 'pg';
import { CLIENT_ENTITIES } from '../auth/client.entity';
import { createLogger } from '../common/logger';
import { loadConfig, type HubConfig } from '../config';
import { describeConfig } from '../config/describe';
import { openDatabase, redactUrl, type Database } from '../db/database';
import { openOrm, type Orm } from '../db/orm';
import { auditFoldersFor, databasePlan, type PlannedDatabase } from '../db/database-plan';
import { runtimeRoleProblems } from '../db/roles';
import { auditVerify } from './audit';
import { replicaFindings } from './doctor-replicas';

type Write = (line: string) => void;

/** One check's outcome: a line to print, and whether something is wrong. */
interface Finding {
  line: string;
  problem: boolean;
}

const ok = (line: string): Finding => ({ line, problem: false });
const problem = (line: string): Finding => ({ line: `PROBLEM ${line}`, problem: true });
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function reach(database: Database): Promise<Finding> {
  const client = new Client({ connectionString: database.url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const [row] = (await client.query<{ server_version: string }>('SHOW server_version')).rows;
    const cluster = database.cluster;
    const how = !cluster
      ? 'DATABASE_URL'
      : `embedded, postmaster pid ${cluster.pid} port ${cluster.port}, ` +
        (cluster.attached ? 'run by another credit-hub process' : 'started for this check and stopped after it');
    return ok(`database: reached ${redactUrl(database.url)} (PostgreSQL ${row.server_version}; ${how})`);
  } catch (error) {
    return problem(`database: ${redactUrl(database.url)} not reached: ${messageOf(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Applied and pending migrations, read as the schema owner (the hub's role when no owner is configured). */
async function migrations(database: Database): Promise<Finding> {
  let orm: Orm | undefined;
  try {
    orm = await openOrm(database.ownerUrl ?? database.url, CLIENT_ENTITIES, { pool: { min: 0, max: 1 } });
    const migrator = orm.getMigrator();
    const applied = await migrator.getExecutedMigrations();
    const pending = await migrator.getPendingMigrations();
    if (pending.length > 0)
      return problem(
        `migrations: ${applied.length} applied, ${pending.length} pending (${pending.map((m) => m.name).join(', ')}): ` +
          'run `credit-hub migrate`',
      );
    return ok(`migrations: ${applied.length} applied, none pending (last ${applied.at(-1)?.name ?? '-'})`);
  } catch (error) {
    return problem(`migrations: not readable: ${messageOf(error)}`);
  } finally {
    await orm?.close(true);
  }
}

/** The hub's role (least privilege) and the access log's chains, as `audit verify` checks them. */
async function hubRoleAndAudit(config: HubConfig, database: Database): Promise<Finding[]> {
  let orm: Orm | undefined;
  try {
    orm = await openOrm(database.url, CLIENT_ENTITIES, { pool: { min: 0, max: 2 } });
    const roleProblems = await runtimeRoleProblems(orm.em.fork());
    const role =
      roleProblems.length === 0
        ? ok('role: the hub connects least-privileged')
        : (config.production ? problem : ok)(`role: ${roleProblems.join('; ')} (docs/audit.md, Roles)`);
    const lines: string[] = [];
    const intact = await auditVerify({ orm, config }, (line) => lines.push(line));
    const audit = intact ? ok(`audit: ${lines.join('\n')}`) : problem(`audit: ${lines.join('\n')}`);
    return [role, audit];
  } catch (error) {
    return [problem(`audit: not verified: ${messageOf(error)}`)];
  } finally {
    await orm?.close(true);
  }
}

async function databaseFindings(config: HubConfig, placed?: PlannedDatabase): Promise<Finding[]> {
  let database: Database;
  try {
    database = await openDatabase(config, createLogger('warn'), placed);
  } catch (error) {
    return [problem(`database: not opened: ${messageOf(error)}`)];
  }
  try {
    const reached = await reach(database);
    if (reached.problem) return [reached];
    const migrated = await migrations(database);
    if (migrated.problem) return [reached, migrated];
    // Replicas are DATABASE_URL's; each database's log has its own checkpoint folder (database-plan.ts).
    const replicas = placed && placed.url !== config.databaseUrl ? [] : await replicaFindings(config);
    return [reached, migrated, ...(await hubRoleAndAudit(auditFoldersFor(config, placed), database)), ...replicas];
  } finally {
    await database.stop();
  }
}

/** Every database of a database-per-subgraph deployment in turn, each under a line naming what it holds. */
async function everyDatabase(config: HubConfig): Promise<Finding[]> {
  let plan: PlannedDatabase[];
  try {
    plan = databasePlan(config);
  } catch (error) {
    return [problem(`databases: ${messageOf(error)}`)];
  }
  if (plan.length < 2) return databaseFindings(config);
  const findings: Finding[] = [];
  for (const placed of plan)
    findings.push(ok(`database of ${placed.parts.join(', ')}:`), ...(await databaseFindings(config, placed)));
  return findings;
}

/**
 * `credit-hub doctor`: the configuration in force (secrets masked), the database reached, the
 * migrations applied and pending, the hub role's privileges and the access log's chains.
 * Returns false (exit 1) when anything is wrong.
 */
export async function doctor(write: Write): Promise<boolean> {
  let config: HubConfig;
  try {
    config = loadConfig();
  } catch (error) {
    write(`PROBLEM configuration: ${messageOf(error)}`);
    write('发现 1 个问题 (1 problem)');
    return false;
  }
  write('configuration in force:');
  for (const [name, value] of describeConfig(config)) write(`  ${name}: ${value}`);
  const findings = await everyDatabase(config);
  for (const finding of findings) write(finding.line);
  const problems = findings.filter((finding) => finding.problem).length;
  write(problems === 0 ? '一切正常 (all checks passed)' : `发现 ${problems} 个问题 (${problems} problem(s))`);
  return problems === 0;
}
