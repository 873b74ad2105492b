import { describe, expect, it } from 'vitest';
import { coverageAsOf, coverageOfDays, coverageOfYear, daysOf } from '../../../functions/audit/stats/index.ts';
import { dayNumber } from '../../../functions/audit/stats/coverage.ts';
import { listMonths } from '../../../functions/audit/dates.ts';
import { coverage } from '../../helpers/report-fixtures.ts';

const daysBetween = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000 + 1;

describe('coverageOfYear', () => {
  it('one export covers its 180-day window; the months before it are missing', () => {
    const c = coverageOfYear([coverage('Basic_LinkedInDataExport_09-30-2025.zip', '2025-09-30')], 2025, '2025-09-30');
    expect(c.ranges).toEqual([{ start: '2025-04-03', end: '2025-09-30', days: daysBetween('2025-04-03', '2025-09-30'), sources: ['Basic_LinkedInDataExport_09-30-2025.zip'] }]);
    expect(c.coveredDays).toBe(181);
    expect(c.elapsedDays).toBe(daysBetween('2025-01-01', '2025-09-30'));
    expect(c.missingMonths).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(c.partialMonths).toEqual(['2025-04']);
    expect(c.months.slice(9).map((m) => m.status)).toEqual(['future', 'future', 'future']);
    expect(c.complete).toBe(false);
    // January–March are older than LinkedIn's window today: lost, unless an older export exists.
    expect(c.lostDays).toBe(daysBetween('2025-01-01', '2025-04-02'));
    expect(c.advice).toContain('January–April 2025 (92 days)');
    expect(c.advice).toMatch(/no longer/);
    // The year goes on: the next export must come within 180 days of the last covered day.
    expect(c.nextExportBy).toBe('2026-03-29');
    expect(c.advice).toContain('29 March 2026');
  });

  it('merges two exports: union of the windows, overlap counted once, sources kept per range', () => {
    const a = coverage('a.zip', '2025-06-30'); // 2025-01-01 .. 2025-06-30
    const b = coverage('b.zip', '2025-12-31'); // 2025-07-04 .. 2025-12-31
    const c = coverageOfYear([b, a], 2025, '2026-01-02');
    expect(c.ranges.map((r) => [r.start, r.end, r.sources])).toEqual([
      ['2025-01-01', '2025-06-30', ['a.zip']],
      ['2025-07-04', '2025-12-31', ['b.zip']],
    ]);
    expect(c.coveredDays).toBe(365 - 3);
    expect(c.missingMonths).toEqual([]);
    expect(c.partialMonths).toEqual(['2025-07']);
    expect(c.months[6]).toMatchObject({ month: '2025-07', days: 31, coveredDays: 28, status: 'partial' });
    expect(c.exports.map((e) => e.source)).toEqual(['a.zip', 'b.zip']);
    // July 1–3 fell out of LinkedIn's window on 2 January 2026: lost, and the year is over.
    expect(c.lostDays).toBe(3);
    expect(c.nextExportBy).toBeNull();
    expect(c.advice).toMatch(/July 2025 \(3 days\).*no longer/);
  });

  it('tells when to download the next export to keep days that are still retrievable', () => {
    const c = coverageOfYear([coverage('a.zip', '2025-06-30')], 2025, '2025-08-01');
    expect(c.lostDays).toBe(0);
    expect(c.partialMonths).toEqual([]);
    expect(c.missingMonths).toEqual(['2025-07', '2025-08']);
    expect(c.months[7]).toMatchObject({ month: '2025-08', coveredDays: 0, status: 'missing' });
    // 1 July leaves the window 180 days later.
    expect(c.nextExportBy).toBe('2025-12-28');
    expect(c.advice).toBe('Download a new export before 28 December 2025 to keep July and August of 2025.');
  });

  it('overlapping exports make one range with both sources and a complete year', () => {
    const c = coverageOfYear([coverage('a.zip', '2025-06-30'), coverage('b.zip', '2025-12-20'), coverage('c.zip', '2026-01-05')], 2025, '2026-02-01');
    expect(c.ranges).toHaveLength(1);
    expect(c.ranges[0]).toMatchObject({ start: '2025-01-01', end: '2025-12-31', days: 365 });
    expect(c.ranges[0].sources.sort()).toEqual(['a.zip', 'b.zip', 'c.zip']);
    expect(c.complete).toBe(true);
    expect(c.ratio).toBe(1);
    expect(c.nextExportBy).toBeNull();
    expect(c.advice).toMatch(/Complete/);
    expect(c.exports.find((e) => e.source === 'c.zip')?.daysInYear).toBe(daysBetween('2025-07-09', '2025-12-31'));
  });

  it('ignores exports that do not touch the year, and says so when nothing covers it', () => {
    const c = coverageOfYear([coverage('old.zip', '2023-03-01')], 2025, '2025-03-01');
    expect(c.exports).toEqual([]);
    expect(c.coveredDays).toBe(0);
    expect(c.missingMonths).toEqual(['2025-01', '2025-02', '2025-03']);
    // Everything elapsed is still in LinkedIn's window: a new export today brings it all back.
    expect(c.lostDays).toBe(0);
    expect(c.nextExportBy).toBe('2025-06-30');
  });

  it('falls back to the newest CR when the export date is unknown', () => {
    const c = coverageOfYear(
      [{ source: 'Invitations.csv', exportDate: null, windowStart: null, oldestSentAt: '2025-01-02T00:00:00Z', newestSentAt: '2025-08-01T10:00:00.000Z' }],
      2025,
      '2025-08-02',
    );
    expect(c.ranges[0]).toMatchObject({ start: '2025-02-02', end: '2025-08-01' });
  });
});

