import type { HubConfig } from '../config';
import type { Orm } from '../db/orm';
import type { SubjectKeys } from '../identity/subject-keys';
import type { TokenVerifier } from '../auth/tokens';
import type { Logger } from './logger';

/** Long-lived, process-wide objects, built once at start-up and shared by the subgraphs. */
export interface HubServices {
  config: HubConfig;
  orm: Orm;
  keys: SubjectKeys;
  tokens: TokenVerifier;
  logger: Logger;
}
