/**
 * The ingest use case: what happens to one uploaded export, against the ports (storage, logs):
 * read + classify (the audit domain), write verdicts and coverage, recompute the stats of every
 * affected year from ALL stored verdicts of the user (never incremented), render and store each
 * affected year's report, and keep the upload record (PROCESSING → DONE | FAILED).
 * Repeated events and re-uploads rewrite the same items with the same values: nothing changes.
 * The raw upload is never deleted. All or nothing: the verdicts carry the upload's id and are
 * shown only once its DONE record (`committed`) is written, last (see auditAndStore); a run that
 * does not get there puts the years it rewrote back as the visible verdicts say (year-refresh.ts);
 * every run ends DONE or FAILED (watchdog, error sorting: ingest-bounds.ts; runtime kills: ingest-failure.ts).
 */
import { randomUUID } from 'node:crypto';
import { assertSameOwner, auditExport, type AuditResult } from '../audit/audit.ts';
import { ExportError } from '../audit/export/errors.ts';
import type { ClassifiedRequest, Problem } from '../audit/model.ts';
import { NO_LOG, errorFields, type BlobInfo, type UploadRecord } from '../audit/ports.ts';
import { yearsOf } from '../audit/stats/index.ts';
import { FILENAME_METADATA, MAX_UPLOAD_BYTES, loggableUploadId, type UploadRef } from './upload.ts';
import { assertStorable, assertYearsStorable, boundedUpload, IngestStopped, isPermanent, keptProblems, retryingMessage, splitAdvice, stoppedMessage } from './ingest-bounds.ts';
import { putBack, refreshYears, UserBusy, type RefreshDeps, type RefreshTimings } from './year-refresh.ts';

export { MAX_UPLOAD_PROBLEMS } from './ingest-bounds.ts';
export { refreshYears, UserBusy } from './year-refresh.ts';

export interface IngestDeps extends RefreshDeps {
  /** Larger objects are refused before download (default MAX_UPLOAD_BYTES). */
  maxUploadBytes?: number;
  /** Data rows of one CSV this run can hold (memory): more is refused before any write. */
  maxRows?: number;
  /**
   * Milliseconds left before the runtime stops this run (Lambda's getRemainingTimeInMillis, or
   * the local stack's budget). With it, a watchdog ends the run FAILED before it is killed.
   */
  remainingMs?: () => number;
  /** How long before the end the watchdog stops the run (default: 10% of the time left, 5–30 s). */
  watchdogMarginMs?: number;
  /** The lease that serialises one user's runs is polled this often while someone else holds it. */
  leasePollMs?: number;
  /** Lease length when there is no deadline (default 15 minutes). */
  leaseMs?: number;
}

export type IngestOutcome =
  | { status: 'DONE'; upload: UploadRecord }
  | { status: 'FAILED'; upload: UploadRecord }
  | { status: 'SKIPPED'; reason: string };

function originalFilename(metadata: Record<string, string> | undefined, key: string): string {
  const raw = metadata?.[FILENAME_METADATA];
  if (raw) {
    try {
      const name = decodeURIComponent(raw).trim();
      if (name && !/[\\/]/.test(name)) return name;
    } catch {
      /* not URI-encoded: fall back to the key */
    }
  }
  return key.slice(key.lastIndexOf('/') + 1);
}

/** Milliseconds spent in each phase of one ingest (logged with 'ingest done'). */
export interface IngestTimings extends RefreshTimings {
  /** Download, read and classify the export. */
  readClassifyMs: number;
  /** Write verdicts, coverage and owner. */
  writeVerdictsMs: number;
}

function roundTimings(t: IngestTimings): IngestTimings {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)])) as unknown as IngestTimings;
}

