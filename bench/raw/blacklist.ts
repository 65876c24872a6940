import { today } from '../../src/common/dates';
import { isPersonKey } from '../../src/identity/subject-keys';
import { ACTIVE_LISTING, HttpError, VISIBLE, type Query, type RawContext } from './context';

interface ListingRow {
  subject_key: string;
  list_type: string;
  reason: string;
  ends_on: string | null;
}

/** Listings in force and visible subjects' names for the keys asked: 2 statements in parallel. */
async function listingsAndNames(
  ctx: RawContext,
  allKeys: string[],
  listTypes: string[] | null | undefined,
  query: Query,
): Promise<[ListingRow[], { code_key: string; name: string }[]]> {
  if (!allKeys.length) return [[], []];
  const day = today();
  const types = listTypes?.length ? listTypes : null;
  return Promise.all([
    query<ListingRow>(
      `SELECT l.subject_key, l.list_type, l.reason, to_char(l.ends_on, 'YYYY-MM-DD') AS ends_on FROM records.listing l
             WHERE l.subject_key = ANY($1::text[]) AND ${ACTIVE_LISTING}${types ? ' AND l.list_type = ANY($3::text[])' : ''} ORDER BY l.id`,
      types ? [allKeys, day, types] : [allKeys, day],
    ),
    query<{ code_key: string; name: string }>(
      `SELECT s.code_key, s.name FROM subjects.subject s WHERE s.code_key = ANY($1::text[]) AND ${VISIBLE}`,
      [allKeys, ctx.regionLike],
    ),
  ]);
}

export async function blacklist(ctx: RawContext, body: { codes?: unknown; listTypes?: string[] | null }, query: Query) {
  if (!Array.isArray(body.codes)) throw new HttpError(400, 'codes must be a list');
  if (body.codes.length > 1000) throw new HttpError(400, 'at most 1000 codes per call');
  const identified = body.codes.map((code) => ctx.keys.identify(String(code)));
  // Persons' numbers are withheld from the benchmark's tender platform: never looked up.
  const answered = identified.map((c) => c.keys.filter((key) => !isPersonKey(key)));
  const allKeys = [...new Set(answered.flat())];
  const [listings, subjects] = await listingsAndNames(ctx, allKeys, body.listTypes, query);
  const byKey = new Map<string, ListingRow[]>();
  for (const listing of listings) byKey.set(listing.subject_key, [...(byKey.get(listing.subject_key) ?? []), listing]);
  const names = new Map(subjects.map((s) => [s.code_key, s.name]));
  return {
    blacklistCheck: identified.map((code, i) => {
      const matches = answered[i].flatMap((key) => byKey.get(key) ?? []);
      const subjectKey = matches[0]?.subject_key ?? answered[i][0];
      const name = subjectKey ? names.get(subjectKey) : undefined;
      return {
        code: code.normalized,
        valid: code.check.valid,
        problem: code.check.valid ? null : (code.check.message ?? code.check.problem ?? 'invalid'),
        listed: matches.length > 0,
        subject: name === undefined ? null : { name },
        listings: matches.map((l) => ({ listType: l.list_type, reason: l.reason, endsOn: l.ends_on })),
        withheld: code.types.includes('RESIDENT_ID'),
      };
    }),
  };
}
