/**
 * The local stack's emulators: s3rver (in-process, for its S3-shaped `event`s) and dynalite (in a
 * child process), both on 127.0.0.1, with the project's bucket (CORS for the upload page only) and
 * table (createTableInput, the same definition as the CDK table).
 *
 * Both answer only this machine, and only requests signed with credentials made fresh at each
 * start (`credentials`, also in the clients): the S3 guard (s3-guard.ts) and the DynamoDB child
 * check every request's SigV4 signature, presigned URL or POST policy before the emulator sees it.
 *
 * Data lives under `<dir>/s3` and `<dir>/dynamodb` and survives a restart; with `memory` the S3
 * files go to a temp dir removed on stop and dynalite keeps everything in memory.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventEmitter } from 'node:events';
import S3rver from 's3rver';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { S3Event } from 'aws-lambda';
import { createClients, type Clients } from '../functions/aws/clients.ts';
import { createTableInput } from '../functions/aws/table.ts';
import { LocalStackError, PortInUseError } from './errors.ts';
import { decodeAwsChunked } from './aws-chunked.ts';
import { createS3Guard } from './s3-guard.ts';
import { upgradeEmulatorTable } from './table-upgrade.ts';
import type { Credentials } from './sigv4.mjs';
import { MAX_UPLOAD_BYTES } from '../functions/app/upload.ts';

/** CORS for the upload page (presigned POST from the page's origin) and report links: those origins only. */
export function bucketCorsXml(origins: readonly string[]): string {
  if (!origins.length) return '';
  return (
    '<CORSConfiguration><CORSRule>' +
    origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`).join('') +
    '<AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>' +
    '<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>'
  );
}

/** Credentials for one run of the emulators: random, shaped like AWS's (20-char id, 40-char secret). */
export function freshCredentials(): Credentials {
  const id = randomBytes(12).toString('base64').replace(/[^A-Za-z0-9]/g, '').toUpperCase().padEnd(16, 'X').slice(0, 16);
  return { accessKeyId: `AKLO${id}`, secretAccessKey: randomBytes(30).toString('base64').slice(0, 40) };
}

/** s3rver looks a signed request's key id up in its own account registry: the stack's key is added there. */
const s3rverAccounts = createRequire(createRequire(import.meta.url).resolve('s3rver'))('./models/account.js') as {
  DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void; revokeAccessKey(id: string): void };
};

export interface LocalEmulatorOptions {
  bucket: string;
  table: string;
  region: string;
  /** Throwaway run: nothing written under `dir`. */
  memory: boolean;
  /** Data folder (used unless `memory`). */
  dir: string;
  /** 0 = a free port. */
  s3Port: number;
  dynamoPort: number;
  /** Browser origins allowed to reach S3 (the local page's); none = no browser at all. */
  allowedOrigins?: readonly string[];
}

export interface LocalEmulators {
  s3Endpoint: string;
  dynamoEndpoint: string;
  bucket: string;
  table: string;
  region: string;
  /** The only credentials the emulators accept, made for this run. */
  credentials: Credentials;
  clients: Clients;
  /** s3rver's raw events (every bucket and key, key not URL-encoded). Returns an unsubscribe. */
  onS3Event(listener: (event: S3Event) => void): () => void;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./dynalite-child.mjs', import.meta.url));

interface Child {
  process: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

/** Forks dynalite and waits for its port. */
async function startDynalite(port: number, path: string | undefined, credentials: Credentials, region: string): Promise<Child> {
  const child = fork(CHILD, [], {
    execArgv: [],
    env: {
      ...process.env,
      AOI_DYNALITE_PORT: String(port),
      AOI_DYNALITE_PATH: path ?? '',
      AOI_LOCAL_ACCESS_KEY_ID: credentials.accessKeyId,
      AOI_LOCAL_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AOI_LOCAL_REGION: region,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const msg = await new Promise<{ port?: number; error?: string; code?: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port?: number; error?: string; code?: string }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new LocalStackError(`the DynamoDB emulator (dynalite) exited before it started (code ${code}).`)));
  });
  if (msg.error || msg.port === undefined) {
    child.kill();
    if (msg.code === 'EADDRINUSE') throw new PortInUseError(port, '--dynamo-port', 'DynamoDB emulator');
    if (msg.code === 'LOCKED') {
      throw new LocalStackError(`the data folder ${path} is in use by another \`aoi start\`: stop that one first, or pass --dir <another folder> (or --memory).`);
    }
    throw new LocalStackError(`the DynamoDB emulator (dynalite) could not start: ${msg.error ?? 'no port reported'}.`);
  }
  return {
    process: child,
    port: msg.port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Throws PortInUseError when something already listens on 127.0.0.1:port. */
export async function assertPortFree(port: number, flag: string, what: string): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new PortInUseError(port, flag, what) : err));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve()));
  });
}

