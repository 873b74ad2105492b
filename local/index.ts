/**
 * The embedded local stack: the whole product on one machine, no AWS account.
 *
 *   emulators (s3rver + dynalite on 127.0.0.1, signed requests with this run's credentials only)
 *   → S3-event bridge → the ingest handler (the same one Lambda runs)
 *   → local HTTP server: the page at `/`, the API handler under `/api/` behind a local JWT check
 *
 * Two accounts, as two Cognito users would be: yours (`userId`, the token printed at start and
 * used by the page) and the demo account that holds the sample export (`demo`), so the sample is
 * one click away on the page and your own export is never refused for not being the sample's.
 *
 *   const stack = await startLocalStack({ memory: true, port: 0, s3Port: 0, dynamoPort: 0 });
 *   ... stack.apiUrl, stack.token ...; await stack.stop();
 */
import { readdir, stat, readFile, writeFile, mkdir, chmod } from 'node:fs/promises';
import { join, resolve, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListObjectsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createIngestHandler } from '../functions/ingest.ts';
import { createApiHandler, ROUTES } from '../functions/api.ts';
import { UPLOAD_PREFIX } from '../functions/aws/config.ts';
import type { LogSink } from '../functions/audit/ports.ts';
import { decodeS3Key, parseUploadKey } from '../functions/aws/keys.ts';
import { loggableUploadId } from '../functions/app/upload.ts';
import { DynamoAuditStore } from '../functions/aws/dynamo-store.ts';
import { S3BlobStore } from '../functions/aws/s3-blobs.ts';
import type { S3Event } from 'aws-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import { startLocalEmulators, type LocalEmulators } from './emulators.ts';
import { markEventFailed } from '../functions/app/ingest-failure.ts';
import { failedEventOf } from '../functions/aws/failure-record.ts';
import { createS3EventBridge, type BridgeLogEntry, type S3EventBridge } from './bridge.ts';
import { createLocalAuth, TOKEN_LIFETIME } from './auth.ts';
import { API_PREFIX, startLocalServer, type ApiInvoke, type LocalServer, type PageConfig } from './server.ts';
import type { Credentials } from './sigv4.mjs';

export { LocalStackError, PortInUseError } from './errors.ts';

export const LOCAL_BUCKET = 'aoi-local';
export const LOCAL_TABLE = 'aoi-local';
export const LOCAL_REGION = 'us-east-1';
/** You: the `sub` of the token the stack prints and the page uses (a UUID, like a Cognito sub). */
export const LOCAL_USER_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
/** The demo account: where the sample export is uploaded on first start, beside yours. */
export const DEMO_USER_ID = '0d3e0c1a-5a3f-4c6e-9b1d-7e2f8a4c6d10';
export const DEFAULT_PORTS = { port: 4750, s3Port: 4751, dynamoPort: 4752 } as const;
export const DEFAULT_DIR = '.local';
/** How long a stop waits for uploads being processed before cutting them off (they resume at the next start). */
export const STOP_GRACE_MS = 2000;

const SAMPLE_DIR = fileURLToPath(new URL('../sample-data/', import.meta.url));

export interface LocalStackOptions {
  /** Web page + API port (default 4750; 0 = a free port). */
  port?: number;
  /** S3 emulator port (default 4751; 0 = a free port). */
  s3Port?: number;
  /** DynamoDB emulator port (default 4752; 0 = a free port). */
  dynamoPort?: number;
  /** Throwaway run: nothing kept on disk (default false). */
  memory?: boolean;
  /** Data folder (default `.local` in the current directory). */
  dir?: string;
  /**
   * On first start (the demo account holds no upload), upload this export into the demo account
   * (default: the newest zip in sample-data/). `false` skips it.
   */
  seed?: string | false;
  /** Ingest retries after the first attempt (default 2, like Lambda async invoke) and first delay. */
  retries?: number;
  retryBackoffMs?: number;
  /** Time budget of one ingest attempt (default 5 minutes, the Lambda's timeout): past it the upload ends FAILED. */
  ingestTimeoutMs?: number;
  /** How long stop() waits for uploads being processed (default STOP_GRACE_MS). */
  stopGraceMs?: number;
  /** One line per event worth telling the person running the stack (default: nothing). */
  log?: (line: string) => void;
}

