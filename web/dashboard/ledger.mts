/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** The case-ledger panel: per division over the period, cases open at its start, filed, cleared, open at its end. */
import { currentState, panelError, setPanel, type State } from './board.mjs';
import { h, scrollable, table } from './dom.mjs';
import { text } from './i18n.mjs';
import { caseLedger, governmentNames, type CaseLedgerRow } from './operations.mjs';

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

interface LedgerLine {
  division: string;
  opening: number;
  filed: number;
  cleared: number;
  closing: number;
}

/** Per division over the months: stock before the first month, filed, cleared, stock after the last. */
export function ledgerLines(rows: CaseLedgerRow[]): LedgerLine[] {
  const byDivision = new Map<string, CaseLedgerRow[]>();
  for (const row of rows) byDivision.set(row.division, [...(byDivision.get(row.division) ?? []), row]);
  return [...byDivision]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([division, months]) => {
      months.sort((a, b) => a.month.localeCompare(b.month));
      const first = months[0];
      return {
        division,
        opening: first.stock - first.newCases + first.cleared,
        filed: months.reduce((n, m) => n + m.newCases, 0),
        cleared: months.reduce((n, m) => n + m.cleared, 0),
        closing: months[months.length - 1].stock,
      };
    });
}

function ledgerTable(lines: LedgerLine[], names: Map<string, string>): HTMLElement {
  const t = text();
  const counts = (l: Omit<LedgerLine, 'division'>) => [l.opening, l.filed, l.cleared, l.closing];
  const ledger = table(
    t.ledgerColumns,
    lines.map((l) => [
      h(
        'span',
        { 'data-division': l.division },
        names.has(l.division) ? `${names.get(l.division)} (${l.division})` : l.division,
      ),
      ...counts(l).map(String),
    ]),
    [1, 2, 3, 4],
  );
  const zero = { opening: 0, filed: 0, cleared: 0, closing: 0 };
  const total = lines.reduce(
    (sum, l) => ({
      opening: sum.opening + l.opening,
      filed: sum.filed + l.filed,
      cleared: sum.cleared + l.cleared,
      closing: sum.closing + l.closing,
    }),
    zero,
  );
  const totals = counts(total).map((n) => h('td', { class: 'num' }, String(n)));
  ledger.append(h('tfoot', {}, h('tr', {}, h('th', {}, t.ledgerTotal), ...totals)));
  return scrollable(ledger);
}

export async function renderLedger(s: State): Promise<void> {
  const t = text();
  const months = periodMonths(s.period);
  if (!months) {
    setPanel('ledger-panel', 'empty', t.notStarted(s.period));
    return;
  }
  setPanel('ledger-panel', 'loading', t.loadingLedger(months.from, months.to));
  try {
    const [rows, names] = await Promise.all([
      caseLedger(s.session.token, s.regionPrefix, months.from, months.to),
      // Names are a courtesy: without them the ledger still shows the division codes.
      governmentNames(s.session.token, s.regionPrefix).catch(() => new Map<string, string>()),
    ]);
    if (currentState() !== s) return;
    if (rows.length === 0) {
      setPanel('ledger-panel', 'empty', t.noCases(months.from, months.to));
      return;
    }
    setPanel('ledger-panel', 'ready').replaceChildren(
      h('p', { class: 'meta' }, t.ledgerMeta(months.from, months.to)),
      ledgerTable(ledgerLines(rows), names),
    );
  } catch (error) {
    if (currentState() === s) panelError('ledger-panel', error);
  }
}