function counts(requests: readonly ClassifiedRequest[], problems: readonly Problem[]) {
  const received = requests.filter((r) => r.direction === 'INCOMING').length;
  return { requests: requests.length, received, sent: requests.length - received, problems: problems.length };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The upload record while it is being processed (PROCESSING), its first instant, whether it was ever committed and its pending years kept across runs. */
async function markProcessing(deps: IngestDeps, target: UploadRef, info: BlobInfo, now: () => string): Promise<UploadRecord> {
  const { userId, uploadId, key } = target;
  const previous = await deps.store.getUpload(userId, uploadId);
  const base: UploadRecord = boundedUpload({
    uploadId,
    key,
    filename: originalFilename(info.metadata, key),
    status: 'PROCESSING',
    createdAt: previous?.createdAt ?? now(),
    updatedAt: now(),
    ...(previous?.committed ? { committed: true } : {}),
    // ... and its owner claim, with the lease of the run that left them: if it died holding it, the failure handler takes it over.
    ...(previous?.pendingYears?.length ? { pendingYears: previous.pendingYears } : {}),
    ...(previous?.ownerClaimed ? { ownerClaimed: true } : {}),
    ...((previous?.pendingYears?.length || previous?.ownerClaimed) && previous.pendingLease ? { pendingLease: previous.pendingLease } : {}),
  });
  await deps.store.putUpload(userId, base);
  return base;
}

/**
 * The watchdog of one run: `fired` resolves (and `stopped` turns true) `margin` before the runtime
 * would stop the run, so the run ends FAILED on its own terms. Without a deadline it never fires.
 */
interface Guard {
  stopped: boolean;
  readonly fired: Promise<void>;
  /** Epoch ms at which the runtime stops the run, or null. */
  readonly deadlineMs: number | null;
  /** The run's whole time (for the message). */
  readonly limitMs?: number;
  /** Throws IngestStopped once the watchdog fired (called between steps). */
  check(): void;
  dispose(): void;
}

function startGuard(deps: IngestDeps): Guard {
  const remaining = deps.remainingMs?.();
  const never = new Promise<void>(() => {});
  if (remaining === undefined || !Number.isFinite(remaining)) {
    return { stopped: false, fired: never, deadlineMs: null, check() {}, dispose() {} };
  }
  const margin = deps.watchdogMarginMs ?? Math.min(30_000, Math.max(5_000, remaining * 0.1));
  let fire!: () => void;
  const guard: Guard = {
    stopped: false,
    fired: new Promise<void>((r) => (fire = r)),
    deadlineMs: Date.now() + remaining,
    limitMs: remaining,
    check() {
      if (guard.stopped) throw new IngestStopped('the run was stopped: out of time');
    },
    dispose: () => clearTimeout(timer),
  };
  const timer = setTimeout(() => {
    guard.stopped = true;
    fire();
  }, Math.max(0, remaining - margin));
  return guard;
}

/** Takes the user's lease (one writing run per user at a time), waiting while another run holds it. */
async function takeLease(deps: IngestDeps, userId: string, holder: string, guard: Guard): Promise<void> {
  const leaseMs = deps.leaseMs ?? 15 * 60_000;
  const poll = deps.leasePollMs ?? 250;
  const started = Date.now();
  // Wait at most half the time left (or the lease length): then the runtime's retry tries later.
  const waitUntil = guard.deadlineMs !== null ? started + (guard.deadlineMs - started) / 2 : started + leaseMs;
  for (let attempt = 0; ; attempt++) {
    guard.check();
    const nowMs = Date.now();
    if (await deps.store.acquireLease(userId, holder, guard.deadlineMs ?? nowMs + leaseMs, nowMs)) return;
    if (Date.now() >= waitUntil) throw new UserBusy('another upload of this account is being processed');
    await new Promise((r) => setTimeout(r, Math.min(poll * 2 ** Math.min(attempt, 3), 2_000)));
  }
}

/** What a run has started to write: the years it recorded as pending (set before its first write), whether it claims the owner (set before the claim). */
interface Progress {
  pendingYears?: number[];
  ownerClaimed?: boolean;
}

/**
 * Reads, classifies and stores one export, then refreshes the affected years; the upload's DONE
 * record. All or nothing: everything is checked before the first write (rows, item sizes, the
 * owner, claimed with a condition under the lease); the years it will touch and the owner claim
 * are recorded on the PROCESSING record (`pendingYears`, `ownerClaimed`) before either; the
 * verdicts and the coverage are written tagged with the upload (invisible until it commits), then
 * the stats and reports of the affected years, then DONE + committed, the last write, which makes
 * them visible at once. A run that fails after its first write puts those years back as the
 * visible verdicts say and gives its claim back unless an upload of the account is committed
 * (here, still holding the lease; or, when it was killed, the failure handler). One user's runs
 * hold a lease from the owner claim to DONE, so stats are always recomputed from everything
 * committed.
 */
async function auditAndStore(deps: IngestDeps, target: UploadRef, base: UploadRecord, now: () => string, guard: Guard, progress: Progress): Promise<UploadRecord> {
  const { userId, uploadId, key } = target;
  const log = deps.logger ?? NO_LOG;
  let t = performance.now();
  // Only `read` holds the export's CRs (and connections): it is released once they are written,
  // before the stored verdicts are read back, so the two are never in memory together.
  const limits = deps.maxRows !== undefined ? { maxRows: deps.maxRows } : undefined;
  // The user's view (GET/PUT /settings) grades this upload: `keep: ['recruiter']` is the job seeker's.
  const { keep } = await deps.store.getSettings(userId);
  let read: AuditResult | null = await deps.blobs
    .withLocalCopy(key, (path) => auditExport({ name: base.filename, path }, { timeZone: deps.timeZone, limits, keep }))
    .catch((err: unknown) => {
      throw err instanceof ExportError && deps.maxRows !== undefined ? splitAdvice(err, deps.maxRows) : err;
    });
  const readClassifyMs = performance.now() - t;
  guard.check();
  const { coverage, owner, problems } = read;
  assertStorable(read.requests, base.filename);
  const years = yearsOf(read.requests);
  // Years an earlier run of this upload left pending are put back with them.
  const pendingYears = [...new Set([...(base.pendingYears ?? []), ...years])].sort((a, b) => a - b);
  assertYearsStorable(pendingYears, base.filename);
  const uploadCounts = counts(read.requests, problems);
  const holder = `${uploadId}#${randomUUID()}`;
  await takeLease(deps, userId, holder, guard);
  try {
    guard.check();
    t = performance.now();
    // Set before the write: from here on, a watchdog that fires waits for this run to put back its claim and years (and for this write to land).
    if (owner) progress.ownerClaimed = true;
    await deps.store.putUpload(userId, boundedUpload({ ...base, updatedAt: now(), pendingYears, ...(owner ? { ownerClaimed: true } : {}), pendingLease: holder }));
    // One account holds one person's exports: claimed with a condition before any verdict is
    // written, so of two people's exports racing into an empty account only the first gets in. Under
    // the lease: a run that fails gives its claim back before another run of the account can claim.
    if (owner) assertSameOwner(await deps.store.claimOwner(userId, owner), 'already in this account', owner, base.filename);
    // Only now: a refused export wrote nothing, so it has no year to put back.
    progress.pendingYears = pendingYears;
    const written = await deps.store.putVerdicts(userId, read.requests, coverage.exportDate, uploadId);
    read = null;
    guard.check();
    await deps.store.putCoverage(userId, coverage, uploadId);
    const writeVerdictsMs = performance.now() - t;
    const timings: IngestTimings = { readClassifyMs, writeVerdictsMs, ...(await refreshYears(deps, userId, pendingYears, uploadId, () => guard.check())) };
    guard.check();
    const upload = boundedUpload({ ...base, status: 'DONE', updatedAt: now(), counts: uploadCounts, years, problems: keptProblems(problems), committed: true, pendingYears: undefined, ownerClaimed: undefined, pendingLease: undefined });
    await deps.store.putUpload(userId, upload);
    log.info('ingest done', { userId, uploadId: loggableUploadId(uploadId), ...upload.counts, years, ...written, timings: roundTimings(timings) });
    return upload;
  } catch (err) {
    // Not committed (or not known to be): the owner claim and the touched years put back as the visible verdicts say, under the lease.
    if (progress.pendingYears || progress.ownerClaimed) {
      await putBack(deps, userId, { years: progress.pendingYears ?? [], ownerClaimed: progress.ownerClaimed }).catch((restoreErr: unknown) =>
        log.error('pending years not restored', { userId, uploadId: loggableUploadId(uploadId), years: progress.pendingYears, ownerClaimed: progress.ownerClaimed, ...errorFields(restoreErr) }),
      );
    }
    throw err;
  } finally {
    await deps.store.releaseLease(userId, holder).catch(() => undefined);
  }
}

/**
 * Process one uploaded object. It ends DONE, or FAILED with a message for the user:
 * - errors a retry cannot fix (a bad or oversized file, an item DynamoDB refuses, out of time)
 *   end FAILED and return normally: no retry;
 * - transient errors (throttling, network) end FAILED saying it is tried again, and are rethrown
 *   for the runtime's retry; after the last retry the failure handler (ingest-failure.ts) writes
 *   the final message. Nothing of a failed run is visible (see auditAndStore): every FAILED
 *   outcome is returned (or thrown) only after the run put back the years it had rewritten.
 */
export async function ingestUpload(deps: IngestDeps, target: UploadRef): Promise<IngestOutcome> {
  const log = deps.logger ?? NO_LOG;
  const now = () => (deps.now ?? (() => new Date()))().toISOString();
  const { userId, uploadId, key } = target;
  const guard = startGuard(deps);
  try {
    const info = await deps.blobs.head(key);
    if (!info) {
      log.warn('upload object is gone; nothing to do', { userId, uploadId: loggableUploadId(uploadId) });
      return { status: 'SKIPPED', reason: 'object not found' };
    }
    const base = await markProcessing(deps, target, info, now);
    log.info('ingest started', { userId, uploadId: loggableUploadId(uploadId), size: info.size });
    const progress: Progress = {};
    const failed = async (errorCode: string, message: string): Promise<IngestOutcome> => {
      // Pending years and the owner claim stay on the record: the failure handler puts them back again if this run could not.
      const pendingYears = progress.pendingYears ?? base.pendingYears;
      const ownerClaimed = progress.ownerClaimed ?? base.ownerClaimed;
      const upload = boundedUpload({ ...base, status: 'FAILED', updatedAt: now(), errorCode, message, ...(pendingYears ? { pendingYears } : {}), ...(ownerClaimed ? { ownerClaimed } : {}) });
      await deps.store.putUpload(userId, upload, { unlessDone: true });
      return { status: 'FAILED', upload };
    };

    const maxBytes = deps.maxUploadBytes ?? MAX_UPLOAD_BYTES;
    if (info.size > maxBytes) {
      log.warn('upload too large', { userId, uploadId: loggableUploadId(uploadId), size: info.size, maxBytes });
      return failed(
        'too_large',
        `${base.filename} is ${mb(info.size)}, more than the ${mb(maxBytes)} accepted. Upload the LinkedIn export zip as downloaded (usually a few MB), or only its Invitations.csv.`,
      );
    }

    try {
      const run = auditAndStore(deps, target, base, now, guard, progress);
      run.catch(() => undefined); // abandoned when the watchdog wins: it stops at its next step
      const finished = await Promise.race([run.then((upload) => ({ upload })), guard.fired.then(() => null)]);
      if (finished) return { status: 'DONE', upload: finished.upload };
      // Once it has written, the run stops at its next step and puts its years back first.
      if (progress.pendingYears || progress.ownerClaimed) await run.catch(() => undefined);
      log.warn('ingest stopped: out of time', { userId, uploadId: loggableUploadId(uploadId) });
      return await failed('timeout', stoppedMessage(base.filename, 'timeout', guard.limitMs));
    } catch (err) {
      if (err instanceof IngestStopped) {
        log.warn('ingest stopped: out of time', { userId, uploadId: loggableUploadId(uploadId) });
        return await failed('timeout', stoppedMessage(base.filename, 'timeout', guard.limitMs));
      }
      if (isPermanent(err)) {
        // The code says what was wrong; the message (with names from the file) stays in the record, out of the logs.
        const code = err instanceof ExportError ? err.code : String((err as { name?: string }).name ?? 'INVALID');
        log.warn('upload rejected', { userId, uploadId: loggableUploadId(uploadId), code });
        const message =
          err instanceof ExportError
            ? err.message
            : `${base.filename} could not be stored (${code}); nothing of it is shown. Upload the file exactly as LinkedIn exported it; if it fails again, report it.`;
        return await failed(code, message);
      }
      await failed('INTERNAL', retryingMessage(base.filename)).catch(() => undefined);
      log.error('ingest failed', { userId, uploadId: loggableUploadId(uploadId), ...errorFields(err) });
      throw err;
    }
  } finally {
    guard.dispose();
  }
}
