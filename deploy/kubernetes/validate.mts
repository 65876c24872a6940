/**
 * Reads a JSON array of Kubernetes objects on stdin and prints, for each, the API-schema
 * validation errors of its kind (kubernetes-models: the OpenAPI schemas of the Kubernetes API),
 * or null when it is valid. Used by tests/deployment/kubernetes.test.ts on the committed YAML.
 */
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, PersistentVolumeClaim, Service } from 'kubernetes-models/v1';

type Kind = { apiVersion: string; kind: string; new (data: never): { validate(): void } };
const KINDS: Kind[] = [
  Deployment,
  HorizontalPodAutoscaler,
  Job,
  NetworkPolicy,
  PodDisruptionBudget,
  ConfigMap,
  Namespace,
  PersistentVolumeClaim,
  Service,
];

function check(object: { apiVersion?: string; kind?: string }): string | null {
  const model = KINDS.find((k) => k.apiVersion === object.apiVersion && k.kind === object.kind);
  if (!model) return `no schema for ${object.apiVersion} ${object.kind}`;
  try {
    new model(object as never).validate();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const objects = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { apiVersion?: string; kind?: string }[];
process.stdout.write(JSON.stringify(objects.map(check)));
