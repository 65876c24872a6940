/// <reference lib="dom" />
/**
 * The page's GraphQL operations. Names are stable: they appear in the hub's metrics, and
 * tests/trust/dashboard-queries.test.ts runs every document here as each role.
 */
import { graphql } from './api.mjs';

export type SubjectKind = 'GOVERNMENT' | 'DEPARTMENT';

export interface SubjectRef {
  code: string;
  name: string;
  regionCode: string;
}

export interface RankingEntry {
  rank: number;
  score: number;
  previousRank: number | null;
  previousScore: number | null;
  subject: SubjectRef;
}

export interface Ranking {
  period: string;
  kind: SubjectKind;
  regionPrefix: string;
  published: boolean;
  publishedAt: string | null;
  indicatorVersion: string;
  entries: RankingEntry[];
}

export interface EarlyWarning {
  id: string;
  kind: string;
  rule: string;
  state: string;
  message: string;
  raisedAt: string;
  regionCode: string;
  subject: SubjectRef;
  records: { id: string }[];
}

export interface CaseLedgerRow {
  division: string;
  month: string;
  stock: number;
  newCases: number;
  cleared: number;
}

export async function periods(token: string): Promise<string[]> {
  const data = await graphql<{ evaluationPeriods: string[] }>(
    token,
    `
      query DashboardPeriods($last: Int) {
        evaluationPeriods(last: $last)
      }
    `,
    { last: 8 },
  );
  return data.evaluationPeriods;
}

export async function ranking(
  token: string,
  period: string,
  kind: SubjectKind,
  regionPrefix: string,
): Promise<Ranking> {
  const data = await graphql<{ ranking: Ranking }>(
    token,
    `
      query DashboardRanking($period: String!, $kind: SubjectKind!, $regionPrefix: String!) {
        ranking(period: $period, kind: $kind, regionPrefix: $regionPrefix) {
          period
          kind
          regionPrefix
          published
          publishedAt
          indicatorVersion
          entries {
            rank
            score
            previousRank
            previousScore
            subject {
              code
              name
              regionCode
            }
          }
        }
      }
    `,
    { period, kind, regionPrefix },
  );
  return data.ranking;
}

/** Scores only, for the chart: one request per quarter. */
export async function scores(
  token: string,
  period: string,
  kind: SubjectKind,
  regionPrefix: string,
): Promise<RankingEntry[]> {
  const data = await graphql<{ ranking: { entries: RankingEntry[] } }>(
    token,
    `
      query DashboardScoreHistory($period: String!, $kind: SubjectKind!, $regionPrefix: String!) {
        ranking(period: $period, kind: $kind, regionPrefix: $regionPrefix) {
          entries {
            rank
            score
            previousRank
            previousScore
            subject {
              code
              name
              regionCode
            }
          }
        }
      }
    `,
    { period, kind, regionPrefix },
  );
  return data.ranking.entries;
}

export async function openWarnings(token: string, regionPrefix: string): Promise<EarlyWarning[]> {
  const data = await graphql<{ warnings: EarlyWarning[] }>(
    token,
    `
      query DashboardWarnings($filter: WarningFilter) {
        warnings(filter: $filter) {
          id
          kind
          rule
          state
          message
          raisedAt
          regionCode
          subject {
            code
            name
            regionCode
          }
          records {
            id
          }
        }
      }
    `,
    { filter: { states: ['OPEN'], regionPrefix } },
  );
  return data.warnings;
}

export async function caseLedger(
  token: string,
  regionPrefix: string,
  fromMonth: string,
  toMonth: string,
): Promise<CaseLedgerRow[]> {
  const data = await graphql<{ caseLedger: CaseLedgerRow[] }>(
    token,
    `
      query DashboardCaseLedger($regionPrefix: String!, $fromMonth: String!, $toMonth: String!) {
        caseLedger(regionPrefix: $regionPrefix, fromMonth: $fromMonth, toMonth: $toMonth) {
          division
          month
          stock
          newCases
          cleared
        }
      }
    `,
    { regionPrefix, fromMonth, toMonth },
  );
  return data.caseLedger;
}

interface GovernmentPage {
  searchSubjects: {
    edges: { node: { name: string; regionCode: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** Enough pages for every government of a province (200 a page). */
const GOVERNMENT_PAGES = 10;

/**
 * Division code → name of its government, for the ledger's divisions. Organizations are
 * public subjects, so every role that may read the ledger may read their names.
 */
export async function governmentNames(token: string, regionPrefix: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  let after: string | null = null;
  for (let page = 0; page < GOVERNMENT_PAGES; page += 1) {
    const data: GovernmentPage = await graphql<GovernmentPage>(
      token,
      `
        query DashboardGovernments($filter: SubjectFilter, $first: Int, $after: String) {
          searchSubjects(filter: $filter, first: $first, after: $after) {
            edges {
              node {
                name
                regionCode
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      `,
      { filter: { kinds: ['GOVERNMENT'], regionPrefix }, first: 200, after },
    );
    for (const { node } of data.searchSubjects.edges)
      if (!names.has(node.regionCode)) names.set(node.regionCode, node.name);
    if (!data.searchSubjects.pageInfo.hasNextPage) break;
    after = data.searchSubjects.pageInfo.endCursor;
  }
  return names;
}
