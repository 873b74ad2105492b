import { describe, expect, it } from 'vitest';
import { computeYearStats, monthOf, yearsOf } from '../../../functions/audit/stats/index.ts';
import { coverage, cr } from '../report/fixtures.ts';

describe('computeYearStats', () => {
  it('counts received and sent, with and without a note, by verdict, only for the year asked', () => {
    const requests = [
      cr({ category: 'sales_pitch', sentAt: '2025-03-02T10:00:00.000Z' }),
      cr({ category: 'sales_pitch', sentAt: '2025-03-20T10:00:00.000Z' }),
      cr({ category: 'good', sentAt: '2025-04-01T10:00:00.000Z' }),
      cr({ category: 'no_message', sentAt: '2025-04-02T10:00:00.000Z' }),
      cr({ category: 'bot', direction: 'OUTGOING', sentAt: '2025-05-02T10:00:00.000Z' }),
      cr({ category: 'good', sentAt: '2024-05-02T10:00:00.000Z' }),
    ];
    const s = computeYearStats(requests, [], 2025, { today: '2026-01-15' });
    expect(s.totals).toEqual({ received: 4, sent: 1, withNote: 4, withoutNote: 1, accept: 1, ignore: 3, neither: 1 });
    expect(s.byDirection.INCOMING.byCategory.sales_pitch).toBe(2);
    expect(s.byDirection.OUTGOING.byVerdict.IGNORE).toBe(1);
    expect(s.byCategory.good).toBe(1);
    expect(s.byMonth).toHaveLength(12);
    expect(s.byMonth.map((m) => m.month)[0]).toBe('2025-01');
    expect(s.byMonth[2]).toEqual({ month: '2025-03', byVerdict: { ACCEPT: 0, IGNORE: 2, NEITHER: 0 }, total: 2 });
    expect(s.byMonth.reduce((n, m) => n + m.total, 0)).toBe(5);
    // Survives a JSON round trip unchanged (the API returns it as is).
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('counts months in the configured zone', () => {
    // 1 Feb 2025 03:00 UTC is still 31 January in Los Angeles.
    const r = cr({ category: 'good', sentAt: '2025-02-01T03:00:00.000Z' });
    expect(computeYearStats([r], [], 2025).byMonth[0].total).toBe(1);
    expect(computeYearStats([r], [], 2025, { timeZone: 'UTC' }).byMonth[1].total).toBe(1);
    expect(monthOf('2025-02-01T03:00:00.000Z', 'Europe/Paris')).toBe('2025-02');
  });

  it('names the most frequent IGNORE category among received CRs, ignoring sent ones', () => {
    const requests = [
      cr({ category: 'bot' }),
      cr({ category: 'bot' }),
      cr({ category: 'irrelevant' }),
      ...Array.from({ length: 5 }, () => cr({ category: 'sales_pitch', direction: 'OUTGOING' })),
      ...Array.from({ length: 5 }, () => cr({ category: 'good' })),
    ];
    expect(computeYearStats(requests, [], 2025).worstCategory).toBe('bot');
    expect(computeYearStats([cr({ category: 'good' })], [], 2025).worstCategory).toBeNull();
    // A tie goes to the taxonomy's order.
    expect(computeYearStats([cr({ category: 'bot' }), cr({ category: 'sales_pitch' })], [], 2025).worstCategory).toBe('sales_pitch');
  });

  it('computes the acceptance rate of sent CRs over known outcomes, overall and by category', () => {
    const out = (category: 'good' | 'sales_pitch' | 'no_message', outcome: 'accepted' | 'pending' | 'unknown') =>
      cr({ category, direction: 'OUTGOING', outcome });
    const requests = [
      out('good', 'accepted'), out('good', 'accepted'), out('good', 'accepted'), out('good', 'pending'),
      out('sales_pitch', 'pending'), out('sales_pitch', 'pending'),
      out('no_message', 'unknown'),
      cr({ category: 'good', outcome: 'accepted' }), // received: not part of it
    ];
    const a = computeYearStats(requests, [], 2025).sentAcceptance;
    expect(a).toMatchObject({ sent: 7, accepted: 3, pending: 3, unknown: 1 });
    expect(a.rate).toBeCloseTo(3 / 6);
    expect(a.byCategory.good).toEqual({ sent: 4, accepted: 3, rate: 0.75 });
    expect(a.byCategory.sales_pitch).toEqual({ sent: 2, accepted: 0, rate: 0 });
    expect(a.byCategory.no_message).toEqual({ sent: 1, accepted: 0, rate: null });
    expect(a.byCategory.bot).toBeUndefined();
    expect(computeYearStats([out('good', 'unknown')], [], 2025).sentAcceptance.rate).toBeNull();
  });

  it('attaches the coverage of the year', () => {
    const s = computeYearStats([], [coverage('a.zip', '2025-12-31')], 2025, { today: '2026-01-10' });
    expect(s.coverage.year).toBe(2025);
    expect(s.coverage.coveredDays).toBe(181);
  });
});

describe('yearsOf', () => {
  it('lists the distinct years, ascending', () => {
    const rs = [cr({ category: 'good', sentAt: '2025-01-05T00:00:00Z' }), cr({ category: 'bot', sentAt: '2023-01-05T00:00:00Z' }), cr({ category: 'bot', sentAt: '2025-09-05T00:00:00Z' })];
    expect(yearsOf(rs)).toEqual([2023, 2025]);
    expect(yearsOf([])).toEqual([]);
  });
});

describe('computeYearStats invariants (property)', () => {
  it('the totals always agree with each other', async () => {
    const fc = (await import('fast-check')).default;
    const { CATEGORIES } = await import('../../../functions/audit/model.ts');
    const arb = fc.array(
      fc.record({
        category: fc.constantFrom(...CATEGORIES),
        direction: fc.constantFrom('INCOMING' as const, 'OUTGOING' as const),
        outcome: fc.constantFrom('accepted' as const, 'pending' as const, 'unknown' as const),
        t: fc.integer({ min: Date.UTC(2024, 11, 25), max: Date.UTC(2026, 0, 5) }),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const rs = specs.map((s) => {
          const sentAt = new Date(s.t).toISOString();
          return cr({ ...s, sentAt, year: Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric' }).format(new Date(s.t))) });
        });
        const st = computeYearStats(rs, [], 2025, { today: '2026-01-10' });
        const n = rs.filter((r) => r.year === 2025).length;
        expect(st.totals.received + st.totals.sent).toBe(n);
        expect(st.totals.withNote + st.totals.withoutNote).toBe(n);
        expect(st.totals.withoutNote).toBe(st.byVerdict.NEITHER);
        expect(st.totals.accept + st.totals.ignore + st.totals.neither).toBe(n);
        expect(st.byMonth.reduce((a, m) => a + m.total, 0)).toBe(n);
        expect(Object.values(st.byCategory).reduce((a, b) => a + b, 0)).toBe(n);
        const a = st.sentAcceptance;
        expect(a.accepted + a.pending + a.unknown).toBe(st.totals.sent);
        expect(Object.values(a.byCategory).reduce((x, c) => x + (c?.sent ?? 0), 0)).toBe(st.totals.sent);
        if (a.rate !== null) expect(a.rate).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 100 },
    );
  });
});
