import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupBy } from '../../../common/loaders';
import { rowMapper } from '../../../db/row-mapper';
import { pgArray } from '../../../db/sql';
import { WorkflowEvent } from './workflow-event.entity';

/**
 * Events of many workflow objects in one statement, keyed `TYPE:id`, oldest first. The
 * caller has already established that the objects are visible: events add nothing an
 * object's reader may not know.
 */
export function eventLoader(em: EntityManager): DataLoader<string, WorkflowEvent[]> {
  return new DataLoader(async (keys) => {
    const rows = await em.execute(
      `SELECT e.* FROM records.workflow_event e
       WHERE (e.object_type, e.object_id) IN (SELECT split_part(k, ':', 1), split_part(k, ':', 2)::bigint FROM unnest(?::text[]) k)
       ORDER BY e.id`,
      [pgArray(keys)],
    );
    const events = rows.map(rowMapper(em, WorkflowEvent));
    return groupBy(keys, events, (e: WorkflowEvent) => `${e.objectType}:${e.objectId}`);
  });
}
