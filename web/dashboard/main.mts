/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import * as api from './api.mjs';
import { lineChart, type Series } from './chart.mjs';

/** How many quarters the score chart covers, ending with the selected one. */
const CHART_QUARTERS = 6;
const KINDS: { kind: api.SubjectKind; label: string }[] = [
  { kind: 'GOVERNMENT', label: 'County and district governments' },
  { kind: 'DEPARTMENT', label: 'Departments' },
];
const WARNING_KINDS: Record<string, string> = {
  SERIOUS_FINDING: 'Serious finding',
  COMMITMENT_OVERDUE: 'Commitment overdue',
  REPEATED_FINDINGS: 'Repeated findings',
  ENFORCEMENT_DEFAULT_UNRESOLVED: 'Enforcement default unresolved',
  DEBT_RISK: 'Debt risk',
};

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`page element #${id} is missing`);
  return node as T;
};

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

function table(headers: string[], rows: (Node | string)[][], numeric: number[] = []): HTMLTableElement {
  const cell = (tag: 'th' | 'td', content: Node | string, i: number) =>
    h(tag, numeric.includes(i) ? { class: 'num' } : {}, content);
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ...headers.map((header, i) => cell('th', header, i)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((content, i) => cell('td', content, i))))),
  );
}

const score = (value: number) => value.toFixed(1);
const dateTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });

/** The current month where the hub's authorities are (dates in the hub are Asia/Shanghai dates). */
function currentMonth(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(now)
    .slice(0, 7);
}

/**
 * Months of an evaluation period (2026Q3 → 2026-07 … 2026-09; 2026-07; 2026 → its twelve
 * months), never past the current month; null for a period that has not started.
 */
export function periodMonths(period: string, now = new Date()): { from: string; to: string } | null {
  const quarter = /^(\d{4})Q([1-4])$/.exec(period);
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  const year = /^(\d{4})$/.exec(period);
  const [y, first, count] = quarter
    ? [quarter[1], (Number(quarter[2]) - 1) * 3 + 1, 3]
    : month
      ? [month[1], Number(month[2]), 1]
      : year
        ? [year[1], 1, 12]
        : ['', 0, 0];
  if (!count) return null;
  const at = (m: number) => `${y}-${String(m).padStart(2, '0')}`;
  const current = currentMonth(now);
  const from = at(first);
  if (from > current) return null;
  const to = at(first + count - 1);
  return { from, to: to > current ? current : to };
}

function trend(entry: api.RankingEntry): HTMLElement {
  if (entry.previousRank === null)
    return h(
      'span',
      { class: 'trend new', 'data-trend': 'new', title: 'Not ranked in the previous period' },
      '•',
      h('span', { class: 'sr' }, ' new'),
    );
  const moved = entry.previousRank - entry.rank;
  if (moved === 0)
    return h(
      'span',
      { class: 'trend same', 'data-trend': 'same', title: `Unchanged (rank ${entry.previousRank})` },
      '▶',
      h('span', { class: 'sr' }, ' unchanged'),
    );
  const up = moved > 0;
  return h(
    'span',
    {
      class: `trend ${up ? 'up' : 'down'}`,
      'data-trend': up ? 'up' : 'down',
      title: `${up ? 'Up' : 'Down'} ${Math.abs(moved)} (was ${entry.previousRank})`,
    },
    `${up ? '▲' : '▼'} ${Math.abs(moved)}`,
  );
}

interface State {
  session: api.Session;
  periods: string[];
  period: string;
  regionPrefix: string;
  kind: api.SubjectKind;
  /** Division code → name of its government, from the government ranking. */
  divisions: Map<string, string>;
}

let state: State | null = null;
/** The evaluation periods the hub offers, newest first (kept across region changes). */
let knownPeriods: string[] = [];

function setPanel(id: string, status: 'loading' | 'ready' | 'error' | 'empty', message = ''): HTMLElement {
  const panel = $(id);
  panel.dataset.state = status;
  const body = panel.querySelector<HTMLElement>('.panel-body')!;
  if (status !== 'ready') body.replaceChildren(h('p', { class: `status ${status}` }, message));
  return body;
}

