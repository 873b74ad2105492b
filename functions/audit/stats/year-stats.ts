/**
 * Yearly statistics of an owner's connection requests: the numbers behind the report page and
 * the `GET /stats/{year}` API. Pure and JSON-serialisable; recomputed from the stored verdicts,
 * never incremented.
 */
import {
  CATEGORIES,
  DIRECTIONS,
  IGNORE_CATEGORIES,
  ROLES,
  VERDICTS,
  type Category,
  type ClassifiedRequest,
  type Coverage,
  type Direction,
  type IgnoreCategory,
  type Role,
  type Verdict,
} from '../model.ts';
import { DEFAULT_TIME_ZONE, steadyOffsetOf } from '../export/time.ts';
import { coverageAsOf, coverageOfDays, daysOf, type YearCoverage } from './coverage.ts';

export type { YearCoverage, MonthCoverage, CoveredRange, ExportCoverage } from './coverage.ts';

/** The reader's default zone (LinkedIn's own for a US account): months are counted in it too. */
export { DEFAULT_TIME_ZONE };

export interface DirectionStats {
  total: number;
  withNote: number;
  byCategory: Record<Category, number>;
  byVerdict: Record<Verdict, number>;
  /** Who wrote (received) or whom the owner wrote to (sent), with the verdicts within each role. */
  byRole: Record<Role, RoleStats>;
}

/** The CRs of one role: how many, and their verdicts. */
export interface RoleStats {
  total: number;
  byVerdict: Record<Verdict, number>;
}

export interface MonthStats {
  /** YYYY-MM */
  month: string;
  byVerdict: Record<Verdict, number>;
  total: number;
}

export interface CategoryAcceptance {
  sent: number;
  accepted: number;
  /** accepted / (accepted + pending); null when no outcome is known. */
  rate: number | null;
}

export interface SentAcceptance {
  sent: number;
  accepted: number;
  pending: number;
  unknown: number;
  /** accepted / (accepted + pending); null when no outcome is known (no Connections.csv). */
  rate: number | null;
  byCategory: Partial<Record<Category, CategoryAcceptance>>;
  /** By the invitee's role, e.g. "recruiters accepted 62% of your requests"; only roles the owner wrote to. */
  byRole: Partial<Record<Role, CategoryAcceptance>>;
}

export interface YearStats {
  year: number;
  totals: {
    received: number;
    sent: number;
    withNote: number;
    withoutNote: number;
    accept: number;
    ignore: number;
    neither: number;
  };
  byDirection: Record<Direction, DirectionStats>;
  byCategory: Record<Category, number>;
  byVerdict: Record<Verdict, number>;
  /** Both directions; the split by direction (with verdicts) is in byDirection.*.byRole. */
  byRole: Record<Role, number>;
  /** 12 entries, January to December. */
  byMonth: MonthStats[];
  /** Most frequent IGNORE category among received CRs (ties: taxonomy order); null when none. */
  worstCategory: IgnoreCategory | null;
  sentAcceptance: SentAcceptance;
  coverage: YearCoverage;
}

