/**
 * In-process S3 (s3rver) and DynamoDB (dynalite) emulators on free loopback ports, with the
 * project's bucket (CORS configured for the upload page) and table (createTableInput) created,
 * and SDK clients from the shared factory pointed at them.
 *
 *   const emu = await startEmulators();           // memory DynamoDB, temp dir for S3
 *   await emu.clients.s3.send(...); ...; await emu.stop();
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { S3Event } from 'aws-lambda';
import { createClients, type Clients } from '../../functions/aws/clients.ts';
import { createTableInput } from '../../functions/aws/table.ts';

export interface EmulatorOptions {
  /** DynamoDB in memory (default true). When false, dynalite persists under `<dir>/dynamodb`. */
  memory?: boolean;
  /** Where s3rver (and an on-disk dynalite) keep data. Default: a fresh temp dir removed by stop(). */
  dir?: string;
  bucket?: string;
  table?: string;
  region?: string;
}

export interface Emulators {
  s3Endpoint: string;
  dynamoEndpoint: string;
  bucket: string;
  table: string;
  region: string;
  clients: Clients;
  /** Subscribe to s3rver's S3-shaped events (raw, unfiltered, keys NOT URL-encoded). Returns an unsubscribe. */
  onS3Event(listener: (event: S3Event) => void): () => void;
  stop(): Promise<void>;
}

export const UPLOAD_CORS_XML =
  '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin>' +
  '<AllowedMethod>PUT</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>' +
  '<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>';

export async function startEmulators(options: EmulatorOptions = {}): Promise<Emulators> {
  const memory = options.memory ?? true;
  const bucket = options.bucket ?? 'aoi-local';
  const table = options.table ?? 'aoi-local';
  const region = options.region ?? 'us-east-1';
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'aoi-emu-')));

  const dyn: Server = dynalite(memory ? { createTableMs: 0 } : { createTableMs: 0, path: join(dir, 'dynamodb') });
  await new Promise<void>((resolve, reject) => {
    dyn.once('error', reject);
    dyn.listen(0, '127.0.0.1', () => resolve());
  });
  const dynamoEndpoint = `http://127.0.0.1:${(dyn.address() as AddressInfo).port}`;

  const s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: join(dir, 's3'),
    configureBuckets: [{ name: bucket, configs: [UPLOAD_CORS_XML] }],
  });
  let s3Port: number;
  try {
    s3Port = (await s3.run()).port;
  } catch (err) {
    await new Promise<void>((r) => dyn.close(() => r()));
    throw err;
  }
  const s3Endpoint = `http://127.0.0.1:${s3Port}`;

  const clients = createClients({ region, s3Endpoint, dynamoEndpoint });
  try {
    await clients.dynamo.send(new CreateTableCommand(createTableInput(table)));
  } catch (err) {
    if ((err as { name?: string }).name !== 'ResourceInUseException') throw err; // persisted table
  }

  const emitter = s3 as unknown as EventEmitter;
  let stopped = false;
  return {
    s3Endpoint,
    dynamoEndpoint,
    bucket,
    table,
    region,
    clients,
    onS3Event(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clients.s3.destroy();
      clients.dynamo.destroy();
      await s3.close();
      await new Promise<void>((resolve) => dyn.close(() => resolve()));
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
