import { loadConfig } from '../config';
import { redactUrl } from '../db/database';
import { createHttpServer } from '../gateway/http';
import { createHub } from '../gateway/hub';
import { openRuntime } from '../runtime';
import { databaseIsEmpty, demoTokens, loadDemoData } from '../seed/demo';

/** `credit-hub serve`: database, migrations, demo data when empty, gateway on HTTP. */
export async function serve(options: { port?: number }): Promise<void> {
  const config = loadConfig();
  const runtime = await openRuntime(config);
  const { services, database } = runtime;
  const log = services.logger;
  if (config.developmentDefaults.length > 0) {
    log.warn(`DEVELOPMENT MODE: ${config.developmentDefaults.join(', ')} not set; using built-in development defaults. Never expose this hub.`);
  }
  if (config.loadDemoData && (await databaseIsEmpty(services))) {
    const loaded = await loadDemoData(services);
    log.info(loaded, 'database was empty: loaded demo data');
  }
  const hub = await createHub(services);
  const http = createHttpServer(hub);
  const port = options.port ?? config.port;
  await new Promise<void>((resolve) => http.listen(port, config.host, resolve));

  const url = `http://localhost:${port}/graphql`;
  const lines = [`credit-hub ready at ${url}`, `database: ${redactUrl(database.url)}${database.embedded ? ' (embedded)' : ''}`];
  if (config.jwt.secret && config.developmentDefaults.includes('JWT_SECRET')) {
    lines.push('', 'Development tokens (send as "Authorization: Bearer <token>"; no token = PUBLIC):');
    for (const { role, claims, token } of await demoTokens(config.jwt.secret)) lines.push(`  ${role.padEnd(13)} ${claims}`, `    ${token}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    const closed = new Promise<void>((resolve) => http.close(() => resolve()));
    // Idle keep-alive connections would hold close() open; in-flight requests still finish.
    http.closeIdleConnections();
    await closed;
    await hub.stop();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