export interface StatsOptions {
  /** IANA zone the months are counted in (default America/Los_Angeles). */
  timeZone?: string;
  /** YYYY-MM-DD: "today", for coverage advice (default: the current UTC date). */
  today?: string;
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function emptyByRole(): Record<Role, RoleStats> {
  return Object.fromEntries(ROLES.map((r) => [r, { total: 0, byVerdict: zeroes(VERDICTS) }])) as Record<Role, RoleStats>;
}

/** A CR's role; a verdict stored before roles existed has none and counts as `unknown`. */
export function roleOf(r: { role?: Role | null }): Role {
  return r.role ?? 'unknown';
}

/** True when the CR carries a note: everything but `no_message`, so that withoutNote = NEITHER always. */
export function hasNote(r: Pick<ClassifiedRequest, 'category'>): boolean {
  return r.category !== 'no_message';
}

/** accepted / (accepted + pending), or null when nothing is known. */
export function acceptanceRate(accepted: number, pending: number): number | null {
  const known = accepted + pending;
  return known === 0 ? null : accepted / known;
}

const monthFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * True for a UTC instant as toISOString writes it (`YYYY-MM-DDTHH:mm:ss.sssZ`, year 1000 or later)
 * on a day from the 2nd to the 27th of its month: every zone (UTC offsets lie within ±15 hours)
 * puts it in that month (an invalid time of day makes monthOf read the string too).
 */
function midMonth(sentAt: string): boolean {
  if (sentAt.length !== 24 || sentAt.charCodeAt(23) !== 90 || sentAt.charCodeAt(4) !== 45 || sentAt.charCodeAt(7) !== 45 || sentAt.charCodeAt(10) !== 84) return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const c = sentAt.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const month = (sentAt.charCodeAt(5) - 48) * 10 + sentAt.charCodeAt(6) - 48;
  const day = (sentAt.charCodeAt(8) - 48) * 10 + sentAt.charCodeAt(9) - 48;
  return sentAt.charCodeAt(0) !== 48 && month >= 1 && month <= 12 && day >= 2 && day <= 27;
}

/** True for an instant as toISOString writes it, from 1980 to 9998 (no earlier: zones' offsets had seconds then). */
function isoSince1980(sentAt: string): boolean {
  if (sentAt.length !== 24 || sentAt.charCodeAt(23) !== 90 || sentAt.charCodeAt(4) !== 45 || sentAt.charCodeAt(7) !== 45 || sentAt.charCodeAt(10) !== 84) return false;
  if (sentAt.charCodeAt(13) !== 58 || sentAt.charCodeAt(16) !== 58 || sentAt.charCodeAt(19) !== 46) return false;
  let year = 0;
  for (let i = 0; i < 23; i++) {
    if (i === 4 || i === 7 || i === 10 || i === 13 || i === 16 || i === 19) continue;
    const c = sentAt.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    if (i < 4) year = year * 10 + c - 48;
  }
  return year >= 1980 && year <= 9998;
}

/**
 * `YYYY-MM` of an ISO instant in a zone. An instant mid-month (midMonth) is in its UTC month in
 * every zone: read from the string. Near a month's edge the zone decides: on a day far from any
 * switch of the zone's offset, by that offset (steadyOffsetOf, export/time.ts: cached per zone
 * and day, where the zone's formatter takes 2-10 µs a CR, and about 13% of all CRs are near an
 * edge); else (a day near a switch, or before 1980) by the formatter.
 */
export function monthOf(sentAt: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (midMonth(sentAt)) return sentAt.slice(0, 7);
  if (isoSince1980(sentAt)) {
    const t = Date.parse(sentAt);
    const offset = Number.isNaN(t) ? null : steadyOffsetOf(t, timeZone);
    if (offset !== null) {
      const local = new Date(t + offset);
      return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
    }
  }
  let f = monthFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
    monthFormatters.set(timeZone, f);
  }
  const instant = new Date(sentAt);
  if (Number.isNaN(instant.getTime())) return sentAt.slice(0, 7);
  const parts = f.formatToParts(instant);
  const y = parts.find((p) => p.type === 'year')?.value ?? '0000';
  const m = parts.find((p) => p.type === 'month')?.value ?? '01';
  return `${y}-${m}`;
}

/** The years that have at least one CR, ascending. */
export function yearsOf(requests: ClassifiedRequest[]): number[] {
  const years = new Set<number>();
  for (const r of requests) years.add(r.year);
  return [...years].sort((a, b) => a - b);
}

export function computeYearStats(
  requests: ClassifiedRequest[],
  coverages: Coverage[],
  year: number,
  options: StatsOptions = {},
): YearStats {
  return statsOf(year, requests.filter((r) => r.year === year), coverages, daysOf(requests.map((r) => r.sentAt)), options);
}

