import type { Options } from '@mikro-orm/postgresql';
import type { RequestContext } from './context';
import type { FederatedSubgraphSchema } from './federation';

/** What the gateway, the split services and the schema script need of a subgraph. */
export interface SubgraphModule {
  name: string;
  /** MikroORM entities, all in the subgraph's own PostgreSQL schema. */
  entities: NonNullable<Options['entities']>;
  build(): Promise<FederatedSubgraphSchema>;
  createContext(base: RequestContext): RequestContext;
}
