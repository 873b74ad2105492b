/**
 * The ingest use case (functions/app/ingest-upload.ts) on the in-memory stores: what one uploaded
 * export leaves in storage (verdicts, coverage, owner, per-year stats and reports, the upload
 * record), and how each kind of failure ends. Exports are built in the test from invented people
 * (test/helpers/export-builder.ts); the same paths run on the emulators in
 * test/integration/aws/pipeline.test.ts.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestUpload, MAX_UPLOAD_PROBLEMS, type IngestDeps } from '../../../functions/app/ingest-upload.ts';
import { FILENAME_METADATA, type UploadRef } from '../../../functions/app/upload.ts';
import { MAX_UPLOAD_BYTES } from '../../../functions/app/upload.ts';
import type { ClassifiedRequest } from '../../../functions/audit/model.ts';
import type { LogSink } from '../../../functions/audit/ports.ts';
import { buildExport, type ExportRow, type ExportSpec } from '../../helpers/export-builder.ts';
import { MemoryAuditStore, MemoryBlobStore, type AuditSnapshot } from '../../helpers/memory-store.ts';

/** Upload ids as the API hands them out (UUIDs: logged as they are). */
const ID = Array.from({ length: 11 }, (_, n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`);

const NOW = new Date('2026-04-02T09:00:00.000Z');
const USER = 'user-maren';

const OWNER = { first: 'Maren', last: 'Okafor', headline: 'Platform engineer at Tidewater', industry: 'Software Development' };

/** Three received and two sent in 2026 (the builder's default dates), one received in 2025. */
const ROWS: ExportRow[] = [
  { direction: 'INCOMING', name: 'Ravi Castellano', message: 'Hi Maren, we help companies like yours scale outbound sales with our lead generation services. Can I book 15 minutes on your calendar?' },
  { direction: 'INCOMING', name: 'Ines Paredes', message: 'Hi Maren, I enjoyed your talk on idempotent event handlers at InfraCamp; the part on retries fixed a bug for my team. Would love to stay in touch.' },
  { direction: 'INCOMING', name: 'Tobias Lund', message: '' },
  { direction: 'OUTGOING', name: 'Priya Anand', message: 'Hi Priya, your post on DynamoDB paging helped me fix a cursor bug. I would be glad to connect.' },
  { direction: 'OUTGOING', name: 'Hugo Brandt', message: '' },
  { direction: 'INCOMING', name: 'Lena Vogt', message: 'Hi Maren, we sell the best CRM on the market, 30% off this month only. Interested in a demo?', sentAt: '11/20/25, 2:00 PM' },
];

const EXPORT: ExportSpec = { owner: OWNER, rows: ROWS, connections: [{ name: 'Priya Anand', company: 'Northwind', position: 'Engineer' }], date: '03-31-2026' };

/** Every name in the export: none may reach the logs. */
const NAMES = ['Maren', 'Okafor', ...ROWS.map((r) => r.name.split(' ')[0]!)];

interface Logged {
  level: 'info' | 'warn' | 'error';
  message: string;
  extra: Record<string, unknown>[];
}

function setup(overrides: Partial<IngestDeps> = {}) {
  const store = new MemoryAuditStore();
  const blobs = new MemoryBlobStore(() => NOW);
  const logs: Logged[] = [];
  const logger: LogSink = {
    info: (message, ...extra) => void logs.push({ level: 'info', message, extra }),
    warn: (message, ...extra) => void logs.push({ level: 'warn', message, extra }),
    error: (message, ...extra) => void logs.push({ level: 'error', message, extra }),
  };
  const deps: IngestDeps = { store, blobs, logger, now: () => NOW, ...overrides };
  /** Uploads a file the way the API has the browser do it: through the store's form, its name as metadata. */
  async function upload(uploadId: string, file: { name: string; data: Uint8Array | string }, format: 'zip' | 'csv' = 'zip', userId = USER): Promise<UploadRef> {
    const form = await blobs.uploadForm(userId, uploadId, format, { maxBytes: MAX_UPLOAD_BYTES, metadata: { [FILENAME_METADATA]: encodeURIComponent(file.name) }, expiresInSeconds: 900 });
    blobs.post(form, typeof file.data === 'string' ? Buffer.from(file.data) : file.data);
    return { userId, uploadId, key: form.key };
  }
  const done = () => logs.filter((l) => l.message === 'ingest done').map((l) => l.extra[0]!);
  return { store, blobs, logs, deps, upload, done };
}

/** Every verdict of the user, newest first. */
async function allVerdicts(store: MemoryAuditStore, userId = USER): Promise<ClassifiedRequest[]> {
  return (await store.queryVerdicts(userId, { limit: 100 })).items;
}

/** The user's stored state, without the upload records (which every upload adds to). */
const withoutUploads = (s: AuditSnapshot) => ({ ...s, uploads: [] });

function expectNoNamesLogged(logs: Logged[]) {
  const text = JSON.stringify(logs);
  for (const name of NAMES) expect(text, name).not.toContain(name);
}

describe('ingestUpload', () => {
  it('stores the verdicts, coverage, owner, per-year stats and reports of an export, and records it DONE', async () => {
    const { store, blobs, logs, deps, upload, done } = setup();
    const exported = buildExport(EXPORT);
    // The API made a PENDING record when it handed out the form; ingest keeps its first instant.
    await store.putUpload(USER, { uploadId: ID[1], key: `uploads/${USER}/${ID[1]}.zip`, filename: exported.name, status: 'PENDING', createdAt: '2026-04-02T08:55:00.000Z', updatedAt: '2026-04-02T08:55:00.000Z' });
    const ref = await upload(ID[1], exported);

    const outcome = await ingestUpload(deps, ref);

    expect(outcome.status).toBe('DONE');
    const record = await store.getUpload(USER, ID[1]);
    expect(outcome).toEqual({ status: 'DONE', upload: record });
    expect(record).toEqual({
      uploadId: ID[1],
      key: ref.key,
      filename: 'Basic_LinkedInDataExport_03-31-2026.zip',
      status: 'DONE',
      createdAt: '2026-04-02T08:55:00.000Z',
      updatedAt: NOW.toISOString(),
      counts: { requests: 6, received: 4, sent: 2, problems: 0 },
      years: [2025, 2026],
      problems: [],
      committed: true,
    });

    const verdicts = await allVerdicts(store);
    expect(verdicts.map((v) => v.counterpart.name).sort()).toEqual(ROWS.map((r) => r.name).sort());
    expect(verdicts.every((v) => v.owner.name === 'Maren Okafor')).toBe(true);
    expect(verdicts.find((v) => v.counterpart.name === 'Priya Anand')!.outcome).toBe('accepted');
    expect(verdicts.find((v) => v.counterpart.name === 'Hugo Brandt')!.outcome).toBe('pending');
    expect(verdicts.find((v) => v.counterpart.name === 'Lena Vogt')!.year).toBe(2025);

    expect(await store.getOwner(USER)).toEqual({ name: 'Maren Okafor', profileUrl: 'https://www.linkedin.com/in/maren-okafor' });
    const coverages = await store.listCoverages(USER);
    expect(coverages).toHaveLength(1);
    expect(coverages[0]).toMatchObject({ source: exported.name, exportDate: '2026-03-31' });

    expect(await store.listYears(USER)).toEqual([2025, 2026]);
    const y2026 = (await store.getYearStats(USER, 2026))!;
    expect(y2026.totals).toMatchObject({ received: 3, sent: 2, withNote: 3, withoutNote: 2 });
    expect(y2026.sentAcceptance).toMatchObject({ sent: 2, accepted: 1, pending: 1, rate: 0.5 });
    expect(Object.values(y2026.byCategory).reduce((a, b) => a + b, 0)).toBe(5);
    expect((await store.getYearStats(USER, 2025))!.totals).toMatchObject({ received: 1, sent: 0 });

    for (const year of [2025, 2026]) {
      const html = blobs.report(USER, year);
      expect(html, `report ${year}`).toMatch(/^<!doctype html>/i);
      expect(html).toContain(String(year));
    }
    expect(blobs.report(USER, 2024)).toBeNull();

    // The local copy of the upload is gone; the upload itself is kept.
    expect(blobs.localCopies).toHaveLength(1);
    expect(existsSync(blobs.localCopies[0]!)).toBe(false);
    expect(await blobs.head(ref.key)).not.toBeNull();

    expect(done()).toEqual([expect.objectContaining({ userId: USER, uploadId: ID[1], requests: 6, years: [2025, 2026], written: 6, keptNewer: 0, unchanged: 0 })]);
    expectNoNamesLogged(logs);
  });

  it('a repeated event rewrites the same state: nothing changes, no verdict is written again', async () => {
    const { store, blobs, deps, upload, done } = setup();
    const ref = await upload(ID[1], buildExport(EXPORT));
    await ingestUpload(deps, ref);
    const before = store.snapshot(USER);
    const reports = [blobs.report(USER, 2025), blobs.report(USER, 2026)];

    expect((await ingestUpload(deps, ref)).status).toBe('DONE');
    expect((await ingestUpload(deps, ref)).status).toBe('DONE');

    expect(store.snapshot(USER)).toEqual(before);
    expect([blobs.report(USER, 2025), blobs.report(USER, 2026)]).toEqual(reports);
    expect(done().map((d) => [d.written, d.unchanged, d.keptNewer])).toEqual([
      [6, 0, 0],
      [6, 6, 0],
      [6, 6, 0],
    ]);

    // The same export uploaded again under another id: one more upload record, nothing else.
    expect((await ingestUpload(deps, await upload(ID[2], buildExport(EXPORT)))).status).toBe('DONE');
    const after = store.snapshot(USER);
    expect(withoutUploads(after)).toEqual(withoutUploads(before));
    expect(after.uploads.map((u) => u.uploadId)).toEqual([ID[1], ID[2]]);
    expect([blobs.report(USER, 2025), blobs.report(USER, 2026)]).toEqual(reports);
  });

  it("an older export uploaded after a newer one keeps the newer export's readings", async () => {
    const { store, deps, upload } = setup();
    const newer = buildExport({ ...EXPORT, connections: [{ name: 'Priya Anand' }, { name: 'Hugo Brandt' }], date: '03-31-2026' });
    const older = buildExport({ ...EXPORT, connections: [], date: '03-20-2026' });
    await ingestUpload(deps, await upload(ID[3], newer));
    await ingestUpload(deps, await upload(ID[4], older));
    const sent = (await allVerdicts(store)).filter((v) => v.direction === 'OUTGOING');
    expect(sent.map((v) => v.outcome)).toEqual(['accepted', 'accepted']);
    expect((await store.getYearStats(USER, 2026))!.sentAcceptance).toMatchObject({ sent: 2, accepted: 2, pending: 0 });
    expect((await store.listCoverages(USER)).map((c) => c.exportDate).sort()).toEqual(['2026-03-20', '2026-03-31']);
  });

  it("refuses someone else's export into an account: FAILED naming both people, nothing else written", async () => {
    const { store, blobs, logs, deps, upload } = setup();
    await ingestUpload(deps, await upload(ID[5], buildExport(EXPORT)));
    const before = store.snapshot(USER);
    const keys = blobs.keys();
    const reports = [blobs.report(USER, 2025), blobs.report(USER, 2026)];

    const stranger = buildExport({ owner: { first: 'Kim', last: 'Sørlie' }, rows: [{ direction: 'INCOMING', name: 'Odile Marchetti', message: 'Hello Kim, loved your talk.' }], date: '03-30-2026' });
    const outcome = await ingestUpload(deps, await upload(ID[6], stranger));

    expect(outcome.status).toBe('FAILED');
    const record = (await store.getUpload(USER, ID[6]))!;
    expect(outcome).toEqual({ status: 'FAILED', upload: record });
    expect(record).toMatchObject({ status: 'FAILED', errorCode: 'owner_mismatch', filename: stranger.name });
    expect(record.message).toContain('Kim Sørlie');
    expect(record.message).toContain('Maren Okafor');
    expect(record.counts).toBeUndefined();

    const after = store.snapshot(USER);
    expect(withoutUploads(after)).toEqual(withoutUploads(before));
    expect(after.uploads.filter((u) => u.uploadId !== ID[6])).toEqual(before.uploads);
    expect(blobs.keys()).toEqual([...keys, `uploads/${USER}/${ID[6]}.zip`].sort());
    expect([blobs.report(USER, 2025), blobs.report(USER, 2026)]).toEqual(reports);
    expect(logs.find((l) => l.message === 'upload rejected')!.extra[0]).toEqual({ userId: USER, uploadId: ID[6], code: 'owner_mismatch' });
    expectNoNamesLogged(logs);
    expect(JSON.stringify(logs)).not.toContain('Kim');
  });

  it('refuses an upload over the size limit before reading it: FAILED too_large, nothing else written', async () => {
    const { store, blobs, logs, deps, upload } = setup({ maxUploadBytes: 100 });
    const exported = buildExport(EXPORT);
    const ref = await upload(ID[7], exported);

    const outcome = await ingestUpload(deps, ref);

    expect(outcome.status).toBe('FAILED');
    const record = (await store.getUpload(USER, ID[7]))!;
    expect(record).toMatchObject({ status: 'FAILED', errorCode: 'too_large', filename: exported.name });
    expect(record.message).toContain(exported.name);
    expect(record.message).toMatch(/MB/);
    expect(blobs.localCopies).toEqual([]); // never downloaded
    expect(withoutUploads(store.snapshot(USER))).toEqual(withoutUploads(new MemoryAuditStore().snapshot(USER)));
    expect(blobs.keys()).toEqual([ref.key]);
    expect(logs.map((l) => [l.level, l.message])).toEqual([
      ['info', 'ingest started'],
      ['warn', 'upload too large'],
    ]);
  });

  it.each([
    ['a damaged zip', { name: 'Basic_LinkedInDataExport_03-31-2026.zip', data: 'PK\u0003\u0004 this is not really a zip' }, 'zip' as const, 'not_zip'],
    ['a CSV that is not Invitations.csv', { name: 'Connections.csv', data: 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Brook,,,,,01 Mar 2026\n' }, 'csv' as const, 'not_invitations'],
    ['an empty CSV', { name: 'Invitations.csv', data: ' \n' }, 'csv' as const, 'empty'],
  ])('%s ends FAILED with the reader\'s code and message, without throwing; nothing else is written', async (_what, file, format, code) => {
    const { store, blobs, logs, deps, upload } = setup();
    const ref = await upload(ID[8], file, format);

    const outcome = await ingestUpload(deps, ref);

    expect(outcome.status).toBe('FAILED');
    const record = (await store.getUpload(USER, ID[8]))!;
    expect(record).toMatchObject({ status: 'FAILED', errorCode: code, filename: file.name });
    expect(record.message).toContain(file.name);
    expect(record.message).not.toMatch(/\n\s+at |Error:/);
    expect(withoutUploads(store.snapshot(USER))).toEqual(withoutUploads(new MemoryAuditStore().snapshot(USER)));
    expect(blobs.keys()).toEqual([ref.key]); // the upload is kept, no report is written
    expect(existsSync(blobs.localCopies[0]!)).toBe(false);
    expect(logs.find((l) => l.message === 'upload rejected')!.extra[0]).toEqual({ userId: USER, uploadId: ID[8], code });
  });

  it('an unexpected error ends FAILED INTERNAL, saying it is tried again, and is rethrown (so the event is retried); its message stays out of the record and the logs', async () => {
    class BrokenStore extends MemoryAuditStore {
      override async putVerdicts(): Promise<never> {
        throw new Error('table aoi is unavailable (Maren Okafor)');
      }
    }
    const store = new BrokenStore();
    const { blobs, logs, deps, upload } = setup({ store });
    const exported = buildExport(EXPORT);
    const ref = await upload(ID[1], exported);

    await expect(ingestUpload({ ...deps, store }, ref)).rejects.toThrow('table aoi is unavailable');

    const record = (await store.getUpload(USER, ID[1]))!;
    expect(record).toMatchObject({ status: 'FAILED', errorCode: 'INTERNAL', filename: exported.name });
    expect(record.message).toContain(exported.name);
    expect(record.message).not.toContain('unavailable');
    expect(record.message).toMatch(/tried again automatically/);
    // The owner claimed before any verdict is given back (no upload is committed): nothing is left.
    expect(withoutUploads(store.snapshot(USER))).toEqual(withoutUploads(new MemoryAuditStore().snapshot(USER)));
    expect(record.ownerClaimed).toBe(true); // kept, for the failure handler to give it back again
    expect(blobs.keys()).toEqual([ref.key]);
    const failed = logs.find((l) => l.message === 'ingest failed')!;
    expect(failed.level).toBe('error');
    expect(failed.extra[0]).toMatchObject({ userId: USER, uploadId: ID[1], error: { name: 'Error' } });
    expect(JSON.stringify(logs)).not.toContain('unavailable');
    expectNoNamesLogged(logs);

    // The retry, once storage is back, ends DONE and keeps the record's first instant.
    const healthy = new MemoryAuditStore();
    await healthy.putUpload(USER, record);
    expect((await ingestUpload({ ...deps, store: healthy, now: () => new Date('2026-04-02T09:05:00.000Z') }, ref)).status).toBe('DONE');
    expect(await healthy.getUpload(USER, ID[1])).toMatchObject({ status: 'DONE', createdAt: record.createdAt, updatedAt: '2026-04-02T09:05:00.000Z' });
  });

  it('an event for an object that is gone is skipped, and nothing is written', async () => {
    const { store, deps } = setup();
    expect(await ingestUpload(deps, { userId: USER, uploadId: ID[10], key: `uploads/${USER}/${ID[10]}.zip` })).toEqual({ status: 'SKIPPED', reason: 'object not found' });
    expect(store.snapshot(USER)).toEqual(new MemoryAuditStore().snapshot(USER));
  });

  it(`keeps at most ${MAX_UPLOAD_PROBLEMS} row-level problems in the record, and counts them all`, async () => {
    const { store, deps, upload } = setup();
    const rows: ExportRow[] = [...ROWS, ...Array.from({ length: MAX_UPLOAD_PROBLEMS + 5 }, (_, i) => ({ direction: 'INCOMING' as const, name: `Person ${i}`, message: 'hi', sentAt: 'not a date' }))];
    const outcome = await ingestUpload(deps, await upload(ID[9], buildExport({ ...EXPORT, rows })));
    expect(outcome.status).toBe('DONE');
    const record = (await store.getUpload(USER, ID[9]))!;
    expect(record.counts).toMatchObject({ requests: ROWS.length, problems: MAX_UPLOAD_PROBLEMS + 5 });
    expect(record.problems).toHaveLength(MAX_UPLOAD_PROBLEMS);
  });
});
