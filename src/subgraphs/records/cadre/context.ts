import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { groupBy } from '../../../common/loaders';
import { entityFinder, TRUE, type SqlFragment } from '../../../db/finder';
import { pgArray } from '../../../db/sql';
import { recordVisibility } from '../findings/record.repository';
import { measuresInForce } from '../lists/in-force';
import { Commitment } from '../workflows/commitments/commitment.entity';
import { JointMeasure } from '../workflows/measures/measure.entity';

/** A SERIOUS dishonesty record in force naming a person, with whether the caller may read it (recordVisibility). */
export interface SeriousRow {
  person_key: string;
  id: string;
  subject_key: string;
  disclosure: string;
  title: string;
  visible: boolean;
}

/** Per-request loaders of what the records subgraph contributes to cadre decisions (files, appointmentCheck). */
export interface CadreContext {
  seriousNaming: DataLoader<string, SeriousRow[]>;
  /** Joint measures in force against each person, newest first. */
  measuresAgainst: DataLoader<string, JointMeasure[]>;
  /** Every commitment of each person, newest first. */
  commitmentsOf: DataLoader<string, Commitment[]>;
}

/**
 * The rows of a person's file: not narrowed by the workflow finders' party rules, because they
 * are released only to the readers of the file (cadre/rules.ts: conditions.maySeePersonStanding),
 * the audience of the file's sanctions.
 * @rowRule
 */
export function fileReaderVisibility(): SqlFragment {
  return TRUE;
}

/**
 * SERIOUS dishonesty records naming each person (as subject or responsible person) that count
 * today as the credit status counts them (ACTIVE, not tolerated, inside the period), sanctions with
 * a kind excepted (they are weighed by their effect period), in one statement. Deliberately not
 * narrowed by recordVisibility: every row weighs in the verdict (an aggregate for whoever may
 * check the person); `visible` (recordVisibility) says which a reason may cite (cadre/verdict.ts).
 * @rowRule
 */
function seriousNaming(em: EntityManager, scope: SqlFragment, keys: readonly string[], today: string) {
  return em.execute<SeriousRow[]>(
    `SELECT DISTINCT ON (named.person_key, r.id) named.person_key, r.id::text, r.subject_key, r.disclosure, r.title,
            (${scope.sql}) AS visible
     FROM (
       SELECT r0.id AS record_id, r0.subject_key AS person_key FROM records.credit_record r0 WHERE r0.subject_key = ANY(?::text[])
       UNION ALL
       SELECT rr.record_id, rr.person_key FROM records.record_responsible rr WHERE rr.person_key = ANY(?::text[])
     ) named JOIN records.credit_record r ON r.id = named.record_id
     WHERE r.nature = 'DISHONESTY' AND r.severity = 'SERIOUS' AND r.status = 'ACTIVE' AND NOT r.tolerated
       AND r.public_until >= ?::date AND r.sanction_kind IS NULL
     ORDER BY named.person_key, r.id DESC`,
    [...scope.params, pgArray(keys), pgArray(keys), today],
  );
}

export function createCadreContext(
  em: EntityManager,
  viewer: Principal,
  selfKey: string | undefined,
  today: string,
): CadreContext {
  const scope = recordVisibility(viewer, selfKey, today);
  const measures = entityFinder(em, JointMeasure, 'records.joint_measure', fileReaderVisibility());
  const commitments = entityFinder(em, Commitment, 'records.commitment', fileReaderVisibility());
  return {
    seriousNaming: new DataLoader(async (keys) =>
      groupBy(keys, await seriousNaming(em, scope, keys, today), (row) => row.person_key),
    ),
    measuresAgainst: new DataLoader(async (keys) =>
      groupBy(keys, await measures.query(measuresInForce(keys, today), 'ORDER BY t.id DESC'), (m) => m.subjectKey),
    ),
    commitmentsOf: new DataLoader(async (keys) =>
      groupBy(
        keys,
        await commitments.query(
          { sql: 't.subject_key = ANY(?::text[])', params: [pgArray(keys)] },
          'ORDER BY t.id DESC',
        ),
        (c) => c.subjectKey,
      ),
    ),
  };
}
