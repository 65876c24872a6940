import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, closeBrowserHub, collectProblems, serveOn, startBrowserHub } from '../helpers/browser';
import { Role, type TestHub } from '../helpers/test-hub';
import { cityClient } from '../helpers/viewers';

/**
 * The monitoring page in a real headless Chromium (Debian's package, driven by
 * playwright-core; nothing is downloaded), against the hub over HTTP with the demo data.
 * CI_NO_BROWSER=1 skips it, saying so; without that, a missing browser fails.
 */
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
const DOCS_IMAGES = path.join(__dirname, '..', '..', 'docs', 'images');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
/** Han characters: the page speaks Chinese where its texts contain them. */
const CJK = /[\u4e00-\u9fff]/;
const skipReason = browserSkipReason('the dashboard browser test');
const describeBrowser = skipReason ? describe.skip : describe;

/** Whether the page scrolls sideways: it must not, at any width. */
async function overflows(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

/** A screenshot for tests/artifacts, copied to docs/images only on request (test runs leave the tree clean). */
async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
  if (process.env.UPDATE_DOCS_SCREENSHOT) fs.copyFileSync(path.join(ARTIFACTS, name), path.join(DOCS_IMAGES, name));
}

async function signInAs(page: Page, url: string, viewer: string): Promise<void> {
  await page.goto(`${url}/dashboard/`);
  await page.click(`button[data-viewer="${viewer}"]`);
  await page.locator('#board[data-state="ready"]').waitFor();
}

