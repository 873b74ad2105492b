import { describe, expect, it } from 'vitest';
import { computeYearStats, computeYearsStats, monthOf, requestsByYear, yearsOf, yearStatsAsOf } from '../../../functions/audit/stats/index.ts';
import { coverage, cr } from '../../helpers/report-fixtures.ts';

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

  it('counts received and sent CRs by role, with the verdicts within each role', () => {
    const requests = [
      cr({ category: 'sales_pitch', role: 'recruiter' }),
      cr({ category: 'sales_pitch', role: 'recruiter', kept: { role: 'recruiter', reason: 'you are looking for a job; this recruiter names a role' } }),
      cr({ category: 'sales_pitch', role: 'vendor' }),
      cr({ category: 'good', role: 'peer' }),
      cr({ category: 'no_message' }),
      cr({ category: 'good', direction: 'OUTGOING', role: 'peer', outcome: 'accepted' }),
      cr({ category: 'good', role: 'peer', sentAt: '2024-05-02T10:00:00.000Z' }), // another year
    ];
    const s = computeYearStats(requests, [], 2025);
    const inc = s.byDirection.INCOMING.byRole;
    expect(inc.recruiter).toEqual({ total: 2, byVerdict: { ACCEPT: 1, IGNORE: 1, NEITHER: 0 } });
    expect(inc.vendor).toEqual({ total: 1, byVerdict: { ACCEPT: 0, IGNORE: 1, NEITHER: 0 } });
    expect(inc.peer).toEqual({ total: 1, byVerdict: { ACCEPT: 1, IGNORE: 0, NEITHER: 0 } });
    expect(inc.unknown).toEqual({ total: 1, byVerdict: { ACCEPT: 0, IGNORE: 0, NEITHER: 1 } });
    expect(inc.expert_network.total + inc.job_seeker.total + inc.community.total).toBe(0);
    expect(s.byDirection.OUTGOING.byRole.peer).toEqual({ total: 1, byVerdict: { ACCEPT: 1, IGNORE: 0, NEITHER: 0 } });
    expect(s.byRole).toEqual({ recruiter: 2, vendor: 1, expert_network: 0, job_seeker: 0, community: 0, peer: 2, unknown: 1 });
    // A verdict stored before roles existed has no role: it counts as unknown.
    const old = cr({ category: 'bot' }) as Partial<ReturnType<typeof cr>>;
    delete old.role;
    expect(computeYearStats([old as ReturnType<typeof cr>], [], 2025).byDirection.INCOMING.byRole.unknown.total).toBe(1);
  });

  it('computes the acceptance of sent CRs by the invitee\'s role', () => {
    const out = (role: 'recruiter' | 'peer' | 'unknown', outcome: 'accepted' | 'pending' | 'unknown') => cr({ category: 'good', direction: 'OUTGOING', role, outcome });
    const requests = [
      ...Array.from({ length: 5 }, () => out('recruiter', 'accepted')),
      ...Array.from({ length: 3 }, () => out('recruiter', 'pending')),
      out('peer', 'accepted'), out('peer', 'pending'), out('peer', 'pending'),
      out('unknown', 'unknown'),
      cr({ category: 'good', role: 'recruiter', outcome: 'accepted' }), // received: not part of it
    ];
    const a = computeYearStats(requests, [], 2025).sentAcceptance;
    expect(a.byRole.recruiter).toEqual({ sent: 8, accepted: 5, rate: 5 / 8 });
    expect(a.byRole.peer).toEqual({ sent: 3, accepted: 1, rate: 1 / 3 });
    expect(a.byRole.unknown).toEqual({ sent: 1, accepted: 0, rate: null });
    expect(a.byRole.vendor).toBeUndefined();
  });

  it('reads stats stored before roles existed with every CR as unknown', () => {
    const s = computeYearStats([cr({ category: 'bot' }), cr({ category: 'good', direction: 'OUTGOING', outcome: 'accepted' })], [], 2025, { today: '2026-01-10' });
    const roleless = JSON.parse(JSON.stringify(s));
    delete roleless.byRole;
    delete roleless.byDirection.INCOMING.byRole;
    delete roleless.byDirection.OUTGOING.byRole;
    delete roleless.sentAcceptance.byRole;
    const read = yearStatsAsOf(roleless, '2026-01-10');
    expect(read.byRole.unknown).toBe(2);
    expect(read.byDirection.INCOMING.byRole.unknown).toEqual({ total: 1, byVerdict: { ACCEPT: 0, IGNORE: 1, NEITHER: 0 } });
    expect(read.byDirection.OUTGOING.byRole.unknown).toEqual({ total: 1, byVerdict: { ACCEPT: 1, IGNORE: 0, NEITHER: 0 } });
    expect(read.byDirection.INCOMING.byRole.recruiter.total).toBe(0);
    expect(read.sentAcceptance.byRole).toEqual({ unknown: { sent: 1, accepted: 1, rate: 1 } });
    // Stats with roles pass through unchanged.
    expect(yearStatsAsOf(s, '2026-01-10').byRole).toEqual(s.byRole);
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
    const { CATEGORIES, ROLES, VERDICTS } = await import('../../../functions/audit/model.ts');
    const arb = fc.array(
      fc.record({
        category: fc.constantFrom(...CATEGORIES),
        role: fc.constantFrom(...ROLES),
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
        expect(Object.values(st.byRole).reduce((x, c) => x + c, 0)).toBe(n);
        for (const d of ['INCOMING', 'OUTGOING'] as const) {
          const roles = Object.values(st.byDirection[d].byRole);
          expect(roles.reduce((x, r) => x + r.total, 0)).toBe(st.byDirection[d].total);
          for (const v of VERDICTS) expect(roles.reduce((x, r) => x + r.byVerdict[v], 0)).toBe(st.byDirection[d].byVerdict[v]);
        }
        expect(Object.values(a.byRole).reduce((x, c) => x + (c?.sent ?? 0), 0)).toBe(st.totals.sent);
      }),
      { numRuns: 100 },
    );
  });
});

