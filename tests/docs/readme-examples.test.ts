import { startTestHub, type TestHub } from '../helpers/test-hub';
import { DocRunner, graphqlBlocks } from '../helpers/doc-examples';

/** Every ```graphql block of README.md runs as printed against the demo data (tests/helpers/doc-examples.ts). */
let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

describe('README.md examples', () => {
  const all = graphqlBlocks('README.md');
  const runner = new DocRunner(() => t, 'README.md');

  it('every block says which token it runs with', () => {
    expect(all.filter((example) => example.token === '(none given)').map((example) => example.line)).toEqual([]);
    expect(all.length).toBeGreaterThan(20);
  });

  it.each(all.map((example) => [example.line, example] as const))(
    'the block at README.md line %i runs without errors',
    async (_line, example) => {
      await runner.run(example);
    },
  );
});
