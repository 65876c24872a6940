import {
  getNamedType,
  getOperationAST,
  isAbstractType,
  isObjectType,
  Kind,
  print,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

/**
 * The response shape a query asks for, as one string: every field's response key, name and
 * arguments as written, in the order graphql-js answers them, with named and inline fragments
 * whose type condition is the type they sit in (no-ops) flattened. Undefined when the shape is
 * not one that a subgraph's answer can be handed on for unchanged: a directive anywhere
 * (@include/@skip the gateway would apply), introspection, a field the API schema does not
 * have, a fragment on another type, or an abstract type (the gateway resolves type conditions
 * with __typename). Two documents with equal shapes are answered by graphql-js with the same
 * JSON, key for key.
 */
export function queryShape(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): string | undefined {
  const operation = getOperationAST(document, operationName);
  const root = schema.getQueryType();
  if (!operation || operation.operation !== 'query' || !root || operation.directives?.length) return undefined;
  if (operation.variableDefinitions?.some((definition) => definition.directives?.length)) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const out: string[] = [];
  return shapeOf(operation.selectionSet, root, fragments, out) ? out.join(' ') : undefined;
}

/** Appends the shape of `set` (inside `parent`) to `out`; false when it is not a plain copy. */
function shapeOf(set: SelectionSetNode, parent: GraphQLObjectType, fragments: Fragments, out: string[]): boolean {
  for (const selection of set.selections) {
    if (selection.directives?.length) return false;
    if (selection.kind === Kind.FIELD) {
      if (!fieldShape(selection, parent, fragments, out)) return false;
      continue;
    }
    const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value as string);
    if (!inner || (inner.typeCondition && inner.typeCondition.name.value !== parent.name)) return false;
    if (!shapeOf(inner.selectionSet, parent, fragments, out)) return false;
  }
  return true;
}

type FieldNode = Extract<SelectionSetNode['selections'][number], { kind: Kind.FIELD }>;

function fieldShape(field: FieldNode, parent: GraphQLObjectType, fragments: Fragments, out: string[]): boolean {
  const name = field.name.value;
  const args = (field.arguments ?? []).map((arg) => `${arg.name.value}:${print(arg.value)}`).join(',');
  const key = `${field.alias?.value ?? name}=${name}(${args})`;
  if (name === '__typename') return Boolean(out.push(key));
  const definition = name.startsWith('__') ? undefined : parent.getFields()[name];
  if (!definition) return false;
  const type = getNamedType(definition.type);
  if (isAbstractType(type)) return false;
  if (!field.selectionSet) return Boolean(out.push(key));
  if (!isObjectType(type)) return false;
  out.push(key, '{');
  if (!shapeOf(field.selectionSet, type, fragments, out)) return false;
  out.push('}');
  return true;
}
