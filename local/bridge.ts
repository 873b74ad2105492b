/**
 * The S3-event bridge: what S3 notifications + Lambda async invoke do on AWS, done locally.
 * For each object created in the bucket it applies the CDK notification's filter (isIngestKey:
 * `uploads/` + `.zip`/`.csv`; `reports/` never triggers), rebuilds a real-shaped S3 event (key
 * URL-encoded as S3 does, spaces as `+`) and invokes the ingest handler, retrying twice with
 * backoff like an async invoke. Events of one key run in order; different keys run side by side
 * up to `concurrency`. Like Lambda, each attempt has a time budget (`timeoutMs`, handed to the
 * handler as `context.getRemainingTimeInMillis()` for its watchdog; an attempt past it counts as
 * timed out), and an event given up on goes to `onGiveUp` as an on-failure destination record.
 */
import type { Context, S3Event, S3EventRecord } from 'aws-lambda';
import type { FailureRecord } from '../functions/aws/failure-record.ts';
import { isIngestKey } from '../functions/aws/keys.ts';

/** S3's encoding of keys in notifications: URL-encoded, spaces as `+`, slashes kept. */
export function encodeS3EventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/%20/g, '+')
    .replace(/%2F/gi, '/')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** s3rver's record (raw key, malformed ARN) → the record S3 would send for the same object. */
export function toS3EventRecord(raw: S3EventRecord, opts: { region: string; now?: Date }): S3EventRecord {
  const bucket = raw.s3.bucket.name;
  const eventTime = raw.eventTime ?? (opts.now ?? new Date()).toISOString();
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: opts.region,
    eventTime,
    eventName: raw.eventName,
    userIdentity: { principalId: 'AWS:LOCAL' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': 'LOCAL', 'x-amz-id-2': 'LOCAL' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'IngestOnUpload',
      bucket: { name: bucket, ownerIdentity: { principalId: 'LOCAL' }, arn: `arn:aws:s3:::${bucket}` },
      object: {
        key: encodeS3EventKey(raw.s3.object.key),
        size: raw.s3.object.size ?? 0,
        eTag: (raw.s3.object.eTag ?? '').replace(/"/g, ''),
        sequencer: raw.s3.object.sequencer ?? Date.now().toString(16).toUpperCase(),
      },
    },
  };
}

export type BridgeLogEntry =
  | { outcome: 'ok'; key: string; attempt: number; ms: number }
  | { outcome: 'retry'; key: string; attempt: number; error: string; delayMs: number }
  | { outcome: 'failed'; key: string; attempts: number; error: string; event: S3Event }
  | { outcome: 'ignored'; key: string; reason: string };

export interface BridgeOptions {
  region: string;
  /** The ingest handler, with a Lambda-like context (its remaining time). */
  invoke: (event: S3Event, context: Context) => Promise<unknown>;
  /** Time budget of one attempt, like the function's timeout (default 5 minutes). */
  timeoutMs?: number;
  /** The on-failure destination: the record of an event given up on (after the retries). */
  onGiveUp?: (record: FailureRecord) => Promise<unknown>;
  /** Retries after the first attempt (Lambda async invoke: 2). */
  retries?: number;
  /** First retry delay; doubles each time (Lambda waits ~1 min then ~2 min; locally shorter). */
  backoffMs?: number;
  /** Keys handled at the same time. */
  concurrency?: number;
  log?: (entry: BridgeLogEntry) => void;
}

export interface S3EventBridge {
  /** Feed it s3rver's `event`s. */
  handle(event: S3Event): void;
  /** Resolves when every event received so far has been handled (or given up on). */
  idle(): Promise<void>;
  /**
   * Stop accepting events and retrying; waits for the ones in flight, at most `graceMs` (default:
   * as long as they take). Resolves with how many were still running when it gave up waiting.
   */
  close(graceMs?: number): Promise<number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createS3EventBridge(options: BridgeOptions): S3EventBridge {
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 1000;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const log = options.log ?? (() => {});

  /** Tail of each key's chain, so events of one key run in order. */
  const chains = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  let running = 0;
  const waiting: (() => void)[] = [];
  let closed = false;

  const acquire = async () => {
    if (running < concurrency) {
      running++;
      return;
    }
    await new Promise<void>((r) => waiting.push(r));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  /** One attempt within the time budget; past it, rejected as Lambda reports a timeout. */
  async function attemptOnce(event: S3Event, attempt: number): Promise<void> {
    const started = Date.now();
    const context = {
      awsRequestId: `local-${started.toString(16)}-${attempt}`,
      functionName: 'aoi-local-ingest',
      getRemainingTimeInMillis: () => Math.max(0, started + timeoutMs - Date.now()),
    } as unknown as Context;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`)), timeoutMs);
    });
    try {
      await Promise.race([options.invoke(event, context), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function giveUp(event: S3Event, attempts: number, error: string) {
    if (!options.onGiveUp) return;
    const record: FailureRecord = {
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: attempts },
      requestPayload: event,
      responseContext: { functionError: 'Unhandled' },
      responsePayload: { errorMessage: error },
    };
    await options.onGiveUp(record).catch(() => undefined);
  }

  async function deliver(record: S3EventRecord) {
    const key = record.s3.object.key;
    const event: S3Event = { Records: [record] };
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      try {
        await attemptOnce(event, attempt);
        log({ outcome: 'ok', key, attempt, ms: Date.now() - started });
        return;
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        if (attempt > retries || closed) {
          if (!closed) await giveUp(event, attempt, error); // cut off by a stop: resumed at the next start instead
          log({ outcome: 'failed', key, attempts: attempt, error, event });
          return;
        }
        const delayMs = backoffMs * 2 ** (attempt - 1);
        log({ outcome: 'retry', key, attempt, error, delayMs });
        await sleep(delayMs);
      }
    }
  }

  return {
    handle(event) {
      for (const raw of event.Records ?? []) {
        const rawKey = raw.s3?.object?.key ?? '';
        if (closed) {
          log({ outcome: 'ignored', key: rawKey, reason: 'the local stack is stopping' });
          continue;
        }
        if (!raw.eventName?.startsWith('ObjectCreated:')) continue;
        if (!isIngestKey(rawKey)) {
          if (rawKey.startsWith('uploads/')) log({ outcome: 'ignored', key: rawKey, reason: 'not a .zip or .csv' });
          continue;
        }
        const record = toS3EventRecord(raw, { region: options.region });
        const prev = chains.get(rawKey) ?? Promise.resolve();
        const job: Promise<void> = prev.then(async () => {
          await acquire();
          try {
            await deliver(record);
          } finally {
            release();
          }
        });
        chains.set(rawKey, job);
        inFlight.add(job);
        void job.finally(() => {
          inFlight.delete(job);
          if (chains.get(rawKey) === job) chains.delete(rawKey);
        });
      }
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async close(graceMs) {
      closed = true;
      if (graceMs === undefined) {
        await this.idle();
        return 0;
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.idle(), new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
      clearTimeout(timer);
      return inFlight.size;
    },
  };
}
