import type http from 'node:http';
import { GatewaySigner } from '../auth/gateway-signature';
import { TokenVerifier } from '../auth/tokens';
import { CLIENT_ENTITIES } from '../auth/client.entity';
import { ClientRegistry } from '../auth/client-registry';
import { openOrm } from '../db/orm';
import { developmentTokens, loadConfig, type HubConfig } from '../config';
import { createLogger, type Logger } from '../common/logger';
import { registerPoolMetrics } from '../common/metrics';
import { redactUrl } from '../db/database';
import { createHttpServer } from '../gateway/http';
import { startMetricsServer } from '../gateway/metrics-route';
import { createHub } from '../gateway/hub';
import { exportRoutes } from '../gateway/exports';
import { createRemoteGateway, parseSubgraphUrls } from '../gateway/remote-gateway';
import { createSubgraphService } from '../gateway/subgraph-service';
import { SUBGRAPHS } from '../gateway/subgraphs';
import { openRuntime } from '../runtime';
import { databaseIsEmpty, demoTokens, loadDemoData } from '../seed/demo';
import { registerDemoClients } from '../seed/demo-clients';
import { demoSubjects } from '../seed/demo-subjects';
import { startWebhookDispatcher } from '../subgraphs/records/webhooks/dispatcher';
import { startCheckpointer } from '../audit/checkpointer';

export interface ServeOptions {
  port?: number;
  subgraph?: string;
  gateway?: boolean;
  subgraphs?: string;
}

/** Listens (and on METRICS_PORT, if set), then on SIGINT/SIGTERM stops taking connections, lets in-flight requests finish, and closes. */
async function listen(
  server: http.Server,
  port: number,
  config: HubConfig,
  logger: Logger,
  close: () => Promise<void>,
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.host, resolve);
  });
  const metricsServer = await startMetricsServer(config, logger);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing in-flight requests, then stopping`);
    // A safety net: if closing hangs (a connection that never ends), leave anyway.
    setTimeout(() => {
      logger.warn('shutdown did not finish within 15 s: exiting');
      process.exit(1);
    }, 15_000).unref();
    metricsServer?.close();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Idle keep-alive connections would hold close() open; in-flight requests still finish.
    server.closeIdleConnections();
    await closed;
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function warnDevelopment(config: HubConfig, logger: Logger): void {
  if (config.developmentDefaults.length > 0) {
    logger.warn(
      `DEVELOPMENT MODE: ${config.developmentDefaults.join(', ')} not set; using built-in development defaults. Never expose this hub.`,
    );
  }
}

/**
 * `credit-hub serve`: by default everything in one process (database, migrations, demo data
 * when empty, gateway over in-process subgraphs). `--subgraph NAME` runs one subgraph as a
 * service; `--gateway --subgraphs name=url,…` runs the gateway over remote subgraphs.
 */
export async function serve(options: ServeOptions): Promise<void> {
  const config = loadConfig();
  const port = options.port ?? config.port;
  if (options.gateway) return serveRemoteGateway(config, port, options.subgraphs ?? '');
  if (options.subgraph) return serveSubgraph(config, port, options.subgraph);

  const runtime = await openRuntime(config);
  const { services, database } = runtime;
  const log = services.logger;
  warnDevelopment(config, log);
  registerPoolMetrics(services.orm);
  if (config.loadDemoData && (await databaseIsEmpty(services))) {
    const loaded = await loadDemoData(services);
    log.info(loaded, 'database was empty: loaded demo data');
  }
  const hub = await createHub(services);
  const dispatcher = startWebhookDispatcher(services);
  const checkpointer = startCheckpointer(services);
  await listen(createHttpServer(hub, exportRoutes(services)), port, config, log, async () => {
    await dispatcher?.stop();
    await hub.stop();
    // After the last request: the final checkpoint covers every entry this process wrote.
    await checkpointer?.stop();
    await runtime.close();
  });

  const lines = [
    `credit-hub ready at http://localhost:${port}/graphql`,
    `dashboard: http://localhost:${port}/dashboard`,
    `database: ${redactUrl(database.url)}${database.embedded ? ' (embedded)' : ''}`,
  ];
  if (developmentTokens(config)) {
    // The printed tokens (and the dashboard's demo login) act as the demo's clients: registered even on older data.
    await registerDemoClients(services, demoSubjects().named);
    lines.push('', 'Development tokens (send as "Authorization: Bearer <token>"; no token = PUBLIC):');
    for (const { role, claims, token } of await demoTokens(config.jwt.secret!, config.jwt.issuer))
      lines.push(`  ${role.padEnd(13)} ${claims}`, `    ${token}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function serveSubgraph(config: HubConfig, port: number, name: string): Promise<void> {
  const module = SUBGRAPHS.find((s) => s.name === name);
  if (!module) throw new Error(`--subgraph must be one of ${SUBGRAPHS.map((s) => s.name).join(', ')}`);
  if (!config.databaseUrl)
    throw new Error(
      'a subgraph service needs DATABASE_URL (the shared PostgreSQL); run `credit-hub migrate` once first',
    );
  const runtime = await openRuntime(config, { migrate: false });
  warnDevelopment(config, runtime.services.logger);
  registerPoolMetrics(runtime.services.orm);
  const server = await createSubgraphService(module, runtime.services, new GatewaySigner(config.gatewaySecret));
  // The outbox lives in the records schema: its process sends it.
  const dispatcher = module.name === 'records' ? startWebhookDispatcher(runtime.services) : null;
  // The audit schema is the archives subgraph's: its processes checkpoint the log (docs/audit.md).
  const checkpointer = module.name === 'archives' ? startCheckpointer(runtime.services) : null;
  await listen(server, port, config, runtime.services.logger, async () => {
    await dispatcher?.stop();
    await checkpointer?.stop();
    await runtime.close();
  });
  process.stdout.write(`subgraph ${name} ready at http://localhost:${port}/graphql\n`);
}

/** The split gateway reads the client registry (schema `access`) from the shared PostgreSQL, with nothing else of it. */
async function serveRemoteGateway(config: HubConfig, port: number, subgraphs: string): Promise<void> {
  const logger = createLogger(config.logLevel);
  warnDevelopment(config, logger);
  if (!config.databaseUrl)
    throw new Error('the gateway needs DATABASE_URL (the shared PostgreSQL) to read the client registry');
  const urls = parseSubgraphUrls(subgraphs);
  const orm = await openOrm(config.databaseUrl, CLIENT_ENTITIES, { pool: { min: 0, max: 4 } });
  const tokens = new TokenVerifier(config.jwt, new ClientRegistry(orm));
  const gateway = await createRemoteGateway({ config, tokens, logger }, urls);
  await listen(createHttpServer(gateway), port, config, logger, async () => {
    await gateway.stop();
    await orm.close(true);
  });
  process.stdout.write(`gateway ready at http://localhost:${port}/graphql over ${subgraphs}\n`);
}
