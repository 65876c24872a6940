/**
 * Default deny, then only what the split deployment uses: clients to the gateway, the gateway to
 * the subgraphs, records and archives to the subjects service's directory, the hub's pods and the
 * migrate Job to PostgreSQL, records to webhook receivers, the monitoring namespace to /metrics.
 */
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import type { INetworkPolicyPeer, INetworkPolicySpec } from 'kubernetes-models/networking.k8s.io/v1';
import {
  DATABASE_CLIENT,
  DATABASE_POD,
  DATABASE_PORT,
  HTTP_PORT,
  metadata,
  METRICS_PORT,
  PART_OF,
  selectorOf,
} from './names.mjs';
import { SUBGRAPH_COMPONENTS, type Component, type Profile } from './profile.mjs';

const policy = (name: string, spec: INetworkPolicySpec) => new NetworkPolicy({ metadata: metadata(name), spec });
const tcp = (port: number) => ({ protocol: 'TCP' as const, port });
const pods = (component: Component): INetworkPolicyPeer => ({ podSelector: { matchLabels: selectorOf(component) } });
const namespaceNamed = (name: string): INetworkPolicyPeer => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } },
});

/** Which pods may call a service's HTTP port: the gateway always; the subjects directory also records and archives. */
export function callersOf(component: Component, profile: Profile): INetworkPolicyPeer[] {
  if (component === 'gateway') return profile.ingressNamespace ? [namespaceNamed(profile.ingressNamespace)] : [];
  if (component === 'subjects') return [pods('gateway'), pods('records'), pods('archives')];
  return [pods('gateway')];
}

function ingressTo(component: Component, profile: Profile): NetworkPolicy {
  const from = callersOf(component, profile);
  return policy(`${component}-ingress`, {
    podSelector: { matchLabels: selectorOf(component) },
    policyTypes: ['Ingress'],
    // An empty `from` would admit everyone: only the gateway without an ingress namespace is open so.
    ingress: [from.length > 0 ? { from, ports: [tcp(HTTP_PORT)] } : { ports: [tcp(HTTP_PORT)] }],
  });
}

/** What each component calls besides DNS and the database. */
function egressOf(component: Component): NetworkPolicy | null {
  const to =
    component === 'gateway'
      ? SUBGRAPH_COMPONENTS.map(pods)
      : component === 'records' || component === 'archives'
        ? [pods('subjects')]
        : [];
  if (to.length === 0) return null;
  return policy(`${component}-egress`, {
    podSelector: { matchLabels: selectorOf(component) },
    policyTypes: ['Egress'],
    egress: [{ to, ports: [tcp(HTTP_PORT)] }],
  });
}

/** Webhook receivers are global unicast addresses (docs/webhooks.md): anything but private ranges. */
const webhookEgress = () =>
  policy('records-webhooks', {
    podSelector: { matchLabels: selectorOf('records') },
    policyTypes: ['Egress'],
    egress: [
      {
        to: [
          {
            ipBlock: {
              cidr: '0.0.0.0/0',
              except: [
                '10.0.0.0/8',
                '172.16.0.0/12',
                '192.168.0.0/16',
                '100.64.0.0/10',
                '169.254.0.0/16',
                '127.0.0.0/8',
              ],
            },
          },
        ],
      },
    ],
  });

const hubPods = { matchLabels: PART_OF };

function shared(): NetworkPolicy[] {
  return [
    policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy('dns', {
      podSelector: hubPods,
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ ...namespaceNamed('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    }),
    // The database: from the hub's services and the migrate Job only, in both directions.
    policy('database-ingress', {
      podSelector: { matchLabels: DATABASE_POD },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: DATABASE_CLIENT } }], ports: [tcp(DATABASE_PORT)] }],
    }),
    policy('database-egress', {
      podSelector: { matchLabels: DATABASE_CLIENT },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: DATABASE_POD } }], ports: [tcp(DATABASE_PORT)] }],
    }),
    policy('metrics', {
      podSelector: hubPods,
      policyTypes: ['Ingress'],
      ingress: [{ from: [namespaceNamed('monitoring')], ports: [tcp(METRICS_PORT)] }],
    }),
  ];
}

export function networkPolicies(profile: Profile): NetworkPolicy[] {
  const perComponent = (['gateway', ...SUBGRAPH_COMPONENTS] as const).flatMap((component) => {
    const egress = egressOf(component);
    return [ingressTo(component, profile), ...(egress ? [egress] : [])];
  });
  return [...shared(), ...perComponent, webhookEgress()];
}
