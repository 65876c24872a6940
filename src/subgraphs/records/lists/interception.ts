import { maySeePersonStanding } from '../../../auth/conditions';
import { groupedBy } from '../../../common/loaders';
import type { DirectoryEntry } from '../../../common/subject-directory';
import { isPersonKey } from '../../../identity/subject-keys';
import type { RecordsContext } from '../context';
import { RecordNature } from '../enums';
import { loadCheckFacts, type CheckFactsOptions, type WorkflowCountRow } from './check-facts';
import { scored } from '../findings/scored';
import type { CheckContext } from '../policy/interception';
import { decide, type Decided, type InterceptionFacts } from '../policy/interception-decision';
import { recordCounts, scoreCounted, type CountedGroup, type CreditScore } from '../policy/scoring';
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
  /** The records that count (policy/scoring.ts recordCounts), by subject key: one by one, or weighed in groups. */
  counted: Map<string, CountingRow[]>;
  /** The rows of the `counts` asked for (check-facts.ts), else none. */
  counts: WorkflowCountRow[];
}

/** Records that count, as scoring weighs them (one with its id, or a group weighed in SQL), and whether readable. */
export interface CountingRow extends CountedGroup {
  key: string;
  visible: boolean;
}

/**
 * `weighed`: the records come counted in groups from SQL (blacklistCheck: its answer cites no record), else one by one
 * with their ids (creditReview cites them: `recordIds`).
 */
export async function loadCheckRows(
  ctx: RecordsContext,
  keys: readonly string[],
  options: CheckFactsOptions = {},
): Promise<CheckRows> {
  if (!keys.length) return { entries: new Map(), listings: new Map(), counted: new Map(), counts: [] };
  const [known, facts] = await Promise.all([
    ctx.records.directory.lookup([...keys], ctx.records.directoryViewer),
    loadCheckFacts(ctx, keys, options),
  ]);
  const counted: CountingRow[] = options.weighed
    ? facts.groups
    : facts.candidates.map(scored).flatMap((record, i) => {
        if (!recordCounts(record, ctx.records.today)) return [];
        return [{ ...record, key: facts.candidates[i].subject_key, visible: facts.candidates[i].visible }];
      });
  return {
    entries: new Map(known.map((entry) => [entry.key, entry])),
    listings: groupedBy(facts.listings, (l) => l.subjectKey),
    counted: groupedBy(counted, (c) => c.key),
    counts: facts.counts,
  };
}

/** What the caller may know of one registered subject: the decision's facts, its score, the records counted. */
export interface SubjectView {
  /** Whether the caller is told the subject's standing as such (organizations: always). */
  standing: boolean;
  listings: Listing[];
  /** The counting dishonesty records weighed for the caller (organizations and untold persons: those it may read). */
  dishonest: CountingRow[];
  /** The counting dishonesty records the caller may read (cited; the rest are counted only). */
  readable: CountingRow[];
  score: CreditScore | null;
  facts: InterceptionFacts;
}

export function viewOf(ctx: RecordsContext, entry: DirectoryEntry, rows: CheckRows): SubjectView {
  const person = isPersonKey(entry.key);
  const standing = !person || maySeePersonStanding(ctx.viewer, ctx.records.selfKey, entry);
  const all = rows.counted.get(entry.key) ?? [];
  const counted = person && standing ? all : all.filter((row) => row.visible);
  const listings = rows.listings.get(entry.key) ?? [];
  const score = standing ? scoreCounted(counted, listings, ctx.records.policy) : null;
  const dishonest = counted.filter((row) => row.nature === RecordNature.DISHONESTY);
  const facts: InterceptionFacts = {
    listTypes: listings.map((l) => l.listType),
    records: dishonest.map((row) => ({ category: row.category, severity: row.severity })),
    level: score?.level ?? null,
  };
  return { standing, listings, dishonest, readable: dishonest.filter((row) => row.visible), score, facts };
}

export function decideView(ctx: RecordsContext, context: CheckContext, view: SubjectView): Decided {
  return decide(view.facts, ctx.records.interception.contexts[context]);
}
