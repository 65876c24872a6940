import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { pgArray } from '../../../db/sql';
import { SanctionKind } from '../enums';

/**
 * One disciplinary action on a person as an integrity file shows it: kind, dates and effect,
 * released to whoever may read the person's standing (conditions.maySeePersonStanding, the
 * readers of the file). The decision itself is `record`, released by recordVisibility.
 */
@ObjectType('SanctionInEffect', {
  description:
    'A disciplinary action (政务处分/党纪处分) on the person: its kind, decision date, effect period and whether it is in effect on the date asked. The decision itself (record) only as far as the reader may see it.',
})
export class SanctionInEffect {
  @Field(() => ID, { description: 'Id of the sanction’s credit record.' })
  recordId!: string;

  @Field(() => SanctionKind, { description: 'Kind of disciplinary action (处分种类).' })
  kind!: SanctionKind;

  @Field(() => LocalDateResolver, { description: 'Date of the decision; the effect period starts on it.' })
  decidedAt!: string;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Last day of the effect period (处分期间) under the credit policy; null = no end (开除).',
  })
  effectiveUntil!: string | null;

  @Field({ description: 'Whether the sanction is in effect on the date asked (`on`).' })
  inEffect!: boolean;

  /** Disclosure of the record, for the access log; not a field. */
  disclosure!: string;
  subjectKey!: string;
}

/** A sanction row naming a person (as subject or as a responsible person). */
export interface SanctionRow {
  person_key: string;
  id: string;
  subject_key: string;
  sanction_kind: SanctionKind;
  decided_at: string;
  disclosure: string;
}

/**
 * Every sanction with a kind naming each person, newest first, in one statement. Deliberately
 * not narrowed by recordVisibility: the caller releases only kind and dates, and only to the
 * readers of the person's file (archive-records.resolver.ts). Revoked records are no sanction.
 * @rowRule
 */
export function sanctionsNaming(em: EntityManager, keys: readonly string[]): Promise<SanctionRow[]> {
  return em.execute(
    `SELECT DISTINCT ON (named.person_key, r.id) named.person_key, r.id::text, r.subject_key, r.sanction_kind,
            to_char(r.decided_at, 'YYYY-MM-DD') AS decided_at, r.disclosure
     FROM (
       SELECT r0.id AS record_id, r0.subject_key AS person_key
       FROM records.credit_record r0 WHERE r0.subject_key = ANY(?::text[])
       UNION ALL
       SELECT rr.record_id, rr.person_key FROM records.record_responsible rr WHERE rr.person_key = ANY(?::text[])
     ) named JOIN records.credit_record r ON r.id = named.record_id
     WHERE r.category = 'DISCIPLINARY_SANCTION' AND r.sanction_kind IS NOT NULL AND r.status <> 'REVOKED'
     ORDER BY named.person_key, r.id DESC`,
    [pgArray(keys), pgArray(keys)],
  );
}