/** A refused or failed panel says why; an ended session goes back to the login. */
function panelError(id: string, error: unknown): void {
  if (error instanceof api.ApiError && error.code === 'UNAUTHENTICATED') {
    signOut('Your token was refused or has expired: sign in again.');
    return;
  }
  setPanel(id, 'error', refusal(error));
}

/** Why a request was refused, in words for the panel. */
function refusal(error: unknown): string {
  return error instanceof api.ApiError && error.code === 'FORBIDDEN'
    ? `Your role may not read this (${error.message}).`
    : `Could not load: ${(error as Error).message}${error instanceof api.ApiError ? ` (${error.code})` : ''}`;
}

/** The first refusal that ends the session, if any: it takes precedence over partial results. */
function sessionEnded(results: PromiseSettledResult<unknown>[]): unknown {
  return results.find(
    (r): r is PromiseRejectedResult =>
      r.status === 'rejected' && r.reason instanceof api.ApiError && r.reason.code === 'UNAUTHENTICATED',
  )?.reason;
}

type Settled = PromiseSettledResult<api.Ranking>[];

/**
 * One table per kind; a kind the viewer may not read (an unpublished ranking, for a role
 * that is no evaluator) says so in place of its table.
 */
async function renderRankings(s: State, loading: Promise<Settled>): Promise<void> {
  setPanel('ranking-panel', 'loading', `Loading the ${s.period} ranking…`);
  const results = await loading;
  if (state !== s) return; // a newer refresh (or a sign-out) owns the page now
  const fulfilled = results
    .filter((r): r is PromiseFulfilledResult<api.Ranking> => r.status === 'fulfilled')
    .map((r) => r.value);
  if (sessionEnded(results) || fulfilled.length === 0) {
    panelError('ranking-panel', sessionEnded(results) ?? (results[0] as PromiseRejectedResult).reason);
    return;
  }
  for (const entry of fulfilled.find((r) => r.kind === 'GOVERNMENT')?.entries ?? [])
    s.divisions.set(entry.subject.regionCode, entry.subject.name);
  const body = setPanel('ranking-panel', 'ready');
  body.replaceChildren(
    ...results.map((result, i) => {
      const { kind, label } = KINDS[i];
      const block = (...content: (Node | string)[]) =>
        h(
          'div',
          { class: `ranking${kind === s.kind ? '' : ' inactive'}`, 'data-kind': kind },
          h('h3', {}, `${label} — ${s.period}`),
          ...content,
        );
      if (result.status === 'rejected') return block(h('p', { class: 'status error' }, refusal(result.reason)));
      const ranking = result.value;
      const status = ranking.published
        ? `Published ${ranking.publishedAt ? dateTime(ranking.publishedAt) : ''} (frozen)`
        : 'Provisional: computed from the current records, not yet published';
      const rows = ranking.entries.map((entry) => [
        String(entry.rank),
        trend(entry),
        entry.subject.name,
        entry.subject.regionCode,
        score(entry.score),
        entry.previousScore === null
          ? '–'
          : `${entry.score - entry.previousScore >= 0 ? '+' : ''}${score(entry.score - entry.previousScore)}`,
      ]);
      return block(
        h(
          'p',
          { class: 'meta' },
          `${status} · indicators ${ranking.indicatorVersion} · ${ranking.entries.length} ranked`,
        ),
        ranking.entries.length
          ? table(['Rank', 'Trend', 'Subject', 'Division', 'Score', 'Change'], rows, [0, 4, 5])
          : h('p', { class: 'status empty' }, 'Nothing ranked for this period and region.'),
      );
    }),
  );
  $('report-status').textContent = results
    .map(
      (r, i) =>
        `${KINDS[i].kind}: ${r.status === 'fulfilled' ? (r.value.published ? 'published' : 'provisional') : 'not available'}`,
    )
    .join(' · ');
}

/**
 * The selected period's government scores come from the ranking panel's request; earlier
 * ones are fetched. A quarter the viewer may not read is left out (a gap), and named.
 */
