import type { EntityManager } from '@mikro-orm/postgresql';
import { conditionSql, CONDITIONS, isGovernment, mayApply, recordInUseSql } from '../../../auth/conditions';
import type { Principal } from '../../../auth/principal';
import { SqlFinder, type FoundPage } from '../../../db/finder';
import { rowMapper } from '../../../db/row-mapper';
import { allOf, anyOf, NOTHING, oneOf, pgArray, TRUE, type SqlFragment } from '../../../db/sql';
import { CreditRecord } from './credit-record.entity';
import type { AccessRecorder } from '../../../audit/access-recorder';
import { sanctionsNaming, type SanctionRow } from './sanctions';
import { arrearsOf, type Arrears } from './arrears';
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
 *   jurisdiction, and whatever their own system pushed or their organization decided, while the
 *   record is in its use period (usable_until; conditions.recordInUseSql);
 * - CREDIT_OFFICE: everything in its jurisdiction, in every status, for good (conditions.creditOfficeOf);
 * - SUBJECT: also all of its own records, and all records naming it responsible (conditions.ownRecord: isSelf or
 *   isNamedResponsible, "what names me"), in every disclosure and status.
 * After the use period only conditions.keepsRecordAfterUse (the credit office, the subject, the named person) reads it.
 * @rowRule
 */
export function recordVisibility(
  viewer: Principal,
  selfKey: string | undefined,
  today: string,
  alias = 'r',
): SqlFragment {
  // Built once per caller and day: principals are frozen and kept per token (auth/tokens.ts), so a client's requests
  // share one fragment (frozen: no caller may change what the next request reads).
  const key = `${selfKey ?? ''}\u0000${today}\u0000${alias}`;
  let built = visibilities.get(viewer);
  if (!built || built.size > 16) visibilities.set(viewer, (built = new Map()));
  let fragment = built.get(key);
  if (!fragment) {
    const { sql, params } = visibilityOf(viewer, selfKey, today, alias);
    fragment = Object.freeze({ sql, params: Object.freeze([...params]) as unknown[] });
    built.set(key, fragment);
  }
  return fragment;
}

const visibilities = new WeakMap<Principal, Map<string, SqlFragment>>();

function visibilityOf(viewer: Principal, selfKey: string | undefined, today: string, alias: string): SqlFragment {
  const publicNow = {
    sql: `${alias}.disclosure = 'PUBLIC' AND ${alias}.status = 'ACTIVE' AND ${alias}.decided_at <= ?::date AND ?::date <= ${alias}.public_until`,
    params: [today, today],
  };
  const region = { region: `${alias}.subject_region` };
  const kept = conditionSql(CONDITIONS.keepsRecordAfterUse, viewer, selfKey, { ...region, ...ownRecordColumns(alias) });
  if (!isGovernment(viewer)) return anyOf(publicNow, kept);
  const inUse = recordInUseSql(today, alias);
  const pushed = { sql: `${alias}.source_system = ?`, params: [viewer.clientId] };
  if (mayApply(CONDITIONS.creditOfficeOf, viewer)) return anyOf(publicNow, kept, allOf(inUse, pushed));
  const shared = allOf(
    { sql: `${alias}.disclosure IN ('PUBLIC', 'GOVERNMENT') AND ${alias}.status = 'ACTIVE'`, params: [] },
    conditionSql(CONDITIONS.governmentInJurisdiction, viewer, undefined, region),
  );
  const decided = viewer.org ? { sql: `${alias}.deciding_authority_code = ?`, params: [viewer.org] } : NOTHING;
  return anyOf(publicNow, kept, allOf(inUse, anyOf(shared, pushed, decided)));
}

/** Where conditions.ownRecord finds a record's subject and the persons it names responsible. */
export function ownRecordColumns(alias = 'r') {
  return {
    key: `${alias}.subject_key`,
    named: `EXISTS (SELECT 1 FROM records.record_responsible named_rr WHERE named_rr.record_id = ${alias}.id AND named_rr.person_key = ?)`,
  };
}

/**
 * Which records a list of a subject holds: those about it (Subject.records), or those naming it as a responsible
 * person (Subject.recordsNamingMe).
 */
export type RecordsOf = 'ABOUT' | 'NAMING';
const RECORDS_OF: Record<RecordsOf, { key: string; from: string }> = {
  ABOUT: { key: 'r.subject_key', from: 'records.credit_record r' },
  NAMING: {
    key: 'rr.person_key',
    from: 'records.credit_record r JOIN records.record_responsible rr ON rr.record_id = r.id',
  },
};

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
  return allOf(
    oneOf(`${alias}.nature`, filter.natures),
    oneOf(`${alias}.category`, filter.categories),
    oneOf(`${alias}.domain`, filter.domains),
    oneOf(`${alias}.severity`, filter.severities),
    oneOf(`${alias}.status`, filter.statuses),
    filter.decidedFrom ? { sql: `${alias}.decided_at >= ?::date`, params: [filter.decidedFrom] } : TRUE,
    filter.decidedTo ? { sql: `${alias}.decided_at <= ?::date`, params: [filter.decidedTo] } : TRUE,
  );
}

