/**
 * The yearly report in a real browser (Debian's chromium via playwright-core): sections render,
 * hostile payloads stay inert, no request leaves the file, and screenshots are saved to
 * test-artifacts/ (desktop and phone, full page).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IGNORE_CATEGORIES } from '../../functions/audit/model.ts';
import { renderYearReport } from '../../functions/audit/report/index.ts';
import { cr } from '../unit/report/fixtures.ts';
import { artifactPath, launchBrowser, VIEWPORTS, watchPage, type PageWatch } from './helpers/browser.ts';
import { loadReportData, templatesReportData, TEMPLATE_PATTERN, TEMPLATE_RECIPIENTS, type ReportData } from './helpers/report-data.ts';

let browser: Browser;
let dir: string;
let data: ReportData;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'aoi-report-'));
  data = await loadReportData();
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function writeReport(name: string, html: string): string {
  const path = join(dir, name);
  writeFileSync(path, html);
  return pathToFileURL(path).href;
}

async function open(url: string, viewport: { width: number; height: number }): Promise<{ page: Page; watch: PageWatch }> {
  const page = await browser.newPage({ viewport });
  const watch = watchPage(page);
  await page.goto(url, { waitUntil: 'load' });
  return { page, watch };
}

describe('the yearly report in chromium', () => {
  it('renders every section, readable charts, and makes no request but the file itself', async () => {
    const html = renderYearReport({ requests: data.requests, coverages: data.coverages, year: data.year, owner: data.owner, generatedAt: data.generatedAt });
    const url = writeReport(`report-${data.year}.html`, html);
    const { page, watch } = await open(url, VIEWPORTS.desktop);

    expect(await page.locator('h1').innerText()).toContain(String(data.year));
    const h2 = await page.locator('main h2').allInnerTexts();
    for (const section of ['What this covers', 'The year in numbers', 'Hall of shame', 'Hall of fame', 'Your own requests']) expect(h2).toContain(section);
    expect(await page.locator('main').count()).toBe(1);
    expect(await page.locator('nav[aria-label]').count()).toBe(1);
    // Charts: visible SVGs with an accessible name and a data table alternative.
    const charts = page.locator('figure.chart svg[role="img"]:visible');
    expect(await charts.count()).toBeGreaterThanOrEqual(2);
    for (const svg of await charts.all()) {
      const box = await svg.boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(50);
      const labelled = await svg.getAttribute('aria-labelledby');
      const title = await page.locator(`[id="${labelled!.split(' ')[0]}"]`).textContent();
      expect(title!.length).toBeGreaterThan(10);
    }
    expect(await page.locator('figure.chart details table').count()).toBe(await page.locator('figure.chart').count());
    // The hall of shame shows notes with highlighted evidence when there is any IGNORE note.
    if ((await page.locator('#shame article').count()) > 0) expect(await page.locator('#shame article mark').count()).toBeGreaterThan(0);

    await page.screenshot({ path: artifactPath(`report-${data.year}-desktop.png`), fullPage: true });
    // Print: no navigation, the data tables' toggles hidden, still every section.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    expect(await page.locator('main h2:visible').count()).toBe(h2.length);
    await page.pdf({ path: artifactPath(`report-${data.year}.pdf`), format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const phone = await open(url, VIEWPORTS.phone);
    // Responsive: the phone gets the narrow chart layout, and nothing is wider than the screen.
    expect(await phone.page.locator('figure.chart svg.narrow:visible').count()).toBe(await phone.page.locator('figure.chart').count());
    expect(await phone.page.locator('figure.chart svg.wide:visible').count()).toBe(0);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await phone.page.screenshot({ path: artifactPath(`report-${data.year}-phone.png`), fullPage: true });

    for (const w of [watch, phone.watch]) {
      expect(w.requests).toEqual([url]);
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
      expect(w.console.filter((m) => m.startsWith('error'))).toEqual([]);
    }
    await page.close();
    await phone.page.close();
  });

  it('keeps hostile notes, names and URLs inert: no script runs, no request, payloads shown as text', async () => {
    const payloads = [
      '<script>window.__pwned = "script"; alert(1)</script>',
      '<img src=x onerror="window.__pwned = \'img\'; alert(2)">',
      '<svg onload="window.__pwned = \'svg\'">',
      '" onmouseover="window.__pwned = \'attr\'" data-x="',
      "' autofocus onfocus='window.__pwned = 1' x='",
      '<a href="javascript:window.__pwned = \'link\'">click me</a>',
      '<link rel="stylesheet" href="https://evil.example/x.css"><iframe src="https://evil.example/"></iframe>',
      '<style>body{background:url(https://evil.example/bg.png)}</style>',
    ];
    const hostile = payloads.flatMap((p, i) => [
      // One per IGNORE category (so each is the worst of its category), and the best good notes.
      cr({ category: IGNORE_CATEGORIES[i % IGNORE_CATEGORIES.length], name: `${p} Sender${i}`, company: p, message: `Pitch ${p}`, reasons: [['pitch.offer_services', p, 100 + i]],
        profileUrl: ['javascript:window.__pwned="href"', `https://www.linkedin.com/in/x${p}`, `https://evil.example/${p}`][i % 3], sentAt: '2025-06-10T12:00:00.000Z', year: data.year }),
      cr({ category: 'good', name: `Fan ${p}`, message: `Loved your talk ${p}`, reasons: [['good.shared_event', p, 100 - i]], sentAt: '2025-06-11T12:00:00.000Z', year: data.year,
        profileUrl: `https://www.linkedin.com/in/fan${i}?q=${encodeURIComponent(p)}` }),
    ]);
    const html = renderYearReport({
      // The payloads alone (a short page): each is the worst of its category or among the best notes.
      requests: hostile,
      coverages: data.coverages,
      year: data.year,
      owner: { name: payloads[0], profileUrl: 'javascript:window.__pwned="owner"' },
      generatedAt: data.generatedAt,
    });
    const url = writeReport(`hostile-${data.year}.html`, html);
    const { page, watch } = await open(url, VIEWPORTS.desktop);

    // Touch everything a payload could hook: hover and focus the notes, names and links.
    for (const el of (await page.locator('blockquote.note, blockquote.note a, h1, .owner').all()).slice(0, 40)) {
      await el.hover({ force: true, timeout: 2000 }).catch(() => undefined);
    }
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');

    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.requests).toEqual([url]);
    // Nothing the payloads wanted made it into the DOM as markup.
    const dom = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script, iframe, img, link, object, embed').length,
      styles: document.querySelectorAll('style').length,
      handlers: Array.from(document.querySelectorAll('*')).flatMap((e) => Array.from(e.attributes).filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName}.${a.name}`)),
      hrefs: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')!),
      text: document.body.innerText,
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
    }));
    expect(dom.scripts).toBe(0);
    expect(dom.styles).toBe(1);
    expect(dom.handlers).toEqual([]);
    for (const href of dom.hrefs) expect(href.startsWith('#') || href.startsWith('https://www.linkedin.com/')).toBe(true);
    expect(dom.csp).toContain("default-src 'none'");
    // Each payload is visible as text: in the hall of shame (i ≥ 2) or the hall of fame (top 5: i ≤ 4).
    for (const p of payloads) expect(dom.text.includes(`Pitch ${p}`) || dom.text.includes(`Loved your talk ${p}`), p).toBe(true);
    expect(dom.text).toContain(payloads[0]);
    await page.locator('#shame').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath(`report-${data.year}-hostile.png`) });
    await page.close();
  });

  it('the redacted variant shows no name of the sample and no profile link', async () => {
    const html = renderYearReport({ requests: data.requests, coverages: data.coverages, year: data.year, owner: data.owner, redact: true, generatedAt: data.generatedAt });
    const url = writeReport(`report-${data.year}-redacted.html`, html);
    const { page, watch } = await open(url, VIEWPORTS.desktop);
    const text = await page.locator('body').innerText();
    const names = data.requests.filter((r) => r.year === data.year).map((r) => r.counterpart.name).filter((n) => n.length > 3);
    for (const n of names) expect(text).not.toContain(n);
    expect(await page.locator('a[href^="https:"]').count()).toBe(0);
    expect(watch.requests).toEqual([url]);
    await page.locator('#shame').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath(`report-${data.year}-redacted-desktop.png`) });
    await page.close();
  });

  it('grades the owner\'s templates in a table: one note sent to 12 people, one to 2, and the notes written one by one', async () => {
    const t = templatesReportData();
    const html = renderYearReport({ requests: t.requests, coverages: t.coverages, year: t.year, owner: t.owner, generatedAt: t.generatedAt });
    const url = writeReport(`templates-${t.year}.html`, html);
    const { page, watch } = await open(url, VIEWPORTS.desktop);

    const section = page.locator('#templates');
    await expect.poll(() => section.isVisible()).toBe(true);
    expect(await section.locator('h2').innerText()).toBe('Your templates');
    expect(await page.locator('nav.toc a[href="#templates"]').count()).toBe(1);
    const table = section.locator('table.templates');
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['TEMPLATE', 'SENT', 'ACCEPTED', 'RATE', 'VERDICT']);
    // One row per template, most sent first: pattern, sent, accepted, rate, verdict.
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ id: tr.getAttribute('data-template'), cells: Array.from(tr.children).map((c) => (c as HTMLElement).innerText.replace(/\s+/g, ' ').trim()) })),
    );
    expect(rows.map((r) => r.id)).toEqual(['tpl-sdr', 'tpl-profile']);
    const [sdr, profile] = rows;
    expect(sdr.cells[0]).toContain(TEMPLATE_PATTERN);
    expect(sdr.cells[0]).toContain(`You sent this note to ${TEMPLATE_RECIPIENTS.length} people; only the name changed.`);
    expect(sdr.cells.slice(1, 4)).toEqual(['12', '4', '33%']);
    expect(sdr.cells[4]).toMatch(/Bot.*IGNORE/i);
    expect(sdr.cells[4]).not.toMatch(/unsure/);
    expect(profile.cells.slice(1, 4)).toEqual(['2', '1', '50%']);
    expect(profile.cells[4]).toMatch(/Irrelevant/);
    expect(profile.cells[4]).toMatch(/unsure — 0\.52/);
    expect(profile.cells[4]).toMatch(/leans IGNORE/);
    // The notes written one by one: 3 sent, 2 accepted.
    const foot = (await table.locator('tfoot tr').innerText()).replace(/\s+/g, ' ').trim();
    expect(foot).toMatch(/^Notes written one by one 3 2 67% 2 ACCEPT · 1 IGNORE$/);
    expect(await section.innerText()).toMatch(/Accepted: 36% of your templated notes, 67% of the notes you wrote one by one/);
    // The {name} slot is set apart, and the table is readable: the pattern column is not squeezed.
    expect(await table.locator('tbody tr').first().locator('.slot').first().innerText()).toBe('{name}');
    const patternBox = await table.locator('tbody th.tpl').first().boundingBox();
    expect(patternBox!.width).toBeGreaterThan(250);
    // The template sent to 12 people is nowhere among "Your best three".
    const sent = await page.locator('#sent').innerText();
    const best = sent.slice(sent.indexOf('Your best three'));
    for (const name of TEMPLATE_RECIPIENTS) expect(best).not.toContain(name);
    expect(best).toContain('Mo Adams');
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: artifactPath('report-templates-desktop.png') });
    await page.screenshot({ path: artifactPath('report-templates-page.png'), fullPage: true });

    const phone = await open(url, VIEWPORTS.phone);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await phone.page.locator('#templates').screenshot({ path: artifactPath('report-templates-phone.png') });
    for (const w of [watch, phone.watch]) {
      expect(w.requests).toEqual([url]);
      expect(w.errors).toEqual([]);
    }
    await page.close();
    await phone.page.close();
  });
});

