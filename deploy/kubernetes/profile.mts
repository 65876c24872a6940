/**
 * What the base and the production overlay differ in: sizes, replica ranges and a few settings.
 * Everything else (what runs, with which arguments, secrets, probes, network) is the same code.
 */
export const COMPONENTS = ['gateway', 'subjects', 'records', 'archives'] as const;
export type Component = (typeof COMPONENTS)[number];
export const SUBGRAPH_COMPONENTS = ['subjects', 'records', 'archives'] as const;

export interface Scale {
  minReplicas: number;
  maxReplicas: number;
  /** Requests are what the replica estimates in docs/deployment.md count with. */
  cpuRequest: string;
  cpuLimit: string;
  memoryRequest: string;
  memoryLimit: string;
}

export interface Profile {
  name: 'base' | 'production';
  scale: Record<Component, Scale>;
  /** The ConfigMap: non-secret settings shared by every process (README, Configuration). */
  settings: Record<string, string>;
  /** HPA target: average CPU use as a share of the request. */
  cpuTargetPercent: number;
  /** Size of the shared volume the archives replicas write signed checkpoints to. */
  checkpointStorage: string;
  /** Namespace the gateway's clients come from (an ingress controller); undefined = any source. */
  ingressNamespace?: string;
  /** Spread replicas over zones (topology.kubernetes.io/zone), not only over nodes. */
  zoneSpread: boolean;
}

const small = (minReplicas: number, maxReplicas: number): Scale => ({
  minReplicas,
  maxReplicas,
  cpuRequest: '500m',
  cpuLimit: '1',
  memoryRequest: '384Mi',
  memoryLimit: '512Mi',
});

export const BASE: Profile = {
  name: 'base',
  scale: { gateway: small(2, 6), subjects: small(2, 4), records: small(2, 6), archives: small(2, 4) },
  settings: {
    NODE_ENV: 'production',
    PORT: '4000',
    // /metrics only on this port, which the NetworkPolicy opens to the monitoring namespace alone.
    METRICS_PORT: '9464',
    LOG_LEVEL: 'info',
    HUB_TIME_ZONE: 'Asia/Shanghai',
    // Replicas x DB_POOL_MAX (+ 8 per gateway: 4 client registry, 4 rate limits) must stay under max_connections.
    DB_POOL_MAX: '8',
    // V8's heap below the container's memory limit, so the process is not OOM-killed first.
    NODE_OPTIONS: '--max-old-space-size=384',
    APOLLO_TELEMETRY_DISABLED: 'true',
    // Two gateways or more (every autoscaler's minimum): their limits count in PostgreSQL, the total for all.
    RATE_LIMIT_STORE: 'postgres',
  },
  cpuTargetPercent: 70,
  checkpointStorage: '1Gi',
  zoneSpread: false,
};

const large = (minReplicas: number, maxReplicas: number): Scale => ({
  minReplicas,
  maxReplicas,
  cpuRequest: '1',
  cpuLimit: '2',
  memoryRequest: '768Mi',
  memoryLimit: '1Gi',
});

/** The production overlay: more replicas, a full core each, more memory, tighter network, zone spread. */
export function production(base: Profile): Profile {
  return {
    ...base,
    name: 'production',
    scale: { gateway: large(4, 24), subjects: large(3, 8), records: large(4, 24), archives: large(3, 8) },
    settings: { ...base.settings, DB_POOL_MAX: '10', NODE_OPTIONS: '--max-old-space-size=768' },
    checkpointStorage: '20Gi',
    ingressNamespace: 'ingress-nginx',
    zoneSpread: true,
  };
}
