/**
 * The batch's bounded caches (text.ts RepeatedTexts, index.ts Interner) past their capacity: a cache
 * that is full is dropped for a new one (memory: not cleared and grown again in the old generation),
 * and what it gives stays what the uncached path gives: the same values, the same fields.
 */
import { describe, expect, it } from 'vitest';
import { classifyInbox, classifyRequests, notesOfRequests } from '../../../functions/audit/classify/index.ts';
import { RepeatedTexts } from '../../../functions/audit/classify/text.ts';
import type { ConnectionRequest } from '../../../functions/audit/model.ts';
import { requestOf } from '../../helpers/requests.ts';

describe('RepeatedTexts past its capacity', () => {
  it('gives what its function gives, worked out once for a text that repeats, across many drops', () => {
    const calls = new Map<string, number>();
    const cache = new RepeatedTexts((text: string) => {
      calls.set(text, (calls.get(text) ?? 0) + 1);
      return { words: text.split(' ') };
    });
    // 20,000 distinct texts (many times any capacity), each seen three times in a row, and every
    // tenth one again far later (after the cache was dropped)
    for (let i = 0; i < 20_000; i++) {
      const text = `note ${i} of the batch`;
      const first = cache.of(text);
      const second = cache.of(text);
      const third = cache.of(text);
      expect(first).toEqual({ words: text.split(' ') });
      expect(second).toEqual(first);
      expect(third).toBe(second); // kept from its second reading: shared
      if (i >= 10_000 && i % 10 === 0) expect(cache.of(`note ${i - 10_000} of the batch`)).toEqual({ words: `note ${i - 10_000} of the batch`.split(' ') });
    }
    // a text seen once is worked out once, a repeated one at most twice until the cache drops it
    expect(Math.max(...[...calls.entries()].filter(([t]) => Number(t.split(' ')[1]) % 10 !== 0).map(([, n]) => n))).toBe(2);
  });
});

/** Notes whose rules fire on words of their own (a made-up company or topic): their reasons differ note by note. */
const SYLLABLES = ['ka', 'lo', 'ri', 'ven', 'ta', 'mu', 'sol', 'dra', 'ne', 'bi'];
const word = (i: number) => [1, 10, 100, 1000].map((d) => SYLLABLES[Math.floor(i / d) % 10]).join('');
const FORMS = [
  (w: string) => `Hi Robin, I came across your article about ${w} and the ${w} migration. Would you be open to a short call next week?`,
  (w: string) => `Hello Robin, my team at ${w} Labs is hiring a senior engineer for ${w}. Are you open to new opportunities at the moment?`,
  (w: string) => `Dear Robin, our ${w} platform cut costs by a third for companies like yours. Let me know if you want a demo of ${w}.`,
];

describe("an export's reasons interned past the interner's capacity", () => {
  it("hold exactly what each note's classification holds, equal lists shared", () => {
    // more distinct reasons and reason lists than the interner keeps (4,096): its maps are dropped
    // on the way; each note is sent twice in a row (its copy's lists are the kept ones)
    const requests: ConnectionRequest[] = [];
    for (let i = 0; i < 15_000; i++) {
      const t = Math.floor(i / 2);
      const outgoing = t % 4 === 0;
      requests.push(requestOf(i, FORMS[t % FORMS.length](word(t)), outgoing));
    }
    const context = { profile: null, connections: null };
    const plain = classifyInbox(notesOfRequests(requests, context));
    const out = classifyRequests(requests, context);
    expect(out.length).toBe(requests.length);
    let shared = 0;
    for (let i = 0; i < out.length; i++) {
      const r = out[i];
      const c = plain.get(r.id)!;
      expect(JSON.stringify([r.reasons, r.roleReasons, r.category, r.confidence, r.role, r.cluster]), r.id).toBe(JSON.stringify([c.reasons, c.roleReasons, c.category, c.confidence, c.role, c.cluster]));
      if (i % 2 === 1 && r.reasons.length > 0 && r.reasons === out[i - 1].reasons) shared++;
    }
    expect(shared).toBeGreaterThan(1000);
  });
});
