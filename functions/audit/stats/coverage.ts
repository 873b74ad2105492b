/**
 * Which days of a year the owner's exports cover. LinkedIn keeps about the last 180 days of
 * invitations, so one export covers [exportDate − 180 days, exportDate]; several exports merge
 * (union). The report must say what is missing and when to download the next export.
 */
import type { Coverage } from '../model.ts';
import { listMonths, longDate } from '../dates.ts';

/** Days of invitations an export holds (LinkedIn's window). */
export const EXPORT_WINDOW_DAYS = 180;
/**
 * The window is "about" 180 days: where CRs run on continuously (no gap over EVIDENCE_GAP_DAYS)
 * before the nominal window start, up to EVIDENCE_SLACK_DAYS more days count as covered. Old
 * still-pending rows (sparse, months or years back) never qualify.
 */
export const EVIDENCE_GAP_DAYS = 7;
export const EVIDENCE_SLACK_DAYS = 14;

const DAY_MS = 86_400_000;

export interface ExportCoverage {
  source: string;
  /** YYYY-MM-DD, or null when the export's date could not be told. */
  exportDate: string | null;
  /** YYYY-MM-DD: the first and last day this export covers (whole window, not clipped to the year). */
  windowStart: string;
  windowEnd: string;
  /** Days of this year inside the window. */
  daysInYear: number;
}

export interface CoveredRange {
  /** YYYY-MM-DD, inclusive, clipped to the year. */
  start: string;
  end: string;
  days: number;
  /** The exports covering (part of) this range. */
  sources: string[];
}

export interface MonthCoverage {
  /** YYYY-MM */
  month: string;
  days: number;
  coveredDays: number;
  /** `future`: the month has not started yet (relative to `today`). */
  status: 'full' | 'partial' | 'missing' | 'future';
}

export interface YearCoverage {
  year: number;
  /** YYYY-MM-DD the coverage was judged against. */
  today: string;
  daysInYear: number;
  /** Days of the year up to today (the ones that could be covered). */
  elapsedDays: number;
  coveredDays: number;
  /** coveredDays / elapsedDays (0 when the year has not started). */
  ratio: number;
  /** Every day of the year up to today is covered. */
  complete: boolean;
  ranges: CoveredRange[];
  exports: ExportCoverage[];
  months: MonthCoverage[];
  /** YYYY-MM of elapsed months with no covered day. */
  missingMonths: string[];
  /** YYYY-MM of elapsed months with some but not all days covered. */
  partialMonths: string[];
  /** Uncovered elapsed days older than LinkedIn's window: no new export can bring them back. */
  lostDays: number;
  /** YYYY-MM-DD: download the next export before this day to keep the year without a gap; null when nothing is at stake. */
  nextExportBy: string | null;
  /** One or two sentences for the user. */
  advice: string;
}

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date or an ISO instant (its UTC date). */
export function dayNumber(date: string): number {
  // `YYYY-MM-DD…` read digit by digit (one call per CR per year of a summary; no strings made)
  if (date.length >= 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    let y = 0;
    let m = 0;
    let d = 0;
    let digits = true;
    for (let i = 0; i < 10; i++) {
      if (i === 4 || i === 7) continue;
      const c = date.charCodeAt(i) - 48;
      if (c < 0 || c > 9) digits = false;
      else if (i < 4) y = y * 10 + c;
      else if (i < 7) m = m * 10 + c;
      else d = d * 10 + c;
    }
    if (digits) return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
  }
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** YYYY-MM-DD of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}


/**
 * The window an export covers, in day numbers, or null when it cannot be told. `crDays` (sorted
 * day numbers of the CRs read) extends the start where CRs run on continuously past it.
 */
function windowOf(c: Coverage, crDays: readonly number[]): [number, number] | null {
  const endDate = c.exportDate ?? (c.newestSentAt ? c.newestSentAt.slice(0, 10) : null);
  if (!endDate) return null;
  const end = dayNumber(endDate);
  const nominal = Math.min(c.windowStart ? dayNumber(c.windowStart) : end - EXPORT_WINDOW_DAYS, end);
  let start = nominal;
  for (let i = crDays.length - 1; i >= 0; i--) {
    const d = crDays[i];
    if (d >= start) continue;
    if (start - d > EVIDENCE_GAP_DAYS || nominal - d > EVIDENCE_SLACK_DAYS) break;
    start = d;
  }
  return [start, end];
}

