import type http from 'node:http';
import { GatewaySigner } from '../auth/gateway-signature';
import { TokenVerifier } from '../auth/tokens';
import { CLIENT_ENTITIES } from '../auth/client.entity';
import { ClientRegistry } from '../auth/client-registry';
import { openOrm } from '../db/orm';
import { logKeeper, placeProcess } from '../db/database-plan';
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
import { directoryRoute, type ServiceRoute } from '../gateway/directory-route';
import { DIRECTORY_AUDIENCE, DIRECTORY_PATH } from '../common/remote-subject-directory';
import { SUBGRAPHS } from '../gateway/subgraphs';
import { openRuntime } from '../runtime';
import { databaseIsEmpty, demoTokens, loadDemoData } from '../seed/demo';
import { registerDemoClients } from '../seed/demo-clients';
import { demoSubjects } from '../seed/demo-subjects';
import { startWebhookDispatcher } from '../subgraphs/records/webhooks/dispatcher';
import { startListExpiry } from '../subgraphs/records/lists/listing-expiry';
import { startCheckpointer, type Checkpointer } from '../audit/checkpointer';
import type { Database } from '../db/database';

export interface ServeOptions {
  port?: number;
  subgraph?: string;
  gateway?: boolean;
  subgraphs?: string;
  /** With --subgraph records|archives: base URL of the subjects service, whose API is their subject directory. */
  subjectsService?: string;
}

/**
 * The last checkpoint, unless the database is gone: Ctrl-C stops the embedded server too, and
 * the pool would retry its connection for a minute. Bounded to 5 s either way.
 */
async function finalCheckpoint(checkpointer: Checkpointer | null, database: Database, logger: Logger): Promise<void> {
  if (!checkpointer) return;
  if (!database.running()) return logger.info('database already stopped: no final audit checkpoint');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      logger.info('final audit checkpoint not written within 5 s (database stopping?)');
      resolve();
    }, 5000);
  });
  await Promise.race([checkpointer.stop(), late]);
  clearTimeout(timer);
}

function portInUse(port: number): Error {
  return new Error(
    `端口 ${port} 已被占用（另一个 credit-hub serve 或其他程序）；请用 PORT 或 --port 换一个端口。 / ` +
      `Port ${port} is in use (another credit-hub serve?): set PORT or --port.`,
  );
}

/**
 * What a signal stops: `background` (the webhook dispatcher) at once, so that it is not caught
 * mid-round by a database that Ctrl-C stops too; `close` after the in-flight requests, the
 * database last.
 */
