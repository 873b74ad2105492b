/**
 * Races and faults of the ingest against the emulators (dynalite + s3rver, real SDK clients over
 * loopback HTTP): after each fault the store (every item of the user, and the report pages) must
 * equal, byte for byte, the store of a clean single run, minus what legitimately differs between
 * two runs: the upload records' `createdAt`/`updatedAt` and the instant a report was generated
 * (masked); attributes are compared in name order (DynamoDB keeps none). The user id (and so the partition and report keys) is replaced by a placeholder, so a
 * faulted user is compared with a clean user of the same uploads.
 *
 * Faults are injected with middleware on a second set of SDK clients (the real emulator underneath):
 * a crash after N BatchWriteItem calls, UnprocessedItems on every batch (half of each batch is
 * really written, the rest handed back as unprocessed), a run killed after it wrote the stats and
 * reports (then given up: the failure handler puts the years back; compared by what every read
 * shows, since the dead run's invisible items stay stored).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { S3Event } from 'aws-lambda';
import { killedAtDoneClients, startEmulators, type Emulators } from '../../helpers/emulators.ts';
import { createIngestHandler } from '../../../functions/ingest.ts';
import { createFailureHandler } from '../../../functions/ingest-failure.ts';
import { createClients, type Clients } from '../../../functions/aws/clients.ts';
import { DynamoAuditStore } from '../../../functions/aws/dynamo-store.ts';
import type { FailureRecord } from '../../../functions/aws/failure-record.ts';
import { buildExport, type ExportRow, type ExportSpec } from '../../helpers/export-builder.ts';
import { s3Event } from '../../helpers/aws-export.ts';

const silent = { info() {}, warn() {}, error() {} };
const TRIALS = 10;

let emu: Emulators;
let userSeq = 0;
const newUser = (tag: string) => `${tag}-${String(++userSeq).padStart(4, '0')}-4000-8000-000000000000`;

/** Rows of 2025, each a distinct minute; some notes, some pitches, some empty. */
function rows(from: number, to: number): ExportRow[] {
  return Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    return {
      direction: i % 4 === 0 ? ('OUTGOING' as const) : ('INCOMING' as const),
      name: `Person Number${i}`,
      message: i % 3 === 0 ? '' : i % 3 === 1 ? `Hi, we help teams like yours with lead generation, offer ${i}. Book a demo?` : `Hi, I enjoyed your talk at DataConf on CSV parsing, part ${i}. Would be glad to connect.`,
      sentAt: `${1 + (i % 6)}/${1 + (i % 27)}/25, ${1 + (i % 11)}:${String(i % 60).padStart(2, '0')} PM`,
    };
  });
}
const MAREN = { first: 'Maren', last: 'Okafor' };
const EXPORT_A: ExportSpec = { owner: MAREN, rows: rows(0, 80), date: '06-30-2025' };
const EXPORT_B: ExportSpec = { owner: MAREN, rows: rows(40, 120), date: '09-30-2025' };
const OTHER_PERSON: ExportSpec = { owner: { first: 'Jonas', last: 'Berg' }, rows: rows(200, 260), date: '06-30-2025' };

const keyOf = (user: string, uploadId: string) => `uploads/${user}/${uploadId}.zip`;

async function put(user: string, uploadId: string, spec: ExportSpec): Promise<S3Event> {
  const file = buildExport(spec);
  const key = keyOf(user, uploadId);
  await emu.clients.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: key, Body: file.data, Metadata: { filename: encodeURIComponent(file.name) } }));
  return s3Event(emu.bucket, [key]) as unknown as S3Event;
}

function ingestWith(clients: Clients) {
  return createIngestHandler({ clients, bucket: emu.bucket, table: emu.table, logger: silent });
}

/** Fresh clients on the same emulators, with `middleware` on DynamoDB (after lib-dynamodb marshalling, before the request is built). */
function faultyClients(middleware: (input: Record<string, unknown>, next: () => Promise<{ output: Record<string, unknown> }>, command: string) => Promise<{ output: Record<string, unknown> }>): Clients {
  const clients = createClients({ region: emu.region, s3Endpoint: emu.s3Endpoint, dynamoEndpoint: emu.dynamoEndpoint, credentials: emu.credentials });
  clients.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      return (await middleware(input, () => next(args) as never, String(context.commandName))) as never;
    },
    { step: 'serialize', priority: 'high', name: 'faultInjection' },
  );
  return clients;
}

const INSTANT = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g;

