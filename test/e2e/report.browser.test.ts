/**
 * The yearly report in a real browser (Debian's chromium via playwright-core): sections render,
 * hostile payloads stay inert, no request leaves the file, nothing widens the page (long links
 * and unbroken words in notes wrap, tables scroll in their own box), and screenshots are saved to
 * test-artifacts/ (desktop and phone, full page).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditExport } from '../../functions/audit/audit.ts';
import { IGNORE_CATEGORIES } from '../../functions/audit/model.ts';
import { isMeaningfulEvidence } from '../../functions/audit/report/evidence.ts';
import { renderYearReport } from '../../functions/audit/report/index.ts';
import { buildExport, type ExportRow } from '../helpers/export-builder.ts';
import { cr } from '../helpers/report-fixtures.ts';
import { artifactPath, launchBrowser, VIEWPORTS, watchPage, type PageWatch } from '../helpers/browser.ts';
import { loadReportData, templatesReportData, TEMPLATE_PATTERN, TEMPLATE_RECIPIENTS, type ReportData } from '../helpers/report-data.ts';

let browser: Browser;
let dir: string;
let data: ReportData;
let longLinks: ReportData;

/** A tracking link as real notes carry them: 330 characters without a space. */
const LONG_URL =
  'https://calendly.example.com/acme-growth-partners/free-30-minute-discovery-call-with-our-senior-solutions-team?utm_source=linkedin&utm_medium=connection_request&utm_campaign=q1_outbound_data_engineering_leaders_2026&utm_content=variant_b&session=7f3e9a1c5b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f';
const SLIDES_URL =
  'https://slides.example.org/dataconf-2026/streaming-csv-parsers-without-tears/final-version-with-speaker-notes-and-benchmarks.pdf?utm_source=linkedin&utm_medium=invitation&utm_campaign=benchmarks_outreach_spring_2026&utm_content=connection_note_variant_b&session=7f3e9a1c5b2d4e6f8a0b1c2d3e4f5a6b';
const COMMUNITY_URL = 'https://community.example.net/join/exclusive-founders-and-data-leaders-mastermind-invite-only-cohort-spring-2026?ref=linkedin_invite_8f3a9c2e7b1d4f60';
/** 150 letters without a space or a hyphen. */
const LONG_WORD = 'Supercalifragilisticexpialidociousnetworkingopportunitiesforeveryoneeverywhereallatonceandthensomemorebecausewhynotkeepgoinguntilthelinebreaksthelayout';
const LONG_COMPANY = 'Hyperscalecloudinfrastructureconsultancygroupinternational';

/**
 * An export (invented people) whose notes carry long links and long unbroken words, read and
 * classified by the real pipeline: they land in the hall of shame (pitch, irrelevant, ask, bot,
 * coworker template, copy-paste clusters), the hall of fame, the owner's sent notes and the
 * templates table, and in the evidence quoted under the notes.
 */
