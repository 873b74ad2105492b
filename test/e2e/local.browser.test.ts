/**
 * The local stack's page in a real browser (playwright-core + Debian chromium): upload the sample
 * export with the file button, watch the status reach DONE, open a report, filter the verdicts,
 * drop a CSV on the drop zone, see a broken upload FAILED with its reason. Screenshots go to
 * test-artifacts/local-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startLocalStack, newestSampleExport, type LocalStack } from '../../local/index.ts';
import { launchBrowser, watchPage, artifactPath, VIEWPORTS, type PageWatch } from './helpers/browser.ts';
import { EXTRA, OWNER, ROWS, csv, exportZip } from '../integration/local/fixture.ts';
import { sampleFile, samplePath } from '../helpers/sample-data.ts';

interface Stats {
  year: number;
  byCategory: Record<string, number>;
  byDirection: Record<'INCOMING' | 'OUTGOING', { total: number }>;
}

describe('local page in chromium', () => {
  let stack: LocalStack;
  let browser: Browser;
  let page: Page;
  let watch: PageWatch;
  let tmp: string;
  let sample: string;

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${stack.token}` } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  const statusText = () => page.locator('#upload-status').innerText();
  const waitForOutcome = async () => {
    await page.waitForFunction(() => /^(DONE|FAILED|Upload failed)/.test(document.getElementById('upload-status')?.textContent ?? ''), null, { timeout: 45_000 });
    return statusText();
  };
  const rows = () => page.locator('#verdicts tbody tr');
  const waitForRows = async (pred: string) => {
    // the table is re-rendered after each filter change; wait for the summary to settle
    await page.waitForFunction((p) => {
      const rs = Array.from(document.querySelectorAll<HTMLElement>('#verdicts tbody tr'));
      const summary = document.getElementById('verdicts-summary')?.textContent ?? '';
      return summary !== '' && rs.every((r) => new Function('r', `return ${p}`)(r));
    }, pred);
  };

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'aoi-e2e-'));
    const fromSamples = await newestSampleExport();
    if (fromSamples) sample = fromSamples;
    else {
      sample = join(tmp, 'Basic_LinkedInDataExport_03-20-2025.zip');
      await writeFile(sample, exportZip(ROWS));
    }
    stack = await startLocalStack({ memory: true, port: 0, s3Port: 0, dynamoPort: 0, seed: false });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: VIEWPORTS.desktop });
    watch = watchPage(page);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('starts empty, with the dev user signed in', async () => {
    await page.goto(stack.webUrl);
    await expect.poll(() => page.locator('#years-empty').isVisible()).toBe(true);
    expect(await page.locator('#user-id').innerText()).toBe(stack.userId);
    await page.screenshot({ path: artifactPath('local-1-empty.png'), fullPage: true });
  });

  it('uploads the sample export with the file button, with progress, until DONE', async () => {
    await page.setInputFiles('#file', sample);
    const outcome = await waitForOutcome();
    expect(outcome).toMatch(/^DONE: \d+ connection requests/);
    expect(await page.locator('#progress-bar').getAttribute('value')).toBe('100');

    const { years } = await api<{ years: number[] }>('/years');
    expect(years.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.year').count()).toBe(years.length);
    const shown = await page.locator('.year').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.year)));
    expect([...shown].sort()).toEqual([...years].sort());
    await page.screenshot({ path: artifactPath('local-2-done.png'), fullPage: true });
  });

  it('opens the report of a year from S3', async () => {
    const year = await page.locator('.year').first().getAttribute('data-year');
    const [report] = await Promise.all([page.context().waitForEvent('page'), page.locator(`[data-report="${year}"]`).click()]);
    await report.waitForLoadState();
    expect(report.url().startsWith(stack.s3Endpoint)).toBe(true);
    expect(await report.content()).toContain(String(year));
    await report.screenshot({ path: artifactPath('local-3-report.png') });
    await report.close();
  });

  it('filters the verdicts by year, direction and category', async () => {
    const year = Number(await page.locator('.year').first().getAttribute('data-year'));
    const stats = await api<Stats>(`/stats/${year}`);

    await page.selectOption('#filter-year', String(year));
    await page.selectOption('#filter-direction', 'INCOMING');
    await waitForRows(`r.dataset.direction === 'INCOMING'`);
    await expect.poll(() => rows().count()).toBe(Math.min(25, stats.byDirection.INCOMING.total));

    await page.selectOption('#filter-direction', '');
    const [category, n] = Object.entries(stats.byCategory).sort((a, b) => b[1] - a[1])[0];
    await page.selectOption('#filter-category', category);
    await waitForRows(`r.dataset.category === ${JSON.stringify(category)}`);
    await expect.poll(() => rows().count()).toBe(Math.min(25, n));

    const withReasons = page.locator('#verdicts tbody tr details').first();
    if (await withReasons.count()) await withReasons.locator('summary').click();
    await page.locator('#verdicts-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('local-4-verdicts.png'), fullPage: true });
  });

  it('shows a low-confidence verdict as "unsure", as the API marks it, not as a fact', async () => {
    const unsureRows = () => page.locator('#verdicts tbody tr[data-unsure="true"]');
    // The API derives `unsure` from the confidence (openapi.json) for every verdict.
    const real = await api<{ items: { unsure: unknown; confidence: number; category: string }[] }>('/verdicts?limit=100');
    for (const v of real.items) expect(v.unsure).toBe(v.category !== 'no_message' && v.confidence < 0.6);
    // A page of verdicts as the API gives it, with one more of them unsure (confidence 0.42).
    let served: { unsure: boolean }[] = [];
    await page.route((url) => url.pathname.endsWith('/verdicts'), async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { items: Record<string, unknown>[] };
      const i = body.items.findIndex((v) => v.unsure === false && v.category !== 'no_message');
      if (i >= 0) body.items[i] = { ...body.items[i], category: 'irrelevant', verdict: 'IGNORE', confidence: 0.42, unsure: true };
      served = body.items as { unsure: boolean }[];
      await route.fulfill({ response: res, json: body });
    });
    await page.selectOption('#filter-category', '');
    await page.selectOption('#filter-direction', 'INCOMING');
    await waitForRows(`r.dataset.direction === 'INCOMING'`);
    await expect.poll(() => unsureRows().count()).toBe(served.filter((v) => v.unsure).length);
    expect(served.filter((v) => v.unsure).length).toBeGreaterThan(0);
    const cell = page.locator('#verdicts tbody tr[data-unsure="true"][data-category="irrelevant"] td.verdictcell').first();
    expect(await cell.innerText()).toMatch(/unsure — 0\.42\s*leans IGNORE/);
    expect(await cell.locator('.badge.IGNORE').count()).toBe(0);
    // A confident verdict keeps its plain badge.
    const sure = page.locator('#verdicts tbody tr:not([data-unsure]) td.verdictcell').first();
    if (await sure.count()) expect(await sure.innerText()).toMatch(/^(ACCEPT|IGNORE|NEITHER)$/);
    await cell.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('local-4b-unsure.png') });
    await page.unrouteAll();
    await page.selectOption('#filter-direction', '');
  });

  const dropCsv = async (text: string) => {
    // The previous upload is over (its status line says DONE before the page has refreshed its years and reset the drop zone).
    await page.waitForFunction(() => document.getElementById('drop')?.dataset.state === 'idle');
    const drop = await page.evaluateHandle((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'Invitations.csv', { type: 'text/csv' }));
      return dt;
    }, text);
    await page.dispatchEvent('#drop', 'dragenter', { dataTransfer: drop });
    expect(await page.locator('#drop').getAttribute('data-state')).toBe('over');
    await page.dispatchEvent('#drop', 'drop', { dataTransfer: drop });
    return waitForOutcome();
  };

  it('accepts a CSV dropped on the drop zone', async () => {
    // the same person's older export, as a bare Invitations.csv
    const older = 'Basic_LinkedInDataExport_07-02-2025.zip';
    const text = strFromU8(unzipSync(new Uint8Array(await readFile(samplePath(older))))['Invitations.csv']);
    expect(await dropCsv(text)).toMatch(new RegExp(`^DONE: ${sampleFile(older).requests} connection requests`));
  });

  it("refuses someone else's export dropped into this account, saying whose it is", async () => {
    const owner = sampleFile('Basic_LinkedInDataExport_07-02-2025.zip').owner;
    expect(await dropCsv(csv([...ROWS, EXTRA]))).toMatch(new RegExp(`^FAILED: Invitations\\.csv is the export of ${OWNER}, not of ${owner}`));
  });

  it('shows why an upload FAILED', async () => {
    await page.setInputFiles('#file', { name: 'Basic_LinkedInDataExport_01-01-2025.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip at all') });
    const outcome = await waitForOutcome();
    expect(outcome).toMatch(/^FAILED: .*zip/i);
    await page.locator('#upload-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('local-5-failed.png') });
  });

  it('fits a phone screen', async () => {
    await page.setViewportSize(VIEWPORTS.phone);
    await page.reload();
    await expect.poll(() => page.locator('.year').count()).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: artifactPath('local-6-phone.png'), fullPage: true });
  });

  it('made no request off this machine and raised no page error', () => {
    expect(watch.errors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    expect(watch.requests.filter((u) => !/^http:\/\/127\.0\.0\.1:\d+\//.test(u))).toEqual([]);
  });
});

describe('first start in chromium', () => {
  it("greets a newcomer with the sample export processed and its years' reports", async () => {
    const sample = await newestSampleExport();
    if (!sample) throw new Error('sample-data/ has no export zip: run npm run sample-data');
    const stack = await startLocalStack({ memory: true, port: 0, s3Port: 0, dynamoPort: 0 });
    const browser = await launchBrowser();
    try {
      expect(stack.seededKey).not.toBeNull();
      const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
      const watch = watchPage(page);
      await page.goto(stack.webUrl);
      await page.waitForFunction(() => /^DONE/.test(document.getElementById('upload-status')?.textContent ?? ''), null, { timeout: 45_000 });
      await expect.poll(() => page.locator('.year [data-report]').count()).toBeGreaterThan(0);
      await page.screenshot({ path: artifactPath('local-0-first-start.png') });
      expect(watch.errors).toEqual([]);
    } finally {
      await browser.close();
      await stack.stop();
    }
  });
});
