import type { ScoredRecord } from '../policy/scoring';
import type { ScoringCandidate } from './scoring-candidates';

/** A scoring candidate as the credit policy weighs it (status/standing.ts, lists/interception.ts). */
export function scored(row: ScoringCandidate): ScoredRecord {
  return {
    id: row.id,
    nature: row.nature as ScoredRecord['nature'],
    category: row.category as ScoredRecord['category'],
    severity: row.severity as ScoredRecord['severity'],
    status: row.status as ScoredRecord['status'],
    tolerated: row.tolerated,
    decidedAt: row.decided_at,
    publicUntil: row.public_until,
  };
}
