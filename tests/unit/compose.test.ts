import { composeSupergraph, CompositionError } from '../../src/gateway/compose';

describe('composition', () => {
  const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
  it('stops with a readable message naming what does not compose', () => {
    const a = `${link}\ntype Query { a: Thing }\ntype Thing @key(fields: "id") { id: ID! size: Int }`;
    const b = `${link}\ntype Query { b: Thing }\ntype Thing @key(fields: "id") { id: ID! size: String }`;
    expect(() =>
      composeSupergraph([
        { name: 'a', sdl: a },
        { name: 'b', sdl: b },
      ]),
    ).toThrow(CompositionError);
    expect(() =>
      composeSupergraph([
        { name: 'a', sdl: a },
        { name: 'b', sdl: b },
      ]),
    ).toThrow(/do not compose[\s\S]*Thing\.size/);
  });
  it('composes compatible subgraphs', () => {
    const a = `${link}\ntype Query { a: Thing }\ntype Thing @key(fields: "id") { id: ID! size: Int }`;
    const b = `${link}\ntype Query { b: Int }\ntype Thing @key(fields: "id") { id: ID! colour: String }`;
    expect(
      composeSupergraph([
        { name: 'a', sdl: a },
        { name: 'b', sdl: b },
      ]),
    ).toContain('colour');
  });
});