/**
 * Which days of `year` the exports cover. `sentAts` (UTC ISO instants of the CRs read, any year)
 * lets a window reach a few days past its nominal 180-day start where the data shows it does.
 */
export function coverageOfYear(coverages: Coverage[], year: number, today?: string, sentAts: string[] = []): YearCoverage {
  return coverageOfDays(coverages, year, today, daysOf(sentAts));
}

/** The distinct days (day numbers, ascending) of UTC ISO instants; a string that is no date is left out. */
export function daysOf(sentAts: readonly string[]): number[] {
  const days = new Set<number>();
  for (const sentAt of sentAts) {
    const d = dayNumber(sentAt);
    if (!Number.isNaN(d)) days.add(d);
  }
  return [...days].sort((a, b) => a - b);
}

/** coverageOfYear with the CRs' days worked out already (daysOf): several years from one reading of the CRs. */
export function coverageOfDays(coverages: Coverage[], year: number, today: string | undefined, crDays: readonly number[]): YearCoverage {
  const windows: ExportWindow[] = [];
  for (const c of coverages) {
    const w = windowOf(c, crDays);
    if (w) windows.push({ source: c.source, exportDate: c.exportDate, start: w[0], end: w[1] });
  }
  return judgeCoverage(year, windows, today ?? new Date().toISOString().slice(0, 10));
}

/**
 * The same coverage judged on another day: elapsed days, missing months, lost days, the next
 * export's deadline and the advice move with time, the exports' windows do not. Stored year
 * stats are re-judged with this when served, so their advice is never stale.
 */
export function coverageAsOf(coverage: YearCoverage, today: string): YearCoverage {
  const windows = coverage.exports.map((e) => ({ source: e.source, exportDate: e.exportDate, start: dayNumber(e.windowStart), end: dayNumber(e.windowEnd) }));
  return judgeCoverage(coverage.year, windows, today);
}

/** An export's window in day numbers (inclusive). */
interface ExportWindow {
  source: string;
  exportDate: string | null;
  start: number;
  end: number;
}

