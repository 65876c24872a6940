/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** The open-warnings panel: counts per kind, then one row per warning. */
import { currentState, dateTime, panelError, setPanel, type State } from './board.mjs';
import { h, scrollable, table } from './dom.mjs';
import { text } from './i18n.mjs';
import { openWarnings, type EarlyWarning } from './operations.mjs';

function warningTable(warnings: EarlyWarning[]): HTMLElement {
  const t = text();
  const kindName = (kind: string) => t.warningKinds[kind] ?? kind;
  return scrollable(
    table(
      t.warningColumns,
      warnings.map((w) => [
        dateTime(w.raisedAt),
        h('span', { class: `kind kind-${w.kind}`, 'data-kind': w.kind }, kindName(w.kind)),
        w.subject.name,
        w.regionCode,
        w.message,
        h('code', {}, w.rule),
        String(w.records.length),
      ]),
      [6],
    ),
  );
}

export async function renderWarnings(s: State): Promise<void> {
  const t = text();
  setPanel('warnings-panel', 'loading', t.loadingWarnings);
  try {
    const warnings = await openWarnings(s.session.token, s.regionPrefix);
    if (currentState() !== s) return;
    if (warnings.length === 0) {
      setPanel('warnings-panel', 'empty', t.noWarnings);
      return;
    }
    const counts = new Map<string, number>();
    for (const w of warnings) counts.set(w.kind, (counts.get(w.kind) ?? 0) + 1);
    setPanel('warnings-panel', 'ready').replaceChildren(
      h(
        'ul',
        { class: 'counts' },
        ...[...counts].map(([kind, n]) =>
          h('li', { class: `kind kind-${kind}` }, `${t.warningKinds[kind] ?? kind}: ${n}`),
        ),
      ),
      warningTable(warnings),
    );
  } catch (error) {
    if (currentState() === s) panelError('warnings-panel', error);
  }
}
