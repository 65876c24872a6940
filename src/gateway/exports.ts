import type { HubServices } from '../services';
import { exportPenalties } from '../subgraphs/records/disclosure/export';
import type { AuthenticatedRoute } from './http';

/**
 * File exports the in-process hub serves beside /graphql (they read the database directly,
 * so a remote gateway has none). GET /export/sgs.csv[?mine=true][&header=zh]: the
 * administrative penalties the caller may see, as 双公示 CSV, streamed.
 */
export function exportRoutes(services: HubServices): Record<string, AuthenticatedRoute> {
  return {
    '/export/sgs.csv': async (_req, res, url, viewer) => {
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="sgs-penalties.csv"',
        'cache-control': 'no-store',
      });
      await exportPenalties(services, viewer, res, {
        mine: ['true', '1'].includes(url.searchParams.get('mine') ?? ''),
        header: url.searchParams.get('header') === 'zh' ? 'zh' : 'cf',
      });
    },
  };
}
