/**
 * Every API route (functions/app/routes.ts's API_ROUTES) on the in-memory stores: the answers and
 * refusals a caller gets, with data put there the way the product puts it (an upload form, the
 * ingest use case). The same routes run behind the Lambda handler on the emulators in
 * test/integration/aws/pipeline.test.ts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiContext } from '../../../functions/app/api-context.ts';
import { HttpProblem, type ApiRequest } from '../../../functions/app/http.ts';
import { ingestUpload } from '../../../functions/app/ingest-upload.ts';
import { API_ROUTES } from '../../../functions/app/routes.ts';
import { MAX_UPLOAD_BYTES } from '../../../functions/app/upload.ts';
import type { RouteKey } from '../../../functions/app/route-keys.ts';
import { NO_LOG } from '../../../functions/audit/ports.ts';
import type { YearStats } from '../../../functions/audit/stats/index.ts';
import { buildExport, type ExportRow } from '../../helpers/export-builder.ts';
import { MemoryAuditStore, MemoryBlobStore, MEMORY_BLOB_ORIGIN } from '../../helpers/memory-store.ts';

const NOW = new Date('2026-04-02T09:00:00.000Z');
const ALICE = 'sub-alice';
const BOB = 'sub-bob';

/** Five CRs of 2026 (the builder's default dates: March) and two of 2025. */
const ROWS: ExportRow[] = [
  { direction: 'INCOMING', name: 'Ravi Castellano', message: 'Hi Alma, we help companies like yours scale outbound sales with our lead generation services. Can I book 15 minutes on your calendar?' },
  { direction: 'INCOMING', name: 'Ines Paredes', message: 'Hi Alma, I enjoyed your talk on idempotent event handlers at InfraCamp; the part on retries fixed a bug for my team. Would love to stay in touch.' },
  { direction: 'INCOMING', name: 'Tobias Lund', message: '' },
  { direction: 'OUTGOING', name: 'Priya Anand', message: 'Hi Priya, your post on DynamoDB paging helped me fix a cursor bug. I would be glad to connect.' },
  { direction: 'OUTGOING', name: 'Hugo Brandt', message: '' },
  { direction: 'INCOMING', name: 'Lena Vogt', message: 'Hi Alma, we sell the best CRM on the market, 30% off this month only. Interested in a demo?', sentAt: '11/20/25, 2:00 PM' },
  { direction: 'INCOMING', name: 'Oskar Nyberg', message: '', sentAt: '12/1/25, 9:30 AM' },
];
const EXPORT = buildExport({ owner: { first: 'Alma', last: 'Reyes' }, rows: ROWS, connections: [{ name: 'Priya Anand' }], date: '03-31-2026' });

let store: MemoryAuditStore;
let blobs: MemoryBlobStore;
let ctx: ApiContext;

beforeEach(() => {
  store = new MemoryAuditStore();
  blobs = new MemoryBlobStore(() => NOW);
  ctx = { store, blobs, logger: NO_LOG, now: () => NOW, uploadFormSeconds: 900, reportLinkSeconds: 300 };
});

