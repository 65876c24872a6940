import type { EntityManager } from '@mikro-orm/postgresql';
import { HUB_TIME_ZONE } from '../../../common/dates';
import { groupBy } from '../../../common/loaders';
import { pgArray } from '../../../db/sql';
import type { RecordCategory, RecordDomain, RecordNature, RecordStatus, Severity } from '../enums';
import type { Period } from './period';
import type { SubjectFacts } from './scoring';

/** A credit record's row as the facts read it (dates as YYYY-MM-DD text). */
export interface RecordFactRow {
  id: string;
  subject_key: string;
  nature: string;
  category: string;
  domain: string;
  severity: string;
  status: string;
  tolerated: boolean;
  decided_at: string;
  public_until: string;
}

/** Records of the subjects that were public at some time in the period. */
function periodRecords(em: EntityManager, k: string, period: Period): Promise<RecordFactRow[]> {
  return em.execute(
    `SELECT id::text, subject_key, nature, category, domain, severity, status, tolerated,
            to_char(decided_at, 'YYYY-MM-DD') AS decided_at, to_char(public_until, 'YYYY-MM-DD') AS public_until
     FROM records.credit_record WHERE subject_key = ANY(?::text[]) AND decided_at <= ?::date AND public_until >= ?::date`,
    [k, period.end, period.start],
  );
}

/** The row's facts, typed: what scoring and the warning rules count. */
export function toFactRecord(r: RecordFactRow) {
  return {
    id: r.id,
    nature: r.nature as RecordNature,
    category: r.category as RecordCategory,
    domain: r.domain as RecordDomain,
    severity: r.severity as Severity,
    status: r.status as RecordStatus,
    tolerated: r.tolerated,
    decidedAt: r.decided_at,
    publicUntil: r.public_until,
  };
}

/**
 * Loads what evaluation counts for many subjects in one period: five statements whatever the
 * number of subjects (records, commitments, cases, objections, repairs). Records are loaded
 * broadly (any that may be in force during the period); which of them count is decided by
 * `recordCounts` in scoring.ts, not here.
 */
export async function loadFacts(
  em: EntityManager,
  keys: readonly string[],
  period: Period,
  asOf: string,
): Promise<SubjectFacts[]> {
  if (keys.length === 0) return [];
  const k = pgArray(keys);
  // Timestamps become calendar dates in the hub's zone, like every other date rule.
  const localDay = (column: string) => `(${column} AT TIME ZONE ?::text)::date`;
  const [records, commitments, cases, objections, repairs] = await Promise.all([
    periodRecords(em, k, period),
    em.execute(
      `SELECT id::text, subject_key, state, to_char(due_on, 'YYYY-MM-DD') AS due_on, breach_record_id::text
       FROM records.commitment WHERE subject_key = ANY(?::text[]) AND due_on BETWEEN ?::date AND ?::date`,
      [k, period.start, period.end],
    ) as Promise<{ id: string; subject_key: string; state: string; due_on: string; breach_record_id: string | null }[]>,
    em.execute(
      `SELECT id::text, subject_key, kind FROM records.government_case
       WHERE subject_key = ANY(?::text[]) AND filed_on <= ?::date AND (resolved_on IS NULL OR resolved_on > ?::date)`,
      [k, asOf, asOf],
    ) as Promise<{ id: string; subject_key: string; kind: string }[]>,
    em.execute(
      // The subject's own objections to findings; a civil servant's objection to its naming is the person's matter.
      `SELECT id::text, subject_key, record_id::text, state FROM records.objection
       WHERE subject_key = ANY(?::text[]) AND named_person_key IS NULL
         AND ${localDay('created_at')} BETWEEN ?::date AND ?::date`,
      [k, HUB_TIME_ZONE, period.start, period.end],
    ) as Promise<{ id: string; subject_key: string; record_id: string; state: string }[]>,
    em.execute(
      `SELECT id::text, subject_key, record_id::text FROM records.repair_application
       WHERE subject_key = ANY(?::text[]) AND state = 'APPROVED' AND ${localDay('updated_at')} BETWEEN ?::date AND ?::date`,
      [k, HUB_TIME_ZONE, period.start, period.end],
    ) as Promise<{ id: string; subject_key: string; record_id: string }[]>,
  ]);
  const bySubject = {
    records: groupBy(keys, records, (r) => r.subject_key),
    commitments: groupBy(keys, commitments, (r) => r.subject_key),
    cases: groupBy(keys, cases, (r) => r.subject_key),
    objections: groupBy(keys, objections, (r) => r.subject_key),
    repairs: groupBy(keys, repairs, (r) => r.subject_key),
  };
  return keys.map((_key, i) => ({
    records: bySubject.records[i].map(toFactRecord),
    commitments: bySubject.commitments[i].map((c) => ({
      id: c.id,
      state: c.state,
      dueOn: c.due_on,
      breachRecordId: c.breach_record_id,
    })),
    cases: bySubject.cases[i].map((c) => ({ id: c.id, kind: c.kind })),
    objections: bySubject.objections[i].map((o) => ({ id: o.id, recordId: o.record_id, state: o.state })),
    repairs: bySubject.repairs[i].map((r) => ({ id: r.id, recordId: r.record_id })),
  }));
}
