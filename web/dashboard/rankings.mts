/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** The ranking panel: one table per kind, with the trend against the previous period. */
import {
  currentState,
  dateTime,
  errorCode,
  KINDS,
  panelError,
  refusal,
  score,
  sessionEnded,
  setPanel,
  statusLine,
  type State,
} from './board.mjs';
import { $, h, scrollable, table } from './dom.mjs';
import { text } from './i18n.mjs';
import type { Ranking, RankingEntry } from './operations.mjs';

export type Settled = PromiseSettledResult<Ranking>[];

function trend(entry: RankingEntry): HTMLElement {
  const t = text();
  if (entry.previousRank === null)
    return h(
      'span',
      { class: 'trend new', 'data-trend': 'new', title: t.trendNew },
      '•',
      h('span', { class: 'sr' }, t.trendNewShort),
    );
  const moved = entry.previousRank - entry.rank;
  if (moved === 0)
    return h(
      'span',
      { class: 'trend same', 'data-trend': 'same', title: t.trendSame(entry.previousRank) },
      '▶',
      h('span', { class: 'sr' }, t.trendSameShort),
    );
  const up = moved > 0;
  return h(
    'span',
    {
      class: `trend ${up ? 'up' : 'down'}`,
      'data-trend': up ? 'up' : 'down',
      title: t.trendMoved(up, Math.abs(moved), entry.previousRank),
    },
    `${up ? '▲' : '▼'} ${Math.abs(moved)}`,
  );
}

function change(entry: RankingEntry): string {
  if (entry.previousScore === null) return '–';
  const delta = entry.score - entry.previousScore;
  return `${delta >= 0 ? '+' : ''}${score(delta)}`;
}

/** The table of one ranking, or why it is empty. */
function rankingContent(ranking: Ranking): (Node | string)[] {
  const t = text();
  const status = ranking.published
    ? t.published(ranking.publishedAt ? dateTime(ranking.publishedAt) : '')
    : t.provisional;
  const rows = ranking.entries.map((entry) => [
    String(entry.rank),
    trend(entry),
    entry.subject.name,
    entry.subject.regionCode,
    score(entry.score),
    change(entry),
  ]);
  return [
    h(
      'p',
      { class: 'meta', 'data-published': String(ranking.published) },
      t.rankingMeta(status, ranking.indicatorVersion, ranking.entries.length),
    ),
    ranking.entries.length ? scrollable(table(t.rankingColumns, rows, [0, 4, 5])) : statusLine('empty', t.rankingEmpty),
  ];
}

function reportStatus(results: Settled): string {
  const t = text();
  return results
    .map((r, i) => {
      const status =
        r.status === 'fulfilled' ? (r.value.published ? t.statusPublished : t.statusProvisional) : t.statusUnavailable;
      return `${t.kinds[KINDS[i]]}: ${status}`;
    })
    .join(' · ');
}

/**
 * One table per kind; a kind the viewer may not read (an unpublished ranking, for a role
 * that is no evaluator) says so in place of its table.
 */
export async function renderRankings(s: State, loading: Promise<Settled>): Promise<void> {
  setPanel('ranking-panel', 'loading', text().loadingRanking(s.period));
  const results = await loading;
  if (currentState() !== s) return; // a newer refresh (or a sign-out) owns the page now
  const ended = sessionEnded(results);
  if (ended || results.every((r) => r.status === 'rejected')) {
    panelError('ranking-panel', ended ?? (results[0] as PromiseRejectedResult).reason);
    return;
  }
  const body = setPanel('ranking-panel', 'ready');
  body.replaceChildren(
    ...results.map((result, i) => {
      const kind = KINDS[i];
      return h(
        'div',
        { class: `ranking${kind === s.kind ? '' : ' inactive'}`, 'data-kind': kind },
        h('h3', {}, `${text().kinds[kind]} — ${s.period}`),
        ...(result.status === 'rejected'
          ? [statusLine('error', refusal(result.reason), errorCode(result.reason))]
          : rankingContent(result.value)),
      );
    }),
  );
  $('report-status').textContent = reportStatus(results);
}
