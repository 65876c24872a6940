import fs from 'node:fs';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { freePort } from '../../src/common/net';
import { createHttpServer } from '../../src/gateway/http';
import type { Hub } from '../../src/gateway/hub';
import { startTestHub, type TestHub } from './test-hub';

/**
 * Headless Chromium for the page tests: Debian's package, driven by playwright-core (nothing
 * is downloaded). CI_NO_BROWSER=1 skips those tests, saying so; without it, a missing browser fails.
 */
export const CHROMIUM = '/usr/bin/chromium';

export function browserSkipReason(what: string): string | null {
  const reason = process.env.CI_NO_BROWSER ? `CI_NO_BROWSER=${process.env.CI_NO_BROWSER}: ${what} is skipped` : null;
  if (reason) process.stdout.write(`${reason}\n`);
  return reason;
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium; .ci/run does it) or set CI_NO_BROWSER=1 to skip the browser tests`,
    );
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The hub's HTTP front on a free loopback port. */
export async function serveOn(hub: Hub): Promise<{ server: Server; url: string }> {
  const server = createHttpServer(hub);
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${port}` };
}

/** A page test's world: a hub with development defaults, served on a free port, and Chromium. */
export interface BrowserHub {
  t: TestHub;
  server: Server;
  url: string;
  browser: Browser;
}

/** Development defaults (no JWT_SECRET): the pages offer the demo viewers' tokens. */
export async function startBrowserHub(): Promise<BrowserHub> {
  const t = await startTestHub({ env: { JWT_SECRET: '' } });
  const { server, url } = await serveOn(t.hub);
  return { t, server, url, browser: await launchChromium() };
}

export async function closeBrowserHub(world: Partial<BrowserHub>): Promise<void> {
  await world.browser?.close();
  if (world.server) await new Promise((resolve) => world.server!.close(resolve));
  await world.t?.close();
}

/** Everything the page reports as broken: script errors, failed loads, CSP refusals. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Failed loads are reported below with their address.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${new URL(response.url()).pathname}`);
  });
  return problems;
}
