import type { Capability } from '../capability';
import { EarlyWarningResolver, IndicatorScoreResolver, MonitoringResolver } from './monitoring.resolver';
import { RankingEntryRow, RankingPublication } from './ranking.entity';
import { EarlyWarning } from './warning.entity';

/** Monitoring, evaluation and early warning (docs/monitoring.md). */
export const monitoring: Capability = {
  name: 'monitoring',
  entities: [RankingPublication, RankingEntryRow, EarlyWarning],
  resolvers: [MonitoringResolver, IndicatorScoreResolver, EarlyWarningResolver],
};
