import type { Bilingual } from '../../../common/language';
import { ListType, RecordNature, RecordStatus, Severity, type RecordCategory } from '../enums';
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
  const rules = policy.scoring;
  const reasons: ScoreReason[] = [];
  let score = rules.base;
  let activeDishonestyCount = 0;
  let seriousDishonestyCount = 0;
  let honorPoints = 0;
  for (const record of records) {
    if (!recordCounts(record, asOf)) continue;
    if (record.nature === RecordNature.HONOR) {
      const points = Math.min(rules.honorPoints, rules.honorCap - honorPoints);
      if (points > 0) {
        honorPoints += points;
        score += points;
        reasons.push({ kind: 'HONOR', id: record.id, points, explanation: honorExplanation(points) });
      }
      continue;
    }
    activeDishonestyCount += 1;
    if (record.severity === Severity.SERIOUS) seriousDishonestyCount += 1;
    const factor = rules.categoryFactor[record.category] ?? 1;
    const points = round((rules.dishonestyPoints[record.severity] ?? 0) * factor);
    score -= points;
    reasons.push({
      kind: 'RECORD',
      id: record.id,
      points: -points,
      explanation: recordExplanation(record.severity, record.category, record.publicUntil, factor),
    });
  }
  for (const listing of listings) {
    const points = rules.listingPoints[listing.listType] ?? 0;
    score -= points;
    reasons.push({
      kind: 'LISTING',
      id: listing.id,
      points: -points,
      explanation: listingExplanation(listing.listType),
    });
  }
  score = Math.max(0, Math.min(rules.base + rules.honorCap, round(score)));
  let level = levelFor(score, policy);
  if (rules.seriousListingLevel && listings.some((l) => l.listType === ListType.SERIOUS_DISHONESTY))
    level = rules.seriousListingLevel;
  return { score, level, activeDishonestyCount, seriousDishonestyCount, reasons };
}

export function levelFor(score: number, policy: CreditPolicy): string {
  const levels = [...policy.scoring.levels].sort((a, b) => b.minScore - a.minScore);
  return (levels.find((l) => score >= l.minScore) ?? levels[levels.length - 1]).level;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
