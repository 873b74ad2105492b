/**
 * The sample exports (sample-data/) through the AWS pipeline against the emulators: the counts of
 * sample-data/manifest.json come out of the API, and two exports of one owner uploaded in either
 * order end in the same stored state as the in-memory merge (newest export's reading wins).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { startEmulators, type Emulators } from '../../helpers/emulators.ts';
import { createIngestHandler, type IngestHandler } from '../../../functions/ingest.ts';
import { createApiHandler, type ApiHandler } from '../../../functions/api.ts';
import { auditExport, mergeAudits } from '../../../functions/audit/audit.ts';
import type { ClassifiedRequest } from '../../../functions/audit/model.ts';
import type { YearStats } from '../../../functions/audit/stats/index.ts';
import { s3Event } from '../../helpers/aws-export.ts';
import { sampleFile } from '../../helpers/sample-data.ts';
import { apiEvent } from '../../helpers/api-event.ts';

const dir = new URL('../../../sample-data/', import.meta.url);
const OLD = 'Basic_LinkedInDataExport_07-02-2025.zip';
const NEW = 'Basic_LinkedInDataExport_01-06-2026.zip';
const CSV = 'Invitations.csv';
const present = [OLD, NEW, CSV, 'manifest.json'].every((f) => existsSync(new URL(f, dir)));
if (!present) throw new Error('sample-data/ is incomplete: run `npm run sample-data`');

let emu: Emulators;
let ingest: IngestHandler;
let api: ApiHandler;
const silent = { info() {}, warn() {}, error() {} };

async function get(sub: string, path: string, query?: Record<string, string>) {
  const res = await api(apiEvent(sub, 'GET', path, query));
  return { status: res.statusCode, json: JSON.parse(res.body!) };
}

async function upload(sub: string, file: string) {
  const key = `uploads/${sub}/${file}`;
  await emu.clients.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: key, Body: readFileSync(new URL(file, dir)) }));
  const { results } = await ingest(s3Event(emu.bucket, [key]) as unknown as S3Event);
  expect(results[0]!.status, file).toBe('DONE');
}

async function verdicts(sub: string): Promise<ClassifiedRequest[]> {
  const out: ClassifiedRequest[] = [];
  let cursor: string | null = null;
  do {
    const res = await get(sub, '/verdicts', cursor ? { limit: '100', cursor } : { limit: '100' });
    out.push(...res.json.items);
    cursor = res.json.cursor;
  } while (cursor);
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

beforeAll(async () => {
  emu = await startEmulators();
  const deps = { clients: emu.clients, bucket: emu.bucket, table: emu.table, logger: silent };
  ingest = createIngestHandler(deps);
  api = createApiHandler(deps);
});
afterAll(async () => {
  await emu?.stop();
});

describe('sample-data through the AWS pipeline', () => {
  const of = sampleFile;

  it('one export: the manifest counts, year by year', async () => {
    for (const file of [OLD, CSV]) {
      const sub = `one-${file}`.replace(/[^\w-]/g, '-');
      await upload(sub, file);
      const m = of(file);
      const years = (await get(sub, '/years')).json.years as number[];
      expect(years).toEqual(Object.keys(m.byYear).map(Number).sort());
      let received = 0;
      let sent = 0;
      let withNote = 0;
      for (const year of years) {
        const stats = (await get(sub, `/stats/${year}`)).json as YearStats;
        expect(stats.totals.received + stats.totals.sent, `${file} ${year}`).toBe(m.byYear[year]);
        received += stats.totals.received;
        sent += stats.totals.sent;
        withNote += stats.totals.withNote;
      }
      expect({ received, sent }).toEqual({ received: m.incoming, sent: m.outgoing });
      // "With a note" is the classifier's call (LinkedIn's stock text is no note): at most the raw count,
      // and exactly the stored verdicts that are not no_message.
      expect(withNote).toBeLessThanOrEqual(m.withNote);
      expect(withNote).toBe((await verdicts(sub)).filter((v) => v.category !== 'no_message').length);
      expect((await get(sub, '/reports/' + years.at(-1))).status).toBe(200);
    }
  });

  it('two exports of one owner, in either upload order, equal the in-memory merge', async () => {
    await upload('chrono', OLD);
    await upload('chrono', NEW);
    await upload('reverse', NEW);
    await upload('reverse', OLD);

    const merged = mergeAudits([
      await auditExport({ name: OLD, path: new URL(OLD, dir).pathname }),
      await auditExport({ name: NEW, path: new URL(NEW, dir).pathname }),
    ]);
    const chrono = await verdicts('chrono');
    const reverse = await verdicts('reverse');
    expect(chrono.map((v) => v.id)).toEqual(merged.requests.map((r) => r.id).sort());
    expect(reverse).toEqual(chrono);
    const outcome = new Map(merged.requests.map((r) => [r.id, r.outcome]));
    for (const v of reverse) expect(v.outcome, v.counterpart.name).toBe(outcome.get(v.id));

    const years = [...new Set(merged.requests.map((r) => r.year))].sort();
    expect((await get('reverse', '/years')).json.years).toEqual(years);
    for (const year of years) {
      const a = (await get('chrono', `/stats/${year}`)).json as YearStats;
      const b = (await get('reverse', `/stats/${year}`)).json as YearStats;
      expect(b.totals).toEqual(a.totals);
      expect(b.sentAcceptance).toEqual(a.sentAcceptance);
      expect(a.totals.received + a.totals.sent).toBe(merged.requests.filter((r) => r.year === year).length);
    }
  });
});
