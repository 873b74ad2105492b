/**
 * Ports: what the use cases (functions/app) need from the outside world, as interfaces — storage
 * (AuditStore, BlobStore) and logging (LogSink). The adapters live in functions/aws (DynamoDB, S3,
 * Powertools) and in test/helpers (in memory). Field names are the model's.
 */
import type { Category, ClassifiedRequest, Coverage, Direction, KeepableRole, Person, Problem, Role } from './model.ts';
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
  /**
   * True once a run of this upload reached DONE (kept by later runs, even failed ones): the
   * upload's verdicts are visible. Verdicts written by an upload that never committed (still
   * running, or failed half-way) are invisible to every read (see AuditStore).
   */
  committed?: boolean;
  /**
   * Years whose stats and report a run of this upload may have rewritten, recorded before its first
   * write (PROCESSING) and dropped by DONE. A run that ends otherwise (FAILED, given up) recomputes
   * them from the visible verdicts, so what it wrote is counted nowhere (functions/app/year-refresh.ts).
   */
  pendingYears?: number[];
  /**
   * True once a run of this upload is about to claim the account's owner (recorded before the claim,
   * like pendingYears, and dropped by DONE). A run that ends otherwise gives the claim back when no
   * upload of the account is committed, so a failed first upload leaves the account to anyone's export.
   */
  ownerClaimed?: boolean;
  /** With pendingYears or ownerClaimed: the lease holder of the run that recorded them (the failure handler takes over a dead run's lease). */
  pendingLease?: string;
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
  /** Who wrote; `unknown` also matches verdicts stored before roles existed (they have none). */
  role?: Role;
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
  putVerdicts(userId: string, requests: readonly ClassifiedRequest[], exportDate?: string | null, uploadId?: string): Promise<VerdictWriteResult>;
  /**
   * Every stored verdict of the user in any of `years` (all pages, read once, strongly consistent),
   * grouped by year; each asked year is a key, empty when nothing is stored for it. Only visible
   * verdicts (see below), plus those of `include` (the upload being committed).
   */
  listVerdictsOfYears(userId: string, years: readonly number[], options?: { include?: string }): Promise<Map<number, ClassifiedRequest[]>>;
  /**
   * Visibility (all or nothing per upload): putVerdicts tags each verdict it writes with its
   * `uploadId`; a verdict tagged with an upload whose record is not `committed` is left out of
   * queryVerdicts and listVerdictsOfYears. A stored verdict that is visible and equal keeps its tag.
   */
  queryVerdicts(userId: string, query: VerdictQuery): Promise<VerdictPage>;

  /**
   * Idempotent per covered period (exportDate, window, oldest and newest sentAt); the first name
   * given is kept. Tagged with `uploadId` like a verdict: a coverage whose upload is not committed
   * is left out of listCoverages, and the next upload of the same period takes it over.
   */
  putCoverage(userId: string, coverage: Coverage, uploadId?: string): Promise<void>;
  /** The visible coverages (see putCoverage), plus those of `include` (the upload being committed). */
  listCoverages(userId: string, options?: { include?: string }): Promise<Coverage[]>;

  /** Overwrites (stats are recomputed from stored verdicts, never incremented). */
  putYearStats(userId: string, stats: YearStats): Promise<void>;
  getYearStats(userId: string, year: number): Promise<YearStats | null>;
  /** Years with stored stats, ascending. */
  listYears(userId: string): Promise<number[]>;
  /** Removes a year's stats (idempotent): no visible verdict of that year is left. */
  deleteYearStats(userId: string, year: number): Promise<void>;

  /**
   * Stores the record; with `unlessDone`, only when the stored record is not DONE (a late failure
   * report never overwrites a finished run). True when written.
   */
  putUpload(userId: string, upload: UploadRecord, options?: { unlessDone?: boolean }): Promise<boolean>;
  getUpload(userId: string, uploadId: string): Promise<UploadRecord | null>;

  putOwner(userId: string, owner: Person): Promise<void>;
  /**
   * The account's owner, written only when there is none yet (a conditional write, so two
   * exports racing cannot both claim an empty account): returns the owner stored, `owner` or
   * the one who claimed the account first.
   */
  claimOwner(userId: string, owner: Person): Promise<Person>;
  /**
   * Gives a claim back: removes the owner only when it is still exactly `owner` (a conditional
   * delete, so an owner written by someone else stays) and no upload of the account is committed;
   * true when removed. Called under the user's lease, which every commit is written under.
   */
  releaseOwner(userId: string, owner: Person): Promise<boolean>;
  getOwner(userId: string): Promise<Person | null>;

  /** Overwrites the user's settings. */
  putSettings(userId: string, settings: UserSettings): Promise<void>;
  /** The user's settings, or DEFAULT_SETTINGS (a copy) when never set. */
  getSettings(userId: string): Promise<UserSettings>;

  /**
   * A lease that serialises the writing runs of one user: taken when nobody holds it, its holder
   * is `holder`, or the last lease expired (`untilMs`, epoch ms); true when taken.
   */
  acquireLease(userId: string, holder: string, untilMs: number, nowMs: number): Promise<boolean>;
  /** Gives the lease back if `holder` still holds it. */
  releaseLease(userId: string, holder: string): Promise<void>;

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
  settings: number;
}

/**
 * A user's settings, stored per user. `keep`: the roles whose notes the user wants to keep (the
 * job seeker's view: `['recruiter']`); empty is the seed's standard view. Applied by the next upload.
 */
export interface UserSettings {
  keep: KeepableRole[];
  /** ISO instant of the last change; absent when never set. */
  updatedAt?: string;
}

/** The settings of a user who never set any. */
export const DEFAULT_SETTINGS: UserSettings = { keep: [] };

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
  /** Removes the report page of a year (idempotent): the year has no visible verdict left. */
  deleteReport(userId: string, year: number): Promise<void>;
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
