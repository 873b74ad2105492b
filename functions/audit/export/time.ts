/**
 * `Sent At` parsing: LinkedIn writes `M/D/YY, h:mm AM`, a wall time with no zone, in US Pacific
 * time (America/Los_Angeles). We convert it to a UTC instant with Intl (no tz library).
 *
 * DST rule (the "compatible" rule of Temporal and java.time):
 * - a wall time that happens twice (fall back, e.g. 1:30 AM on the first Sunday of November) is
 *   read as the EARLIER instant (still daylight time);
 * - a wall time that never happens (spring forward, e.g. 2:30 AM on the second Sunday of March) is
 *   moved FORWARD by the length of the gap (2:30 AM becomes 3:30 AM daylight time).
 */

export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

const SENT_AT = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}),[ \u00A0\u202F\u2009]+(\d{1,2}):(\d{2})(?::(\d{2}))?[ \u00A0\u202F\u2009]*([AaPp])\.?[Mm]\.?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
const QUARTER_HOUR = 15 * 60_000;

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone Intl knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock fields of an instant in a zone. */
export function wallTime(epochMs: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = formatter(timeZone).formatToParts(new Date(epochMs));
  const get = (t: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** Offset (ms, local minus UTC) of `timeZone` at an instant, from Intl (to the second: offsets before 1900 have seconds). */
function intlOffsetAt(epochMs: number, timeZone: string): number {
  const probe = Math.floor(epochMs / 1000) * 1000;
  const w = wallTime(probe, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - probe;
}

/**
 * What is worked out per zone and per number (a quarter hour, a day), cached: keyed by the number
 * (no key text made per lookup: a `zone|bucket` text was about a third of its profiled time), the
 * last zone's map kept at hand (a run reads one zone, or two), at most MAX per zone.
 */
class PerZone<V> {
  private static readonly MAX = 50_000;
  private readonly byZone = new Map<string, Map<number, V>>();
  private zone = '';
  private last = new Map<number, V>();

  private of(timeZone: string): Map<number, V> {
    if (timeZone !== this.zone) {
      let values = this.byZone.get(timeZone);
      if (values === undefined) this.byZone.set(timeZone, (values = new Map()));
      this.zone = timeZone;
      this.last = values;
    }
    return this.last;
  }

  get(timeZone: string, key: number): V | undefined {
    return this.of(timeZone).get(key);
  }

  set(timeZone: string, key: number, value: V): void {
    let values = this.of(timeZone);
    if (values.size > PerZone.MAX) this.byZone.set(timeZone, (this.last = values = new Map())); // a new Map, not clear(): see RepeatedTexts in classify
    values.set(key, value);
  }
}

/** Per zone, by quarter hour: the offset at its start. */
const bucketCache = new PerZone<number>();

/** Offset of `timeZone` at the start of a quarter hour (`bucket` quarter hours after 1970), cached per zone and quarter hour. */
function bucketOffset(bucket: number, timeZone: string): number {
  let off = bucketCache.get(timeZone, bucket);
  if (off === undefined) {
    off = intlOffsetAt(bucket * QUARTER_HOUR, timeZone);
    bucketCache.set(timeZone, bucket, off);
  }
  return off;
}

/**
 * Offset (ms, local minus UTC) of `timeZone` at an instant: the offset at the start of its quarter
 * hour when the next quarter hour starts with the same one; else (a switch inside it: most zones
 * switch on a quarter hour, but Newfoundland's switched at 00:01 until 2011) read from Intl.
 */
function offsetAt(epochMs: number, timeZone: string): number {
  const bucket = Math.floor(epochMs / QUARTER_HOUR);
  const start = bucketOffset(bucket, timeZone);
  if (epochMs === bucket * QUARTER_HOUR) return start;
  return start === bucketOffset(bucket + 1, timeZone) ? start : intlOffsetAt(epochMs, timeZone);
}

const DAY = 86_400_000;
/** Per zone, by UTC day: the offset valid for the whole window [day - 1 d, day + 2 d], or null when it changes in there. */
const steadyCache = new PerZone<number | null>();
function steadyOffset(day: number, timeZone: string): number | null {
  let off = steadyCache.get(timeZone, day);
  if (off === undefined) {
    const a = offsetAt(day * DAY - DAY, timeZone);
    const b = offsetAt(day * DAY + 2 * DAY, timeZone);
    off = a === b ? a : null; // real zones never switch twice within 3 days
    steadyCache.set(timeZone, day, off);
  }
  return off;
}

/** Offset of a zone at an instant (fast path: a day without a switch). */
export function offsetOf(epochMs: number, timeZone: string): number {
  return steadyOffsetOf(epochMs, timeZone) ?? offsetAt(epochMs, timeZone);
}

/** Offset of a zone at an instant whose UTC day is a day before and two after any switch of the zone; else null. */
export function steadyOffsetOf(epochMs: number, timeZone: string): number | null {
  return steadyOffset(Math.floor(epochMs / DAY), timeZone);
}

/** The switch of a zone's offset inside a window of steadyOffset's: the offsets either side, and the first second (ms) of the new one. */
interface Switch {
  before: number;
  after: number;
  at: number;
}

/**
 * Per zone, by UTC day whose window [day - 1 d, day + 2 d] is not steady (steadyOffset null): the
 * one switch in it (real zones never switch twice within 3 days), its second found by halving the
 * window (18 Intl readings). Each wall time of such a day read the offsets of its own quarter hours
 * from Intl before (4 new ones for most: m100k, 100k Sent At over 5 years, 5,791 Intl readings, 3,900
 * of them for the 2% of rows near a switch).
 */
const switchCache = new PerZone<Switch>();
function switchIn(day: number, timeZone: string): Switch {
  let s = switchCache.get(timeZone, day);
  if (s === undefined) {
    const from = day * DAY - DAY;
    const to = day * DAY + 2 * DAY;
    const before = offsetAt(from, timeZone);
    let lo = from / 1000; // a second with the offset before the switch
    let hi = to / 1000; // one with the offset after it
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (intlOffsetAt(mid * 1000, timeZone) === before) lo = mid;
      else hi = mid;
    }
    s = { before, after: offsetAt(to, timeZone), at: hi * 1000 };
    switchCache.set(timeZone, day, s);
  }
  return s;
}

/** offsetAt of an instant inside the window of a switch: the offset Intl gives for its second. */
function offsetAround(s: Switch, epochMs: number): number {
  return Math.floor(epochMs / 1000) * 1000 >= s.at ? s.after : s.before;
}

/** The UTC instant of a wall time in a zone, with the DST rule documented above. `wall` is the wall time encoded as if it were UTC. */
export function zonedWallTimeToEpoch(wall: number, timeZone: string): number {
  const day = Math.floor(wall / DAY);
  const steady = steadyOffset(day, timeZone);
  if (steady !== null) return wall - steady;
  // every instant read here lies in the switch's window: wall ± 1 d, and wall less an offset (under 1 d)
  const s = switchIn(day, timeZone);
  const before = offsetAround(s, wall - DAY);
  const after = offsetAround(s, wall + DAY);
  const byBefore = wall - before; // the instant if the offset before the switch holds
  const byAfter = wall - after;
  const beforeFits = byBefore + offsetAround(s, byBefore) === wall;
  const afterFits = byAfter + offsetAround(s, byAfter) === wall;
  if (beforeFits && afterFits) return Math.min(byBefore, byAfter); // ambiguous: the earlier instant
  if (beforeFits) return byBefore;
  if (afterFits) return byAfter;
  return byBefore; // gap: shift forward by the gap
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Days in a month (1–12) of the proleptic Gregorian calendar, as Date.UTC counts them. */
function daysInMonth(year: number, month: number): number {
  return month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : DAYS_IN_MONTH[month - 1];
}

/** True when `text` starts with a digit and ends with M, m or a dot: nothing for trim() to remove (a Sent At as LinkedIn writes it). */
function trimmed(text: string): boolean {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first >= 48 && first <= 57 && (last === 77 || last === 109 || last === 46);
}

/** The character codes of `YYYY-MM-DDT` per UTC day: up to 4,096 days (11 years; an export covers months). */
let isoDays = new Map<number, number[]>();
/** The character codes of the ISO text being made (its date part and digits overwritten each time). */
const isoCodes: number[] = Array.from('0000-00-00T00:00:00.000Z', (c) => c.charCodeAt(0));
const DIGIT_0 = 48;
/**
 * new Date(epochMs).toISOString() of a whole second (a Sent At's instant) without making a Date
 * and formatting it whole: the day's part is made once per day (toISOString was half the cost of
 * reading a Sent At). Made from its character codes as one flat string: a concatenation of its
 * parts was a tree of 6 strings, flattened when first read (the id's hash) and its inner nodes
 * left as garbage, by then in the old generation (200k rows: 32 MB promoted while reading and
 * dropped), and it took longer (1M calls: 780 -> 300 ms, flattening included).
 */
export function isoString(epochMs: number): string {
  const day = Math.floor(epochMs / DAY);
  const second = (epochMs - day * DAY) / 1000;
  if (!Number.isInteger(second)) return new Date(epochMs).toISOString();
  let prefix = isoDays.get(day);
  if (prefix === undefined) {
    prefix = Array.from(new Date(day * DAY).toISOString().slice(0, -13), (c) => c.charCodeAt(0));
    if (isoDays.size >= 4096) isoDays = new Map();
    isoDays.set(day, prefix);
  }
  if (prefix.length !== 11) return new Date(epochMs).toISOString(); // a year before 0 or after 9999 (±YYYYYY)
  const codes = isoCodes;
  for (let i = 0; i < 11; i++) codes[i] = prefix[i];
  const minute = Math.floor(second / 60);
  const hour = Math.floor(minute / 60);
  const m = minute % 60;
  const s = second % 60;
  codes[11] = DIGIT_0 + Math.floor(hour / 10);
  codes[12] = DIGIT_0 + (hour % 10);
  codes[14] = DIGIT_0 + Math.floor(m / 10);
  codes[15] = DIGIT_0 + (m % 10);
  codes[17] = DIGIT_0 + Math.floor(s / 10);
  codes[18] = DIGIT_0 + (s % 10);
  return String.fromCharCode.apply(null, codes);
}

export interface SentAt {
  /** UTC ISO 8601. */
  sentAt: string;
  /** Calendar year of the instant in the year zone. */
  year: number;
}

/** plainSentAt's fields: month, day, year (four digits), hour (1-12 as written), minute, 1 for PM. */
const sentAtFields = new Int32Array(6);
const SLASH = 47;
const COMMA = 44;
const SPACE = 32;
const COLON = 58;
/**
 * A Sent At in the form LinkedIn writes (`3/14/26, 9:05 AM`: one space each, no seconds, upper-case
 * AM or PM) read character by character into `into`; false for any other text, which SENT_AT then
 * reads. Whatever it accepts, SENT_AT accepts with the same fields (time.test.ts checks it); it
 * checks no range (parseSentAt does). A third of the cost of the regex and its Number() calls.
 */
function plainSentAt(t: string, into: Int32Array): boolean {
  const n = t.length;
  let i = 0;
  let c = 0;
  let v = 0;
  let k = 0;
  // month and day: one or two digits, then a slash
  for (let field = 0; field < 2; field++) {
    for (v = 0, k = 0; k < 2 && i < n && (c = t.charCodeAt(i) - DIGIT_0) >= 0 && c <= 9; k++, i++) v = v * 10 + c;
    if (k === 0 || t.charCodeAt(i) !== SLASH) return false;
    into[field] = v;
    i++;
  }
  // the year: two digits or four, then a comma and one space
  for (v = 0, k = 0; k < 4 && i < n && (c = t.charCodeAt(i) - DIGIT_0) >= 0 && c <= 9; k++, i++) v = v * 10 + c;
  if ((k !== 2 && k !== 4) || t.charCodeAt(i) !== COMMA || t.charCodeAt(i + 1) !== SPACE) return false;
  into[2] = k === 2 ? 2000 + v : v;
  i += 2;
  // the hour: one or two digits, then a colon
  for (v = 0, k = 0; k < 2 && i < n && (c = t.charCodeAt(i) - DIGIT_0) >= 0 && c <= 9; k++, i++) v = v * 10 + c;
  if (k === 0 || t.charCodeAt(i) !== COLON) return false;
  into[3] = v;
  i++;
  // the minute: two digits, one space, AM or PM, the end
  if (i + 5 !== n) return false;
  const m1 = t.charCodeAt(i) - DIGIT_0;
  const m2 = t.charCodeAt(i + 1) - DIGIT_0;
  const half = t.charCodeAt(i + 3);
  if (!(m1 >= 0 && m1 <= 9 && m2 >= 0 && m2 <= 9) || t.charCodeAt(i + 2) !== SPACE || (half !== 65 && half !== 80) || t.charCodeAt(i + 4) !== 77) return false;
  into[4] = m1 * 10 + m2;
  into[5] = half === 80 ? 1 : 0;
  return true;
}

/**
 * Parse a `Sent At` value (`3/14/26, 9:05 AM`; NBSP or U+202F before AM/PM tolerated) as a wall
 * time in `timeZone`. `year` is the calendar year in `yearTimeZone` (default: the same zone).
 * Returns null when the text is not a valid date.
 */
export function parseSentAt(text: string, timeZone: string = DEFAULT_TIME_ZONE, yearTimeZone: string = timeZone): SentAt | null {
  let month: number, day: number, year: number, hour: number, minute: number, second: number, pm: boolean;
  const f = sentAtFields;
  if (plainSentAt(text, f)) {
    month = f[0];
    day = f[1];
    year = f[2];
    hour = f[3];
    minute = f[4];
    second = 0;
    pm = f[5] === 1;
  } else {
    const m = SENT_AT.exec(trimmed(text) ? text : text.trim());
    if (!m) return null;
    month = Number(m[1]);
    day = Number(m[2]);
    year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    hour = Number(m[4]);
    minute = Number(m[5]);
    second = m[6] ? Number(m[6]) : 0;
    pm = m[7].toUpperCase() === 'P';
  }
  if (month < 1 || month > 12 || day < 1 || hour < 1 || hour > 12 || minute > 59 || second > 59) return null;
  if (day > daysInMonth(year, month)) return null;
  hour = (hour % 12) + (pm ? 12 : 0);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const epoch = zonedWallTimeToEpoch(wall, timeZone);
  const localYear = yearTimeZone === timeZone ? year : new Date(epoch + offsetOf(epoch, yearTimeZone)).getUTCFullYear();
  return { sentAt: isoString(epoch), year: localYear };
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDate(epochMs: number, timeZone: string): string {
  const w = wallTime(epochMs, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` plus `days` (may be negative). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * `Connected On` of Connections.csv as `YYYY-MM-DD` (a UTC date): `08 Feb 2026`, Excel's
 * `9-Sep-22`, or 2018's `1/8/18, 6:14 PM` (read as Pacific, converted to the UTC date). Null if not a date.
 */
export function parseConnectedOn(text: string, timeZone: string = DEFAULT_TIME_ZONE): string | null {
  const t = text.trim();
  let m = /^(\d{1,2})[ -]([A-Za-z]{3})[a-z]*[ -](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS.indexOf(m[2].toLowerCase()) + 1;
    const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return month ? isoDate(year, month, Number(m[1])) : null;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  const s = parseSentAt(t, timeZone);
  return s ? s.sentAt.slice(0, 10) : null;
}
