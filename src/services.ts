import type { HubConfig } from './config';
import type { Orm } from './db/orm';
import type { SubjectKeys } from './identity/subject-keys';
import type { ChainHeads } from './audit/chain-heads';
import type { TokenVerifier } from './auth/tokens';
import type { ClientRegistry } from './auth/client-registry';
import type { Logger } from './common/logger';
import type { CreditPolicy } from './subgraphs/records/policy/credit-policy';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DirectoryCaller, SubjectDirectory } from './common/subject-directory';
import type { EvaluationConfig } from './subgraphs/records/policy/evaluation-config';
import type { InterceptionPolicy } from './subgraphs/records/policy/interception';
import type { ListRules } from './subgraphs/records/lists/list-rules';

/** Long-lived, process-wide objects, built once at start-up and shared by the subgraphs. */
export interface HubServices {
  config: HubConfig;
  orm: Orm;
  keys: SubjectKeys;
  /** The registered client systems (docs/clients.md). */
  clients: ClientRegistry;
  tokens: TokenVerifier;
  logger: Logger;
  /** Publicity periods and scoring (config/credit-policy.json), validated at start-up. */
  creditPolicy: CreditPolicy;
  /** Indicators and early-warning rules (config/evaluation.json), validated at start-up. */
  evaluation: EvaluationConfig;
  /** Interception and deposit relief per context (config/interception-policy.json), validated at start-up. */
  interception: InterceptionPolicy;
  /** Who keeps each list, on which bases and records, for how long, with what notice (config/list-rules.json). */
  listRules: ListRules;
  /**
   * The subject registry as other subgraphs reach it: on `em` in-process, or the subjects
   * service's API in a split deployment (signed for `caller`, or for nobody in particular).
   */
  subjectDirectory(em: EntityManager, caller?: DirectoryCaller): SubjectDirectory;
  /** Where this process left each access-log chain (audit/chain-heads.ts): one statement per uncontended append. */
  chainHeads: ChainHeads;
}
