import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/config';
import { TEST_AUDIT_ENV } from '../helpers/audit-keys';

/**
 * deploy/kubernetes without a cluster: the committed YAML is what `npm run manifests` writes,
 * every object validates against the Kubernetes API's OpenAPI schemas (kubernetes-models, run in
 * a child process: the package is ESM only), and the structure holds what docs/deployment.md
 * promises (probes, resources, secrets by reference, network, dispatcher, migration URL).
 * The schemas do not reject unknown fields; the generator's TypeScript types do.
 */
const root = path.join(__dirname, '..', '..');
const dir = path.join(root, 'deploy', 'kubernetes');
const PROFILES = ['base', 'production'] as const;
const COMPONENTS = ['gateway', 'subjects', 'records', 'archives'];
const SECRET_KEYS = [
  'DATABASE_URL',
  'JWT_SECRET',
  'PII_SECRET',
  'GATEWAY_SECRET',
  'AUDIT_HMAC_KEYS',
  'AUDIT_SIGNING_KEY',
  'REPORT_SIGNING_KEY',
];
const node = (args: string[], input?: string) =>
  execFileSync(process.execPath, args, { cwd: root, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: any;
  data?: any;
};

function committed(profile: string): { files: string[]; objects: K8sObject[] } {
  const files = fs
    .readdirSync(path.join(dir, profile))
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
  const objects = files.flatMap((file) =>
    parseAllDocuments(fs.readFileSync(path.join(dir, profile, file), 'utf8')).map((d) => d.toJS() as K8sObject),
  );
  return { files, objects };
}

const validate = (objects: unknown[]): (string | null)[] =>
  JSON.parse(node(['dist/deploy/kubernetes/validate.mjs'], JSON.stringify(objects)));

const ofKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const named = (objects: K8sObject[], kind: string, name: string) =>
  ofKind(objects, kind).find((o) => o.metadata.name === name)!;
const podSpec = (o: K8sObject) => o.spec.template.spec;
const workloads = (objects: K8sObject[]) => [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')];
const containers = (objects: K8sObject[]) => workloads(objects).flatMap((o) => podSpec(o).containers as any[]);
const selects = (selector: any, labels: Record<string, string>) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
const podLabels = (objects: K8sObject[], component: string) =>
  named(objects, 'Deployment', component).spec.template.metadata.labels;

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  let generated: Record<string, string>;
  beforeAll(() => {
    // Compiles the generator (ESM TypeScript, deploy/tsconfig.json) into dist/deploy.
    node([path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'deploy/tsconfig.json']);
    generated = JSON.parse(node(['dist/deploy/kubernetes/generate.mjs', '--json']));
  }, 120_000);

  it('the committed YAML is what the generator writes (run `npm run manifests` after a change)', () => {
    const onDisk = PROFILES.flatMap((p) => fs.readdirSync(path.join(dir, p)).map((f) => `${p}/${f}`));
    expect(onDisk.sort()).toEqual(Object.keys(generated).sort());
    for (const [name, content] of Object.entries(generated))
      expect(fs.readFileSync(path.join(dir, name), 'utf8')).toBe(content);
  });

  it.each(PROFILES)('%s: kustomization.yaml lists every manifest of its folder', (profile) => {
    const [kustomization] = parseAllDocuments(fs.readFileSync(path.join(dir, profile, 'kustomization.yaml'), 'utf8'));
    expect([...kustomization.toJS().resources].sort()).toEqual(committed(profile).files.sort());
  });

  it.each(PROFILES)('%s: every object validates against the Kubernetes API schemas', (profile) => {
    const { objects } = committed(profile);
    expect(objects.length).toBeGreaterThan(20);
    expect(validate(objects)).toEqual(objects.map(() => null));
  });

  it('a broken object fails validation (the check can fail)', () => {
    const { objects } = committed('base');
    const gateway = structuredClone(named(objects, 'Deployment', 'gateway')) as any;
    const wrongPort = structuredClone(gateway);
    wrongPort.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    const noSelector = structuredClone(gateway);
    delete noSelector.spec.selector;
    const hpa = structuredClone(named(objects, 'HorizontalPodAutoscaler', 'records')) as any;
    hpa.spec.minReplicas = 'two';
    const policy = structuredClone(named(objects, 'NetworkPolicy', 'records-ingress')) as any;
    policy.spec.policyTypes = ['Sideways'];
    const [intact, ...broken] = validate([gateway, wrongPort, noSelector, hpa, policy]);
    expect(intact).toBeNull();
    expect(broken[0]).toMatch(/containerPort/);
    expect(broken[1]).toMatch(/selector/);
    expect(broken[2]).toMatch(/minReplicas/);
    expect(broken[3]).toMatch(/policyTypes/);
  });

  describe.each(PROFILES)('%s', (profile) => {
    const { objects } = committed(profile);
    const config = ofKind(objects, 'ConfigMap')[0].data as Record<string, string>;

    it('runs each component as a Deployment with its Service, autoscaler and disruption budget', () => {
      for (const component of COMPONENTS) {
        const labels = podLabels(objects, component);
        expect(named(objects, 'Deployment', component).spec.replicas).toBeUndefined(); // the HPA owns it
        expect(
          Object.entries(named(objects, 'Service', component).spec.selector).every(([k, v]) => labels[k] === v),
        ).toBe(true);
        expect(named(objects, 'HorizontalPodAutoscaler', component).spec.scaleTargetRef).toEqual({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: component,
        });
        expect(named(objects, 'HorizontalPodAutoscaler', component).spec.minReplicas).toBeGreaterThanOrEqual(2);
        expect(selects(named(objects, 'PodDisruptionBudget', component).spec.selector, labels)).toBe(true);
        // A changed setting rolls the pods: the template carries the ConfigMap's digest.
        const digest = createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
        expect(named(objects, 'Deployment', component).spec.template.metadata.annotations).toEqual({
          'credit-hub/settings-digest': digest,
        });
      }
      const args = (c: string) => podSpec(named(objects, 'Deployment', c)).containers[0].args;
      expect(args('gateway')).toEqual([
        'serve',
        '--gateway',
        '--subgraphs',
        'subjects=http://subjects:4000/graphql,records=http://records:4000/graphql,archives=http://archives:4000/graphql',
      ]);
      expect(args('subjects')).toEqual(['serve', '--subgraph', 'subjects']);
      for (const c of ['records', 'archives'])
        expect(args(c)).toEqual(['serve', '--subgraph', c, '--subjects-service', 'http://subjects:4000']);
    });

    it('every container has requests and limits; every service container probes /ready and /health on its port', () => {
      for (const container of containers(objects))
        for (const bound of ['requests', 'limits'])
          expect(Object.keys(container.resources[bound]).sort()).toEqual(['cpu', 'memory']);
      expect(config.PORT).toBe('4000');
      for (const component of COMPONENTS) {
        const [container] = podSpec(named(objects, 'Deployment', component)).containers;
        const http = container.ports.find((p: any) => p.name === container.readinessProbe.httpGet.port);
        expect(http.containerPort).toBe(4000);
        expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
        expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
      }
    });

    it('holds no Secret and no secret value: secrets only by secretKeyRef, settings in the ConfigMap', () => {
      expect(ofKind(objects, 'Secret')).toEqual([]);
      const text = fs
        .readdirSync(path.join(dir, profile))
        .map((f) => fs.readFileSync(path.join(dir, profile, f), 'utf8'))
        .join('\n');
      expect(text).not.toMatch(/PRIVATE KEY|postgres(ql)?:\/\/|kind: Secret\b/);
      for (const key of [...SECRET_KEYS, 'MIGRATION_DATABASE_URL', 'METRICS_TOKEN', 'JWT_PUBLIC_KEY'])
        expect(config).not.toHaveProperty(key);
      for (const container of containers(objects)) {
        expect(container.envFrom).toEqual([{ configMapRef: { name: 'credit-hub-config' } }]);
        for (const env of container.env) {
          if (/SECRET|KEY|PASSWORD|TOKEN|DATABASE_URL/.test(env.name)) {
            expect(env.value).toBeUndefined();
            expect(env.valueFrom.secretKeyRef.key).toBe(env.name);
          }
        }
        const referenced = container.env.filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => e.name);
        expect(referenced).toEqual(expect.arrayContaining(SECRET_KEYS));
      }
    });

    it('gives every process what production requires: its environment passes loadConfig with NODE_ENV=production', () => {
      for (const container of containers(objects)) {
        const env: Record<string, string> = { ...config };
        for (const e of container.env) env[e.name] = e.value ?? `${e.name.toLowerCase()}-from-the-secret`;
        Object.assign(env, TEST_AUDIT_ENV); // the two audit keys must parse: test values stand in for the Secret's
        const loaded = loadConfig(env);
        expect(loaded.production).toBe(true);
        expect(loaded.developmentDefaults).toEqual([]);
        expect(loaded.metrics.port).toBe(9464);
      }
    });

    it('the gateway replicas share their rate limits (RATE_LIMIT_STORE=postgres): the documented limit is the total', () => {
      expect(named(objects, 'HorizontalPodAutoscaler', 'gateway').spec.minReplicas).toBeGreaterThan(1);
      const [gateway] = podSpec(named(objects, 'Deployment', 'gateway')).containers;
      const env = Object.fromEntries(gateway.env.filter((e: any) => e.value).map((e: any) => [e.name, e.value]));
      expect({ ...config, ...env }.RATE_LIMIT_STORE).toBe('postgres');
    });

    it('the migrate Job is the only object with the owner URL, from its own Secret', () => {
      const holders = objects.filter(
        (o) =>
          JSON.stringify(o).includes('MIGRATION_DATABASE_URL') || JSON.stringify(o).includes('credit-hub-migration'),
      );
      expect(holders.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Job/migrate']);
      const env = podSpec(holders[0]).containers[0].env.find((e: any) => e.name === 'MIGRATION_DATABASE_URL');
      expect(env.valueFrom.secretKeyRef).toEqual({ name: 'credit-hub-migration', key: 'MIGRATION_DATABASE_URL' });
      expect(podSpec(holders[0]).containers[0].args).toEqual(['migrate']);
    });

    it('runs the webhook dispatcher on the records service only', () => {
      // serve.ts starts it in `--subgraph records` unless WEBHOOK_DISPATCHER=false; never in the gateway or others.
      const dispatching = ofKind(objects, 'Deployment').filter((d) => {
        const [container] = podSpec(d).containers;
        const records = container.args.join(' ').startsWith('serve --subgraph records');
        const setting =
          container.env.find((e: any) => e.name === 'WEBHOOK_DISPATCHER')?.value ?? config.WEBHOOK_DISPATCHER;
        return records && setting !== 'false';
      });
      expect(dispatching.map((d) => d.metadata.name)).toEqual(['records']);
      for (const d of ofKind(objects, 'Deployment'))
        expect(podSpec(d).containers[0].env.find((e: any) => e.name === 'WEBHOOK_DISPATCHER').value).toBe(
          d.metadata.name === 'records' ? 'true' : 'false',
        );
      // Only records may reach webhook receivers outside the cluster.
      const outward = ofKind(objects, 'NetworkPolicy').filter((p) =>
        (p.spec.egress ?? []).some((r: any) => r.to?.some((t: any) => t.ipBlock)),
      );
      expect(outward.map((p) => p.metadata.name)).toEqual(['records-webhooks']);
      expect(selects(outward[0].spec.podSelector, podLabels(objects, 'records'))).toBe(true);
      for (const c of ['gateway', 'subjects', 'archives'])
        expect(selects(outward[0].spec.podSelector, podLabels(objects, c))).toBe(false);
    });

    describe('network policies', () => {
      const policies = ofKind(objects, 'NetworkPolicy');
      /** Every peer admitted to `labels`' pods on `port`, over all policies that select them. */
      const admitted = (labels: Record<string, string>, port: number) =>
        policies
          .filter((p) => p.spec.policyTypes.includes('Ingress') && selects(p.spec.podSelector, labels))
          .flatMap((p) =>
            (p.spec.ingress ?? []).filter((r: any) => !r.ports || r.ports.some((x: any) => x.port === port)),
          )
          .flatMap((r: any) => r.from ?? [{ anyone: true }]);
      const podsOf = (component: string) => ({
        podSelector: {
          matchLabels: { 'app.kubernetes.io/name': 'credit-hub', 'app.kubernetes.io/component': component },
        },
      });

      it('denies everything by default', () => {
        expect(named(objects, 'NetworkPolicy', 'default-deny').spec).toEqual({
          podSelector: {},
          policyTypes: ['Ingress', 'Egress'],
        });
      });

      it('admits only the gateway to records and archives; the subjects directory also to records and archives', () => {
        for (const c of ['records', 'archives'])
          expect(admitted(podLabels(objects, c), 4000)).toEqual([podsOf('gateway')]);
        expect(admitted(podLabels(objects, 'subjects'), 4000)).toEqual([
          podsOf('gateway'),
          podsOf('records'),
          podsOf('archives'),
        ]);
        for (const c of COMPONENTS)
          expect(admitted(podLabels(objects, c), 9464)).toEqual([
            { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
          ]);
      });

      it('admits to the database only the services and the migrate Job', () => {
        const database = { 'credit-hub/role': 'database' };
        const peers = admitted(database, 5432);
        expect(peers).toEqual([{ podSelector: { matchLabels: { 'credit-hub/database-client': 'true' } } }]);
        const clients = workloads(objects).filter((o) =>
          selects(peers[0].podSelector, o.spec.template.metadata.labels),
        );
        expect(clients.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(
          [...COMPONENTS.map((c) => `Deployment/${c}`), 'Job/migrate'].sort(),
        );
      });

      it('lets the gateway reach the subgraphs, records and archives the subjects service', () => {
        const egress = (c: string) => named(objects, 'NetworkPolicy', `${c}-egress`).spec.egress[0].to;
        expect(egress('gateway')).toEqual(['subjects', 'records', 'archives'].map(podsOf));
        for (const c of ['records', 'archives']) expect(egress(c)).toEqual([podsOf('subjects')]);
      });
    });
  });

  it('production has more replicas, more CPU and memory, and admits clients only from the ingress controller', () => {
    const [base, prod] = PROFILES.map((p) => committed(p).objects);
    const mebibytes = (q: string) => parseInt(q, 10) * (q.endsWith('Gi') ? 1024 : 1);
    for (const c of COMPONENTS) {
      const [b, p] = [base, prod].map((o) => named(o, 'HorizontalPodAutoscaler', c).spec);
      expect(p.minReplicas).toBeGreaterThan(b.minReplicas);
      expect(p.maxReplicas).toBeGreaterThan(b.maxReplicas);
      const [bl, pl] = [base, prod].map((o) => podSpec(named(o, 'Deployment', c)).containers[0].resources.limits);
      expect(mebibytes(pl.memory)).toBeGreaterThan(mebibytes(bl.memory));
      expect(Number(pl.cpu)).toBeGreaterThan(Number(bl.cpu));
    }
    const gatewayPeers = (o: K8sObject[]) => named(o, 'NetworkPolicy', 'gateway-ingress').spec.ingress[0].from;
    expect(gatewayPeers(base)).toBeUndefined();
    expect(gatewayPeers(prod)).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
    ]);
  });
});
