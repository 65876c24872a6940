import type { DirectoryEntry } from '../../../common/subject-directory';
import { inLanguage } from '../../../common/language';
import { checkMessage } from '../../../identity';
import { isPersonKey, type IdentifiedCode } from '../../../identity/subject-keys';
import type { RecordsContext } from '../context';
import { BlacklistResult } from './blacklist.type';
import type { ListType } from '../enums';
import type { Listing } from './listing.entity';
import { answersPersonLookups, mayConfirm, noteConfirmed } from './person-lookup';
import { subjectStub } from '../subject.stub';

/**
 * blacklistCheck: every code against the lists in force, one row per code in input order, in
 * two statements whatever the batch size (the listings, the registry look-up).
 *
 * Organizations are answered to everyone: their codes and the lists are public. A resident ID
 * number is a look-up of a natural person by the identifier itself (personal information,
 * PIPL): it is answered only to conditions.mayReadFullPersonCode, and logged (PERSON_CODE,
 * PERSON_STANDING). To everyone else its row is `withheld`: not listed, no subject, no
 * listings — the same row whether the number is registered, listed or neither, so a batch
 * of candidate numbers confirms none of them. Published list entries of persons are found
 * on the public list itself (name and masked number), not by a check of the full number.
 */
export async function checkCodes(
  ctx: RecordsContext,
  identified: IdentifiedCode[],
  listTypes?: ListType[] | null,
): Promise<BlacklistResult[]> {
  const persons = answersPersonLookups(ctx);
  const keys = [...new Set(identified.flatMap((c) => c.keys))].filter((key) => persons || !isPersonKey(key));
  const [listings, known] = keys.length
    ? await Promise.all([
        ctx.records.listings.bySubjectKeys(keys, { activeOnly: true, types: listTypes }),
        ctx.records.directory.lookup(keys, ctx.records.directoryViewer),
      ])
    : [[], []];
  const entries = new Map(known.map((entry) => [entry.key, entry]));
  const byKey = new Map<string, Listing[]>();
  for (const listing of listings) byKey.set(listing.subjectKey, [...(byKey.get(listing.subjectKey) ?? []), listing]);
  return identified.map((code) => rowFor(ctx, code, entries, byKey));
}

function rowFor(
  ctx: RecordsContext,
  code: IdentifiedCode,
  entries: Map<string, DirectoryEntry>,
  byKey: Map<string, Listing[]>,
): BlacklistResult {
  // Keys this caller is answered for: an organization's always, a person's only when confirmed to it.
  const answered = code.keys.filter((key) => {
    if (!isPersonKey(key)) return true;
    const entry = entries.get(key);
    return !!entry && mayConfirm(ctx, entry);
  });
  for (const key of answered.filter(isPersonKey)) {
    noteConfirmed(ctx, key, 'blacklistCheck');
    ctx.audit.note({ resource: 'PERSON_STANDING', subjectKey: key, fields: ['listings'], outcome: 'GRANTED' });
  }
  const matches = answered.flatMap((key) => byKey.get(key) ?? []);
  const entry = answered.map((key) => entries.get(key)).find((e) => e?.visible);
  return Object.assign(new BlacklistResult(), {
    code: code.normalized,
    valid: code.check.valid,
    problem: code.check.valid ? null : inLanguage(checkMessage(code.check), ctx.language),
    listed: matches.length > 0,
    // Subjects the registry would answer null for get no reference: the gateway would fetch and reject each.
    subject: entry ? subjectStub(entry.key, entry.name) : null,
    listings: matches,
    withheld: code.types.includes('RESIDENT_ID') && !answered.some(isPersonKey),
    checkedKey: code.check.valid ? (entry?.key ?? code.keys[0] ?? null) : null,
    checkedRegion: entry?.regionCode ?? null,
  });
}
