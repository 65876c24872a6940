import type { Options } from '@mikro-orm/postgresql';

/** A class type-graphql reads decorators from (a resolver or an object type). */
export type DecoratedClass = abstract new (...args: never[]) => unknown;

/** One capability of the records subgraph: its tables and its resolvers (index.ts lists them). */
export interface Capability {
  name: string;
  entities: NonNullable<Options['entities']>;
  resolvers: readonly DecoratedClass[];
  /** Types reached only through another subgraph's entity (no resolver here returns them). */
  orphanedTypes?: readonly DecoratedClass[];
}
