import type { EntityManager } from '@mikro-orm/postgresql';
import { isGovernment, type Principal } from '../../../auth/principal';
import { Role } from '../../../auth/roles';
import { rowMapper } from '../../../db/row-mapper';
import { anyOf, pgArray, type SqlFragment } from '../../../db/sql';
import { conditionSql, CONDITIONS, jurisdictionSql } from '../../../auth/conditions';
import { CreditRecord } from './credit-record.entity';
import type { AccessRecorder } from '../../../audit/access-recorder';
import {
  Disclosure,
  type RecordCategory,
  type RecordDomain,
  type RecordNature,
  type RecordStatus,
  type Severity,
} from '../enums';

/**
 * Row-level visibility of records, the one place it is decided. Every path that returns
 * records (records, Subject.records, a listing's reasons, entity fetches) goes through it.
 *
 * - everyone: PUBLIC disclosure, ACTIVE, inside its publicity window on `today`;
 * - government roles: also PUBLIC and GOVERNMENT records of active subjects in their
 *   jurisdiction, and whatever their own system pushed or their organization decided;
 * - CREDIT_OFFICE: everything in its jurisdiction, in every status (conditions.creditOfficeOf);
 * - SUBJECT: also all of its own records (conditions.isSelf).
 * @rowRule
 */
export function recordVisibility(
  viewer: Principal,
  selfKey: string | undefined,
  today: string,
  alias = 'r',
): SqlFragment {
  const clauses = [
    `(${alias}.disclosure = 'PUBLIC' AND ${alias}.status = 'ACTIVE' AND ${alias}.decided_at <= ?::date AND ?::date <= ${alias}.public_until)`,
  ];
  const params: unknown[] = [today, today];
  const jurisdiction = jurisdictionSql(viewer, `${alias}.subject_region`);
  const [region, regionParams] = [jurisdiction.sql, jurisdiction.params];
  if (viewer.role === Role.CREDIT_OFFICE) {
    clauses.push(region, `${alias}.source_system = ?`);
    params.push(...regionParams, viewer.clientId);
  } else if (isGovernment(viewer)) {
    clauses.push(`(${alias}.disclosure IN ('PUBLIC', 'GOVERNMENT') AND ${alias}.status = 'ACTIVE' AND ${region})`);
    params.push(...regionParams);
    clauses.push(`${alias}.source_system = ?`);
    params.push(viewer.clientId);
    if (viewer.org) {
      clauses.push(`${alias}.deciding_authority_code = ?`);
      params.push(viewer.org);
    }
  }
  const own = conditionSql(CONDITIONS.self, viewer, selfKey, { key: `${alias}.subject_key` });
  return anyOf({ sql: clauses.join(' OR '), params }, own);
}

export interface RecordFilter {
  natures?: RecordNature[] | null;
  categories?: RecordCategory[] | null;
  domains?: RecordDomain[] | null;
  severities?: Severity[] | null;
  statuses?: RecordStatus[] | null;
  decidedFrom?: string | null;
  decidedTo?: string | null;
}

function filterSql(filter: RecordFilter, alias = 'r'): SqlFragment {
  const clauses = ['true'];
  const params: unknown[] = [];
  const anyOf = (column: string, values?: readonly string[] | null) => {
    if (!values?.length) return;
    clauses.push(`${alias}.${column} = ANY(?::text[])`);
    params.push(pgArray(values));
  };
  anyOf('nature', filter.natures);
  anyOf('category', filter.categories);
  anyOf('domain', filter.domains);
  anyOf('severity', filter.severities);
  anyOf('status', filter.statuses);
  if (filter.decidedFrom) {
    clauses.push(`${alias}.decided_at >= ?::date`);
    params.push(filter.decidedFrom);
  }
  if (filter.decidedTo) {
    clauses.push(`${alias}.decided_at <= ?::date`);
    params.push(filter.decidedTo);
  }
  return { sql: clauses.join(' AND '), params };
}

