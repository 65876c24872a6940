import type { DirectoryEntry } from '../../../common/subject-directory';
import type { SubjectKind } from '../../../common/subject-kind';
import type { RecordsContext } from '../context';
import type { CreditRecord } from '../findings/credit-record.entity';
import type { Listing } from '../lists/listing.entity';
import { RANKED_KINDS } from '../monitoring/ranking-scope';
import { standingOf } from '../status/standing';
import { CommitmentState, type Commitment } from '../workflows/commitments/commitment.entity';
import { rankingsOf, type ReportRanking } from './report.repository';
import { sha256Hex } from './signing';

/**
 * The facts a credit report states, as the caller may read them (docs/credit-report.md): its level and the reasons
 * citing what it may read (status/standing.ts), the records in force it may read (recordVisibility), the listings in
 * force (public), the commitments it may see (commitmentVisibility) and the published rankings (public). Only fields
 * every reader of those rows gets: no details, legal basis, counterparties or amounts.
 */
export interface ReportFacts {
  subject: { code: string; name: string | null; kind: string; regionCode: string };
  standing: {
    level: string | null;
    score: number | null;
    activeDishonestyCount: number;
    seriousDishonestyCount: number;
    undisclosedReasonCount: number;
    policyVersion: string;
    reasons: { kind: string; sourceId: string; points: number; explanation: string }[];
  };
  records: ReturnType<typeof recordFact>[];
  listings: ReturnType<typeof listingFact>[];
  commitments: ReturnType<typeof commitmentFact>[];
  rankings: ReportRanking[];
}

function recordFact(r: CreditRecord) {
  const { id, nature, category, domain, severity, title, disclosure, version } = r;
  return {
    id,
    nature,
    category,
    domain,
    severity,
    title,
    documentNo: r.documentNo ?? null,
    decidedAt: r.decidedAt,
    publicUntil: r.publicUntil,
    decidingAuthorityCode: r.decidingAuthorityCode ?? null,
    disclosure,
    version,
  };
}

function listingFact(l: Listing) {
  const { id, listType, reason, legalBasis, authorityCode, startsOn } = l;
  return { id, listType, reason, legalBasis, authorityCode, startsOn, endsOn: l.endsOn ?? null };
}

function commitmentFact(c: Commitment, today: string) {
  const overdue = c.state === CommitmentState.PENDING && c.dueOn < today;
  return { id: c.id, kind: c.kind, title: c.title, dueOn: c.dueOn, status: overdue ? 'OVERDUE' : c.state };
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => Number(a.id) - Number(b.id));

/** The report's facts on `entry` for the caller of `ctx` (whose right to the subject's standing is checked before). */
export async function reportFacts(ctx: RecordsContext, entry: DirectoryEntry, code: string): Promise<ReportFacts> {
  const rows = await ctx.records.loaders.scoring.load(entry.key);
  const standing = standingOf(ctx, entry.key, rows);
  const inForce = rows.candidates.filter((row) => row.visible).map((row) => row.id);
  const [records, commitments, rankings] = await Promise.all([
    ctx.records.loaders.recordById.loadMany(inForce),
    ctx.workflows.commitments.query({ sql: 't.subject_key = ?', params: [entry.key] }, 'ORDER BY t.id'),
    RANKED_KINDS.has(entry.kind as SubjectKind) ? rankingsOf(ctx.em, entry.key) : Promise.resolve([]),
  ]);
  return {
    subject: {
      code,
      name: entry.visible === false ? null : entry.name,
      kind: entry.kind,
      regionCode: entry.regionCode,
    },
    standing: {
      level: standing.level,
      score: standing.score,
      activeDishonestyCount: standing.activeDishonestyCount,
      seriousDishonestyCount: standing.seriousDishonestyCount,
      undisclosedReasonCount: standing.undisclosedReasonCount,
      policyVersion: standing.policyVersion,
      reasons: standing.reasons.map(({ kind, sourceId, points, explanation }) => ({
        kind,
        sourceId,
        points,
        explanation,
      })),
    },
    records: byId(records.filter((r): r is CreditRecord => !!r && !(r instanceof Error)).map(recordFact)),
    listings: byId(standing.activeListings.map(listingFact)),
    commitments: byId(commitments.map((c) => commitmentFact(c, ctx.records.today))),
    rankings,
  };
}

/**
 * The digest of what "changed since issue" compares: every fact but the words (explanations follow the reader's
 * language and the policy's wording), so a later recomputation for the same reader gives the same digest exactly when
 * the facts are the same.
 */
export function factsDigest(facts: ReportFacts): string {
  const { standing, ...rest } = facts;
  const reasons = standing.reasons.map(({ kind, sourceId, points }) => [kind, sourceId, points]);
  return sha256Hex(JSON.stringify({ ...rest, standing: { ...standing, reasons } }));
}