export async function startLocalEmulators(options: LocalEmulatorOptions): Promise<LocalEmulators> {
  const { bucket, table, region, memory } = options;
  const tempDir = memory ? await mkdtemp(join(tmpdir(), 'aoi-local-')) : undefined;
  const s3Dir = join(tempDir ?? options.dir, 's3');
  const dynamoDir = memory ? undefined : join(options.dir, 'dynamodb');
  await mkdir(s3Dir, { recursive: true });
  if (dynamoDir) await mkdir(dynamoDir, { recursive: true });

  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };

  const credentials = freshCredentials();
  const allowedOrigins = [...(options.allowedOrigins ?? [])];
  try {
    const dyn = await startDynalite(options.dynamoPort, dynamoDir, credentials, region);
    cleanups.push(() => dyn.stop());
    const dynamoEndpoint = `http://127.0.0.1:${dyn.port}`;

    const s3 = new S3rver({
      address: '127.0.0.1',
      port: options.s3Port,
      silent: true,
      directory: s3Dir,
      configureBuckets: [{ name: bucket, configs: allowedOrigins.length ? [bucketCorsXml(allowedOrigins)] : [] }],
    });
    s3rverAccounts.DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
    cleanups.push(async () => s3rverAccounts.DUMMY_ACCOUNT.revokeAccessKey(credentials.accessKeyId));
    let s3Port = options.s3Port;
    const guard = createS3Guard({
      credentials,
      region,
      allowedOrigins: () => allowedOrigins,
      port: () => s3Port,
      maxFormBytes: MAX_UPLOAD_BYTES + 1024 * 1024,
    });
    // In front of s3rver's routes (Koa composes `middleware` when it starts listening).
    (s3 as unknown as { middleware: unknown[] }).middleware.unshift(guard, decodeAwsChunked);
    // s3rver does not report a failed listen (it surfaces as an uncaught error): probe first.
    if (options.s3Port !== 0) await assertPortFree(options.s3Port, '--s3-port', 'S3 emulator');
    s3Port = (await s3.run()).port;
    if (!allowedOrigins.length) {
      // A bucket kept from an earlier run may carry another CORS rule: no browser at all now.
      await (s3 as unknown as { store: { deleteSubresource(b: string, k: undefined, t: string): Promise<void> } }).store.deleteSubresource(bucket, undefined, 'cors');
    }
    cleanups.push(() => s3.close());
    const s3Endpoint = `http://127.0.0.1:${s3Port}`;

    const clients = createClients({ region, s3Endpoint, dynamoEndpoint, credentials });
    cleanups.push(async () => {
      clients.s3.destroy();
      clients.dynamo.destroy();
    });
    try {
      await clients.dynamo.send(new CreateTableCommand(createTableInput(table)));
    } catch (err) {
      if ((err as { name?: string }).name !== 'ResourceInUseException') throw err;
      // Kept from a previous run, perhaps by an older version: brought up to today's indexes.
      await upgradeEmulatorTable(clients.dynamo, clients.doc, table);
    }

    const emitter = s3 as unknown as EventEmitter;
    let stopped = false;
    return {
      s3Endpoint,
      dynamoEndpoint,
      bucket,
      table,
      region,
      credentials,
      clients,
      onS3Event(listener) {
        emitter.on('event', listener);
        return () => emitter.off('event', listener);
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await cleanup();
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