describe('monthOf read from the string mid-month', () => {
  /** The plain path: the zone's formatter on every instant. */
  const formatters = new Map<string, Intl.DateTimeFormat>();
  const viaZone = (sentAt: string, timeZone: string) => {
    const instant = new Date(sentAt);
    if (Number.isNaN(instant.getTime())) return sentAt.slice(0, 7);
    let f = formatters.get(timeZone);
    if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })));
    const parts = f.formatToParts(instant);
    return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
  };

  it('gives the zone\'s month for every day and hour of a year, in the zones furthest from UTC', () => {
    const zones = ['Pacific/Kiritimati', 'Pacific/Chatham', 'Etc/GMT+12', 'Pacific/Pago_Pago', 'Asia/Kathmandu', 'America/St_Johns', 'America/Los_Angeles', 'UTC'];
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 3); t += 3 * 3600_000 + 7 * 60_000) {
      const sentAt = new Date(t).toISOString();
      for (const zone of zones) expect(monthOf(sentAt, zone), `${sentAt} ${zone}`).toBe(viaZone(sentAt, zone));
    }
  });

  it('leaves other strings to the zone (or, when they are no time, to their first 7 characters)', () => {
    for (const sentAt of ['2025-03-15T10:00:00+14:00', '2025-03-02T00:30:00', '0999-03-15T10:00:00.000Z', '2025-13-15T10:00:00.000Z', '2025-03-15T99:00:00.000Z', '+012025-03-15T10:00:00.000Z', '2025-03-15', 'nonsense']) {
      expect(monthOf(sentAt, 'Pacific/Kiritimati'), sentAt).toBe(viaZone(sentAt, 'Pacific/Kiritimati'));
    }
  });

  it('gives the zone\'s month near every month\'s edge, in zones with half and quarter hours, DST, and switches off the quarter hour (St John\'s 2009)', () => {
    const zones = ['Pacific/Kiritimati', 'Pacific/Chatham', 'Australia/Lord_Howe', 'Australia/Eucla', 'Asia/Kathmandu', 'Asia/Tehran', 'America/St_Johns', 'America/Goose_Bay', 'America/Havana', 'America/Santiago', 'America/Asuncion', 'Asia/Beirut', 'Africa/Casablanca', 'Pacific/Apia', 'Europe/London', 'America/Los_Angeles', 'Etc/GMT+12', 'UTC'];
    for (const year of [1979, 1980, 1995, 2009, 2011, 2024, 2038]) {
      for (let month = 0; month < 12; month++) {
        const edge = Date.UTC(year, month, 1);
        for (let t = edge - 15 * 3600_000; t <= edge + 15 * 3600_000; t += 15 * 60_000) {
          for (const sentAt of [new Date(t).toISOString(), new Date(t + 14 * 60_000 + 59_999).toISOString()]) {
            for (const zone of zones) expect(monthOf(sentAt, zone), `${sentAt} ${zone}`).toBe(viaZone(sentAt, zone));
          }
        }
      }
    }
  });

  it('near a month\'s edge, leaves strings that are no plain instant since 1980 to the zone', () => {
    const odd = ['1979-12-31T23:30:00.000Z', '9999-12-31T23:30:00.000Z', '2025-02-30T23:30:00.000Z', '2025-03-31T25:00:00.000Z', '2025-03-31T23:60:00.000Z', '2025-03-31 23:30:00.000Z', '2025-03-31T23:30:00.000+', '2025-03-31T23:30:0x.000Z', '2025-04-01T00:30:00Z'];
    for (const sentAt of odd) for (const zone of ['Pacific/Kiritimati', 'Etc/GMT+12']) expect(monthOf(sentAt, zone), `${sentAt} ${zone}`).toBe(viaZone(sentAt, zone));
  });
});

describe('computeYearsStats', () => {
  it('gives computeYearStats of each year, from one reading of the CRs', () => {
    const requests = [
      cr({ category: 'good', sentAt: '2024-12-31T23:30:00.000Z', year: 2024, direction: 'OUTGOING', outcome: 'accepted', role: 'peer' }),
      cr({ category: 'sales_pitch', sentAt: '2025-01-01T07:30:00.000Z', year: 2024 }),
      cr({ category: 'bot', sentAt: '2025-01-15T10:00:00.000Z', year: 2025, direction: 'OUTGOING', outcome: 'pending', role: 'recruiter' }),
      cr({ category: 'good', sentAt: '2025-06-30T23:59:00.000Z', year: 2025 }),
      cr({ category: 'no_message', sentAt: '2026-03-01T00:00:00.000Z', year: 2026 }),
    ];
    const coverages = [coverage('a.zip', '2026-03-02'), coverage('b.zip', '2025-07-01')];
    const options = { timeZone: 'America/Los_Angeles', today: '2026-03-02' };
    for (const years of [[2024, 2025, 2026], [2025], [2023, 2026]]) {
      expect(computeYearsStats(requests, coverages, years, options)).toEqual(years.map((y) => computeYearStats(requests, coverages, y, options)));
    }
  });

  it('groups CRs by year as filter does, in their order', () => {
    const rs = [2025, 2024, 2025, 2026, 2024].map((year, i) => ({ year, i }));
    const byYear = requestsByYear(rs);
    expect([...byYear.keys()]).toEqual([2025, 2024, 2026]);
    for (const y of [2024, 2025, 2026]) expect(byYear.get(y)).toEqual(rs.filter((r) => r.year === y));
  });
});
