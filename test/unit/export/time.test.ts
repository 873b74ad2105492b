import { describe, expect, it } from 'vitest';
import { addDays, parseConnectedOn, parseSentAt } from '../../../functions/audit/export/index.ts';
import { isoString, offsetOf, wallTime, zonedWallTimeToEpoch } from '../../../functions/audit/export/time.ts';

const DAY_MS = 86_400_000;

// Expected instants are written from the published US rules (PST = UTC-8, PDT = UTC-7; DST 2025:
// Mar 9 -> Nov 2, 2026: Mar 8 -> Nov 1, switches at 2:00 local), not from the code under test.
describe('parseSentAt (America/Los_Angeles by default)', () => {
  it('reads winter times as PST (UTC-8) and summer times as PDT (UTC-7)', () => {
    expect(parseSentAt('1/15/26, 9:05 AM')).toEqual({ sentAt: '2026-01-15T17:05:00.000Z', year: 2026 });
    expect(parseSentAt('7/4/25, 3:15 PM')).toEqual({ sentAt: '2025-07-04T22:15:00.000Z', year: 2025 });
  });

  it('handles 12 AM as midnight and 12 PM as noon', () => {
    expect(parseSentAt('1/3/26, 12:02 AM')?.sentAt).toBe('2026-01-03T08:02:00.000Z');
    expect(parseSentAt('1/3/26, 12:02 PM')?.sentAt).toBe('2026-01-03T20:02:00.000Z');
  });

  it('crosses the spring-forward switch (Mar 8 2026)', () => {
    expect(parseSentAt('3/8/26, 1:59 AM')?.sentAt).toBe('2026-03-08T09:59:00.000Z'); // PST
    expect(parseSentAt('3/8/26, 3:00 AM')?.sentAt).toBe('2026-03-08T10:00:00.000Z'); // PDT
    // 2:30 AM does not exist that night: moved forward by the 1 h gap (= 3:30 AM PDT)
    expect(parseSentAt('3/8/26, 2:30 AM')?.sentAt).toBe('2026-03-08T10:30:00.000Z');
  });

  it('crosses the fall-back switch (Nov 2 2025): an ambiguous time is the earlier instant', () => {
    expect(parseSentAt('11/2/25, 12:59 AM')?.sentAt).toBe('2025-11-02T07:59:00.000Z'); // PDT
    expect(parseSentAt('11/2/25, 1:30 AM')?.sentAt).toBe('2025-11-02T08:30:00.000Z'); // first 1:30, PDT
    expect(parseSentAt('11/2/25, 2:00 AM')?.sentAt).toBe('2025-11-02T10:00:00.000Z'); // PST
  });

  it("New Year's Eve: a Dec 31 evening Pacific send is next year in UTC but this year in Pacific", () => {
    const r = parseSentAt('12/31/25, 11:30 PM');
    expect(r).toEqual({ sentAt: '2026-01-01T07:30:00.000Z', year: 2025 });
    expect(parseSentAt('1/1/26, 12:05 AM')).toEqual({ sentAt: '2026-01-01T08:05:00.000Z', year: 2026 });
  });

  it('the zone options change the instant and the year', () => {
    // Sent At read as UTC wall time: the instant moves 8 h, the year stays the wall year
    expect(parseSentAt('12/31/25, 11:30 PM', 'UTC')).toEqual({ sentAt: '2025-12-31T23:30:00.000Z', year: 2025 });
    // Sent At in Pacific, the year counted in UTC (or Berlin): the Dec 31 evening send is 2026
    expect(parseSentAt('12/31/25, 11:30 PM', 'America/Los_Angeles', 'UTC')?.year).toBe(2026);
    expect(parseSentAt('12/31/25, 4:30 PM', 'America/Los_Angeles', 'Europe/Berlin')?.year).toBe(2026);
    expect(parseSentAt('12/31/25, 2:30 PM', 'America/Los_Angeles', 'Europe/Berlin')?.year).toBe(2025);
  });

  it('tolerates NBSP and U+202F before AM/PM, and surrounding spaces', () => {
    expect(parseSentAt('3/14/26, 9:05\u00A0AM')?.sentAt).toBe('2026-03-14T16:05:00.000Z');
    expect(parseSentAt(' 3/14/26,\u202F9:05\u202FPM ')?.sentAt).toBe('2026-03-15T04:05:00.000Z');
  });

  it('rejects what is not a valid M/D/YY, h:mm AM date', () => {
    for (const bad of ['', '2026-03-14 09:05', '13/1/26, 9:05 AM', '2/30/26, 9:05 AM', '3/14/26, 13:05 PM', '3/14/26, 9:65 AM', '3/14/26 9:05', 'Mar 25 2023 10:15 AM', 'not a date']) {
      expect(parseSentAt(bad), bad).toBeNull();
    }
  });
});

