/** Names, labels and ports every manifest shares. */
import type { Component } from './profile.mjs';

export const NAMESPACE = 'credit-hub';
/** Set your registry's image with kustomize (`images:` in a kustomization) or `kubectl set image`. */
export const IMAGE = 'credit-hub:0.1.0';
export const HTTP_PORT = 4000;
export const METRICS_PORT = 9464;
export const DATABASE_PORT = 5432;
export const CONFIG_MAP = 'credit-hub-config';
/** Created by hand (`kubectl create secret`, docs/deployment.md "Kubernetes"); never in the repository. */
export const SECRET = 'credit-hub';
/** The schema owner's URL, read by the migrate Job only. */
export const MIGRATION_SECRET = 'credit-hub-migration';
export const CHECKPOINT_CLAIM = 'audit-checkpoints';
export const CHECKPOINT_DIR = '/var/lib/credit-hub/audit-checkpoints';

/** Keys of SECRET; every hub process needs all of them (production refuses development defaults). */
export const SECRET_KEYS = [
  'DATABASE_URL',
  'JWT_SECRET',
  'PII_SECRET',
  'GATEWAY_SECRET',
  'AUDIT_HMAC_KEYS',
  'AUDIT_SIGNING_KEY',
  'REPORT_SIGNING_KEY',
] as const;
export const MIGRATION_KEY = 'MIGRATION_DATABASE_URL';
/**
 * Optional keys of SECRET: a database per subgraph (docs/deployment.md, "Database per subgraph"). Absent = the
 * subgraph's tables in DATABASE_URL's database. Every process gets all three: each must know where the others are.
 */
export const SUBGRAPH_DATABASE_KEYS = [
  'SUBJECTS_DATABASE_URL',
  'RECORDS_DATABASE_URL',
  'ARCHIVES_DATABASE_URL',
] as const;
/** Optional keys of MIGRATION_SECRET: the owner of each separate database, for the migrate Job. */
export const SUBGRAPH_MIGRATION_KEYS = SUBGRAPH_DATABASE_KEYS.map((key) =>
  key.replace('_DATABASE_URL', '_MIGRATION_DATABASE_URL'),
);

export const PART_OF = { 'app.kubernetes.io/part-of': 'credit-hub' };
/** Pods that may reach PostgreSQL (NetworkPolicy `database`). */
export const DATABASE_CLIENT = { 'credit-hub/database-client': 'true' };
/** Label the operator puts on the PostgreSQL pods (or the pods of their operator's cluster). */
export const DATABASE_POD = { 'credit-hub/role': 'database' };

export const selectorOf = (component: Component | 'migrate') => ({
  'app.kubernetes.io/name': 'credit-hub',
  'app.kubernetes.io/component': component,
});

export const labelsOf = (component: Component | 'migrate') => ({ ...selectorOf(component), ...PART_OF });

export const metadata = (name: string, labels: Record<string, string> = PART_OF) => ({
  name,
  namespace: NAMESPACE,
  labels,
});

/** The subjects service: the subject directory of records and archives (docs/deployment.md). */
export const SUBJECTS_SERVICE = `http://subjects:${HTTP_PORT}`;

/** `serve` arguments per component (src/cli/serve.ts); the image's entrypoint is the CLI. */
export function serveArgs(component: Component): string[] {
  if (component === 'gateway') {
    const urls = ['subjects', 'records', 'archives'].map((name) => `${name}=http://${name}:${HTTP_PORT}/graphql`);
    return ['serve', '--gateway', '--subgraphs', urls.join(',')];
  }
  const directory = component === 'subjects' ? [] : ['--subjects-service', SUBJECTS_SERVICE];
  return ['serve', '--subgraph', component, ...directory];
}