export class RecordRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Principal,
    private readonly selfKey: string | undefined,
    private readonly today: string,
    private readonly audit: AccessRecorder,
  ) {}

  private async query(where: SqlFragment, tail = ''): Promise<CreditRecord[]> {
    const scope = recordVisibility(this.viewer, this.selfKey, this.today);
    const rows = await this.em.execute(
      `SELECT r.* FROM records.credit_record r WHERE ${scope.sql} AND ${where.sql} ${tail}`,
      [...scope.params, ...where.params],
    );
    return rows.map((row: Record<string, unknown>) => this.mapVisible(row));
  }

  /** Visible dishonesty records about each person or naming them responsible. */
  async namingPersons(keys: readonly string[]): Promise<{ personKey: string; record: CreditRecord }[]> {
    const scope = recordVisibility(this.viewer, this.selfKey, this.today);
    const rows = await this.em.execute(
      `SELECT DISTINCT ON (person_key, r.id) named.person_key, r.* FROM (
         SELECT r0.id AS record_id, r0.subject_key AS person_key FROM records.credit_record r0 WHERE r0.subject_key = ANY(?::text[])
         UNION ALL
         SELECT rr.record_id, rr.person_key FROM records.record_responsible rr WHERE rr.person_key = ANY(?::text[])
       ) named JOIN records.credit_record r ON r.id = named.record_id
       WHERE ${scope.sql} AND r.nature = 'DISHONESTY' ORDER BY person_key, r.id DESC`,
      [pgArray(keys), pgArray(keys), ...scope.params],
    );
    return rows.map((row: Record<string, unknown>) => ({
      personKey: row.person_key as string,
      record: this.mapVisible(row),
    }));
  }

  /** Maps a visible row; releasing a RESTRICTED record is noted for the access log. */
  private mapVisible(row: Record<string, unknown>): CreditRecord {
    const record = rowMapper(this.em, CreditRecord)(row);
    if (record.disclosure === Disclosure.RESTRICTED) {
      this.audit.note({
        resource: 'RESTRICTED_RECORD',
        subjectKey: record.subjectKey,
        fields: [`record:${record.id}`],
        outcome: 'GRANTED',
      });
    }
    return record;
  }

  byIds(ids: readonly string[]): Promise<CreditRecord[]> {
    return this.query({ sql: 'r.id = ANY(?::bigint[])', params: [pgArray(ids)] });
  }

  /** Newest first (id descending); one extra row tells whether more follow. */
  async page(
    filter: RecordFilter,
    first: number,
    beforeId?: string,
  ): Promise<{ nodes: CreditRecord[]; hasNextPage: boolean }> {
    const where = filterSql(filter);
    if (beforeId) {
      where.sql += ' AND r.id < ?';
      where.params.push(beforeId);
    }
    const rows = await this.query(where, `ORDER BY r.id DESC LIMIT ${first + 1}`);
    return { nodes: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  async count(filter: RecordFilter): Promise<number> {
    const scope = recordVisibility(this.viewer, this.selfKey, this.today);
    const where = filterSql(filter);
    const [row] = await this.em.execute(
      `SELECT count(*)::int AS n FROM records.credit_record r WHERE ${scope.sql} AND ${where.sql}`,
      [...scope.params, ...where.params],
    );
    return row.n;
  }

  /** Visible record counts of many subjects in one statement. */
  async countsBySubject(keys: readonly string[], filter: RecordFilter): Promise<{ subject_key: string; n: number }[]> {
    const scope = recordVisibility(this.viewer, this.selfKey, this.today);
    const where = filterSql(filter);
    return this.em.execute(
      `SELECT r.subject_key, count(*)::int AS n FROM records.credit_record r
       WHERE ${scope.sql} AND ${where.sql} AND r.subject_key = ANY(?::text[]) GROUP BY r.subject_key`,
      [...scope.params, ...where.params, pgArray(keys)],
    );
  }

  /** Visible records of each subject, newest first, at most `first` (+1) per subject. */
  async pagesBySubject(
    keys: readonly string[],
    filter: RecordFilter,
    first: number,
    beforeId?: string,
  ): Promise<CreditRecord[]> {
    const scope = recordVisibility(this.viewer, this.selfKey, this.today);
    const where = filterSql(filter);
    const rows = await this.em.execute(
      `SELECT * FROM (
         SELECT r.*, row_number() OVER (PARTITION BY r.subject_key ORDER BY r.id DESC) AS rank_in_subject
         FROM records.credit_record r
         WHERE ${scope.sql} AND ${where.sql} AND r.subject_key = ANY(?::text[])${beforeId ? ' AND r.id < ?' : ''}
       ) ranked WHERE rank_in_subject <= ? ORDER BY subject_key, id DESC`,
      [...scope.params, ...where.params, pgArray(keys), ...(beforeId ? [beforeId] : []), first + 1],
    );
    return rows.map((row: Record<string, unknown>) => this.mapVisible(row));
  }

  /**
   * Records that may count for the status of every subject in `keys` (one statement), each
   * flagged with whether the caller may read it: standing.ts decides what counts for whom.
   * The SQL only narrows; scoring.recordCounts decides.
   */
  scoringCandidates(keys: readonly string[]): Promise<ScoringCandidate[]> {
    const scope = recordVisibility(this.viewer, this.selfKey, this.today);
    return this.em.execute(
      `SELECT r.id::text, r.subject_key, r.nature, r.category, r.severity, r.status, r.tolerated, r.disclosure, ${scope.sql} AS visible,
              to_char(r.decided_at, 'YYYY-MM-DD') AS decided_at, to_char(r.public_until, 'YYYY-MM-DD') AS public_until
       FROM records.credit_record r
       WHERE r.subject_key = ANY(?::text[]) AND r.status = 'ACTIVE' AND r.public_until >= ?::date`,
      [...scope.params, pgArray(keys), this.today],
    );
  }

  /** Responsible persons' keys per record (visibility of the record is checked by the caller). */
  async responsibleKeys(recordIds: readonly string[]): Promise<{ record_id: string; person_key: string }[]> {
    return this.em.execute(
      'SELECT record_id::text, person_key FROM records.record_responsible WHERE record_id = ANY(?::bigint[]) ORDER BY record_id, person_key',
      [pgArray(recordIds)],
    );
  }
}

/** A record that may count for a credit status, with whether the caller may read it. */
export interface ScoringCandidate {
  id: string;
  subject_key: string;
  nature: string;
  category: string;
  severity: string;
  status: string;
  tolerated: boolean;
  decided_at: string;
  public_until: string;
  disclosure: string;
  /** recordVisibility for the caller: whether the record may be cited to it. */
  visible: boolean;
}
