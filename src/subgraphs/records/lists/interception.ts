import { maySeePersonStanding } from '../../../auth/conditions';
import { groupedBy } from '../../../common/loaders';
import type { DirectoryEntry } from '../../../common/subject-directory';
import { isPersonKey } from '../../../identity/subject-keys';
import type { RecordsContext } from '../context';
import type { RecordCategory, Severity } from '../enums';
import type { SqlFragment } from '../../../db/sql';
import type { ScoringCandidate } from '../findings/scoring-candidates';
import { loadCheckFacts, type WorkflowCountRow } from './check-facts';
import { scored } from '../findings/scored';
import type { CheckContext } from '../policy/interception';
import { decide, type Decided, type InterceptionFacts } from '../policy/interception-decision';
import { countsAsDishonesty, scoreSubject, type CreditScore } from '../policy/scoring';
import type { Listing } from './listing.entity';

/**
 * The facts behind an interception decision (blacklistCheck, creditReview), for any batch in two statements run
 * together: the registry look-up (its own call: the subject directory may be a remote service) and the records
 * schema's facts in one (check-facts.ts: the listings in force, the records that may count with whether the caller
 * may read each, and the review's counts when asked).
 *
 * What a caller learns follows the release rule of credit status (status/standing.ts): an
 * organization is weighed on the records the caller may read and the (public) listings; a
 * civil servant on all of them, level included, only for conditions.maySeePersonStanding,
 * else on the listings and the records the caller may read, without a level.
 */
export interface CheckRows {
  entries: Map<string, DirectoryEntry>;
  /** Every listing in force, of every type, by subject key. */
  listings: Map<string, Listing[]>;
  candidates: Map<string, ScoringCandidate[]>;
  /** The rows of the `counts` asked for (check-facts.ts), else none. */
  counts: WorkflowCountRow[];
}

export async function loadCheckRows(
  ctx: RecordsContext,
  keys: readonly string[],
  counts?: SqlFragment,
): Promise<CheckRows> {
  if (!keys.length) return { entries: new Map(), listings: new Map(), candidates: new Map(), counts: [] };
  const [known, facts] = await Promise.all([
    ctx.records.directory.lookup([...keys], ctx.records.directoryViewer),
    loadCheckFacts(ctx, keys, counts),
  ]);
  return {
    entries: new Map(known.map((entry) => [entry.key, entry])),
    listings: groupedBy(facts.listings, (l) => l.subjectKey),
    candidates: groupedBy(facts.candidates, (c) => c.subject_key),
    counts: facts.counts,
  };
}

/** What the caller may know of one registered subject: the decision's facts, its score, the records counted. */
export interface SubjectView {
  /** Whether the caller is told the subject's standing as such (organizations: always). */
  standing: boolean;
  listings: Listing[];
  /** The records that count for the caller (organizations and untold persons: those it may read). */
  counted: ScoringCandidate[];
  /** The counting dishonesty records the caller may read (cited; the rest are counted only). */
  readable: ScoringCandidate[];
  score: CreditScore | null;
  facts: InterceptionFacts;
}

export function viewOf(ctx: RecordsContext, entry: DirectoryEntry, rows: CheckRows): SubjectView {
  const person = isPersonKey(entry.key);
  const standing = !person || maySeePersonStanding(ctx.viewer, ctx.records.selfKey, entry);
  const all = rows.candidates.get(entry.key) ?? [];
  const counted = person && standing ? all : all.filter((row) => row.visible);
  const listings = rows.listings.get(entry.key) ?? [];
  const today = ctx.records.today;
  const score = standing ? scoreSubject(counted.map(scored), listings, today, ctx.records.policy) : null;
  const dishonest = counted.filter((row) => countsAsDishonesty(scored(row), today));
  const facts: InterceptionFacts = {
    listTypes: listings.map((l) => l.listType),
    records: dishonest.map((row) => ({ category: row.category as RecordCategory, severity: row.severity as Severity })),
    level: score?.level ?? null,
  };
  return { standing, listings, counted, readable: dishonest.filter((row) => row.visible), score, facts };
}

export function decideView(ctx: RecordsContext, context: CheckContext, view: SubjectView): Decided {
  return decide(view.facts, ctx.records.interception.contexts[context]);
}