interface Answer {
  status: number;
  // The JSON a caller reads: checked field by field.
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Calls a route as the API handler does: an HttpProblem becomes its status and detail. */
async function call(route: RouteKey, userId: string, req: Partial<Omit<ApiRequest, 'userId'>> = {}): Promise<Answer> {
  try {
    return await API_ROUTES[route]({ userId, params: {}, query: {}, body: undefined, ...req }, ctx);
  } catch (err) {
    if (err instanceof HttpProblem) return { status: err.status, body: { title: err.title, detail: err.detail } };
    throw err;
  }
}

/** What the product does: a form from POST /uploads, the browser posts the file, the ingest runs. */
async function uploadAndIngest(userId: string, file = EXPORT): Promise<string> {
  const created = await call('POST /uploads', userId, { body: { filename: file.name } });
  expect(created.status).toBe(201);
  blobs.post({ key: created.body.key, url: created.body.url, fields: created.body.fields }, file.data);
  const outcome = await ingestUpload({ store, blobs, now: () => NOW }, { userId, uploadId: created.body.uploadId, key: created.body.key });
  expect(outcome.status).toBe('DONE');
  return created.body.uploadId;
}

describe('POST /uploads and GET /uploads/{uploadId}', () => {
  it("201: a form for the caller's own place, and a PENDING record of it", async () => {
    const created = await call('POST /uploads', ALICE, { body: { filename: 'Mon export é.zip' } });
    expect(created.status).toBe(201);
    const { uploadId, key, method, url, fields, maxBytes, expiresAt } = created.body;
    expect(uploadId).toMatch(/^[0-9a-f-]{36}$/);
    expect(key).toBe(`uploads/${ALICE}/${uploadId}.zip`);
    expect(method).toBe('POST');
    expect(url).toBe(`${MEMORY_BLOB_ORIGIN}/`);
    expect(fields).toMatchObject({ key, 'x-amz-meta-filename': encodeURIComponent('Mon export é.zip') });
    expect(maxBytes).toBe(MAX_UPLOAD_BYTES);
    expect(expiresAt).toBe(new Date(NOW.getTime() + 900_000).toISOString());

    const status = await call('GET /uploads/{uploadId}', ALICE, { params: { uploadId } });
    expect(status).toEqual({
      status: 200,
      body: { uploadId, key, filename: 'Mon export é.zip', status: 'PENDING', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() },
    });
  });

  it('takes the format alone, or from the file name', async () => {
    const csv = await call('POST /uploads', ALICE, { body: { format: 'csv' } });
    expect(csv.status).toBe(201);
    expect(csv.body.key).toBe(`uploads/${ALICE}/${csv.body.uploadId}.csv`);
    expect((await call('GET /uploads/{uploadId}', ALICE, { params: { uploadId: csv.body.uploadId } })).body.filename).toBe('Invitations.csv');
    const named = await call('POST /uploads', ALICE, { body: { filename: 'Invitations.CSV' } });
    expect(named.body.key).toMatch(/\.csv$/);
  });

  it('400 for a body that names no file or a bad one', async () => {
    for (const body of [undefined, {}, { filename: 'notes.txt' }, { filename: '../x.zip' }, { format: 'rar' }, { filename: 'a.zip', format: 'csv' }, { filename: 'a.zip', extra: 1 }]) {
      const res = await call('POST /uploads', ALICE, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.detail).toMatch(/^invalid body: /);
    }
    expect(blobs.keys()).toEqual([]);
  });

  it("404 for an unknown upload and for another user's", async () => {
    const { uploadId } = (await call('POST /uploads', ALICE, { body: { format: 'zip' } })).body;
    expect((await call('GET /uploads/{uploadId}', BOB, { params: { uploadId } })).status).toBe(404);
    const unknown = await call('GET /uploads/{uploadId}', ALICE, { params: { uploadId: 'no-such-upload' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('POST /uploads');
    expect((await call('GET /uploads/{uploadId}', ALICE, { params: {} })).status).toBe(400);
  });

  it('after the ingest, the record is DONE with its counts and years', async () => {
    const uploadId = await uploadAndIngest(ALICE);
    const res = await call('GET /uploads/{uploadId}', ALICE, { params: { uploadId } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ uploadId, status: 'DONE', filename: EXPORT.name, counts: { requests: 7, received: 5, sent: 2, problems: 0 }, years: [2025, 2026] });
    expect(res.body).not.toHaveProperty('pendingYears');
  });

  it("a running or failed upload shows its pending years, not the run's lease holder", async () => {
    const { uploadId, key } = (await call('POST /uploads', ALICE, { body: { format: 'zip' } })).body;
    await store.putUpload(ALICE, { uploadId, key, filename: 'a.zip', status: 'FAILED', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), pendingYears: [2025], ownerClaimed: true, pendingLease: `${uploadId}#lease` });
    const res = await call('GET /uploads/{uploadId}', ALICE, { params: { uploadId } });
    expect(res.body).toMatchObject({ status: 'FAILED', pendingYears: [2025] });
    expect(res.body).not.toHaveProperty('pendingLease');
    expect(res.body).not.toHaveProperty('ownerClaimed');
  });
});

describe('GET /years and GET /stats/{year}', () => {
  it('lists no years before any data, then the years with data, ascending, per user', async () => {
    expect(await call('GET /years', ALICE)).toEqual({ status: 200, body: { years: [] } });
    await uploadAndIngest(ALICE);
    expect(await call('GET /years', ALICE)).toEqual({ status: 200, body: { years: [2025, 2026] } });
    expect(await call('GET /years', BOB)).toEqual({ status: 200, body: { years: [] } });
  });

  it('404 for a year without data, 200 with its numbers, judged as of today; 400 for a year that is not one', async () => {
    expect((await call('GET /stats/{year}', ALICE, { params: { year: '2026' } })).status).toBe(404);
    await uploadAndIngest(ALICE);
    const missing = await call('GET /stats/{year}', ALICE, { params: { year: '2024' } });
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toContain('GET /years');
    expect((await call('GET /stats/{year}', BOB, { params: { year: '2026' } })).status).toBe(404);

    const res = await call('GET /stats/{year}', ALICE, { params: { year: '2026' } });
    expect(res.status).toBe(200);
    const stats = res.body as YearStats;
    expect(stats.year).toBe(2026);
    expect(stats.totals).toMatchObject({ received: 3, sent: 2, withNote: 3, withoutNote: 2 });
    expect(stats.sentAcceptance).toMatchObject({ sent: 2, accepted: 1, pending: 1 });
    expect(stats.coverage.today).toBe('2026-04-02');
    // Asked later, the same stored stats are judged as of that day.
    ctx.now = () => new Date('2027-01-10T12:00:00Z');
    expect((await call('GET /stats/{year}', ALICE, { params: { year: '2026' } })).body.coverage.today).toBe('2027-01-10');
    // Counts by role, received and sent, with the verdicts within each role; acceptance by the invitee's role.
    const roles = stats.byDirection.INCOMING.byRole;
    expect(Object.values(roles).reduce((n, r) => n + r.total, 0)).toBe(3);
    expect(roles.vendor.total).toBe(1);
    expect(roles.vendor.byVerdict.IGNORE).toBe(1);
    expect(Object.values(stats.byDirection.OUTGOING.byRole).reduce((n, r) => n + r.total, 0)).toBe(2);
    expect(Object.values(stats.sentAcceptance.byRole).reduce((n, c) => n + (c?.sent ?? 0), 0)).toBe(2);

    for (const year of ['20x6', '99999', '1899', '2026.0', '']) expect((await call('GET /stats/{year}', ALICE, { params: { year } })).status, year).toBe(400);
  });
});

describe('GET /verdicts', () => {
  beforeEach(async () => {
    await uploadAndIngest(ALICE);
  });

  /** Every page of a query; the pages' sizes. */
  async function pages(userId: string, query: Record<string, string>) {
    const items: Record<string, unknown>[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const res = await call('GET /verdicts', userId, { query: { ...query, ...(cursor ? { cursor } : {}) } });
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      sizes.push(res.body.items.length);
      cursor = res.body.cursor ?? undefined;
    } while (cursor && sizes.length < 50);
    expect(cursor).toBeUndefined();
    return { items, sizes };
  }

  it('pages through every verdict once, newest first, with `unsure` derived and nothing of the storage', async () => {
    const { items, sizes } = await pages(ALICE, { limit: '3' });
    expect(items).toHaveLength(7);
    expect(sizes.every((n) => n <= 3)).toBe(true);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(new Set(items.map((v) => v.id)).size).toBe(7);
    const order = items.map((v) => `${v.sentAt}#${v.id}`);
    expect(order).toEqual([...order].sort().reverse());
    for (const v of items) {
      expect(v.unsure).toBe(v.category !== 'no_message' && (v.confidence as number) < 0.6);
      expect(v).not.toHaveProperty('exportDate');
      expect(v).not.toHaveProperty('pk');
    }
    // The default page size covers them all.
    const all = await call('GET /verdicts', ALICE);
    expect(all.body.items).toHaveLength(7);
    expect(all.body.cursor).toBeNull();
  });

  it('filters by year, direction and category', async () => {
    expect((await pages(ALICE, { year: '2025', limit: '1' })).items.map((v) => (v.counterpart as { name: string }).name).sort()).toEqual(['Lena Vogt', 'Oskar Nyberg']);
    expect((await pages(ALICE, { direction: 'OUTGOING', limit: '1' })).items.map((v) => (v.counterpart as { name: string }).name).sort()).toEqual(['Hugo Brandt', 'Priya Anand']);
    const noNote = (await pages(ALICE, { category: 'no_message', limit: '2' })).items;
    expect(noNote.map((v) => (v.counterpart as { name: string }).name).sort()).toEqual(['Hugo Brandt', 'Oskar Nyberg', 'Tobias Lund']);
    expect((await pages(ALICE, { year: '2026', direction: 'INCOMING', category: 'no_message' })).items).toHaveLength(1);
    expect((await pages(BOB, {})).items).toEqual([]);
  });

  it('filters by role, alone and with the other filters, across pages', async () => {
    const vendors = (await pages(ALICE, { role: 'vendor', limit: '1' })).items;
    expect(vendors.map((v) => (v.counterpart as { name: string }).name).sort()).toEqual(['Lena Vogt', 'Ravi Castellano']);
    expect(vendors.every((v) => v.role === 'vendor' && Array.isArray(v.roleReasons) && (v.roleReasons as unknown[]).length > 0)).toBe(true);
    expect((await pages(ALICE, { role: 'vendor', year: '2026', direction: 'INCOMING', limit: '1' })).items.map((v) => (v.counterpart as { name: string }).name)).toEqual(['Ravi Castellano']);
    expect((await pages(ALICE, { role: 'vendor', category: 'good' })).items).toEqual([]);
    // Every verdict has exactly one role: the roles partition the list.
    const all = (await pages(ALICE, { limit: '100' })).items;
    let seen = 0;
    for (const role of ['recruiter', 'vendor', 'expert_network', 'job_seeker', 'community', 'peer', 'unknown']) seen += (await pages(ALICE, { role, limit: '2' })).items.length;
    expect(seen).toBe(all.length);
  });

  it('400 for a bad query, a malformed cursor or a cursor of another user, naming what is wrong', async () => {
    for (const [query, what] of [
      [{ limit: '0' }, /limit/],
      [{ limit: '101' }, /limit/],
      [{ limit: 'ten' }, /limit/],
      [{ year: '25' }, /year/],
      [{ category: 'spam' }, /category/],
      [{ direction: 'SIDEWAYS' }, /direction/],
      [{ role: 'headhunter' }, /role: must be one of recruiter, vendor/],
      [{ role: '' }, /role/],
      [{ sort: 'asc' }, /sort|unrecognized/i],
      [{ cursor: 'x'.repeat(2049) }, /cursor/],
    ] as const) {
      const res = await call('GET /verdicts', ALICE, { query: { ...query } });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.detail, JSON.stringify(query)).toMatch(what);
    }
    const malformed = await call('GET /verdicts', ALICE, { query: { cursor: 'not-a-cursor' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/cursor/);

    await uploadAndIngest(BOB, buildExport({ owner: { first: 'Bea', last: 'Lindqvist' }, rows: ROWS.slice(0, 4), date: '03-30-2026' }));
    const bobs = (await call('GET /verdicts', BOB, { query: { limit: '1' } })).body.cursor as string;
    expect(bobs).toEqual(expect.any(String));
    expect((await call('GET /verdicts', ALICE, { query: { limit: '1', cursor: bobs } })).status).toBe(400);
    // A cursor of one year is not one of every year.
    const of2026 = (await call('GET /verdicts', ALICE, { query: { year: '2026', limit: '1' } })).body.cursor as string;
    expect((await call('GET /verdicts', ALICE, { query: { limit: '1', cursor: of2026 } })).status).toBe(400);
    expect((await call('GET /verdicts', ALICE, { query: { year: '2026', limit: '1', cursor: of2026 } })).status).toBe(200);
  });
});

describe('GET /reports/{year}', () => {
  it('404 before there is data; after the ingest, a short-lived link to that year\'s report', async () => {
    const before = await call('GET /reports/{year}', ALICE, { params: { year: '2026' } });
    expect(before.status).toBe(404);
    expect(before.body.detail).toContain('GET /years');

    await uploadAndIngest(ALICE);
    const res = await call('GET /reports/{year}', ALICE, { params: { year: '2026' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ year: 2026, url: expect.any(String), expiresAt: new Date(NOW.getTime() + 300_000).toISOString() });
    expect(res.body.url).toContain(encodeURIComponent(`reports/${ALICE}/report-2026.html`));
    const html = blobs.open(res.body.url)!.toString('utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toBe(blobs.report(ALICE, 2026));

    expect((await call('GET /reports/{year}', ALICE, { params: { year: '2024' } })).status).toBe(404);
    expect((await call('GET /reports/{year}', BOB, { params: { year: '2026' } })).status).toBe(404);
    expect((await call('GET /reports/{year}', ALICE, { params: { year: 'latest' } })).status).toBe(400);
  });
});

describe('GET /settings and PUT /settings', () => {
  const RECRUITER: ExportRow = {
    direction: 'INCOMING',
    name: 'Maja Holm',
    message: 'Hi Alma, I am a recruiter at TalentBridge hiring a Senior Backend Engineer (remote, Go and AWS) for a fintech client. Open to a quick chat?',
  };
  const WITH_RECRUITER = buildExport({ owner: { first: 'Alma', last: 'Reyes' }, rows: [...ROWS, RECRUITER], connections: [{ name: 'Priya Anand' }], date: '03-31-2026' });
  const recruiterVerdict = async (userId: string) => (await call('GET /verdicts', userId, { query: { role: 'recruiter' } })).body.items.find((v: { counterpart: { name: string } }) => v.counterpart.name === 'Maja Holm');

  it('the standard view until set; stores the job seeker\'s view per user', async () => {
    expect(await call('GET /settings', ALICE)).toEqual({ status: 200, body: { keep: [] } });
    const put = await call('PUT /settings', ALICE, { body: { keep: ['recruiter'] } });
    expect(put).toEqual({ status: 200, body: { keep: ['recruiter'], updatedAt: NOW.toISOString() } });
    expect(await call('GET /settings', ALICE)).toEqual(put);
    expect(await call('GET /settings', BOB)).toEqual({ status: 200, body: { keep: [] } });
    expect((await call('PUT /settings', ALICE, { body: { keep: [] } })).body.keep).toEqual([]);
    expect((await call('GET /settings', ALICE)).body.keep).toEqual([]);
  });

  it('400 for a body that is not a list of keepable roles, naming what is wrong', async () => {
    for (const [body, what] of [
      [undefined, /keep/],
      [{}, /keep/],
      [{ keep: 'recruiter' }, /keep: must be a list/],
      [{ keep: ['vendor'] }, /keep\.0: must list only recruiter/],
      [{ keep: ['recruiter', 'recruiter'] }, /once/],
      [{ keep: [], extra: true }, /unrecognized|extra/i],
    ] as const) {
      const res = await call('PUT /settings', ALICE, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.detail, JSON.stringify(body)).toMatch(/^invalid body: /);
      expect(res.body.detail, JSON.stringify(body)).toMatch(what);
    }
    expect((await call('GET /settings', ALICE)).body.keep).toEqual([]);
  });

  it('the next upload is graded with the view: a recruiter naming a role is kept, its category stays; the report says which view', async () => {
    await uploadAndIngest(ALICE, WITH_RECRUITER);
    const standard = await recruiterVerdict(ALICE);
    expect(standard).toMatchObject({ role: 'recruiter', verdict: 'IGNORE' });
    expect(standard).not.toHaveProperty('kept');
    expect(blobs.report(ALICE, 2026)).toContain('Standard view');

    await call('PUT /settings', ALICE, { body: { keep: ['recruiter'] } });
    // What is stored keeps the view it was graded with ...
    expect((await recruiterVerdict(ALICE)).verdict).toBe('IGNORE');
    // ... until the next upload (here: the same export again).
    await uploadAndIngest(ALICE, WITH_RECRUITER);
    const kept = await recruiterVerdict(ALICE);
    expect(kept).toMatchObject({ role: 'recruiter', category: standard.category, verdict: 'ACCEPT', kept: { role: 'recruiter', reason: expect.stringContaining('names a role') } });
    // Only that note changed: the vendor pitch is still an IGNORE.
    const vendors = (await call('GET /verdicts', ALICE, { query: { role: 'vendor' } })).body.items;
    expect(vendors.every((v: { verdict: string }) => v.verdict === 'IGNORE')).toBe(true);
    const stats = (await call('GET /stats/{year}', ALICE, { params: { year: '2026' } })).body as YearStats;
    expect(stats.byDirection.INCOMING.byRole.recruiter.byVerdict).toMatchObject({ ACCEPT: 1, IGNORE: 0 });
    const html = blobs.report(ALICE, 2026)!;
    expect(html).toContain("Job seeker's view");
    expect(html).toContain('names a role');
  });
});

describe('DELETE /data', () => {
  it("removes everything of the caller, says what went, leaves others' data, and is idempotent", async () => {
    await uploadAndIngest(ALICE);
    await uploadAndIngest(BOB, buildExport({ owner: { first: 'Bea', last: 'Lindqvist' }, rows: ROWS.slice(0, 4), date: '03-30-2026' }));
    await call('PUT /settings', ALICE, { body: { keep: ['recruiter'] } });
    await call('PUT /settings', BOB, { body: { keep: ['recruiter'] } });
    const bobBefore = store.snapshot(BOB);

    const res = await call('DELETE /data', ALICE);
    expect(res.status).toBe(200);
    // One raw upload and the reports of 2025 and 2026.
    expect(res.body.deleted).toEqual({ verdicts: 7, coverages: 1, stats: 2, uploads: 1, owner: 1, settings: 1, objects: 3 });
    expect(res.body.backups).toEqual(expect.any(String));
    expect(blobs.keys().filter((k) => k.includes(ALICE))).toEqual([]);
    expect(await call('GET /years', ALICE)).toEqual({ status: 200, body: { years: [] } });
    expect((await call('GET /reports/{year}', ALICE, { params: { year: '2026' } })).status).toBe(404);

    expect((await call('GET /settings', ALICE)).body.keep).toEqual([]);
    expect((await call('DELETE /data', ALICE)).body.deleted).toEqual({ verdicts: 0, coverages: 0, stats: 0, uploads: 0, owner: 0, settings: 0, objects: 0 });
    expect(store.snapshot(BOB)).toEqual(bobBefore);
    expect((await call('GET /settings', BOB)).body.keep).toEqual(['recruiter']);
  });
});

describe('API_ROUTES', () => {
  it('answers every route the API declares', () => {
    expect(Object.keys(API_ROUTES).sort()).toEqual(
      ['DELETE /data', 'GET /reports/{year}', 'GET /settings', 'GET /stats/{year}', 'GET /uploads/{uploadId}', 'GET /verdicts', 'GET /years', 'POST /uploads', 'PUT /settings'].sort(),
    );
  });
});
