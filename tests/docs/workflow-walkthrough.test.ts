import { startTestHub, type TestHub } from '../helpers/test-hub';
import { DocRunner, graphqlBlocks } from '../helpers/doc-examples';

/**
 * docs/workflows.md "The life of one finding": its blocks run as printed, in order, against the demo data, and what
 * step 5 answers is every consequence of the repair (#17 item 1), as the text says.
 */
const SECTION = '## The life of one finding, from push to repair (walkthrough)';

describe('the life of one finding (docs/workflows.md)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t?.close());

  const blocks = graphqlBlocks('docs/workflows.md', SECTION);
  const runner = new DocRunner(() => t, 'docs/workflows.md');

  it('has the steps from push to repair, each with its token', () => {
    expect(blocks.length).toBe(10);
    expect(blocks.filter((b) => b.token === '(none given)')).toEqual([]);
  });

  it('runs every block, and the repair lifted, ended, closed and told what rested on the finding', async () => {
    const answers: Record<string, any>[][] = [];
    for (const block of blocks) answers.push(await runner.run(block));
    const [before] = answers[5];
    expect(before.creditStatus.activeListings).toEqual([{ listType: 'TENDER_BLACKLIST' }]);
    expect(before.warnings).toEqual([expect.objectContaining({ kind: 'SERIOUS_FINDING', state: 'OPEN' })]);
    const [approved] = answers[7];
    expect(approved.approveRepair).toEqual({ state: 'APPROVED', record: { status: 'REPAIRED' } });

    const [after] = answers[8];
    expect(after.subject.records.edges).toEqual([{ node: { externalId: 'XY-LIFE-2025-001', status: 'REPAIRED' } }]);
    expect(after.subject.listings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ listType: 'TENDER_BLACKLIST', active: false, delistReason: expect.any(String) }),
      ]),
    );
    expect(after.jointMeasures.edges).toEqual([
      { node: { state: 'LIFTED', liftReason: expect.any(String), liftBasis: expect.any(String) } },
    ]);
    expect(after.warnings).toEqual([{ state: 'CLOSED' }]);
    expect(after.creditStatus.activeListings).toEqual([]);
    expect(after.creditStatus.score).toBeGreaterThan(before.creditStatus.score);
    const events = after.webhookDeliveries.edges.map((e: { node: { event: string } }) => e.node.event);
    expect(new Set(events)).toEqual(
      new Set(['RECORD_ADDED', 'LISTED', 'RECORD_REPAIRED', 'DELISTED', 'MEASURE_LIFTED']),
    );

    const [confirmed] = answers[9];
    expect(confirmed.confirmMeasureLifted).toMatchObject({ state: 'LIFT_CONFIRMED' });
  });
});
