import {
  execute,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
} from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, shield } from 'graphql-shield';
import * as jit from 'graphql-jit';
import { COMPILED_QUERY_LIMIT, SubgraphExecutor } from '../../../src/gateway/jit-executor';

jest.mock('graphql-jit', () => {
  const actual = jest.requireActual('graphql-jit');
  return { ...actual, compileQuery: jest.fn(actual.compileQuery) };
});
const compileQuery = jit.compileQuery as jest.MockedFunction<typeof jit.compileQuery>;

/** An enum whose internal values are not its names: coercing twice would fail, so it must not be compiled. */
const Level = new GraphQLEnumType({ name: 'Level', values: { HIGH: { value: 3 }, LOW: { value: 1 } } });
const Kind = new GraphQLEnumType({ name: 'Kind', values: { A: {}, B: {} } });
const Filter = new GraphQLInputObjectType({
  name: 'Filter',
  fields: {
    kinds: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Kind))), defaultValue: ['A'] },
  },
});
const Item = new GraphQLObjectType({
  name: 'Item',
  fields: { name: { type: GraphQLString }, secret: { type: GraphQLString }, broken: { type: GraphQLString } },
});
const mutations: string[] = [];
const baseSchema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      items: {
        type: new GraphQLList(Item),
        args: { filter: { type: new GraphQLNonNull(Filter) } },
        resolve: (_root, args: { filter: { kinds: string[] } }) =>
          args.filter.kinds.map((kind) => ({
            name: `item ${kind}`,
            secret: 's',
            broken: () => {
              throw new Error('broken field');
            },
          })),
      },
      level: {
        type: GraphQLString,
        args: { at: { type: Level } },
        resolve: (_root, args: { at?: number }) => `level ${args.at}`,
      },
    },
  }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: {
      touch: { type: GraphQLString, resolve: () => (mutations.push('touched'), 'ok') },
    },
  }),
});
// The subgraphs' shield wraps resolvers in the schema: a compiled query must still meet it.
const schema = applyMiddleware(
  baseSchema,
  shield(
    { Query: { '*': allow }, Item: { name: allow, broken: allow, secret: deny }, Mutation: { touch: allow } },
    { fallbackRule: deny },
  ),
);

const QUERY = `query Items($filter: Filter!) {
  first: items(filter: $filter) { ...names }
  again: items(filter: $filter) { label: name secret broken }
}
fragment names on Item { name }`;

describe('SubgraphExecutor', () => {
  beforeEach(() => compileQuery.mockClear());

  it('answers a query compiled exactly as graphql-js does: fragments, aliases, defaults, shield, errors', async () => {
    const executor = new SubgraphExecutor(schema);
    const document = parse(QUERY);
    const variableValues = { filter: {} };
    const compiled = await executor.execute({ document, variableValues, contextValue: {} });
    const reference = await execute({ schema, document, variableValues, contextValue: {} });
    expect(compileQuery).toHaveBeenCalledTimes(1);
    // The required input field's default applies (graphql-js coerces the variables first).
    expect(compiled.data).toEqual({
      first: [{ name: 'item A' }],
      again: [{ label: 'item A', secret: null, broken: null }],
    });
    expect(JSON.parse(JSON.stringify(compiled))).toEqual(JSON.parse(JSON.stringify(reference)));
    expect(compiled.errors?.map((error) => error.path)).toEqual([
      ['again', 0, 'secret'],
      ['again', 0, 'broken'],
    ]);
  });

  it('compiles a document once and reuses it', async () => {
    const executor = new SubgraphExecutor(schema);
    const document = parse(QUERY);
    for (let i = 0; i < 3; i++) await executor.execute({ document, variableValues: { filter: {} }, contextValue: {} });
    expect(compileQuery).toHaveBeenCalledTimes(1);
  });

  it('refuses bad variables with graphql-js errors and runs nothing', async () => {
    const executor = new SubgraphExecutor(schema);
    const result = await executor.execute({
      document: parse(QUERY),
      variableValues: { filter: { kinds: ['C'] } },
      contextValue: {},
    });
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
  });

  it('runs mutations and non-idempotently coerced variables with graphql-js', async () => {
    const executor = new SubgraphExecutor(schema);
    const touched = await executor.execute({ document: parse('mutation { touch }'), contextValue: {} });
    const level = await executor.execute({
      document: parse('query L($at: Level) { level(at: $at) }'),
      variableValues: { at: 'HIGH' },
      contextValue: {},
    });
    expect(touched).toEqual({ data: { touch: 'ok' } });
    expect(level).toEqual({ data: { level: 'level 3' } });
    expect(compileQuery).not.toHaveBeenCalled();
  });

  it('falls back to graphql-js when compilation fails', async () => {
    compileQuery.mockImplementationOnce(() => {
      throw new Error('cannot compile');
    });
    const executor = new SubgraphExecutor(schema);
    const result = await executor.execute({ document: parse('{ level }'), contextValue: {} });
    expect(result).toEqual({ data: { level: 'level undefined' } });
  });

  it('keeps at most COMPILED_QUERY_LIMIT documents, dropping the least recently used', async () => {
    const executor = new SubgraphExecutor(schema);
    const documents = Array.from({ length: COMPILED_QUERY_LIMIT + 1 }, (_, i) => parse(`query Q${i} { level }`));
    for (const document of documents.slice(0, COMPILED_QUERY_LIMIT))
      await executor.execute({ document, contextValue: {} });
    await executor.execute({ document: documents[0], contextValue: {} }); // used again: now the newest
    await executor.execute({ document: documents[COMPILED_QUERY_LIMIT], contextValue: {} }); // evicts Q1
    expect(compileQuery).toHaveBeenCalledTimes(COMPILED_QUERY_LIMIT + 1);
    await executor.execute({ document: documents[0], contextValue: {} });
    expect(compileQuery).toHaveBeenCalledTimes(COMPILED_QUERY_LIMIT + 1);
    await executor.execute({ document: documents[1], contextValue: {} });
    expect(compileQuery).toHaveBeenCalledTimes(COMPILED_QUERY_LIMIT + 2);
  });
});
