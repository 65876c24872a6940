import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import {
  DEFAULT_EVALUATION_FILE,
  loadEvaluationConfig,
  parseEvaluationConfig,
} from '../../../src/subgraphs/records/policy/evaluation-config';
import { openRuntime } from '../../../src/runtime';

const shipped = () => JSON.parse(fs.readFileSync(DEFAULT_EVALUATION_FILE, 'utf8'));

describe('evaluation configuration (config/evaluation.json)', () => {
  it('the shipped file is valid: quarterly, an indicator per documented item and a rule of every warning kind', () => {
    const config = loadEvaluationConfig();
    expect(config.periodGranularity).toBe('QUARTER');
    expect(new Set(config.indicators.map((i) => i.counts.source))).toEqual(
      new Set(['RECORDS', 'COMMITMENTS', 'CASES', 'OBJECTIONS', 'REPAIRS']),
    );
    expect(new Set(config.warnings.map((w) => w.kind))).toEqual(
      new Set([
        'SERIOUS_FINDING',
        'COMMITMENT_OVERDUE',
        'REPEATED_FINDINGS',
        'ENFORCEMENT_DEFAULT_UNRESOLVED',
        'DEBT_RISK',
        'OPINION_OVERDUE',
        'INTERCEPTION_OVERRIDDEN',
      ]),
    );
  });

  it('fills the documented defaults', () => {
    const { periodGranularity, monitoredKinds, ...rest } = shipped();
    void periodGranularity;
    void monitoredKinds;
    const config = parseEvaluationConfig({
      ...rest,
      indicators: [{ code: 'X', name: 'x', weight: -1, counts: { source: 'RECORDS' } }],
    });
    expect(config.periodGranularity).toBe('QUARTER');
    expect(config.monitoredKinds).toEqual(['GOVERNMENT', 'DEPARTMENT', 'INSTITUTION', 'TOWNSHIP']);
    expect(config.indicators[0].counts).toEqual({ source: 'RECORDS', nature: 'DISHONESTY', window: 'PERIOD' });
  });

  it.each([
    [
      'a zero weight',
      (c: any) => {
        c.indicators[2].weight = 0;
      },
      'indicators.2.weight',
    ],
    [
      'an unknown source',
      (c: any) => {
        c.indicators[0].counts.source = 'RUMOURS';
      },
      'indicators.0.counts.source',
    ],
    [
      'an unknown category',
      (c: any) => {
        c.indicators[1].counts.categories = ['GOSSIP'];
      },
      'indicators.1.counts.categories.0',
    ],
    [
      'a duplicate indicator code',
      (c: any) => {
        c.indicators[1].code = c.indicators[0].code;
      },
      'indicators.1.code',
    ],
    [
      'a repeated-findings threshold of 1',
      (c: any) => {
        c.warnings.find((w: any) => w.kind === 'REPEATED_FINDINGS').threshold = 1;
      },
      'warnings.2.threshold',
    ],
    [
      'a debt rule naming nothing',
      (c: any) => {
        Object.assign(c.warnings[4], { domains: [], categories: [] });
      },
      'warnings.4.domains',
    ],
    [
      'an unknown key',
      (c: any) => {
        c.indicators[0].wieght = 3;
      },
      'indicators.0',
    ],
    [
      'a monthly period misspelt',
      (c: any) => {
        c.periodGranularity = 'QUATER';
      },
      'periodGranularity',
    ],
  ])('rejects %s, naming the path', (_name, spoil, where) => {
    const config = shipped();
    spoil(config);
    expect(() => parseEvaluationConfig(config, 'evaluation.json')).toThrow(
      new RegExp(`evaluation.json is invalid:\\n(.*\\n)*  - ${where.replace(/\./g, '\\.')}:`),
    );
  });

  it('the hub refuses to start with a bad file, before opening the database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evaluation-'));
    const file = path.join(dir, 'evaluation.json');
    const bad = shipped();
    bad.indicators[3].weight = 'heavy';
    fs.writeFileSync(file, JSON.stringify(bad));
    const previous = process.env.EVALUATION_CONFIG_FILE;
    process.env.EVALUATION_CONFIG_FILE = file;
    try {
      const config = loadConfig({
        ...process.env,
        JWT_SECRET: 'x',
        PII_SECRET: 'y',
        GATEWAY_SECRET: 'z',
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      });
      await expect(openRuntime(config)).rejects.toThrow(/is invalid:\n {2}- indicators\.3\.weight: Expected number/);
      fs.writeFileSync(file, '{ not json');
      await expect(openRuntime(config)).rejects.toThrow(/cannot read evaluation config/);
    } finally {
      if (previous === undefined) delete process.env.EVALUATION_CONFIG_FILE;
      else process.env.EVALUATION_CONFIG_FILE = previous;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
