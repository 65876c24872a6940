/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The page's client of the hub: the same /graphql endpoint every client system uses, with
 * the viewer's bearer token. Operations are named (Dashboard*) so the hub's metrics and
 * logs tell the page's traffic apart.
 */

const TOKEN_KEY = 'credit-hub.dashboard.token';
const VIEWER_KEY = 'credit-hub.dashboard.viewer';

export interface Viewer {
  label: string;
  role: string;
  regionPrefix: string;
}

export interface Session {
  token: string;
  viewer: Viewer;
}

export function loadSession(): Session | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const viewer = sessionStorage.getItem(VIEWER_KEY);
  if (!token || !viewer) return null;
  try {
    return { token, viewer: JSON.parse(viewer) as Viewer };
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(TOKEN_KEY, session.token);
  sessionStorage.setItem(VIEWER_KEY, JSON.stringify(session.viewer));
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(VIEWER_KEY);
}

/** Division-code prefix of a `region` claim, as the hub reads it (src/identity/division.ts jurisdictionPrefix). */
function jurisdictionPrefix(region: string): string {
  let prefix = region;
  if (prefix.length === 6) while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}

/**
 * What the page shows about a pasted token: its unverified claims, for the label and the
 * default region only. The hub verifies the token on every request.
 */
export function viewerFromToken(token: string): Viewer {
  const part = token.split('.')[1];
  if (!part) throw new Error('this is not a JWT (expected three dot-separated parts)');
  let claims: { role?: unknown; region?: unknown; sub?: unknown };
  try {
    claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    throw new Error('the token payload is not readable JSON');
  }
  const role = typeof claims.role === 'string' ? claims.role : 'UNKNOWN';
  const region = typeof claims.region === 'string' && /^\d{0,6}$/.test(claims.region) ? claims.region : '';
  return {
    label: `${role} · ${typeof claims.sub === 'string' ? claims.sub : 'token'}`,
    role,
    regionPrefix: jurisdictionPrefix(region),
  };
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Runs one named operation; a GraphQL error becomes an ApiError with the hub's error code. */
export async function graphql<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const operationName = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ operationName, query, variables }),
  });
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`the hub answered HTTP ${response.status} without JSON`, 'HTTP_ERROR', response.status);
  }
  if (body.errors?.length) {
    const [first] = body.errors;
    throw new ApiError(first.message, first.extensions?.code ?? 'ERROR', response.status);
  }
  if (!body.data)
    throw new ApiError(`the hub answered HTTP ${response.status} without data`, 'HTTP_ERROR', response.status);
  return body.data;
}

export interface DevViewer extends Viewer {
  id: string;
  organization?: string;
}

/** The demo viewers of the development login, or null when the hub is not in development mode (404). */
export async function devViewers(): Promise<DevViewer[] | null> {
  const response = await fetch('/dashboard/dev/viewers');
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`development login: HTTP ${response.status}`);
  return ((await response.json()) as { viewers: DevViewer[] }).viewers;
}

export async function devToken(id: string): Promise<Session> {
  const response = await fetch('/dashboard/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ viewer: id }),
  });
  const body = (await response.json()) as { token?: string; viewer?: DevViewer; error?: string };
  if (!response.ok || !body.token || !body.viewer)
    throw new Error(body.error ?? `development login: HTTP ${response.status}`);
  const { label, role, regionPrefix } = body.viewer;
  return { token: body.token, viewer: { label, role, regionPrefix } };
}

// ---- Operations (names are stable: they appear in the hub's metrics) ----

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