/** Every item of the user (upload timestamps dropped) and every report page (generation instants masked), user id replaced. */
async function dump(user: string): Promise<string> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await emu.clients.doc.send(
      new QueryCommand({ TableName: emu.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `USER#${user}` }, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const cleaned = items.map((i) => (i.type === 'UPLOAD' ? { ...i, createdAt: undefined, updatedAt: undefined } : i));
  const store = new DynamoAuditStore(emu.clients.doc, emu.table);
  const reports: Record<string, string> = {};
  for (const year of await store.listYears(user)) {
    const out = await emu.clients.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key: `reports/${user}/report-${year}.html` }));
    reports[year] = (await out.Body!.transformToString()).replace(INSTANT, '<instant>');
  }
  // Attributes in name order: DynamoDB keeps no order of attributes (dynalite keeps the order written).
  const ordered = (v: unknown): unknown =>
    v instanceof Set ? [...v].sort() : Array.isArray(v) ? v.map(ordered) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, ordered((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify({ items: cleaned.map(ordered), reports }).split(user).join('<user>');
}

/** What the API would show: verdicts (every page), and the per-year stats totals. */
async function shown(user: string) {
  const store = new DynamoAuditStore(emu.clients.doc, emu.table);
  let verdicts = 0;
  let cursor: string | undefined;
  do {
    const page = await store.queryVerdicts(user, { limit: 100, cursor });
    verdicts += page.items.length;
    cursor = page.cursor ?? undefined;
  } while (cursor);
  let counted = 0;
  for (const year of await store.listYears(user)) {
    const s = (await store.getYearStats(user, year))!;
    counted += s.totals.received + s.totals.sent;
  }
  return { verdicts, counted };
}

const status = async (user: string, uploadId: string) => (await new DynamoAuditStore(emu.clients.doc, emu.table).getUpload(user, uploadId))?.status;

let cleanA: string;
let cleanAB: string;
let cleanBA: string;

beforeAll(async () => {
  emu = await startEmulators();
  const ingest = ingestWith(emu.clients);
  const a = newUser('clean');
  await ingest(await put(a, 'upload-a', EXPORT_A));
  cleanA = await dump(a);
  const ab = newUser('clean');
  await ingest(await put(ab, 'upload-a', EXPORT_A));
  await ingest(await put(ab, 'upload-b', EXPORT_B));
  cleanAB = await dump(ab);
  const ba = newUser('clean');
  await ingest(await put(ba, 'upload-b', EXPORT_B));
  await ingest(await put(ba, 'upload-a', EXPORT_A));
  cleanBA = await dump(ba);
}, 120_000);

afterAll(async () => {
  await emu?.stop();
});

describe('faults: the store equals a clean single run', () => {
  it('the clean runs are what they should be: 80 verdicts shown and counted; two overlapping exports, 120', async () => {
    expect(cleanA).toContain('"status":"DONE"');
    expect(JSON.parse(cleanA).items.filter((i: { type: string }) => i.type === 'VERDICT')).toHaveLength(80);
    expect(JSON.parse(cleanAB).items.filter((i: { type: string }) => i.type === 'VERDICT')).toHaveLength(120);
  });

  it('the same S3 event 3 times, at once and then again', async () => {
    const user = newUser('dup');
    const event = await put(user, 'upload-a', EXPORT_A);
    const ingest = ingestWith(emu.clients);
    await Promise.all([ingest(event), ingest(event), ingest(event)]);
    expect(await dump(user)).toBe(cleanA);
    await ingest(event);
    expect(await dump(user)).toBe(cleanA);
  });

  it('a crash after N batch writes, then the retry', async () => {
    for (const n of [1, 2]) {
      const user = newUser('crash');
      const event = await put(user, 'upload-a', EXPORT_A);
      let batches = 0;
      const crashing = faultyClients(async (input, next, command) => {
        if (command === 'BatchWriteItemCommand' && ++batches > n) throw Object.assign(new Error('connection reset'), { name: 'TimeoutError' });
        return next();
      });
      await expect(ingestWith(crashing)(event)).rejects.toThrow();
      expect(await status(user, 'upload-a')).toBe('FAILED');
      // What was written is invisible: nothing shown, nothing counted.
      expect(await shown(user)).toEqual({ verdicts: 0, counted: 0 });
      await ingestWith(emu.clients)(event);
      expect(await dump(user), `crash after ${n}`).toBe(cleanA);
    }
  });

  it('throttling: UnprocessedItems on every batch (half of each really written)', async () => {
    const user = newUser('throttle');
    const event = await put(user, 'upload-a', EXPORT_A);
    let throttled = 0;
    const throttling = faultyClients(async (input, next, command) => {
      if (command !== 'BatchWriteItemCommand') return next();
      const requestItems = input.RequestItems as Record<string, unknown[]>;
      const [table, requests] = Object.entries(requestItems)[0]!;
      const keep = Math.ceil(requests.length / 2);
      const rest = requests.slice(keep);
      input.RequestItems = { [table]: requests.slice(0, keep) };
      const result = await next();
      if (rest.length) {
        throttled++;
        result.output.UnprocessedItems = { [table]: rest };
      }
      return result;
    });
    const out = await ingestWith(throttling)(event);
    expect(out.results[0]).toMatchObject({ status: 'DONE' });
    expect(throttled).toBeGreaterThan(3);
    expect(await dump(user)).toBe(cleanA);
  });

  it('two overlapping exports of one user at once: the store of one of the two clean orders', async () => {
    const user = newUser('overlap');
    const [ea, eb] = [await put(user, 'upload-a', EXPORT_A), await put(user, 'upload-b', EXPORT_B)];
    await Promise.all([ingestWith(emu.clients)(ea), ingestWith(emu.clients)(eb)]);
    expect([cleanAB, cleanBA]).toContain(await dump(user));
    expect(await shown(user)).toEqual({ verdicts: 120, counted: 120 });
  });
});

/** What every read shows of the user (verdicts, coverages, years, stats, report pages), user id replaced: a failed upload's invisible items left out. */
async function visibleDump(user: string): Promise<string> {
  const store = new DynamoAuditStore(emu.clients.doc, emu.table);
  const verdicts: unknown[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.queryVerdicts(user, { limit: 100, cursor });
    verdicts.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  const years = await store.listYears(user);
  const reports: Record<string, string | null> = {};
  for (const year of [...years, 2024, 2026]) {
    reports[year] = await emu.clients.s3
      .send(new GetObjectCommand({ Bucket: emu.bucket, Key: `reports/${user}/report-${year}.html` }))
      .then(async (out) => (await out.Body!.transformToString()).replace(INSTANT, '<instant>'))
      .catch((err: { name?: string }) => (err.name === 'NoSuchKey' ? null : Promise.reject(err)));
  }
  const ordered = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(ordered) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, ordered((v as Record<string, unknown>)[k])])) : v;
  const stats = await Promise.all(years.map((y) => store.getYearStats(user, y)));
  const coverages = (await store.listCoverages(user)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return JSON.stringify(ordered({ verdicts, coverages, years, stats, reports })).split(user).join('<user>');
}

