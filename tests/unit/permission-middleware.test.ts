import { buildSchema, graphql, type GraphQLObjectType } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, rule } from 'graphql-shield';
import { permissionMiddleware, TOKEN_REQUIRED } from '../../src/common/federation';

/** The shield middleware keeps every rule but `allow`, whose wrapper does nothing. */
describe('permissionMiddleware', () => {
  const isAdmin = rule()((_parent, _args, ctx: { admin: boolean }) => ctx.admin);
  const schema =
    buildSchema(`type Query { open: String, closed: String, admins: String, unlisted: String, thing: Thing, other: Other }
                              type Thing { a: String, b: String }
                              type Other { x: String, y: String }`);
  const answers: Record<string, unknown> = {
    open: 'o',
    closed: 'c',
    admins: 'a',
    unlisted: 'u',
    thing: { a: 'a', b: 'b' },
    other: { x: 'x', y: 'y' },
  };
  for (const [name, field] of Object.entries((schema.getQueryType() as GraphQLObjectType).getFields()))
    field.resolve = () => answers[name];
  const rules = {
    Query: { open: allow, closed: deny, admins: isAdmin, thing: allow, other: allow },
    Thing: allow,
    Other: { '*': allow, y: deny },
  };

  it('wraps only the fields whose rule is not allow', () => {
    const middleware = permissionMiddleware(schema, rules) as Record<string, Record<string, unknown>>;
    expect(Object.keys(middleware.Query).sort()).toEqual(['admins', 'closed', 'unlisted']);
    expect(Object.keys(middleware.Thing)).toEqual([]);
    expect(Object.keys(middleware.Other)).toEqual(['y']);
  });

  it('still denies by default and applies every other rule', async () => {
    const guarded = applyMiddleware(schema, permissionMiddleware(schema, rules));
    const source = '{ open closed admins unlisted thing { a b } other { x y } }';
    const anonymous = await graphql({ schema: guarded, source, contextValue: { admin: false } });
    expect(anonymous.data).toEqual({
      open: 'o',
      closed: null,
      admins: null,
      unlisted: null,
      thing: { a: 'a', b: 'b' },
      other: { x: 'x', y: null },
    });
    expect(anonymous.errors?.map((e) => e.extensions.code)).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
    ]);
    const admin = await graphql({ schema: guarded, source, contextValue: { admin: true } });
    expect(admin.data).toMatchObject({ admins: 'a', closed: null, unlisted: null });
  });
});

/** Who is told UNAUTHENTICATED and who FORBIDDEN when a rule says no (federation.ts `refusal`). */
describe('refusals', () => {
  const schema = buildSchema(
    `type Query { closed: String } type Mutation { act: Result } type Result { secret: String }`,
  );
  (schema.getMutationType() as GraphQLObjectType).getFields().act.resolve = () => ({ secret: 's' });
  const guarded = applyMiddleware(
    schema,
    permissionMiddleware(schema, {
      Query: { closed: deny },
      Mutation: { act: rule()((_p, _a, ctx) => ctx.viewer?.role === 'COURT') },
      Result: deny,
    }),
  );
  const anonymous = { viewer: { authenticated: false, role: 'PUBLIC' } };
  const outsider = { viewer: { authenticated: true, role: 'PROCUREMENT' } };
  const court = { viewer: { authenticated: true, role: 'COURT' } };
  const errorsOf = async (source: string, contextValue: unknown) =>
    (await graphql({ schema: guarded, source, contextValue })).errors?.map((e) => [
      e.extensions.code,
      e.extensions.reason,
      e.path,
    ]);

  it('a mutation without a token is UNAUTHENTICATED with the reason TOKEN_REQUIRED', async () => {
    expect(await errorsOf('mutation { act { secret } }', anonymous)).toEqual([
      ['UNAUTHENTICATED', TOKEN_REQUIRED, ['act']],
    ]);
  });

  it('an authenticated caller without the right is FORBIDDEN', async () => {
    expect(await errorsOf('mutation { act { secret } }', outsider)).toEqual([['FORBIDDEN', undefined, ['act']]]);
  });

  it('below the mutation, and on reads, a refusal stays FORBIDDEN even without a token', async () => {
    expect(await errorsOf('mutation { act { secret } }', court)).toEqual([['FORBIDDEN', undefined, ['act', 'secret']]]);
    expect(await errorsOf('{ closed }', anonymous)).toEqual([['FORBIDDEN', undefined, ['closed']]]);
  });
});
