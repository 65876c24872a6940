import { parseArgs } from '../../bench/lib/options';

describe('bench options for seeding', () => {
  it('asks no bulk archive entries and runs the scenarios unless told', () => {
    for (const argv of [[], ['--smoke']]) {
      const options = parseArgs(argv);
      expect(options.dataset.archiveEntries).toBe(0);
      expect(options.seedOnly).toBe(false);
    }
  });

  it('--archive-entries N and --seed-only reach the dataset options', () => {
    const options = parseArgs([
      '--subjects',
      '1000000',
      '--records',
      '3000000',
      '--archive-entries',
      '2000000',
      '--seed-only',
    ]);
    expect(options.dataset).toMatchObject({ subjects: 1_000_000, records: 3_000_000, archiveEntries: 2_000_000 });
    expect(options.seedOnly).toBe(true);
    expect(() => parseArgs(['--archive-entries'])).toThrow(/--archive-entries/);
  });
});
