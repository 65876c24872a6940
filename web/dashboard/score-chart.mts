/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** The chart panel: government scores over the last quarters, one line per government. */
import { currentState, panelError, refusal, sessionEnded, setPanel, statusLine, type State } from './board.mjs';
import { lineChart, type Series } from './chart.mjs';
import { h } from './dom.mjs';
import { text } from './i18n.mjs';
import { scores, type RankingEntry } from './operations.mjs';
import type { Settled } from './rankings.mjs';

/** How many quarters the score chart covers, ending with the selected one. */
const CHART_QUARTERS = 6;

type Line = Series & { last: number };

/** One line per subject over the quarters; a quarter without its score is a gap (null). */
function linesOf(quarters: string[], results: PromiseSettledResult<RankingEntry[]>[]): Line[] {
  const series = new Map<string, Line>();
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
  return [...series.values()].sort((a, b) => b.last - a.last);
}

/** The selected quarter's scores come from the ranking panel's request; earlier ones are fetched. */
function loadScores(s: State, quarters: string[], selected: Promise<Settled>) {
  const governments = 0; // KINDS[0]
  return Promise.allSettled(
    quarters.map(async (period) => {
      if (period !== s.period) return scores(s.session.token, period, 'GOVERNMENT', s.regionPrefix);
      const result = (await selected)[governments];
      if (result.status === 'rejected') throw result.reason;
      return result.value.entries;
    }),
  );
}

/** A quarter the viewer may not read is left out (a gap), and named. */
export async function renderChart(s: State, selected: Promise<Settled>): Promise<void> {
  const t = text();
  const start = Math.max(0, s.periods.indexOf(s.period));
  const quarters = s.periods.slice(start, start + CHART_QUARTERS).reverse();
  setPanel('chart-panel', 'loading', t.loadingScores(quarters.join(', ')));
  const results = await loadScores(s, quarters, selected);
  if (currentState() !== s) return;
  const missing = results.flatMap((r, q) => (r.status === 'rejected' ? [`${quarters[q]}: ${refusal(r.reason)}`] : []));
  const ended = sessionEnded(results);
  if (ended || missing.length === quarters.length) {
    panelError('chart-panel', ended ?? (results[0] as PromiseRejectedResult).reason);
    return;
  }
  const lines = linesOf(quarters, results);
  if (lines.length === 0) {
    setPanel('chart-panel', 'empty', t.noScores);
    return;
  }
  const svg = lineChart({
    title: t.chartSvgTitle(quarters[0], quarters[quarters.length - 1]),
    categories: quarters,
    series: lines,
    xLabel: t.chartX,
    yLabel: t.chartY,
  });
  setPanel('chart-panel', 'ready').replaceChildren(
    h('figure', {}, svg, h('figcaption', {}, t.chartCaption(lines.length, s.regionPrefix))),
    ...(missing.length ? [statusLine('missing', t.notShown(missing.join('; ')))] : []),
  );
}
