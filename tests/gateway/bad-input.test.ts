import { addMonths, today } from '../../src/common/dates';
import { createLogger } from '../../src/common/logger';
import { as, codes, Role, startTestHub, type TestHub } from '../helpers/test-hub';

const SUBMIT = `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { created } }`;

/** Text PostgreSQL cannot store, and errors PostgreSQL raises, through the gateway. */
describe('bad input and database errors', () => {
  let t: TestHub;
  const log: string[] = [];
  const court = () => as(Role.COURT, { region: '320900', sub: 'court-system', org: t.demo.court.code });
  const judgment = (overrides: Record<string, unknown> = {}) => ({
    externalId: 'BAD-INPUT-1',
    subject: { code: t.demo.housing.code },
    nature: 'DISHONESTY',
    category: 'JUDICIAL_JUDGMENT',
    domain: 'GENERAL',
    severity: 'GENERAL',
    title: '行政机关败诉',
    decidedAt: addMonths(today(), -1),
    disclosure: 'PUBLIC',
    ...overrides,
  });
  beforeAll(async () => {
    t = await startTestHub({ logger: createLogger('debug', { write: (line: string) => void log.push(line) }) });
  });
  afterAll(() => t.close());

  /** BAD_USER_INPUT naming where the text is, and not one SQL statement. */
  const refused = async (
    query: string,
    variables: Record<string, unknown> | undefined,
    argument: string,
    inputPath: (string | number)[],
  ) => {
    const result = await t.counted(query, variables, court());
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].extensions).toMatchObject({ argument, inputPath });
    expect(result.data ?? null).toBeNull();
    expect(result.statements).toBe(0);
  };

  it.each([
    ['an inline literal', '{ creditStatus(code: "91320900\\u0000") { level } }', 'creditStatus.code', []],
    [
      'a list literal',
      '{ blacklistCheck(codes: ["913209021045930233", "x\\u0000"]) { listed } }',
      'blacklistCheck.codes',
      [1],
    ],
    [
      'a nested input object literal',
      '{ searchSubjects(filter: { nameContains: "盐城\\u0000" }) { totalCount } }',
      'searchSubjects.filter',
      ['nameContains'],
    ],
    [
      'a literal inside a fragment',
      'query { ...f } fragment f on Query { searchSubjects(filter: { nameContains: "\\u0000" }) { totalCount } }',
      'searchSubjects.filter',
      ['nameContains'],
    ],
    [
      'a variable default',
      'query($name: String = "a\\u0000") { searchSubjects(filter: { nameContains: $name }) { totalCount } }',
      '$name',
      [],
    ],
  ])('a NUL byte in %s is BAD_USER_INPUT before any SQL', async (_label, query, argument, inputPath) => {
    await refused(query, undefined, argument, inputPath);
  });

  it('a NUL byte in a nested variable is BAD_USER_INPUT before any SQL', async () => {
    await refused(
      SUBMIT,
      { input: [judgment(), judgment({ subject: { code: t.demo.housing.code, name: 'x\u0000' } })] },
      '$input',
      [1, 'subject', 'name'],
    );
  });

  it.each([
    ['a lone high surrogate', 'a\uD800b'],
    ['a lone low surrogate', '\uDC00'],
    ['a reversed pair', '\uDC00\uD800'],
  ])('%s in a variable is BAD_USER_INPUT before any SQL', async (_label, text) => {
    await refused(SUBMIT, { input: [judgment({ title: text })] }, '$input', [0, 'title']);
  });

  it('paired surrogates (emoji) and ordinary control-free text pass', async () => {
    const result = await t.run(
      'query($name: String) { searchSubjects(filter: { nameContains: $name }) { totalCount } }',
      { name: '盐城😀' },
    );
    expect(result.errors).toBeUndefined();
  });

  it("a database error's values reach neither the log nor the client, in development mode too", async () => {
    const marker = 'REPORTER-CONTACT-13800138000';
    await t.sql(
      `ALTER TABLE records.credit_record ADD CONSTRAINT hardening_test_marker CHECK (title NOT LIKE '%REPORTER-CONTACT%')`,
    );
    try {
      log.length = 0;
      const result = await t.run(
        SUBMIT,
        { input: [judgment({ externalId: 'BAD-INPUT-2', title: `联系人 ${marker}` })] },
        court(),
      );
      expect(t.services.config.production).toBe(false);
      expect(codes(result)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(JSON.stringify(result)).not.toContain(marker);
      expect(JSON.stringify(result)).not.toMatch(/insert into/i);
      const written = log.join('');
      // The failure was logged, with what an operator needs …
      expect(written).toContain('hardening_test_marker');
      expect(written).toContain('23514');
      expect(written).toMatch(/insert into .*credit_record/i);
      // … and without the value.
      expect(written).not.toContain(marker);
      expect(written).not.toContain('13800138000');
    } finally {
      await t.sql('ALTER TABLE records.credit_record DROP CONSTRAINT hardening_test_marker');
    }
  });
});