describe('parseSentAt: the form LinkedIn writes, read by character', () => {
  // a leading space sends a text down the regex's path (trimmed first): both paths must agree on
  // every text near the usual form, valid or not
  it('reads every text as the regex does', async () => {
    const fc = (await import('fast-check')).default;
    // mostly numbers of the usual lengths and the usual separators (the first of each list), so
    // that many texts are valid; now and then any run of digits and another separator
    const odd = fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '5', '9'), maxLength: 5 });
    const digits = (...lengths: number[]) => fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...lengths).chain((n) => fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '5', '9'), minLength: n, maxLength: n })) }, { weight: 1, arbitrary: odd });
    const pick = (usual: string, ...others: string[]) => fc.oneof({ weight: 6, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...others) });
    const text = fc
      .tuple(digits(1, 2), pick('/', '-', ''), digits(1, 2), pick('/', ''), digits(2, 4), pick(', ', ',', ',  ', ', \u00a0', ' '), digits(1, 2), pick(':', ''), digits(2), pick('', ':07', ':7'), pick(' ', '', '  ', '\u202f', 'x', '.'), fc.constantFrom('AM', 'PM', 'am', 'pm', 'A.M.', 'AX', 'M', 'A', 'PM '))
      .map((parts) => parts.join(''));
    let valid = 0;
    fc.assert(
      fc.property(text, (t) => {
        const plain = parseSentAt(t);
        if (plain) valid++;
        expect(plain).toEqual(parseSentAt(` ${t}`));
      }),
      { numRuns: 20_000 },
    );
    expect(valid).toBeGreaterThan(100); // the generator reaches valid times, not only errors
    for (const t of ['12/31/25, 11:59 PM', '1/1/2026, 12:00 AM', '2/29/24, 1:05 PM', '2/29/25, 1:05 PM', '13/1/25, 1:05 PM', '1/1/25, 0:05 PM', '1/1/25, 13:05 PM', '1/1/25, 1:60 PM']) {
      expect(parseSentAt(t)).toEqual(parseSentAt(` ${t}`));
    }
  });
});

