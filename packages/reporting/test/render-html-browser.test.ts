import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../src/render/render-html.js';
import { toSingleLine } from '../src/render/single-line.js';
import { HOSTILE_NAMES, hostileReport, smallReport } from './render-fixtures.js';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = fileURLToPath(new URL('../test-artifacts/report.png', import.meta.url));
const TIMEOUT = 60_000;

/** What the page functions below read of the browser's document; this package has no `lib.dom`. */
declare const document: {
  readonly scripts: { readonly length: number };
  readonly documentElement: { readonly scrollWidth: number };
  querySelectorAll(selector: string): { readonly length: number };
};

/** A page showing `html`, with everything it tried to do that a report must never do. */
interface LoadedReport {
  readonly page: Page;
  /** URLs the page asked for; every request is aborted. */
  readonly requests: string[];
  /** Console messages, uncaught errors and dialogs (an alert would mean a script ran). */
  readonly incidents: string[];
}

const chromiumMissing = !existsSync(CHROMIUM_PATH);
if (chromiumMissing && !process.env.CI) {
  console.warn(
    `render-html-browser.test.ts: skipped the browser test of the HTML report, because there is ` +
      `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH).`,
  );
}

describe('renderHtml in headless Chromium', { timeout: TIMEOUT }, () => {
  if (chromiumMissing) {
    if (process.env.CI) {
      it('has Chromium to run in', () => {
        throw new Error(
          `Debian's chromium is required in CI: apt-get install chromium (no ${CHROMIUM_PATH})`,
        );
      });
    } else {
      it.skip(`needs Chromium at ${CHROMIUM_PATH}`, () => {});
    }
    return;
  }

  let userDataDir: string | undefined;
  let browser: BrowserContext | undefined;

  beforeAll(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'vbem-report-chromium-'));
    // A persistent context is how Playwright takes a user data directory of our own.
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1000, height: 800 },
    });
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    if (userDataDir !== undefined) await rm(userDataDir, { recursive: true, force: true });
  }, TIMEOUT);

  async function load(html: string): Promise<LoadedReport> {
    if (browser === undefined) throw new Error('Chromium did not start');
    const page = await browser.newPage();
    const requests: string[] = [];
    const incidents: string[] = [];
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    page.on('console', (message) => incidents.push(`console ${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => incidents.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      incidents.push(`dialog ${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.setContent(html, { waitUntil: 'load' });
    return { page, requests, incidents };
  }

  async function expectInert({ page, requests, incidents }: LoadedReport): Promise<void> {
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    const active = 'script, img, a, link, iframe, object, embed, form, base, [href], [src]';
    expect(
      await page.evaluate((selector) => document.querySelectorAll(selector).length, active),
    ).toBe(0);
    expect(requests).toEqual([]);
    expect(incidents).toEqual([]);
  }

  /** Nothing, not even a 200-character name, pushes the page wider than the window. */
  async function expectFitsViewport(page: Page): Promise<void> {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
  }

  it('shows hostile names as literal text, fetching and running nothing', async () => {
    const loaded = await load(renderHtml(hostileReport(), { top: 100 }));
    const { page } = loaded;
    const rows = page.locator('table.jobs tbody tr');
    expect(await rows.count()).toBe(HOSTILE_NAMES.length);
    for (const [index, name] of HOSTILE_NAMES.entries()) {
      const row = rows.nth(index);
      expect(await row.isVisible()).toBe(true);
      expect(await row.locator('.job-name').textContent()).toBe(toSingleLine(name));
    }
    for (const name of [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      'javascript:alert(1)',
    ]) {
      // A cell whose whole text is the name: in the VM, missed-job and failed-source tables.
      const cells = page.getByRole('cell', { name, exact: true });
      expect(await cells.count()).toBeGreaterThanOrEqual(3);
      expect(await cells.first().isVisible()).toBe(true);
    }
    for (const table of ['table.by-backup-server', 'table.by-job-type']) {
      const keys = page.locator(`${table} tbody tr td:first-child`);
      expect((await keys.allTextContents()).sort()).toEqual(HOSTILE_NAMES.map(toSingleLine).sort());
    }
    expect(await page.locator('svg.day-chart g.day').count()).toBe(hostileReport().days.length);
    await expectFitsViewport(page);
    await expectInert(loaded);
    await page.close();
  });

  it('lays out the small report with its jobs and chart, and saves a screenshot', async () => {
    const report = smallReport();
    const loaded = await load(renderHtml(report));
    const { page } = loaded;
    const names = page.locator('table.jobs tbody tr .job-name');
    expect(await names.allTextContents()).toEqual(report.jobs.map((job) => job.jobName));
    for (const job of report.jobs) {
      const row = page.locator('table.jobs tbody tr', { hasText: job.jobName });
      expect(await row.isVisible()).toBe(true);
      expect(await row.locator('.badge').textContent()).toBe(job.health);
    }
    const chart = page.getByRole('img', { name: /^Runs per day from 2025-09-17 to 2025-09-23/ });
    expect(await chart.isVisible()).toBe(true);
    const days = chart.locator('g.day');
    expect(await days.count()).toBe(report.days.length);
    const box = await chart.boundingBox();
    expect(box?.width).toBeGreaterThan(600);
    await expectFitsViewport(page);
    await expectInert(loaded);

    await mkdir(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect((await stat(SCREENSHOT)).size).toBeGreaterThan(10 * 1024);
    await page.close();
  });
});
