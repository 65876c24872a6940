/** The namespace, the shared settings, the checkpoint volume and the migrate Job. */
import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, Namespace, PersistentVolumeClaim } from 'kubernetes-models/v1';
import {
  CHECKPOINT_CLAIM,
  CONFIG_MAP,
  DATABASE_CLIENT,
  IMAGE,
  labelsOf,
  metadata,
  MIGRATION_KEY,
  MIGRATION_SECRET,
  NAMESPACE,
  PART_OF,
  SUBGRAPH_MIGRATION_KEYS,
} from './names.mjs';
import type { Profile } from './profile.mjs';
import { CONTAINER_SECURITY, hubSecretEnv, POD_SECURITY, secretEnv } from './workloads.mjs';

export const namespace = () => new Namespace({ metadata: { name: NAMESPACE, labels: PART_OF } });

export const configMap = (profile: Profile) =>
  new ConfigMap({ metadata: metadata(CONFIG_MAP), data: { ...profile.settings } });

/** ReadWriteMany: every archives replica writes its own checkpoint files into it (docs/audit.md). */
export const checkpointClaim = (profile: Profile) =>
  new PersistentVolumeClaim({
    metadata: metadata(CHECKPOINT_CLAIM),
    spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: profile.checkpointStorage } } },
  });

/**
 * `credit-hub migrate` as the schema owner: the only object that reads MIGRATION_DATABASE_URL.
 * The services' /ready stays 503 until the migrations are current, so they wait for it.
 * Finished Jobs are removed after an hour, so the next `kubectl apply` of a new image runs it again.
 */
export const migrateJob = () =>
  new Job({
    metadata: metadata('migrate', labelsOf('migrate')),
    spec: {
      backoffLimit: 4,
      ttlSecondsAfterFinished: 3600,
      template: {
        metadata: { labels: { ...labelsOf('migrate'), ...DATABASE_CLIENT } },
        spec: {
          restartPolicy: 'OnFailure',
          automountServiceAccountToken: false,
          securityContext: POD_SECURITY,
          containers: [
            {
              name: 'migrate',
              image: IMAGE,
              args: ['migrate'],
              envFrom: [{ configMapRef: { name: CONFIG_MAP } }],
              env: [
                ...hubSecretEnv(),
                secretEnv(MIGRATION_KEY, MIGRATION_KEY, MIGRATION_SECRET),
                ...SUBGRAPH_MIGRATION_KEYS.map((key) => secretEnv(key, key, MIGRATION_SECRET, true)),
              ],
              resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
              securityContext: CONTAINER_SECURITY,
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        },
      },
    },
  });
