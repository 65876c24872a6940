import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SUBGRAPHS } from '../../src/gateway/subgraphs';

/** Docker does not run on these machines: the compose file is checked by a YAML parser and its structure. */
describe('docker deployment files', () => {
  const dir = path.join(__dirname, '..', '..', 'docker');
  const compose = parse(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'), { merge: true });

  it('runs PostgreSQL, a one-shot migration, every subgraph with replicas, and the gateway', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['archives', 'gateway', 'migrate', 'postgres', 'records', 'subjects'].sort(),
    );
    expect(compose.services.migrate.command).toEqual(['migrate']);
    expect(compose.services.migrate.restart).toBe('no');
    for (const { name } of SUBGRAPHS) {
      const service = compose.services[name];
      // Records and archives reach the subject registry through the subjects service, never its tables.
      const directory = name === 'subjects' ? [] : ['--subjects-service', 'http://subjects:4000'];
      expect(service.command).toEqual(['serve', '--subgraph', name, ...directory]);
      if (name !== 'subjects') expect(service.depends_on.subjects.condition).toBe('service_healthy');
      expect(service.deploy.replicas).toBeGreaterThanOrEqual(2);
      expect(service.depends_on.migrate.condition).toBe('service_completed_successfully');
    }
    const gatewayArgs: string[] = compose.services.gateway.command;
    expect(gatewayArgs.slice(0, 2)).toEqual(['serve', '--gateway']);
    for (const { name } of SUBGRAPHS) expect(gatewayArgs[3]).toContain(`${name}=http://${name}:4000/graphql`);
  });

  it('takes every secret from the environment, with no default', () => {
    const env = compose.services.gateway.environment;
    for (const secret of ['JWT_SECRET', 'PII_SECRET', 'GATEWAY_SECRET'])
      expect(env[secret]).toMatch(new RegExp(`^\\$\\{${secret}:\\?`));
    expect(env.NODE_ENV).toBe('production');
  });

  it('builds in stages, installs without dev dependencies, and runs as a non-root user', () => {
    const dockerfile = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
  });
});
