import { EarlyWarningResolver, IndicatorScoreResolver, MonitoringResolver } from './monitoring.resolver';
import { RankingEntryRow, RankingPublication } from './ranking.entity';
import { EarlyWarning } from './warning.entity';

/** Monitoring, evaluation and early warning (docs/monitoring.md): its tables and resolvers. */
export const MONITORING_ENTITIES = [RankingPublication, RankingEntryRow, EarlyWarning];
export const MONITORING_RESOLVERS = [MonitoringResolver, IndicatorScoreResolver, EarlyWarningResolver] as const;
