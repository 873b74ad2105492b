/**
 * The local stack's page in a real browser (playwright-core + Debian chromium): upload the sample
 * export with the file button, watch the status reach DONE, open a report, filter the verdicts,
 * drop a CSV on the drop zone, see a broken upload FAILED with its reason. Screenshots go to
 * test-artifacts/local-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startLocalStack, newestSampleExport, type LocalStack } from '../../local/index.ts';
import { launchBrowser, watchPage, artifactPath, VIEWPORTS, type PageWatch } from '../helpers/browser.ts';
import { EXTRA, OWNER, ROWS, csv, exportZip } from '../helpers/local-export.ts';
import { sampleFile, samplePath } from '../helpers/sample-data.ts';

interface Stats {
  year: number;
  totals: { received: number; sent: number };
  byCategory: Record<string, number>;
  byRole: Record<string, number>;
  byDirection: Record<'INCOMING' | 'OUTGOING', { total: number; byRole: Record<string, { total: number; byVerdict: Record<string, number> }> }>;
}

/** The page's names of the roles (local/web/app.js ROLE_LABELS). */
const ROLE_LABELS: Record<string, string> = { recruiter: 'Recruiter', vendor: 'Vendor', expert_network: 'Expert network', job_seeker: 'Job seeker', community: 'Community', peer: 'Peer', unknown: 'Unknown' };

