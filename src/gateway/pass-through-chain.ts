import type { Experimental_DidResolveQueryPlanCallback, GraphQLDataSource } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { getOperationAST, Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { completedObject, hasMergedFields, INCOMPLETE, responseFields, type ResponseField } from './pass-through-shape';

/*
 * Entity chains for the pass-through (pass-through.ts): the plan of a query such as the archive
 * reading (subjects → archives → records) as @apollo/gateway builds it (a Sequence of the root
 * fetch and Flatten(path, entity fetch) nodes), recognised here so that the pass-through can run
 * the fetches itself and copy the client's fields out of the merged answers.
 */

type PlanInfo = Parameters<Experimental_DidResolveQueryPlanCallback>[0];
type PlanNode = NonNullable<PlanInfo['queryPlan']['node']>;
export type FetchNode = Extract<PlanNode, { kind: 'Fetch' }>;

/** A fetch that adds fields to the one entity object found at `path` (object fields only, no lists). */
export interface EntityStep {
  path: string[];
  fetch: FetchNode;
  /** The entity's type and the fields its representation is made of (`__typename` first). */
  typeName: string;
  keys: string[];
}

/** A fetch that only asks, and only of the subgraph's answer as it is: no rewrites in or out. */
function plain(fetch: FetchNode): boolean {
  return (
    fetch.operationKind === 'query' &&
    !fetch.inputRewrites?.length &&
    !fetch.outputRewrites?.length &&
    !fetch.contextRewrites?.length
  );
}

/** The entity step of a Flatten node, when its representation is a flat list of the entity's own fields. */
function entityStep(node: PlanNode): EntityStep | undefined {
  if (node.kind !== 'Flatten' || node.path.some((segment) => typeof segment !== 'string' || segment === '@'))
    return undefined;
  const fetch = node.node;
  if (fetch.kind !== 'Fetch' || !plain(fetch) || fetch.requires?.length !== 1) return undefined;
  const [fragment] = fetch.requires;
  if (fragment.kind !== Kind.INLINE_FRAGMENT || !fragment.typeCondition) return undefined;
  const keys: string[] = [];
  for (const selection of fragment.selections) {
    if (selection.kind !== Kind.FIELD || selection.alias || selection.selections) return undefined;
    keys.push(selection.name);
  }
  if (keys[0] !== '__typename') return undefined;
  return { path: node.path as string[], fetch, typeName: fragment.typeCondition, keys };
}

/**
 * The plan as a root fetch and the entity steps after it, in order; undefined for any other plan
 * (parallel branches, lists of entities, rewrites, nested representations, a mutation, or two
 * fetches with the same text, whose answers a replay could not tell apart).
 */
export function entityChain(plan: PlanInfo['queryPlan']): { root: FetchNode; steps: EntityStep[] } | undefined {
  const node = plan.node;
  if (node?.kind !== 'Sequence' || node.nodes.length < 2) return undefined;
  const [root, ...rest] = node.nodes;
  if (root.kind !== 'Fetch' || root.requires || !plain(root)) return undefined;
  const steps: EntityStep[] = [];
  for (const later of rest) {
    const step = entityStep(later);
    if (!step) return undefined;
    steps.push(step);
  }
  const texts = new Set([root.operation, ...steps.map((step) => step.fetch.operation)]);
  return texts.size === steps.length + 1 ? { root, steps } : undefined;
}

type Data = Record<string, unknown>;

const isObject = (value: unknown): value is Data =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object at `path` in `data`: null when a step on the way is null (nothing to fetch), undefined when malformed. */
export function objectAt(data: Data, path: string[]): Data | null | undefined {
  let at: unknown = data;
  for (const segment of path) {
    if (!isObject(at)) return undefined;
    at = at[segment];
    if (at === null) return null;
  }
  return isObject(at) ? at : undefined;
}

/** The entity's representation as the gateway builds it (executeSelectionSet); undefined when a field is missing. */
export function representation(entity: Data, step: EntityStep): Data | undefined {
  if (entity.__typename !== step.typeName) return undefined;
  const out: Data = Object.create(null);
  for (const key of step.keys) {
    if (entity[key] === undefined) return undefined;
    out[key] = entity[key];
  }
  return out;
}

/**
 * Merges an entity fetch's fields into the entity, objects into objects, as the gateway's
 * deepMerge does; false when both hold a list under one key (the gateway merges those item by
 * item: left to it).
 */
export function mergeInto(target: Data, source: Data): boolean {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (Array.isArray(existing) && Array.isArray(value)) return false;
    if (isObject(existing) && isObject(value)) {
      if (!mergeInto(existing, value)) return false;
    } else target[key] = value;
  }
  return true;
}

