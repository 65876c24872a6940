import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../../src/common/logger';
import { loadConfig } from '../../../src/config';
import { openRuntime } from '../../../src/runtime';
import { ListType, RecordCategory, Severity } from '../../../src/subgraphs/records/enums';
import {
  CheckContext,
  CheckDecision,
  DepositReliefKind,
  loadInterceptionPolicy,
  parseInterceptionPolicy,
} from '../../../src/subgraphs/records/policy/interception';
import { decide, depositRelief, heavier } from '../../../src/subgraphs/records/policy/interception-decision';
import { TEST_AUDIT_ENV } from '../../helpers/audit-keys';

const shipped = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', '..', 'config', 'interception-policy.json'), 'utf8'),
);
const policy = loadInterceptionPolicy();
const none = { listTypes: [], records: [], level: 'A' };

describe('interception policy (config/interception-policy.json)', () => {
  it('has a policy for every context', () => {
    expect(Object.keys(policy.contexts).sort()).toEqual(Object.values(CheckContext).sort());
  });

  it('BLOCK outweighs WARN whatever the order; the first rule of the heaviest weight decides', () => {
    const facts = {
      listTypes: [ListType.SERIOUS_DISHONESTY],
      records: [{ category: RecordCategory.ENFORCEMENT_DEFAULT, severity: Severity.SERIOUS }],
      level: 'D',
    };
    expect(decide(facts, policy.contexts.PROCUREMENT)).toMatchObject({
      decision: CheckDecision.BLOCK,
      rule: { id: 'PROC.BLOCK.LISTS' },
    });
    expect(decide({ ...none, level: 'D' }, policy.contexts.TENDERING).rule.id).toBe('TEND.WARN.LEVEL');
    expect(decide(none, policy.contexts.TENDERING)).toMatchObject({ decision: 'PASS', rule: { id: 'TEND.PASS' } });
    // A level the caller is not told matches no level rule.
    expect(decide({ ...none, level: null }, policy.contexts.FUNDING).rule.id).toBe('FUND.PASS');
  });

  it('the heavier of bidder and representative, the bidder on a tie', () => {
    const warn = decide({ ...none, level: 'D' }, policy.contexts.TENDERING);
    const block = decide({ ...none, listTypes: [ListType.TENDER_BLACKLIST] }, policy.contexts.TENDERING);
    expect(heavier(warn, block)).toBe(block);
    expect(heavier(block, warn)).toBe(block);
    expect(heavier(warn, { ...warn })).toBe(warn);
    expect(heavier(warn, null)).toBe(warn);
  });

  it('信易购: by level, none with a serious record or listing in force', () => {
    expect(depositRelief('A', true, policy)).toMatchObject({ kind: DepositReliefKind.WAIVED, percent: 100 });
    expect(depositRelief('B', true, policy)).toMatchObject({ kind: DepositReliefKind.REDUCED, percent: 50 });
    expect(depositRelief('A', false, policy)).toMatchObject({ kind: DepositReliefKind.NONE, percent: 0 });
    expect(depositRelief('C', true, policy).rule.id).toBe('XYG.NONE');
    expect(depositRelief(null, true, policy).kind).toBe(DepositReliefKind.NONE);
  });

  it.each([
    ['a rule matching two kinds of fact', (p: any) => (p.contexts.PROCUREMENT.rules[0].levels = ['D']), /exactly one/],
    ['an unknown list type', (p: any) => (p.contexts.TENDERING.rules[0].listTypes = ['NO_SUCH']), /listTypes/],
    ['a missing context', (p: any) => delete p.contexts.HONOURS, /contexts\.HONOURS/],
    ['a duplicate rule id', (p: any) => (p.contexts.FUNDING.clean.id = 'PROC.PASS'), /duplicate rule ids PROC\.PASS/],
    ['a WAIVED relief under 100%', (p: any) => (p.depositRelief.rules[0].percent = 80), /WAIVED is 100/],
  ])('refuses %s', (_name, spoil, message) => {
    const copy = structuredClone(shipped);
    spoil(copy);
    expect(() => parseInterceptionPolicy(copy, 'x.json')).toThrow(message);
  });

  it('a bad file stops start-up, naming the file and the path', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'interception-')), 'policy.json');
    const copy = structuredClone(shipped);
    copy.contexts.APPROVAL.rules[0].decision = 'MAYBE';
    fs.writeFileSync(file, JSON.stringify(copy));
    const before = process.env.INTERCEPTION_POLICY_FILE;
    process.env.INTERCEPTION_POLICY_FILE = file;
    try {
      const config = loadConfig({ ...process.env, NODE_ENV: 'development', ...TEST_AUDIT_ENV });
      await expect(openRuntime(config, { logger: createLogger('silent') })).rejects.toThrow(
        new RegExp(
          `${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is invalid:[\\s\\S]*contexts\\.APPROVAL\\.rules\\.0\\.decision`,
        ),
      );
    } finally {
      if (before === undefined) delete process.env.INTERCEPTION_POLICY_FILE;
      else process.env.INTERCEPTION_POLICY_FILE = before;
    }
  });
});
