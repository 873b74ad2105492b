import { describe, expect, it } from 'vitest';
import { packedSort, sortForListing } from '../../functions/audit/audit.ts';
import type { ClassifiedRequest } from '../../functions/audit/model.ts';

/** The order sortForListing replaces: a stable comparator sort by sentAt, then id, in code unit order. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const slowSort = (crs: ClassifiedRequest[]) => crs.slice().sort((a, b) => byCodeUnits(a.sentAt, b.sentAt) || byCodeUnits(a.id, b.id));

let seed = 7;
const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
const hex = (digits: number) => Array.from({ length: digits }, () => '0123456789abcdef'[random(16)]).join('');
/** Only the fields the order reads, and `n` to tell equal CRs apart. */
const cr = (sentAt: string, id: string, n: number) => ({ sentAt, id, n }) as unknown as ClassifiedRequest;
const minute = (m: number) => new Date(Date.UTC(2025, 0, 1) + m * 60_000).toISOString();
const order = (crs: ClassifiedRequest[]) => crs.map((c) => (c as unknown as { n: number }).n);

describe('sortForListing', () => {
  const sets: [string, ClassifiedRequest[]][] = [
    ['none', []],
    ['one', [cr(minute(1), 'a', 0)]],
    ['shuffled, many CRs a minute', Array.from({ length: 5000 }, (_, n) => cr(minute(random(60)), hex(32), n))],
    ['shuffled, distinct minutes', Array.from({ length: 3000 }, (_, n) => cr(minute(random(1e6)), hex(32), n))],
    ['ids sharing long prefixes, of other characters and lengths', Array.from({ length: 4000 }, (_, n) => cr(minute(random(5)), ['', 'a', 'ab', 'abc', 'ABC', 'a-b', 'é', '日本', '\ud83d\ude00', '0000', '000', 'ffff', 'fffg', 'zz'][random(14)]! + hex(random(3)), n))],
    ['equal CRs (same sentAt and id) kept in their order', Array.from({ length: 3000 }, (_, n) => cr(minute(random(3)), hex(1), n))],
    ['sentAts of other shapes', Array.from({ length: 3000 }, (_, n) => cr(['', 'x', '2025', minute(1), minute(2).slice(0, 16), '\u00e9'][random(6)]!, hex(2), n))],
  ];
  const newestFirst = slowSort(sets[2]![1]).reverse();
  sets.push(['newest-first', newestFirst], ['newest-first per direction', [...newestFirst.filter((_, i) => i % 2), ...newestFirst.filter((_, i) => !(i % 2))]]);

  it.each(sets)('orders as the comparator sort does: %s', (_, crs) => {
    expect(order(sortForListing(crs.slice()))).toEqual(order(slowSort(crs)));
    expect(order(packedSort(crs.slice()))).toEqual(order(slowSort(crs)));
  });

  it('orders as the comparator sort does with fewer id characters in a key (300k CRs, nearly a minute each: 3 characters, not 4)', () => {
    const crs = Array.from({ length: 300_000 }, (_, n) => cr(minute(n % 290_000), hex(4), n));
    for (let i = crs.length - 1; i > 0; i--) {
      const j = random(i + 1);
      [crs[i], crs[j]] = [crs[j]!, crs[i]!];
    }
    expect(order(packedSort(crs.slice()))).toEqual(order(slowSort(crs)));
  });
});