interface Shutdown {
  background?: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Listens (and on METRICS_PORT, if set), then on SIGINT/SIGTERM stops taking connections, lets
 * in-flight requests finish, and closes.
 */
async function listen(
  server: http.Server,
  port: number,
  config: HubConfig,
  logger: Logger,
  shutdown: Shutdown,
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? portInUse(port) : error),
    );
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
    const background = shutdown.background?.();
    metricsServer?.close();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Idle keep-alive connections would hold close() open (the server keeps them 65 s): close each
    // as soon as it is idle, so in-flight requests finish and their connections go with them.
    server.closeIdleConnections();
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    await closed;
    clearInterval(sweep);
    logger.debug('http server closed');
    // A round waiting for a connection to a stopped database would wait a minute; its leased deliveries are retried.
    await Promise.race([background, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    logger.debug('background work stopped');
    await shutdown.close();
    logger.debug('database closed');
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
  if (options.subgraph) return serveSubgraph(config, port, options.subgraph, options.subjectsService);

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
  const expiry = startListExpiry(services);
  const checkpointer = startCheckpointer(services);
  await listen(createHttpServer(hub, exportRoutes(services)), port, config, log, {
    background: async () => void (await Promise.all([dispatcher?.stop(), expiry?.stop()])),
    close: async () => {
      await hub.stop();
      log.debug('hub stopped');
      // After the last request: the final checkpoint covers every entry this process wrote.
      await finalCheckpoint(checkpointer, runtime.database, runtime.services.logger);
      log.debug('final checkpoint');
      await runtime.close();
    },
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

/**
 * The subjects service answers the subject directory of the others (/internal/directory);
 * records and archives reach the registry only through it, never through its tables.
 */
function subjectsServiceOf(name: string, url: string | undefined): string | undefined {
  if (name === 'subjects') return undefined;
  if (!url)
    throw new Error(
      `--subgraph ${name} needs --subjects-service <url> (e.g. http://subjects:4000): it reaches the subject registry through the subjects service`,
    );
  return new URL(url).origin;
}

async function serveSubgraph(config: HubConfig, port: number, name: string, subjectsUrl?: string): Promise<void> {
  const module = SUBGRAPHS.find((s) => s.name === name);
  if (!module) throw new Error(`--subgraph must be one of ${SUBGRAPHS.map((s) => s.name).join(', ')}`);
  if (!config.databaseUrl)
    throw new Error(
      'a subgraph service needs DATABASE_URL (and, for a database of its own, <NAME>_DATABASE_URL); run `credit-hub migrate` once first',
    );
  const subjectsService = subjectsServiceOf(name, subjectsUrl);
  // Its own database: <NAME>_DATABASE_URL, or DATABASE_URL's (docs/deployment.md, "Database per subgraph").
  const part = name as 'subjects' | 'records' | 'archives';
  const runtime = await openRuntime(config, { migrate: false, subjectsService, part });
  warnDevelopment(config, runtime.services.logger);
  registerPoolMetrics(runtime.services.orm);
  const routes: Record<string, ServiceRoute> =
    module.name === 'subjects'
      ? {
          [DIRECTORY_PATH]: directoryRoute(
            runtime.services,
            new GatewaySigner(config.gatewaySecret, DIRECTORY_AUDIENCE),
          ),
        }
      : {};
  const server = await createSubgraphService(module, runtime.services, new GatewaySigner(config.gatewaySecret), routes);
  // The outbox lives in the records schema: its process sends it.
  const dispatcher = module.name === 'records' ? startWebhookDispatcher(runtime.services) : null;
  // Listings past their endsOn lift their measures (docs/lists.md "Expiry"), in the process that sends the outbox.
  const expiry = module.name === 'records' ? startListExpiry(runtime.services) : null;
  // The archives processes checkpoint the log (docs/audit.md); a database of its own, its keeper's (database-plan.ts).
  const keeper = logKeeper(placeProcess(config, part));
  const checkpointer = module.name === keeper ? startCheckpointer(runtime.services) : null;
  await listen(server, port, config, runtime.services.logger, {
    background: async () => void (await Promise.all([dispatcher?.stop(), expiry?.stop()])),
    close: async () => {
      await finalCheckpoint(checkpointer, runtime.database, runtime.services.logger);
      await runtime.close();
    },
  });
  process.stdout.write(`subgraph ${name} ready at http://localhost:${port}/graphql\n`);
}

/**
 * The split gateway reads the client registry (schema `access`) from the shared PostgreSQL, with
 * nothing else of it.
 */
async function serveRemoteGateway(config: HubConfig, port: number, subgraphs: string): Promise<void> {
  const logger = createLogger(config.logLevel);
  warnDevelopment(config, logger);
  if (!config.databaseUrl)
    throw new Error('the gateway needs DATABASE_URL (the shared PostgreSQL) to read the client registry');
  const urls = parseSubgraphUrls(subgraphs);
  const orm = await openOrm(config.databaseUrl, CLIENT_ENTITIES, { pool: { min: 0, max: 4 } });
  const tokens = new TokenVerifier(config.jwt, new ClientRegistry(orm));
  const gateway = await createRemoteGateway({ config, tokens, logger }, urls);
  await listen(createHttpServer(gateway), port, config, logger, {
    close: async () => {
      await gateway.stop();
      await orm.close(true);
    },
  });
  process.stdout.write(`gateway ready at http://localhost:${port}/graphql over ${subgraphs}\n`);
}
