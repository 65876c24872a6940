import { useAuditKey } from './audit/current-key';
import { openAccessLog } from './audit/chain-heads';
import { GatewaySigner } from './auth/gateway-signature';
import { DIRECTORY_AUDIENCE, RemoteSubjectDirectory } from './common/remote-subject-directory';
import type { HubConfig } from './config';
import { TokenVerifier } from './auth/tokens';
import { ClientRegistry } from './auth/client-registry';
import { createLogger, type Logger } from './common/logger';
import type { HubServices } from './services';
import { openDatabase, type Database } from './db/database';
import { auditFoldersFor, placeProcess } from './db/database-plan';
import type { HubPart } from './db/migration-scope';
import { migrate, openOrm, replicaOptions, type Orm } from './db/orm';
import { runtimeRoleProblems } from './db/roles';
import { allEntities } from './gateway/subgraphs';
import { PiiProtector } from './identity/pii';
import { SubjectKeys } from './identity/subject-keys';
import { loadCreditPolicy } from './subgraphs/records/policy/credit-policy';
import { loadEvaluationConfig } from './subgraphs/records/policy/evaluation-config';
import { loadInterceptionPolicy } from './subgraphs/records/policy/interception';
import { loadListRules } from './subgraphs/records/lists/list-rules';
import { InProcessSubjectDirectory } from './subgraphs/subjects/subject-directory';

export interface Runtime {
  services: HubServices;
  database: Database;
  /** The schema owner's ORM (migrations, resets, bulk loads): opened on first use, closed with the runtime. */
  ownerOrm(): Promise<Orm>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  logger?: Logger;
  migrate?: boolean;
  /** `owner`: services run on the owner's connection (bulk loads and benchmark set-up, which change tables). */
  as?: 'app' | 'owner';
  /**
   * Base URL of the subjects service: the subject directory is its API (split deployment:
   * the records and archives services). Unset = the registry's tables in this process.
   */
  subjectsService?: string;
  /**
   * The part of the hub this process serves (a subgraph service; `gateway`: the client registry):
   * it opens that part's database. Unset = every part, which needs them all in one database.
   */
  part?: HubPart;
}

/** The subject directory of this process (docs/deployment.md, "The subject directory"). */
function directoryFactory(
  config: HubConfig,
  keys: SubjectKeys,
  subjectsService?: string,
): HubServices['subjectDirectory'] {
  if (!subjectsService) return (em) => new InProcessSubjectDirectory(em, keys);
  const signer = new GatewaySigner(config.gatewaySecret, DIRECTORY_AUDIENCE);
  return (_em, caller) => new RemoteSubjectDirectory(subjectsService, signer, caller);
}

/** The hub's connection is least-privileged, or (outside production) it says loudly that it is not. */
async function checkRole(orm: Orm, config: HubConfig, logger: Logger): Promise<void> {
  const problems = await runtimeRoleProblems(orm.em.fork());
  if (problems.length === 0) return;
  const message = `DATABASE_URL is not least-privileged (${problems.join('; ')}): use the role credit_hub_app (docs/audit.md)`;
  if (config.production) throw new Error(`NODE_ENV=production: ${message}`);
  logger.warn(message);
}

/** Policy and evaluation-config errors stop start-up before anything else is opened. */
function loadPolicies() {
  const creditPolicy = loadCreditPolicy();
  const evaluation = loadEvaluationConfig();
  const interception = loadInterceptionPolicy(
    undefined,
    creditPolicy.scoring.levels.map((l) => l.level),
  );
  const listRules = loadListRules();
  return { creditPolicy, evaluation, interception, listRules };
}

/**
 * Opens everything the hub runs on, in order: database (embedded or DATABASE_URL), migrations
 * (as the owner), the hub's ORM (as its own role). Shared by `serve`, the CLI and the tests.
 */
export async function openRuntime(hubConfig: HubConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger(hubConfig.logLevel);
  const placed = placeProcess(hubConfig, options.part);
  const config = auditFoldersFor(hubConfig, placed);
  const { creditPolicy, evaluation, interception, listRules } = loadPolicies();
  useAuditKey(config.audit.hmacKeys[0]);
  const database = await openDatabase(config, logger, placed);
  let owner: Promise<Orm> | undefined;
  const ormLogger = { logger: (message: string) => logger.debug(message) };
  const ownerOrm = () => {
    if (!database.ownerUrl) return Promise.reject(new Error('this needs the schema owner: set MIGRATION_DATABASE_URL'));
    owner ??= openOrm(database.ownerUrl, allEntities(), ormLogger, placed?.hosted);
    return owner;
  };
  // Replicas are DATABASE_URL's: a subgraph on a database of its own reads its primary.
  const replicas = placed && placed.url !== config.databaseUrl ? [] : config.replicas.urls;
  let orm: Orm | undefined;
  try {
    if (options.migrate !== false && database.ownerUrl) {
      const applied = await migrate(await ownerOrm());
      if (applied.length > 0) logger.info({ applied }, 'applied migrations');
    } else if (options.migrate !== false) {
      logger.info('MIGRATION_DATABASE_URL not set: not migrating (run `credit-hub migrate` with it)');
    }
    const hubOrm =
      options.as === 'owner'
        ? await ownerOrm()
        : await openOrm(database.url, allEntities(), { ...ormLogger, ...replicaOptions(replicas) }, placed?.hosted);
    orm = hubOrm;
    if (options.as !== 'owner') await checkRole(hubOrm, config, logger);
    const keys = new SubjectKeys(new PiiProtector(config.piiSecret));
    const clients = new ClientRegistry(orm);
    const services: HubServices = {
      config,
      orm: hubOrm,
      keys,
      creditPolicy,
      evaluation,
      interception,
      listRules,
      subjectDirectory: directoryFactory(config, keys, options.subjectsService),
      clients,
      tokens: new TokenVerifier(config.jwt, clients),
      logger,
      chainHeads: await openAccessLog(hubOrm.em.fork(), config.audit.partitionMonthsAhead, logger),
    };
    return {
      services,
      database,
      ownerOrm,
      close: () => closeAll(owner, hubOrm, database),
    };
  } catch (error) {
    await closeAll(owner, orm, database);
    throw error;
  }
}

async function closeAll(owner: Promise<Orm> | undefined, orm: Orm | undefined, database: Database): Promise<void> {
  const ownerOrm = await owner?.catch(() => undefined);
  if (ownerOrm && ownerOrm !== orm) await ownerOrm.close(true);
  await orm?.close(true);
  await database.stop();
}
