import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { effectiveAccess, levelRank } from '../../src/core/access-grant.js';
import { renderAuditHtml } from '../../src/render/audit-report.js';
import { startChartioSim } from '../../src/sim/chartio/server.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';

const CHROMIUM = '/usr/bin/chromium';

/** A large audit: 3,000 users over 40 resources, so the filter is checked at the size the issue names. */
function largeView() {
  const grants = [];
  for (let u = 0; u < 3000; u++) {
    for (let r = u % 7; r < 40; r += 7) grants.push({ user: `user${String(u).padStart(4, '0')}@example.com`, resource: `dashboard:board-${r}`, level: ['viewer', 'editor', 'admin'][(u + r) % 3]!, via: `team:T${r % 5}` });
  }
  return { target: 'chartio org example-org', access: effectiveAccess(grants, levelRank) };
}

// Debian's chromium is installed by .ci/run; on a machine without it this test is skipped, and says so.
describe.skipIf(!existsSync(CHROMIUM))('the HTML audit in headless Chromium', () => {
  it('renders the matrix, filters rows, and logs no console errors', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'accessctl-audit-'));
    const file = path.join(dir, 'audit.html');
    await writeFile(file, renderAuditHtml(largeView()));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(file).href);
      expect(await page.locator('#matrix tbody tr').count()).toBe(3000);
      expect(await page.locator('#summary').textContent()).toMatch(/^3000 users, 40 resources, \d+ grants\./);
      await page.fill('#filter', 'user0042@');
      expect(await page.locator('#matrix tbody tr:not(.hidden)').count()).toBe(1);
      await page.fill('#filter', 'board-13');
      const visibleColumns = await page.locator('#matrix thead th.r:not(.hidden)').count();
      expect(visibleColumns).toBe(1);
      await page.fill('#filter', '');
      expect(await page.locator('#matrix tbody tr:not(.hidden)').count()).toBe(3000);
      await mkdir(path.join(REPO_ROOT, 'test-artifacts'), { recursive: true });
      await page.setViewportSize({ width: 1200, height: 800 });
      await page.screenshot({ path: path.join(REPO_ROOT, 'test-artifacts', 'audit.png') });
      expect(errors).toEqual([]);

      // And the real command's report, read from the simulator.
      const sim = await startChartioSim({ generate: 'small', credentials: 'audit-key:audit-secret' });
      try {
        const out = path.join(dir, 'cli-audit.html');
        const file2 = path.join(dir, 'access.yaml');
        await writeFile(file2, 'version: 1\nprovider: chartio\nchartio: { org: example-org }\n');
        const run = await runCli(['audit', '-f', file2, '--format', 'html', '--output', out], {
          env: { CHARTIO_URL: sim.url, CHARTIO_API_KEY: 'audit-key', CHARTIO_API_SECRET: 'audit-secret' },
        });
        expect(run.code).toBe(0);
        const cliPage = await browser.newPage();
        cliPage.on('pageerror', (error) => errors.push(error.message));
        await cliPage.goto(pathToFileURL(out).href);
        expect(await cliPage.locator('#matrix tbody tr').count()).toBeGreaterThan(5);
        expect(await cliPage.locator('#matrix td[title]').count()).toBeGreaterThan(5);
        expect(errors).toEqual([]);
      } finally {
        await sim.close();
      }
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
