/** Deployments, their Services, autoscalers and disruption budgets. */
import { createHash } from 'node:crypto';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Service } from 'kubernetes-models/v1';
import type { IContainer, IEnvVar, IPodSpec, IVolume, IVolumeMount } from 'kubernetes-models/v1';
import {
  CHECKPOINT_CLAIM,
  CHECKPOINT_DIR,
  CONFIG_MAP,
  HTTP_PORT,
  IMAGE,
  labelsOf,
  metadata,
  METRICS_PORT,
  SECRET,
  SECRET_KEYS,
  SUBGRAPH_DATABASE_KEYS,
  selectorOf,
  serveArgs,
  DATABASE_CLIENT,
} from './names.mjs';
import type { Component, Profile } from './profile.mjs';

/** Each secret by reference: the Secret is created by hand and never stored here. */
export const secretEnv = (name: string, key: string = name, secret: string = SECRET, optional = false): IEnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key, ...(optional ? { optional } : {}) } },
});

/** SECRET's keys every process reads: the required ones, then the optional per-subgraph database URLs. */
export const hubSecretEnv = (): IEnvVar[] => [
  ...SECRET_KEYS.map((key) => secretEnv(key)),
  ...SUBGRAPH_DATABASE_KEYS.map((key) => secretEnv(key, key, SECRET, true)),
];

/** Non-root, read-only root filesystem, no privilege escalation, no capabilities (the image runs as `node`). */
export const CONTAINER_SECURITY = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

export const POD_SECURITY = { fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' as const } };

/** The outbox is the records schema's: only its process sends webhooks; said explicitly everywhere. */
function componentEnv(component: Component): IEnvVar[] {
  const env: IEnvVar[] = [{ name: 'WEBHOOK_DISPATCHER', value: component === 'records' ? 'true' : 'false' }];
  // Every subgraph may keep an access log: archives with one database, each its own with a database per subgraph
  // (docs/deployment.md "Database per subgraph"; only the log's keeper starts the checkpointer).
  if (component !== 'gateway') env.push({ name: 'AUDIT_CHECKPOINT_DIR', value: CHECKPOINT_DIR });
  return env;
}

function mounts(component: Component): { volumes: IVolume[]; volumeMounts: IVolumeMount[] } {
  const volumes: IVolume[] = [{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }];
  const volumeMounts: IVolumeMount[] = [{ name: 'tmp', mountPath: '/tmp' }];
  if (component !== 'gateway') {
    // One volume shared by the keepers' replicas: each writes its own checkpoint files (docs/audit.md).
    volumes.push({ name: 'audit-checkpoints', persistentVolumeClaim: { claimName: CHECKPOINT_CLAIM } });
    volumeMounts.push({ name: 'audit-checkpoints', mountPath: CHECKPOINT_DIR });
  }
  return { volumes, volumeMounts };
}

function container(component: Component, profile: Profile, volumeMounts: IVolumeMount[]): IContainer {
  const scale = profile.scale[component];
  const probe = (path: string, periodSeconds: number) => ({
    httpGet: { path, port: 'http' },
    periodSeconds,
    timeoutSeconds: 3,
    failureThreshold: 3,
  });
  return {
    name: component,
    image: IMAGE,
    args: serveArgs(component),
    ports: [
      { name: 'http', containerPort: HTTP_PORT, protocol: 'TCP' },
      { name: 'metrics', containerPort: METRICS_PORT, protocol: 'TCP' },
    ],
    envFrom: [{ configMapRef: { name: CONFIG_MAP } }],
    env: [...hubSecretEnv(), ...componentEnv(component)],
    resources: {
      requests: { cpu: scale.cpuRequest, memory: scale.memoryRequest },
      limits: { cpu: scale.cpuLimit, memory: scale.memoryLimit },
    },
    // /ready: database reachable and migrations current (the gateway: always); /health: the process answers.
    startupProbe: { ...probe('/health', 2), failureThreshold: 30 },
    readinessProbe: probe('/ready', 5),
    livenessProbe: probe('/health', 10),
    // Endpoints are removed while the pod still serves; then SIGTERM finishes in-flight requests (serve.ts).
    lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
    securityContext: CONTAINER_SECURITY,
    volumeMounts,
  };
}

function spread(component: Component, profile: Profile): Pick<IPodSpec, 'topologySpreadConstraints'> {
  const keys = profile.zoneSpread
    ? ['topology.kubernetes.io/zone', 'kubernetes.io/hostname']
    : ['kubernetes.io/hostname'];
  return {
    topologySpreadConstraints: keys.map((topologyKey) => ({
      maxSkew: 1,
      topologyKey,
      whenUnsatisfiable: 'ScheduleAnyway' as const,
      labelSelector: { matchLabels: selectorOf(component) },
    })),
  };
}

/** Pods read the ConfigMap at start only: a digest of it in the template rolls them when a setting changes. */
export const settingsDigest = (profile: Profile) =>
  createHash('sha256').update(JSON.stringify(profile.settings)).digest('hex').slice(0, 16);

/** No `replicas`: the HorizontalPodAutoscaler owns the count, so `kubectl apply` never resets it. */
export function deployment(component: Component, profile: Profile): Deployment {
  const { volumes, volumeMounts } = mounts(component);
  const labels = { ...labelsOf(component), ...DATABASE_CLIENT };
  return new Deployment({
    metadata: metadata(component, labelsOf(component)),
    spec: {
      selector: { matchLabels: selectorOf(component) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels, annotations: { 'credit-hub/settings-digest': settingsDigest(profile) } },
        spec: {
          automountServiceAccountToken: false,
          // Longer than serve's own 15 s safety net after SIGTERM, plus the preStop pause.
          terminationGracePeriodSeconds: 30,
          securityContext: POD_SECURITY,
          containers: [container(component, profile, volumeMounts)],
          volumes,
          ...spread(component, profile),
        },
      },
    },
  });
}

export function service(component: Component): Service {
  return new Service({
    metadata: metadata(component, labelsOf(component)),
    spec: {
      type: 'ClusterIP',
      selector: selectorOf(component),
      ports: [{ name: 'http', port: HTTP_PORT, targetPort: 'http', protocol: 'TCP' }],
    },
  });
}

export function autoscaler(component: Component, profile: Profile): HorizontalPodAutoscaler {
  const { minReplicas, maxReplicas } = profile.scale[component];
  return new HorizontalPodAutoscaler({
    metadata: metadata(component, labelsOf(component)),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: component },
      minReplicas,
      maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: profile.cpuTargetPercent } },
        },
      ],
      // Scale down slowly: a burst of pushes or checks often comes back within minutes.
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    },
  });
}

/** A node drain takes one replica at a time; with at least two replicas the service stays up. */
export function disruptionBudget(component: Component): PodDisruptionBudget {
  return new PodDisruptionBudget({
    metadata: metadata(component, labelsOf(component)),
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorOf(component) } },
  });
}
