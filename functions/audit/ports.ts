/**
 * Ports: what the use cases (functions/app) need from the outside world, as interfaces — storage
 * (AuditStore, BlobStore) and logging (LogSink). The adapters live in functions/aws (DynamoDB, S3,
 * Powertools) and in test/helpers (in memory). Field names are the model's.
 */
import type { Category, ClassifiedRequest, Coverage, Direction, Person, Problem } from './model.ts';
import type { YearStats } from './stats/index.ts';

/** PENDING: upload link handed out, nothing received yet. */
export const UPLOAD_STATUSES = ['PENDING', 'PROCESSING', 'DONE', 'FAILED'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

export interface UploadCounts {
  /** CRs read and classified. */
  requests: number;
  received: number;
  sent: number;
  /** Row-level problems (rows skipped or kept with a warning). */
  problems: number;
}

export interface UploadRecord {
  uploadId: string;
  /** The S3 key of the raw upload (kept; never deleted by a run). */
  key: string;
  /** The file name the user gave (or the key's last segment). */
  filename: string;
  status: UploadStatus;
  /** ISO instants. */
  createdAt: string;
  updatedAt: string;
  counts?: UploadCounts;
  /** Years the upload touched. */
  years?: number[];
  /** The first row-level warnings (at most MAX_UPLOAD_PROBLEMS), for the user to read. */
  problems?: Problem[];
  /** FAILED only: what went wrong and what to do, worded for the user. */
  message?: string;
  /** FAILED only: a stable error code (ExportError code, or INTERNAL). */
  errorCode?: string;
}

export interface VerdictWriteResult {
  /** Distinct CRs written (new or overwritten with a reading at least as new). */
  written: number;
  /** CRs left as stored because a newer export already had them. */
  keptNewer: number;
  /** Of `written`, CRs already stored with exactly these values: no write was sent for them. */
  unchanged: number;
}

export interface VerdictQuery {
  year?: number;
  category?: Category;
  direction?: Direction;
  /** 1..100 */
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface VerdictPage {
  items: ClassifiedRequest[];
  /** Null on the last page. */
  cursor: string | null;
}

/** Raised by a store when a cursor cannot be used (tampered, another user's, malformed). */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('cursor is not valid: pass back exactly the cursor of the previous page, or omit it to start over');
  }
}

/** Everything stored per user: verdicts, coverages, per-year stats, uploads, the owner. */
export interface AuditStore {
  /**
   * Idempotent: a CR's id is deterministic, so writing the same CR twice leaves one item.
   * `exportDate` (YYYY-MM-DD or null) is the date of the export the CRs were read from: a CR
   * already stored from a newer export is kept as it is (newest reading wins, whatever the
   * upload order).
   */
  putVerdicts(userId: string, requests: readonly ClassifiedRequest[], exportDate?: string | null): Promise<VerdictWriteResult>;
  /**
   * Every stored verdict of the user in any of `years` (all pages, read once, strongly consistent),
   * grouped by year; each asked year is a key, empty when nothing is stored for it.
   */
  listVerdictsOfYears(userId: string, years: readonly number[]): Promise<Map<number, ClassifiedRequest[]>>;
  queryVerdicts(userId: string, query: VerdictQuery): Promise<VerdictPage>;

  /** Idempotent per covered period (exportDate, window, oldest and newest sentAt); the first name given is kept. */
  putCoverage(userId: string, coverage: Coverage): Promise<void>;
  listCoverages(userId: string): Promise<Coverage[]>;

  /** Overwrites (stats are recomputed from stored verdicts, never incremented). */
  putYearStats(userId: string, stats: YearStats): Promise<void>;
  getYearStats(userId: string, year: number): Promise<YearStats | null>;
  /** Years with stored stats, ascending. */
  listYears(userId: string): Promise<number[]>;

  putUpload(userId: string, upload: UploadRecord): Promise<void>;
  getUpload(userId: string, uploadId: string): Promise<UploadRecord | null>;

  putOwner(userId: string, owner: Person): Promise<void>;
  getOwner(userId: string): Promise<Person | null>;

  /** Removes every item of the user (idempotent: a second call finds nothing) and says what went. */
  deleteUser(userId: string): Promise<DeletedItems>;
}

/** What a deletion removed from the store, by kind. */
export interface DeletedItems {
  verdicts: number;
  coverages: number;
  stats: number;
  uploads: number;
  owner: number;
}

export interface BlobInfo {
  size: number;
  contentType?: string;
  /** User metadata (x-amz-meta-*), lower-cased keys. */
  metadata: Record<string, string>;
}

/** Raw uploads in, report pages out. Uploads are named by the key the storage gave them. */
export interface BlobStore {
  /** Metadata of an object, or null when it does not exist. */
  head(key: string): Promise<BlobInfo | null>;
  /**
   * Stream the object to a temporary file (the zip reader needs random access), call `use` with
   * its path, and remove the file afterwards, whatever happens.
   */
  withLocalCopy<T>(key: string, use: (path: string) => Promise<T>): Promise<T>;
  /**
   * Removes every object of the user (raw uploads, reports) with all their stored versions
   * (idempotent); returns how many objects (versions counted) went.
   */
  deleteUser(userId: string): Promise<number>;
  /** Stores (replaces) the report page of a year. */
  putReport(userId: string, year: number, html: string): Promise<void>;
  /** A link that reads the year's report without credentials, for `expiresInSeconds`. */
  reportLink(userId: string, year: number, expiresInSeconds: number): Promise<string>;
  /**
   * A form a browser posts the upload with, straight to storage: only to this upload's place, at
   * most `maxBytes`, carrying `metadata` as given (ASCII values), until `expiresInSeconds` pass.
   */
  uploadForm(
    userId: string,
    uploadId: string,
    format: 'zip' | 'csv',
    opts: { maxBytes: number; metadata: Record<string, string>; expiresInSeconds: number },
  ): Promise<UploadForm>;
}

export interface UploadForm {
  /** Where the upload will be stored (its key, as head() and the ingest event know it). */
  key: string;
  url: string;
  /** Post these first, then the file as `file`. */
  fields: Record<string, string>;
}

/** Where the use cases log: ids, counts and error codes (never names or notes). */
export interface LogSink {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

export const NO_LOG: LogSink = { info() {}, warn() {}, error() {} };

/**
 * An error as log fields: its name, code, HTTP status and stack frames, never its message (a
 * message can quote a row, a name or a note).
 */
export function errorFields(err: unknown): { error: { name: string; code?: string; status?: number; frames?: string } } {
  if (!(err instanceof Error)) return { error: { name: typeof err } };
  const e = err as Error & { code?: unknown; $metadata?: { httpStatusCode?: number } };
  const frames = e.stack
    ?.split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .map((line) => line.trim())
    .join(' | ');
  return {
    error: {
      name: e.name,
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
      ...(e.$metadata?.httpStatusCode ? { status: e.$metadata.httpStatusCode } : {}),
      ...(frames ? { frames } : {}),
    },
  };
}
