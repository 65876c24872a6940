import type { HubConfig } from './config';
import { TokenVerifier } from './auth/tokens';
import { ClientRegistry } from './auth/client-registry';
import { createLogger, type Logger } from './common/logger';
import type { HubServices } from './common/services';
import { openDatabase, type Database } from './db/database';
import { migrate, openOrm } from './db/orm';
import { allEntities } from './gateway/subgraphs';
import { PiiProtector } from './identity/pii';
import { SubjectKeys } from './identity/subject-keys';
import { loadCreditPolicy } from './subgraphs/records/policy/credit-policy';
import { loadEvaluationConfig } from './subgraphs/records/monitoring/evaluation-config';
import { InProcessSubjectDirectory } from './subgraphs/subjects/subject-directory';

export interface Runtime {
  services: HubServices;
  database: Database;
  close(): Promise<void>;
}

/**
 * Opens everything the hub runs on, in order: database (embedded or DATABASE_URL), ORM,
 * migrations. Shared by `serve`, the other CLI commands and the tests.
 */
export async function openRuntime(config: HubConfig, options: { logger?: Logger; migrate?: boolean } = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.logLevel);
  // Policy and evaluation-config errors stop start-up before anything else is opened.
  const creditPolicy = loadCreditPolicy();
  const evaluation = loadEvaluationConfig();
  const database = await openDatabase(config, (message) => logger.info(message));
  try {
    const orm = await openOrm(database.url, allEntities(), { logger: (message) => logger.debug(message) });
    if (options.migrate !== false) {
      const applied = await migrate(orm);
      if (applied.length > 0) logger.info({ applied }, 'applied migrations');
    }
    const keys = new SubjectKeys(new PiiProtector(config.piiSecret));
    const clients = new ClientRegistry(orm);
    const services: HubServices = {
      config,
      orm,
      keys,
      creditPolicy,
      evaluation,
      subjectDirectory: (em) => new InProcessSubjectDirectory(em, keys),
      clients,
      tokens: new TokenVerifier(config.jwt, clients),
      logger,
    };
    return {
      services,
      database,
      async close() {
        await orm.close(true);
        await database.stop();
      },
    };
  } catch (error) {
    await database.stop();
    throw error;
  }
}
