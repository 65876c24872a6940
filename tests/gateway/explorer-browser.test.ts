import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { browserSkipReason, closeBrowserHub, collectProblems, startBrowserHub } from '../helpers/browser';
import { type TestHub } from '../helpers/test-hub';

/**
 * The query explorer in headless Chromium with every request that is not to the hub refused:
 * it must load, authenticate with a development token, run a query and show the answer
 * without anything from another origin. Needs `npm run build` (the bundle in dist/web/explorer).
 */
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
const DOCS_SCREENSHOT = path.join(__dirname, '..', '..', 'docs', 'images', 'explorer.png');
const skipReason = browserSkipReason('the explorer browser test');
const describeBrowser = skipReason ? describe.skip : describe;

/** Lets through only requests to `origin`; every other one is aborted and recorded. */
async function offline(context: BrowserContext, origin: string): Promise<string[]> {
  const attempted: string[] = [];
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (new URL(target).origin === origin) return route.continue();
    attempted.push(target);
    return route.abort('internetdisconnected');
  });
  await context.routeWebSocket(/.*/, (socket) => {
    attempted.push(socket.url());
    return socket.close();
  });
  return attempted;
}

describeBrowser('query explorer in a headless browser, offline', () => {
  let t: TestHub;
  let browser: Browser;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    ({ t, server, url, browser } = await startBrowserHub());
  }, 120_000);
  afterAll(() => closeBrowserHub({ t, server, url, browser }));

  it('loads from the hub alone, runs a query with a development token and shows the result', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const attempted = await offline(context, url);
    const page = await context.newPage();
    const problems = collectProblems(page);
    const person = t.demo.people[0];
    const query = `{ subject(code: "${person.code}") { name code } }`;
    await page.goto(`${url}/graphql?query=${encodeURIComponent(query)}`);
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 60_000 });
    // The examples are preloaded as tabs after the linked query.
    expect(await page.locator('.graphiql-tab').count()).toBeGreaterThan(2);

    // Anonymous: the person is hidden (null, no error).
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(() => document.querySelector('.graphiql-response')?.textContent?.includes('"data"'));
    expect(await page.textContent('.graphiql-response')).toMatch(/"subject":\s*null/);

    // One click for the organization department's development token; the same query now shows the cadre.
    await page.click('#dev-viewers button[data-viewer="yancheng-org-dept"]');
    await page.locator('#explorer-viewer[data-viewer="yancheng-org-dept"]').waitFor();
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(
      (name) => document.querySelector('.graphiql-response')?.textContent?.includes(name),
      person.name,
    );
    expect(await page.textContent('.graphiql-response')).toContain(person.code);

    expect(attempted).toEqual([]);
    expect(problems).toEqual([]);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'explorer.png') });
    if (process.env.UPDATE_DOCS_SCREENSHOT) fs.copyFileSync(path.join(ARTIFACTS, 'explorer.png'), DOCS_SCREENSHOT);
    await context.close();
  }, 120_000);

  it('answers API clients at /graphql as before: a GET asking for JSON is a GraphQL request', async () => {
    const response = await fetch(`${url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