function judgeCoverage(year: number, unsorted: ExportWindow[], todayDate: string): YearCoverage {
  const windows = [...unsorted].sort((a, b) => a.start - b.start || a.source.localeCompare(b.source));
  const todayDay = dayNumber(todayDate);
  const first = dayNumber(`${year}-01-01`);
  const last = dayNumber(`${year}-12-31`);
  const daysInYear = last - first + 1;
  const lastElapsed = Math.min(last, todayDay);
  const elapsedDays = Math.max(0, lastElapsed - first + 1);

  const exports: ExportCoverage[] = windows
    .map((w) => ({
      source: w.source,
      exportDate: w.exportDate,
      windowStart: dateOfDay(w.start),
      windowEnd: dateOfDay(w.end),
      daysInYear: Math.max(0, Math.min(w.end, last) - Math.max(w.start, first) + 1),
    }))
    .filter((e) => e.daysInYear > 0);

  // Per day of the year: which exports cover it (a year has at most 366 days: a plain scan is clearest).
  const coveredBy: string[][] = Array.from({ length: daysInYear }, () => []);
  for (const w of windows) {
    for (let d = Math.max(w.start, first); d <= Math.min(w.end, last); d++) coveredBy[d - first].push(w.source);
  }
  const covered = (d: number) => coveredBy[d - first].length > 0;

  const ranges: CoveredRange[] = [];
  for (let d = first; d <= last; d++) {
    if (!covered(d)) continue;
    const prev = ranges[ranges.length - 1];
    if (prev && dayNumber(prev.end) === d - 1) {
      prev.end = dateOfDay(d);
      prev.days++;
      for (const s of coveredBy[d - first]) if (!prev.sources.includes(s)) prev.sources.push(s);
    } else {
      ranges.push({ start: dateOfDay(d), end: dateOfDay(d), days: 1, sources: [...coveredBy[d - first]] });
    }
  }

  let coveredDays = 0;
  for (let d = first; d <= lastElapsed; d++) if (covered(d)) coveredDays++;

  const months: MonthCoverage[] = [];
  for (let m = 0; m < 12; m++) {
    const mStart = dayNumber(`${year}-${String(m + 1).padStart(2, '0')}-01`);
    const mEnd = m === 11 ? last : dayNumber(`${year}-${String(m + 2).padStart(2, '0')}-01`) - 1;
    let n = 0;
    for (let d = mStart; d <= Math.min(mEnd, lastElapsed); d++) if (covered(d)) n++;
    const elapsed = Math.max(0, Math.min(mEnd, lastElapsed) - mStart + 1);
    const status: MonthCoverage['status'] =
      elapsed === 0 ? 'future' : n === 0 ? 'missing' : n === elapsed ? 'full' : 'partial';
    months.push({ month: `${year}-${String(m + 1).padStart(2, '0')}`, days: mEnd - mStart + 1, coveredDays: n, status });
  }
  const missingMonths = months.filter((m) => m.status === 'missing').map((m) => m.month);
  const partialMonths = months.filter((m) => m.status === 'partial').map((m) => m.month);

  // Uncovered elapsed days: still in LinkedIn's window (a new export brings them back) or lost.
  const reachFrom = todayDay - EXPORT_WINDOW_DAYS;
  const retrievable: number[] = [];
  let lostDays = 0;
  for (let d = first; d <= lastElapsed; d++) {
    if (covered(d)) continue;
    if (d >= reachFrom) retrievable.push(d);
    else lostDays++;
  }
  const lostMonths = months
    .filter((m) => m.status === 'missing' || m.status === 'partial')
    .map((m) => m.month)
    .filter((month) => {
      const mStart = dayNumber(`${month}-01`);
      for (let d = mStart; d < Math.min(mStart + 31, lastElapsed + 1) && d <= last; d++) {
        if (dateOfDay(d).slice(0, 7) !== month) break;
        if (!covered(d) && d < reachFrom) return true;
      }
      return false;
    });

  const sentences: string[] = [];
  let nextExportBy: string | null = null;
  const complete = elapsedDays > 0 && coveredDays === elapsedDays;
  const monthsOfDays = (days: number[]) => [...new Set(days.map((d) => dateOfDay(d).slice(0, 7)))];

  if (elapsedDays === 0) {
    sentences.push(`${year} has not started yet.`);
  } else if (retrievable.length > 0) {
    // A new export today still holds these days; each day leaves the window 180 days after it.
    nextExportBy = dateOfDay(retrievable[0] + EXPORT_WINDOW_DAYS);
    const when = retrievable[0] + EXPORT_WINDOW_DAYS <= todayDay ? 'today' : `before ${longDate(nextExportBy)}`;
    sentences.push(`Download a new export ${when} to keep ${listMonths(monthsOfDays(retrievable))} of ${year}.`);
  } else if (todayDay < last) {
    // Covered so far, but the year goes on: the next export must overlap the last covered day.
    const lastCovered = ranges.length ? dayNumber(ranges[ranges.length - 1].end) : todayDay;
    nextExportBy = dateOfDay(lastCovered + EXPORT_WINDOW_DAYS);
    const rest = monthsOfDays(Array.from({ length: last - lastCovered }, (_, i) => lastCovered + 1 + i));
    sentences.push(
      `Covered so far. Download a new export before ${longDate(nextExportBy)} to keep ${listMonths(rest)} of ${year}, and another one early in ${year + 1} to close the year.`,
    );
  }
  if (lostDays > 0) {
    sentences.push(
      `No export covers ${listMonths(lostMonths)} ${year} (${lostDays} ${lostDays === 1 ? 'day' : 'days'}), and LinkedIn's export no longer holds ${lostMonths.length > 1 ? 'them' : 'it'} (it keeps about ${EXPORT_WINDOW_DAYS} days): add an older export if you kept one.`,
    );
  }
  if (complete && todayDay >= last) sentences.push(`Complete: your exports cover every day of ${year}.`);

  return {
    year,
    today: todayDate,
    daysInYear,
    elapsedDays,
    coveredDays,
    ratio: elapsedDays === 0 ? 0 : coveredDays / elapsedDays,
    complete,
    ranges,
    exports,
    months,
    missingMonths,
    partialMonths,
    lostDays,
    nextExportBy,
    advice: sentences.join(' '),
  };
}
