/**
 * The single-table DynamoDB adapter of AuditStore.
 *
 * Every item of a user lives under pk `USER#<userId>`; sort keys are deterministic, so a repeated
 * event or a re-uploaded export overwrites instead of duplicating:
 *
 * | item     | sk                                   | gsi1pk / gsi1sk                            |
 * | -------- | ------------------------------------ | ------------------------------------------ |
 * | verdict  | `CR#<id>`                            | `USER#<userId>#YEAR#<year>` / `<sentAt>#<id>` |
 * | coverage | `COVERAGE#<exportDate>#<windowStart>#<oldestSentAt>#<newestSentAt>` (uploadId) |   |
 * | stats    | `STATS#<year>`                       |                                            |
 * | upload   | `UPLOAD#<uploadId>`                  |                                            |
 * | owner    | `OWNER`                              |                                            |
 * | settings | `SETTINGS` (keep, updatedAt)         |                                            |
 * | lease    | `LEASE#INGEST` (holder, untilMs)     |                                            |
 *
 * Verdicts are listed newest first through an index sorted by `<sentAt>#<id>`: gsi1 for one year,
 * gsi2 (pk / gsi1sk, only verdicts have gsi1sk) for every year. Pages end at a unique sort key, and
 * the cursor is that position (the LastEvaluatedKey, base64url JSON, checked on the way back in).
 *
 * Items carry the model's fields under the model's names (a verdict item is a ClassifiedRequest
 * plus the keys and `type`). No transactions and no TTL (dynalite has neither).
 *
 * All or nothing without transactions: a verdict item carries the `uploadId` that wrote it, and
 * reads leave out verdicts of uploads whose record is not `committed` (set with DONE, the last
 * write of a run). The owner is claimed with a condition; one user's writing runs are serialised
 * by a lease item (conditional put, expiry for a holder that died).
 */
import { createHash } from 'node:crypto';
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import type { ClassifiedRequest, Coverage, Person } from '../audit/model.ts';
import type { YearStats } from '../audit/stats/index.ts';
import { DEFAULT_SETTINGS, InvalidCursorError, type AuditStore, type DeletedItems, type UploadRecord, type UserSettings, type VerdictPage, type VerdictQuery, type VerdictWriteResult } from '../audit/ports.ts';
import { TABLE_INDEXES, TABLE_PARTITION_KEY, TABLE_SORT_KEY } from './table.ts';

type Item = Record<string, NativeAttributeValue>;

const GSI1 = TABLE_INDEXES[0]!;
/** Every verdict of a user by date: partition key `pk`, sort key gsi1sk (table.ts). */
const GSI2 = TABLE_INDEXES[1]!;
const KEY_ATTRIBUTES = [TABLE_PARTITION_KEY, TABLE_SORT_KEY, GSI1.partitionKey, GSI1.sortKey, 'type'] as const;

export const keys = {
  user: (userId: string) => `USER#${userId}`,
  verdict: (id: string) => `CR#${id}`,
  verdictYear: (userId: string, year: number) => `USER#${userId}#YEAR#${year}`,
  verdictOrder: (cr: Pick<ClassifiedRequest, 'sentAt' | 'id'>) => `${cr.sentAt}#${cr.id}`,
  /** By what the export covers, not by its file name: the same export uploaded twice is one coverage. */
  coverage: (c: Pick<Coverage, 'exportDate' | 'windowStart' | 'oldestSentAt' | 'newestSentAt'>) =>
    `COVERAGE#${c.exportDate ?? 'none'}#${c.windowStart ?? 'none'}#${c.oldestSentAt ?? 'none'}#${c.newestSentAt ?? 'none'}`,
  stats: (year: number) => `STATS#${String(year).padStart(4, '0')}`,
  upload: (uploadId: string) => `UPLOAD#${uploadId}`,
  owner: () => 'OWNER',
  settings: () => 'SETTINGS',
  /** The lease that serialises the writing runs of one user (AuditStore.acquireLease). */
  lease: () => 'LEASE#INGEST',
};

const isConditionFailure = (err: unknown) => (err as { name?: string }).name === 'ConditionalCheckFailedException';

/** BatchWriteItem accepts at most 25 requests. */
export const BATCH_SIZE = 25;

