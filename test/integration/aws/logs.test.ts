/**
 * No personal data in logs: an ingest (done, refused for being someone else's export, unreadable,
 * failing on storage), API calls (served, refused, failing) and a deletion, with every log line
 * captured from the real handlers on the emulators; no line may carry a name, a profile URL, a
 * note or a file name a user typed. Ids, counts and error codes are what the logs are for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { startEmulators, type Emulators } from '../../helpers/emulators.ts';
import { apiEvent } from '../../helpers/api-event.ts';
import { buildExport, slugOf, type ExportSpec } from '../../helpers/export-builder.ts';
import { createIngestHandler } from '../../../functions/ingest.ts';
import { createApiHandler } from '../../../functions/api.ts';
import type { LogSink } from '../../../functions/audit/ports.ts';
import { s3Event } from '../../helpers/aws-export.ts';

const USER = '5e1f0c4a-0000-4000-8000-00000000logs';

const MINE: ExportSpec = {
  owner: { first: 'Henrietta', last: 'Quillfeather' },
  rows: [
    { direction: 'INCOMING', name: 'Bartholomew Ashdown', message: 'Hi Henrietta, we sell the best CRM on the market, 30% off this month. Interested in a demo call?' },
    { direction: 'INCOMING', name: 'Oona Vasquez-Pelletier', message: 'Hallo Henni, ich habe deinen Vortrag über Streaming auf der DataConf gesehen und würde mich gern vernetzen.' },
    { direction: 'OUTGOING', name: 'Cornelius Ravensworth', message: 'Hi Cornelius, your article on idempotent handlers fixed a bug of ours. Glad to connect.' },
    { direction: 'INCOMING', name: 'Philippa Drummond', message: '' },
  ],
};
const SOMEONE_ELSE: ExportSpec = {
  owner: { first: 'Ignatius', last: 'Fairweather' },
  rows: [{ direction: 'INCOMING', name: 'Marguerite Oyelaran', message: 'Bonjour Ignatius, je cherche un poste de stagiaire dans votre équipe.' }],
};

/** Every word of every name (3+ letters), profile slug, note fragment and typed file name: none may be logged. */
function secrets(specs: ExportSpec[], fileNames: string[]): string[] {
  const out = new Set<string>();
  for (const spec of specs) {
    const names = [`${spec.owner.first} ${spec.owner.last}`, ...spec.rows.map((r) => r.name)];
    for (const name of names) {
      out.add(slugOf(name));
      for (const part of name.split(/[\s-]+/)) if (part.length >= 3) out.add(part.toLowerCase());
    }
    for (const r of spec.rows) if (r.message) out.add(r.message.slice(0, 24).toLowerCase());
  }
  for (const f of fileNames) out.add(f.toLowerCase());
  return [...out];
}

let emu: Emulators;
const lines: string[] = [];
const capture: LogSink = {
  info: (m, ...extra) => void lines.push(`INFO ${m} ${JSON.stringify(extra)}`),
  warn: (m, ...extra) => void lines.push(`WARN ${m} ${JSON.stringify(extra)}`),
  error: (m, ...extra) => void lines.push(`ERROR ${m} ${JSON.stringify(extra)}`),
};

beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(() => emu?.stop());

describe('logs', () => {
  it('carry ids, counts and codes, never a name, note, profile URL or typed file name', async () => {
    const ingest = createIngestHandler({ clients: emu.clients, bucket: emu.bucket, table: emu.table, logger: capture });
    const api = createApiHandler({ clients: emu.clients, bucket: emu.bucket, table: emu.table, logger: capture });
    const put = async (name: string, body: Uint8Array | string) => {
      const key = `uploads/${USER}/${name}`;
      await emu.clients.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: key, Body: typeof body === 'string' ? Buffer.from(body) : body }));
      return ingest(s3Event(emu.bucket, [key]) as unknown as S3Event).catch((err: unknown) => err);
    };
    const files = ['Henrietta Quillfeather export.zip', 'Ignatius Fairweather backup.zip', 'Quillfeather broken.zip'];

    expect(await put(files[0]!, buildExport(MINE).data)).toMatchObject({ results: [{ status: 'DONE' }] });
    expect(await put(files[1]!, buildExport(SOMEONE_ELSE).data)).toMatchObject({ results: [{ status: 'FAILED' }] });
    expect(await put(files[2]!, 'not a zip')).toMatchObject({ results: [{ status: 'FAILED' }] });
    // A storage failure (no such table): the error is logged, by name and code.
    const broken = createIngestHandler({ clients: emu.clients, bucket: emu.bucket, table: 'no-such-table', logger: capture });
    await expect(broken(s3Event(emu.bucket, [`uploads/${USER}/${files[0]}`]) as unknown as S3Event)).rejects.toThrow();
    const brokenApi = createApiHandler({ clients: emu.clients, bucket: emu.bucket, table: 'no-such-table', logger: capture });
    expect((await brokenApi(apiEvent(USER, 'GET', '/years'))).statusCode).toBe(500);

    for (const [method, path] of [['GET', '/years'], ['GET', '/verdicts'], ['GET', '/stats/2026'], ['GET', '/stats/1999'], ['DELETE', '/data']] as const) {
      expect((await api(apiEvent(USER, method, path))).statusCode, path).toBeLessThan(500);
    }

    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(lines.some((l) => l.includes(USER))).toBe(true); // ids are there
    expect(lines.some((l) => /"code":/.test(l))).toBe(true); // and error codes
    const text = lines.join('\n').toLowerCase();
    const leaked = secrets([MINE, SOMEONE_ELSE], files).filter((s) => text.includes(s));
    expect(leaked, lines.join('\n')).toEqual([]);
  });
});
