/**
 * The AWS pipeline end to end against the emulators (s3rver + dynalite, real SDK clients over
 * loopback HTTP): an export lands in S3, the ingest handler gets a real-shaped S3 event (keys with
 * spaces, `+` and Unicode, URL-encoded as S3 does), and the API handler answers with the right
 * stats, verdicts and report link. Repeated events and re-uploads change nothing; an undecodable
 * upload ends FAILED with a readable message and the object kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadObjectCommand, ListObjectsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { S3Event } from 'aws-lambda';
import { startEmulators, type Emulators } from '../../helpers/emulators.ts';
import { createIngestHandler, type IngestHandler } from '../../../functions/ingest.ts';
import { createApiHandler, type ApiEvent, type ApiHandler } from '../../../functions/api.ts';
import { CATEGORIES, type ClassifiedRequest } from '../../../functions/audit/model.ts';
import type { YearStats } from '../../../functions/audit/stats/index.ts';
import { EXPORT_NAME, exportZip, expected, invitationsCsv, OWNER, ROWS, s3Event } from '../../helpers/aws-export.ts';
import { apiEvent } from '../../helpers/api-event.ts';

const silent = { info() {}, warn() {}, error() {} };
const USER_A = 'a1b2c3d4-0000-4000-8000-00000000000a';
const USER_B = 'b1b2c3d4-0000-4000-8000-00000000000b';
const KEY_A = `uploads/${USER_A}/My LinkedIn export é+1.zip`;
const KEY_B = `uploads/${USER_B}/Invitations (copy) ü.csv`;

let emu: Emulators;
let ingest: IngestHandler;
let api: ApiHandler;
let deps: Parameters<typeof createApiHandler>[0];

async function call(sub: string | null, method: string, path: string, query?: Record<string, string>, body?: unknown) {
  const res = await api(apiEvent(sub, method, path, query, body));
  return { status: res.statusCode!, type: res.headers?.['content-type'], json: JSON.parse(res.body ?? 'null') };
}

async function putObject(key: string, body: Uint8Array | string) {
  await emu.clients.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: key, Body: typeof body === 'string' ? Buffer.from(body) : body }));
}

async function allVerdicts(sub: string, query: Record<string, string>): Promise<(ClassifiedRequest & { unsure: boolean })[]> {
  const items: (ClassifiedRequest & { unsure: boolean })[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const res = await call(sub, 'GET', '/verdicts', cursor ? { ...query, cursor } : query);
    expect(res.status).toBe(200);
    expect(res.json.items.length).toBeLessThanOrEqual(Number(query.limit ?? 25));
    items.push(...res.json.items);
    cursor = res.json.cursor;
    if (!cursor) break;
  }
  return items;
}

/** Everything stored, minus the upload records' timestamps (they record when a run happened). */
async function snapshot() {
  const out = await emu.clients.doc.send(new ScanCommand({ TableName: emu.table }));
  const items = (out.Items ?? []).map((i) => (i.type === 'UPLOAD' ? { ...i, updatedAt: undefined } : i));
  items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
  const reports: Record<string, string> = {};
  for (const year of [2024, 2025]) {
    const res = await call(USER_A, 'GET', `/reports/${year}`);
    reports[year] = await (await fetch(res.json.url)).text();
  }
  return { items, reports };
}

beforeAll(async () => {
  emu = await startEmulators();
  deps = { clients: emu.clients, bucket: emu.bucket, table: emu.table, logger: silent };
  ingest = createIngestHandler(deps);
  api = createApiHandler(deps);
  await putObject(KEY_A, exportZip());
  await putObject(KEY_B, invitationsCsv(ROWS.slice(0, 3)));
});

afterAll(async () => {
  await emu?.stop();
});

