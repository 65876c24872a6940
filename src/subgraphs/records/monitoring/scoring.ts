import { recordCounts, type ScoredRecord } from '../policy/scoring';
import type { RecordDomain } from '../enums';
import type { EvaluationConfig, IndicatorCounts } from '../policy/evaluation-config';
import type { Period } from './period';

/** Everything evaluation reads of one subject in one period (loaded by facts.ts). */
export interface SubjectFacts {
  records: (ScoredRecord & { domain: RecordDomain })[];
  /** Commitments due in the period. */
  commitments: { id: string; state: string; dueOn: string; breachRecordId: string | null }[];
  /** Cases open on the evaluation day. */
  cases: { id: string; kind: string }[];
  /** Objections filed in the period. */
  objections: { id: string; recordId: string; state: string }[];
  /** Repairs approved in the period. */
  repairs: { id: string; recordId: string }[];
}

export const NO_FACTS: SubjectFacts = { records: [], commitments: [], cases: [], objections: [], repairs: [] };

/** One item an indicator counted: the record behind it (if any) and what it is. */
export interface Evidence {
  ref: string;
  recordId: string | null;
}

export interface IndicatorResult {
  code: string;
  name: string;
  weight: number;
  value: number;
  score: number;
  evidence: Evidence[];
}

export interface EvaluationResult {
  total: number;
  indicators: IndicatorResult[];
}

/**
 * What one indicator counts among a subject's facts. Records count only if `recordCounts`
 * (policy/scoring.ts, the one rule credit status uses) says so on the evaluation day, so a
 * repaired, revoked or tolerated finding weighs nothing here either; a disputed one still
 * counts until decided.
 */
export function indicatorEvidence(
  facts: SubjectFacts,
  counts: IndicatorCounts,
  period: Period,
  asOf: string,
): Evidence[] {
  switch (counts.source) {
    case 'RECORDS':
      return facts.records
        .filter((r) => recordCounts(r, asOf) && r.nature === counts.nature)
        .filter((r) => counts.window === 'IN_FORCE' || (period.start <= r.decidedAt && r.decidedAt <= period.end))
        .filter((r) => !counts.severities || counts.severities.includes(r.severity))
        .filter((r) => !counts.categories || counts.categories.includes(r.category))
        .filter((r) => !counts.excludeCategories?.includes(r.category))
        .filter((r) => !counts.domains || counts.domains.includes(r.domain))
        .map((r) => ({ ref: `RECORD:${r.id}`, recordId: r.id }));
    case 'COMMITMENTS':
      return facts.commitments
        .filter((c) =>
          counts.outcome === 'OVERDUE' ? c.state === 'PENDING' && c.dueOn < asOf : c.state === counts.outcome,
        )
        .map((c) => ({ ref: `COMMITMENT:${c.id}`, recordId: c.breachRecordId }));
    case 'CASES':
      return facts.cases
        .filter((c) => (counts.kinds as string[]).includes(c.kind))
        .map((c) => ({ ref: `GOVERNMENT_CASE:${c.id}`, recordId: null }));
    case 'OBJECTIONS':
      return facts.objections
        .filter((o) => (counts.states as string[]).includes(o.state))
        .map((o) => ({ ref: `OBJECTION:${o.id}`, recordId: o.recordId }));
    case 'REPAIRS':
      return facts.repairs.map((r) => ({ ref: `REPAIR:${r.id}`, recordId: r.recordId }));
  }
}

/** Points of one indicator: value × weight, at most `cap` either way, to two decimals. */
export function indicatorScore(value: number, weight: number, cap?: number): number {
  const raw = value * weight;
  const capped = cap === undefined ? raw : Math.max(-cap, Math.min(cap, raw));
  return round(capped);
}

/**
 * The explainable evaluation of one subject: every indicator's value, weight, points and evidence, and the total
 * (base + points, not below 0).
 */
export function evaluate(
  facts: SubjectFacts,
  config: EvaluationConfig,
  period: Period,
  asOf: string,
): EvaluationResult {
  const indicators = config.indicators.map((indicator) => {
    const evidence = indicatorEvidence(facts, indicator.counts, period, asOf);
    return {
      code: indicator.code,
      name: indicator.name,
      weight: indicator.weight,
      value: evidence.length,
      score: indicatorScore(evidence.length, indicator.weight, indicator.cap),
      evidence,
    };
  });
  const total = Math.max(0, round(indicators.reduce((sum, i) => sum + i.score, config.base)));
  return { total, indicators };
}

export interface Ranked<T> {
  rank: number;
  item: T;
}

/**
 * Ranks by score, highest first; equal scores share a rank (1, 2, 2, 4) and are ordered by
 * region code, then key, so a rerun on the same data gives the same table.
 */
export function rank<T extends { score: number; regionCode: string; key: string }>(items: T[]): Ranked<T>[] {
  const sorted = [...items].sort(
    (a, b) => b.score - a.score || a.regionCode.localeCompare(b.regionCode) || a.key.localeCompare(b.key),
  );
  let previous: Ranked<T> | undefined;
  return sorted.map((item, i) => {
    const entry = { rank: previous && previous.item.score === item.score ? previous.rank : i + 1, item };
    previous = entry;
    return entry;
  });
}

/** To two decimals; + 0 turns -0 (no deduction) into 0. */
function round(value: number): number {
  return Math.round(value * 100) / 100 + 0;
}