describe('listMonths', () => {
  it('collapses runs and joins with "and"', () => {
    expect(listMonths(['2025-01', '2025-02', '2025-03', '2025-06'])).toBe('January–March and June');
    expect(listMonths(['2025-01', '2025-03'])).toBe('January and March');
    expect(listMonths(['2025-05'])).toBe('May');
  });
});

describe('coverageOfYear with the CRs read as evidence', () => {
  const daily = (from: string, days: number) =>
    Array.from({ length: days }, (_, i) => new Date(Date.parse(`${from}T12:00:00Z`) + i * 86_400_000).toISOString());

  it('reaches a few days past the nominal window where CRs run on continuously', () => {
    // Nominal window of a 2025-07-02 export starts 2025-01-03; CRs every other day from 2024-12-30.
    const sentAts = daily('2024-12-30', 190).filter((_, i) => i % 2 === 0);
    const c = coverageOfYear([coverage('a.zip', '2025-07-02')], 2025, '2025-07-02', sentAts);
    expect(c.ranges[0].start).toBe('2025-01-01');
    expect(c.missingMonths).toEqual([]);
    expect(c.partialMonths).toEqual([]);
  });

  it('ignores sparse old rows and never reaches more than 14 days back', () => {
    const old = ['2024-03-01T10:00:00Z', '2024-11-20T10:00:00Z'];
    const c = coverageOfYear([coverage('a.zip', '2025-09-30')], 2025, '2025-09-30', [...old, ...daily('2025-01-01', 272)]);
    // Nominal start 2025-04-03; dense CRs all year, but the slack stops at 14 days.
    expect(c.ranges[0].start).toBe('2025-03-20');
  });
});

describe('daysOf', () => {
  it('gives the distinct day numbers of the instants, ascending, what is no date left out', () => {
    const sentAts = ['2025-03-01T10:00:00.000Z', '2024-12-30T23:59:59.999Z', '2025-03-01T00:00:00.000Z', 'nonsense', '', '2025-3-1', '1969-12-31T12:00:00.000Z', '2025-02-28'];
    const plain = [...new Set(sentAts.map(dayNumber).filter((d) => !Number.isNaN(d)))].sort((a, b) => a - b);
    expect(daysOf(sentAts)).toEqual(plain);
    expect(daysOf([])).toEqual([]);
  });

  it('is what coverageOfYear reads: coverageOfDays with daysOf gives the same coverage', () => {
    const sentAts = ['2024-12-30T10:00:00Z', '2025-01-02T10:00:00Z', '2025-03-01T10:00:00Z'];
    const exports = [coverage('a.zip', '2025-06-30'), coverage('b.zip', '2025-12-20')];
    expect(coverageOfDays(exports, 2025, '2025-08-01', daysOf(sentAts))).toEqual(coverageOfYear(exports, 2025, '2025-08-01', sentAts));
  });
});

describe('coverageAsOf', () => {
  const exports = [coverage('a.zip', '2025-06-30'), coverage('b.zip', '2025-12-20'), coverage('old.zip', '2024-03-01')];
  // CRs running on just before a's nominal window start stretch its window (evidence), which must survive re-judging.
  const sentAts = ['2024-12-30T10:00:00Z', '2025-01-02T10:00:00Z', '2025-03-01T10:00:00Z'];

  it.each(['2025-03-10', '2025-07-15', '2025-12-31', '2026-01-10', '2027-05-01'])(
    're-judging stats stored on another day equals judging them on %s from the exports',
    (day) => {
      const storedOnIngest = coverageOfYear(exports, 2025, '2025-12-21', sentAts);
      expect(coverageAsOf(storedOnIngest, day)).toEqual(coverageOfYear(exports, 2025, day, sentAts));
    },
  );

  it('moves the advice with time: a deadline while days are retrievable, lost days after', () => {
    const stored = coverageOfYear([coverage('a.zip', '2025-06-30')], 2025, '2025-07-01');
    const soon = coverageAsOf(stored, '2025-08-01');
    const late = coverageAsOf(stored, '2026-08-01');
    expect(soon.nextExportBy).toBe('2025-12-28');
    expect(soon.lostDays).toBe(0);
    expect(late.nextExportBy).toBeNull();
    expect(late.lostDays).toBe(daysBetween('2025-07-01', '2025-12-31'));
    expect(late.ranges).toEqual(soon.ranges);
  });
});

describe('dayNumber read digit by digit', () => {
  /** The plain path: the date split on its dashes. */
  const viaSplit = (date: string) => {
    const [y, m, d] = date.slice(0, 10).split('-').map(Number);
    return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
  };

  it('gives what splitting the date gives, for dates, instants and odd strings', () => {
    const dates = ['2026-01-01', '2024-02-29', '1970-01-01', '1969-12-31', '0099-05-05', '0001-01-01', '9999-12-31', '2026-02-30', '2026-13-01', '2026-00-00'];
    for (const d of [...dates, ...dates.map((x) => `${x}T23:59:59.999Z`), '2026-1-01', '2026-01-1', '20260101', '2026-0a-01', '', 'x']) {
      const got = dayNumber(d);
      expect(Number.isNaN(got) ? 'NaN' : got, d).toEqual(Number.isNaN(viaSplit(d)) ? 'NaN' : viaSplit(d));
    }
  });
});
