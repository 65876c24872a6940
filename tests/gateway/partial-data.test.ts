import { PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient } from '../helpers/viewers';

/**
 * A root field a caller may be denied, or may get an input error from, is nullable: the
 * rest of the operation still answers, with the error at that field's path (ARCHITECTURE.md).
 */
describe('partial data around a refused root field', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('a denied workflow, monitoring or webhook query leaves the other fields answered', async () => {
    const result = await t.run(
      `{ evaluationPeriods(last: 1) complaints { totalCount } warnings { id } webhookSubscriptions { totalCount }
      caseLedger(regionPrefix: "3209", fromMonth: "2026-01", toMonth: "2026-02") { stock } }`,
      {},
      PUBLIC_PRINCIPAL,
    );
    expect(result.data).toEqual({
      evaluationPeriods: [expect.stringMatching(/^\d{4}Q[1-4]$/)],
      complaints: null,
      warnings: null,
      webhookSubscriptions: null,
      caseLedger: null,
    });
    expect(result.errors!.map((e) => [e.path![0], e.extensions!.code]).sort()).toEqual([
      ['caseLedger', 'FORBIDDEN'],
      ['complaints', 'FORBIDDEN'],
      ['warnings', 'FORBIDDEN'],
      ['webhookSubscriptions', 'FORBIDDEN'],
    ]);
  });

  it('an invalid code in creditStatus does not null a blacklistCheck beside it', async () => {
    const result = await t.run(
      `{ creditStatus(code: "not-a-code") { code } blacklistCheck(codes: ["not-a-code"]) { valid } }`,
      {},
      cityClient(Role.PROCUREMENT),
    );
    expect(result.data).toEqual({ creditStatus: null, blacklistCheck: [{ valid: false }] });
    expect(result.errors!.map((e) => [e.path![0], e.extensions!.code])).toEqual([['creditStatus', 'BAD_USER_INPUT']]);
  });
});
