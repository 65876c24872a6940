import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { entityFinder, type Finder } from '../../../db/finder';
import { EarlyWarning } from './warning.entity';
import { warningVisibility } from './warning.service';

/** Per-request finders of monitoring (row-level rules: warning.service.ts warningVisibility). */
export interface MonitoringContext {
  warnings: Finder<EarlyWarning>;
}

export function createMonitoringContext(em: EntityManager, viewer: Principal, today: string): MonitoringContext {
  return { warnings: entityFinder(em, EarlyWarning, 'records.early_warning', warningVisibility(viewer, today)) };
}