/**
 * computeYearStats of each of `years`, with the CRs read once for all of them: grouped by year in
 * one pass and their days (the coverage's evidence) worked out once, not once a year. `byYear`:
 * requestsByYear(requests) when the caller has it already.
 */
export function computeYearsStats(
  requests: ClassifiedRequest[],
  coverages: Coverage[],
  years: readonly number[],
  options: StatsOptions = {},
  byYear: ReadonlyMap<number, ClassifiedRequest[]> = requestsByYear(requests),
): YearStats[] {
  const crDays = daysOf(requests.map((r) => r.sentAt));
  return years.map((year) => statsOf(year, byYear.get(year) ?? [], coverages, crDays, options));
}

/** The CRs of each year, in their order: what `requests.filter((r) => r.year === year)` gives, for every year in one pass. */
export function requestsByYear<R extends { year: number }>(requests: readonly R[]): Map<number, R[]> {
  const byYear = new Map<number, R[]>();
  for (const r of requests) {
    const of = byYear.get(r.year);
    if (of) of.push(r);
    else byYear.set(r.year, [r]);
  }
  return byYear;
}

/**
 * The month (0-11) of `year` an instant counts in: its month in the zone (monthOf), an instant the
 * zone puts in the neighbouring year clamped to this one. Mid-month (midMonth) the year and month
 * are read from the string's digits, as `monthOf(…).split('-').map(Number)` would give them.
 */
function monthIndexOf(sentAt: string, year: number, timeZone: string): number {
  let y: number;
  let m: number;
  if (midMonth(sentAt)) {
    y = (sentAt.charCodeAt(0) - 48) * 1000 + (sentAt.charCodeAt(1) - 48) * 100 + (sentAt.charCodeAt(2) - 48) * 10 + sentAt.charCodeAt(3) - 48;
    m = (sentAt.charCodeAt(5) - 48) * 10 + sentAt.charCodeAt(6) - 48;
  } else [y, m] = monthOf(sentAt, timeZone).split('-').map(Number);
  return y < year ? 0 : y > year ? 11 : m - 1;
}