async function renderChart(s: State, selected: Promise<Settled>): Promise<void> {
  const start = Math.max(0, s.periods.indexOf(s.period));
  const quarters = s.periods.slice(start, start + CHART_QUARTERS).reverse();
  setPanel('chart-panel', 'loading', `Loading scores for ${quarters.join(', ')}…`);
  const governments = KINDS.findIndex((k) => k.kind === 'GOVERNMENT');
  const results = await Promise.allSettled(
    quarters.map(async (period) => {
      if (period !== s.period) return api.scores(s.session.token, period, 'GOVERNMENT', s.regionPrefix);
      const result = (await selected)[governments];
      if (result.status === 'rejected') throw result.reason;
      return result.value.entries;
    }),
  );
  if (state !== s) return;
  const missing = results.flatMap((r, q) => (r.status === 'rejected' ? [`${quarters[q]}: ${refusal(r.reason)}`] : []));
  if (sessionEnded(results) || missing.length === quarters.length) {
    panelError('chart-panel', sessionEnded(results) ?? (results[0] as PromiseRejectedResult).reason);
    return;
  }
  const series = new Map<string, Series & { last: number }>();
  results.forEach((result, q) => {
    if (result.status === 'rejected') return;
    for (const entry of result.value) {
      let line = series.get(entry.subject.code);
      if (!line) {
        line = {
          key: entry.subject.code,
          label: entry.subject.name,
          values: quarters.map(() => null),
          last: -Infinity,
        };
        series.set(entry.subject.code, line);
      }
      line.values[q] = entry.score;
      line.last = entry.score;
    }
  });
  if (series.size === 0) {
    setPanel('chart-panel', 'empty', 'No government scores for these quarters.');
    return;
  }
  const body = setPanel('chart-panel', 'ready');
  const svg = lineChart({
    title: `Evaluation score per county/district government, ${quarters[0]}–${quarters[quarters.length - 1]}`,
    categories: quarters,
    series: [...series.values()].sort((a, b) => b.last - a.last),
    xLabel: 'Quarter (evaluation period)',
    yLabel: 'Score',
  });
  body.replaceChildren(
    h(
      'figure',
      {},
      svg,
      h(
        'figcaption',
        {},
        `Scores of the ${series.size} governments ranked under ${s.regionPrefix}, oldest quarter on the left; legend ordered by the latest score.`,
      ),
    ),
    ...(missing.length ? [h('p', { class: 'status missing' }, `Not shown: ${missing.join('; ')}`)] : []),
  );
}

async function renderWarnings(s: State): Promise<void> {
  setPanel('warnings-panel', 'loading', 'Loading open warnings…');
  try {
    const warnings = await api.openWarnings(s.session.token, s.regionPrefix);
    if (state !== s) return;
    if (warnings.length === 0) {
      setPanel('warnings-panel', 'empty', 'No open warnings in this region.');
      return;
    }
    const counts = new Map<string, number>();
    for (const w of warnings) counts.set(w.kind, (counts.get(w.kind) ?? 0) + 1);
    const body = setPanel('warnings-panel', 'ready');
    body.replaceChildren(
      h(
        'ul',
        { class: 'counts' },
        ...[...counts].map(([kind, n]) =>
          h('li', { class: `kind kind-${kind}` }, `${WARNING_KINDS[kind] ?? kind}: ${n}`),
        ),
      ),
      table(
        ['Raised', 'Kind', 'Subject', 'Division', 'Message', 'Rule', 'Records'],
        warnings.map((w) => [
          dateTime(w.raisedAt),
          h('span', { class: `kind kind-${w.kind}`, 'data-kind': w.kind }, WARNING_KINDS[w.kind] ?? w.kind),
          w.subject.name,
          w.regionCode,
          w.message,
          h('code', {}, w.rule),
          String(w.records.length),
        ]),
        [6],
      ),
    );
  } catch (error) {
    if (state === s) panelError('warnings-panel', error);
  }
}

