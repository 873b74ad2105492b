/**
 * The ingest use case: what happens to one uploaded export, against the ports (storage, logs):
 * read + classify (the audit domain), write verdicts and coverage, recompute the stats of every
 * affected year from ALL stored verdicts of the user (never incremented), render and store each
 * affected year's report, and keep the upload record (PROCESSING → DONE | FAILED).
 * Repeated events and re-uploads rewrite the same items with the same values: nothing changes.
 * The raw upload is never deleted.
 */
import { createHash } from 'node:crypto';
import { assertSameOwner, auditExport, type AuditResult } from '../audit/audit.ts';
import { ExportError } from '../audit/export/errors.ts';
import type { ClassifiedRequest, Problem } from '../audit/model.ts';
import { NO_LOG, errorFields, type AuditStore, type BlobInfo, type BlobStore, type LogSink, type UploadRecord } from '../audit/ports.ts';
import { computeYearStats, yearsOf, type YearStats } from '../audit/stats/index.ts';
import { renderYearReport } from '../audit/report/index.ts';
import { MAX_UPLOAD_BYTES } from '../aws/config.ts';

/** How many row-level warnings an upload record keeps (an item is at most 400 KB). */
export const MAX_UPLOAD_PROBLEMS = 50;

/** The user-metadata field carrying the original file name (URI-encoded: S3 metadata is ASCII). */
export const FILENAME_METADATA = 'filename';

export interface IngestDeps {
  store: AuditStore;
  blobs: BlobStore;
  /** IANA zone Sent At is read in and years are counted in. */
  timeZone?: string;
  logger?: LogSink;
  now?: () => Date;
  /** Larger objects are refused before download (default MAX_UPLOAD_BYTES). */
  maxUploadBytes?: number;
}

/** The upload to process: whose it is, its id, and the key storage knows it by. */
export interface UploadRef {
  userId: string;
  uploadId: string;
  key: string;
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
export interface IngestTimings {
  /** Download, read and classify the export. */
  readClassifyMs: number;
  /** Write verdicts, coverage and owner. */
  writeVerdictsMs: number;
  /** Read back the stored verdicts of the affected years (one consistent paginated read). */
  readVerdictsMs: number;
  /** Compute the per-year stats. */
  statsMs: number;
  /** Render the per-year reports. */
  renderMs: number;
  /** Store the reports and stats. */
  storeReportsMs: number;
}

type RefreshTimings = Pick<IngestTimings, 'readVerdictsMs' | 'statsMs' | 'renderMs' | 'storeReportsMs'>;

/**
 * Recompute and store the stats and report of each year from every stored verdict of the user
 * (never incremented). The stored verdicts of all the years are read once, consistently.
 */
export async function refreshYears(deps: IngestDeps, userId: string, years: readonly number[]): Promise<RefreshTimings> {
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
  const [coverages, owner, byYear, storedYears] = await Promise.all([
    deps.store.listCoverages(userId),
    deps.store.getOwner(userId),
    deps.store.listVerdictsOfYears(userId, years),
    deps.store.listYears(userId),
  ]);
  // Year over year: the other years' stored stats (their verdicts are not re-read).
  const others = storedYears.filter((y) => !years.includes(y));
  const history = (await Promise.all(others.map((y) => deps.store.getYearStats(userId, y)))).filter((s): s is YearStats => s !== null);
  timings.readVerdictsMs += lap();
  for (const year of years) {
    const requests = byYear.get(year) ?? [];
    byYear.delete(year); // let each year's verdicts go once its report is stored
    requests.sort((a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const stats = computeYearStats(requests, coverages, year, { timeZone: deps.timeZone, today: generatedAt.slice(0, 10) });
    history.push(stats);
    timings.statsMs += lap();
    const html = renderYearReport({ requests, coverages, year, owner, timeZone: deps.timeZone, history, generatedAt });
    timings.renderMs += lap();
    // Report first, stats second: a year with stats always has its report (the API relies on it).
    await deps.blobs.putReport(userId, year, html);
    await deps.store.putYearStats(userId, stats);
    timings.storeReportsMs += lap();
  }
  return timings;
}

function roundTimings(t: IngestTimings): IngestTimings {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)])) as unknown as IngestTimings;
}

