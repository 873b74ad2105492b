/**
 * The storage ports' contract as one suite, run against every adapter: the in-memory ones
 * (test/unit/app/memory-store.test.ts) and the real ones on the emulators
 * (test/integration/aws/store-contract.test.ts). A use case tested with the memory adapters can
 * rely on what passes here for both.
 *
 * Every test works with fresh user ids, so the suites can share one table and one bucket. Only
 * what the ports promise is asserted: not the order listCoverages returns, not whether a full
 * last page of verdicts is followed by an empty one.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ClassifiedRequest, Coverage } from '../../functions/audit/model.ts';
import { InvalidCursorError, type AuditStore, type BlobStore, type UploadForm, type UploadRecord, type VerdictQuery } from '../../functions/audit/ports.ts';
import { computeYearStats, type YearStats } from '../../functions/audit/stats/index.ts';
import { auditExport } from '../../functions/audit/audit.ts';
import { samplePath } from './sample-data.ts';

/** A fresh user id per test (the real adapters share one table and one bucket between tests). */
export const freshUser = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

/** An invented, classified CR: deterministic from `i`, dated in March of `year`. */
export function contractCr(i: number, year = 2025, message = `note ${i}`): ClassifiedRequest {
  const day = String((i % 28) + 1).padStart(2, '0');
  return {
    id: `cr-${String(i).padStart(4, '0')}`,
    owner: { name: 'Noor Halvorsen', profileUrl: 'https://www.linkedin.com/in/noor-halvorsen' },
    direction: i % 3 === 0 ? 'OUTGOING' : 'INCOMING',
    counterpart: { name: `Person ${i}`, profileUrl: `https://www.linkedin.com/in/p${i}`, key: `in:p${i}` },
    sentAt: `${year}-03-${day}T10:00:00.000Z`,
    year,
    message,
    outcome: 'unknown',
    source: { file: 'Invitations.csv', row: i + 2 },
    category: i % 2 ? 'sales_pitch' : 'no_message',
    verdict: i % 2 ? 'IGNORE' : 'NEITHER',
    confidence: 0.5,
    reasons: [{ rule: 'test.rule', category: i % 2 ? 'sales_pitch' : 'no_message', weight: 1, evidence: `e${i}` }],
    role: i % 2 ? 'vendor' : 'unknown',
    roleReasons: i % 2 ? [{ rule: 'role.test', role: 'vendor', weight: 1, evidence: `e${i}` }] : [],
  };
}

/** A deterministic pseudo-random sequence (LCG). */
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * Verdicts whose dates interleave over 2023–2025, every 7th sharing the previous one's instant
 * (ties broken by id), ids unrelated to dates (neither id order nor insertion order is date order).
 */
export function interleavedCrs(n: number, seed: number): ClassifiedRequest[] {
  const random = lcg(seed);
  const start = Date.UTC(2023, 0, 1, 8);
  const span = Date.UTC(2026, 0, 1, 8) - start;
  const out: ClassifiedRequest[] = [];
  for (let i = 0; i < n; i++) {
    const at = i % 7 === 6 ? out[i - 1]!.sentAt : new Date(start + Math.floor((random() * span) / 60_000) * 60_000).toISOString();
    const id = `v${Math.floor(random() * 1e8).toString(36).padStart(6, '0')}${i}`;
    const year = new Date(Date.parse(at) - 8 * 3_600_000).getUTCFullYear();
    out.push({ ...contractCr(i, year), id, sentAt: at, year });
  }
  return out;
}

/** Newest first: by sentAt, then id, both descending. */
export const newestFirst = (a: ClassifiedRequest, b: ClassifiedRequest) => (`${b.sentAt}#${b.id}` < `${a.sentAt}#${a.id}` ? -1 : 1);