describeBrowser('dashboard in a headless browser', () => {
  let t: TestHub;
  let browser: Browser;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    ({ t, server, url, browser } = await startBrowserHub());
  }, 120_000);
  afterAll(() => closeBrowserHub({ t, server, url, browser }));

  it('logs in as the Yancheng credit office and shows every panel with the demo data, in Chinese', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    const problems = collectProblems(page);
    await page.goto(`${url}/dashboard`);
    await page.locator('#dev-picker').waitFor({ state: 'visible' });
    expect(await page.locator('#dev-viewers button').count()).toBeGreaterThanOrEqual(8);
    // Before login only the login shows: the board's grid layout must not override `hidden`.
    expect(await page.locator('#board').isHidden()).toBe(true);
    expect(await page.$eval('#board', (board) => getComputedStyle(board).display)).toBe('none');
    // 简体中文 unless the viewer chose otherwise.
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.textContent('h1')).toMatch(CJK);
    expect(await page.textContent('#token-form button[type="submit"]')).toMatch(CJK);
    await page.click('button[data-viewer="yancheng-credit-office"]');
    await page.locator('#board[data-state="ready"]').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('credit-hub.dashboard.token'))).toMatch(/^ey/);
    expect(await page.textContent('#viewer')).toContain('盐城市发展和改革委员会');
    expect(await page.inputValue('#region')).toBe('3209');

    // Ranking: rows of the county governments, each with a trend mark; at least one arrow.
    const panels = await page.$$eval('.panel', (nodes) =>
      nodes.map((n) => `${n.id}=${(n as HTMLElement).dataset.state}`),
    );
    expect(panels).toEqual([
      'ranking-panel=ready',
      'chart-panel=ready',
      'warnings-panel=ready',
      'ledger-panel=ready',
      'interceptions-panel=ready',
    ]);
    const rows = page.locator('.ranking[data-kind="GOVERNMENT"] tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(9);
    expect(await page.textContent('.ranking[data-kind="GOVERNMENT"] tbody')).toContain('射阳县人民政府');
    const ranks = await rows.locator('td:first-child').allTextContents();
    expect(ranks.map(Number)).toEqual([...ranks.map(Number)].sort((a, b) => a - b));
    expect(
      await page
        .locator(
          '.ranking[data-kind="GOVERNMENT"] .trend[data-trend="up"], .ranking[data-kind="GOVERNMENT"] .trend[data-trend="down"]',
        )
        .count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('.ranking[data-kind="DEPARTMENT"]').isHidden()).toBe(true);
    await page.click('#kind-tabs button[data-kind="DEPARTMENT"]');
    expect(await page.locator('.ranking[data-kind="DEPARTMENT"] tbody tr').count()).toBeGreaterThan(0);
    await page.click('#kind-tabs button[data-kind="GOVERNMENT"]');

    // Chart: an SVG with one line per government over several quarters, and labelled axes.
    const chart = page.locator('#chart-panel svg.line-chart');
    expect(await chart.count()).toBe(1);
    expect(await chart.locator('g.series').count()).toBeGreaterThanOrEqual(9);
    expect(await chart.locator('g.series path').first().getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+ L/);
    const axisLabels = await chart.locator('text.axis-label').allTextContents();
    expect(axisLabels).toHaveLength(2);
    for (const label of axisLabels) expect(label).toMatch(CJK);

    // Open warnings and the case ledger.
    expect(await page.locator('#warnings-panel tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#warnings-panel tbody .kind').first().getAttribute('data-kind')).toMatch(/^[A-Z_]+$/);
    expect(await page.locator('#ledger-panel tbody tr').count()).toBeGreaterThan(0);
    expect(await page.textContent('#ledger-panel [data-division="320921"]')).toBe('响水县人民政府 (320921)');
    // 自动监督: the demo's platforms, and the bidder admitted despite BLOCK with its reason.
    expect(await page.textContent('#interceptions-panel tbody')).toContain('yancheng-tendering');
    expect(await page.textContent('#interceptions-panel')).toContain('信用修复申请');
    for (const heading of await page.locator('.panel-head h2, #ranking-panel thead th').allTextContents())
      expect(heading).toMatch(CJK);
    const desktop = await overflows(page);
    expect(desktop.scrollWidth).toBeLessThanOrEqual(desktop.clientWidth);

    await screenshot(page, 'dashboard.png');

    // The quarterly report: the report view, then printed to PDF with the print stylesheet.
    await page.click('#report-toggle');
    expect(await page.evaluate(() => document.body.classList.contains('report'))).toBe(true);
    expect(page.url()).toMatch(/#report$/);
    expect(await page.locator('.ranking[data-kind="DEPARTMENT"]').isVisible()).toBe(true);
    expect(await page.textContent('#report-period')).toMatch(/^\d{4}Q[1-4]$/);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#controls').isHidden()).toBe(true);
    expect(await page.locator('.report-header').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'dashboard-report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);

    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it('the chart component: round ticks, and a gap where a quarter has no score', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/dashboard/`);
    // A string, not a function: the test's compiler would rewrite the dynamic import.
    const drawn: { ticks: number[]; paths: string[]; points: number; labels: string[] } =
      await page.evaluate(`(async () => {
      const { lineChart, niceTicks } = await import('/dashboard/chart.mjs');
      const svg = lineChart({
        title: 't', xLabel: 'Quarter', yLabel: 'Score', categories: ['2026Q1', '2026Q2', '2026Q3', '2026Q4'],
        series: [{ key: 'a', label: 'A', values: [80, null, 82.5, 90] }, { key: 'b', label: 'B', values: [71.2, 75, 77, 94.5] }],
      });
      return {
        ticks: niceTicks(71.2, 94.5),
        paths: [...svg.querySelectorAll('g.series path')].map((p) => p.getAttribute('d')),
        points: svg.querySelectorAll('g.series circle').length,
        labels: [...svg.querySelectorAll('text.tick')].map((t) => t.textContent),
      };
    })()`);
    expect(drawn.ticks).toEqual([70, 75, 80, 85, 90, 95]);
    expect(drawn.paths[0].match(/M/g)).toHaveLength(2); // the line stops at the missing quarter and starts again
    expect(drawn.paths[1].match(/M/g)).toHaveLength(1);
    expect(drawn.points).toBe(7);
    expect(drawn.labels).toEqual(expect.arrayContaining(['70', '95', '2026Q1', '2026Q4']));
    await page.close();
  });

  it('a refused token sends the viewer back to the login with the reason', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/dashboard/`);
    await page.evaluate(() => {
      sessionStorage.setItem('credit-hub.dashboard.token', 'not.a.token');
      sessionStorage.setItem(
        'credit-hub.dashboard.viewer',
        JSON.stringify({ label: 'x', role: 'CREDIT_OFFICE', regionPrefix: '3209' }),
      );
    });
    await page.reload();
    await page.locator('#login').waitFor({ state: 'visible' });
    expect(await page.getAttribute('#login-status', 'data-reason')).toBe('session-ended');
    expect(await page.textContent('#login-status')).toMatch(CJK);
    expect(await page.evaluate(() => sessionStorage.getItem('credit-hub.dashboard.token'))).toBeNull();
    await page.close();
  });

  it('without development defaults there is no picker: the page asks for a token, and a pasted one works', async () => {
    // The same hub behind a front that runs on a real JWT secret.
    const production = { ...t.hub, deps: { ...t.hub.deps, config: { ...t.hub.deps.config, developmentDefaults: [] } } };
    const front = await serveOn(production);
    try {
      const page = await browser.newPage();
      const problems = collectProblems(page);
      await page.goto(`${front.url}/dashboard/`);
      await page.locator('#token-form').waitFor({ state: 'visible' });
      expect(await page.locator('#dev-picker').isHidden()).toBe(true);
      expect(await page.locator('#dev-viewers button').count()).toBe(0);
      const token = await t.token(Role.CREDIT_OFFICE, { region: '320900', sub: 'report-clerk' });
      await page.fill('#token', token);
      await page.click('#token-form button[type="submit"]');
      await page.locator('#board[data-state="ready"]').waitFor();
      expect(await page.getAttribute('#viewer', 'data-role')).toBe('CREDIT_OFFICE');
      expect(await page.textContent('#viewer')).toContain('report-clerk');
      expect(await page.locator('#ledger-panel tbody tr').count()).toBeGreaterThan(0);
      // The development login's 404 is how the page learns it is absent; nothing else may fail.
      expect(problems).toEqual(['HTTP 404 /dashboard/dev/viewers']);
      await page.close();
    } finally {
      await new Promise((resolve) => front.server.close(resolve));
    }
  });

  it('switches to English, remembers it across a reload, and back to Chinese', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    const problems = collectProblems(page);
    await signInAs(page, url, 'yancheng-credit-office');
    await page.click('#lang-toggle');
    await page.locator('#board[data-state="ready"]').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.evaluate(() => localStorage.getItem('credit-hub.dashboard.lang'))).toBe('en');
    const english = async () => [
      await page.textContent('h1'),
      ...(await page.locator('.panel-head h2, #ranking-panel thead th, text.axis-label').allTextContents()),
    ];
    for (const label of await english()) expect(label).not.toMatch(CJK);
    await page.reload();
    await page.locator('#board[data-state="ready"]').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    for (const label of await english()) expect(label).not.toMatch(CJK);
    await page.click('#lang-toggle');
    await page.locator('#board[data-state="ready"]').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.textContent('#ranking-panel thead th')).toMatch(CJK);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('fits a phone (375 px): no sideways scrolling before or after login', async () => {
    const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await page.goto(`${url}/dashboard/`);
    await page.locator('#dev-picker').waitFor({ state: 'visible' });
    const login = await overflows(page);
    expect(login.scrollWidth).toBeLessThanOrEqual(login.clientWidth);
    await page.click('button[data-viewer="yancheng-credit-office"]');
    await page.locator('#board[data-state="ready"]').waitFor();
    expect(await page.locator('#ranking-panel tbody tr').count()).toBeGreaterThan(0);
    const board = await overflows(page);
    expect(board.clientWidth).toBe(PHONE.width);
    expect(board.scrollWidth).toBeLessThanOrEqual(board.clientWidth);
    await screenshot(page, 'dashboard-phone.png');
    await page.close();
  }, 120_000);

  it('the court reads the case ledger with the names of the divisions', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await signInAs(page, url, 'yancheng-court');
    expect(await page.getAttribute('#ledger-panel', 'data-state')).toBe('ready');
    const divisions = page.locator('#ledger-panel tbody [data-division]');
    expect(await divisions.count()).toBeGreaterThan(0);
    for (const cell of await divisions.all()) {
      const code = await cell.getAttribute('data-division');
      // "<name> (<code>)": a name read from the public subjects, not the bare code.
      expect(await cell.textContent()).toMatch(new RegExp(`^${CJK.source}.* \\(${code}\\)$`));
    }
    await page.close();
  }, 120_000);

  it('the debt system sees its debt-risk warnings and published rankings, and is told what it may not read', async () => {
    const office = cityClient(Role.CREDIT_OFFICE);
    const [current, previous] = (await t.run('{ evaluationPeriods(last: 2) }', {}, office)).data.evaluationPeriods;
    const published = await t.run(
      'mutation ($period: String!) { publishRanking(period: $period, kind: GOVERNMENT, regionPrefix: "3209") { published } }',
      { period: previous },
      office,
    );
    expect(published.errors).toBeUndefined();

    const page = await browser.newPage({ viewport: DESKTOP });
    await signInAs(page, url, 'yancheng-debt');
    // The current period is not published: DEBT is no evaluator.
    expect(await page.getAttribute('#ranking-panel', 'data-state')).toBe('error');
    expect(await page.getAttribute('#ranking-panel .status.error', 'data-code')).toBe('FORBIDDEN');
    // The chart shows the one published quarter and names the others.
    expect(await page.getAttribute('#chart-panel', 'data-state')).toBe('ready');
    expect(await page.locator('#chart-panel g.series').count()).toBeGreaterThanOrEqual(9);
    expect(await page.textContent('#chart-panel .status.missing')).toContain(current);
    // Warnings: only the debt-risk kind. The case ledger counts only the cases the debt office
    // pushed itself (none in the demo): empty, not the courts' cases.
    const kinds = await page
      .locator('#warnings-panel tbody .kind')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-kind')));
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['DEBT_RISK']));
    await page.locator('#ledger-panel:not([data-state="loading"])').waitFor();
    expect(await page.getAttribute('#ledger-panel', 'data-state')).toBe('empty');
    // Interception supervision: the debt system made no checks, and reads no platform's.
    await page.locator('#interceptions-panel:not([data-state="loading"])').waitFor();
    expect(await page.getAttribute('#interceptions-panel', 'data-state')).toBe('empty');

    // The published period: the government ranking, frozen; departments were not published.
    await page.selectOption('#period', previous);
    await page.locator('#board[data-state="ready"]').waitFor();
    expect(await page.textContent('#report-period')).toBe(previous);
    expect(await page.getAttribute('.ranking[data-kind="GOVERNMENT"] .meta', 'data-published')).toBe('true');
    expect(await page.locator('.ranking[data-kind="GOVERNMENT"] tbody tr').count()).toBeGreaterThanOrEqual(9);
    await page.click('#kind-tabs button[data-kind="DEPARTMENT"]');
    expect(await page.getAttribute('.ranking[data-kind="DEPARTMENT"] .status.error', 'data-code')).toBe('FORBIDDEN');
    await page.close();
  }, 120_000);
});