function counts(requests: readonly ClassifiedRequest[], problems: readonly Problem[]) {
  const received = requests.filter((r) => r.direction === 'INCOMING').length;
  return { requests: requests.length, received, sent: requests.length - received, problems: problems.length };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An upload id as it may be logged: the API hands out UUIDs, but an object put straight into the
 * bucket (`aws s3 cp`) is named by the user's file name, which can carry a name: logged as a hash.
 */
export function loggableUploadId(uploadId: string): string {
  return UUID.test(uploadId) ? uploadId : `sha256:${createHash('sha256').update(uploadId).digest('hex').slice(0, 16)}`;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The upload record while it is being processed (PROCESSING), its first instant kept across retries. */
async function markProcessing(deps: IngestDeps, target: UploadRef, info: BlobInfo, now: () => string): Promise<UploadRecord> {
  const { userId, uploadId, key } = target;
  const previous = await deps.store.getUpload(userId, uploadId);
  const base: UploadRecord = { uploadId, key, filename: originalFilename(info.metadata, key), status: 'PROCESSING', createdAt: previous?.createdAt ?? now(), updatedAt: now() };
  await deps.store.putUpload(userId, base);
  return base;
}

/** Reads, classifies and stores one export, then refreshes the affected years; the upload's DONE record. */
async function auditAndStore(deps: IngestDeps, target: UploadRef, base: UploadRecord, now: () => string): Promise<UploadRecord> {
  const { userId, uploadId, key } = target;
  const log = deps.logger ?? NO_LOG;
  let t = performance.now();
  // Only `read` holds the export's CRs (and connections): it is released once they are written,
  // before the stored verdicts are read back, so the two are never in memory together.
  let read: AuditResult | null = await deps.blobs.withLocalCopy(key, (path) => auditExport({ name: base.filename, path }, { timeZone: deps.timeZone }));
  const readClassifyMs = performance.now() - t;
  const { coverage, owner, problems } = read;
  // One account holds one person's exports: someone else's export is refused before any write.
  assertSameOwner(await deps.store.getOwner(userId), 'already in this account', owner, base.filename);
  const years = yearsOf(read.requests);
  const uploadCounts = counts(read.requests, problems);
  t = performance.now();
  const written = await deps.store.putVerdicts(userId, read.requests, coverage.exportDate);
  read = null;
  await deps.store.putCoverage(userId, coverage);
  if (owner) await deps.store.putOwner(userId, owner);
  const writeVerdictsMs = performance.now() - t;
  const timings: IngestTimings = { readClassifyMs, writeVerdictsMs, ...(await refreshYears(deps, userId, years)) };
  const upload: UploadRecord = { ...base, status: 'DONE', updatedAt: now(), counts: uploadCounts, years, problems: problems.slice(0, MAX_UPLOAD_PROBLEMS) };
  await deps.store.putUpload(userId, upload);
  log.info('ingest done', { userId, uploadId: loggableUploadId(uploadId), ...upload.counts, years, ...written, timings: roundTimings(timings) });
  return upload;
}

/** Process one uploaded object. ExportErrors end FAILED (no retry helps); other errors are rethrown after marking FAILED. */
export async function ingestUpload(deps: IngestDeps, target: UploadRef): Promise<IngestOutcome> {
  const log = deps.logger ?? NO_LOG;
  const now = () => (deps.now ?? (() => new Date()))().toISOString();
  const { userId, uploadId, key } = target;

  const info = await deps.blobs.head(key);
  if (!info) {
    log.warn('upload object is gone; nothing to do', { userId, uploadId: loggableUploadId(uploadId) });
    return { status: 'SKIPPED', reason: 'object not found' };
  }
  const base = await markProcessing(deps, target, info, now);
  log.info('ingest started', { userId, uploadId: loggableUploadId(uploadId), size: info.size });

  const maxBytes = deps.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  if (info.size > maxBytes) {
    const message = `${base.filename} is ${mb(info.size)}, more than the ${mb(maxBytes)} accepted. Upload the LinkedIn export zip as downloaded (usually a few MB), or only its Invitations.csv.`;
    const upload: UploadRecord = { ...base, status: 'FAILED', updatedAt: now(), errorCode: 'too_large', message };
    await deps.store.putUpload(userId, upload);
    log.warn('upload too large', { userId, uploadId: loggableUploadId(uploadId), size: info.size, maxBytes });
    return { status: 'FAILED', upload };
  }

  try {
    return { status: 'DONE', upload: await auditAndStore(deps, target, base, now) };
  } catch (err) {
    if (err instanceof ExportError) {
      const upload: UploadRecord = { ...base, status: 'FAILED', updatedAt: now(), message: err.message, errorCode: err.code };
      await deps.store.putUpload(userId, upload);
      // The code says what was wrong; the message (with names from the file) stays in the record, out of the logs.
      log.warn('upload rejected', { userId, uploadId: loggableUploadId(uploadId), code: err.code });
      return { status: 'FAILED', upload };
    }
    const upload: UploadRecord = {
      ...base,
      status: 'FAILED',
      updatedAt: now(),
      errorCode: 'INTERNAL',
      message: `Something went wrong on our side while processing ${base.filename}. Your file is kept and will be retried automatically; if this status stays, upload it again later.`,
    };
    await deps.store.putUpload(userId, upload).catch(() => undefined);
    log.error('ingest failed', { userId, uploadId: loggableUploadId(uploadId), ...errorFields(err) });
    throw err;
  }
}
