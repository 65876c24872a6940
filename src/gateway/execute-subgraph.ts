import { GraphQLError, parse, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { SubgraphExecutor } from './jit-executor';
import { accessLogWrites } from '../common/metrics';
import type { RequestContext } from '../common/context';
import { normalizeSubgraphError } from './format-error';
import { onPrimary } from '../db/read-side';
import type { RequestAccessLog } from '../audit/request-log';

/** The answer instead of data whose access-log entries could not be written. */
export function accessLogWithheld(): { errors: GraphQLError[] } {
  return {
    errors: [
      new GraphQLError('The access log could not be written; protected data was not released', {
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      }),
    ],
  };
}

/**
 * Executes one subgraph operation and then writes the access-log entries its
 * authorization layer noted. This is where protected data leaves a subgraph, so it is
 * where the log is written: if the write fails, the response carries an error and no data.
 */
export async function executeSubgraph(options: {
  /** The subgraph's executor (graphql-jit for queries, graphql-js for the rest). */
  executor: SubgraphExecutor;
  document: DocumentNode;
  variableValues?: Record<string, unknown>;
  operationName?: string;
  /** The client's operation name, for the access log (the gateway renames subgraph operations). */
  clientOperationName?: string;
  context: RequestContext;
  /**
   * The in-process hub's log of the whole request (gateway/request-log.ts): the entries are handed to it, to be
   * written with the other subgraphs' before the hub answers. Without it they are written here, before this returns.
   */
  requestLog?: RequestAccessLog;
}): Promise<ExecutionResult> {
  const { context } = options;
  const result = await options.executor.execute({
    document: options.document,
    variableValues: options.variableValues,
    operationName: options.operationName,
    contextValue: context,
  });
  const operation = options.clientOperationName ?? options.operationName ?? 'anonymous';
  try {
    // On the primary even in a query that read from a replica: the chain head it reads must be the current one.
    if (!options.requestLog) accessLogWrites.inc(await context.audit.flush(onPrimary(context.em), operation));
    else {
      const drafts = context.audit.drafts(operation);
      if (drafts.length > 0) options.requestLog.add(onPrimary(context.em), drafts);
    }
  } catch (error) {
    context.services.logger.error(
      { err: error, requestId: context.requestId },
      'access log write failed: response withheld',
    );
    return accessLogWithheld();
  }
  if (!result.errors) return result;
  // Log lines of this request carry its id, which the gateway forwards to every subgraph.
  const log = context.services.logger.child({ requestId: context.requestId, operation: options.clientOperationName });
  return { ...result, errors: result.errors.map((error) => normalizeSubgraphError(error, log)) };
}

const DOCUMENT_CACHE_LIMIT = 1000;

/**
 * Parsed, validated subgraph operations by their text. The query planner sends the same
 * few operation texts over and over; parsing and validating each time is wasted work.
 */
export class DocumentCache {
  private readonly documents = new Map<string, DocumentNode>();

  constructor(private readonly schema: GraphQLSchema) {}

  get(source: string): DocumentNode | readonly GraphQLError[] {
    const cached = this.documents.get(source);
    if (cached) return cached;
    let document: DocumentNode;
    try {
      document = parse(source);
    } catch (error) {
      return [error as GraphQLError];
    }
    const errors = validate(this.schema, document);
    if (errors.length > 0) return errors;
    if (this.documents.size >= DOCUMENT_CACHE_LIMIT) this.documents.delete(this.documents.keys().next().value!);
    this.documents.set(source, document);
    return document;
  }
}
