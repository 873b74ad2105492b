/**
 * The DynamoDB adapter against dynalite (real SDK client, loopback HTTP): batches of at most 25
 * with keys unique inside a batch, UnprocessedItems retried with jittered backoff within a budget
 * (throttling injected by a wrapper that forwards only part of each batch to the real table),
 * and paginated queries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startEmulators, type Emulators } from '../../helpers/emulators.ts';
import {
  BATCH_SIZE,
  BatchWriteBudgetExceeded,
  DynamoAuditStore,
  backoffDelay,
  batchPut,
  itemDigest,
  uniqueBatches,
  type RetryPolicy,
} from '../../../functions/aws/dynamo-store.ts';
import type { ClassifiedRequest } from '../../../functions/audit/model.ts';
import { InvalidCursorError, type VerdictQuery } from '../../../functions/audit/ports.ts';

/** Every stored verdict of one year (the store reads several years in one consistent read). */
async function verdictsOfYear(store: DynamoAuditStore, userId: string, year: number) {
  return (await store.listVerdictsOfYears(userId, [year])).get(year) ?? [];
}

let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(async () => {
  await emu?.stop();
});

function cr(i: number, year = 2025, message = `note ${i}`): ClassifiedRequest {
  const day = String((i % 28) + 1).padStart(2, '0');
  return {
    id: `cr-${String(i).padStart(4, '0')}`,
    owner: { name: 'Dana', profileUrl: null },
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

async function countType(type: string, pk: string): Promise<number> {
  let n = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await emu.clients.doc.send(new ScanCommand({ TableName: emu.table, ExclusiveStartKey: start }));
    n += (out.Items ?? []).filter((i) => i.type === type && i.pk === pk).length;
    start = out.LastEvaluatedKey;
  } while (start);
  return n;
}

/** Forwards only the first `keep` requests of each batch to the real table, `times` times; returns the rest as UnprocessedItems. */
function throttling(doc: DynamoDBDocumentClient, times: number, keep = 5) {
  const seen: number[] = [];
  let left = times;
  const wrapper = {
    async send(cmd: BatchWriteCommand) {
      const [table, requests] = Object.entries(cmd.input.RequestItems!)[0]!;
      seen.push(requests.length);
      if (left === 0) return doc.send(cmd);
      left--;
      const accepted = requests.slice(0, keep);
      if (accepted.length) await doc.send(new BatchWriteCommand({ RequestItems: { [table]: accepted } }));
      return { UnprocessedItems: { [table]: requests.slice(keep) } };
    },
  };
  return { client: wrapper as unknown as DynamoDBDocumentClient, seen };
}

describe('batch writes', () => {
  it('split into batches of at most 25 with unique keys, the last occurrence winning', () => {
    const items = Array.from({ length: 80 }, (_, i) => ({ k: `k${i % 60}`, v: i }));
    const batches = uniqueBatches(items, (x) => x.k);
    expect(batches.every((b) => b.length <= BATCH_SIZE)).toBe(true);
    const flat = batches.flat();
    expect(flat).toHaveLength(60);
    expect(new Set(flat.map((x) => x.k)).size).toBe(60);
    for (const x of flat) expect(x.v).toBe(Number(x.k.slice(1)) >= 20 ? Number(x.k.slice(1)) : Number(x.k.slice(1)) + 60);
  });

  it('item digests ignore key order and undefined values, and tell apart any change of value or type', () => {
    const item = { pk: 'USER#u', sk: 'CR#1', n: 1, s: 'a', list: [1, 'x', { b: true, a: null }], nested: { z: [new Set(['b', 'a'])], y: 2.5 } };
    const same = { nested: { y: 2.5, z: [new Set(['a', 'b'])] }, list: [1, 'x', { a: null, b: true }], s: 'a', n: 1, sk: 'CR#1', pk: 'USER#u', gone: undefined };
    expect(itemDigest(same)).toBe(itemDigest(item));
    const variants = [
      { ...item, n: '1' },
      { ...item, s: 'b' },
      { ...item, s: undefined },
      { ...item, list: [1, 'x', { b: true, a: null }, 2] },
      { ...item, list: ['x', 1, { b: true, a: null }] },
      { ...item, list: [1, 'x', { b: false, a: null }] },
      { ...item, list: [1, 'x', { b: true, a: 'null' }] },
      { ...item, nested: { z: [['a', 'b']], y: 2.5 } },
      { ...item, nested: { z: [new Set(['a'])], y: 2.5 } },
      { ...item, extra: null },
    ];
    const digests = new Set([itemDigest(item), ...variants.map(itemDigest)]);
    expect(digests.size).toBe(variants.length + 1);
  });

  it('backoff is full-jitter exponential, capped', () => {
    const policy: RetryPolicy = { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 1000 };
    for (let attempt = 0; attempt < 10; attempt++) {
      const cap = Math.min(1000, 50 * 2 ** attempt);
      expect(backoffDelay(attempt, policy, () => 0)).toBe(0);
      const top = backoffDelay(attempt, policy, () => 0.999999);
      expect(top).toBeLessThan(cap);
      expect(top).toBeGreaterThanOrEqual(cap - 1);
    }
  });

  it('stores every verdict once, even with duplicates in the input', async () => {
    const store = new DynamoAuditStore(emu.clients.doc, emu.table);
    const items = Array.from({ length: 70 }, (_, i) => cr(i));
    const dupes = [cr(3, 2025, 'changed note'), cr(40, 2025, 'changed too')];
    await store.putVerdicts('dup-user', [...items, ...dupes]);
    expect(await countType('VERDICT', 'USER#dup-user')).toBe(70);
    const stored = await verdictsOfYear(store, 'dup-user', 2025);
    expect(stored).toHaveLength(70);
    expect(stored.find((v) => v.id === 'cr-0003')!.message).toBe('changed note');
    expect(stored.find((v) => v.id === 'cr-0040')!.message).toBe('changed too');
    expect(stored.find((v) => v.id === 'cr-0005')).toEqual(cr(5));
  });

  it('the newest export\'s reading of a CR wins, whatever the upload order', async () => {
    const store = new DynamoAuditStore(emu.clients.doc, emu.table);
    const old = { ...cr(1), outcome: 'pending' as const };
    const newer = { ...cr(1), outcome: 'accepted' as const };
    expect(await store.putVerdicts('order', [newer, cr(2)], '2026-01-06')).toEqual({ written: 2, keptNewer: 0, unchanged: 0 });
    expect(await store.putVerdicts('order', [old, cr(3)], '2025-07-02')).toEqual({ written: 1, keptNewer: 1, unchanged: 0 });
    const stored = await verdictsOfYear(store, 'order', 2025);
    expect(stored.map((v) => v.id).sort()).toEqual(['cr-0001', 'cr-0002', 'cr-0003']);
    expect(stored.find((v) => v.id === 'cr-0001')).toEqual(newer); // no internal attribute leaks
    expect(await store.putVerdicts('order', [newer], '2026-01-06')).toEqual({ written: 1, keptNewer: 0, unchanged: 1 });
  });

  it('sends no write for a verdict already stored with the same values; a changed one is written', async () => {
    const writes: number[] = [];
    const counting = {
      send(cmd: Parameters<DynamoDBDocumentClient['send']>[0]) {
        if (cmd instanceof BatchWriteCommand) writes.push(Object.values(cmd.input.RequestItems!)[0]!.length);
        return emu.clients.doc.send(cmd as never);
      },
    } as unknown as DynamoDBDocumentClient;
    const store = new DynamoAuditStore(counting, emu.table);
    const items = Array.from({ length: 30 }, (_, i) => cr(i, 2024 + (i % 2)));
    // Optional fields left undefined are not stored: the stored item still compares equal.
    const withUndefined = { ...cr(30), cluster: undefined };
    expect(await store.putVerdicts('same', [...items, withUndefined], '2026-01-06')).toEqual({ written: 31, keptNewer: 0, unchanged: 0 });
    expect(writes.reduce((a, b) => a + b, 0)).toBe(31);

    writes.length = 0;
    expect(await store.putVerdicts('same', [...items, withUndefined], '2026-01-06')).toEqual({ written: 31, keptNewer: 0, unchanged: 31 });
    expect(writes).toEqual([]);

    const changed = { ...items[7]!, outcome: 'accepted' as const, reasons: [...items[7]!.reasons, { rule: 'x', category: 'good' as const, weight: 0.25, evidence: 'y' }] };
    const sameButNewerExport = items.slice(10, 13);
    expect(await store.putVerdicts('same', [changed, items[8]!], '2026-01-06')).toEqual({ written: 2, keptNewer: 0, unchanged: 1 });
    expect(writes.reduce((a, b) => a + b, 0)).toBe(1);
    // Same values from a newer export: written, since the export date it was read from changed.
    writes.length = 0;
    expect(await store.putVerdicts('same', sameButNewerExport, '2026-02-01')).toEqual({ written: 3, keptNewer: 0, unchanged: 0 });
    expect(writes.reduce((a, b) => a + b, 0)).toBe(3);

    const stored = [...(await verdictsOfYear(store, 'same', 2024)), ...(await verdictsOfYear(store, 'same', 2025))];
    expect(stored).toHaveLength(31);
    expect(stored.find((v) => v.id === changed.id)).toEqual(changed);
    expect(await countType('VERDICT', 'USER#same')).toBe(31);
  });

  it('reads the verdicts of several years at once, grouped by year, and only those years', async () => {
    const store = new DynamoAuditStore(emu.clients.doc, emu.table);
    const items = Array.from({ length: 40 }, (_, i) => cr(i, 2021 + (i % 4)));
    await store.putVerdicts('years', items);
    const byYear = await store.listVerdictsOfYears('years', [2022, 2024, 2030]);
    expect([...byYear.keys()].sort()).toEqual([2022, 2024, 2030]);
    for (const year of [2022, 2024]) {
      const want = items.filter((x) => x.year === year);
      expect(byYear.get(year)!.map((v) => v.id).sort()).toEqual(want.map((x) => x.id).sort());
      expect(byYear.get(year)!.find((v) => v.id === want[0]!.id)).toEqual(want[0]);
    }
    expect(byYear.get(2030)).toEqual([]);
    expect(await verdictsOfYear(store, 'years', 2021)).toHaveLength(10);
  });

  it('retries UnprocessedItems with backoff until all are written', async () => {
    const { client, seen } = throttling(emu.clients.doc, 4);
    const sleeps: number[] = [];
    const items = Array.from({ length: 30 }, (_, i) => ({ pk: 'USER#retry', sk: `CR#${i}`, type: 'VERDICT', n: i }));
    await batchPut(client, emu.table, items, { concurrency: 1, sleep: async (ms) => void sleeps.push(ms) });
    expect(await countType('VERDICT', 'USER#retry')).toBe(30);
    expect(sleeps).toHaveLength(4);
    expect(seen.every((n) => n <= BATCH_SIZE)).toBe(true);
  });

  it('gives up after the retry budget with a typed error', async () => {
    const { client } = throttling(emu.clients.doc, Infinity, 1);
    const sleeps: number[] = [];
    const items = Array.from({ length: 10 }, (_, i) => ({ pk: 'USER#budget', sk: `CR#${i}`, type: 'VERDICT' }));
    const policy = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100 };
    const err = await batchPut(client, emu.table, items, { retry: policy, sleep: async (ms) => void sleeps.push(ms) }).catch((e) => e);
    expect(err).toBeInstanceOf(BatchWriteBudgetExceeded);
    expect((err as BatchWriteBudgetExceeded).unprocessed).toBe(10 - policy.maxAttempts);
    expect(sleeps).toHaveLength(policy.maxAttempts - 1);
    expect(await countType('VERDICT', 'USER#budget')).toBe(policy.maxAttempts);
  });
});