async function longLinksReportData(): Promise<ReportData> {
  const rows: ExportRow[] = [
    { direction: 'INCOMING', name: 'Rowan Pellegrino', message: `Hi Dana, we help data teams cut their cloud bill by 40%. Book a free demo here: ${LONG_URL}` },
    { direction: 'INCOMING', name: 'Maximilianus Featherstonehaughworthington', message: `${LONG_WORD}!!! Let's connect.` },
    { direction: 'INCOMING', name: 'Tilly Okonkwo', message: `Could you like and share my latest post? ${COMMUNITY_URL.replace('community.example.net/join', 'www.linkedin.com/posts')} Thanks!` },
    { direction: 'INCOMING', name: 'Ines Vartanian', message: `Hi Dana, loved your DataConf talk on streaming CSV parsers; the slides at ${SLIDES_URL} helped me fix our quoting bug. Would be glad to connect.` },
    ...['Cato Lindqvist', 'Priya Ramaswamy', 'Jules Abernathy'].map((name) => ({ direction: 'INCOMING' as const, name, message: `Join our exclusive founders community before seats run out: ${COMMUNITY_URL}` })),
    ...['Odile Brandt', 'Kofi Mensah'].map((name) => ({ direction: 'INCOMING' as const, name, message: `Our team at ${LONG_COMPANY} helps engineers like you scale: ${LONG_URL}` })),
    ...['Nora Quist', 'Emil Sato', 'Lupe Varga'].map((name) => ({ direction: 'OUTGOING' as const, name, message: `Hi ${name.split(' ')[0]}, I wrote up our CSV parser benchmarks here: ${SLIDES_URL} — would love your thoughts!` })),
    { direction: 'OUTGOING', name: 'Ravi Doshi', message: `Ravi, your post on backpressure (${COMMUNITY_URL}) matched exactly what we hit at Streamline; glad to connect.` },
  ];
  const zip = buildExport({
    owner: { first: 'Dana', last: 'Whitfield', headline: 'Data engineer at Streamline', industry: 'Software Development' },
    rows,
    connections: [
      { name: 'Odile Brandt', company: LONG_COMPANY, position: 'Principalsolutionsarchitectandevangelist' },
      { name: 'Kofi Mensah', company: LONG_COMPANY },
      { name: 'Nora Quist', company: 'Streamline' },
      { name: 'Ravi Doshi', company: 'Backpressure Labs' },
    ],
    date: '03-31-2026',
  });
  const audit = await auditExport(zip);
  return { from: 'fixtures', requests: audit.requests, coverages: [audit.coverage], owner: audit.owner, year: 2026, generatedAt: '2026-03-31T12:00:00.000Z' };
}

beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'aoi-report-'));
  data = await loadReportData();
  longLinks = await longLinksReportData();
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

/** What makes a page wider than the screen, measured in the page. */
interface Fit {
  innerWidth: number;
  scrollWidth: number;
  /** Elements (outside a scroll box) whose right edge passes the viewport. */
  overflowing: string[];
  tables: { scroller: string | null; overflowX: string; right: number; scrolls: boolean }[];
  /** The text of every highlight. */
  marks: string[];
}

async function measureFit(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const describe = (e: Element) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).replace(/\s+/g, '.')}` : ''}`;
    const overflowing = Array.from(document.querySelectorAll('body *'))
      .filter((e) => !e.closest('.scroll') && !e.closest('.sr') && e.getBoundingClientRect().right > vw + 0.5)
      .map((e) => `${describe(e)} → ${Math.round(e.getBoundingClientRect().right)}px: ${(e.textContent ?? '').trim().slice(0, 60)}`);
    const tables = Array.from(document.querySelectorAll('table')).map((t) => {
      const scroller = t.parentElement?.closest('.scroll') ?? null;
      return {
        scroller: scroller ? describe(scroller) : null,
        overflowX: scroller ? getComputedStyle(scroller).overflowX : '',
        right: scroller ? scroller.getBoundingClientRect().right : t.getBoundingClientRect().right,
        scrolls: scroller ? scroller.scrollWidth > scroller.clientWidth : false,
      };
    });
    return { innerWidth: vw, scrollWidth: document.documentElement.scrollWidth, overflowing, tables, marks: Array.from(document.querySelectorAll('mark')).map((m) => m.textContent ?? '') };
  });
}