export class RecordRepository {
  /** The records the viewer may see (recordVisibility), as the shared finder shape. */
  readonly finder: SqlFinder<CreditRecord>;
  private readonly scope: SqlFragment;

  constructor(
    private readonly em: EntityManager,
    viewer: Principal,
    selfKey: string | undefined,
    private readonly today: string,
    private readonly audit: AccessRecorder,
  ) {
    this.scope = recordVisibility(viewer, selfKey, today);
    this.finder = new SqlFinder(em, {
      table: 'records.credit_record',
      alias: 'r',
      visibility: this.scope,
      map: (row) => this.mapVisible(row),
    });
  }

  /** Visible dishonesty records about each person or naming them responsible. */
  async namingPersons(keys: readonly string[]): Promise<{ personKey: string; record: CreditRecord }[]> {
    const scope = this.scope;
    const rows = await this.em.execute(
      `SELECT DISTINCT ON (person_key, r.id) named.person_key, r.* FROM (
         SELECT r0.id AS record_id, r0.subject_key AS person_key
         FROM records.credit_record r0 WHERE r0.subject_key = ANY(?::text[])
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

  /** Sanctions with a kind naming each person, whatever their disclosure (findings/sanctions.ts says who gets them). */
  sanctionsNaming(keys: readonly string[]): Promise<SanctionRow[]> {
    return sanctionsNaming(this.em, keys);
  }

  /** The money of ARREARS records, whatever the viewer (findings/rules.ts canReadArrears says who gets it). */
  arrearsOf(recordIds: readonly string[]): Promise<Arrears[]> {
    return arrearsOf(this.em, recordIds);
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
    return this.finder.byIds(ids);
  }

  /** Newest first (id descending). */
  page(filter: RecordFilter, first: number, beforeId?: string): Promise<FoundPage<CreditRecord>> {
    return this.finder.page(filterSql(filter), first, beforeId);
  }

  count(filter: RecordFilter): Promise<number> {
    return this.finder.count(filterSql(filter));
  }

  /** Visible record counts of many subjects (or of the persons they name: `of`) in one statement. */
  async countsBySubject(
    keys: readonly string[],
    filter: RecordFilter,
    of: RecordsOf = 'ABOUT',
  ): Promise<{ owner_key: string; n: number }[]> {
    const { key, from } = RECORDS_OF[of];
    const where = this.finder.scoped(allOf(filterSql(filter), oneOf(key, keys)));
    return this.em.execute(
      `SELECT ${key} AS owner_key, count(*)::int AS n FROM ${from} WHERE ${where.sql} GROUP BY ${key}`,
      where.params,
    );
  }

  /** Visible records of each subject (or naming each person: `of`), newest first, at most `first` (+1) per key. */
  async pagesBySubject(
    keys: readonly string[],
    filter: RecordFilter,
    first: number,
    beforeId?: string,
    of: RecordsOf = 'ABOUT',
  ): Promise<{ ownerKey: string; record: CreditRecord }[]> {
    const { key, from } = RECORDS_OF[of];
    const where = this.finder.scoped(
      allOf(filterSql(filter), oneOf(key, keys), beforeId ? { sql: 'r.id < ?', params: [beforeId] } : TRUE),
    );
    const rows = await this.em.execute(
      `SELECT * FROM (
         SELECT r.*, ${key} AS owner_key, row_number() OVER (PARTITION BY ${key} ORDER BY r.id DESC) AS rank_in_key
         FROM ${from} WHERE ${where.sql}
       ) ranked WHERE rank_in_key <= ? ORDER BY owner_key, id DESC`,
      [...where.params, first + 1],
    );
    return rows.map((row: Record<string, unknown>) => ({
      ownerKey: row.owner_key as string,
      record: this.mapVisible(row),
    }));
  }

  /** Responsible persons' keys per record (visibility of the record is checked by the caller). */
  async responsibleKeys(recordIds: readonly string[]): Promise<{ record_id: string; person_key: string }[]> {
    return this.em.execute(
      `SELECT record_id::text, person_key FROM records.record_responsible
       WHERE record_id = ANY(?::bigint[]) ORDER BY record_id, person_key`,
      [pgArray(recordIds)],
    );
  }
}
