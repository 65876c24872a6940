/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** The monitoring page: login, the board's controls, the language toggle and the report view. */
import * as api from './api.mjs';
import { currentState, dateTime, isSessionEnd, KINDS, onSessionEnded, setState, type State } from './board.mjs';
import { $, h } from './dom.mjs';
import { applyStaticTexts, language, setLanguage, text } from './i18n.mjs';
import { renderLedger } from './ledger.mjs';
import { renderInterceptions } from './interceptions.mjs';
import { periods as loadPeriods, ranking, type SubjectKind } from './operations.mjs';
import { renderRankings } from './rankings.mjs';
import { renderChart } from './score-chart.mjs';
import { renderWarnings } from './warnings.mjs';

/** The evaluation periods the hub offers, newest first (kept across region changes). */
let knownPeriods: string[] = [];

async function refresh(): Promise<void> {
  const s = currentState();
  if (!s) return;
  const board = $('board');
  board.dataset.state = 'loading';
  $('report-period').textContent = s.period;
  $('report-region').textContent = s.regionPrefix;
  $('report-viewer').textContent = api.viewerTitle(s.session.viewer);
  $('report-date').textContent = `${dateTime(new Date().toISOString())}${text().beijingTime}`;
  const selected = Promise.allSettled(KINDS.map((kind) => ranking(s.session.token, s.period, kind, s.regionPrefix)));
  await Promise.all([
    renderRankings(s, selected),
    renderChart(s, selected),
    renderWarnings(s),
    renderLedger(s),
    renderInterceptions(s),
  ]);
  if (currentState() === s) board.dataset.state = 'ready';
}

function selectKind(kind: SubjectKind): void {
  const s = currentState();
  if (!s) return;
  s.kind = kind;
  for (const tab of document.querySelectorAll<HTMLButtonElement>('#kind-tabs button'))
    tab.setAttribute('aria-selected', String(tab.dataset.kind === kind));
  for (const ranking of document.querySelectorAll<HTMLElement>('.ranking'))
    ranking.classList.toggle('inactive', ranking.dataset.kind !== kind);
}

function setReportMode(on: boolean): void {
  document.body.classList.toggle('report', on);
  $('report-toggle').textContent = on ? text().reportClose : text().reportOpen;
  if (on !== (location.hash === '#report')) history.replaceState(null, '', on ? '#report' : location.pathname);
}

function showViewer(session: api.Session | null): void {
  const viewer = $('viewer');
  viewer.textContent = session ? api.viewerTitle(session.viewer) : '';
  if (session) viewer.dataset.role = session.viewer.role;
  else delete viewer.dataset.role;
  $('sign-out').hidden = !session;
}

async function showBoard(session: api.Session): Promise<void> {
  $('login').hidden = true;
  $('board').hidden = false;
  showViewer(session);
  const region = $<HTMLInputElement>('region');
  region.value = session.viewer.regionPrefix;
  let periods: string[];
  try {
    periods = knownPeriods = await loadPeriods(session.token);
  } catch (error) {
    if (isSessionEnd(error)) return signOut(text().sessionEnded);
    $('board').dataset.state = 'error';
    $('controls-status').textContent = text().periodsUnavailable((error as Error).message);
    return;
  }
  $<HTMLSelectElement>('period').replaceChildren(...periods.map((p) => h('option', { value: p }, p)));
  if (!/^\d{2,6}$/.test(region.value)) {
    $('controls-status').textContent = text().nationalScope;
    region.focus();
    return;
  }
  setState({ session, periods, period: periods[0], regionPrefix: region.value, kind: 'GOVERNMENT' });
  selectKind('GOVERNMENT');
  await refresh();
}

function signOut(message = ''): void {
  api.clearSession();
  setState(null);
  $('board').hidden = true;
  showViewer(null);
  void showLogin(message);
}

function devViewerButton(viewer: api.DevViewer): HTMLElement {
  const label = api.viewerTitle({ ...viewer, label: viewer.organization ?? viewer.id });
  const button = h('button', { type: 'button', 'data-viewer': viewer.id, 'data-role': viewer.role }, label);
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
}

async function showLogin(message = ''): Promise<void> {
  $('login').hidden = false;
  const status = $('login-status');
  status.textContent = message;
  status.dataset.reason = message ? 'session-ended' : '';
  let viewers: api.DevViewer[] | null = null;
  try {
    viewers = await api.devViewers();
  } catch (error) {
    status.textContent = (error as Error).message;
  }
  $('dev-picker').hidden = viewers === null;
  if (viewers) $('dev-viewers').replaceChildren(...viewers.map(devViewerButton));
}

function submitToken(event: Event): void {
  event.preventDefault();
  const token = $<HTMLTextAreaElement>('token').value.trim();
  try {
    const session = { token, viewer: api.viewerFromToken(token) };
    api.saveSession(session);
    void showBoard(session);
  } catch (error) {
    $('login-status').textContent = text().unusableToken((error as Error).message);
  }
}

function submitControls(event: Event): void {
  event.preventDefault();
  const region = $<HTMLInputElement>('region').value.trim();
  if (!/^\d{2,6}$/.test(region)) {
    $('controls-status').textContent = text().badRegion;
    return;
  }
  $('controls-status').textContent = '';
  const session = api.loadSession();
  if (!session) return signOut();
  const period = $<HTMLSelectElement>('period').value;
  const kind = currentState()?.kind ?? 'GOVERNMENT';
  const next: State = { session, periods: knownPeriods, period, regionPrefix: region, kind };
  setState(next);
  void refresh();
}

/** Switches the language and redraws what is on screen in it. */
function toggleLanguage(): void {
  setLanguage(language() === 'en' ? 'zh-CN' : 'en');
  setReportMode(document.body.classList.contains('report'));
  const session = api.loadSession();
  if (currentState() && session) {
    showViewer(session);
    void refresh();
  } else if (!$('login').hidden) void showLogin();
}

function wire(): void {
  $('token-form').addEventListener('submit', submitToken);
  $('sign-out').addEventListener('click', () => signOut());
  $('lang-toggle').addEventListener('click', toggleLanguage);
  $('controls').addEventListener('submit', submitControls);
  $('period').addEventListener('change', () => $<HTMLFormElement>('controls').requestSubmit());
  for (const tab of document.querySelectorAll<HTMLButtonElement>('#kind-tabs button')) {
    tab.addEventListener('click', () => selectKind(tab.dataset.kind as SubjectKind));
  }
  $('report-toggle').addEventListener('click', () => setReportMode(!document.body.classList.contains('report')));
  $('print').addEventListener('click', () => {
    setReportMode(true);
    window.print();
  });
  window.addEventListener('hashchange', () => setReportMode(location.hash === '#report'));
  onSessionEnded(signOut);
}

applyStaticTexts();
wire();
setReportMode(location.hash === '#report');
const session = api.loadSession();
if (session) void showBoard(session);
else void showLogin();
