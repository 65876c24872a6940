import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListType } from '../../../src/subgraphs/records/enums';
import { loadListRules, meetsRequirement } from '../../../src/subgraphs/records/lists/list-rules';
import { listingPeriod } from '../../../src/subgraphs/records/lists/listing-checks';
import { ListingStatus, listingStatus } from '../../../src/subgraphs/records/lists/listing-status';

const rules = loadListRules();

describe('list rules (config/list-rules.json)', () => {
  it('a bad file stops start-up naming the file and the field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'list-rules-'));
    const file = path.join(dir, 'bad.json');
    const bad = structuredClone(rules) as any;
    bad.lists.PROCUREMENT_BAN.minMonths = 48;
    delete bad.lists.TENDER_BLACKLIST;
    fs.writeFileSync(file, JSON.stringify(bad));
    expect(() => loadListRules(file)).toThrow(file);
    expect(() => loadListRules(file)).toThrow(/lists\.TENDER_BLACKLIST/);
    expect(() => loadListRules(file)).toThrow(/lists\.PROCUREMENT_BAN.*minMonths must not exceed maxMonths/);
    expect(() => loadListRules(path.join(dir, 'missing.json'))).toThrow(/cannot read list rules/);
  });

  it('the procurement ban rests on a serious procurement record, the courts’ list on an enforcement default', () => {
    const ban = rules.lists[ListType.PROCUREMENT_BAN].bases[0].records;
    expect(
      meetsRequirement(ban, { severity: 'SERIOUS', category: 'ADMINISTRATIVE_PENALTY', domain: 'PROCUREMENT' } as any),
    ).toBe(true);
    expect(
      meetsRequirement(ban, { severity: 'SERIOUS', category: 'ADMINISTRATIVE_PENALTY', domain: 'TENDERING' } as any),
    ).toBe(false);
    const court = rules.lists[ListType.ENFORCEMENT_DEFAULTER].bases[0].records;
    expect(
      meetsRequirement(court, { severity: 'GENERAL', category: 'ENFORCEMENT_DEFAULT', domain: 'GENERAL' } as any),
    ).toBe(true);
    expect(
      meetsRequirement(court, { severity: 'SERIOUS', category: 'LITIGATION_LOST', domain: 'GENERAL' } as any),
    ).toBe(false);
  });

  it('a noticed listing is in notice, then in effect the day after its window, by date', () => {
    const period = listingPeriod(rules.lists[ListType.SERIOUS_DISHONESTY], {}, '2026-12-02');
    expect(period).toEqual({ noticeEndsOn: '2026-12-12', startsOn: '2026-12-13', endsOn: '2029-12-12' });
    expect(listingStatus(period, '2026-12-12')).toBe(ListingStatus.NOTICED);
    expect(listingStatus(period, '2026-12-13')).toBe(ListingStatus.IN_EFFECT);
    expect(listingStatus({ ...period, objectedAt: new Date() }, '2026-12-20')).toBe(ListingStatus.OBJECTED);
    expect(listingStatus(period, '2029-12-13')).toBe(ListingStatus.EXPIRED);
  });
});
