import type { ApolloGateway } from '@apollo/gateway';
import { accessLogWrites } from '../common/metrics';
import type { Logger } from '../common/logger';
import type { HubServices } from '../services';
import { RequestAccessLog } from '../audit/request-log';
import type { GatewayContext } from './context';
import { accessLogWithheld } from './execute-subgraph';

type Executor = ApolloGateway['executor'];

/**
 * The request's access-log entries written, in one append, after the gateway has run every fetch
 * and before the response leaves (docs/audit.md "One append per request"). Nothing of the answer
 * has left the hub before that: if the append fails, the client gets INTERNAL_SERVER_ERROR and no
 * data, as when a single subgraph's append fails. Also when the execution threw (denials noted
 * on the way are written all the same).
 */
export async function executeLogged(
  execute: Executor,
  request: Parameters<Executor>[0],
  log: RequestAccessLog,
  logger: Logger,
): ReturnType<Executor> {
  let failed: { error: unknown } | undefined;
  let result: Awaited<ReturnType<Executor>> | undefined;
  try {
    result = await execute(request);
  } catch (error) {
    failed = { error };
  }
  try {
    accessLogWrites.inc(await log.write());
  } catch (error) {
    logger.error({ err: error, requestId: request.context?.requestId }, 'access log write failed: response withheld');
    if (!failed) return accessLogWithheld();
  }
  if (failed) throw failed.error;
  return result!;
}

/** Makes the in-process gateway write each request's access log once (executeLogged). Before the server starts. */
export function oneAppendPerRequest(gateway: ApolloGateway, services: HubServices): void {
  const execute = gateway.executor;
  gateway.executor = (request) => {
    const context = request.context as Partial<GatewayContext>;
    const log = new RequestAccessLog(services.config.audit.hmacKeys[0], services.chainHeads);
    context.accessLog = log;
    return executeLogged(execute, request, log, services.logger);
  };
}