export interface RetryPolicy {
  /** Attempts per batch, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 5_000 };

/** Full-jitter exponential backoff: a random delay in [0, min(max, base * 2^attempt)). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
}

/**
 * Split items into batches of at most `size`, with keys unique inside each batch (BatchWriteItem
 * rejects a batch that names one key twice). The last occurrence of a key wins; order is kept.
 */
export function uniqueBatches<T>(items: readonly T[], keyOf: (item: T) => string, size: number = BATCH_SIZE): T[][] {
  const last = new Map<string, T>();
  for (const item of items) {
    const k = keyOf(item);
    last.delete(k); // keep the position of the last occurrence
    last.set(k, item);
  }
  const unique = [...last.values()];
  const batches: T[][] = [];
  for (let i = 0; i < unique.length; i += size) batches.push(unique.slice(i, i + size));
  return batches;
}

/** Thrown when UnprocessedItems remain after the retry budget is spent. */
export class BatchWriteBudgetExceeded extends Error {
  override readonly name = 'BatchWriteBudgetExceeded';
  constructor(readonly unprocessed: number) {
    super(`DynamoDB left ${unprocessed} item(s) unprocessed after the retry budget was spent`);
  }
}

export interface BatchWriteOptions {
  retry?: RetryPolicy;
  /** Batches in flight at once. */
  concurrency?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

/** BatchWriteItem: ≤ 25 requests per batch, unique keys, UnprocessedItems retried with backoff. */
async function batchWrite(doc: DynamoDBDocumentClient, tableName: string, requests: readonly WriteRequest[], options: BatchWriteOptions): Promise<void> {
  const retry = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? defaultSleep;
  const keyOf = (r: WriteRequest) => {
    const k = 'PutRequest' in r ? r.PutRequest.Item : r.DeleteRequest.Key;
    return `${k[TABLE_PARTITION_KEY]}\u0000${k[TABLE_SORT_KEY]}`;
  };
  const batches = uniqueBatches(requests, keyOf);
  const writeOne = async (batch: WriteRequest[]) => {
    let pending = batch;
    for (let attempt = 0; ; attempt++) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      const left = out.UnprocessedItems?.[tableName] ?? [];
      if (left.length === 0) return;
      if (attempt + 1 >= retry.maxAttempts) throw new BatchWriteBudgetExceeded(left.length);
      pending = left as WriteRequest[];
      await sleep(backoffDelay(attempt, retry));
    }
  };
  let next = 0;
  const workers = Array.from({ length: Math.min(options.concurrency ?? 8, batches.length) }, async () => {
    while (next < batches.length) await writeOne(batches[next++]!);
  });
  await Promise.all(workers);
}

/** Put items with BatchWriteItem: ≤ 25 per batch, unique keys, UnprocessedItems retried with backoff. */
export function batchPut(doc: DynamoDBDocumentClient, tableName: string, items: readonly Item[], options: BatchWriteOptions = {}): Promise<void> {
  return batchWrite(doc, tableName, items.map((Item) => ({ PutRequest: { Item } })), options);
}

/** Delete items by key, batched and retried like batchPut. */
export function batchDelete(doc: DynamoDBDocumentClient, tableName: string, keys: readonly Item[], options: BatchWriteOptions = {}): Promise<void> {
  return batchWrite(doc, tableName, keys.map((Key) => ({ DeleteRequest: { Key } })), options);
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** DynamoDB refuses a sort key value over 1024 bytes (and a partition key over 2048). */
const MAX_KEY_BYTES = 1024;

/**
 * The key a cursor stands for, or InvalidCursorError. A cursor is accepted only when it is exactly
 * what encodeCursor gives for a LastEvaluatedKey of this query: canonical base64url of a JSON
 * object with exactly the attributes `expected` names (the index's and the table's keys), each a
 * non-empty string, the fixed ones (the user's partition, the year) equal, and the verdict's sort
 * keys consistent (`sk` = `CR#<id>`, gsi1sk ending in `#<id>`). Anything else (not base64, not
 * JSON, another shape, another user's or another year's) is refused before DynamoDB sees it.
 */
function decodeCursor(cursor: string, expected: Record<string, string | null>): Item {
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
  const key = parsed as Record<string, unknown>;
  const names = Object.keys(key);
  if (names.length !== Object.keys(expected).length) throw new InvalidCursorError();
  for (const name of names) {
    if (!Object.hasOwn(expected, name)) throw new InvalidCursorError();
    const value = key[name];
    if (typeof value !== 'string' || value === '' || Buffer.byteLength(value, 'utf8') > MAX_KEY_BYTES) throw new InvalidCursorError();
    const want = expected[name];
    if (want !== null && value !== want) throw new InvalidCursorError();
  }
  const sk = key[TABLE_SORT_KEY] as string;
  const prefix = keys.verdict('');
  if (!sk.startsWith(prefix) || sk.length === prefix.length) throw new InvalidCursorError();
  if (!(key[GSI1.sortKey] as string).endsWith(`#${sk.slice(prefix.length)}`)) throw new InvalidCursorError();
  return key as Item;
}

function strip<T>(item: Item, extra: readonly string[] = []): T {
  const copy: Item = { ...item };
  for (const a of KEY_ATTRIBUTES) delete copy[a];
  for (const a of extra) delete copy[a];
  return copy as T;
}

/**
 * A canonical, injective serialisation of an item as DynamoDB stores it (map keys sorted,
 * undefined map values dropped as `removeUndefinedValues` does, sets sorted, strings and numbers
 * told apart), so an item about to be written and the same item read back compare equal.
 */
function canonical(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
    case 'bigint':
      return `n${String(value)}`;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'undefined';
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Set) return `set[${[...value].map(canonical).sort().join(',')}]`;
  if (ArrayBuffer.isView(value)) return `bin:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** A short digest of an item's canonical form (to tell a stored item from the one about to be written). */
export function itemDigest(item: Item): string {
  return createHash('sha256').update(canonical(item)).digest('base64url');
}

/** Verdict items also record the date of the export they were read from (not part of the model). */
const VERDICT_EXPORT_DATE = 'exportDate';
/** ... and the upload that wrote them: visible only once that upload is committed. */
const VERDICT_UPLOAD = 'uploadId';
/** ... and, when they replaced a committed reading, that reading, shown until they are committed. */
const VERDICT_PREVIOUS = 'previous';
/** One copy of each string seen (for the strings many verdicts repeat). */
class StringPool {
  private readonly seen = new Map<string, string>();
  readonly one = <T extends string>(s: T): T => {
    const have = this.seen.get(s);
    if (have !== undefined) return have as T;
    this.seen.set(s, s);
    return s;
  };
}

/**
 * A verdict as the model has it; one stored before roles existed reads as role `unknown`. Built
 * by leaving the other attributes out (not by deleting them from a copy, which turns every verdict
 * into a slow dictionary object, about 0.7 KB more each); with `pool`, its strings that come from
 * closed vocabularies (rule ids, descriptions, advice, categories, the owner) are shared by all the
 * verdicts of one read instead of held once per verdict, as the classifier shares them: ~1.2 KB less
 * per verdict when 118,000 are read back for the stats and reports.
 */
function verdictOf(item: Item, pool?: StringPool): ClassifiedRequest {
  const { [TABLE_PARTITION_KEY]: _pk, [TABLE_SORT_KEY]: _sk, [GSI1.partitionKey]: _gpk, [GSI1.sortKey]: _gsk, type: _type, [VERDICT_EXPORT_DATE]: _date, [VERDICT_UPLOAD]: _upload, [VERDICT_PREVIOUS]: _previous, ...rest } = item;
  const cr = rest as ClassifiedRequest;
  cr.role ??= 'unknown';
  cr.roleReasons ??= [];
  if (pool) {
    const one = pool.one;
    cr.category = one(cr.category);
    cr.verdict = one(cr.verdict);
    cr.direction = one(cr.direction);
    cr.role = one(cr.role);
    if (typeof cr.outcome === 'string') cr.outcome = one(cr.outcome);
    if (cr.advice !== undefined) cr.advice = one(cr.advice);
    for (const r of cr.reasons) {
      r.rule = one(r.rule);
      r.category = one(r.category);
      if (r.description !== undefined) r.description = one(r.description);
    }
    for (const r of cr.roleReasons) {
      r.rule = one(r.rule);
      r.role = one(r.role);
      if (r.description !== undefined) r.description = one(r.description);
    }
    if (cr.source) cr.source.file = one(cr.source.file);
    cr.owner.name = one(cr.owner.name);
    if (typeof cr.owner.profileUrl === 'string') cr.owner.profileUrl = one(cr.owner.profileUrl);
  }
  return cr;
}

/** A verdict item's reading alone: no keys, no `previous`. */
const readingOf = (item: Item): Item => strip<Item>(item, [VERDICT_PREVIOUS]);
/** The digest of a reading without its upload tag (equal content, whoever wrote it). */
const contentDigest = (item: Item) => itemDigest({ ...readingOf(item), [VERDICT_UPLOAD]: undefined });

/**
 * What reads show of a stored verdict item, given the uploads that are not committed: the item,
 * or the committed reading it replaced (`previous`), or nothing.
 */
function shownVersion(item: Item, hidden: ReadonlySet<string>): Item | null {
  const tag = item[VERDICT_UPLOAD];
  if (typeof tag !== 'string' || !hidden.has(tag)) return item;
  const previous = item[VERDICT_PREVIOUS] as Item | undefined;
  if (!previous) return null;
  const was = previous[VERDICT_UPLOAD];
  return typeof was !== 'string' || !hidden.has(was) ? previous : null;
}

export interface DynamoStoreOptions extends BatchWriteOptions {}

/** Verdict items built and written at a time by putVerdicts: 100 batches, enough to keep every writer busy. */
const PUT_CHUNK = 100 * BATCH_SIZE;

export class DynamoAuditStore implements AuditStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: DynamoStoreOptions = {},
  ) {}

  /**
   * Write verdicts read from an export of `exportDate` (YYYY-MM-DD, null when unknown). A CR already
   * stored from a newer export keeps that reading (its outcome may have changed since): uploading
   * an old export after a new one changes nothing. Equal dates overwrite with equal values, so a
   * CR already stored with exactly the item it would be written as is not sent again (a repeated
   * event or a re-uploaded export writes nothing). One consistent paginated read of the user's
   * stored verdicts, then batch writes of what is new or changed.
   */
  async putVerdicts(userId: string, requests: readonly ClassifiedRequest[], exportDate: string | null = null, uploadId?: string): Promise<VerdictWriteResult> {
    const hidden = await this.hiddenUploads(userId, uploadId);
    // What reads show now (a verdict of a failed upload counts as absent, or as the reading it replaced).
    const stored = await this.storedVerdicts(userId, hidden);
    // The last occurrence of an id wins (as in uniqueBatches); older readings than the stored one are kept out.
    const latest = new Map<string, ClassifiedRequest>();
    let keptNewer = 0;
    for (const cr of requests) {
      const have = stored.get(cr.id);
      if (have && (exportDate ?? '') < (have.exportDate ?? '')) {
        keptNewer++;
        continue;
      }
      latest.delete(cr.id);
      latest.set(cr.id, cr);
    }
    // The CRs to write, not their items: an item (the CR's copy with its keys, ~0.5 KB) exists only
    // while its chunk is written, not for every verdict of the export at once.
    const changed: ClassifiedRequest[] = [];
    const replaced = new Set<string>();
    let unchanged = 0;
    for (const cr of latest.values()) {
      const have = stored.get(cr.id);
      if (have && have.digest === contentDigest(this.verdictItem(userId, cr, exportDate, uploadId))) unchanged++;
      else {
        changed.push(cr);
        if (have && uploadId !== undefined) replaced.add(cr.id);
      }
    }
    stored.clear();
    // A reading shown now and replaced by this upload stays shown (as `previous`) until it commits.
    const previous = new Map<string, Item>();
    if (replaced.size) {
      const prefix = keys.verdict('');
      for await (const old of this.itemsWithPrefix(userId, prefix)) {
        const id = String(old[TABLE_SORT_KEY]).slice(prefix.length);
        if (!replaced.has(id)) continue;
        const shown = old[VERDICT_UPLOAD] === uploadId ? (old[VERDICT_PREVIOUS] as Item | undefined) : shownVersion(old, hidden);
        if (shown) previous.set(id, readingOf(shown));
      }
    }
    for (let i = 0; i < changed.length; i += PUT_CHUNK) {
      const items = changed.slice(i, i + PUT_CHUNK).map((cr) => {
        const item = this.verdictItem(userId, cr, exportDate, uploadId);
        const p = previous.get(cr.id);
        if (p) item[VERDICT_PREVIOUS] = p;
        return item;
      });
      await batchPut(this.doc, this.tableName, items, this.options);
    }
    return { written: latest.size, keptNewer, unchanged };
  }

  private verdictItem(userId: string, cr: ClassifiedRequest, exportDate: string | null, uploadId?: string): Item {
    return {
      ...cr,
      [TABLE_PARTITION_KEY]: keys.user(userId),
      [TABLE_SORT_KEY]: keys.verdict(cr.id),
      [GSI1.partitionKey]: keys.verdictYear(userId, cr.year),
      [GSI1.sortKey]: keys.verdictOrder(cr),
      [VERDICT_EXPORT_DATE]: exportDate,
      ...(uploadId !== undefined ? { [VERDICT_UPLOAD]: uploadId } : {}),
      type: 'VERDICT',
    };
  }

  /** Ids of the user's uploads that are not committed (their verdicts are invisible), but `except`. */
  private async hiddenUploads(userId: string, except?: string): Promise<Set<string>> {
    const out = new Set<string>();
    const items = this.itemsWithPrefix(userId, keys.upload(''), {
      ProjectionExpression: '#uploadId, #committed',
      ExpressionAttributeNames: { '#uploadId': 'uploadId', '#committed': 'committed' },
    });
    for await (const item of items) if (item.committed !== true && item.uploadId !== except) out.add(String(item.uploadId));
    return out;
  }

  /**
   * id → export date and digest of every stored verdict of the user (one consistent paginated
   * read; each page is digested and dropped, so only ids, dates and digests are kept).
   */
  private async storedVerdicts(userId: string, hidden: ReadonlySet<string>): Promise<Map<string, { exportDate: string | null; digest: string }>> {
    const out = new Map<string, { exportDate: string | null; digest: string }>();
    const prefix = keys.verdict('');
    for await (const item of this.itemsWithPrefix(userId, prefix)) {
      const shown = shownVersion(item, hidden);
      if (!shown) continue;
      out.set(String(item[TABLE_SORT_KEY]).slice(prefix.length), {
        exportDate: (shown[VERDICT_EXPORT_DATE] as string | null | undefined) ?? null,
        digest: contentDigest(shown),
      });
    }
    return out;
  }

  /**
   * Every stored verdict of the user in any of `years`, grouped by year, in one consistent
   * paginated read of the base table (the year index is eventually consistent). The years are a
   * filter on the server side, so verdicts of other years are not sent back.
   */
  async listVerdictsOfYears(userId: string, years: readonly number[], options: { include?: string } = {}): Promise<Map<number, ClassifiedRequest[]>> {
    const wanted = [...new Set(years)];
    const out = new Map<number, ClassifiedRequest[]>(wanted.map((y) => [y, []]));
    if (wanted.length === 0) return out;
    const hidden = await this.hiddenUploads(userId, options.include);
    // DynamoDB's IN takes at most 100 operands; beyond that, filter here instead.
    const filtered = wanted.length <= 100;
    const values: Record<string, NativeAttributeValue> = {};
    if (filtered) wanted.forEach((y, i) => (values[`:y${i}`] = y));
    const items = this.itemsWithPrefix(
      userId,
      keys.verdict(''),
      filtered
        ? { FilterExpression: `#year IN (${wanted.map((_, i) => `:y${i}`).join(', ')})`, ExpressionAttributeNames: { '#year': 'year' }, ExpressionAttributeValues: values }
        : {},
    );
    const pool = new StringPool();
    for await (const item of items) {
      const shown = shownVersion(item, hidden);
      if (shown) out.get(Number(shown.year))?.push(verdictOf(shown, pool));
    }
    return out;
  }

  /**
   * One page of the user's verdicts, newest first (by sentAt, then id), optionally of one year,
   * category and direction. A year reads gsi1 (that year's partition), otherwise gsi2 (all the
   * user's verdicts); both sort by `<sentAt>#<id>` and are read backwards. The cursor is the
   * position where evaluation stopped, so following it gives every matching verdict once, in
   * order, whatever the page size.
   */
  async queryVerdicts(userId: string, query: VerdictQuery): Promise<VerdictPage> {
    const byYear = query.year !== undefined;
    const index = byYear ? GSI1 : GSI2;
    const partition = byYear ? keys.verdictYear(userId, query.year!) : keys.user(userId);
    const names: Record<string, string> = { '#pk': index.partitionKey };
    const values: Record<string, NativeAttributeValue> = { ':pk': partition };
    // A LastEvaluatedKey of an index holds the index's keys and the table's: these, and no other.
    const expected: Record<string, string | null> = {
      [TABLE_PARTITION_KEY]: keys.user(userId),
      [TABLE_SORT_KEY]: null,
      [index.partitionKey]: partition,
      [index.sortKey]: null,
    };
    const hidden = await this.hiddenUploads(userId);
    // With uploads in progress or failed, an item may be shown as its `previous` reading: filtered here, not by DynamoDB.
    const filterHere = hidden.size > 0;
    const filters: string[] = [];
    if (query.category && !filterHere) {
      names['#category'] = 'category';
      values[':category'] = query.category;
      filters.push('#category = :category');
    }
    if (query.direction && !filterHere) {
      names['#direction'] = 'direction';
      values[':direction'] = query.direction;
      filters.push('#direction = :direction');
    }
    if (query.role && !filterHere) {
      names['#role'] = 'role';
      values[':role'] = query.role;
      // A verdict stored before roles existed has no role: it is `unknown`.
      filters.push(query.role === 'unknown' ? '(#role = :role OR attribute_not_exists(#role))' : '#role = :role');
    }
    let start: Item | undefined = query.cursor ? decodeCursor(query.cursor, expected) : undefined;
    const items: ClassifiedRequest[] = [];
    // Each round evaluates at most the number of items still wanted, so the page never overflows
    // and the cursor is exactly where evaluation stopped. Rounds are bounded: a sparse filter
    // returns a short page with a cursor rather than scanning everything in one request.
    for (let round = 0; round < 20 && items.length < query.limit; round++) {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :pk',
          FilterExpression: filters.length ? filters.join(' AND ') : undefined,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ExclusiveStartKey: start,
          ScanIndexForward: false,
          Limit: query.limit - items.length,
        }),
      );
      for (const item of page.Items ?? []) {
        const shown = shownVersion(item, hidden);
        if (!shown) continue;
        if (filterHere && query.category && shown.category !== query.category) continue;
        if (filterHere && query.direction && shown.direction !== query.direction) continue;
        if (filterHere && query.role && (shown.role ?? 'unknown') !== query.role) continue;
        items.push(verdictOf(shown));
      }
      start = page.LastEvaluatedKey;
      if (!start) break;
    }
    return { items, cursor: start ? encodeCursor(start) : null };
  }

  /**
   * The first upload of an export names its coverage; a re-upload (same dates, any name) changes
   * nothing. The item carries the upload that wrote it (`uploadId`): one whose upload never
   * committed is not listed, and the next upload of the same period takes it over.
   */
  async putCoverage(userId: string, coverage: Coverage, uploadId?: string): Promise<void> {
    const Item = { ...coverage, [TABLE_PARTITION_KEY]: keys.user(userId), [TABLE_SORT_KEY]: keys.coverage(coverage), type: 'COVERAGE', ...(uploadId !== undefined ? { [VERDICT_UPLOAD]: uploadId } : {}) };
    try {
      await this.doc.send(
        new PutCommand({ TableName: this.tableName, Item, ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': TABLE_PARTITION_KEY } }),
      );
      return;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
    const have = await this.get(userId, keys.coverage(coverage));
    const tag = have?.[VERDICT_UPLOAD];
    if (typeof tag !== 'string' || tag === uploadId || !(await this.hiddenUploads(userId)).has(tag)) return;
    try {
      // Taken over from an upload that never committed, unless someone else did it first.
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item,
          ConditionExpression: '#upload = :tag',
          ExpressionAttributeNames: { '#upload': VERDICT_UPLOAD },
          ExpressionAttributeValues: { ':tag': tag },
        }),
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  }

  async listCoverages(userId: string, options: { include?: string } = {}): Promise<Coverage[]> {
    const items = await this.queryPrefix(userId, 'COVERAGE#');
    const hidden = items.some((i) => typeof i[VERDICT_UPLOAD] === 'string') ? await this.hiddenUploads(userId, options.include) : new Set<string>();
    return items.filter((i) => typeof i[VERDICT_UPLOAD] !== 'string' || !hidden.has(i[VERDICT_UPLOAD])).map((i) => strip<Coverage>(i, [VERDICT_UPLOAD]));
  }

  async putYearStats(userId: string, stats: YearStats): Promise<void> {
    await this.put({ ...stats, [TABLE_PARTITION_KEY]: keys.user(userId), [TABLE_SORT_KEY]: keys.stats(stats.year), type: 'STATS' });
  }

  async getYearStats(userId: string, year: number): Promise<YearStats | null> {
    const item = await this.get(userId, keys.stats(year));
    return item ? strip<YearStats>(item) : null;
  }

  async listYears(userId: string): Promise<number[]> {
    const items = await this.queryPrefix(userId, 'STATS#', ['#year'], { '#year': 'year' });
    return items.map((i) => Number(i.year)).sort((a, b) => a - b);
  }

  /** A DeleteItem: the year has no visible verdict left (a run that wrote its stats failed). */
  async deleteYearStats(userId: string, year: number): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { [TABLE_PARTITION_KEY]: keys.user(userId), [TABLE_SORT_KEY]: keys.stats(year) } }));
  }

  async putUpload(userId: string, upload: UploadRecord, options: { unlessDone?: boolean } = {}): Promise<boolean> {
    const Item = { ...upload, [TABLE_PARTITION_KEY]: keys.user(userId), [TABLE_SORT_KEY]: keys.upload(upload.uploadId), type: 'UPLOAD' };
    if (!options.unlessDone) {
      await this.put(Item);
      return true;
    }
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item,
          ConditionExpression: 'attribute_not_exists(#status) OR #status <> :done',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':done': 'DONE' },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async getUpload(userId: string, uploadId: string): Promise<UploadRecord | null> {
    const item = await this.get(userId, keys.upload(uploadId));
    return item ? strip<UploadRecord>(item) : null;
  }

  async putOwner(userId: string, owner: Person): Promise<void> {
    await this.put({ ...owner, [TABLE_PARTITION_KEY]: keys.user(userId), [TABLE_SORT_KEY]: keys.owner(), type: 'OWNER' });
  }

  async getOwner(userId: string): Promise<Person | null> {
    const item = await this.get(userId, keys.owner());
    return item ? strip<Person>(item) : null;
  }

  async putSettings(userId: string, settings: UserSettings): Promise<void> {
    await this.put({ ...settings, [TABLE_PARTITION_KEY]: keys.user(userId), [TABLE_SORT_KEY]: keys.settings(), type: 'SETTINGS' });
  }

  async getSettings(userId: string): Promise<UserSettings> {
    const item = await this.get(userId, keys.settings());
    return item ? strip<UserSettings>(item) : { ...DEFAULT_SETTINGS, keep: [...DEFAULT_SETTINGS.keep] };
  }

  async claimOwner(userId: string, owner: Person): Promise<Person> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...owner, [TABLE_PARTITION_KEY]: keys.user(userId), [TABLE_SORT_KEY]: keys.owner(), type: 'OWNER' },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_PARTITION_KEY },
        }),
      );
      return owner;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const stored = await this.getOwner(userId);
      if (!stored) throw err; // deleted in between: let the caller's retry claim it again
      return stored;
    }
  }

  /** A read of the upload records (any committed: kept), then a DeleteItem conditional on the owner's fields. */
  async releaseOwner(userId: string, owner: Person): Promise<boolean> {
    const uploads = this.itemsWithPrefix(userId, keys.upload(''), { ProjectionExpression: '#committed', ExpressionAttributeNames: { '#committed': 'committed' } });
    for await (const item of uploads) if (item.committed === true) return false;
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { [TABLE_PARTITION_KEY]: keys.user(userId), [TABLE_SORT_KEY]: keys.owner() },
          // A null profile URL is stored as NULL (read back as null; an absent one as undefined).
          ConditionExpression: `#name = :name AND ${owner.profileUrl == null ? '(attribute_not_exists(#url) OR attribute_type(#url, :null))' : '#url = :url'}`,
          ExpressionAttributeNames: { '#name': 'name', '#url': 'profileUrl' },
          ExpressionAttributeValues: { ':name': owner.name, ...(owner.profileUrl == null ? { ':null': 'NULL' } : { ':url': owner.profileUrl }) },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async acquireLease(userId: string, holder: string, untilMs: number, nowMs: number): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { [TABLE_PARTITION_KEY]: keys.user(userId), [TABLE_SORT_KEY]: keys.lease(), type: 'LEASE', holder, untilMs },
          ConditionExpression: 'attribute_not_exists(#pk) OR #holder = :holder OR #until < :now',
          ExpressionAttributeNames: { '#pk': TABLE_PARTITION_KEY, '#holder': 'holder', '#until': 'untilMs' },
          ExpressionAttributeValues: { ':holder': holder, ':now': nowMs },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  /** Released by a conditional put (not a delete: ingest deletes nothing), as a lease nobody holds. */
  async releaseLease(userId: string, holder: string): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { [TABLE_PARTITION_KEY]: keys.user(userId), [TABLE_SORT_KEY]: keys.lease(), type: 'LEASE', holder: '', untilMs: 0 },
          ConditionExpression: '#holder = :holder',
          ExpressionAttributeNames: { '#holder': 'holder' },
          ExpressionAttributeValues: { ':holder': holder },
        }),
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw err; // someone else's (ours expired): leave it
    }
  }

  async deleteUser(userId: string): Promise<DeletedItems> {
    const deleted: DeletedItems = { verdicts: 0, coverages: 0, stats: 0, uploads: 0, owner: 0, settings: 0 };
    const kinds: Record<string, keyof DeletedItems> = { CR: 'verdicts', COVERAGE: 'coverages', STATS: 'stats', UPLOAD: 'uploads', OWNER: 'owner', SETTINGS: 'settings' };
    const keys: Item[] = [];
    // Every item of the user is in their partition (index entries go with their items).
    for await (const item of this.itemsWithPrefix(userId, '', { ProjectionExpression: '#pk, #sk', ExpressionAttributeNames: { '#pk': TABLE_PARTITION_KEY, '#sk': TABLE_SORT_KEY } })) {
      keys.push({ [TABLE_PARTITION_KEY]: item[TABLE_PARTITION_KEY], [TABLE_SORT_KEY]: item[TABLE_SORT_KEY] });
      const kind = kinds[String(item[TABLE_SORT_KEY]).split('#')[0]!];
      if (kind) deleted[kind]++;
    }
    await batchDelete(this.doc, this.tableName, keys, this.options);
    return deleted;
  }

  private async put(Item: Item): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item }));
  }

  private async get(userId: string, sk: string): Promise<Item | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { [TABLE_PARTITION_KEY]: keys.user(userId), [TABLE_SORT_KEY]: sk }, ConsistentRead: true }),
    );
    return out.Item;
  }

  private async queryPrefix(userId: string, prefix: string, projection?: string[], projectionNames?: Record<string, string>): Promise<Item[]> {
    const out: Item[] = [];
    for await (const item of this.itemsWithPrefix(userId, prefix, { ProjectionExpression: projection?.join(', '), ExpressionAttributeNames: projectionNames })) out.push(item);
    return out;
  }

  /** Every item of the user's partition whose sort key starts with `prefix` ('' = all), page after page, strongly consistent. */
  private async *itemsWithPrefix(userId: string, prefix: string, extra: Partial<QueryCommandInput> = {}): AsyncGenerator<Item> {
    let start: Item | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
          ConsistentRead: true,
          ...extra,
          ExpressionAttributeNames: { '#pk': TABLE_PARTITION_KEY, ...(prefix ? { '#sk': TABLE_SORT_KEY } : {}), ...extra.ExpressionAttributeNames },
          ExpressionAttributeValues: { ':pk': keys.user(userId), ...(prefix ? { ':prefix': prefix } : {}), ...extra.ExpressionAttributeValues },
          ExclusiveStartKey: start,
        }),
      );
      yield* (page.Items ?? []) as Item[];
      start = page.LastEvaluatedKey;
    } while (start);
  }
}
