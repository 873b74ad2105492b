/**
 * In-memory adapters of the storage ports, for unit tests of the use cases (functions/app):
 * MemoryAuditStore (what DynamoAuditStore does on DynamoDB) and MemoryBlobStore (what S3BlobStore
 * does on S3). Same observable semantics as the real adapters, checked by one shared suite
 * (test/helpers/store-contract.ts) run against both: test/unit/app/memory-store.test.ts here and
 * test/integration/aws/store-contract.test.ts on the emulators.
 *
 * What they copy from the real ones, on purpose:
 * - Values go in and come out as copies, as DynamoDB stores them: undefined fields dropped (the
 *   document client's `removeUndefinedValues`); what DynamoDB would refuse (NaN, Infinity, class
 *   instances, functions) throws here too.
 * - putVerdicts: the newest export's reading of a CR wins (by `exportDate`), the last occurrence of
 *   an id in one call wins, and a CR stored with exactly these values counts as `unchanged`.
 * - queryVerdicts walks the verdicts newest first (by `<sentAt>#<id>`, in UTF-8 byte order as
 *   DynamoDB sorts keys) the way the adapter walks its index: rounds that evaluate as many verdicts
 *   as are still wanted, filters applied after evaluation, at most 20 rounds, and a cursor whenever
 *   a round stopped at its limit (so a page can be short, and a full last page can be followed by
 *   an empty one). The cursor is a position, opaque, tied to the user and to the year asked (or to
 *   "every year"); anything else is an InvalidCursorError.
 * - Objects are kept with their size, content type and lower-cased user metadata; keys are the
 *   S3 adapter's (functions/aws/keys.ts).
 *
 * What they do not pretend to do: consistency delays (DynamoDB's indexes are eventually
 * consistent), throttling, item and request size limits, object versions, signatures.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClassifiedRequest, Coverage, Person } from '../../functions/audit/model.ts';
import type { YearStats } from '../../functions/audit/stats/index.ts';
import {
  DEFAULT_SETTINGS,
  InvalidCursorError,
  type AuditStore,
  type UserSettings,
  type BlobInfo,
  type BlobStore,
  type DeletedItems,
  type UploadForm,
  type UploadRecord,
  type VerdictPage,
  type VerdictQuery,
  type VerdictWriteResult,
} from '../../functions/audit/ports.ts';
import { reportKey, uploadKey, userPrefixes } from '../../functions/aws/keys.ts';

/**
 * A deep copy of `value` as DynamoDB would store it: undefined object fields and list elements
 * dropped (marshall's removeUndefinedValues), everything DynamoDB cannot store refused.
 */
export function stored<T>(value: T, path = 'item'): T {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path} is ${value}: DynamoDB stores only finite numbers`);
    return value;
  }
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map((v, i) => stored(v, `${path}[${i}]`)) as T;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = stored(v, `${path}.${k}`);
    return out as T;
  }
  throw new TypeError(`${path} is ${typeof value === 'object' ? (value as object).constructor?.name ?? 'an object' : typeof value}: DynamoDB cannot store it as given`);
}

/** Key order does not matter, values and types do (for `unchanged`). */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** DynamoDB orders string keys by their UTF-8 bytes. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** The position of a verdict in date order (the adapter's gsi1sk). */
const orderOf = (cr: Pick<ClassifiedRequest, 'sentAt' | 'id'>) => `${cr.sentAt}#${cr.id}`;

/** The identity of a covered period (the adapter's coverage sort key, same spelling, same order). */
const coverageKey = (c: Pick<Coverage, 'exportDate' | 'windowStart' | 'oldestSentAt' | 'newestSentAt'>) =>
  `${c.exportDate ?? 'none'}#${c.windowStart ?? 'none'}#${c.oldestSentAt ?? 'none'}#${c.newestSentAt ?? 'none'}`;

interface StoredVerdict {
  cr: ClassifiedRequest;
  exportDate: string | null;
  /** The upload that wrote it (visible once that upload is committed). */
  uploadId?: string;
  /** The committed reading it replaced, shown until `uploadId` is committed. */
  previous?: StoredVerdict;
  /** canonical(cr) + the export date: equal means a write would change nothing. */
  fingerprint: string;
}

interface UserData {
  verdicts: Map<string, StoredVerdict>;
  /** Each with the upload that wrote it (visible once that upload is committed). */
  coverages: Map<string, { coverage: Coverage; uploadId?: string }>;
  stats: Map<number, YearStats>;
  uploads: Map<string, UploadRecord>;
  owner: Person | null;
  settings: UserSettings | null;
  lease: { holder: string; untilMs: number } | null;
}