function statsOf(year: number, ofYear: ClassifiedRequest[], coverages: Coverage[], crDays: readonly number[], options: StatsOptions): YearStats {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;

  const byDirection = Object.fromEntries(
    DIRECTIONS.map((d) => [d, { total: 0, withNote: 0, byCategory: zeroes(CATEGORIES), byVerdict: zeroes(VERDICTS), byRole: emptyByRole() }]),
  ) as Record<Direction, DirectionStats>;
  const byCategory = zeroes(CATEGORIES);
  const byVerdict = zeroes(VERDICTS);
  const byRole = zeroes(ROLES);
  const byMonth: MonthStats[] = Array.from({ length: 12 }, (_, i) => ({
    month: `${year}-${String(i + 1).padStart(2, '0')}`,
    byVerdict: zeroes(VERDICTS),
    total: 0,
  }));
  let withNote = 0;
  const sentAcceptance: SentAcceptance = { sent: 0, accepted: 0, pending: 0, unknown: 0, rate: null, byCategory: {}, byRole: {} };
  const pendingByCategory: Partial<Record<Category, number>> = {};
  const pendingByRole: Partial<Record<Role, number>> = {};

  for (const r of ofYear) {
    const d = byDirection[r.direction];
    const note = hasNote(r);
    d.total++;
    d.byCategory[r.category]++;
    d.byVerdict[r.verdict]++;
    byCategory[r.category]++;
    byVerdict[r.verdict]++;
    const role = roleOf(r);
    byRole[role]++;
    d.byRole[role].total++;
    d.byRole[role].byVerdict[r.verdict]++;
    if (note) {
      d.withNote++;
      withNote++;
    }
    const index = monthIndexOf(r.sentAt, year, timeZone);
    byMonth[index].byVerdict[r.verdict]++;
    byMonth[index].total++;

    if (r.direction === 'OUTGOING') {
      sentAcceptance.sent++;
      sentAcceptance[r.outcome]++;
      const c = (sentAcceptance.byCategory[r.category] ??= { sent: 0, accepted: 0, rate: null });
      c.sent++;
      if (r.outcome === 'accepted') c.accepted++;
      if (r.outcome === 'pending') pendingByCategory[r.category] = (pendingByCategory[r.category] ?? 0) + 1;
      const byInvitee = (sentAcceptance.byRole[role] ??= { sent: 0, accepted: 0, rate: null });
      byInvitee.sent++;
      if (r.outcome === 'accepted') byInvitee.accepted++;
      if (r.outcome === 'pending') pendingByRole[role] = (pendingByRole[role] ?? 0) + 1;
    }
  }
  sentAcceptance.rate = acceptanceRate(sentAcceptance.accepted, sentAcceptance.pending);
  for (const [category, c] of Object.entries(sentAcceptance.byCategory) as [Category, CategoryAcceptance][]) {
    c.rate = acceptanceRate(c.accepted, pendingByCategory[category] ?? 0);
  }
  for (const [role, c] of Object.entries(sentAcceptance.byRole) as [Role, CategoryAcceptance][]) {
    c.rate = acceptanceRate(c.accepted, pendingByRole[role] ?? 0);
  }

  let worstCategory: IgnoreCategory | null = null;
  for (const c of IGNORE_CATEGORIES) {
    const n = byDirection.INCOMING.byCategory[c];
    if (n > 0 && (worstCategory === null || n > byDirection.INCOMING.byCategory[worstCategory])) worstCategory = c;
  }

  return {
    year,
    totals: {
      received: byDirection.INCOMING.total,
      sent: byDirection.OUTGOING.total,
      withNote,
      withoutNote: ofYear.length - withNote,
      accept: byVerdict.ACCEPT,
      ignore: byVerdict.IGNORE,
      neither: byVerdict.NEITHER,
    },
    byDirection,
    byCategory,
    byVerdict,
    byRole,
    byMonth,
    worstCategory,
    sentAcceptance,
    coverage: coverageOfDays(coverages, year, options.today, crDays),
  };
}

/**
 * Stored stats as of `today` (YYYY-MM-DD): the counts are the ones stored, the coverage (elapsed
 * days, missing months, the next export's deadline, the advice) is judged anew, so stats stored at
 * ingest never give stale advice.
 */
export function yearStatsAsOf(stats: YearStats, today: string): YearStats {
  return { ...withRoles(stats), coverage: coverageAsOf(stats.coverage, today) };
}

/**
 * Stats stored before roles existed (no `byRole`) with their CRs counted as `unknown`, as their
 * verdicts read: the same numbers a recomputation from those stored verdicts would give.
 */
export function withRoles(stats: YearStats): YearStats {
  const stored = stats as Omit<YearStats, 'byRole'> & { byRole?: YearStats['byRole'] };
  if (stored.byRole && Object.values(stats.byDirection).every((d) => d.byRole) && stats.sentAcceptance.byRole) return stats;
  const allUnknown = (d: Omit<DirectionStats, 'byRole'>): Record<Role, RoleStats> => ({ ...emptyByRole(), unknown: { total: d.total, byVerdict: { ...d.byVerdict } } });
  const byDirection = Object.fromEntries(
    (Object.entries(stats.byDirection) as [Direction, DirectionStats][]).map(([k, d]) => [k, { ...d, byRole: d.byRole ?? allUnknown(d) }]),
  ) as Record<Direction, DirectionStats>;
  const sa = stats.sentAcceptance;
  return {
    ...stats,
    byDirection,
    byRole: stored.byRole ?? { ...zeroes(ROLES), unknown: stats.totals.received + stats.totals.sent },
    sentAcceptance: { ...sa, byRole: sa.byRole ?? (sa.sent > 0 ? { unknown: { sent: sa.sent, accepted: sa.accepted, rate: sa.rate } } : {}) },
  };
}