describe('queries', () => {
  it('paginate verdicts with an opaque cursor: every item once, pages never over the limit', async () => {
    const store = new DynamoAuditStore(emu.clients.doc, emu.table);
    const items = [...Array.from({ length: 45 }, (_, i) => cr(i, 2025)), ...Array.from({ length: 15 }, (_, i) => cr(100 + i, 2024))];
    await store.putVerdicts('pager', items);
    for (const [query, want] of [
      [{ year: 2025 }, 45],
      [{ year: 2024 }, 15],
      [{}, 60],
      [{ year: 2025, category: 'sales_pitch' as const }, items.filter((x) => x.year === 2025 && x.category === 'sales_pitch').length],
      [{ direction: 'OUTGOING' as const }, items.filter((x) => x.direction === 'OUTGOING').length],
    ] as const) {
      const ids: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.queryVerdicts('pager', { ...query, limit: 7, cursor });
        expect(page.items.length).toBeLessThanOrEqual(7);
        ids.push(...page.items.map((v) => v.id));
        cursor = page.cursor ?? undefined;
        pages++;
      } while (cursor && pages < 100);
      expect(ids, JSON.stringify(query)).toHaveLength(want);
      expect(new Set(ids).size).toBe(want);
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(want / 7));
    }
    expect(await verdictsOfYear(store, 'pager', 2024)).toHaveLength(15);
  });

  /** A deterministic pseudo-random sequence (LCG), so the interleaving is the same on every run. */
  function lcg(seed: number) {
    let x = seed >>> 0;
    return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  }

  /**
   * Verdicts whose dates interleave: random instants over 2023–2025, a few sharing one instant
   * (ties broken by id), ids in no relation to dates (so neither the base table's `CR#<id>` order
   * nor insertion order is date order).
   */
  function interleaved(n: number, seed: number): ClassifiedRequest[] {
    const random = lcg(seed);
    const start = Date.UTC(2023, 0, 1, 8);
    const span = Date.UTC(2026, 0, 1, 8) - start;
    const out: ClassifiedRequest[] = [];
    for (let i = 0; i < n; i++) {
      // every 7th shares the previous one's instant
      const at = i % 7 === 6 ? out[i - 1]!.sentAt : new Date(start + Math.floor(random() * span / 60_000) * 60_000).toISOString();
      const id = `v${Math.floor(random() * 1e8).toString(36).padStart(6, '0')}${i}`;
      // the year as read in Pacific time (a fixed UTC-8 is close enough: the store only keys by it)
      const year = new Date(Date.parse(at) - 8 * 3_600_000).getUTCFullYear();
      out.push({ ...cr(i, year), id, sentAt: at, year });
    }
    return out;
  }

  /** Newest first: by `<sentAt>#<id>` descending (sentAt is fixed-width ISO). */
  const newestFirst = (a: ClassifiedRequest, b: ClassifiedRequest) => (`${b.sentAt}#${b.id}` < `${a.sentAt}#${a.id}` ? -1 : 1);

  async function pageThrough(store: DynamoAuditStore, userId: string, query: Omit<VerdictQuery, 'limit' | 'cursor'>, limit: number) {
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

  it('list verdicts newest first across pages, with or without filters, whatever the page size', async () => {
    const store = new DynamoAuditStore(emu.clients.doc, emu.table);
    const all = interleaved(90, 11);
    // Three writes whose dates interleave (every third verdict in each).
    for (let k = 0; k < 3; k++) await store.putVerdicts('dated', all.filter((_, i) => i % 3 === k));
    expect(new Set(all.map((v) => v.year))).toEqual(new Set([2023, 2024, 2025]));
    expect(all.some((v, i) => i > 0 && v.sentAt === all[i - 1]!.sentAt)).toBe(true);

    const want = [...all].sort(newestFirst);
    for (const limit of [1, 4, 7, 25, 100]) {
      const { items, pages } = await pageThrough(store, 'dated', {}, limit);
      // Exactly the stored verdicts, each once, newest first: no duplicate, no gap, no reordering at page boundaries.
      expect(items.map((v) => v.id), `limit ${limit}`).toEqual(want.map((v) => v.id));
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(all.length / limit));
    }
    expect((await pageThrough(store, 'dated', {}, 13)).items[0]).toEqual(want[0]); // no internal attribute leaks

    for (const query of [
      { year: 2024 },
      { year: 2023, direction: 'OUTGOING' as const },
      { category: 'sales_pitch' as const },
      { direction: 'INCOMING' as const },
      { year: 2025, category: 'no_message' as const, direction: 'INCOMING' as const },
    ]) {
      const expected = want.filter(
        (v) => (query.year === undefined || v.year === query.year) && (!('category' in query) || v.category === query.category) && (!('direction' in query) || v.direction === query.direction),
      );
      expect(expected.length, JSON.stringify(query)).toBeGreaterThan(0);
      for (const limit of [2, 9]) {
        const { items } = await pageThrough(store, 'dated', query, limit);
        expect(items.map((v) => v.id), `${JSON.stringify(query)} limit ${limit}`).toEqual(expected.map((v) => v.id));
      }
    }
  });

  it('a cursor is a fixed position: verdicts written while paging do not shift the pages', async () => {
    const store = new DynamoAuditStore(emu.clients.doc, emu.table);
    const all = interleaved(30, 23);
    await store.putVerdicts('stable', all);
    const want = [...all].sort(newestFirst);
    const first = await store.queryVerdicts('stable', { limit: 10 });
    expect(first.items.map((v) => v.id)).toEqual(want.slice(0, 10).map((v) => v.id));

    // Meanwhile: one newer than everything, one older than the cursor, one already seen re-read.
    const newest = { ...cr(900, 2026), id: 'zz-newest', sentAt: '2026-06-01T12:00:00.000Z', year: 2026 };
    const older = { ...cr(901, 2023), id: 'aa-older', sentAt: '2023-01-01T09:00:00.000Z', year: 2023 };
    const reread = { ...want[3]!, outcome: 'accepted' as const };
    await store.putVerdicts('stable', [newest, older, reread], '2030-01-01');

    const rest: ClassifiedRequest[] = [];
    let cursor = first.cursor;
    while (cursor) {
      const page = await store.queryVerdicts('stable', { limit: 10, cursor });
      rest.push(...page.items);
      cursor = page.cursor;
    }
    // The rest starts where the first page stopped: the newer verdict is before the cursor, the older one after it.
    expect(rest.map((v) => v.id)).toEqual([...want.slice(10), older].sort(newestFirst).map((v) => v.id));
    expect((await pageThrough(store, 'stable', {}, 10)).items.map((v) => v.id)).toEqual([...all, newest, older].sort(newestFirst).map((v) => v.id));
  });

  it('refuses a malformed or foreign cursor with InvalidCursorError, before DynamoDB sees it', async () => {
    const store = new DynamoAuditStore(emu.clients.doc, emu.table);
    await store.putVerdicts('cursors', interleaved(12, 5));
    await store.putVerdicts('cursors-other', interleaved(12, 6));
    const allYears = (await store.queryVerdicts('cursors', { limit: 3 })).cursor!;
    const year = interleaved(12, 5)[0]!.year;
    const ofYear = (await store.queryVerdicts('cursors', { year, limit: 1 })).cursor!;
    const foreign = (await store.queryVerdicts('cursors-other', { limit: 3 })).cursor!;
    const key = JSON.parse(Buffer.from(allYears, 'base64url').toString('utf8')) as Record<string, string>;
    const yearKey = JSON.parse(Buffer.from(ofYear, 'base64url').toString('utf8')) as Record<string, string>;
    // What a cursor holds: the position, as DynamoDB names it (the index's and the table's keys).
    expect(Object.keys(key).sort()).toEqual(['gsi1sk', 'pk', 'sk']);
    expect(Object.keys(yearKey).sort()).toEqual(['gsi1pk', 'gsi1sk', 'pk', 'sk']);
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
    const bad: [string, string, VerdictQuery?][] = [
      ['not base64url', 'not a cursor!'],
      ['padded base64', `${allYears}==`],
      ['standard base64 alphabet', Buffer.from(JSON.stringify(key)).toString('base64').replace(/=+$/, '') + '+/'],
      ['not JSON', Buffer.from('{pk: nope').toString('base64url')],
      ['not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64url')],
      ['JSON null', enc(null)],
      ['JSON array', enc([key.pk, key.sk])],
      ['JSON string', enc('USER#cursors')],
      ['empty object', enc({})],
      ['missing attribute', enc({ pk: key.pk, sk: key.sk })],
      ['extra attribute', enc({ ...key, gsi1pk: 'USER#cursors#YEAR#2025' })],
      ['unknown attribute', enc({ ...key, __proto__x: 'x' })],
      ['number value', enc({ ...key, sk: 42 })],
      ['empty value', enc({ ...key, gsi1sk: '' })],
      ['sort key not a verdict', enc({ ...key, sk: 'STATS#2025' })],
      ['sort keys of two verdicts', enc({ ...key, gsi1sk: `${key.gsi1sk}x` })],
      ['oversized sort key', enc({ ...key, gsi1sk: `${'9'.repeat(1100)}#${key.sk!.slice(3)}` })],
      ['another user', foreign],
      ['another user, forged', enc({ ...key, pk: 'USER#cursors-other' })],
      ['all-years cursor for one year', allYears, { year, limit: 3 }],
      ['one-year cursor for all years', ofYear, { limit: 3 }],
      ['cursor of another year', ofYear, { year: year + 1, limit: 3 }],
    ];
    for (const [what, cursor, query] of bad) {
      const err = await store.queryVerdicts('cursors', { ...(query ?? { limit: 3 }), cursor }).then(() => null, (e: unknown) => e);
      expect(err, what).toBeInstanceOf(InvalidCursorError);
    }
    // The real ones still work.
    expect((await store.queryVerdicts('cursors', { limit: 3, cursor: allYears })).items).toHaveLength(3);
    expect((await store.queryVerdicts('cursors', { year, limit: 1, cursor: ofYear })).items.length).toBeLessThanOrEqual(1);
  });

  it('per-year stats and coverage records are overwritten, not added', async () => {
    const store = new DynamoAuditStore(emu.clients.doc, emu.table);
    const coverage = { source: 'a.zip', exportDate: '2025-06-30', windowStart: '2025-01-01', oldestSentAt: null, newestSentAt: null };
    await store.putCoverage('cov', coverage);
    await store.putCoverage('cov', { ...coverage, source: 'renamed copy.zip' });
    expect(await store.listCoverages('cov')).toEqual([coverage]);
    await store.putCoverage('cov', { ...coverage, exportDate: '2025-12-31' });
    expect(await store.listCoverages('cov')).toHaveLength(2);
    expect(await store.listYears('cov')).toEqual([]);
  });
});