/** What one user has in a MemoryAuditStore, as plain data (for before/after comparisons). */
export interface AuditSnapshot {
  verdicts: { cr: ClassifiedRequest; exportDate: string | null }[];
  coverages: Coverage[];
  stats: YearStats[];
  uploads: UploadRecord[];
  owner: Person | null;
}

interface CursorBody {
  user: string;
  /** The year the query was scoped to, null for every year. */
  year: number | null;
  /** The last evaluated position (exclusive start of the next page). */
  after: string;
}

function encodeCursor(body: CursorBody): string {
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** Accepted only when it is exactly what encodeCursor gives for this user and this year scope. */
function decodeCursor(cursor: string, user: string, year: number | null): string {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError();
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.toString('base64url') !== cursor) throw new InvalidCursorError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new InvalidCursorError();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidCursorError();
  const body = parsed as Partial<CursorBody>;
  if (Object.keys(body).sort().join(',') !== 'after,user,year') throw new InvalidCursorError();
  if (body.user !== user || body.year !== year) throw new InvalidCursorError();
  if (typeof body.after !== 'string' || !/^.+#.+$/s.test(body.after)) throw new InvalidCursorError();
  if (encodeCursor({ user: body.user, year: body.year, after: body.after }) !== cursor) throw new InvalidCursorError();
  return body.after;
}

/** A stored verdict as read: a copy; one stored before roles existed reads as role `unknown`, as in the adapter. */
function asRead(cr: ClassifiedRequest): ClassifiedRequest {
  const copy = stored(cr);
  copy.role ??= 'unknown';
  copy.roleReasons ??= [];
  return copy;
}

/** Rounds of one page, as DynamoAuditStore.queryVerdicts bounds them. */
const MAX_ROUNDS = 20;

export class MemoryAuditStore implements AuditStore {
  private readonly users = new Map<string, UserData>();

  private user(userId: string): UserData {
    let data = this.users.get(userId);
    if (!data) {
      data = { verdicts: new Map(), coverages: new Map(), stats: new Map(), uploads: new Map(), owner: null, settings: null, lease: null };
      this.users.set(userId, data);
    }
    return data;
  }

  /** Uploads whose verdicts are invisible (not committed), but `except`. */
  private hidden(userId: string, except?: string): Set<string> {
    const uploads = [...(this.users.get(userId)?.uploads.values() ?? [])];
    return new Set(uploads.filter((u) => u.committed !== true && u.uploadId !== except).map((u) => u.uploadId));
  }

  /** What reads show of each stored verdict: itself, or the committed reading it replaced, or nothing (as the adapter). */
  private visible(userId: string, except?: string): StoredVerdict[] {
    const hidden = this.hidden(userId, except);
    const shown = (v: StoredVerdict | undefined): boolean => v !== undefined && (v.uploadId === undefined || !hidden.has(v.uploadId));
    const out: StoredVerdict[] = [];
    for (const v of this.users.get(userId)?.verdicts.values() ?? []) {
      if (shown(v)) out.push(v);
      else if (shown(v.previous)) out.push(v.previous!);
    }
    return out;
  }

  async putVerdicts(userId: string, requests: readonly ClassifiedRequest[], exportDate: string | null = null, uploadId?: string): Promise<VerdictWriteResult> {
    const data = this.user(userId);
    // Compared with what was stored before the call, as the adapter does (one read, then writes);
    // a verdict of a never-committed upload counts as absent.
    const current = new Map(this.visible(userId, uploadId).map((v) => [v.cr.id, v]));
    const latest = new Map<string, ClassifiedRequest>();
    let keptNewer = 0;
    for (const cr of requests) {
      const have = current.get(cr.id);
      if (have && (exportDate ?? '') < (have.exportDate ?? '')) {
        keptNewer++;
        continue;
      }
      latest.delete(cr.id);
      latest.set(cr.id, cr);
    }
    let unchanged = 0;
    const writes: StoredVerdict[] = [];
    for (const cr of latest.values()) {
      const copy = stored(cr, `verdict ${cr.id}`);
      const fingerprint = `${exportDate}\u0000${canonical(copy)}`;
      const have = current.get(cr.id);
      if (have?.fingerprint === fingerprint) unchanged++;
      else {
        // A reading shown now and replaced by this upload stays shown until it commits.
        const previous = have && uploadId !== undefined ? (have.uploadId === uploadId ? have.previous : { ...have, previous: undefined }) : undefined;
        writes.push({ cr: copy, exportDate, fingerprint, ...(uploadId !== undefined ? { uploadId } : {}), ...(previous ? { previous } : {}) });
      }
    }
    for (const w of writes) data.verdicts.set(w.cr.id, w);
    return { written: latest.size, keptNewer, unchanged };
  }

  async listVerdictsOfYears(userId: string, years: readonly number[], options: { include?: string } = {}): Promise<Map<number, ClassifiedRequest[]>> {
    const out = new Map<number, ClassifiedRequest[]>([...new Set(years)].map((y) => [y, []]));
    const verdicts = this.visible(userId, options.include).sort((a, b) => byBytes(a.cr.id, b.cr.id));
    for (const v of verdicts) out.get(v.cr.year)?.push(asRead(v.cr));
    return out;
  }

  async queryVerdicts(userId: string, query: VerdictQuery): Promise<VerdictPage> {
    const year = query.year ?? null;
    let after: string | null = query.cursor ? decodeCursor(query.cursor, userId, year) : null;
    // The index the adapter reads: this user's verdicts (of the year), newest first.
    const hidden = this.hidden(userId);
    // Hidden verdicts are evaluated (they are in the index) but shown as the reading they replaced or not at all, as in the adapter.
    const shownOf = (v: StoredVerdict | undefined): ClassifiedRequest | null =>
      !v ? null : v.uploadId === undefined || !hidden.has(v.uploadId) ? v.cr : shownOf(v.previous);
    const index = [...(this.users.get(userId)?.verdicts.values() ?? [])]
      .filter((v) => year === null || v.cr.year === year)
      .map((v) => ({ at: orderOf(v.cr), shown: shownOf(v) }))
      .sort((a, b) => byBytes(b.at, a.at));
    let next = after === null ? 0 : index.findIndex((e) => byBytes(e.at, after!) < 0);
    if (next < 0) next = index.length;
    const items: ClassifiedRequest[] = [];
    for (let round = 0; round < MAX_ROUNDS && items.length < query.limit; round++) {
      const want = query.limit - items.length;
      const evaluated = index.slice(next, next + want);
      next += evaluated.length;
      for (const { shown } of evaluated) {
        if (!shown) continue;
        if (query.category && shown.category !== query.category) continue;
        if (query.direction && shown.direction !== query.direction) continue;
        if (query.role && (shown.role ?? 'unknown') !== query.role) continue;
        items.push(asRead(shown));
      }
      // DynamoDB gives a LastEvaluatedKey whenever it stopped at the limit, even at the very end.
      after = evaluated.length === want && evaluated.length > 0 ? evaluated[evaluated.length - 1]!.at : null;
      if (after === null) break;
    }
    return { items, cursor: after === null ? null : encodeCursor({ user: userId, year, after }) };
  }

  async putCoverage(userId: string, coverage: Coverage, uploadId?: string): Promise<void> {
    const coverages = this.user(userId).coverages;
    const key = coverageKey(coverage);
    const have = coverages.get(key);
    // Kept when stored untagged or by a committed upload (or by this one); taken over from an upload that never committed.
    if (have && (have.uploadId === undefined || have.uploadId === uploadId || !this.hidden(userId).has(have.uploadId))) return;
    coverages.set(key, { coverage: stored(coverage, 'coverage'), ...(uploadId !== undefined ? { uploadId } : {}) });
  }

  async listCoverages(userId: string, options: { include?: string } = {}): Promise<Coverage[]> {
    const coverages = this.users.get(userId)?.coverages ?? new Map<string, { coverage: Coverage; uploadId?: string }>();
    const hidden = this.hidden(userId, options.include);
    return [...coverages.entries()]
      .filter(([, c]) => c.uploadId === undefined || !hidden.has(c.uploadId))
      .sort(([a], [b]) => byBytes(a, b))
      .map(([, c]) => stored(c.coverage));
  }

  async putYearStats(userId: string, stats: YearStats): Promise<void> {
    this.user(userId).stats.set(stats.year, stored(stats, 'stats'));
  }

  async getYearStats(userId: string, year: number): Promise<YearStats | null> {
    const stats = this.users.get(userId)?.stats.get(year);
    return stats ? stored(stats) : null;
  }

  async listYears(userId: string): Promise<number[]> {
    return [...(this.users.get(userId)?.stats.keys() ?? [])].sort((a, b) => a - b);
  }

  async deleteYearStats(userId: string, year: number): Promise<void> {
    this.users.get(userId)?.stats.delete(year);
  }

  async putUpload(userId: string, upload: UploadRecord, options: { unlessDone?: boolean } = {}): Promise<boolean> {
    const uploads = this.user(userId).uploads;
    if (options.unlessDone && uploads.get(upload.uploadId)?.status === 'DONE') return false;
    uploads.set(upload.uploadId, stored(upload, 'upload'));
    return true;
  }

  async getUpload(userId: string, uploadId: string): Promise<UploadRecord | null> {
    const upload = this.users.get(userId)?.uploads.get(uploadId);
    return upload ? stored(upload) : null;
  }

  async putOwner(userId: string, owner: Person): Promise<void> {
    this.user(userId).owner = stored(owner, 'owner');
  }

  async claimOwner(userId: string, owner: Person): Promise<Person> {
    const data = this.user(userId);
    data.owner ??= stored(owner, 'owner');
    return stored(data.owner);
  }

  async releaseOwner(userId: string, owner: Person): Promise<boolean> {
    const data = this.users.get(userId);
    if (!data?.owner || data.owner.name !== owner.name || data.owner.profileUrl !== owner.profileUrl) return false;
    if ([...data.uploads.values()].some((u) => u.committed === true)) return false;
    data.owner = null;
    return true;
  }

  async acquireLease(userId: string, holder: string, untilMs: number, nowMs: number): Promise<boolean> {
    const data = this.user(userId);
    if (data.lease && data.lease.holder !== holder && data.lease.untilMs >= nowMs) return false;
    data.lease = { holder, untilMs };
    return true;
  }

  async releaseLease(userId: string, holder: string): Promise<void> {
    const data = this.users.get(userId);
    if (data?.lease?.holder === holder) data.lease = null;
  }

  async getOwner(userId: string): Promise<Person | null> {
    const owner = this.users.get(userId)?.owner;
    return owner ? stored(owner) : null;
  }

  async putSettings(userId: string, settings: UserSettings): Promise<void> {
    this.user(userId).settings = stored(settings, 'settings');
  }

  async getSettings(userId: string): Promise<UserSettings> {
    return stored(this.users.get(userId)?.settings ?? DEFAULT_SETTINGS);
  }

  async deleteUser(userId: string): Promise<DeletedItems> {
    const data = this.users.get(userId);
    this.users.delete(userId);
    return {
      verdicts: data?.verdicts.size ?? 0,
      coverages: data?.coverages.size ?? 0,
      stats: data?.stats.size ?? 0,
      uploads: data?.uploads.size ?? 0,
      owner: data?.owner ? 1 : 0,
      settings: data?.settings ? 1 : 0,
    };
  }

  /** Everything stored for one user, copied, in a stable order (not part of the port). */
  snapshot(userId: string): AuditSnapshot {
    const data = this.users.get(userId);
    if (!data) return { verdicts: [], coverages: [], stats: [], uploads: [], owner: null };
    return stored({
      verdicts: [...data.verdicts.values()].sort((a, b) => byBytes(a.cr.id, b.cr.id)).map((v) => ({ cr: v.cr, exportDate: v.exportDate })),
      coverages: [...data.coverages.entries()].sort(([a], [b]) => byBytes(a, b)).map(([, c]) => c.coverage),
      stats: [...data.stats.values()].sort((a, b) => a.year - b.year),
      uploads: [...data.uploads.values()].sort((a, b) => byBytes(a.uploadId, b.uploadId)),
      owner: data.owner,
    });
  }
}

interface StoredObject {
  body: Buffer;
  contentType?: string;
  metadata: Record<string, string>;
}

interface IssuedForm {
  key: string;
  maxBytes: number;
  metadata: Record<string, string>;
  expiresAt: number;
}

/** Where the fake links point: a reserved domain (RFC 6761), so nothing can ever fetch them. */
export const MEMORY_BLOB_ORIGIN = 'https://blobs.memory.invalid';

const META = 'x-amz-meta-';

/** Raised like S3's NoSuchKey when a missing object is read. */
export class NoSuchKeyError extends Error {
  override readonly name = 'NoSuchKey';
  constructor(readonly key: string) {
    super(`no object ${key}`);
  }
}

export class MemoryBlobStore implements BlobStore {
  private readonly objects = new Map<string, StoredObject>();
  private readonly forms = new Map<string, IssuedForm>();
  /** Temporary files handed to withLocalCopy callers, in order (each removed once `use` settles). */
  readonly localCopies: string[] = [];

  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** Stores an object as a client with write access would (PutObject); metadata keys lower-cased. Not part of the port. */
  put(key: string, body: string | Uint8Array, opts: { contentType?: string; metadata?: Record<string, string> } = {}): void {
    const metadata = Object.fromEntries(Object.entries(opts.metadata ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    this.objects.set(key, { body: Buffer.from(body), contentType: opts.contentType, metadata });
  }

  /**
   * What a browser posting `form` with `file` would get: the object stored at the form's key with
   * the form's metadata, or an error as S3 refuses it (no such form, expired, size out of range).
   * Not part of the port.
   */
  post(form: UploadForm, file: string | Uint8Array, contentType?: string): void {
    const issued = this.forms.get(form.key);
    if (!issued || form.fields.key !== issued.key) throw new Error(`no upload form was issued for ${form.key}`);
    if (this.clock().getTime() > issued.expiresAt) throw new Error('the upload form has expired (AccessDenied)');
    const size = Buffer.from(file).length;
    if (size > issued.maxBytes) throw new Error(`EntityTooLarge: ${size} bytes, the form accepts at most ${issued.maxBytes}`);
    if (size < 1) throw new Error('EntityTooSmall: the form accepts at least 1 byte');
    this.put(issued.key, file, { contentType, metadata: issued.metadata });
  }

  /** An object's bytes as stored, or null (not part of the port). */
  read(key: string): Buffer | null {
    const object = this.objects.get(key);
    return object ? Buffer.from(object.body) : null;
  }

  /** The stored report page of a year, or null (not part of the port). */
  report(userId: string, year: number): string | null {
    return this.read(reportKey(userId, year))?.toString('utf8') ?? null;
  }

  /** Every stored key, sorted (not part of the port). */
  keys(): string[] {
    return [...this.objects.keys()].sort(byBytes);
  }

  /** The object a link from reportLink reads, or null when there is none (not part of the port). */
  open(url: string): Buffer | null {
    const u = new URL(url);
    if (u.origin !== MEMORY_BLOB_ORIGIN) return null;
    const expires = Number(u.searchParams.get('expires'));
    if (!(this.clock().getTime() <= expires)) return null;
    return this.read(decodeURIComponent(u.pathname.slice(1)));
  }

  async head(key: string): Promise<BlobInfo | null> {
    const object = this.objects.get(key);
    if (!object) return null;
    return { size: object.body.length, contentType: object.contentType, metadata: { ...object.metadata } };
  }

  async withLocalCopy<T>(key: string, use: (path: string) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(join(tmpdir(), 'aoi-memblob-'));
    try {
      const object = this.objects.get(key);
      if (!object) throw new NoSuchKeyError(key);
      const path = join(dir, 'object');
      await writeFile(path, object.body);
      this.localCopies.push(path);
      return await use(path);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async deleteUser(userId: string): Promise<number> {
    const prefixes = userPrefixes(userId);
    let deleted = 0;
    for (const key of [...this.objects.keys()]) {
      if (prefixes.some((p) => key.startsWith(p))) {
        this.objects.delete(key);
        deleted++;
      }
    }
    return deleted;
  }

  async putReport(userId: string, year: number, html: string): Promise<void> {
    this.put(reportKey(userId, year), html, { contentType: 'text/html; charset=utf-8' });
  }

  async deleteReport(userId: string, year: number): Promise<void> {
    this.objects.delete(reportKey(userId, year));
  }

  async reportLink(userId: string, year: number, expiresInSeconds: number): Promise<string> {
    // Like a presigned GET: made without looking at the object.
    const expires = this.clock().getTime() + expiresInSeconds * 1000;
    return `${MEMORY_BLOB_ORIGIN}/${encodeURIComponent(reportKey(userId, year))}?expires=${expires}`;
  }

  async uploadForm(
    userId: string,
    uploadId: string,
    format: 'zip' | 'csv',
    opts: { maxBytes: number; metadata: Record<string, string>; expiresInSeconds: number },
  ): Promise<UploadForm> {
    for (const [k, v] of Object.entries(opts.metadata)) {
      // The port asks for ASCII values (S3 user metadata); a use case that forgets to encode is caught here.
      if (!/^[\x20-\x7e]*$/.test(v)) throw new TypeError(`metadata ${k} is not printable ASCII: encode it (e.g. encodeURIComponent)`);
    }
    const key = uploadKey(userId, uploadId, format);
    const metadata = Object.fromEntries(Object.entries(opts.metadata).map(([k, v]) => [k.toLowerCase(), v]));
    this.forms.set(key, { key, maxBytes: opts.maxBytes, metadata, expiresAt: this.clock().getTime() + opts.expiresInSeconds * 1000 });
    const fields = { key, ...Object.fromEntries(Object.entries(metadata).map(([k, v]) => [`${META}${k}`, v])), policy: 'memory' };
    return { key, url: `${MEMORY_BLOB_ORIGIN}/`, fields };
  }
}