/** The rule the page opens on (local/web/app.js, openingYear): the newest year with ≥ 20 requests or ≥ 10% of the busiest year's. */
const MIN_YEAR_REQUESTS = 20;
const MIN_YEAR_SHARE = 0.1;

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

  it('names a refused file on the upload line, instead of the previous upload', async () => {
    const label = () => page.locator('#progress-label').innerText();
    const uploadCalls = () => watch.requests.filter((u) => new URL(u).pathname.endsWith('/uploads')).length;
    expect(await label()).toBe(`Uploaded ${basename(sample)}`);
    const calls = uploadCalls();

    // The wrong type: refused by the page, nothing sent.
    await page.setInputFiles('#file', { name: 'holiday.png', mimeType: 'image/png', buffer: Buffer.from('not an export') });
    await expect.poll(label).toBe('holiday.png was not uploaded: it is not a .zip or .csv file.');
    expect(await statusText()).toMatch(/^“holiday\.png” is not a \.zip or \.csv file/);
    expect(await page.locator('#upload-status').getAttribute('data-kind')).toBe('failed');
    expect(await page.locator('#upload-progress').getAttribute('data-state')).toBe('refused');
    expect(await page.locator('#progress-bar').isVisible()).toBe(false);
    await page.locator('#upload-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('local-2b-refused-type.png') });

    // Too big: refused by its size before a byte is read (a File that says it is 300 MB, dropped).
    await page.evaluate((size) => {
      const file = new File(['x'], 'Basic_LinkedInDataExport_01-01-2026.zip', { type: 'application/zip' });
      Object.defineProperty(file, 'size', { value: size });
      const drop = new Event('drop', { bubbles: true, cancelable: true });
      Object.defineProperty(drop, 'dataTransfer', { value: { files: [file] } });
      document.getElementById('drop')!.dispatchEvent(drop);
    }, 300 * 1024 * 1024);
    await expect.poll(label).toBe('Basic_LinkedInDataExport_01-01-2026.zip was not uploaded: it is 300 MB, over the 200 MB limit.');
    expect(await statusText()).toMatch(/is 300 MB; the limit is 200 MB/);
    expect(uploadCalls()).toBe(calls);

    // Refused by the API (a file name longer than it accepts): the line names this file and the API's reason.
    const long = `${'x'.repeat(260)}.zip`;
    await page.setInputFiles('#file', { name: long, mimeType: 'application/zip', buffer: Buffer.from('PK') });
    await expect.poll(label).toMatch(/^x+\.zip was not uploaded: .*filename.*255/);
    expect(await label()).toContain(long);
    expect(await statusText()).toMatch(/^Upload failed: .*filename/);
    expect(uploadCalls()).toBe(calls + 1);
    expect(await page.locator('#upload-progress').getAttribute('data-state')).toBe('refused');
    await page.waitForFunction(() => document.getElementById('drop')?.dataset.state === 'idle');
    await page.screenshot({ path: artifactPath('local-2c-refused-api.png') });
  });

  it('opens on the newest year with a meaningful amount of data, its requests newest first', async () => {
    const { years } = await api<{ years: number[] }>('/years');
    const counts = new Map<number, number>();
    for (const y of years) {
      const { totals } = await api<Stats>(`/stats/${y}`);
      counts.set(y, totals.received + totals.sent);
    }
    const busiest = Math.max(...counts.values());
    const newest = Math.max(...years);
    // The sample's newest export was taken on 6 January: its newest year has a handful of requests.
    expect(counts.get(newest)!).toBeLessThan(Math.min(MIN_YEAR_REQUESTS, MIN_YEAR_SHARE * busiest));
    const want = Math.max(...years.filter((y) => counts.get(y)! >= MIN_YEAR_REQUESTS || counts.get(y)! >= MIN_YEAR_SHARE * busiest));
    expect(want).toBeLessThan(newest);

    await page.reload();
    await expect.poll(() => page.locator('#filter-year').inputValue()).toBe(String(want));
    expect(await page.locator(`.year[data-year="${want}"]`).getAttribute('aria-current')).toBe('true');
    const ids = () => rows().evaluateAll((rs) => rs.map((r) => (r as HTMLElement).dataset.id));
    const first = await api<{ items: { id: string }[] }>(`/verdicts?year=${want}&limit=25`);
    await expect.poll(ids).toEqual(first.items.map((v) => v.id));
    expect(await page.locator('#verdicts-summary').innerText()).toMatch(new RegExp(`of ${want}, newest first`));

    // Every year: the page shows the API's pages one after the other, newest first across pages.
    const all: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 3; i++) {
      const res: { items: { id: string }[]; cursor: string | null } = await api(`/verdicts?limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      all.push(...res.items.map((v) => v.id));
      cursor = res.cursor;
    }
    await page.selectOption('#filter-year', '');
    await expect.poll(ids).toEqual(all.slice(0, 25));
    await page.click('#more');
    await expect.poll(ids).toEqual(all.slice(0, 50));
    await page.click('#more');
    await expect.poll(ids).toEqual(all.slice(0, 75));
    const sentAts = await rows().evaluateAll((rs) => rs.map((r) => (r as HTMLElement).dataset.sentAt!));
    expect(sentAts).toEqual([...sentAts].sort().reverse());
    expect(new Set(sentAts.map((t) => t.slice(0, 4))).size).toBeGreaterThan(1); // the pages cross a year

    // A year the user picked ("All years" included) stays picked when the page refreshes.
    await page.click('#refresh');
    await expect.poll(ids).toEqual(all.slice(0, 25));
    expect(await page.locator('#filter-year').inputValue()).toBe('');
  });

  it('opens on the newest year with at least 20 requests or 10% of the busiest year', async () => {
    const other = await browser.newPage({ viewport: VIEWPORTS.desktop });
    const otherWatch = watchPage(other);
    try {
      const cases: [Record<number, number>, number][] = [
        [{ 2022: 400, 2023: 520, 2024: 45, 2025: 9 }, 2024], // 45 ≥ 20, though under 10% of 520
        [{ 2024: 5000, 2025: 19 }, 2024], // 19: under 20 and under 10%
        [{ 2024: 5000, 2025: 20 }, 2025],
        [{ 2023: 100, 2024: 150, 2025: 15 }, 2025], // 15 ≥ 10% of 150
        [{ 2023: 12, 2024: 15, 2025: 3 }, 2025], // little data: 3 ≥ 10% of 15
        [{ 2025: 1 }, 2025],
      ];
      for (const [counts, want] of cases) {
        const asked: string[] = [];
        await other.unrouteAll();
        await other.route((u) => u.pathname.endsWith('/years'), (r) => r.fulfill({ json: { years: Object.keys(counts).map(Number) } }));
        await other.route(
          (u) => /\/stats\/\d{4}$/.test(u.pathname),
          (r) => {
            const year = Number(new URL(r.request().url()).pathname.slice(-4));
            const n = counts[year]!;
            return r.fulfill({ json: { year, totals: { received: Math.ceil(n / 2), sent: Math.floor(n / 2), accept: 0, ignore: 0, neither: n, withNote: 0 } } });
          },
        );
        await other.route(
          (u) => u.pathname.endsWith('/verdicts'),
          (r) => {
            asked.push(new URL(r.request().url()).searchParams.get('year') ?? '');
            return r.fulfill({ json: { items: [], cursor: null } });
          },
        );
        await other.goto(stack.webUrl);
        await expect.poll(async () => `${JSON.stringify(counts)} → ${await other.locator('#filter-year').inputValue()}`).toBe(`${JSON.stringify(counts)} → ${want}`);
        await expect.poll(() => asked.at(-1)).toBe(String(want));
      }
      expect(otherWatch.errors).toEqual([]);
    } finally {
      await other.close();
    }
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

  it('filters the verdicts by role, shows the role of each, and the year\'s "who writes to you"', async () => {
    const year = Number(await page.locator('.year').first().getAttribute('data-year'));
    const stats = await api<Stats>(`/stats/${year}`);
    // The year's card sums up who writes, from /stats: one line per role with notes received.
    const withNotes = Object.entries(stats.byDirection.INCOMING.byRole).filter(([, r]) => r.total - (r.byVerdict.NEITHER ?? 0) > 0);
    const card = page.locator(`.year[data-year="${year}"] .who-writes`);
    await expect.poll(() => card.locator('li[data-role]').count()).toBe(withNotes.length);
    expect(await card.innerText()).toContain('Who writes to you');

    await page.selectOption('#filter-category', '');
    await page.selectOption('#filter-direction', '');
    await page.selectOption('#filter-year', String(year));
    const [role, n] = Object.entries(stats.byRole).filter(([r]) => r !== 'unknown').sort((a, b) => b[1] - a[1])[0];
    expect(n).toBeGreaterThan(0);
    await page.selectOption('#filter-role', role);
    await waitForRows(`r.dataset.role === ${JSON.stringify(role)}`);
    await expect.poll(() => rows().count()).toBe(Math.min(25, n));
    for (const text of await page.locator('#verdicts tbody tr .role').allInnerTexts()) expect(text).toBe(ROLE_LABELS[role]);
    // With a direction too: the filters combine.
    await page.selectOption('#filter-direction', 'INCOMING');
    await waitForRows(`r.dataset.role === ${JSON.stringify(role)} && r.dataset.direction === 'INCOMING'`);
    await expect.poll(() => rows().count()).toBe(Math.min(25, stats.byDirection.INCOMING.byRole[role]!.total));
    await page.locator('#verdicts-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('local-4c-roles.png'), fullPage: true });
    await page.selectOption('#filter-role', '');
    await page.selectOption('#filter-direction', '');
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

  it("stores the job seeker's view through the API; the next upload keeps a recruiter who names a role", async () => {
    const box = page.locator('#keep-recruiter');
    await expect.poll(() => box.isEnabled()).toBe(true);
    expect(await box.isChecked()).toBe(false);
    expect((await api<{ keep: string[] }>('/settings')).keep).toEqual([]);
    await box.check();
    await expect.poll(() => page.locator('#view-status').innerText()).toMatch(/^Saved: the job seeker’s view\. It applies to your next upload/);
    expect((await api<{ keep: string[] }>('/settings')).keep).toEqual(['recruiter']);
    // Stored, not just ticked: a fresh page shows it.
    await page.reload();
    await expect.poll(() => box.isEnabled()).toBe(true);
    expect(await box.isChecked()).toBe(true);

    // The same person's older export with one more note: a recruiter naming a concrete role.
    const older = strFromU8(unzipSync(new Uint8Array(await readFile(samplePath('Basic_LinkedInDataExport_07-02-2025.zip'))))['Invitations.csv']);
    const table = Papa.parse<Record<string, string>>(older, { header: true, skipEmptyLines: true });
    const mine = table.data.find((r) => r.Direction === 'OUTGOING')!;
    const note = 'Hi, I am a recruiter at TalentBridge hiring a Senior Data Engineer (remote, Python and Airflow) for a logistics client. Open to a quick chat?';
    const recruiter = { From: 'Maja Holm', To: mine.From, 'Sent At': '6/20/25, 9:00 AM', Message: note, Direction: 'INCOMING', inviterProfileUrl: 'https://www.linkedin.com/in/maja-holm', inviteeProfileUrl: mine.inviterProfileUrl };
    expect(await dropCsv(Papa.unparse([...table.data, recruiter], { columns: table.meta.fields }))).toMatch(/^DONE: /);

    await page.selectOption('#filter-year', '2025');
    await page.selectOption('#filter-role', 'recruiter');
    await waitForRows(`r.dataset.role === 'recruiter'`);
    const kept = page.locator('#verdicts tbody tr[data-role="recruiter"]', { hasText: 'Maja Holm' });
    await expect.poll(() => kept.count()).toBe(1);
    expect(await kept.getAttribute('data-verdict')).toBe('ACCEPT');
    expect(await kept.locator('.kept').innerText()).toBe('kept: job seeker’s view');
    expect(await kept.locator('td.cat').innerText()).not.toBe('Good'); // the seed's category stays
    await kept.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('local-4d-job-seeker.png') });

    await box.uncheck();
    await expect.poll(() => page.locator('#view-status').innerText()).toMatch(/^Saved: the standard view/);
    expect((await api<{ keep: string[] }>('/settings')).keep).toEqual([]);
    await page.selectOption('#filter-role', '');
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
  it("a newcomer sees the sample, then drops another person's export and opens that person's report", async () => {
    const sample = await newestSampleExport();
    if (!sample) throw new Error('sample-data/ has no export zip: run npm run sample-data');
    const sampleOwner = sampleFile(basename(sample)).owner;
    // Default start: the sample is uploaded on first start.
    const stack = await startLocalStack({ memory: true, port: 0, s3Port: 0, dynamoPort: 0 });
    const browser = await launchBrowser();
    try {
      expect(stack.seededKey).not.toBeNull();
      const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
      const watch = watchPage(page);
      await page.goto(stack.webUrl);
      await page.waitForFunction(() => /^DONE/.test(document.getElementById('upload-status')?.textContent ?? ''), null, { timeout: 45_000 });
      // Nothing of yours yet: the page shows the sample, and says so.
      await expect.poll(() => page.locator('.year [data-report]').count()).toBeGreaterThan(0);
      expect(await page.locator('#demo-banner').isVisible()).toBe(true);
      expect(await page.locator('#account-switch [data-account="demo"]').getAttribute('aria-pressed')).toBe('true');
      await page.screenshot({ path: artifactPath('local-0-first-start.png') });

      // Your own export (another person than the sample's), through the page.
      await page.setInputFiles('#file', { name: 'Basic_LinkedInDataExport_03-20-2025.zip', mimeType: 'application/zip', buffer: Buffer.from(exportZip([...ROWS, EXTRA])) });
      await page.waitForFunction(() => /^(DONE|FAILED|Upload failed)/.test(document.getElementById('upload-status')?.textContent ?? '') && !/sample/.test(document.getElementById('upload-status')?.textContent ?? ''), null, { timeout: 45_000 });
      expect(await page.locator('#upload-status').innerText()).toMatch(/^DONE: \d+ connection requests read from Basic_LinkedInDataExport_03-20-2025\.zip/);
      expect(await page.locator('#demo-banner').isVisible()).toBe(false);
      expect(await page.locator('#account-switch [data-account="you"]').getAttribute('aria-pressed')).toBe('true');

      const mine = (await (await fetch(`${stack.apiUrl}/years`, { headers: { authorization: `Bearer ${stack.token}` } })).json()) as { years: number[] };
      expect(mine.years.length).toBeGreaterThan(0);
      await expect.poll(() => page.locator('.year').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.year)).sort())).toEqual([...mine.years].sort());

      const year = Math.max(...mine.years);
      const [report] = await Promise.all([page.context().waitForEvent('page'), page.locator(`[data-report="${year}"]`).click()]);
      await report.waitForLoadState();
      const html = await report.content();
      expect(html).toContain(OWNER);
      expect(html).not.toContain(sampleOwner);
      await report.screenshot({ path: artifactPath('local-0-your-report.png') });
      await report.close();

      // Delete all my data, with a confirmation: yours is gone, the sample's demo account is not.
      await page.locator('#delete-data').click();
      expect(await page.locator('#delete-confirm').isVisible()).toBe(true);
      await page.locator('#delete-yes').click();
      await page.waitForFunction(() => /^Deleted: /.test(document.getElementById('delete-status')?.textContent ?? ''));
      expect(await page.locator('#delete-status').innerText()).toMatch(/^Deleted: [1-9][\d,]* verdicts/);
      const after = (await (await fetch(`${stack.apiUrl}/years`, { headers: { authorization: `Bearer ${stack.token}` } })).json()) as { years: number[] };
      expect(after.years).toEqual([]);
      await expect.poll(() => page.locator('.year').count()).toBe(0);
      await page.screenshot({ path: artifactPath('local-0-deleted.png') });

      // The sample stays one click away.
      await page.locator('#account-switch [data-account="demo"]').click();
      expect(await page.locator('#demo-banner').isVisible()).toBe(true);
      await expect.poll(() => page.locator('.year').count()).toBeGreaterThan(0);
      expect(watch.errors).toEqual([]);
    } finally {
      await browser.close();
      await stack.stop();
    }
  });
});
