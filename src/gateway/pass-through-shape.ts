import {
  getNamedType,
  getOperationAST,
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  print,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

/** One field of the response a query asks for, in the order graphql-js answers it. */
export interface ResponseField {
  /** Response key (the alias, else the name). */
  key: string;
  name: string;
  /** Arguments as written, for the shape. */
  args: string;
  /** The type the API schema gives it; for `__typename`, the object type it sits in. */
  type: GraphQLOutputType;
  /** The fields asked of its object (or of each object of its list); undefined for a leaf. */
  fields?: ResponseField[];
}

/**
 * The fields a query's response holds, from the root: every field's response key, name and
 * arguments as written, in the order graphql-js answers them, with named and inline fragments
 * whose type condition is the type they sit in (no-ops) flattened. Undefined when the shape is
 * not one that subgraph answers can be handed on (or copied) unchanged: a directive anywhere
 * (@include/@skip the gateway would apply), introspection, a field the API schema does not
 * have, a fragment on another type, or an abstract type (the gateway resolves type conditions
 * with __typename).
 */
export function responseFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): ResponseField[] | undefined {
  const operation = getOperationAST(document, operationName);
  const root = schema.getQueryType();
  if (!operation || operation.operation !== 'query' || !root || operation.directives?.length) return undefined;
  if (operation.variableDefinitions?.some((definition) => definition.directives?.length)) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const out: ResponseField[] = [];
  return fieldsOf(operation.selectionSet, root, fragments, out) ? out : undefined;
}

/**
 * The response shape as one string. Two documents with equal shapes are answered by
 * graphql-js with the same JSON, key for key.
 */
export function queryShape(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): string | undefined {
  const fields = responseFields(schema, document, operationName);
  return fields && shapeText(fields);
}

function shapeText(fields: ResponseField[]): string {
  return fields
    .map(({ key, name, args, fields: inner }) => `${key}=${name}(${args})${inner ? ` { ${shapeText(inner)} }` : ''}`)
    .join(' ');
}

/** Appends the fields of `set` (inside `parent`) to `out`; false when it is not a plain copy. */
function fieldsOf(
  set: SelectionSetNode,
  parent: GraphQLObjectType,
  fragments: Fragments,
  out: ResponseField[],
): boolean {
  for (const selection of set.selections) {
    if (selection.directives?.length) return false;
    if (selection.kind === Kind.FIELD) {
      if (!fieldOf(selection, parent, fragments, out)) return false;
      continue;
    }
    const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value as string);
    if (!inner || (inner.typeCondition && inner.typeCondition.name.value !== parent.name)) return false;
    if (!fieldsOf(inner.selectionSet, parent, fragments, out)) return false;
  }
  return true;
}

type FieldNode = Extract<SelectionSetNode['selections'][number], { kind: Kind.FIELD }>;

function fieldOf(field: FieldNode, parent: GraphQLObjectType, fragments: Fragments, out: ResponseField[]): boolean {
  const name = field.name.value;
  const args = (field.arguments ?? []).map((arg) => `${arg.name.value}:${print(arg.value)}`).join(',');
  const key = field.alias?.value ?? name;
  if (name === '__typename') return Boolean(out.push({ key, name, args, type: parent }));
  const definition = name.startsWith('__') ? undefined : parent.getFields()[name];
  if (!definition) return false;
  const type = getNamedType(definition.type);
  if (isAbstractType(type)) return false;
  if (!field.selectionSet) return Boolean(out.push({ key, name, args, type: definition.type }));
  if (!isObjectType(type)) return false;
  const inner: ResponseField[] = [];
  out.push({ key, name, args, type: definition.type, fields: inner });
  return fieldsOf(field.selectionSet, type, fragments, inner);
}

/** A response key asked twice with a selection under it (the answer would merge them): not copied field by field. */
export function hasMergedFields(fields: ResponseField[]): boolean {
  const seen = new Set<string>();
  for (const field of fields) {
    if (field.fields && (seen.has(field.key) || hasMergedFields(field.fields))) return true;
    seen.add(field.key);
  }
  return false;
}

/** What `completed` returns when the data does not hold what the client asked (the normal path decides then). */
export const INCOMPLETE = Symbol('incomplete');

/**
 * The client's answer copied out of the merged subgraph data: only the fields it asked, in its
 * order, as graphql-js would complete them. INCOMPLETE when a value is missing, a non-null
 * field is null or a value is not of its type's form (list, object): the gateway's own
 * completion then runs, which reports such cases.
 */
export function completed(value: unknown, type: GraphQLOutputType, fields?: ResponseField[]): unknown {
  if (isNonNullType(type)) return value === null ? INCOMPLETE : completed(value, type.ofType, fields);
  if (value === null) return null;
  if (value === undefined) return INCOMPLETE;
  if (isListType(type)) {
    if (!Array.isArray(value)) return INCOMPLETE;
    const items: unknown[] = [];
    for (const item of value) {
      const done = completed(item, type.ofType, fields);
      if (done === INCOMPLETE) return INCOMPLETE;
      items.push(done);
    }
    return items;
  }
  if (!fields) return value;
  if (typeof value !== 'object' || Array.isArray(value)) return INCOMPLETE;
  return completedObject(value as Record<string, unknown>, fields);
}

/** An object's asked fields; `__typename` is the object type's name (no abstract types get here). */
export function completedObject(source: Record<string, unknown>, fields: ResponseField[]): unknown {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const done =
      field.name === '__typename'
        ? (field.type as GraphQLObjectType).name
        : completed(source[field.key], field.type, field.fields);
    if (done === INCOMPLETE) return INCOMPLETE;
    out[field.key] = done;
  }
  return out;
}
