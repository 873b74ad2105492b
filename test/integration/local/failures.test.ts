/**
 * The local stack ends a crashed or overlong ingest FAILED, as the AWS pipeline does: the S3-event
 * bridge gives each attempt a time budget (handed to the handler as its remaining time) and, after
 * the retries, passes an on-failure destination record to the same failure handler
 * (functions/app/ingest-failure.ts), against the emulators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { killedAtDoneClients, startEmulators, type Emulators } from '../../helpers/emulators.ts';
import { createS3EventBridge, type BridgeLogEntry } from '../../../local/bridge.ts';
import { markEventFailed } from '../../../functions/app/ingest-failure.ts';
import { failedEventOf } from '../../../functions/aws/failure-record.ts';
import { createIngestHandler } from '../../../functions/ingest.ts';
import { DynamoAuditStore } from '../../../functions/aws/dynamo-store.ts';
import { S3BlobStore } from '../../../functions/aws/s3-blobs.ts';
import { buildExport } from '../../helpers/export-builder.ts';

const USER = 'c0ffee00-0000-4000-8000-000000000001';
const silent = { info() {}, warn() {}, error() {} };
let emu: Emulators;
let store: DynamoAuditStore;

beforeAll(async () => {
  emu = await startEmulators();
  store = new DynamoAuditStore(emu.clients.doc, emu.table);
});
afterAll(async () => {
  await emu?.stop();
});

async function upload(uploadId: string, user = USER): Promise<S3Event> {
  const file = buildExport({ owner: { first: 'Maren', last: 'Okafor' }, rows: [{ direction: 'INCOMING', name: 'Ines Paredes', message: 'Hi, book a demo of our lead generation tool?' }] });
  const key = `uploads/${user}/${uploadId}.zip`;
  await emu.clients.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: key, Body: file.data, Metadata: { filename: encodeURIComponent(file.name) } }));
  return { Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: emu.bucket }, object: { key, size: file.data.length } } }] } as unknown as S3Event;
}

function bridge(invoke: Parameters<typeof createS3EventBridge>[0]['invoke'], timeoutMs: number, log: BridgeLogEntry[] = []) {
  return createS3EventBridge({
    region: emu.region,
    invoke,
    retries: 1,
    backoffMs: 10,
    timeoutMs,
    onGiveUp: (record) => markEventFailed({ store, blobs: new S3BlobStore(emu.clients.s3, emu.bucket), logger: silent, timeoutMs }, failedEventOf(record)),
    log: (e) => log.push(e),
  });
}

describe('local stack: a crashed ingest ends FAILED', () => {
  it('an ingest that throws on every attempt: FAILED after the retries, saying it was given up', async () => {
    const log: BridgeLogEntry[] = [];
    const b = bridge(async () => {
      throw new Error('the process crashed');
    }, 5_000, log);
    b.handle(await upload('crash'));
    await b.idle();
    expect(log.map((e) => e.outcome)).toEqual(['retry', 'failed']);
    const record = (await store.getUpload(USER, 'crash'))!;
    expect(record).toMatchObject({ status: 'FAILED', errorCode: 'INTERNAL' });
    expect(record.message).toMatch(/failed on our side on every attempt and was given up/);
  });

  it('an ingest past the time budget: the attempt times out like a Lambda, and the upload ends FAILED, out of time', async () => {
    const b = bridge(() => new Promise(() => {}), 150);
    b.handle(await upload('hang'));
    await b.idle();
    const record = (await store.getUpload(USER, 'hang'))!;
    expect(record).toMatchObject({ status: 'FAILED', errorCode: 'timeout' });
    expect(record.message).toMatch(/ran out of time/);
  });

  it('the real handler under a budget it cannot meet: its watchdog ends it FAILED first, without a retry', async () => {
    const log: BridgeLogEntry[] = [];
    const ingest = createIngestHandler({ clients: emu.clients, bucket: emu.bucket, table: emu.table, logger: silent });
    const b = bridge(ingest, 1_000, log);
    b.handle(await upload('budget'));
    await b.idle();
    expect(log.map((e) => e.outcome)).toEqual(['ok']);
    const record = (await store.getUpload(USER, 'budget'))!;
    expect(record).toMatchObject({ status: 'FAILED', errorCode: 'timeout' });
    expect(record.message).toMatch(/ran out of time/);
    expect((await store.queryVerdicts(USER, { limit: 10 })).items).toEqual([]);
  });

  it('a run killed after it wrote the stats and the report, on every attempt: once given up, no stats, no report (issue 13)', async () => {
    const user = 'c0ffee00-0000-4000-8000-000000000013';
    const log: BridgeLogEntry[] = [];
    // The run dies at its DONE write, as one killed for memory right after refreshing the years;
    // no retry (a retry would wait for the dead run's lease), the give-up at once.
    const ingest = createIngestHandler({ clients: killedAtDoneClients(emu), bucket: emu.bucket, table: emu.table, logger: silent });
    const b = createS3EventBridge({
      region: emu.region,
      invoke: ingest,
      retries: 0,
      timeoutMs: 60_000,
      onGiveUp: (record) => markEventFailed({ store, blobs: new S3BlobStore(emu.clients.s3, emu.bucket), logger: silent, lease: { leaseWaitMs: 2_000 } }, failedEventOf(record)),
      log: (e) => log.push(e),
    });
    b.handle(await upload('killed', user));
    await b.idle();
    expect(log.map((e) => e.outcome)).toEqual(['failed']);
    expect((await store.getUpload(user, 'killed'))!).toMatchObject({ status: 'FAILED', errorCode: 'INTERNAL', pendingYears: [2026] });
    expect(await store.listYears(user)).toEqual([]);
    expect(await store.listCoverages(user)).toEqual([]);
    expect((await store.queryVerdicts(user, { limit: 10 })).items).toEqual([]);
    await expect(emu.clients.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key: `reports/${user}/report-2026.html` }))).rejects.toMatchObject({ name: 'NoSuchKey' });
  });
});
