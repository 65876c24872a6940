import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../common/context';
import { normalizeSubgraphError } from './format-error';

/**
 * Executes one subgraph operation and then writes the access-log entries its
 * authorization layer noted. This is where protected data leaves a subgraph, so it is
 * where the log is written: if the write fails, the response carries an error and no data.
 */
export async function executeSubgraph(options: {
  schema: GraphQLSchema;
  document: DocumentNode;
  variableValues?: Record<string, unknown>;
  operationName?: string;
  /** The client's operation name, for the access log (the gateway renames subgraph operations). */
  clientOperationName?: string;
  context: RequestContext;
}): Promise<ExecutionResult> {
  const { context } = options;
  const result = await execute({
    schema: options.schema,
    document: options.document,
    variableValues: options.variableValues,
    operationName: options.operationName,
    contextValue: context,
  });
  try {
    await context.audit.flush(context.em, options.clientOperationName ?? options.operationName ?? 'anonymous');
  } catch (error) {
    context.services.logger.error({ err: error, requestId: context.requestId }, 'access log write failed: response withheld');
    return { errors: [new GraphQLError('The access log could not be written; protected data was not released', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] };
  }
  return { ...result, errors: result.errors?.map((error) => normalizeSubgraphError(error, context.services.logger)) };
}