describe('the report fits the screen: long links and unbroken words wrap, tables scroll in their own box', () => {
  const cases = [
    { name: 'sample', get: () => data, shot: (w: number) => `report-${w}.png` },
    { name: 'long links', get: () => longLinks, shot: (w: number) => `report-longlinks-${w}.png` },
  ];
  for (const c of cases) {
    for (const viewport of [VIEWPORTS.desktop, VIEWPORTS.phone]) {
      it(`${c.name} at ${viewport.width} px: no horizontal page scroll`, async () => {
        const d = c.get();
        const html = renderYearReport({ requests: d.requests, coverages: d.coverages, year: d.year, owner: d.owner, generatedAt: d.generatedAt });
        const url = writeReport(`fit-${c.name.replace(/\s+/g, '-')}-${viewport.width}.html`, html);
        const { page, watch } = await open(url, viewport);
        // Open the charts' data tables too: they must fit once shown.
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
        const fit = await measureFit(page);
        await page.screenshot({ path: artifactPath(c.shot(viewport.width)), fullPage: true });

        expect(fit.innerWidth).toBe(viewport.width);
        expect(fit.overflowing).toEqual([]);
        expect(fit.scrollWidth).toBeLessThanOrEqual(fit.innerWidth);
        // Every table sits in a box that scrolls sideways and itself fits the screen.
        expect(fit.tables.length).toBeGreaterThan(0);
        for (const t of fit.tables) {
          expect(t.scroller).toBe('div.scroll');
          expect(['auto', 'scroll']).toContain(t.overflowX);
          expect(t.right).toBeLessThanOrEqual(viewport.width);
        }
        // Only evidence that carries meaning is highlighted: never a lone "?" or one common word.
        for (const m of fit.marks) expect(isMeaningfulEvidence(m), m).toBe(true);
        // Rule ids are in tooltips, not in the text.
        const rules = await page.locator('.why li[data-rule]').evaluateAll((lis) => lis.map((li) => ({ rule: li.getAttribute('data-rule')!, title: li.getAttribute('title') })));
        expect(rules.length).toBeGreaterThan(0);
        const text = await page.locator('body').innerText();
        for (const r of rules) {
          expect(r.title).toBe(`Rule: ${r.rule}`);
          expect(text).not.toContain(r.rule);
        }
        if (c.name === 'long links') {
          // The long links and words are on the page (in notes, evidence, the templates table), wrapped.
          const notes = await page.locator('blockquote.note').allInnerTexts();
          for (const s of [LONG_URL, SLIDES_URL, COMMUNITY_URL, LONG_WORD]) expect(notes.some((n) => n.replace(/\s+/g, '').includes(s)), s.slice(0, 40)).toBe(true);
          expect((await page.locator('table.templates').innerText()).replace(/\s+/g, '')).toContain(SLIDES_URL);
          // Each note stays inside its card.
          const inside = await page.locator('blockquote.note').evaluateAll((qs) =>
            qs.every((q) => q.getBoundingClientRect().right <= (q.closest('.card') ?? document.body).getBoundingClientRect().right + 0.5),
          );
          expect(inside).toBe(true);
        }
        if (viewport === VIEWPORTS.phone && c.name === 'sample') {
          // On a phone, a wide table scrolls inside its box (the page does not).
          expect(fit.tables.some((t) => t.scrolls)).toBe(true);
        }
        expect(watch.requests).toEqual([url]);
        expect(watch.errors).toEqual([]);
        await page.close();
      });
    }
  }
});

describe('the yearly report in chromium', () => {
  it('renders every section, readable charts, and makes no request but the file itself', async () => {
    const html = renderYearReport({ requests: data.requests, coverages: data.coverages, year: data.year, owner: data.owner, generatedAt: data.generatedAt });
    const url = writeReport(`report-${data.year}.html`, html);
    const { page, watch } = await open(url, VIEWPORTS.desktop);

    expect(await page.locator('h1').innerText()).toContain(String(data.year));
    const h2 = await page.locator('main h2').allInnerTexts();
    for (const section of ['What this covers', 'The year in numbers', 'Who writes to you', 'Hall of shame', 'Hall of fame', 'Your own requests']) expect(h2).toContain(section);
    // Who writes to you: the roles of the notes received, month by month, and their verdicts; the view is named.
    expect(await page.locator('.hero .view').innerText()).toMatch(/^Standard view/);
    if (data.requests.some((r) => r.year === data.year && r.direction === 'INCOMING' && r.category !== 'no_message')) {
      expect(await page.locator('#who table.roles-by-month tbody tr').count()).toBeGreaterThan(0);
      expect(await page.locator('#who .role-card').count()).toBeGreaterThan(0);
    }
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

