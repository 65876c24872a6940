/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The interception-supervision panel (自动监督): per platform and month the checks, BLOCK decisions, exclusions,
 * admissions despite BLOCK and checks never reported back, then the admissions with their reasons.
 */
import { currentState, panelError, setPanel, type State } from './board.mjs';
import { h, scrollable, table } from './dom.mjs';
import { text } from './i18n.mjs';
import { periodMonths } from './ledger.mjs';
import { interceptionLedger, type InterceptionLedgerRow } from './operations-interceptions.mjs';

const PANEL = 'interceptions-panel';

function countsTable(rows: InterceptionLedgerRow[]): HTMLElement {
  const counts = (r: InterceptionLedgerRow) => [
    r.checks,
    r.blocked,
    r.excluded,
    r.admittedDespiteBlock,
    r.unreported,
    r.unreportedBlocks,
  ];
  return scrollable(
    table(
      text().interceptionColumns,
      rows.map((r) => [r.platform, r.month, ...counts(r).map(String)]),
      [2, 3, 4, 5, 6, 7],
    ),
  );
}

function overridesTable(rows: InterceptionLedgerRow[]): HTMLElement[] {
  const t = text();
  const overrides = rows.flatMap((r) => r.overrides.map((o) => ({ platform: r.platform, ...o })));
  if (overrides.length === 0) return [];
  return [
    h('h3', {}, t.overridesTitle),
    scrollable(
      table(
        t.overrideColumns,
        overrides.map((o) => [
          o.platform,
          o.projectNo,
          o.lot ?? '—',
          o.subjectCode ?? t.personWithheld,
          o.ruleId ?? '—',
          o.action,
          o.reason ?? t.noReason,
        ]),
        [],
      ),
    ),
  ];
}

export async function renderInterceptions(s: State): Promise<void> {
  const t = text();
  const months = periodMonths(s.period);
  if (!months) {
    setPanel(PANEL, 'empty', t.notStarted(s.period));
    return;
  }
  setPanel(PANEL, 'loading', t.loadingInterceptions(months.from, months.to));
  try {
    const rows = await interceptionLedger(s.session.token, s.regionPrefix, months.from, months.to);
    if (currentState() !== s) return;
    if (rows.length === 0) {
      setPanel(PANEL, 'empty', t.noInterceptions(months.from, months.to));
      return;
    }
    setPanel(PANEL, 'ready').replaceChildren(
      h('p', { class: 'meta' }, t.interceptionsMeta(months.from, months.to)),
      countsTable(rows),
      ...overridesTable(rows),
    );
  } catch (error) {
    if (currentState() === s) panelError(PANEL, error);
  }
}