/** Sends one fetch of a routed request to its subgraph (and keeps the answer for a replay). */
export type Send = (
  fetch: FetchNode,
  source: GraphQLDataSource,
  path: string[],
  representations?: unknown[],
) => Promise<GatewayGraphQLResponse>;

/** An entity chain as the pass-through runs it: the fetches with their subgraphs, and the client's fields. */
export interface ChainRoute {
  kind: 'chain';
  root: FetchNode;
  rootSource: GraphQLDataSource;
  steps: (EntityStep & { source: GraphQLDataSource })[];
  operation: OperationDefinitionNode;
  fields: ResponseField[];
}

/** The route of a query planned as an entity chain whose answer can be copied field by field; else undefined. */
export function chainRoute(
  schema: GraphQLSchema,
  plan: PlanInfo['queryPlan'],
  document: DocumentNode,
  operationName: string | undefined,
  serviceMap: PlanInfo['serviceMap'],
): ChainRoute | undefined {
  const chain = entityChain(plan);
  const fields = chain && responseFields(schema, document, operationName);
  if (!chain || !fields || hasMergedFields(fields)) return undefined;
  const rootSource = serviceMap[chain.root.serviceName];
  const steps = chain.steps.map((step) => ({ ...step, source: serviceMap[step.fetch.serviceName] }));
  if (!rootSource || steps.some((step) => !step.source)) return undefined;
  const operation = getOperationAST(document, operationName)!;
  return { kind: 'chain', root: chain.root, rootSource, steps, operation, fields };
}

/** An answer the client can be given (or built from): data, no errors (any error goes the normal way). */
export function clean(answer: GatewayGraphQLResponse): boolean {
  return !answer.errors && isObject(answer.data);
}

async function settled(answer: Promise<GatewayGraphQLResponse>): Promise<Data | undefined> {
  const done = await answer.catch(() => undefined);
  return done && clean(done) ? (done.data as Data) : undefined;
}

/**
 * Runs an entity chain as the gateway's plan would (each fetch after the one before, an entity
 * fetch skipped when its object is null) and copies the client's fields out of the merged
 * answers. Undefined as soon as anything is not plain (an error, a missing field, an entity not
 * answered): the caller then hands the answers so far to the normal path. Entity answers are
 * merged into the root answer itself; replayed, the gateway merges the same values again.
 */
export async function runChain(route: ChainRoute, send: Send): Promise<Data | undefined> {
  const data = await settled(send(route.root, route.rootSource, []));
  if (!data) return undefined;
  for (const step of route.steps) {
    const entity = objectAt(data, step.path);
    if (entity === null) continue;
    const represented = entity && representation(entity, step);
    if (!entity || !represented) return undefined;
    const received = (await settled(send(step.fetch, step.source, step.path, [represented])))?._entities;
    if (!Array.isArray(received) || received.length !== 1 || !isObject(received[0])) return undefined;
    if (!mergeInto(entity, received[0])) return undefined;
  }
  const out = completedObject(data, route.fields);
  return out === INCOMPLETE ? undefined : (out as Data);
}
