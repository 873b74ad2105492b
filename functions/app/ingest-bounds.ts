/**
 * What keeps one ingest bounded and honest, checked before the first write:
 * - every verdict item fits in a DynamoDB item (400 KB), measured conservatively;
 * - the upload record itself stays far below that (warnings capped, each one cut);
 * - an export with more rows than the function's memory can hold is refused with how to split it;
 * - errors are sorted into those a retry cannot fix (end FAILED, no retry) and transient ones.
 */
import { ExportError } from '../audit/export/errors.ts';
import type { ClassifiedRequest, Problem } from '../audit/model.ts';
import type { UploadRecord } from '../audit/ports.ts';

/** DynamoDB's item limit (names and values, UTF-8). */
export const DYNAMO_ITEM_LIMIT = 400 * 1024;
/** Room left in every verdict item for the keys and tags the adapter adds (pk, sk, index keys, exportDate, uploadId, type). */
export const ITEM_KEY_ALLOWANCE = 4 * 1024;
/** A verdict's own size limit: half an item, less the keys, since an item may hold two readings. */
export const MAX_VERDICT_BYTES = Math.floor((DYNAMO_ITEM_LIMIT - ITEM_KEY_ALLOWANCE) / 2);
/** How many row-level warnings an upload record keeps. */
export const MAX_UPLOAD_PROBLEMS = 50;
/** Characters kept of each text field of a kept warning, and of a FAILED message. */
export const MAX_PROBLEM_FIELD_CHARS = 500;
export const MAX_MESSAGE_CHARS = 2_000;
/** The upload record is kept under this size (well below DYNAMO_ITEM_LIMIT). */
export const MAX_UPLOAD_RECORD_BYTES = 64 * 1024;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * An upper bound of the size DynamoDB counts for a value: strings by their UTF-8 bytes, every
 * number as 21 bytes (its maximum), lists and maps 3 bytes plus 1 per element, map keys by their
 * bytes. Never below the real size.
 */
export function storedSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' || typeof value === 'bigint') return 21;
  if (Array.isArray(value) || value instanceof Set) {
    let n = 3;
    for (const v of value) n += 1 + storedSize(v);
    return n;
  }
  if (ArrayBuffer.isView(value)) return value.byteLength;
  let n = 3;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) n += utf8(k) + 1 + storedSize(v);
  return n;
}

/**
 * All or nothing: every verdict must fit in an item before the first one is written. The reader
 * already bounds each cell (64 Ki characters) and note (2,000), so only a row of several huge
 * cells can get here; it is refused, naming it by position and date (its cells may be the problem).
 */
export function assertStorable(requests: readonly ClassifiedRequest[], filename: string): void {
  // Half an item: a verdict item may also carry the committed reading it replaces (`previous`).
  const max = MAX_VERDICT_BYTES;
  for (let i = 0; i < requests.length; i++) {
    const size = storedSize(requests[i]);
    if (size > max) {
      const cr = requests[i]!;
      throw new ExportError(
        'too_large',
        `${filename}: the ${cr.direction === 'INCOMING' ? 'received' : 'sent'} invitation of ${cr.sentAt.slice(0, 10)} is ${Math.ceil(size / 1024)} KB once classified, more than the ${Math.floor(max / 1024)} KB one stored invitation may take; nothing was stored. Its name, URL or note cells are far longer than LinkedIn writes them: remove that row (or upload the file exactly as LinkedIn exported it).`,
        filename,
      );
    }
  }
}

/**
 * Distinct years one upload may touch: its upload record lists them (`years`, and `pendingYears`
 * while it runs), and each stays far below MAX_UPLOAD_RECORD_BYTES (500 numbers: at most 11 KB each).
 */
export const MAX_UPLOAD_YEARS = 500;

/** Refused before the first write: an export whose invitations span more years than its record can list. */
export function assertYearsStorable(years: readonly number[], filename: string): void {
  if (years.length <= MAX_UPLOAD_YEARS) return;
  throw new ExportError(
    'too_large',
    `${filename}: its invitations are dated in ${years.length} different years, more than the ${MAX_UPLOAD_YEARS} one upload may cover; nothing was stored. Check the Sent At column (upload the file exactly as LinkedIn exported it).`,
    filename,
  );
}

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The warnings an upload record keeps: at most MAX_UPLOAD_PROBLEMS, each field cut. (`counts.problems` counts them all.) */
export function keptProblems(problems: readonly Problem[]): Problem[] {
  return problems.slice(0, MAX_UPLOAD_PROBLEMS).map((p) => {
    const copy: Record<string, unknown> = { ...p };
    for (const [k, v] of Object.entries(copy)) if (typeof v === 'string') copy[k] = cut(v, MAX_PROBLEM_FIELD_CHARS);
    return copy as unknown as Problem;
  });
}