export interface LocalStack {
  webUrl: string;
  apiUrl: string;
  s3Endpoint: string;
  dynamoEndpoint: string;
  bucket: string;
  table: string;
  region: string;
  /** The only credentials the emulators accept (fresh at each start). */
  credentials: Credentials;
  /** Your token (`Authorization: Bearer <token>`), valid for TOKEN_LIFETIME. */
  token: string;
  userId: string;
  /** The demo account holding the sample export. */
  demo: { userId: string; token: string };
  /** Mint a token for another user (to try isolation between users). */
  issueToken(userId: string): Promise<string>;
  /** The key of the sample export uploaded into the demo account at this start, if any. */
  seededKey: string | null;
  /** Resolves when every S3 event so far has been handled. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** What `.local/stack.json` holds (for scripts and the AWS CLI); written 0600: it holds secrets. */
export interface StackFile {
  webUrl: string;
  apiUrl: string;
  s3Endpoint: string;
  dynamoEndpoint: string;
  bucket: string;
  table: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  token: string;
  tokenExpires: string;
  userId: string;
  demoUserId: string;
}

/** The newest LinkedIn export zip in a folder: by the `_MM-DD-YYYY` date in its name, else by mtime. */
export async function newestSampleExport(dir: string = SAMPLE_DIR): Promise<string | null> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.zip'));
  } catch {
    return null;
  }
  const dated = await Promise.all(
    names.map(async (name) => {
      const m = /(\d{2})-(\d{2})-(\d{4})\.zip$/i.exec(name);
      const when = m ? Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2])) : (await stat(join(dir, name))).mtimeMs;
      return { name, when };
    }),
  );
  dated.sort((a, b) => b.when - a.when || a.name.localeCompare(b.name));
  return dated.length ? join(dir, dated[0].name) : null;
}

/**
 * An object as the terminal names it: an upload by its loggable id, anything else by a hash, never
 * by its key (an object put straight into the bucket is named by the user's file name, which can carry a name).
 */
function loggableObject(rawKey: string): string {
  let key = rawKey;
  try {
    key = decodeS3Key(rawKey);
  } catch {
    /* not URL-encoded: hashed as it is */
  }
  const target = parseUploadKey(key);
  return target ? `upload ${loggableUploadId(target.uploadId)}` : `object ${loggableUploadId(key)}`;
}

function describeBridge(e: BridgeLogEntry): string {
  const what = loggableObject(e.key);
  switch (e.outcome) {
    case 'ok':
      return `ingest ${what}: done${e.attempt > 1 ? ` on attempt ${e.attempt}` : ''} (${e.ms} ms)`;
    case 'retry':
      return `ingest ${what}: attempt ${e.attempt} failed (${e.error}); retrying in ${e.delayMs} ms`;
    case 'failed':
      return `ingest ${what}: gave up after ${e.attempts} attempts (${e.error}); the event is kept in failed-events.jsonl`;
    case 'ignored':
      return `ingest ${what}: ignored (${e.reason})`;
  }
}

/** Every key under uploads/ (ListObjects v1 with markers: s3rver's v2 tokens need DES, refused by OpenSSL 3). */
async function listUploadKeys(s3: S3Client, bucket: string): Promise<{ key: string; size: number; eTag: string }[]> {
  const out: { key: string; size: number; eTag: string }[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await s3.send(new ListObjectsCommand({ Bucket: bucket, Prefix: UPLOAD_PREFIX, Marker: marker }));
    for (const o of page.Contents ?? []) if (o.Key) out.push({ key: o.Key, size: o.Size ?? 0, eTag: o.ETag ?? '' });
    if (!page.IsTruncated || !page.Contents?.length) return out;
    marker = page.NextMarker ?? page.Contents[page.Contents.length - 1].Key;
  }
}

/**
 * Uploads whose processing never finished (the stack was stopped mid-way, or the object arrived
 * while no event could be delivered) are handed to the bridge again, as a Lambda retry would.
 */
