import type { Options } from '@mikro-orm/postgresql';
import type { IRules } from 'graphql-shield';
import type { RequestContext } from './context';
import type { FederatedSubgraphSchema } from './federation';

/** What the gateway, the split services and the schema script need of a subgraph. */
export interface SubgraphModule {
  name: string;
  /** MikroORM entities, all in the subgraph's own PostgreSQL schema. */
  entities: NonNullable<Options['entities']>;
  /** The subgraph's one permission table (deny by default), also read by the coverage test. */
  permissions: IRules;
  build(): Promise<FederatedSubgraphSchema>;
  createContext(base: RequestContext): RequestContext;
}