/** An upload record that fits: messages and file names cut, warnings dropped from the end until it is under MAX_UPLOAD_RECORD_BYTES. */
export function boundedUpload(upload: UploadRecord): UploadRecord {
  const out: UploadRecord = { ...upload, filename: cut(upload.filename, 255) };
  if (out.message !== undefined) out.message = cut(out.message, MAX_MESSAGE_CHARS);
  if (out.problems) out.problems = keptProblems(out.problems);
  while (out.problems?.length && storedSize(out) > MAX_UPLOAD_RECORD_BYTES) out.problems = out.problems.slice(0, -1);
  return out;
}

/**
 * Memory budgeted per row of one ingest, measured on the whole run (download, read + classify,
 * write verdicts, read the affected years' verdicts back, stats, reports) in the Node flags of a
 * 1024 MB Lambda (--max-semi-space-size=51 --max-old-space-size=922) against the emulators in
 * other processes, every row a different note (the worst mix; scripts/bench-scale.ts lambda-notes):
 * peak RSS 591–598 MB at 118,000 rows (4.23–4.31 KB per row over the ~103 MB process at start),
 * 710–712 MB at 176,000 (two runs, 3.55 KB/row); the bench-ingest mix 598 MB at 176,000 (2.90 KB/row). 4.3 KB,
 * the most measured per row, covers the worst mix at the limit. (Before the verdicts read back for
 * the stats were made compact, dynamo-store.ts verdictOf, it was 6.4 KB: 852–883 MB at 118,000.)
 */
export const KB_PER_ROW = 4.3;
/** What the runtime, the SDK and the modules take before the first row (measured 102–118 MB at start). */
export const BASE_MEMORY_MB = 128;
/** Share of the function's memory the peak may reach: V8's lazy collection and other runs' variance stay in the rest. */
export const PEAK_MEMORY_SHARE = 0.85;

/**
 * Rows one run can hold in a function of `memoryMb` (rounded down to thousands; at least 10,000):
 * (memoryMb × PEAK_MEMORY_SHARE − BASE_MEMORY_MB) × 1024 / KB_PER_ROW, 176,000 at 1024 MB.
 */
export function maxRowsFor(memoryMb: number): number {
  const rows = Math.floor(((memoryMb * PEAK_MEMORY_SHARE - BASE_MEMORY_MB) * 1024) / KB_PER_ROW);
  return Math.max(10_000, rows - (rows % 1000));
}

/** The reader's row limit as the ingest hits it: what to do, worded for an upload. */
export function splitAdvice(err: ExportError, maxRows: number): ExportError {
  if (err.code !== 'too_many_rows') return err;
  return new ExportError(
    'too_many_rows',
    `${err.file ?? 'The export'} has more than ${maxRows.toLocaleString('en-US')} rows, more than one upload can process here; nothing was stored. Split it: Invitations.csv in parts of at most ${maxRows.toLocaleString('en-US')} rows, each part starting with the header line, uploaded one after the other (the same invitation in two parts counts once).`,
    err.file,
  );
}

/** Thrown by the run itself when the watchdog stopped it (out of time): not retried. */
export class IngestStopped extends Error {
  override readonly name = 'IngestStopped';
}

/**
 * Errors a retry cannot fix: a bad or oversized file (ExportError, including a too-large item), a
 * request DynamoDB refuses as invalid, a run stopped for time. Everything else (throttling,
 * network, a 5xx, an exhausted retry budget) is transient and worth the runtime's retry.
 */
export function isPermanent(err: unknown): boolean {
  if (err instanceof ExportError || err instanceof IngestStopped) return true;
  const name = (err as { name?: string } | null)?.name;
  return name === 'ValidationException' || name === 'ItemCollectionSizeLimitExceededException';
}

/** What ended a run the runtime stopped, as the failure handler reads it. */
export type StopReason = 'timeout' | 'memory' | 'error' | 'expired';

const minutes = (ms: number) => (ms >= 60_000 ? `${Math.round(ms / 60_000)} minute${Math.round(ms / 60_000) === 1 ? '' : 's'}` : `${Math.round(ms / 1000)} seconds`);

/** The FAILED message of a run the runtime (or the watchdog) stopped, for the user. */
export function stoppedMessage(filename: string, reason: StopReason, limitMs?: number): string {
  const split =
    'Split the export and upload the parts one after the other: an export covering fewer months, or only its Invitations.csv, or Invitations.csv in parts (each starting with the header line); the same invitation in two parts counts once.';
  switch (reason) {
    case 'timeout':
      return `Processing of ${filename} stopped: it ran out of time${limitMs ? ` (${minutes(limitMs)} at most)` : ''} and nothing of it is shown. ${split}`;
    case 'memory':
      return `Processing of ${filename} stopped: it ran out of memory and nothing of it is shown. ${split}`;
    case 'expired':
      return `${filename} waited too long to be processed (the service was busy or failing) and was given up; nothing of it is shown. Upload it again.`;
    default:
      return `Processing of ${filename} failed on our side on every attempt and was given up; nothing of it is shown. Your file is kept: upload it again later, and if it fails again, report it.`;
  }
}

/** The message while a transient error waits for the runtime's retry. */
export function retryingMessage(filename: string): string {
  return `An error on our side interrupted processing of ${filename}; nothing of it is shown yet. It is tried again automatically, and this status changes when that attempt ends.`;
}