async function resumeUnfinished(
  emu: LocalEmulators,
  bridge: S3EventBridge,
  log: (line: string) => void,
): Promise<number> {
  const store = new DynamoAuditStore(emu.clients.doc, emu.table);
  let resumed = 0;
  for (const o of await listUploadKeys(emu.clients.s3, emu.bucket)) {
    const target = parseUploadKey(o.key);
    if (!target) continue;
    const upload = await store.getUpload(target.userId, target.uploadId);
    if (upload && (upload.status === 'DONE' || upload.status === 'FAILED')) continue;
    const event = {
      Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: emu.bucket }, object: { key: o.key, size: o.size, eTag: o.eTag } } }],
    } as unknown as S3Event;
    bridge.handle(event);
    resumed++;
  }
  if (resumed) log(`resuming ${resumed} upload(s) left unfinished by the previous run`);
  return resumed;
}

/** True when the account has at least one upload (ListObjects v1: s3rver's v2 tokens need DES, refused by OpenSSL 3). */
async function hasUploads(s3: S3Client, bucket: string, userId: string): Promise<boolean> {
  const listed = await s3.send(new ListObjectsCommand({ Bucket: bucket, Prefix: `${UPLOAD_PREFIX}${userId}/`, MaxKeys: 1 }));
  return Boolean(listed.Contents?.length);
}

