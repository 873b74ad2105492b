/**
 * What one ingest asks of storage, against the emulators (real DynamoDB adapter on dynalite, real
 * S3 adapter on s3rver): the stored verdicts of all affected years are read back once per ingest
 * (not once per year), the stats still count verdicts stored by an earlier export, and a repeated
 * event sends no verdict writes at all. Requests are counted on the real SDK clients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startEmulators, type Emulators } from '../../helpers/emulators.ts';
import { DynamoAuditStore } from '../../../functions/aws/dynamo-store.ts';
import { S3BlobStore } from '../../../functions/aws/s3-blobs.ts';
import { ingestUpload, type IngestTimings } from '../../../functions/app/ingest-upload.ts';
import { parseUploadKey } from '../../../functions/aws/keys.ts';
import type { AuditStore } from '../../../functions/audit/ports.ts';
import { ROWS, invitationsCsv } from '../../helpers/aws-export.ts';

let emu: Emulators;
const sent: Record<string, number> = {};

beforeAll(async () => {
  emu = await startEmulators();
  emu.clients.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const op = String(context.commandName ?? '').replace(/Command$/, '');
      sent[op] = (sent[op] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
});

afterAll(async () => {
  await emu?.stop();
});

/** The real store, with calls of its methods counted (every call goes through to dynalite). */
function countingStore(store: DynamoAuditStore): { store: AuditStore; calls: Record<string, unknown[][]> } {
  const calls: Record<string, unknown[][]> = {};
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        (calls[String(prop)] ??= []).push(args);
        return value.apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

async function upload(userId: string, name: string, csv: string) {
  const key = `uploads/${userId}/${name}.csv`;
  await emu.clients.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: key, Body: Buffer.from(csv) }));
  return parseUploadKey(key)!;
}

function reset() {
  for (const k of Object.keys(sent)) delete sent[k];
}

describe('storage traffic of one ingest', () => {
  it('reads the stored verdicts of all affected years once, and the stats still count earlier exports', async () => {
    const userId = 'io-user';
    const years = [...new Set(ROWS.map((r) => r.year))].sort();
    expect(years.length).toBeGreaterThan(1);
    const real = new DynamoAuditStore(emu.clients.doc, emu.table);
    const blobs = new S3BlobStore(emu.clients.s3, emu.bucket);

    // An earlier export had one more CR (the first row); the new export has the others.
    const [first, ...rest] = ROWS;
    const earlier = await upload(userId, 'earlier', invitationsCsv([first!]));
    expect((await ingestUpload({ store: real, blobs }, earlier)).status).toBe('DONE');

    const { store, calls } = countingStore(real);
    let logged: Record<string, unknown> | undefined;
    const logger = { info: (m: string, e?: Record<string, unknown>) => void (m === 'ingest done' && (logged = e)), warn() {}, error() {} };
    const outcome = await ingestUpload({ store, blobs, logger }, await upload(userId, 'later', invitationsCsv(rest)));
    expect(outcome.status).toBe('DONE');

    expect(calls.listVerdictsOfYears).toEqual([[userId, years, { include: 'later' }]]); // the upload being committed counts
    expect(calls.putYearStats?.map(([, stats]) => (stats as { year: number }).year)).toEqual(years);

    // Recomputed from what is stored: the CR of the earlier export is counted in its year.
    const stats = await real.getYearStats(userId, first!.year);
    const inYear = ROWS.filter((r) => r.year === first!.year);
    expect(stats!.totals.received + stats!.totals.sent).toBe(inYear.length);
    expect(stats!.totals.received).toBe(inYear.filter((r) => r.direction === 'INCOMING').length);

    // The log of the run says where the time went, phase by phase.
    const timings = logged?.timings as IngestTimings;
    for (const phase of ['readClassifyMs', 'writeVerdictsMs', 'readVerdictsMs', 'statsMs', 'renderMs', 'storeReportsMs'] as const) {
      expect(timings[phase]).toBeGreaterThanOrEqual(0);
    }
  });

  it('a repeated event writes no verdicts and reads the stored ones twice in all (before writing, for the stats)', async () => {
    const userId = 'io-repeat';
    const store = new DynamoAuditStore(emu.clients.doc, emu.table);
    const blobs = new S3BlobStore(emu.clients.s3, emu.bucket);
    const target = await upload(userId, 'export', invitationsCsv());
    reset();
    expect((await ingestUpload({ store, blobs }, target)).status).toBe('DONE');
    expect(sent.BatchWriteItem).toBe(Math.ceil(ROWS.length / 25));
    const firstRun = { ...sent };

    reset();
    const before = await store.listVerdictsOfYears(userId, [...new Set(ROWS.map((r) => r.year))]);
    reset();
    expect((await ingestUpload({ store, blobs }, target)).status).toBe('DONE');
    expect(sent.BatchWriteItem).toBeUndefined();
    // Same verdict queries as the first run (one before writing, one to recompute the stats), no more.
    expect(sent.Query).toBe(firstRun.Query);
    expect(await store.listVerdictsOfYears(userId, [...before.keys()])).toEqual(before);
  });
});
