import { boundStatement, PREPARED_LIMIT, PreparedNames } from '../../../src/db/bound-statement';

const inline = (value: unknown) => (value === null ? 'NULL' : `<${String(value)}>`);

describe('boundStatement: string parameters bound, the others inlined as MikroORM writes them', () => {
  it('binds strings in order and inlines numbers, booleans and nulls', () => {
    expect(
      boundStatement(
        'SELECT * FROM t WHERE a = ? AND b = ? AND c = ? AND d = ? AND e = ?',
        ['x', 4, 'y', true, null],
        inline,
      ),
    ).toEqual({
      text: 'SELECT * FROM t WHERE a = $1 AND b = <4> AND c = $2 AND d = <true> AND e = NULL',
      values: ['x', 'y'],
    });
  });

  it('keeps a value with quotes and backslashes as it is (no escaping: it is not in the text)', () => {
    expect(boundStatement('SELECT ?::text', ["it's \\ here"], inline)).toEqual({
      text: 'SELECT $1::text',
      values: ["it's \\ here"],
    });
  });

  it.each([
    ['no string parameter', 'SELECT * FROM t WHERE id = ?', [5]],
    ['identifier placeholders', 'SELECT ?? FROM t WHERE a = ?', ['col', 'x']],
    ['an escaped placeholder', 'SELECT data \\? ? FROM t', ['k']],
    ['fewer parameters than placeholders', 'SELECT ? , ?', ['x']],
    ['more parameters than placeholders', 'SELECT ?', ['x', 'y']],
    ['no placeholder', 'SELECT 1', []],
  ])('leaves %s to the inlined text', (_, sql, params) => {
    expect(boundStatement(sql as string, params as unknown[], inline)).toBeUndefined();
  });
});

describe('PreparedNames: which texts are prepared', () => {
  it('names a text the second time it is sent, and keeps that name', () => {
    const names = new PreparedNames();
    expect(names.nameFor('SELECT $1')).toBeUndefined();
    const name = names.nameFor('SELECT $1');
    expect(name).toMatch(/^hub_\d+$/);
    expect(names.nameFor('SELECT $1')).toBe(name);
    expect(names.nameFor('SELECT $1 + 0')).toBeUndefined();
  });

  it(`names at most ${PREPARED_LIMIT} texts`, () => {
    const names = new PreparedNames();
    const given = new Set<string>();
    for (let i = 0; i < PREPARED_LIMIT + 10; i++) {
      names.nameFor(`SELECT ${i}, $1`);
      const name = names.nameFor(`SELECT ${i}, $1`);
      if (name) given.add(name);
    }
    expect(given.size).toBe(PREPARED_LIMIT);
  });

  it('a stale prepared text is sent bound but never prepared again; a refused one is sent inlined', () => {
    const names = new PreparedNames();
    names.nameFor('SELECT l.* FROM l WHERE a = $1');
    const first = names.nameFor('SELECT l.* FROM l WHERE a = $1');
    names.refuse('SELECT l.* FROM l WHERE a = $1', true);
    expect(names.binds('SELECT l.* FROM l WHERE a = $1')).toBe(true);
    names.nameFor('SELECT l.* FROM l WHERE a = $1');
    expect(names.nameFor('SELECT l.* FROM l WHERE a = $1')).toBeUndefined();
    names.refuse('SELECT $1 IS NULL', false);
    expect(names.binds('SELECT $1 IS NULL')).toBe(false);
    // A later name is never a name given before.
    names.nameFor('SELECT $1, 2');
    expect(names.nameFor('SELECT $1, 2')).not.toBe(first);
  });
});