/** Uploads the sample export into the demo account; returns its key and upload id. */
async function seedDemo(emu: LocalEmulators, file: string): Promise<{ key: string; uploadId: string }> {
  const name = basename(file);
  const uploadId = `sample-${name.replace(/\.zip$/i, '').replace(/[^\w.-]+/g, '_')}`;
  const key = `${UPLOAD_PREFIX}${DEMO_USER_ID}/${uploadId}.zip`;
  await emu.clients.s3.send(
    new PutObjectCommand({
      Bucket: emu.bucket,
      Key: key,
      Body: await readFile(file),
      ContentType: 'application/zip',
      Metadata: { filename: encodeURIComponent(name) },
    }),
  );
  return { key, uploadId };
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const memory = options.memory ?? false;
  const dir = resolve(options.dir ?? DEFAULT_DIR);
  const log = options.log ?? (() => {});
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const s of stops.reverse()) await s().catch((err: unknown) => log(`while stopping: ${err instanceof Error ? err.message : String(err)}`));
  };
  if (!memory) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
  }
  const port = options.port ?? DEFAULT_PORTS.port;

  try {
    // The server first: its port is the page's origin, the only one the S3 emulator's CORS allows.
    const auth = await createLocalAuth(memory ? undefined : dir);
    let api: ApiInvoke | null = null;
    let apiUrl = '';
    let seedUploadId: string | undefined;
    const userId = LOCAL_USER_ID;
    const server: LocalServer = await startLocalServer({
      port,
      routes: ROUTES,
      invoke: async (event) => (api ? api(event) : { statusCode: 503, headers: { 'content-type': 'application/json' }, body: '{"message":"The local stack is starting"}' }),
      auth,
      // Each page load gets tokens of its own, valid for hours.
      pageConfig: async (): Promise<PageConfig> => ({
        apiUrl,
        token: await auth.issueToken(userId),
        userId,
        demo: { userId: DEMO_USER_ID, token: await auth.issueToken(DEMO_USER_ID), ...(seedUploadId ? { seedUploadId } : {}) },
      }),
      log,
    });
    stops.push(() => server.close());
    const webUrl = server.url;
    apiUrl = `${webUrl}${API_PREFIX}`;

    const emu: LocalEmulators = await startLocalEmulators({
      bucket: LOCAL_BUCKET,
      table: LOCAL_TABLE,
      region: LOCAL_REGION,
      memory,
      dir,
      s3Port: options.s3Port ?? DEFAULT_PORTS.s3Port,
      dynamoPort: options.dynamoPort ?? DEFAULT_PORTS.dynamoPort,
      allowedOrigins: server.origins,
    });
    stops.push(() => emu.stop());

    const handlerLog: LogSink = {
      info: () => {},
      warn: (message, extra) => log(`ingest warning: ${message} ${extra ? JSON.stringify(extra) : ''}`),
      error: (message, extra) => log(`error: ${message} ${extra ? JSON.stringify(extra) : ''}`),
    };
    const deps = { clients: emu.clients, bucket: emu.bucket, table: emu.table, logger: handlerLog };
    const ingest = createIngestHandler(deps);

    const failedFile = memory ? null : join(dir, 'failed-events.jsonl');
    const bridge: S3EventBridge = createS3EventBridge({
      region: emu.region,
      invoke: ingest,
      retries: options.retries,
      backoffMs: options.retryBackoffMs,
      timeoutMs: options.ingestTimeoutMs,
      // The on-failure destination and its handler: the upload ends FAILED saying what stopped it.
      // The pending years are put back too (stats, reports): the lease of a run cut off expires within its time budget.
      onGiveUp: (record) =>
        markEventFailed(
          {
            store: new DynamoAuditStore(emu.clients.doc, emu.table),
            blobs: new S3BlobStore(emu.clients.s3, emu.bucket),
            logger: handlerLog,
            timeoutMs: options.ingestTimeoutMs ?? 5 * 60_000,
            lease: { leaseWaitMs: options.ingestTimeoutMs ?? 5 * 60_000 },
          },
          failedEventOf(record),
        ),
      log: (entry) => {
        log(describeBridge(entry));
        // The on-failure destination's stand-in: keep what could not be processed.
        if (entry.outcome === 'failed' && failedFile) {
          void writeFile(failedFile, `${JSON.stringify({ at: new Date().toISOString(), error: entry.error, event: entry.event })}\n`, { flag: 'a', mode: 0o600 });
        }
      },
    });
    const unsubscribe = emu.onS3Event((event) => bridge.handle(event));
    stops.push(async () => {
      unsubscribe();
      // Ports are freed within seconds: an ingest still running then is cut off, and resumed at the next start.
      const cut = await bridge.close(options.stopGraceMs ?? STOP_GRACE_MS);
      if (cut) log(`stopped while ${cut} upload(s) were being processed: ${memory ? 'they are lost with this throwaway run' : 'they resume at the next start'}`);
    });
    api = createApiHandler(deps);

    const token = await auth.issueToken(userId);
    const demoToken = await auth.issueToken(DEMO_USER_ID);
    const stackFile: StackFile = {
      webUrl,
      apiUrl,
      s3Endpoint: emu.s3Endpoint,
      dynamoEndpoint: emu.dynamoEndpoint,
      bucket: emu.bucket,
      table: emu.table,
      region: emu.region,
      accessKeyId: emu.credentials.accessKeyId,
      secretAccessKey: emu.credentials.secretAccessKey,
      token,
      tokenExpires: new Date(Date.now() + TOKEN_LIFETIME.ms).toISOString(),
      userId,
      demoUserId: DEMO_USER_ID,
    };
    if (!memory) {
      const file = join(dir, 'stack.json');
      await writeFile(file, `${JSON.stringify(stackFile, null, 2)}\n`, { mode: 0o600 });
      await chmod(file, 0o600); // an older, wider file keeps its mode on overwrite
    }

    if (!memory) await resumeUnfinished(emu, bridge, log);

    let seededKey: string | null = null;
    if (options.seed !== false && !(await hasUploads(emu.clients.s3, emu.bucket, DEMO_USER_ID))) {
      const file = options.seed ?? (await newestSampleExport());
      if (file) {
        const seeded = await seedDemo(emu, file);
        seededKey = seeded.key;
        seedUploadId = seeded.uploadId;
        log(`first start: uploaded the sample export ${basename(file)} into the demo account`);
      } else {
        log('first start: no sample export found in sample-data/; upload your own on the page');
      }
    }

    let stopped = false;
    return {
      webUrl,
      apiUrl,
      s3Endpoint: emu.s3Endpoint,
      dynamoEndpoint: emu.dynamoEndpoint,
      bucket: emu.bucket,
      table: emu.table,
      region: emu.region,
      credentials: emu.credentials,
      token,
      userId,
      demo: { userId: DEMO_USER_ID, token: demoToken },
      issueToken: (sub) => auth.issueToken(sub),
      seededKey,
      idle: () => bridge.idle(),
      async stop() {
        if (stopped) return;
        stopped = true;
        await stopAll();
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