describe('parseConnectedOn', () => {
  it('reads the eras of Connected On as a UTC date', () => {
    expect(parseConnectedOn('08 Feb 2026')).toBe('2026-02-08');
    expect(parseConnectedOn('9-Sep-22')).toBe('2022-09-09'); // Excel re-save
    expect(parseConnectedOn('1/8/18, 6:14 PM')).toBe('2018-01-09'); // 2018, Pacific evening = next UTC day
    expect(parseConnectedOn('31 Feb 2026')).toBeNull();
    expect(parseConnectedOn('')).toBeNull();
  });

  it('addDays does calendar arithmetic', () => {
    expect(addDays('2026-01-06', -180)).toBe('2025-07-10');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('parseSentAt against Intl, for random instants in several zones', () => {
  it('a wall time formatted by Intl parses back to its instant (or, when ambiguous, the earlier one with the same wall time)', async () => {
    const fc = (await import('fast-check')).default;
    const zones = ['America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Sydney', 'America/Sao_Paulo', 'UTC'];
    const wall = (t: number, timeZone: string) => {
      const p = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', { timeZone, year: '2-digit', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true })
          .formatToParts(new Date(t))
          .map((x) => [x.type, x.value]),
      );
      return `${p.month}/${p.day}/${p.year}, ${p.hour}:${p.minute} ${p.dayPeriod}`;
    };
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2018, 0, 1) / 60_000, max: Date.UTC(2030, 0, 1) / 60_000 }), fc.constantFrom(...zones), (minute, zone) => {
        const t = minute * 60_000;
        const text = wall(t, zone);
        const parsed = parseSentAt(text, zone);
        expect(parsed, text).not.toBeNull();
        const back = Date.parse(parsed!.sentAt);
        if (back !== t) {
          expect(back).toBeLessThan(t);
          expect(wall(back, zone)).toBe(text);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('zones whose clocks change off the quarter hour', () => {
  // Newfoundland changed its clocks at 00:01 local time until 2011 (03:31 UTC in spring): a switch
  // inside a quarter hour, which a quarter-hour cache of offsets must not smear over.
  const zone = 'America/St_Johns';
  const switches = [Date.UTC(2009, 2, 8, 3, 31), Date.UTC(2009, 10, 1, 2, 31), Date.UTC(2010, 2, 14, 3, 31), Date.UTC(2010, 10, 7, 2, 31)];
  const intlOffset = (t: number) => {
    const w = wallTime(t, zone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - t;
  };

  it('offsetOf is the offset Intl gives, every minute from an hour before each switch to an hour after', () => {
    for (const s of switches) {
      for (let t = s - 3_600_000; t <= s + 3_600_000; t += 60_000) expect(offsetOf(t, zone), new Date(t).toISOString()).toBe(intlOffset(t));
    }
  });

  it('a Sent At read in that zone is the instant Intl formats it from (or the earlier one, when the wall time happens twice)', () => {
    const wall = (t: number) => {
      const w = wallTime(t, zone);
      return `${w.month}/${w.day}/${String(w.year).slice(2)}, ${w.hour % 12 || 12}:${String(w.minute).padStart(2, '0')} ${w.hour < 12 ? 'AM' : 'PM'}`;
    };
    for (const s of switches) {
      for (let t = s - 3_600_000; t <= s + 3_600_000; t += 60_000) {
        const back = Date.parse(parseSentAt(wall(t), zone)!.sentAt);
        if (back !== t) {
          expect(back, wall(t)).toBeLessThan(t);
          expect(wall(back)).toBe(wall(t));
        }
      }
    }
  });
});

describe('zonedWallTimeToEpoch near a switch', () => {
  /** The offset Intl gives for the second of an instant. */
  const intlOffset = (t: number, zone: string) => {
    const p = Math.floor(t / 1000) * 1000;
    const w = wallTime(p, zone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - p;
  };
  /** The documented rule read straight from Intl: an instant that shows the wall time (the earlier of two), else shifted forward by the gap. */
  const expected = (wall: number, zone: string) => {
    const before = intlOffset(wall - DAY_MS, zone);
    const after = intlOffset(wall + DAY_MS, zone);
    const fits = [wall - before, wall - after].filter((t) => t + intlOffset(t, zone) === wall);
    return fits.length > 0 ? Math.min(...fits) : wall - before;
  };
  /** The switches of a zone in a year, to the day (an offset at one midnight other than the next's). */
  const switchDays = (zone: string, year: number) => {
    const days: number[] = [];
    for (let d = Date.UTC(year, 0, 1); d < Date.UTC(year + 1, 0, 1); d += DAY_MS) if (intlOffset(d, zone) !== intlOffset(d + DAY_MS, zone)) days.push(d);
    return days;
  };

  it.each([
    ['America/Los_Angeles', 2025],
    ['Europe/Berlin', 2024],
    ['America/St_Johns', 2010], // switched at 00:01 local, inside a quarter hour
    ['Australia/Lord_Howe', 2024], // a 30-minute switch
    ['America/Sao_Paulo', 2018], // at midnight: the gap is the day's first hour
    ['Pacific/Apia', 2011], // skipped 30 December 2011: a 24-hour switch
  ])('is the instant Intl gives for every wall time from 2 days before each switch of %s in %i to 2 days after', (zone, year) => {
    const days = switchDays(zone, year);
    expect(days.length).toBeGreaterThan(0);
    for (const d of days) {
      for (let wall = d - 2 * DAY_MS; wall <= d + 3 * DAY_MS; wall += 7 * 60_000) {
        expect(zonedWallTimeToEpoch(wall, zone), `${zone} ${new Date(wall).toISOString()}`).toBe(expected(wall, zone));
      }
    }
  });
});

describe('isoString', () => {
  it('is toISOString, for whole seconds from year 0 to 9999 and for instants with milliseconds', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200, max: 253_402_300_799 }), fc.integer({ min: 0, max: 999 }), (second, ms) => {
        expect(isoString(second * 1000)).toBe(new Date(second * 1000).toISOString());
        expect(isoString(second * 1000 + ms)).toBe(new Date(second * 1000 + ms).toISOString());
      }),
      { numRuns: 5000 },
    );
    for (const t of [0, -1000, DAY_MS - 1000, DAY_MS, Date.UTC(2024, 1, 29, 23, 59, 59), Date.UTC(1969, 11, 31, 23, 59, 59)]) expect(isoString(t)).toBe(new Date(t).toISOString());
    // years written with a sign and six digits (a wall time of 9999 or 0 moved across by its zone), twice each (the day's part kept)
    for (const t of [Date.UTC(10000, 0, 1, 7, 0, 0), Date.UTC(10000, 0, 1, 7, 0, 0), new Date('-000001-12-31T23:59:59Z').getTime(), new Date('-000001-12-31T23:59:59Z').getTime()]) {
      expect(isoString(t)).toBe(new Date(t).toISOString());
    }
  });
});