async function renderLedger(s: State, divisionsKnown: Promise<unknown>): Promise<void> {
  const months = periodMonths(s.period);
  if (!months) {
    setPanel('ledger-panel', 'empty', `${s.period} has not started yet.`);
    return;
  }
  setPanel('ledger-panel', 'loading', `Loading the case ledger ${months.from} – ${months.to}…`);
  try {
    const [rows] = await Promise.all([
      api.caseLedger(s.session.token, s.regionPrefix, months.from, months.to),
      divisionsKnown,
    ]);
    if (state !== s) return;
    if (rows.length === 0) {
      setPanel('ledger-panel', 'empty', `No government cases in ${months.from} – ${months.to}.`);
      return;
    }
    // Per division over the quarter: stock before its first month, filed, cleared, stock after its last.
    const byDivision = new Map<string, api.CaseLedgerRow[]>();
    for (const row of rows) byDivision.set(row.division, [...(byDivision.get(row.division) ?? []), row]);
    const lines = [...byDivision]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([division, months]) => {
        months.sort((a, b) => a.month.localeCompare(b.month));
        const first = months[0];
        const filed = months.reduce((n, m) => n + m.newCases, 0);
        const cleared = months.reduce((n, m) => n + m.cleared, 0);
        return {
          division,
          opening: first.stock - first.newCases + first.cleared,
          filed,
          cleared,
          closing: months[months.length - 1].stock,
        };
      });
    const total = lines.reduce(
      (t, l) => ({
        opening: t.opening + l.opening,
        filed: t.filed + l.filed,
        cleared: t.cleared + l.cleared,
        closing: t.closing + l.closing,
      }),
      { opening: 0, filed: 0, cleared: 0, closing: 0 },
    );
    const body = setPanel('ledger-panel', 'ready');
    const ledger = table(
      ['Division', 'Open at start', 'Filed (增量)', 'Cleared (清理)', 'Open at end (存量)'],
      lines.map((l) => [
        s.divisions.has(l.division) ? `${s.divisions.get(l.division)} (${l.division})` : l.division,
        String(l.opening),
        String(l.filed),
        String(l.cleared),
        String(l.closing),
      ]),
      [1, 2, 3, 4],
    );
    ledger.append(
      h(
        'tfoot',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Total'),
          ...[total.opening, total.filed, total.cleared, total.closing].map((n) =>
            h('td', { class: 'num' }, String(n)),
          ),
        ),
      ),
    );
    body.replaceChildren(
      h(
        'p',
        { class: 'meta' },
        `Pending litigation and enforcement defaults of government bodies, ${months.from} – ${months.to}.`,
      ),
      ledger,
    );
  } catch (error) {
    if (state === s) panelError('ledger-panel', error);
  }
}

async function refresh(): Promise<void> {
  const s = state;
  if (!s) return;
  const board = $('board');
  board.dataset.state = 'loading';
  $('report-period').textContent = s.period;
  $('report-region').textContent = s.regionPrefix;
  $('report-viewer').textContent = s.session.viewer.label;
  $('report-date').textContent = `${dateTime(new Date().toISOString())} (Beijing time)`;
  s.divisions = new Map();
  const selected = Promise.allSettled(
    KINDS.map(({ kind }) => api.ranking(s.session.token, s.period, kind, s.regionPrefix)),
  );
  const rankings = renderRankings(s, selected);
  await Promise.all([rankings, renderChart(s, selected), renderWarnings(s), renderLedger(s, rankings)]);
  if (state === s) board.dataset.state = 'ready';
}

function selectKind(kind: api.SubjectKind): void {
  if (!state) return;
  state.kind = kind;
  for (const tab of document.querySelectorAll<HTMLButtonElement>('#kind-tabs button'))
    tab.setAttribute('aria-selected', String(tab.dataset.kind === kind));
  for (const ranking of document.querySelectorAll<HTMLElement>('.ranking'))
    ranking.classList.toggle('inactive', ranking.dataset.kind !== kind);
}

function setReportMode(on: boolean): void {
  document.body.classList.toggle('report', on);
  $('report-toggle').textContent = on ? 'Back to the dashboard' : 'Quarterly report';
  if (on !== (location.hash === '#report')) history.replaceState(null, '', on ? '#report' : location.pathname);
}

