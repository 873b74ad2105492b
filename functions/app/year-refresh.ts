/**
 * A year's stats and report, recomputed from the stored verdicts (never incremented), and put back
 * when a run that rewrote them did not commit. Shared by the ingest (ingest-upload.ts: the years of
 * the upload being committed) and by every way a run can fail (ingestUpload's FAILED paths, the
 * failure handler ingest-failure.ts): the years a run recorded as `pendingYears` before its first
 * write are recomputed from the visible verdicts alone, so a failed upload is counted nowhere.
 * Without the classifier: the failure handler's bundle imports this, not the ingest.
 */
import { bySentOrder, type ClassifiedRequest } from '../audit/model.ts';
import type { AuditStore, BlobStore, LogSink } from '../audit/ports.ts';
import { computeYearStats, type YearStats } from '../audit/stats/index.ts';

/**
 * The report renderer (the page, preact), imported on first use rather than at a cold start: the
 * ingest Lambda's cold import does not evaluate it until a report is written.
 */
const reportRenderer = () => import('../audit/report/index.ts');

export interface RefreshDeps {
  store: AuditStore;
  blobs: BlobStore;
  /** IANA zone Sent At is read in and years are counted in. */
  timeZone?: string;
  logger?: LogSink;
  now?: () => Date;
}

/** Milliseconds spent in each phase of a refresh (part of the ingest's timings). */
export interface RefreshTimings {
  /** Read back the stored verdicts of the affected years (one consistent paginated read). */
  readVerdictsMs: number;
  /** Compute the per-year stats. */
  statsMs: number;
  /** Render the per-year reports. */
  renderMs: number;
  /** Store the reports and stats. */
  storeReportsMs: number;
}

/**
 * Recompute and store the stats and report of each year from every visible verdict of the user
 * (plus those of `include`, the upload being committed), never incremented; the stored verdicts of
 * all the years are read once, consistently. A year with no visible verdict left has neither stats
 * nor a report (both removed). `check` is called before each year's writes (the ingest's watchdog).
 */
export async function refreshYears(deps: RefreshDeps, userId: string, years: readonly number[], include?: string, check?: () => void): Promise<RefreshTimings> {
  const timings: RefreshTimings = { readVerdictsMs: 0, statsMs: 0, renderMs: 0, storeReportsMs: 0 };
  if (years.length === 0) return timings;
  // The injected clock, for the coverage advice and the report's date alike.
  const generatedAt = (deps.now ?? (() => new Date()))().toISOString();
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  const [coverages, owner, byYear, storedYears, settings] = await Promise.all([
    deps.store.listCoverages(userId, { include }),
    deps.store.getOwner(userId),
    deps.store.listVerdictsOfYears(userId, years, { include }),
    deps.store.listYears(userId),
    deps.store.getSettings(userId),
  ]);
  // Year over year: the other years' stored stats (their verdicts are not re-read).
  const others = storedYears.filter((y) => !years.includes(y));
  const history = (await Promise.all(others.map((y) => deps.store.getYearStats(userId, y)))).filter((s): s is YearStats => s !== null);
  timings.readVerdictsMs += lap();
  // Years left without a visible verdict first: their stats leave every other year's history.
  for (const year of years) {
    if ((byYear.get(year) ?? []).length > 0) continue;
    check?.();
    // Stats first, report second: a year with stats always has its report (the API relies on it).
    await deps.store.deleteYearStats(userId, year);
    await deps.blobs.deleteReport(userId, year);
    byYear.delete(year);
  }
  timings.storeReportsMs += lap();
  if (byYear.size === 0) return timings;
  const { renderYearReport } = await reportRenderer();
  timings.renderMs += lap();
  // Every year's stats before any report: each report's year over year shows every other year as
  // it now stands, whichever years this run rewrote (and in whatever order).
  const fresh: { year: number; requests: ClassifiedRequest[]; stats: YearStats }[] = [];
  for (const year of years) {
    const ofYear = byYear.get(year);
    if (!ofYear) continue;
    ofYear.sort(bySentOrder);
    const stats = computeYearStats(ofYear, coverages, year, { timeZone: deps.timeZone, today: generatedAt.slice(0, 10) });
    history.push(stats);
    fresh.push({ year, requests: ofYear, stats });
  }
  byYear.clear();
  timings.statsMs += lap();
  while (fresh.length > 0) {
    const { year, requests: ofYear, stats } = fresh.shift()!; // let each year's verdicts go once its report is stored
    const html = renderYearReport({ requests: ofYear, coverages, year, owner, timeZone: deps.timeZone, history, generatedAt, keep: settings.keep });
    timings.renderMs += lap();
    check?.();
    // Report first, stats second: a year with stats always has its report (the API relies on it).
    await deps.blobs.putReport(userId, year, html);
    await deps.store.putYearStats(userId, stats);
    timings.storeReportsMs += lap();
  }
  return timings;
}

/** Thrown while another run of the same user holds the lease for longer than this run may wait (transient: retried). */
export class UserBusy extends Error {
  override readonly name = 'UserBusy';
}

export interface RestoreOptions {
  /** How long to wait for the user's lease (a dead run's lease expires at its deadline); then UserBusy. Default 20 s. */
  leaseWaitMs?: number;
  leasePollMs?: number;
  /** The lease is taken for this long (default 5 minutes). */
  leaseMs?: number;
}

/** What a run that did not commit may have left: the years it recorded (`pendingYears`) and its owner claim (`ownerClaimed`). */
export interface Pending {
  years: readonly number[];
  ownerClaimed?: boolean;
}

/**
 * Puts back what a run that did not commit left, under the user's lease (held by the caller): its
 * owner claim given back unless an upload of the account is committed (the owner now stored, a
 * conditional delete), and its years recomputed from the visible verdicts alone. Idempotent.
 */
export async function putBack(deps: RefreshDeps, userId: string, pending: Pending): Promise<void> {
  if (pending.ownerClaimed) {
    const owner = await deps.store.getOwner(userId);
    if (owner) await deps.store.releaseOwner(userId, owner);
  }
  await refreshYears(deps, userId, pending.years);
}

/**
 * After a run that did not commit: putBack under the user's lease (one writing run per user), so
 * the owner, the stats and the reports equal those of a store where the run never happened. Idempotent.
 */
export async function restoreYears(deps: RefreshDeps, userId: string, pending: Pending, holder: string, options: RestoreOptions = {}): Promise<void> {
  if (pending.years.length === 0 && !pending.ownerClaimed) return;
  const waitUntil = Date.now() + (options.leaseWaitMs ?? 20_000);
  for (let attempt = 0; ; attempt++) {
    const nowMs = Date.now();
    if (await deps.store.acquireLease(userId, holder, nowMs + (options.leaseMs ?? 5 * 60_000), nowMs)) break;
    if (Date.now() >= waitUntil) throw new UserBusy('another upload of this account is being processed');
    await new Promise((r) => setTimeout(r, Math.min((options.leasePollMs ?? 250) * 2 ** Math.min(attempt, 3), 2_000)));
  }
  try {
    await putBack(deps, userId, pending);
  } finally {
    await deps.store.releaseLease(userId, holder).catch(() => undefined);
  }
}
