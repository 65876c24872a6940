import type { Bilingual } from '../../../common/language';
import { ListType, RecordNature, RecordStatus, Severity, type RecordCategory } from '../enums';
import type { SqlFragment } from '../../../db/sql';
import type { CreditPolicy } from './credit-policy';
import { honorExplanation, listingExplanation, recordExplanation } from './explanations';

/** What scoring needs to know of a record. */
export interface ScoredRecord {
  id: string;
  nature: RecordNature;
  category: RecordCategory;
  severity: Severity;
  status: RecordStatus;
  tolerated: boolean;
  decidedAt: string;
  publicUntil: string;
}

export interface ScoredListing {
  id: string;
  listType: ListType;
}

/**
 * The one rule that decides whether a record counts: an ACTIVE record (not revoked, not
 * repaired), not judged fault-tolerated (容错), inside its window on `asOf`. Status,
 * scores and lists all ask this function, so a repair or a tolerance decision has the
 * same effect everywhere.
 */
export function recordCounts(record: ScoredRecord, asOf: string): boolean {
  return (
    record.status === RecordStatus.ACTIVE && !record.tolerated && record.decidedAt <= asOf && asOf <= record.publicUntil
  );
}

/**
 * recordCounts as SQL on records.credit_record alias `alias`, for the statements that weigh the records in the
 * database (lists/check-facts.ts): written here, beside the rule, and held to it by tests/unit/scoring-groups.test.ts.
 * `tolerated` is NOT NULL (default false).
 */
export function recordCountsSql(asOf: string, alias = 'r'): SqlFragment {
  return {
    sql: `${alias}.status = 'ACTIVE' AND NOT ${alias}.tolerated AND ${alias}.decided_at <= ?::date AND ?::date <= ${alias}.public_until`,
    params: [asOf, asOf],
  };
}

export function countsAsDishonesty(record: ScoredRecord, asOf: string): boolean {
  return record.nature === RecordNature.DISHONESTY && recordCounts(record, asOf);
}

export interface ScoreReason {
  kind: 'RECORD' | 'LISTING' | 'HONOR';
  id: string;
  points: number;
  /** Both languages; the resolver answers in the caller's (status/standing.ts). */
  explanation: Bilingual;
}

export interface CreditScore {
  score: number;
  level: string;
  activeDishonestyCount: number;
  seriousDishonestyCount: number;
  reasons: ScoreReason[];
}

/**
 * Records that count, weighed alike: one record (`count` 1 or absent, cited by its id in the reasons) or `count`
 * records of one nature, category and severity counted in SQL (lists/check-facts.ts), weighed as that many records and
 * cited, without an id, by none: their caller (blacklistCheck's decision) reads no reasons.
 */
export interface CountedGroup {
  id: string | null;
  nature: RecordNature;
  category: RecordCategory;
  severity: Severity;
  publicUntil?: string;
  count?: number;
}

/**
 * Credit score of one subject: a pure function of its records, its active listings and the
 * policy (documented in docs/credit-status.md). Base points, minus points per counting
 * dishonesty record (by severity, times a category factor), minus points per active
 * listing, plus capped points for counting honours; level by thresholds, and an active
 * serious-dishonesty listing forces the lowest level.
 */
export function scoreSubject(
  records: ScoredRecord[],
  listings: ScoredListing[],
  asOf: string,
  policy: CreditPolicy,
): CreditScore {
  return scoreCounted(
    records.filter((record) => recordCounts(record, asOf)),
    listings,
    policy,
  );
}

/** scoreSubject on records already known to count (recordCounts), one by one or in groups (CountedGroup). */
export function scoreCounted(
  groups: readonly CountedGroup[],
  listings: readonly ScoredListing[],
  policy: CreditPolicy,
): CreditScore {
  const rules = policy.scoring;
  const reasons: ScoreReason[] = [];
  let score = rules.base;
  let activeDishonestyCount = 0;
  let seriousDishonestyCount = 0;
  let honorPoints = 0;
  for (const group of groups) {
    const count = group.count ?? 1;
    if (group.nature === RecordNature.HONOR) {
      // Capped: each honour adds its points until the cap (n honours at once: the same sum, for points >= 0).
      const points = Math.min(rules.honorPoints * count, rules.honorCap - honorPoints);
      if (points > 0) {
        honorPoints += points;
        score += points;
        if (group.id !== null)
          reasons.push({ kind: 'HONOR', id: group.id, points, explanation: honorExplanation(points) });
      }
      continue;
    }
    activeDishonestyCount += count;
    if (group.severity === Severity.SERIOUS) seriousDishonestyCount += count;
    const factor = rules.categoryFactor[group.category] ?? 1;
    const points = round((rules.dishonestyPoints[group.severity] ?? 0) * factor);
    score -= points * count;
    if (group.id !== null)
      reasons.push({
        kind: 'RECORD',
        id: group.id,
        points: -points,
        explanation: recordExplanation(group.severity, group.category, group.publicUntil ?? '', factor),
      });
  }
  score = lessListings(score, listings, policy, reasons);
  score = Math.max(0, Math.min(rules.base + rules.honorCap, round(score)));
  let level = levelFor(score, policy);
  if (rules.seriousListingLevel && listings.some((l) => l.listType === ListType.SERIOUS_DISHONESTY))
    level = rules.seriousListingLevel;
  return { score, level, activeDishonestyCount, seriousDishonestyCount, reasons };
}

function lessListings(
  score: number,
  listings: readonly ScoredListing[],
  policy: CreditPolicy,
  reasons: ScoreReason[],
): number {
  for (const listing of listings) {
    const points = policy.scoring.listingPoints[listing.listType] ?? 0;
    score -= points;
    reasons.push({
      kind: 'LISTING',
      id: listing.id,
      points: -points,
      explanation: listingExplanation(listing.listType),
    });
  }
  return score;
}

export function levelFor(score: number, policy: CreditPolicy): string {
  const levels = byMinScore(policy.scoring.levels);
  return (levels.find((l) => score >= l.minScore) ?? levels[levels.length - 1]).level;
}

type LevelRule = CreditPolicy['scoring']['levels'][number];

/** A policy's levels, highest threshold first: sorted once per policy, not per subject scored (a batch scores 500). */
const sortedLevels = new WeakMap<readonly LevelRule[], readonly LevelRule[]>();
function byMinScore(levels: readonly LevelRule[]): readonly LevelRule[] {
  let sorted = sortedLevels.get(levels);
  if (!sorted) sortedLevels.set(levels, (sorted = [...levels].sort((a, b) => b.minScore - a.minScore)));
  return sorted;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
