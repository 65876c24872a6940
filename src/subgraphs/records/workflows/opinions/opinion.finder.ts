import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CONDITIONS, conditionSql } from '../../../../auth/conditions';
import type { Principal } from '../../../../auth/principal';
import { Role } from '../../../../auth/roles';
import { groupBy } from '../../../../common/loaders';
import { anyOf, entityFinder, NOTHING, TRUE, type Finder, type SqlFragment } from '../../../../db/finder';
import { pgArray } from '../../../../db/sql';
import { IntegrityOpinion, OpinionState } from './opinion.entity';

/**
 * Opinion requests: the requesting organization department its own (token `org`), discipline
 * inspection those on persons of its jurisdiction (conditions.answersOpinion: its queue to
 * answer). Nobody else: a request says a person is a candidate for a cadre decision. The answer
 * reaches the other readers of the person's file through IntegrityArchive.integrityOpinions.
 * @rowRule
 */
export function opinionVisibility(viewer: Principal, selfKey: string | undefined): SqlFragment {
  const parts = [conditionSql(CONDITIONS.answersOpinion, viewer, undefined, { region: 't.person_region' })];
  if (viewer.role === Role.ORG_DEPT) parts.push(selfKey ? { sql: 't.requester_key = ?', params: [selfKey] } : NOTHING);
  return anyOf(...parts);
}

/**
 * The ANSWERED opinions on each person, newest first, in one statement. Not narrowed here: what
 * a file reader is told of them is decided by opinion.archive.ts (the file's readers, the text
 * and UNDER_INVESTIGATION only to mayReadOpinionText and the requester).
 * @rowRule
 */
export function answeredOpinionsLoader(em: EntityManager): DataLoader<string, IntegrityOpinion[]> {
  const all = entityFinder(em, IntegrityOpinion, 'records.integrity_opinion', TRUE);
  return new DataLoader(async (keys) => {
    const rows = await all.query(
      { sql: 't.person_key = ANY(?::text[]) AND t.state = ?', params: [pgArray(keys), OpinionState.ANSWERED] },
      'ORDER BY t.id DESC',
    );
    return groupBy(keys, rows, (row) => row.personKey);
  });
}

export function opinionFinder(em: EntityManager, viewer: Principal, selfKey: string | undefined) {
  return entityFinder(
    em,
    IntegrityOpinion,
    'records.integrity_opinion',
    opinionVisibility(viewer, selfKey),
  ) as Finder<IntegrityOpinion>;
}
