import { today } from '../../src/common/dates';
import { isPersonKey } from '../../src/identity/subject-keys';
import { scoreSubject, type ScoredListing, type ScoredRecord } from '../../src/subgraphs/records/policy/scoring';
import { ACTIVE_LISTING, VISIBLE, validCode, type Query, type RawContext } from './context';

interface CandidateRow {
  id: string;
  nature: string;
  category: string;
  severity: string;
  status: string;
  tolerated: boolean;
  decided_at: string;
  public_until: string;
}

interface ListingRow {
  id: string;
  list_type: string;
  reason: string;
  ends_on: string | null;
}

/** The answer for a code without a visible registered subject. */
function emptyStatus(ctx: RawContext, identified: ReturnType<typeof validCode>, day: string) {
  return {
    code: identified.normalized,
    subject: null as { name: string } | null,
    level: null as string | null,
    score: null as number | null,
    activeDishonestyCount: 0,
    seriousDishonestyCount: 0,
    activeListings: [] as { listType: string; reason: string; endsOn: string | null }[],
    reasons: [] as { kind: string; sourceId: string; points: number; explanation: string }[],
    undisclosedReasonCount: 0,
    withheld: identified.types.includes('RESIDENT_ID'),
    asOf: day,
    policyVersion: ctx.policy.version,
  };
}

/** The hub's candidate-record query narrowed to what the caller may read, and the listings in force. */
function candidatesAndListings(
  ctx: RawContext,
  subjectKey: string,
  caller: { sub?: string; org?: string },
  day: string,
  query: Query,
): Promise<[CandidateRow[], ListingRow[]]> {
  return Promise.all([
    query<CandidateRow>(
      `SELECT r.id::text, r.subject_key, r.nature, r.category, r.severity, r.status, r.tolerated,
                to_char(r.decided_at, 'YYYY-MM-DD') AS decided_at, to_char(r.public_until, 'YYYY-MM-DD') AS public_until
         FROM records.credit_record r
         WHERE r.subject_key = ANY($1::text[]) AND r.status = 'ACTIVE' AND r.public_until >= $2::date
           AND ((r.disclosure = 'PUBLIC' AND r.decided_at <= $2::date)
                OR (r.disclosure IN ('PUBLIC', 'GOVERNMENT') AND r.subject_region LIKE $3)
                OR r.source_system = $4 OR r.deciding_authority_code = $5)`,
      [[subjectKey], day, ctx.regionLike, caller.sub ?? '', caller.org ?? ''],
    ),
    query<ListingRow>(
      `SELECT l.id::text, l.list_type, l.reason, to_char(l.ends_on, 'YYYY-MM-DD') AS ends_on FROM records.listing l
         WHERE l.subject_key = ANY($1::text[]) AND ${ACTIVE_LISTING} ORDER BY l.id`,
      [[subjectKey], day],
    ),
  ]);
}

function scored(ctx: RawContext, candidates: CandidateRow[], listings: ListingRow[], day: string) {
  const records: ScoredRecord[] = candidates.map((r) => ({
    id: r.id,
    nature: r.nature as ScoredRecord['nature'],
    category: r.category as ScoredRecord['category'],
    severity: r.severity as ScoredRecord['severity'],
    status: r.status as ScoredRecord['status'],
    tolerated: r.tolerated,
    decidedAt: r.decided_at,
    publicUntil: r.public_until,
  }));
  return scoreSubject(
    records,
    listings.map((l): ScoredListing => ({ id: l.id, listType: l.list_type as ScoredListing['listType'] })),
    day,
    ctx.policy,
  );
}

export async function creditStatus(
  ctx: RawContext,
  body: { code?: unknown; sub?: string; org?: string },
  query: Query,
) {
  const identified = validCode(ctx, body.code);
  const day = today();
  const status = emptyStatus(ctx, identified, day);
  const asked = identified.keys.filter((key) => !isPersonKey(key));
  const [subject] = asked.length
    ? await query<{ code_key: string; name: string; visible: boolean }>(
        `SELECT s.code_key, s.name, ${VISIBLE} AS visible FROM subjects.subject s WHERE s.code_key = ANY($1::text[]) LIMIT 1`,
        [asked, ctx.regionLike],
      )
    : [];
  if (!subject) return { creditStatus: status };
  const [candidates, listings] = await candidatesAndListings(ctx, subject.code_key, body, day, query);
  const score = scored(ctx, candidates, listings, day);
  return {
    creditStatus: Object.assign(status, {
      subject: subject.visible ? { name: subject.name } : null,
      withheld: false,
      level: score.level,
      score: score.score,
      activeDishonestyCount: score.activeDishonestyCount,
      seriousDishonestyCount: score.seriousDishonestyCount,
      activeListings: listings.map((l) => ({ listType: l.list_type, reason: l.reason, endsOn: l.ends_on })),
      reasons: score.reasons.map((r) => ({
        kind: r.kind,
        sourceId: r.id,
        points: r.points,
        explanation: r.explanation.zh,
      })),
    }),
  };
}