/** The on-failure destination record of an event Lambda gave up on (out of memory on every attempt), as the failure queue delivers it. */
const givenUp = (event: S3Event) => ({
  Records: [
    {
      messageId: 'm1',
      body: JSON.stringify({
        requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
        requestPayload: event,
        responseContext: { functionError: 'Unhandled' },
        responsePayload: { errorType: 'Runtime.OutOfMemory', errorMessage: 'Runtime exited with error: signal: killed' },
      } satisfies FailureRecord),
    },
  ],
});

describe('faults: a run killed after it wrote stats and reports, then given up, is counted nowhere (issue 13)', () => {
  const failureHandler = () => createFailureHandler({ clients: emu.clients, bucket: emu.bucket, table: emu.table, logger: silent });
  let cleanVisibleA: string;
  let cleanVisibleNone: string;
  beforeAll(async () => {
    const a = newUser('cleanvis');
    await ingestWith(emu.clients)(await put(a, 'upload-a', EXPORT_A));
    cleanVisibleA = await visibleDump(a);
    cleanVisibleNone = await visibleDump(newUser('empty'));
  }, 60_000);

  it('the first upload of an account: after the give-up no stats, no report, no coverage, as if it never happened', async () => {
    const user = newUser('giveup');
    const event = await put(user, 'upload-a', EXPORT_A);
    await expect(ingestWith(killedAtDoneClients(emu))(event)).rejects.toThrow();
    // The crash window: stats and a report that count verdicts nobody can see.
    expect(await shown(user)).toEqual({ verdicts: 0, counted: 80 });
    expect(await status(user, 'upload-a')).toBe('PROCESSING');
    expect(await failureHandler()(givenUp(event) as never)).toEqual({ batchItemFailures: [] });
    expect(await status(user, 'upload-a')).toBe('FAILED');
    expect(await shown(user)).toEqual({ verdicts: 0, counted: 0 });
    expect(await visibleDump(user)).toBe(cleanVisibleNone);
    // The upload is kept; a new event of it commits as a clean run does.
    await ingestWith(emu.clients)(event);
    expect(await visibleDump(user)).toBe(cleanVisibleA);
  });

  it("the first upload of an account, given up, leaves no owner: someone else's export is then accepted", async () => {
    const user = newUser('giveup');
    const event = await put(user, 'upload-a', EXPORT_A);
    await expect(ingestWith(killedAtDoneClients(emu))(event)).rejects.toThrow();
    const store = new DynamoAuditStore(emu.clients.doc, emu.table);
    expect((await store.getOwner(user))!.name).toBe('Maren Okafor'); // claimed by the dead run
    expect(await failureHandler()(givenUp(event) as never)).toEqual({ batchItemFailures: [] });
    expect(await store.getOwner(user)).toBeNull();
    await ingestWith(emu.clients)(await put(user, 'upload-jonas', OTHER_PERSON));
    expect(await status(user, 'upload-jonas')).toBe('DONE');
    expect((await store.getOwner(user))!.name).toBe('Jonas Berg');
    expect(await shown(user)).toEqual({ verdicts: 60, counted: 60 });
  });

  it('after a committed upload of the same year: stats and report go back to exactly those of that upload', async () => {
    const user = newUser('giveup');
    await ingestWith(emu.clients)(await put(user, 'upload-a', EXPORT_A));
    const event = await put(user, 'upload-b', EXPORT_B);
    await expect(ingestWith(killedAtDoneClients(emu))(event)).rejects.toThrow();
    expect(await shown(user)).toEqual({ verdicts: 80, counted: 120 });
    expect(await failureHandler()(givenUp(event) as never)).toEqual({ batchItemFailures: [] });
    expect(await status(user, 'upload-b')).toBe('FAILED');
    expect(await shown(user)).toEqual({ verdicts: 80, counted: 80 });
    expect(await visibleDump(user)).toBe(cleanVisibleA);
    // A second delivery of the same record (the queue's retry) changes nothing.
    expect(await failureHandler()(givenUp(event) as never)).toEqual({ batchItemFailures: [] });
    expect(await visibleDump(user)).toBe(cleanVisibleA);
    // The committed upload keeps the owner: someone else's export is still refused.
    await ingestWith(emu.clients)(await put(user, 'upload-jonas', OTHER_PERSON));
    expect((await new DynamoAuditStore(emu.clients.doc, emu.table).getUpload(user, 'upload-jonas'))).toMatchObject({ status: 'FAILED', errorCode: 'owner_mismatch' });
    expect(await shown(user)).toEqual({ verdicts: 80, counted: 80 });
  });
});

