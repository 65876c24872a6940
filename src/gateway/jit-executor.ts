import {
  execute,
  getNamedType,
  getOperationAST,
  isEnumType,
  isInputObjectType,
  typeFromAST,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Compiled subgraph queries kept per executor (one per subgraph schema): least recently used go first. */
export const COMPILED_QUERY_LIMIT = 500;

/**
 * Scalars whose parseValue returns a value it accepts again unchanged. Variables are coerced by
 * graphql-js first (graphql-jit alone skips the defaults of required input fields) and graphql-jit
 * coerces what it is given once more, so only operations whose variables are all of such types
 * (and enums whose values are their names) run compiled.
 */
const IDEMPOTENT_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID', 'LocalDate', 'DateTimeISO', '_Any']);

function coercesIdempotently(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (seen.has(named.name)) return true;
  seen.add(named.name);
  if (isEnumType(named)) return named.getValues().every((value) => value.value === value.name);
  if (isInputObjectType(named))
    return Object.values(named.getFields()).every((field) => coercesIdempotently(field.type, seen));
  return IDEMPOTENT_SCALARS.has(named.name);
}

function compilable(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  return (operation.variableDefinitions ?? []).every((definition) => {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    return type !== undefined && coercesIdempotently(type);
  });
}

type Entry = { compiled: CompiledQuery; operation: OperationDefinitionNode } | 'graphql-js';

/**
 * Executes a subgraph's operations: queries with graphql-jit, compiled once per (document,
 * operation name), mutations and anything jit cannot compile with graphql-js. The compiled query
 * calls the same schema's resolvers, so the graphql-shield middleware wrapped around them runs as
 * before.
 */
export class SubgraphExecutor {
  private readonly compiled = new Map<DocumentNode, Map<string, Entry>>();

  constructor(private readonly schema: GraphQLSchema) {}

  private entryFor(document: DocumentNode, operationName: string | undefined): Entry {
    const byName = this.compiled.get(document);
    const key = operationName ?? '';
    const cached = byName?.get(key);
    if (byName && cached) {
      // Most recently used last: Map keeps insertion order.
      this.compiled.delete(document);
      this.compiled.set(document, byName);
      return cached;
    }
    const entry = this.compile(document, operationName);
    if (byName) byName.set(key, entry);
    else {
      if (this.compiled.size >= COMPILED_QUERY_LIMIT) this.compiled.delete(this.compiled.keys().next().value!);
      this.compiled.set(document, new Map([[key, entry]]));
    }
    return entry;
  }

  private compile(document: DocumentNode, operationName: string | undefined): Entry {
    const operation = getOperationAST(document, operationName);
    if (!operation || operation.operation !== 'query' || !compilable(this.schema, operation)) return 'graphql-js';
    try {
      const compiled = compileQuery(this.schema, document, operationName);
      return isCompiledQuery(compiled) ? { compiled, operation } : 'graphql-js';
    } catch {
      return 'graphql-js';
    }
  }

  async execute(options: {
    document: DocumentNode;
    variableValues?: Record<string, unknown>;
    operationName?: string;
    contextValue: unknown;
  }): Promise<ExecutionResult> {
    const entry = this.entryFor(options.document, options.operationName);
    if (entry === 'graphql-js') return execute({ schema: this.schema, ...options });
    const coerced = getVariableValues(
      this.schema,
      entry.operation.variableDefinitions ?? [],
      options.variableValues ?? {},
      {
        maxErrors: 50,
      },
    );
    if (coerced.errors) return { errors: coerced.errors };
    return entry.compiled.query(undefined, options.contextValue, coerced.coerced);
  }
}