async function showBoard(session: api.Session): Promise<void> {
  $('login').hidden = true;
  $('board').hidden = false;
  $('viewer').textContent = session.viewer.label;
  $('sign-out').hidden = false;
  const region = $<HTMLInputElement>('region');
  region.value = session.viewer.regionPrefix;
  const select = $<HTMLSelectElement>('period');
  let periods: string[];
  try {
    periods = knownPeriods = await api.periods(session.token);
  } catch (error) {
    if (error instanceof api.ApiError && error.code === 'UNAUTHENTICATED')
      return signOut('Your token was refused or has expired: sign in again.');
    $('board').dataset.state = 'error';
    $('controls-status').textContent = `Evaluation periods unavailable: ${(error as Error).message}`;
    return;
  }
  select.replaceChildren(...periods.map((p) => h('option', { value: p }, p)));
  if (!/^\d{2,6}$/.test(region.value)) {
    $('controls-status').textContent =
      'Your token has national scope: enter a division prefix (2, 4 or 6 digits) to monitor.';
    region.focus();
    return;
  }
  state = {
    session,
    periods,
    period: periods[0],
    regionPrefix: region.value,
    kind: 'GOVERNMENT',
    divisions: new Map(),
  };
  selectKind('GOVERNMENT');
  await refresh();
}

function signOut(message = ''): void {
  api.clearSession();
  state = null;
  $('board').hidden = true;
  $('sign-out').hidden = true;
  $('viewer').textContent = '';
  void showLogin(message);
}

async function showLogin(message = ''): Promise<void> {
  $('login').hidden = false;
  $('login-status').textContent = message;
  const picker = $('dev-picker');
  let viewers: api.DevViewer[] | null = null;
  try {
    viewers = await api.devViewers();
  } catch (error) {
    $('login-status').textContent = (error as Error).message;
  }
  picker.hidden = viewers === null;
  if (!viewers) return;
  $('dev-viewers').replaceChildren(
    ...viewers.map((viewer) => {
      const button = h('button', { type: 'button', 'data-viewer': viewer.id, 'data-role': viewer.role }, viewer.label);
      button.addEventListener('click', async () => {
        try {
          const session = await api.devToken(viewer.id);
          api.saveSession(session);
          await showBoard(session);
        } catch (error) {
          $('login-status').textContent = (error as Error).message;
        }
      });
      return h('li', {}, button);
    }),
  );
}

function wire(): void {
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $<HTMLTextAreaElement>('token').value.trim();
    try {
      const session = { token, viewer: api.viewerFromToken(token) };
      api.saveSession(session);
      void showBoard(session);
    } catch (error) {
      $('login-status').textContent = `Not a usable token: ${(error as Error).message}`;
    }
  });
  $('sign-out').addEventListener('click', () => signOut());
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    const region = $<HTMLInputElement>('region').value.trim();
    if (!/^\d{2,6}$/.test(region)) {
      $('controls-status').textContent = 'The region is a division-code prefix of 2, 4 or 6 digits.';
      return;
    }
    $('controls-status').textContent = '';
    const session = api.loadSession();
    if (!session) return signOut();
    const period = $<HTMLSelectElement>('period').value;
    state = {
      session,
      periods: knownPeriods,
      period,
      regionPrefix: region,
      kind: state?.kind ?? 'GOVERNMENT',
      divisions: new Map(),
    };
    void refresh();
  });
  $('period').addEventListener('change', () => $<HTMLFormElement>('controls').requestSubmit());
  for (const tab of document.querySelectorAll<HTMLButtonElement>('#kind-tabs button')) {
    tab.addEventListener('click', () => selectKind(tab.dataset.kind as api.SubjectKind));
  }
  $('report-toggle').addEventListener('click', () => setReportMode(!document.body.classList.contains('report')));
  $('print').addEventListener('click', () => {
    setReportMode(true);
    window.print();
  });
  window.addEventListener('hashchange', () => setReportMode(location.hash === '#report'));
}

wire();
setReportMode(location.hash === '#report');
const session = api.loadSession();
if (session) void showBoard(session);
else void showLogin();
