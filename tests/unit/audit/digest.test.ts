import { canonicalContent, entryDigest, isoMicros, microsOf, type EntryContent } from '../../../src/audit/digest';

/** Vectors checked with independent tools: `sha256sum` and `openssl dgst -sha256 -mac HMAC -macopt hexkey:07…07`. */
describe('access-log entry digest', () => {
  const entry: EntryContent = {
    chain: 3,
    seq: 42n,
    prevHash: 'a'.repeat(64),
    occurredAtMicros: 1796119200123000n,
    requestId: 'req-1',
    actorSub: 'yancheng-office',
    actorRole: 'CREDIT_OFFICE',
    actorOrg: null,
    subjectKeys: ['k1', 'k2'],
    resource: 'ARCHIVE',
    fields: ['entries', 'purpose'],
    purpose: '干部考察 "引号"\n',
    operation: 'ReadFile',
    outcome: 'GRANTED',
  };
  const key = { id: 'k', key: Buffer.alloc(32, 7) };

  it('covers the content as PostgreSQL jsonb prints it (the text legacy entries were digested over)', () => {
    expect(canonicalContent(entry).toString('utf8')).toBe(
      `[3, 42, "${'a'.repeat(64)}", "2026-12-01T10:00:00.123000Z", "req-1", "yancheng-office", "CREDIT_OFFICE", null, ["k1", "k2"], ` +
        `"ARCHIVE", ["entries", "purpose"], "干部考察 \\"引号\\"\\n", "ReadFile", "GRANTED"]`,
    );
  });

  it('is HMAC-SHA256 with the configured key, or the unkeyed SHA-256 of legacy entries', () => {
    expect(entryDigest(entry, key)).toBe('843858e48c6e2f85548f153f3103fa1d66c9b59fc474a53ff724f072b770dcaa');
    expect(entryDigest(entry, null)).toBe('16cec9aad84244842d291f565f25ba3f234d7b6466cd0a1d7cdf2a6bcb840115');
    expect(entryDigest(entry, { id: 'other', key: Buffer.alloc(32, 8) })).not.toBe(entryDigest(entry, key));
  });

  it.each<[keyof EntryContent, unknown]>([
    ['chain', 4],
    ['seq', 43n],
    ['prevHash', 'b'.repeat(64)],
    ['occurredAtMicros', 1796119200123001n],
    ['requestId', 'req-2'],
    ['actorSub', 'x'],
    ['actorRole', 'COURT'],
    ['actorOrg', ''],
    ['subjectKeys', ['k1']],
    ['resource', 'PERSON_CODE'],
    ['fields', ['entries']],
    ['purpose', null],
    ['operation', 'Other'],
    ['outcome', 'DENIED'],
  ])('changes when %s changes', (field, value) => {
    expect(entryDigest({ ...entry, [field]: value }, key)).not.toBe(entryDigest(entry, key));
  });

  it('covers the typed purpose when set, and leaves the content of entries without one as it was', () => {
    expect(canonicalContent({ ...entry, purposeKind: null })).toEqual(canonicalContent(entry));
    expect(entryDigest({ ...entry, purposeKind: null }, key)).toBe(
      '843858e48c6e2f85548f153f3103fa1d66c9b59fc474a53ff724f072b770dcaa',
    );
    const typed = { ...entry, purposeKind: 'PROMOTION' };
    expect(canonicalContent(typed).toString('utf8')).toMatch(/"ReadFile", "GRANTED", "PROMOTION"\]$/);
    expect(entryDigest(typed, key)).not.toBe(entryDigest(entry, key));
    expect(entryDigest(typed, key)).not.toBe(entryDigest({ ...typed, purposeKind: 'HONOUR' }, key));
  });

  it('tells a list boundary from a comma inside a value', () => {
    expect(entryDigest({ ...entry, subjectKeys: ['k1", "k2'] }, key)).not.toBe(entryDigest(entry, key));
  });

  it('formats time in microseconds, UTC', () => {
    expect(isoMicros(1796119200123456n)).toBe('2026-12-01T10:00:00.123456Z');
    expect(isoMicros(microsOf(new Date('2026-12-01T18:00:00.5+08:00')))).toBe('2026-12-01T10:00:00.500000Z');
  });
});