describe('races, run concurrently against the emulators', () => {
  it(`two people's exports into one empty account at once: exactly one DONE, the other FAILED naming both, nothing doubled (${TRIALS} trials)`, async () => {
    const outcomes: string[] = [];
    for (let t = 0; t < TRIALS; t++) {
      const user = newUser('owners');
      const [em, ej] = [await put(user, 'upload-maren', EXPORT_A), await put(user, 'upload-jonas', OTHER_PERSON)];
      await Promise.all([ingestWith(emu.clients)(em), ingestWith(emu.clients)(ej)]);
      const store = new DynamoAuditStore(emu.clients.doc, emu.table);
      const [m, j] = [(await store.getUpload(user, 'upload-maren'))!, (await store.getUpload(user, 'upload-jonas'))!];
      expect([m.status, j.status].sort(), `trial ${t}`).toEqual(['DONE', 'FAILED']);
      const [done, failed] = m.status === 'DONE' ? [m, j] : [j, m];
      expect(failed.errorCode).toBe('owner_mismatch');
      expect(failed.message).toMatch(/Maren Okafor/);
      expect(failed.message).toMatch(/Jonas Berg/);
      const rowsOfDone = done === m ? 80 : 60;
      expect(await shown(user), `trial ${t}`).toEqual({ verdicts: rowsOfDone, counted: rowsOfDone });
      outcomes.push(done === m ? 'maren' : 'jonas');
    }
    console.log(`owner race: ${TRIALS} trials, first in: ${JSON.stringify(outcomes)}`);
  }, 300_000);

  it(`overlapping ingests of one user: stats always equal what the stored verdicts say (${TRIALS} trials)`, async () => {
    for (let t = 0; t < TRIALS; t++) {
      const user = newUser('stats');
      const [ea, eb] = [await put(user, 'upload-a', EXPORT_A), await put(user, 'upload-b', EXPORT_B)];
      await Promise.all([ingestWith(emu.clients)(ea), ingestWith(emu.clients)(eb)]);
      expect(await shown(user), `trial ${t}`).toEqual({ verdicts: 120, counted: 120 });
    }
  }, 300_000);
});