/** Every page of a query, checking that no page is over the limit and that the last one says so. */
export async function pageThrough(store: AuditStore, userId: string, query: Omit<VerdictQuery, 'limit' | 'cursor'>, limit: number) {
  const items: ClassifiedRequest[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.queryVerdicts(userId, { ...query, limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.cursor ?? undefined;
    pages++;
  } while (cursor && pages < 500);
  expect(cursor).toBeUndefined();
  return { items, pages };
}

const ids = (crs: readonly ClassifiedRequest[]) => crs.map((v) => v.id);
const sortedIds = (crs: readonly ClassifiedRequest[]) => ids(crs).sort();

/** Real stats (computed by the domain) of `received` invented CRs of `year`. */
function yearStats(year: number, received: number): YearStats {
  const crs = Array.from({ length: received }, (_, i) => contractCr(i, year));
  return computeYearStats(crs, [], year, { today: `${year + 1}-01-15` });
}

function upload(uploadId: string, over: Partial<UploadRecord> = {}): UploadRecord {
  return { uploadId, key: `uploads/u/${uploadId}.zip`, filename: 'Basic_LinkedInDataExport_03-31-2026.zip', status: 'PENDING', createdAt: '2026-03-31T10:00:00.000Z', updatedAt: '2026-03-31T10:00:00.000Z', ...over };
}

/** The AuditStore contract; `store()` is called inside each test (after the suite's setup). */
export function auditStoreContract(name: string, store: () => AuditStore): void {
  describe(`AuditStore contract: ${name}`, () => {
    describe('verdicts', () => {
      it('stores each CR once, the last occurrence in one call winning, and reads back exactly the model', async () => {
        const s = store();
        const user = freshUser('once');
        const items = Array.from({ length: 40 }, (_, i) => contractCr(i));
        const dupes = [contractCr(3, 2025, 'changed note'), contractCr(30, 2025, 'changed too')];
        // Optional fields left undefined are not stored; unusual text survives as given.
        const odd = { ...contractCr(41), cluster: undefined, message: '', counterpart: { name: 'Zoë "Z" Ångström, PhD', profileUrl: null, key: 'name:zoë "z" ångström, phd' }, confidence: 0.1 + 0.2 };
        expect(await s.putVerdicts(user, [...items, odd, ...dupes])).toEqual({ written: 41, keptNewer: 0, unchanged: 0 });
        const stored = (await s.listVerdictsOfYears(user, [2025])).get(2025)!;
        expect(stored).toHaveLength(41);
        expect(stored.find((v) => v.id === 'cr-0003')!.message).toBe('changed note');
        expect(stored.find((v) => v.id === 'cr-0030')!.message).toBe('changed too');
        expect(stored.find((v) => v.id === 'cr-0005')).toStrictEqual(contractCr(5)); // nothing of the storage leaks
        const back = stored.find((v) => v.id === odd.id)!;
        expect(back).not.toHaveProperty('cluster');
        expect(back).toEqual(odd);
      });

      it('reads back classified verdicts exactly (advice, descriptions, roles), so the stats and reports of what is read back equal those of what was written', async () => {
        const s = store();
        const user = freshUser('classified');
        const { requests } = await auditExport({ name: 'Invitations.csv', path: samplePath('Invitations.csv') });
        expect(requests.some((r) => r.advice && r.reasons.some((x) => x.description) && r.roleReasons.length > 0)).toBe(true);
        await s.putVerdicts(user, requests, '2026-01-06', 'up-1');
        const years = [...new Set(requests.map((r) => r.year))];
        const byYear = await s.listVerdictsOfYears(user, years, { include: 'up-1' });
        for (const year of years) {
          const byId = (a: ClassifiedRequest, b: ClassifiedRequest) => (a.id < b.id ? -1 : 1);
          const want = requests.filter((r) => r.year === year).sort(byId);
          const got = byYear.get(year)!.sort(byId);
          expect(got).toStrictEqual(want);
          const stats = (crs: ClassifiedRequest[]) => computeYearStats(crs, [], year, { today: '2026-01-06' });
          expect(stats(got)).toStrictEqual(stats(want));
        }
      });

      it('writes and reads back thousands of verdicts in one call (more than one chunk of writes), a replaced reading kept as it was until committed', async () => {
        const s = store();
        const user = freshUser('many');
        const many = Array.from({ length: 2_600 }, (_, i) => contractCr(i));
        expect(await s.putVerdicts(user, many, '2026-01-01')).toEqual({ written: 2_600, keptNewer: 0, unchanged: 0 });
        // A newer reading of the last one, from an upload not committed: the committed reading stays shown.
        const changed = { ...contractCr(2_599), message: 'a newer reading' };
        await s.putUpload(user, upload('later', { status: 'PROCESSING' }));
        await s.putVerdicts(user, [...many.slice(0, 2_599), changed], '2026-02-01', 'later');
        const shown = (await s.listVerdictsOfYears(user, [2025])).get(2025)!;
        expect(shown).toHaveLength(2_600);
        expect(shown.find((v) => v.id === changed.id)).toStrictEqual(contractCr(2_599));
        expect((await s.listVerdictsOfYears(user, [2025], { include: 'later' })).get(2025)!.find((v) => v.id === changed.id)).toStrictEqual(changed);
      });

      it("keeps the newest export's reading of a CR, whatever the upload order (no date = oldest)", async () => {
        const s = store();
        const user = freshUser('order');
        const old = { ...contractCr(1), outcome: 'pending' as const };
        const newer = { ...contractCr(1), outcome: 'accepted' as const };
        expect(await s.putVerdicts(user, [newer, contractCr(2)], '2026-01-06')).toEqual({ written: 2, keptNewer: 0, unchanged: 0 });
        expect(await s.putVerdicts(user, [old, contractCr(3)], '2025-07-02')).toEqual({ written: 1, keptNewer: 1, unchanged: 0 });
        expect(await s.putVerdicts(user, [old], null)).toEqual({ written: 0, keptNewer: 1, unchanged: 0 });
        expect(await s.putVerdicts(user, [old])).toEqual({ written: 0, keptNewer: 1, unchanged: 0 });
        const stored = (await s.listVerdictsOfYears(user, [2025])).get(2025)!;
        expect(sortedIds(stored)).toEqual(['cr-0001', 'cr-0002', 'cr-0003']);
        expect(stored.find((v) => v.id === 'cr-0001')).toStrictEqual(newer);
        // A CR stored without a date is overwritten by any dated export.
        expect(await s.putVerdicts(user, [contractCr(4)])).toEqual({ written: 1, keptNewer: 0, unchanged: 0 });
        expect(await s.putVerdicts(user, [{ ...contractCr(4), outcome: 'accepted' }], '2020-01-01')).toEqual({ written: 1, keptNewer: 0, unchanged: 0 });
        expect((await s.listVerdictsOfYears(user, [2025])).get(2025)!.find((v) => v.id === 'cr-0004')!.outcome).toBe('accepted');
      });

      it('counts as unchanged a CR already stored with the same values from the same export, whatever the key order', async () => {
        const s = store();
        const user = freshUser('same');
        const items = Array.from({ length: 12 }, (_, i) => contractCr(i, 2024 + (i % 2)));
        const withUndefined = { ...contractCr(12), cluster: undefined };
        expect(await s.putVerdicts(user, [...items, withUndefined], '2026-01-06')).toEqual({ written: 13, keptNewer: 0, unchanged: 0 });
        const reordered = items.map((cr) => Object.fromEntries(Object.entries(cr).reverse()) as unknown as ClassifiedRequest);
        expect(await s.putVerdicts(user, [...reordered, withUndefined], '2026-01-06')).toEqual({ written: 13, keptNewer: 0, unchanged: 13 });
        const changed = { ...items[7]!, outcome: 'accepted' as const };
        expect(await s.putVerdicts(user, [changed, items[8]!], '2026-01-06')).toEqual({ written: 2, keptNewer: 0, unchanged: 1 });
        // Same values from a newer export: written (the export it was read from changed).
        expect(await s.putVerdicts(user, items.slice(0, 3), '2026-02-01')).toEqual({ written: 3, keptNewer: 0, unchanged: 0 });
        expect(await s.putVerdicts(user, items.slice(0, 3), '2026-02-01')).toEqual({ written: 3, keptNewer: 0, unchanged: 3 });
        const all = [...(await s.listVerdictsOfYears(user, [2024, 2025])).values()].flat();
        expect(all).toHaveLength(13);
        expect(all.find((v) => v.id === changed.id)).toStrictEqual(changed);
      });

      it('reads the verdicts of the asked years only, grouped by year, each asked year a key', async () => {
        const s = store();
        const user = freshUser('years');
        const other = freshUser('years-other');
        const items = Array.from({ length: 40 }, (_, i) => contractCr(i, 2021 + (i % 4)));
        await s.putVerdicts(user, items);
        await s.putVerdicts(other, [contractCr(100, 2022)]);
        const byYear = await s.listVerdictsOfYears(user, [2022, 2024, 2030, 2022]);
        expect([...byYear.keys()].sort()).toEqual([2022, 2024, 2030]);
        for (const year of [2022, 2024]) {
          const want = items.filter((x) => x.year === year);
          expect(sortedIds(byYear.get(year)!)).toEqual(sortedIds(want));
          expect(byYear.get(year)!.find((v) => v.id === want[0]!.id)).toStrictEqual(want[0]);
        }
        expect(byYear.get(2030)).toEqual([]);
        expect((await s.listVerdictsOfYears(user, [])).size).toBe(0);
        expect(await s.listVerdictsOfYears(freshUser('nobody'), [2025])).toEqual(new Map([[2025, []]]));
      });
    });

    describe('verdict pages', () => {
      it('lists newest first across pages, with or without filters, whatever the page size', async () => {
        const s = store();
        const user = freshUser('dated');
        const all = interleavedCrs(60, 11);
        for (let k = 0; k < 3; k++) await s.putVerdicts(user, all.filter((_, i) => i % 3 === k));
        await s.putVerdicts(freshUser('dated-other'), interleavedCrs(10, 12));
        expect(new Set(all.map((v) => v.year))).toEqual(new Set([2023, 2024, 2025]));
        const want = [...all].sort(newestFirst);
        for (const limit of [1, 7, 25, 100]) {
          const { items, pages } = await pageThrough(s, user, {}, limit);
          expect(ids(items), `limit ${limit}`).toEqual(ids(want));
          expect(pages).toBeGreaterThanOrEqual(Math.ceil(all.length / limit));
        }
        expect((await s.queryVerdicts(user, { limit: 3 })).items[0]).toStrictEqual(want[0]);
        for (const query of [
          { year: 2024 },
          { year: 2023, direction: 'OUTGOING' as const },
          { category: 'sales_pitch' as const },
          { direction: 'INCOMING' as const },
          { year: 2025, category: 'no_message' as const, direction: 'INCOMING' as const },
          { year: 2031 },
          { role: 'vendor' as const },
          { year: 2024, role: 'unknown' as const, direction: 'INCOMING' as const },
          { role: 'recruiter' as const },
        ]) {
          const expected = want.filter(
            (v) =>
              (query.year === undefined || v.year === query.year) &&
              (!('category' in query) || v.category === query.category) &&
              (!('direction' in query) || v.direction === query.direction) &&
              (!('role' in query) || v.role === query.role),
          );
          for (const limit of [2, 9]) {
            const { items } = await pageThrough(s, user, query, limit);
            expect(ids(items), `${JSON.stringify(query)} limit ${limit}`).toEqual(ids(expected));
          }
        }
      });

      it('reads a verdict stored before roles existed as role unknown, and role=unknown finds it', async () => {
        const s = store();
        const user = freshUser('roleless');
        const { role: _role, roleReasons: _reasons, ...legacy } = contractCr(1);
        await s.putVerdicts(user, [legacy as ClassifiedRequest, contractCr(2), contractCr(3), contractCr(4)]);
        const back = (await s.listVerdictsOfYears(user, [2025])).get(2025)!.find((v) => v.id === 'cr-0001')!;
        expect(back.role).toBe('unknown');
        expect(back.roleReasons).toEqual([]);
        // contractCr: odd i vendor, even i unknown; cr-0001 has no role at all.
        expect(sortedIds((await pageThrough(s, user, { role: 'unknown' }, 10)).items)).toEqual(['cr-0001', 'cr-0002', 'cr-0004']);
        expect(sortedIds((await pageThrough(s, user, { role: 'vendor' }, 1)).items)).toEqual(['cr-0003']);
        const page = await s.queryVerdicts(user, { role: 'unknown', limit: 10 });
        expect(page.items.find((v) => v.id === 'cr-0001')).toMatchObject({ role: 'unknown', roleReasons: [] });
      });

      it('an empty store gives one empty last page; a page larger than everything is the last', async () => {
        const s = store();
        const user = freshUser('empty');
        expect(await s.queryVerdicts(user, { limit: 10 })).toEqual({ items: [], cursor: null });
        expect(await s.queryVerdicts(user, { year: 2025, limit: 10 })).toEqual({ items: [], cursor: null });
        await s.putVerdicts(user, [contractCr(1), contractCr(2)]);
        const page = await s.queryVerdicts(user, { limit: 10 });
        expect(ids(page.items)).toEqual(['cr-0002', 'cr-0001']);
        expect(page.cursor).toBeNull();
      });

      it('a cursor is a fixed position: verdicts written while paging do not shift the pages', async () => {
        const s = store();
        const user = freshUser('stable');
        const all = interleavedCrs(30, 23);
        await s.putVerdicts(user, all);
        const want = [...all].sort(newestFirst);
        const first = await s.queryVerdicts(user, { limit: 10 });
        expect(ids(first.items)).toEqual(ids(want.slice(0, 10)));
        const newest = { ...contractCr(900, 2026), id: 'zz-newest', sentAt: '2026-06-01T12:00:00.000Z', year: 2026 };
        const older = { ...contractCr(901, 2023), id: 'aa-older', sentAt: '2023-01-01T09:00:00.000Z', year: 2023 };
        const reread = { ...want[3]!, outcome: 'accepted' as const };
        await s.putVerdicts(user, [newest, older, reread], '2030-01-01');
        const rest: ClassifiedRequest[] = [];
        let cursor = first.cursor;
        while (cursor) {
          const page = await s.queryVerdicts(user, { limit: 10, cursor });
          rest.push(...page.items);
          cursor = page.cursor;
        }
        expect(ids(rest)).toEqual(ids([...want.slice(10), older].sort(newestFirst)));
      });

      it('refuses a malformed, foreign or mis-scoped cursor with InvalidCursorError; the real ones work', async () => {
        const s = store();
        const user = freshUser('cursors');
        const other = freshUser('cursors-other');
        const crs = interleavedCrs(12, 5);
        await s.putVerdicts(user, crs);
        await s.putVerdicts(other, interleavedCrs(12, 6));
        const year = crs[0]!.year;
        const allYears = (await s.queryVerdicts(user, { limit: 3 })).cursor!;
        const ofYear = (await s.queryVerdicts(user, { year, limit: 1 })).cursor!;
        const foreign = (await s.queryVerdicts(other, { limit: 3 })).cursor!;
        expect([allYears, ofYear, foreign].every((c) => typeof c === 'string' && c.length > 0)).toBe(true);
        const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
        const bad: [string, string, VerdictQuery?][] = [
          ['not base64url', 'not a cursor!'],
          ['padded', `${allYears}==`],
          ['standard base64 alphabet', `${allYears}+/`],
          ['not JSON', b64('{pk: nope')],
          ['not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64url')],
          ['JSON null', b64('null')],
          ['JSON array', b64('[]')],
          ['JSON string', b64('"cursor"')],
          ['empty object', b64('{}')],
          ['another user', foreign],
          ['all-years cursor for one year', allYears, { year, limit: 3 }],
          ['one-year cursor for all years', ofYear, { limit: 3 }],
          ['cursor of another year', ofYear, { year: year + 1, limit: 3 }],
        ];
        for (const [what, cursor, query] of bad) {
          const err = await s.queryVerdicts(user, { ...(query ?? { limit: 3 }), cursor }).then(
            () => null,
            (e: unknown) => e,
          );
          expect(err, what).toBeInstanceOf(InvalidCursorError);
        }
        const want = [...crs].sort(newestFirst);
        expect(ids((await s.queryVerdicts(user, { limit: 3, cursor: allYears })).items)).toEqual(ids(want.slice(3, 6)));
        const yearWant = want.filter((v) => v.year === year);
        expect(ids((await s.queryVerdicts(user, { year, limit: 1, cursor: ofYear })).items)).toEqual(ids(yearWant.slice(1, 2)));
      });
    });

    describe('coverages, stats, uploads, owner', () => {
      it('keeps one coverage per covered period, named by its first upload', async () => {
        const s = store();
        const user = freshUser('cov');
        const coverage: Coverage = { source: 'a.zip', exportDate: '2025-06-30', windowStart: '2025-01-01', oldestSentAt: '2025-01-03T10:00:00.000Z', newestSentAt: '2025-06-29T10:00:00.000Z' };
        await s.putCoverage(user, coverage);
        await s.putCoverage(user, { ...coverage, source: 'renamed copy.zip' });
        expect(await s.listCoverages(user)).toEqual([coverage]);
        const undated: Coverage = { source: 'Invitations.csv', exportDate: null, windowStart: null, oldestSentAt: null, newestSentAt: null };
        await s.putCoverage(user, { ...coverage, exportDate: '2025-12-31' });
        await s.putCoverage(user, undated);
        await s.putCoverage(user, { ...undated, source: 'again.csv' });
        const all = await s.listCoverages(user);
        expect(all).toHaveLength(3);
        expect(all).toEqual(expect.arrayContaining([coverage, { ...coverage, exportDate: '2025-12-31' }, undated]));
        expect(await s.listCoverages(freshUser('nobody'))).toEqual([]);
      });

      it("lists an upload's coverage only once it is committed (or asked to include it); a later upload of the same period takes over a failed one's", async () => {
        const s = store();
        const user = freshUser('covvis');
        const coverage: Coverage = { source: 'a.zip', exportDate: '2025-06-30', windowStart: '2025-01-01', oldestSentAt: null, newestSentAt: null };
        await s.putUpload(user, upload('u1', { status: 'PROCESSING' }));
        await s.putCoverage(user, coverage, 'u1');
        expect(await s.listCoverages(user)).toEqual([]);
        expect(await s.listCoverages(user, { include: 'u1' })).toEqual([coverage]);
        await s.putUpload(user, upload('u1', { status: 'FAILED' }));
        expect(await s.listCoverages(user)).toEqual([]);
        // The same period from another upload: its name, shown once it commits.
        await s.putUpload(user, upload('u2', { status: 'PROCESSING' }));
        await s.putCoverage(user, { ...coverage, source: 'b.zip' }, 'u2');
        expect(await s.listCoverages(user, { include: 'u2' })).toEqual([{ ...coverage, source: 'b.zip' }]);
        await s.putUpload(user, upload('u2', { status: 'DONE', committed: true }));
        expect(await s.listCoverages(user)).toEqual([{ ...coverage, source: 'b.zip' }]);
        // A committed coverage is kept, whoever writes the period again.
        await s.putUpload(user, upload('u3', { status: 'PROCESSING' }));
        await s.putCoverage(user, { ...coverage, source: 'c.zip' }, 'u3');
        await s.putUpload(user, upload('u3', { status: 'FAILED' }));
        expect(await s.listCoverages(user)).toEqual([{ ...coverage, source: 'b.zip' }]);
      });

      it('deletes the stats of a year (idempotent)', async () => {
        const s = store();
        const user = freshUser('delstats');
        for (const year of [2024, 2025]) await s.putYearStats(user, yearStats(year, 1));
        await s.deleteYearStats(user, 2025);
        await s.deleteYearStats(user, 2025);
        await s.deleteYearStats(user, 2019);
        expect(await s.listYears(user)).toEqual([2024]);
        expect(await s.getYearStats(user, 2025)).toBeNull();
      });

      it('overwrites year stats, lists the years ascending, and refuses numbers DynamoDB cannot store', async () => {
        const s = store();
        const user = freshUser('stats');
        expect(await s.listYears(user)).toEqual([]);
        expect(await s.getYearStats(user, 2025)).toBeNull();
        for (const year of [2026, 2024, 2025]) await s.putYearStats(user, yearStats(year, 1));
        await s.putYearStats(user, yearStats(2025, 7));
        expect(await s.listYears(user)).toEqual([2024, 2025, 2026]);
        expect(await s.getYearStats(user, 2025)).toStrictEqual(yearStats(2025, 7));
        expect(await s.getYearStats(user, 2023)).toBeNull();
        expect(await s.listYears(freshUser('nobody'))).toEqual([]);
        const nan = { ...yearStats(2027, 0), sentAcceptance: { sent: 0, accepted: 0, pending: 0, unknown: 0, rate: Number.NaN } } as unknown as YearStats;
        await expect(s.putYearStats(user, nan)).rejects.toThrow();
        expect(await s.listYears(user)).toEqual([2024, 2025, 2026]);
      });

      it('keeps the last record of each upload, per user, without the fields left undefined', async () => {
        const s = store();
        const user = freshUser('uploads');
        await s.putUpload(user, upload('u1', { message: undefined }));
        expect(await s.getUpload(user, 'u1')).toStrictEqual(upload('u1'));
        const done = upload('u1', { status: 'DONE', updatedAt: '2026-03-31T10:01:00.000Z', counts: { requests: 3, received: 2, sent: 1, problems: 1 }, years: [2025, 2026], problems: [{ file: 'Invitations.csv', row: 4, reason: 'no date' }] });
        await s.putUpload(user, done);
        await s.putUpload(user, upload('u2'));
        expect(await s.getUpload(user, 'u1')).toStrictEqual(done);
        expect(await s.getUpload(user, 'u2')).toStrictEqual(upload('u2'));
        expect(await s.getUpload(user, 'u3')).toBeNull();
        expect(await s.getUpload(freshUser('nobody'), 'u1')).toBeNull();
      });

      it('keeps the last owner given', async () => {
        const s = store();
        const user = freshUser('owner');
        expect(await s.getOwner(user)).toBeNull();
        await s.putOwner(user, { name: 'Noor Halvorsen', profileUrl: null });
        expect(await s.getOwner(user)).toStrictEqual({ name: 'Noor Halvorsen', profileUrl: null });
        await s.putOwner(user, { name: 'Noor Halvorsen', profileUrl: 'https://www.linkedin.com/in/noor-halvorsen' });
        expect(await s.getOwner(user)).toStrictEqual({ name: 'Noor Halvorsen', profileUrl: 'https://www.linkedin.com/in/noor-halvorsen' });
      });

      it('claims the owner only for the first claimant, whoever races; answers the owner stored', async () => {
        const s = store();
        const user = freshUser('claim');
        const noor = { name: 'Noor Halvorsen', profileUrl: null };
        const jonas = { name: 'Jonas Berg', profileUrl: null };
        const [a, b] = await Promise.all([s.claimOwner(user, noor), s.claimOwner(user, jonas)]);
        expect(a).toStrictEqual(b);
        expect(await s.getOwner(user)).toStrictEqual(a);
        expect(await s.claimOwner(user, jonas)).toStrictEqual(a);
      });

      it('gives a claimed owner back only while no upload is committed, and only that very owner (with or without a profile URL)', async () => {
        const s = store();
        const user = freshUser('release');
        const noor = { name: 'Noor Halvorsen', profileUrl: 'https://www.linkedin.com/in/noor-halvorsen' };
        const jonas = { name: 'Jonas Berg', profileUrl: null };
        expect(await s.releaseOwner(user, noor)).toBe(false); // nobody to give back
        await s.claimOwner(user, noor);
        await s.putUpload(user, upload('u1', { status: 'FAILED' }));
        // Another owner, or the same name with another URL, is not the one claimed.
        expect(await s.releaseOwner(user, jonas)).toBe(false);
        expect(await s.releaseOwner(user, { ...noor, profileUrl: null })).toBe(false);
        expect(await s.getOwner(user)).toStrictEqual(noor);
        expect(await s.releaseOwner(user, noor)).toBe(true);
        expect(await s.getOwner(user)).toBeNull();
        // Released: the next claimant gets the account.
        expect(await s.claimOwner(user, jonas)).toStrictEqual(jonas);
        expect(await s.releaseOwner(user, { ...jonas, profileUrl: 'https://www.linkedin.com/in/jonas-berg' })).toBe(false);
        expect(await s.releaseOwner(user, jonas)).toBe(true);
        // Once an upload is committed, the owner stays whatever failed before or after.
        await s.claimOwner(user, noor);
        await s.putUpload(user, upload('u2', { status: 'DONE', committed: true }));
        expect(await s.releaseOwner(user, noor)).toBe(false);
        expect(await s.getOwner(user)).toStrictEqual(noor);
      });

      it('writes an upload record unlessDone only over a record that is not DONE', async () => {
        const s = store();
        const user = freshUser('unless');
        expect(await s.putUpload(user, upload('u1', { status: 'FAILED' }), { unlessDone: true })).toBe(true);
        await s.putUpload(user, upload('u1', { status: 'DONE', committed: true }));
        expect(await s.putUpload(user, upload('u1', { status: 'FAILED' }), { unlessDone: true })).toBe(false);
        expect((await s.getUpload(user, 'u1'))!.status).toBe('DONE');
      });

      it('gives the lease to one holder at a time, again once released or expired', async () => {
        const s = store();
        const user = freshUser('lease');
        expect(await s.acquireLease(user, 'a', 2_000, 1_000)).toBe(true);
        expect(await s.acquireLease(user, 'b', 2_000, 1_500)).toBe(false);
        expect(await s.acquireLease(user, 'a', 3_000, 1_500)).toBe(true);
        expect(await s.acquireLease(user, 'b', 5_000, 3_001)).toBe(true); // a's expired
        await s.releaseLease(user, 'a'); // not a's any more: nothing happens
        expect(await s.acquireLease(user, 'c', 6_000, 4_000)).toBe(false);
        await s.releaseLease(user, 'b');
        expect(await s.acquireLease(user, 'c', 6_000, 4_000)).toBe(true);
      });

      it("shows an upload's verdicts only once it is committed; a committed reading it replaces stays shown until then", async () => {
        const s = store();
        const user = freshUser('visible');
        const ids = async () => (await s.queryVerdicts(user, { limit: 100 })).items.map((v) => `${v.id}:${v.message}`).sort();
        const ofYears = async (include?: string) => ((await s.listVerdictsOfYears(user, [2025], { include })).get(2025) ?? []).map((v) => `${v.id}:${v.message}`).sort();
        await s.putUpload(user, upload('u1', { status: 'PROCESSING' }));
        await s.putVerdicts(user, [contractCr(1), contractCr(2)], '2025-04-01', 'u1');
        expect(await ids()).toEqual([]);
        expect(await ofYears()).toEqual([]);
        expect(await ofYears('u1')).toEqual(['cr-0001:note 1', 'cr-0002:note 2']);
        await s.putUpload(user, upload('u1', { status: 'DONE', committed: true }));
        expect(await ids()).toEqual(['cr-0001:note 1', 'cr-0002:note 2']);
        // A newer export re-reads cr-0002 differently and adds cr-0003, then fails.
        await s.putUpload(user, upload('u2', { status: 'PROCESSING' }));
        await s.putVerdicts(user, [contractCr(2, 2025, 'note 2, newer'), contractCr(3)], '2025-05-01', 'u2');
        expect(await ids()).toEqual(['cr-0001:note 1', 'cr-0002:note 2']);
        expect(await ofYears('u2')).toEqual(['cr-0001:note 1', 'cr-0002:note 2, newer', 'cr-0003:note 3']);
        await s.putUpload(user, upload('u2', { status: 'FAILED' }));
        expect(await ids()).toEqual(['cr-0001:note 1', 'cr-0002:note 2']);
        // A later run writes over what the failed one left; once committed, it is shown.
        await s.putUpload(user, upload('u3', { status: 'PROCESSING' }));
        expect(await s.putVerdicts(user, [contractCr(2), contractCr(3)], '2025-04-01', 'u3')).toEqual({ written: 2, keptNewer: 0, unchanged: 1 });
        await s.putUpload(user, upload('u3', { status: 'DONE', committed: true }));
        expect(await ids()).toEqual(['cr-0001:note 1', 'cr-0002:note 2', 'cr-0003:note 3']);
      });
    });

    describe('settings', () => {
      it('gives the standard view until set, then the last settings given, per user', async () => {
        const s = store();
        const user = freshUser('settings');
        const other = freshUser('settings-other');
        expect(await s.getSettings(user)).toEqual({ keep: [] });
        await s.putSettings(user, { keep: ['recruiter'], updatedAt: '2026-03-31T10:00:00.000Z' });
        expect(await s.getSettings(user)).toStrictEqual({ keep: ['recruiter'], updatedAt: '2026-03-31T10:00:00.000Z' });
        expect(await s.getSettings(other)).toEqual({ keep: [] });
        await s.putSettings(user, { keep: [], updatedAt: '2026-04-01T10:00:00.000Z' });
        expect(await s.getSettings(user)).toStrictEqual({ keep: [], updatedAt: '2026-04-01T10:00:00.000Z' });
        // The default handed out is a copy: changing it changes nothing stored.
        (await s.getSettings(other)).keep.push('recruiter');
        expect(await s.getSettings(other)).toEqual({ keep: [] });
      });
    });

    describe('deleting a user', () => {
      it('removes every item of the user, says what went, leaves others untouched, and is idempotent', async () => {
        const s = store();
        const user = freshUser('gone');
        const other = freshUser('stays');
        for (const u of [user, other]) {
          await s.putVerdicts(u, Array.from({ length: 30 }, (_, i) => contractCr(i, 2024 + (i % 2))));
          await s.putCoverage(u, { source: 'a.zip', exportDate: '2025-06-30', windowStart: '2025-01-01', oldestSentAt: null, newestSentAt: null });
          await s.putYearStats(u, yearStats(2024, 15));
          await s.putYearStats(u, yearStats(2025, 15));
          await s.putUpload(u, upload('u1'));
          await s.putUpload(u, upload('u2'));
          await s.putOwner(u, { name: 'Noor Halvorsen', profileUrl: null });
          await s.putSettings(u, { keep: ['recruiter'] });
        }
        expect(await s.deleteUser(user)).toEqual({ verdicts: 30, coverages: 1, stats: 2, uploads: 2, owner: 1, settings: 1 });
        expect(await s.queryVerdicts(user, { limit: 100 })).toEqual({ items: [], cursor: null });
        expect(await s.listCoverages(user)).toEqual([]);
        expect(await s.listYears(user)).toEqual([]);
        expect(await s.getUpload(user, 'u1')).toBeNull();
        expect(await s.getOwner(user)).toBeNull();
        expect(await s.getSettings(user)).toEqual({ keep: [] });
        expect(await s.deleteUser(user)).toEqual({ verdicts: 0, coverages: 0, stats: 0, uploads: 0, owner: 0, settings: 0 });
        expect((await pageThrough(s, other, {}, 100)).items).toHaveLength(30);
        expect(await s.listYears(other)).toEqual([2024, 2025]);
        expect(await s.getOwner(other)).not.toBeNull();
        expect(await s.getSettings(other)).toEqual({ keep: ['recruiter'] });
      });
    });
  });
}

/** A BlobStore with the ways a test reaches it from outside the port (a client, a browser, a link). */
export interface BlobHarness {
  blobs: BlobStore;
  /** Stores an object as a client with write access would (PutObject). */
  put(key: string, body: string | Uint8Array, opts?: { contentType?: string; metadata?: Record<string, string> }): Promise<void>;
  /** Posts an upload form with a file as a browser would; rejects when storage refuses it. */
  post(form: UploadForm, file: Uint8Array, filename: string): Promise<void>;
  /** What a link gives: the body, or null when there is nothing there. */
  open(url: string): Promise<Buffer | null>;
}

/** The BlobStore contract; `harness()` is called inside each test (after the suite's setup). */
export function blobStoreContract(name: string, harness: () => BlobHarness): void {
  describe(`BlobStore contract: ${name}`, () => {
    it('heads an object: null when missing, else its size, content type and lower-cased metadata', async () => {
      const h = harness();
      const key = `uploads/${freshUser('head')}/one.csv`;
      expect(await h.blobs.head(key)).toBeNull();
      await h.put(key, 'a,b\n1,2\n', { contentType: 'text/csv', metadata: { FileName: 'Invitations%20(1).csv' } });
      expect(await h.blobs.head(key)).toEqual({ size: 8, contentType: 'text/csv', metadata: { filename: 'Invitations%20(1).csv' } });
    });

    it('hands a local copy of the exact bytes, removed afterwards whether `use` succeeds or throws', async () => {
      const h = harness();
      const key = `uploads/${freshUser('copy')}/bytes.zip`;
      const bytes = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) % 256);
      await h.put(key, bytes);
      let seen = '';
      const out = await h.blobs.withLocalCopy(key, async (path) => {
        seen = path;
        expect(new Uint8Array(await readFile(path))).toEqual(bytes);
        return 42;
      });
      expect(out).toBe(42);
      expect(existsSync(seen)).toBe(false);
      const boom = new Error('boom');
      await expect(
        h.blobs.withLocalCopy(key, async (path) => {
          seen = path;
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(existsSync(seen)).toBe(false);
      await expect(h.blobs.withLocalCopy(`${key}.missing`, async () => 1)).rejects.toThrow();
    });

    it('stores and replaces the report of a year, read through a link', async () => {
      const h = harness();
      const user = freshUser('report');
      const link = await h.blobs.reportLink(user, 2025, 300);
      expect(await h.open(link)).toBeNull(); // a link is made without looking: nothing there yet
      await h.blobs.putReport(user, 2025, '<!doctype html><title>2025 é</title>');
      expect((await h.open(await h.blobs.reportLink(user, 2025, 300)))?.toString('utf8')).toBe('<!doctype html><title>2025 é</title>');
      await h.blobs.putReport(user, 2025, '<!doctype html><title>2025 again</title>');
      expect((await h.open(await h.blobs.reportLink(user, 2025, 300)))?.toString('utf8')).toBe('<!doctype html><title>2025 again</title>');
      expect(await h.open(await h.blobs.reportLink(user, 2024, 300))).toBeNull();
      expect(await h.open(await h.blobs.reportLink(freshUser('other'), 2025, 300))).toBeNull();
    });

    it('deletes the report of a year (idempotent)', async () => {
      const h = harness();
      const user = freshUser('delreport');
      await h.blobs.putReport(user, 2024, '<p>2024</p>');
      await h.blobs.putReport(user, 2025, '<p>2025</p>');
      await h.blobs.deleteReport(user, 2025);
      await h.blobs.deleteReport(user, 2025);
      await h.blobs.deleteReport(user, 2019);
      expect(await h.open(await h.blobs.reportLink(user, 2025, 300))).toBeNull();
      expect((await h.open(await h.blobs.reportLink(user, 2024, 300)))?.toString('utf8')).toBe('<p>2024</p>');
    });

    it("gives an upload form for the user's place; what is posted with it is stored there with its metadata", async () => {
      const h = harness();
      const user = freshUser('form');
      const uploadId = randomUUID();
      const form = await h.blobs.uploadForm(user, uploadId, 'zip', { maxBytes: 1024, metadata: { filename: encodeURIComponent('Mon export é.zip') }, expiresInSeconds: 300 });
      expect(form.key).toBe(`uploads/${user}/${uploadId}.zip`);
      expect(form.url).toMatch(/^https?:\/\//);
      expect(await h.blobs.head(form.key)).toBeNull();
      await h.post(form, Buffer.from('PK fake zip'), 'Mon export é.zip');
      const head = await h.blobs.head(form.key);
      expect(head).toMatchObject({ size: 11, metadata: { filename: encodeURIComponent('Mon export é.zip') } });
      expect((await h.blobs.uploadForm(user, uploadId, 'csv', { maxBytes: 1024, metadata: {}, expiresInSeconds: 300 })).key).toBe(`uploads/${user}/${uploadId}.csv`);
    });

    it("deletes every object of the user (uploads and reports), only theirs, and is idempotent", async () => {
      const h = harness();
      const user = freshUser('gone');
      const other = freshUser('stays');
      const keys: Record<string, string[]> = {};
      for (const u of [user, other]) {
        for (const format of ['zip', 'csv'] as const) {
          const form = await h.blobs.uploadForm(u, randomUUID(), format, { maxBytes: 1024, metadata: {}, expiresInSeconds: 300 });
          await h.post(form, Buffer.from(format), `export.${format}`);
          (keys[u] ??= []).push(form.key);
        }
        await h.blobs.putReport(u, 2025, '<p>r</p>');
      }
      expect(await h.blobs.deleteUser(user)).toBe(3);
      for (const key of keys[user]!) expect(await h.blobs.head(key)).toBeNull();
      expect(await h.open(await h.blobs.reportLink(user, 2025, 300))).toBeNull();
      expect(await h.blobs.deleteUser(user)).toBe(0);
      for (const key of keys[other]!) expect(await h.blobs.head(key)).not.toBeNull();
      expect(await h.open(await h.blobs.reportLink(other, 2025, 300))).not.toBeNull();
    });
  });
}