describe('ingest → API against the emulators', () => {
  it('processes every record of an event (URL-encoded keys with spaces, + and Unicode) and ignores non-upload keys', async () => {
    const event = s3Event(emu.bucket, [KEY_A, KEY_B, `reports/${USER_A}/report-2025.html`]) as unknown as S3Event;
    expect(event.Records[0]!.s3.object.key).toBe(`uploads/${USER_A}/My+LinkedIn+export+%C3%A9%2B1.zip`);
    const { results } = await ingest(event);
    expect(results.map((r) => r.status)).toEqual(['DONE', 'DONE', 'SKIPPED']);
    expect(results[0]!.key).toBe(KEY_A);

    const upload = await call(USER_A, 'GET', `/uploads/${encodeURIComponent('My LinkedIn export é+1')}`);
    expect(upload.status).toBe(200);
    expect(upload.json).toMatchObject({ status: 'DONE', key: KEY_A, counts: { requests: ROWS.length, problems: 0 }, years: [2024, 2025] });
  });

  it('serves the years and the right stats, computed from the rows', async () => {
    expect((await call(USER_A, 'GET', '/years')).json).toEqual({ years: [2024, 2025] });
    expect((await call(USER_B, 'GET', '/years')).json).toEqual({ years: [2025] });
    for (const year of [2024, 2025]) {
      const res = await call(USER_A, 'GET', `/stats/${year}`);
      expect(res.status).toBe(200);
      const stats = res.json as YearStats;
      const want = expected(year);
      expect(stats.year).toBe(year);
      expect(stats.totals).toMatchObject({ received: want.received, sent: want.sent, withNote: want.withNote, withoutNote: want.withoutNote });
      expect(stats.byVerdict.NEITHER).toBe(want.withoutNote);
      expect(stats.byCategory.no_message).toBe(want.withoutNote);
      expect(Object.values(stats.byCategory).reduce((a, b) => a + b, 0)).toBe(want.total);
      expect(stats.byMonth).toHaveLength(12);
      // The stored verdicts agree with the stats, category by category.
      const verdicts = await allVerdicts(USER_A, { year: String(year), limit: '2' });
      expect(verdicts).toHaveLength(want.total);
      for (const c of CATEGORIES) expect(verdicts.filter((v) => v.category === c).length).toBe(stats.byCategory[c]);
    }
    // Sent CRs of 2025: Priya is in Connections.csv (accepted), Tom is not (pending).
    const s2025 = (await call(USER_A, 'GET', '/stats/2025')).json as YearStats;
    expect(s2025.sentAcceptance).toMatchObject({ sent: 2, accepted: 1, pending: 1, rate: 0.5 });
    // User B uploaded the first three rows as a bare CSV.
    const b = (await call(USER_B, 'GET', '/stats/2025')).json as YearStats;
    expect(b.totals.received).toBe(3);
  });

  it('judges the stored coverage on the day it is asked for, not on the day of the ingest', async () => {
    const statsOn = async (day: string) => {
      const asOf = createApiHandler({ ...deps, now: () => new Date(`${day}T12:00:00Z`) });
      const res = await asOf(apiEvent(USER_A, 'GET', '/stats/2025'));
      expect(res.statusCode).toBe(200);
      return JSON.parse(res.body!) as YearStats;
    };
    // KEY_A's name carries no date, so the export is dated by its newest CR (18 June 2025); its
    // 180-day window covers 1 January – 18 June of 2025.
    const july = await statsOn('2025-07-15');
    const later = await statsOn('2031-06-01');
    expect(july.totals).toEqual(later.totals);
    expect(july.coverage.ranges).toEqual(later.coverage.ranges);
    expect(july.coverage.ranges.map((r) => [r.start, r.end])).toEqual([['2025-01-01', '2025-06-18']]);
    // Mid-July, 19 June onwards is still in LinkedIn's window: a new export before 19 June + 180 days keeps it.
    expect(july.coverage).toMatchObject({ today: '2025-07-15', elapsedDays: 181 + 15, lostDays: 0, nextExportBy: '2025-12-16' });
    expect(july.coverage.advice).toContain('16 December 2025');
    // Years later, 19 June to 31 December (12 + 184 days) are out of every export's reach.
    expect(later.coverage).toMatchObject({ today: '2031-06-01', elapsedDays: 365, lostDays: 12 + 184, nextExportBy: null });
    expect(later.coverage.advice).toMatch(/no longer/);
  });

  it('paginates verdicts with a cursor, with reasons, filters and no duplicates', async () => {
    const all = await allVerdicts(USER_A, { limit: '3' });
    expect(all).toHaveLength(ROWS.length);
    expect(new Set(all.map((v) => v.id)).size).toBe(ROWS.length);
    for (const v of all) {
      expect(Array.isArray(v.reasons)).toBe(true);
      expect(v).not.toHaveProperty('pk');
      expect(v).not.toHaveProperty('gsi1pk');
      expect(v.owner.name).toBe(OWNER);
      // `unsure` is derived by the API (openapi.json), not stored.
      expect(v.unsure).toBe(v.category !== 'no_message' && v.confidence < 0.6);
    }
    expect(all.map((v) => v.counterpart.name)).toEqual(expect.arrayContaining(['Zoë Ångström', 'Sam "The Builder" Ortiz, PhD']));
    // Newest first, across pages, with or without a year.
    expect(all.map((v) => v.sentAt)).toEqual([...all.map((v) => v.sentAt)].sort().reverse());
    const year2025 = await allVerdicts(USER_A, { year: '2025', limit: '1' });
    expect(year2025.map((v) => v.sentAt)).toEqual([...year2025.map((v) => v.sentAt)].sort().reverse());
    const outgoing = await allVerdicts(USER_A, { year: '2025', direction: 'OUTGOING', limit: '1' });
    expect(outgoing.map((v) => v.counterpart.name).sort()).toEqual(['Priya Nair', 'Tom Becker']);
    const none = await allVerdicts(USER_A, { category: 'no_message', direction: 'INCOMING', limit: '100' });
    expect(none).toHaveLength(ROWS.filter((r) => r.message === '' && r.direction === 'INCOMING').length);
  });

  it('links to the stored report of a year', async () => {
    const res = await call(USER_A, 'GET', '/reports/2025');
    expect(res.status).toBe(200);
    expect(new Date(res.json.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const page = await fetch(res.json.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toMatch(/<html/i);
    expect(html).toContain('2025');
  });

  it('a report rendered after a later upload still compares with earlier years (from their stored stats)', async () => {
    const user = 'c1b2c3d4-0000-4000-8000-00000000000c';
    const first = `uploads/${user}/older.csv`;
    const second = `uploads/${user}/newer.csv`;
    await putObject(first, invitationsCsv(ROWS.filter((r) => r.year === 2024)));
    await ingest(s3Event(emu.bucket, [first]));
    await putObject(second, invitationsCsv(ROWS.filter((r) => r.year === 2025)));
    await ingest(s3Event(emu.bucket, [second]));
    const link = await call(user, 'GET', '/reports/2025');
    expect(link.status).toBe(200);
    const html = await (await fetch(link.json.url)).text();
    const yoy = html.slice(html.indexOf('Year over year'));
    expect(html).toContain('Year over year');
    expect(yoy).toMatch(/>2024</);
    expect(yoy).toMatch(/>2025</);
  });

  it("someone else's export uploaded into an account ends FAILED, names both people, and changes nothing", async () => {
    const before = await snapshot();
    const key = `uploads/${USER_A}/someone-else.csv`;
    const stranger = invitationsCsv(ROWS).replaceAll('Dana Whitfield', 'Kim Stranger').replaceAll('dana-whitfield', 'kim-stranger');
    await putObject(key, stranger);
    const { results } = await ingest(s3Event(emu.bucket, [key]));
    expect(results[0].status).toBe('FAILED');
    const status = await call(USER_A, 'GET', '/uploads/someone-else');
    expect(status.json.status).toBe('FAILED');
    expect(status.json.message).toContain('Kim Stranger');
    expect(status.json.message).toContain('Dana Whitfield');
    const after = await snapshot();
    expect(after.reports).toEqual(before.reports);
    expect(after.items.filter((i) => !String(i.sk).includes('someone-else'))).toEqual(before.items); // only its own upload record is new
  });

  it('repeating the event and re-uploading the export change nothing', async () => {
    const before = await snapshot();
    await ingest(s3Event(emu.bucket, [KEY_A]) as unknown as S3Event);
    await ingest(s3Event(emu.bucket, [KEY_A]) as unknown as S3Event);
    expect(await snapshot()).toEqual(before);

    // The same export uploaded again under another id: verdicts, stats and reports unchanged.
    const again = `uploads/${USER_A}/second upload.zip`;
    await putObject(again, exportZip());
    const { results } = await ingest(s3Event(emu.bucket, [again]) as unknown as S3Event);
    expect(results[0]!.status).toBe('DONE');
    const after = await snapshot();
    const notUploads = (s: typeof before) => s.items.filter((i) => i.type !== 'UPLOAD');
    expect(notUploads(after)).toEqual(notUploads(before));
    expect(after.reports).toEqual(before.reports);
    expect(after.items.filter((i) => i.type === 'UPLOAD')).toHaveLength(before.items.filter((i) => i.type === 'UPLOAD').length + 1);
  });

  it('an undecodable upload ends FAILED with a message the user can act on, and the object is kept', async () => {
    const key = `uploads/${USER_A}/broken export.zip`;
    await putObject(key, 'PK\u0003\u0004 this is not really a zip');
    const { results } = await ingest(s3Event(emu.bucket, [key]) as unknown as S3Event);
    expect(results[0]!.status).toBe('FAILED');
    const res = await call(USER_A, 'GET', '/uploads/broken%20export');
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('FAILED');
    expect(res.json.errorCode).toBeTruthy();
    expect(res.json.message).toContain('broken export.zip');
    expect(res.json.message).not.toMatch(/\n\s+at |Error:/);
    const head = await emu.clients.s3.send(new HeadObjectCommand({ Bucket: emu.bucket, Key: key }));
    expect(head.ContentLength).toBeGreaterThan(0);
    // The data of the earlier uploads is untouched.
    expect((await call(USER_A, 'GET', '/years')).json).toEqual({ years: [2024, 2025] });
  });

  it('an upload over the size limit is refused before download, with the limit in the message', async () => {
    const small = createIngestHandler({ clients: emu.clients, bucket: emu.bucket, table: emu.table, logger: silent, maxUploadBytes: 100 });
    const key = `uploads/${USER_A}/huge.csv`;
    await putObject(key, invitationsCsv());
    const { results } = await small(s3Event(emu.bucket, [key]) as unknown as S3Event);
    expect(results[0]!.status).toBe('FAILED');
    const res = await call(USER_A, 'GET', '/uploads/huge');
    expect(res.json).toMatchObject({ status: 'FAILED', errorCode: 'too_large' });
    expect(res.json.message).toContain('huge.csv');
    expect(res.json.message).toMatch(/MB/);
  });

  it('an unexpected failure (storage down) still tries every record, then throws so Lambda retries; the uploads are kept', async () => {
    const broken = createIngestHandler({ clients: emu.clients, bucket: emu.bucket, table: 'no-such-table', logger: silent });
    const err = await broken(s3Event(emu.bucket, [KEY_A, KEY_B]) as unknown as S3Event).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AggregateError);
    expect((err as AggregateError).errors).toHaveLength(2);
    for (const key of [KEY_A, KEY_B]) await emu.clients.s3.send(new HeadObjectCommand({ Bucket: emu.bucket, Key: key }));
  });

  it('a presigned upload form puts the file where ingest picks it up, with its original name', async () => {
    const created = await call(USER_B, 'POST', '/uploads', undefined, { filename: 'Basic_LinkedInDataExport_06-30-2025.zip' });
    expect(created.status).toBe(201);
    const { uploadId, key, url, fields, maxBytes } = created.json;
    expect(key).toBe(`uploads/${USER_B}/${uploadId}.zip`);
    expect(maxBytes).toBeGreaterThan(1_000_000);
    expect((await call(USER_B, 'GET', `/uploads/${uploadId}`)).json.status).toBe('PENDING');

    const events: S3Event[] = [];
    const off = emu.onS3Event((e) => events.push(e));
    const form = new FormData();
    for (const [k, v] of Object.entries(fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([Buffer.from(exportZip())]), EXPORT_NAME);
    const posted = await fetch(url, { method: 'POST', body: form });
    off();
    expect(posted.status).toBeLessThan(300);
    const created2 = events.flatMap((e) => e.Records).find((r) => r.s3.object.key === key);
    expect(created2).toBeDefined();

    const { results } = await ingest(s3Event(emu.bucket, [key]) as unknown as S3Event);
    expect(results[0]!.status).toBe('DONE');
    const upload = (await call(USER_B, 'GET', `/uploads/${uploadId}`)).json;
    expect(upload).toMatchObject({ status: 'DONE', filename: EXPORT_NAME, counts: { requests: ROWS.length } });
    expect((await call(USER_B, 'GET', '/years')).json).toEqual({ years: [2024, 2025] });
  });
});

describe('API errors', () => {
  it('400 names the bad parameter', async () => {
    const cases: [string, string, Record<string, string> | undefined, unknown, RegExp][] = [
      ['GET', '/stats/20x5', undefined, undefined, /year/],
      ['GET', '/reports/99999', undefined, undefined, /year/],
      ['GET', '/verdicts', { limit: '0' }, undefined, /limit/],
      ['GET', '/verdicts', { limit: 'ten' }, undefined, /limit/],
      ['GET', '/verdicts', { limit: '101' }, undefined, /limit/],
      ['GET', '/verdicts', { category: 'spam' }, undefined, /category/],
      ['GET', '/verdicts', { direction: 'SIDEWAYS' }, undefined, /direction/],
      ['GET', '/verdicts', { year: '25' }, undefined, /year/],
      ['GET', '/verdicts', { sort: 'asc' }, undefined, /sort/],
      ['GET', '/verdicts', { cursor: 'not-a-cursor' }, undefined, /cursor/],
      ['POST', '/uploads', undefined, {}, /filename|format/],
      ['POST', '/uploads', undefined, { filename: 'photo.png' }, /filename/],
      ['POST', '/uploads', undefined, { format: 'xlsx' }, /format/],
      ['POST', '/uploads', undefined, { filename: '../evil.zip' }, /filename/],
      // 100 characters of a non-Latin script are 300 bytes: over the byte limit though under 255 characters.
      ['POST', '/uploads', undefined, { filename: `${'名'.repeat(100)}.zip` }, /filename: must be at most 255 bytes/],
      ['POST', '/uploads', undefined, { filename: 'invoice\u202Epiz.csv' }, /filename: must not contain bidirectional control/],
      ['POST', '/uploads', undefined, { filename: 'export\u2066.zip' }, /bidirectional/],
      ['POST', '/uploads', undefined, { filename: 'export\u007f.zip' }, /control characters/],
    ];
    for (const [method, path, query, body, detail] of cases) {
      const res = await call(USER_A, method, path, query, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(query ?? body)}`).toBe(400);
      expect(res.type).toBe('application/problem+json');
      expect(res.json).toMatchObject({ type: expect.any(String), title: 'Bad Request', status: 400 });
      expect(res.json.detail).toMatch(detail);
    }
    const notJson = await api({ ...apiEvent(USER_A, 'POST', '/uploads'), body: '{nope' });
    expect(notJson.statusCode).toBe(400);
    expect(JSON.parse(notJson.body!).detail).toMatch(/JSON/);
  });

  it('404 for unknown uploads, years and routes, and for another user\'s data', async () => {
    for (const path of ['/stats/1999', '/reports/1999', '/uploads/nope', '/nowhere']) {
      const res = await call(USER_A, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.type).toBe('application/problem+json');
    }
    // B asks for A's upload and A's failed upload: 404, exactly like a missing one.
    const a = await call(USER_B, 'GET', `/uploads/${encodeURIComponent('My LinkedIn export é+1')}`);
    expect(a.status).toBe(404);
    // A stranger has no years, stats or reports.
    const stranger = 'c0000000-0000-4000-8000-00000000000c';
    expect((await call(stranger, 'GET', '/years')).json).toEqual({ years: [] });
    expect((await call(stranger, 'GET', '/stats/2025')).status).toBe(404);
    expect((await call(stranger, 'GET', '/reports/2025')).status).toBe(404);
    expect((await call(stranger, 'GET', '/verdicts')).json).toEqual({ items: [], cursor: null });
  });

  it('a cursor of another user is refused', async () => {
    const page = await call(USER_A, 'GET', '/verdicts', { limit: '1' });
    expect(page.json.cursor).toEqual(expect.any(String));
    const res = await call(USER_B, 'GET', '/verdicts', { limit: '1', cursor: page.json.cursor });
    expect(res.status).toBe(400);
    expect(res.json.detail).toMatch(/cursor/);
    const yearPage = await call(USER_A, 'GET', '/verdicts', { limit: '1', year: '2025' });
    const mixed = await call(USER_A, 'GET', '/verdicts', { limit: '1', year: '2024', cursor: yearPage.json.cursor });
    expect(mixed.status).toBe(400);
  });

  it('a malformed cursor is a 400 problem+json naming the cursor, never a 500', async () => {
    const real = (await call(USER_A, 'GET', '/verdicts', { limit: '2' })).json.cursor as string;
    const ofYear = (await call(USER_A, 'GET', '/verdicts', { limit: '1', year: '2025' })).json.cursor as string;
    const key = JSON.parse(Buffer.from(real, 'base64url').toString('utf8')) as Record<string, string>;
    const enc = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8').toString('base64url');
    const cases: [string, Record<string, string>][] = [
      ['not base64', { cursor: '%%% not base64 %%%' }],
      ['base64 with padding', { cursor: `${real}=` }],
      ['not JSON', { cursor: enc('{"pk": "USER#') }],
      ['JSON, not an object', { cursor: enc([1, 2, 3]) }],
      ['wrong shape: missing the index key', { cursor: enc({ pk: key.pk, sk: key.sk }) }],
      ['wrong shape: an extra attribute', { cursor: enc({ ...key, extra: 'x' }) }],
      ['wrong shape: a number', { cursor: enc({ ...key, sk: 7 }) }],
      ['wrong shape: not a verdict', { cursor: enc({ ...key, sk: 'OWNER' }) }],
      ['the key of another user', { cursor: enc({ ...key, pk: `USER#${USER_B}` }) }],
      ['a one-year cursor without the year', { cursor: ofYear }],
      ['a one-year cursor for another year', { cursor: ofYear, year: '2024' }],
      ['an all-years cursor for one year', { cursor: real, year: '2025' }],
      ['too long', { cursor: 'A'.repeat(3000) }],
    ];
    for (const [what, query] of cases) {
      const res = await call(USER_A, 'GET', '/verdicts', { limit: '2', ...query });
      expect(res.status, what).toBe(400);
      expect(res.type, what).toBe('application/problem+json');
      expect(res.json, what).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400 });
      expect(res.json.detail, what).toMatch(/cursor/);
    }
    // The cursor as given still works, with the filters it was made with.
    expect((await call(USER_A, 'GET', '/verdicts', { limit: '2', cursor: real })).status).toBe(200);
    expect((await call(USER_A, 'GET', '/verdicts', { limit: '1', year: '2025', cursor: ofYear })).status).toBe(200);
  });

  it('401 without a subject, 404 for a route API Gateway would not select', async () => {
    const res = await call(null, 'GET', '/years');
    expect(res.status).toBe(401);
    expect(res.type).toBe('application/problem+json');
    const wrong = await call(USER_A, 'DELETE', '/years');
    expect(wrong.status).toBe(404);
    expect(wrong.type).toBe('application/problem+json');
  });
});

describe('roles and the job seeker\'s view over HTTP', () => {
  const USER_C = 'c1b2c3d4-0000-4000-8000-00000000000c';
  const RECRUITER_NOTE = 'Hi Dana, I am a recruiter at TalentBridge hiring a Senior Data Engineer (remote, Python and Airflow) for a logistics client. Open to a quick chat?';
  const rows = [...ROWS, { direction: 'INCOMING' as const, counterpart: 'Maja Holm', slug: 'maja-holm', sentAt: '7/1/25, 9:00 AM', year: 2025, message: RECRUITER_NOTE }];
  const key = (n: number) => `uploads/${USER_C}/Basic_LinkedInDataExport_${n}.zip`;
  const recruiter = async () => (await allVerdicts(USER_C, { role: 'recruiter', limit: '100' })).find((v) => v.counterpart.name === 'Maja Holm');

  it('stores role, roleReasons and kept under their names; filters by role with the other filters and the cursor; settings per user grade the next upload', async () => {
    expect((await call(USER_C, 'GET', '/settings')).json).toEqual({ keep: [] });
    await putObject(key(1), exportZip(rows));
    expect((await ingest(s3Event(emu.bucket, [key(1)]) as unknown as S3Event)).results.map((r) => r.status)).toEqual(['DONE']);

    // Every verdict carries a role with its reasons, as stored in the item under the same names.
    const all = await allVerdicts(USER_C, { limit: '100' });
    expect(all).toHaveLength(rows.length);
    const items = (await emu.clients.doc.send(new ScanCommand({ TableName: emu.table, ConsistentRead: true }))).Items ?? [];
    const stored = items.filter((i) => i.type === 'VERDICT' && String(i.pk).includes(USER_C));
    expect(stored).toHaveLength(rows.length);
    for (const item of stored) expect(all.find((v) => v.id === item.id)).toMatchObject({ role: item.role, roleReasons: item.roleReasons });
    const before = await recruiter();
    expect(before).toMatchObject({ role: 'recruiter', verdict: 'IGNORE' });
    expect(before!.roleReasons.length).toBeGreaterThan(0);

    // role= partitions the list, combines with year, direction and category, and pages with the cursor.
    let n = 0;
    for (const role of ['recruiter', 'vendor', 'expert_network', 'job_seeker', 'community', 'peer', 'unknown']) {
      const page = await allVerdicts(USER_C, { role, limit: '1' });
      expect(page.every((v) => v.role === role)).toBe(true);
      n += page.length;
    }
    expect(n).toBe(rows.length);
    const vendors2025 = await allVerdicts(USER_C, { role: 'vendor', year: '2025', direction: 'INCOMING', limit: '1' });
    expect(vendors2025.map((v) => v.counterpart.name)).toEqual(all.filter((v) => v.role === 'vendor' && v.year === 2025 && v.direction === 'INCOMING').map((v) => v.counterpart.name));
    const bad = await call(USER_C, 'GET', '/verdicts', { role: 'headhunter' });
    expect(bad.status).toBe(400);
    expect(bad.json.detail).toMatch(/role/);

    // /stats/{year} counts by role.
    const stats = (await call(USER_C, 'GET', '/stats/2025')).json as YearStats;
    expect(stats.byDirection.INCOMING.byRole.recruiter).toEqual({ total: 1, byVerdict: { ACCEPT: 0, IGNORE: 1, NEITHER: 0 } });
    expect(Object.values(stats.byRole).reduce((a, b) => a + b, 0)).toBe(stats.totals.received + stats.totals.sent);

    // The job seeker's view, stored through the API, grades the next upload.
    const put = await call(USER_C, 'PUT', '/settings', undefined, { keep: ['recruiter'] });
    expect(put.status).toBe(200);
    expect(put.json.keep).toEqual(['recruiter']);
    expect((await call(USER_C, 'GET', '/settings')).json.keep).toEqual(['recruiter']);
    expect((await call(USER_A, 'GET', '/settings')).json.keep).toEqual([]);
    expect((await call(USER_C, 'PUT', '/settings', undefined, { keep: ['vendor'] })).status).toBe(400);
    expect((await recruiter())!.verdict).toBe('IGNORE');
    await putObject(key(2), exportZip(rows));
    expect((await ingest(s3Event(emu.bucket, [key(2)]) as unknown as S3Event)).results.map((r) => r.status)).toEqual(['DONE']);
    const after = await recruiter();
    expect(after).toMatchObject({ role: 'recruiter', verdict: 'ACCEPT', category: before!.category, kept: { role: 'recruiter' } });
    const report = await (await fetch((await call(USER_C, 'GET', '/reports/2025')).json.url)).text();
    expect(report).toContain("Job seeker's view");
    expect(report).toContain('Who writes to you');
    expect(((await call(USER_C, 'GET', '/stats/2025')).json as YearStats).byDirection.INCOMING.byRole.recruiter.byVerdict.ACCEPT).toBe(1);
  });
});

describe('DELETE /data', () => {
  async function objectsUnder(prefix: string): Promise<string[]> {
    const out = await emu.clients.s3.send(new ListObjectsCommand({ Bucket: emu.bucket, Prefix: prefix }));
    return (out.Contents ?? []).map((o) => o.Key!);
  }
  async function itemsOf(userId: string): Promise<Record<string, unknown>[]> {
    const out = await emu.clients.doc.send(new ScanCommand({ TableName: emu.table, ConsistentRead: true }));
    return (out.Items ?? []).filter((i) => JSON.stringify(i).includes(userId));
  }

  it('removes every item and object of the caller, says what went, leaves the other user untouched, and is idempotent', async () => {
    const before = { itemsA: await itemsOf(USER_A), itemsB: await itemsOf(USER_B), objectsB: [...(await objectsUnder(`uploads/${USER_B}/`)), ...(await objectsUnder(`reports/${USER_B}/`))] };
    expect(before.itemsA.length).toBeGreaterThan(0);
    expect(before.itemsB.length).toBeGreaterThan(0);
    expect(before.objectsB.length).toBeGreaterThan(0);
    const objectsA = [...(await objectsUnder(`uploads/${USER_A}/`)), ...(await objectsUnder(`reports/${USER_A}/`))];
    expect(objectsA.length).toBeGreaterThan(0);

    const res = await call(USER_A, 'DELETE', '/data');
    expect(res.status).toBe(200);
    const kinds = (type: string) => before.itemsA.filter((i) => i.type === type).length;
    expect(res.json.deleted).toEqual({
      verdicts: kinds('VERDICT'),
      coverages: kinds('COVERAGE'),
      stats: kinds('STATS'),
      uploads: kinds('UPLOAD'),
      owner: 1,
      settings: kinds('SETTINGS'),
      objects: objectsA.length,
    });
    expect(res.json.deleted.verdicts + res.json.deleted.coverages + res.json.deleted.stats + res.json.deleted.uploads + res.json.deleted.owner + res.json.deleted.settings + kinds('LEASE')).toBe(before.itemsA.length); // the ingest lease is not a kind of data
    expect(res.json.backups).toMatch(/35 days/);

    // Nothing of A remains, in the table (any attribute naming A) or under A's prefixes.
    expect(await itemsOf(USER_A)).toEqual([]);
    expect(await objectsUnder(`uploads/${USER_A}/`)).toEqual([]);
    expect(await objectsUnder(`reports/${USER_A}/`)).toEqual([]);
    expect((await call(USER_A, 'GET', '/years')).json).toEqual({ years: [] });
    expect((await call(USER_A, 'GET', '/verdicts')).json.items).toEqual([]);
    // B is untouched.
    expect(await itemsOf(USER_B)).toEqual(before.itemsB);
    expect([...(await objectsUnder(`uploads/${USER_B}/`)), ...(await objectsUnder(`reports/${USER_B}/`))]).toEqual(before.objectsB);

    const again = await call(USER_A, 'DELETE', '/data');
    expect(again.status).toBe(200);
    expect(again.json.deleted).toEqual({ verdicts: 0, coverages: 0, stats: 0, uploads: 0, owner: 0, settings: 0, objects: 0 });
  });
});
