/**
 * Honest failure on the in-memory stores: a run ends DONE or FAILED, never PROCESSING; errors a
 * retry cannot fix are not retried; what a failed run wrote is invisible; the failure handler
 * (on-failure destination record) marks what the runtime killed; the upload record stays bounded.
 */
import { describe, expect, it } from 'vitest';
import { ingestUpload, type IngestDeps } from '../../../functions/app/ingest-upload.ts';
import { FILENAME_METADATA, type UploadRef } from '../../../functions/app/upload.ts';
import { markEventFailed } from '../../../functions/app/ingest-failure.ts';
import { failedEventOf, stopReasonOf, type FailureRecord } from '../../../functions/aws/failure-record.ts';
import { assertStorable, assertYearsStorable, boundedUpload, isPermanent, maxRowsFor, splitAdvice, storedSize, DYNAMO_ITEM_LIMIT, MAX_UPLOAD_RECORD_BYTES, MAX_UPLOAD_YEARS } from '../../../functions/app/ingest-bounds.ts';
import { MAX_UPLOAD_BYTES } from '../../../functions/app/upload.ts';
import type { ClassifiedRequest } from '../../../functions/audit/model.ts';
import type { UploadRecord } from '../../../functions/audit/ports.ts';
import { ExportError } from '../../../functions/audit/export/errors.ts';
import { buildExport, type ExportRow, type ExportSpec } from '../../helpers/export-builder.ts';
import { MemoryAuditStore, MemoryBlobStore } from '../../helpers/memory-store.ts';

const USER = 'user-maren';
const NOW = new Date('2026-04-02T09:00:00.000Z');
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ROWS: ExportRow[] = Array.from({ length: 30 }, (_, i) => ({
  direction: i % 3 === 0 ? ('OUTGOING' as const) : ('INCOMING' as const),
  name: `Person Number${i}`,
  message: i % 2 ? `Hi, we sell lead generation services number ${i}, book a demo?` : '',
  sentAt: `${1 + (i % 12)}/${1 + (i % 27)}/25, 3:${String(i).padStart(2, '0')} PM`,
}));
const EXPORT: ExportSpec = { owner: { first: 'Maren', last: 'Okafor' }, rows: ROWS, date: '03-31-2026' };
const silent = { info() {}, warn() {}, error() {} };

function setup(overrides: Partial<IngestDeps> = {}, store = new MemoryAuditStore()) {
  const blobs = new MemoryBlobStore(() => NOW);
  const deps: IngestDeps = { store, blobs, logger: silent, now: () => NOW, ...overrides };
  async function upload(uploadId: string, spec: ExportSpec = EXPORT): Promise<UploadRef> {
    const file = buildExport(spec);
    const form = await blobs.uploadForm(USER, uploadId, 'zip', { maxBytes: MAX_UPLOAD_BYTES, metadata: { [FILENAME_METADATA]: encodeURIComponent(file.name) }, expiresInSeconds: 900 });
    blobs.post(form, file.data);
    return { userId: USER, uploadId, key: form.key };
  }
  return { store, blobs, deps, upload };
}

/** What the API shows of a user: verdicts, years, stats. */
async function visible(store: MemoryAuditStore) {
  const verdicts = (await store.queryVerdicts(USER, { limit: 100 })).items.length;
  const years = await store.listYears(USER);
  const stats = await Promise.all(years.map((y) => store.getYearStats(USER, y)));
  return { verdicts, years, counted: stats.reduce((n, s) => n + (s?.totals.received ?? 0) + (s?.totals.sent ?? 0), 0) };
}

describe('a run ends DONE or FAILED, never PROCESSING', () => {
  it('the watchdog ends a run that would outlive its time FAILED (out of time, how to split), returns normally (no retry), and nothing of it is visible', async () => {
    const { store, blobs, deps, upload } = setup();
    const ref = await upload(ID(1));
    // The reader takes longer than the whole budget.
    const slow = Object.assign(Object.create(blobs), {
      withLocalCopy: async <T,>(key: string, use: (path: string) => Promise<T>) => {
        await new Promise((r) => setTimeout(r, 2_000));
        return blobs.withLocalCopy(key, use);
      },
    }) as MemoryBlobStore;
    const started = Date.now();
    const outcome = await ingestUpload({ ...deps, blobs: slow, remainingMs: () => 300 - (Date.now() - started), watchdogMarginMs: 100 }, ref);
    expect(outcome.status).toBe('FAILED');
    expect(Date.now() - started).toBeLessThan(1_500); // long before the read would have ended
    const record = (await store.getUpload(USER, ID(1)))!;
    expect(record).toMatchObject({ status: 'FAILED', errorCode: 'timeout' });
    expect(record.message).toMatch(/ran out of time/);
    expect(record.message).toMatch(/Split the export/);
    expect(record.message).not.toMatch(/tried again|retried/);
    await new Promise((r) => setTimeout(r, 2_200)); // the abandoned run stops at its next step
    expect(await visible(store)).toEqual({ verdicts: 0, years: [], counted: 0 });
    expect((await store.getUpload(USER, ID(1)))!.status).toBe('FAILED');
  });

  it('an error a retry cannot fix (DynamoDB refuses the request as invalid) ends FAILED without a rethrow and does not promise a retry', async () => {
    class Refusing extends MemoryAuditStore {
      override async putVerdicts(): Promise<never> {
        throw Object.assign(new Error('Item size has exceeded the maximum allowed size'), { name: 'ValidationException' });
      }
    }
    const { store, deps, upload } = setup({}, new Refusing());
    const outcome = await ingestUpload(deps, await upload(ID(2)));
    expect(outcome.status).toBe('FAILED');
    const record = (await store.getUpload(USER, ID(2)))!;
    expect(record).toMatchObject({ status: 'FAILED', errorCode: 'ValidationException' });
    expect(record.message).not.toMatch(/tried again|retried/);
    expect(record.message).not.toMatch(/maximum allowed size/); // the raw message stays out
  });

  it('a transient error after half the verdicts were written: FAILED, rethrown for the retry, nothing visible; the retry commits everything at once', async () => {
    let fail = true;
    class HalfWay extends MemoryAuditStore {
      override async putVerdicts(userId: string, requests: readonly ClassifiedRequest[], exportDate?: string | null, uploadId?: string) {
        if (!fail) return super.putVerdicts(userId, requests, exportDate, uploadId);
        await super.putVerdicts(userId, requests.slice(0, requests.length / 2), exportDate, uploadId);
        throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
      }
    }
    const { store, deps, upload } = setup({}, new HalfWay());
    const ref = await upload(ID(3));
    await expect(ingestUpload(deps, ref)).rejects.toThrow('throttled');
    expect((await store.getUpload(USER, ID(3)))!.message).toMatch(/tried again automatically/);
    expect(await visible(store)).toEqual({ verdicts: 0, years: [], counted: 0 });
    expect(store.snapshot(USER).verdicts.length).toBe(15); // stored, but invisible

    fail = false;
    expect((await ingestUpload(deps, ref)).status).toBe('DONE');
    expect(await visible(store)).toEqual({ verdicts: 30, years: [2025], counted: 30 });
  });

  it('a failed later upload leaves the earlier, committed one as it was', async () => {
    let fail = false;
    class Flaky extends MemoryAuditStore {
      override async putYearStats(...args: Parameters<MemoryAuditStore['putYearStats']>) {
        if (fail) throw new Error('network');
        return super.putYearStats(...args);
      }
    }
    const { store, deps, upload } = setup({}, new Flaky());
    expect((await ingestUpload(deps, await upload(ID(4), { ...EXPORT, rows: ROWS.slice(0, 10) }))).status).toBe('DONE');
    const before = await visible(store);
    fail = true;
    await expect(ingestUpload(deps, await upload(ID(5), { ...EXPORT, rows: ROWS.slice(5), date: '04-01-2026' }))).rejects.toThrow('network');
    // Rows 5-9 were re-read by the failed upload (a newer export): still shown as the committed upload had them.
    expect(await visible(store)).toEqual(before);
    expect(before).toEqual({ verdicts: 10, years: [2025], counted: 10 });
  });

  it('an export with more rows than the run can hold is refused before any write, saying how to split it', async () => {
    const { store, deps, upload } = setup({ maxRows: 12 });
    const outcome = await ingestUpload(deps, await upload(ID(6)));
    expect(outcome.status).toBe('FAILED');
    const record = (await store.getUpload(USER, ID(6)))!;
    expect(record.errorCode).toBe('too_many_rows');
    expect(record.message).toMatch(/more than 12 rows/);
    expect(record.message).toMatch(/parts of at most 12 rows/);
    expect(store.snapshot(USER).verdicts).toEqual([]);
    expect(store.snapshot(USER).owner).toBeNull();
  });

  it("the deployed function's row limit is what its memory was measured to hold, and the refusal at it says how to split", () => {
    // Measured (ingest-bounds.ts, scripts/bench-scale.ts lambda-notes): a whole ingest of rows that
    // each carry a different note, in a 1024 MB Lambda's Node flags, peaked at 712 MB at 176k rows
    // (70%) and 591-598 MB at 118k; the limit is no higher than the largest run measured.
    expect(maxRowsFor(1024)).toBe(176_000);
    // Still a function of memory: more memory, more rows; never below the floor.
    expect(maxRowsFor(2048)).toBeGreaterThan(2 * maxRowsFor(1024));
    expect(maxRowsFor(128)).toBe(10_000);
    const advice = splitAdvice(new ExportError('too_many_rows', 'over the reader limit', 'Invitations.csv'), maxRowsFor(1024));
    expect(advice.code).toBe('too_many_rows');
    expect(advice.message).toMatch(/^Invitations\.csv has more than 176,000 rows, .*nothing was stored\. Split it: Invitations\.csv in parts of at most 176,000 rows, each part starting with the header line/);
  });
});

describe('the failure handler (on-failure destination record)', () => {
  const record = (key: string, payload: unknown, condition = 'RetriesExhausted'): FailureRecord => ({
    requestContext: { condition, approximateInvokeCount: 3 },
    requestPayload: { Records: [{ s3: { bucket: { name: 'b' }, object: { key } } }] as never },
    responseContext: { functionError: 'Unhandled' },
    responsePayload: payload,
  });

  it('reads how the run ended', () => {
    expect(stopReasonOf(record('k', { errorMessage: '2026-04-02T09:00:00.000Z abc Task timed out after 300.00 seconds' }))).toBe('timeout');
    expect(stopReasonOf(record('k', { errorType: 'Runtime.OutOfMemory', errorMessage: 'Runtime exited with error: signal: killed' }))).toBe('memory');
    expect(stopReasonOf(record('k', { errorType: 'Error', errorMessage: 'boom' }))).toBe('error');
    expect(stopReasonOf(record('k', null, 'EventAgeExceeded'))).toBe('expired');
  });

  it('marks a PROCESSING upload FAILED with what happened; leaves a DONE one alone; ignores keys that are not uploads', async () => {
    const store = new MemoryAuditStore();
    const base = { key: '', filename: 'Basic_LinkedInDataExport_03-31-2026.zip', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() };
    await store.putUpload(USER, { ...base, uploadId: 'u1', key: `uploads/${USER}/u1.zip`, status: 'PROCESSING' });
    await store.putUpload(USER, { ...base, uploadId: 'u2', key: `uploads/${USER}/u2.zip`, status: 'DONE', committed: true });
    const oom = await markEventFailed({ store, blobs: new MemoryBlobStore(), now: () => NOW, timeoutMs: 300_000 }, failedEventOf(record(`uploads/${USER}/u1.zip`, { errorType: 'Runtime.OutOfMemory' })));
    expect(oom).toEqual([{ key: `uploads/${USER}/u1.zip`, outcome: 'FAILED', reason: 'memory' }]);
    const u1 = (await store.getUpload(USER, 'u1'))!;
    expect(u1).toMatchObject({ status: 'FAILED', errorCode: 'memory', filename: base.filename, createdAt: base.createdAt });
    expect(u1.message).toMatch(/^Processing of Basic_LinkedInDataExport_03-31-2026\.zip stopped: it ran out of memory/);
    expect(u1.message).toMatch(/Split the export/);

    const late = await markEventFailed({ store, blobs: new MemoryBlobStore() }, failedEventOf(record(`uploads/${USER}/u2.zip`, { errorMessage: 'Task timed out after 300.00 seconds' })));
    expect(late[0]!.outcome).toBe('ALREADY_DONE');
    expect((await store.getUpload(USER, 'u2'))!.status).toBe('DONE');

    const timeout = await markEventFailed({ store, blobs: new MemoryBlobStore(), timeoutMs: 300_000 }, failedEventOf(record(`uploads/${USER}/u3.csv`, { errorMessage: 'Task timed out after 300.00 seconds' })));
    expect(timeout[0]!.outcome).toBe('FAILED');
    expect((await store.getUpload(USER, 'u3'))!.message).toMatch(/ran out of time \(5 minutes at most\)/);
    expect((await markEventFailed({ store, blobs: new MemoryBlobStore() }, failedEventOf(record('reports/u/report-2025.html', {}))))[0]!.outcome).toBe('NOT_AN_UPLOAD');
  });
});

describe('bounds checked before the first write', () => {
  it('the size estimate is never below what DynamoDB counts, and a verdict over the item limit is refused with a message', () => {
    expect(storedSize('héllo')).toBe(6);
    expect(storedSize({ a: 1, b: [true, null] })).toBeGreaterThanOrEqual(1 + 1 + 1 + 1 + 1 + 1);
    const big = { id: 'x', direction: 'INCOMING', sentAt: '2025-01-01T00:00:00.000Z', counterpart: { name: '中'.repeat(70_000) } } as unknown as ClassifiedRequest;
    expect(() => assertStorable([big], 'Invitations.csv')).toThrow(ExportError);
    expect(() => assertStorable([big], 'Invitations.csv')).toThrow(/received invitation of 2025-01-01 is \d+ KB .* nothing was stored/);
    expect(() => assertStorable([{ ...big, counterpart: { name: 'Ada' } } as unknown as ClassifiedRequest], 'Invitations.csv')).not.toThrow();
    expect(isPermanent(new ExportError('too_large', 'x'))).toBe(true);
    expect(isPermanent(Object.assign(new Error('x'), { name: 'ThrottlingException' }))).toBe(false);
  });

  it('an upload record stays bounded whatever its warnings say', () => {
    const huge: UploadRecord = {
      uploadId: 'u',
      key: 'k',
      filename: 'f'.repeat(10_000),
      status: 'DONE',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      message: 'm'.repeat(100_000),
      problems: Array.from({ length: 500 }, (_, i) => ({ file: 'Invitations.csv', row: i, reason: `Direction "${'x'.repeat(10_000)}" is not INCOMING or OUTGOING` }) as never),
    };
    const bounded = boundedUpload(huge);
    expect(storedSize(bounded)).toBeLessThanOrEqual(MAX_UPLOAD_RECORD_BYTES);
    expect(MAX_UPLOAD_RECORD_BYTES).toBeLessThan(DYNAMO_ITEM_LIMIT / 4);
    expect(bounded.problems!.length).toBeGreaterThan(10);
    expect(bounded.filename.length).toBeLessThanOrEqual(255);
  });

  it('the years an upload record lists (years, pendingYears and its lease) keep it bounded; an export dated in more years is refused', () => {
    const years = Array.from({ length: MAX_UPLOAD_YEARS }, (_, i) => 1600 + i);
    expect(() => assertYearsStorable(years, 'Invitations.csv')).not.toThrow();
    expect(() => assertYearsStorable([...years, 9999], 'Invitations.csv')).toThrow(/dated in 501 different years.*nothing was stored/);
    const worst: UploadRecord = {
      uploadId: 'u'.repeat(1024),
      key: 'k'.repeat(1024),
      filename: 'f'.repeat(10_000),
      status: 'FAILED',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      message: 'm'.repeat(100_000),
      errorCode: 'INTERNAL',
      years,
      pendingYears: years,
      pendingLease: `${'u'.repeat(1024)}#${ID(1)}`,
      problems: [],
      committed: true,
    };
    expect(storedSize(boundedUpload(worst))).toBeLessThanOrEqual(MAX_UPLOAD_RECORD_BYTES);
  });
});

describe('a run that rewrote stats and reports, then failed or was given up, is counted nowhere (issue 13)', () => {
  const ROWS_2024: ExportRow[] = ROWS.slice(0, 6).map((r, i) => ({ ...r, name: `Earlier Person${i}`, sentAt: `${1 + i}/${3 + i}/24, 10:${String(i).padStart(2, '0')} AM` }));
  const FIRST: ExportSpec = { ...EXPORT, rows: ROWS.slice(0, 10) };
  /** Overlaps FIRST (rows 5-9, a newer export), adds rows of 2025 and a year FIRST does not have. */
  const SECOND: ExportSpec = { ...EXPORT, rows: [...ROWS.slice(5), ...ROWS_2024], date: '04-01-2026' };

  /**
   * Stores that die with the run: the DONE write (after the stats and reports are written) kills
   * it, and from then on nothing it tries reaches storage (no cleanup of its own, its lease kept),
   * as when Lambda stops it for time or memory. `revive` ends the process (the failure handler runs elsewhere).
   */
  function killedAtDone(store: MemoryAuditStore, blobs: MemoryBlobStore) {
    let dead = false;
    const dying = <T extends object>(target: T, onCall?: (name: string, args: unknown[]) => void): T =>
      new Proxy(target, {
        get(t, p) {
          const v = Reflect.get(t, p, t) as unknown;
          if (typeof v !== 'function') return v;
          return (...args: unknown[]) => {
            onCall?.(String(p), args);
            if (dead) return Promise.reject(Object.assign(new Error('killed'), { name: 'Killed' }));
            return (v as (...a: unknown[]) => unknown).apply(t, args);
          };
        },
      });
    const deadStore = dying(store, (name, args) => {
      if (name === 'putUpload' && (args[1] as UploadRecord).status === 'DONE') dead = true;
    });
    return { store: deadStore, blobs: dying(blobs), revive: () => (dead = false) };
  }

  /** What every read shows of the user: verdicts, coverages, per-year stats and report pages (byte for byte). */
  async function shown(store: MemoryAuditStore, blobs: MemoryBlobStore) {
    const years = await store.listYears(USER);
    return {
      verdicts: (await store.queryVerdicts(USER, { limit: 100 })).items,
      coverages: await store.listCoverages(USER),
      years,
      stats: await Promise.all(years.map((y) => store.getYearStats(USER, y))),
      reports: Object.fromEntries([2024, 2025, 2026].map((y) => [y, blobs.report(USER, y)])),
    };
  }

  /** The store of a clean run of `committed` alone (same clock, same ids). */
  async function cleanOf(committed: [string, ExportSpec][]) {
    const { store, blobs, deps, upload } = setup();
    for (const [id, spec] of committed) expect((await ingestUpload(deps, await upload(id, spec))).status).toBe('DONE');
    return shown(store, blobs);
  }

  async function killedRun(committed: [string, ExportSpec][], failedId: string, failedSpec: ExportSpec) {
    const env = setup();
    for (const [id, spec] of committed) expect((await ingestUpload(env.deps, await env.upload(id, spec))).status).toBe('DONE');
    const ref = await env.upload(failedId, failedSpec);
    const killed = killedAtDone(env.store, env.blobs);
    // A deadline, as Lambda gives one: the dead run's lease outlives the failure handler's wait.
    await expect(ingestUpload({ ...env.deps, store: killed.store, blobs: killed.blobs, remainingMs: () => 600_000 }, ref)).rejects.toThrow('killed');
    killed.revive();
    return { ...env, ref };
  }

  const giveUp = (env: { store: MemoryAuditStore; blobs: MemoryBlobStore }, key: string) =>
    markEventFailed(
      { store: env.store, blobs: env.blobs, logger: silent, now: () => NOW, timeoutMs: 300_000, lease: { leaseWaitMs: 200, leasePollMs: 10 } },
      failedEventOf({
        requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
        requestPayload: { Records: [{ s3: { bucket: { name: 'b' }, object: { key } } }] as never },
        responseContext: { functionError: 'Unhandled' },
        responsePayload: { errorType: 'Runtime.OutOfMemory' },
      }),
    );

  it('the first upload of an account, killed after its stats and reports were written, then given up: no stats, no report, no coverage', async () => {
    const env = await killedRun([], ID(20), SECOND);
    // The crash window: the stats and reports count verdicts nobody can see.
    expect((await env.store.listYears(USER)).length).toBeGreaterThan(0);
    expect(env.blobs.report(USER, 2025)).not.toBeNull();
    const record = (await env.store.getUpload(USER, ID(20)))!;
    expect(record).toMatchObject({ status: 'PROCESSING', pendingYears: [2024, 2025] });

    expect(await giveUp(env, env.ref.key)).toEqual([{ key: env.ref.key, outcome: 'FAILED', reason: 'memory' }]);
    expect(await shown(env.store, env.blobs)).toEqual(await cleanOf([]));
    expect(env.blobs.keys().filter((k) => k.startsWith('reports/'))).toEqual([]);
    expect((await env.store.getUpload(USER, ID(20)))!).toMatchObject({ status: 'FAILED', errorCode: 'memory' });
    // A second delivery of the same record (SQS retry) changes nothing.
    await giveUp(env, env.ref.key);
    expect(await shown(env.store, env.blobs)).toEqual(await cleanOf([]));
  });

  it('after an earlier committed upload of the same year: stats, report and coverages go back to exactly those of that upload', async () => {
    const env = await killedRun([[ID(21), FIRST]], ID(22), SECOND);
    const clean = await cleanOf([[ID(21), FIRST]]);
    expect(clean.years).toEqual([2025]);
    expect(clean.reports[2025]).toMatch(/^<!doctype html>/i);
    const crashed = await shown(env.store, env.blobs);
    expect(crashed.stats).not.toEqual(clean.stats);
    expect(crashed.reports[2025]).not.toBe(clean.reports[2025]);

    await giveUp(env, env.ref.key);
    const after = await shown(env.store, env.blobs);
    expect(after.reports[2025]).toBe(clean.reports[2025]); // byte for byte
    expect(after).toEqual(clean);
    // The next upload of the same export commits as if the failed one never happened.
    expect((await ingestUpload(env.deps, await env.upload(ID(23), SECOND))).status).toBe('DONE');
    expect(await shown(env.store, env.blobs)).toEqual(await cleanOf([[ID(21), FIRST], [ID(23), SECOND]]));
  });

  it('a failed upload of one year after a committed one of two: every report as before, byte for byte (each year over year shows both years, whichever years a run rewrote)', async () => {
    const ONLY_2024: ExportSpec = { ...EXPORT, rows: ROWS_2024.slice(0, 3), date: '05-01-2026' };
    const env = await killedRun([[ID(24), SECOND]], ID(25), ONLY_2024);
    const clean = await cleanOf([[ID(24), SECOND]]);
    expect(clean.years).toEqual([2024, 2025]);
    // One run wrote both years: the earlier year's report shows the later one too.
    for (const year of [2024, 2025]) expect(clean.reports[year]).toMatch(/2024[\s\S]*2025/);
    await giveUp(env, env.ref.key);
    const after = await shown(env.store, env.blobs);
    expect(after.reports[2024]).toBe(clean.reports[2024]); // byte for byte
    expect(after).toEqual(clean);
  });

  it("a retry that cannot get the dead run's lease keeps its pending years and lease on the record: the give-up still takes it over at once", async () => {
    const env = await killedRun([[ID(29), FIRST]], ID(30), SECOND);
    // The runtime's retry: the dead run still holds the user's lease, so it ends FAILED for a retry without writing.
    const retry = ingestUpload({ ...env.deps, remainingMs: () => 1_000, watchdogMarginMs: 10, leasePollMs: 10 }, env.ref);
    await retry.catch(() => undefined);
    expect((await env.store.getUpload(USER, ID(30)))!).toMatchObject({ status: 'FAILED', pendingYears: [2024, 2025], pendingLease: expect.stringMatching(new RegExp(`^${ID(30)}#`)) });
    await giveUp(env, env.ref.key);
    expect(await shown(env.store, env.blobs)).toEqual(await cleanOf([[ID(29), FIRST]]));
  });

  it("the run's own FAILED path (an error a retry cannot fix, after the stats were written) puts the years back before it returns", async () => {
    class RefusesDone extends MemoryAuditStore {
      override async putUpload(userId: string, upload: UploadRecord, options?: { unlessDone?: boolean }) {
        if (upload.status === 'DONE') throw Object.assign(new Error('refused'), { name: 'ValidationException' });
        return super.putUpload(userId, upload, options);
      }
    }
    const env = setup({}, new RefusesDone());
    expect((await ingestUpload(env.deps, await env.upload(ID(24), FIRST))).status).toBe('FAILED');
    expect(await shown(env.store, env.blobs)).toEqual(await cleanOf([]));
    expect((await env.store.getUpload(USER, ID(24)))!).toMatchObject({ status: 'FAILED', errorCode: 'ValidationException', pendingYears: [2025] });
  });

  it('the watchdog firing while the run writes a report: the run ends FAILED (out of time) only once the years are back', async () => {
    const env = setup();
    expect((await ingestUpload(env.deps, await env.upload(ID(27), FIRST))).status).toBe('DONE');
    // The report write outlasts the run's whole time: the watchdog fires during it.
    const slow = Object.assign(Object.create(env.blobs), {
      putReport: async (userId: string, year: number, html: string) => {
        await new Promise((r) => setTimeout(r, 3_000));
        return env.blobs.putReport(userId, year, html);
      },
    }) as MemoryBlobStore;
    const outcome = await ingestUpload({ ...env.deps, blobs: slow, remainingMs: () => 2_000, watchdogMarginMs: 100 }, await env.upload(ID(28), SECOND));
    expect(outcome).toMatchObject({ status: 'FAILED', upload: { errorCode: 'timeout' } });
    // Already when it returns (the runtime may freeze the process right after).
    expect(await shown(env.store, env.blobs)).toEqual(await cleanOf([[ID(27), FIRST]]));
    expect((await env.store.getUpload(USER, ID(28)))!).toMatchObject({ status: 'FAILED', errorCode: 'timeout' });
  });

  /** Someone else's export (another owner), of the same year. */
  const STRANGER: ExportSpec = { owner: { first: 'Kim', last: 'Sørlie' }, rows: ROWS.slice(0, 4).map((r, i) => ({ ...r, name: `Other Person${i}` })), date: '04-15-2026' };
  const MAREN = { name: 'Maren Okafor', profileUrl: 'https://www.linkedin.com/in/maren-okafor' };

  it("a first upload killed, then given up, leaves the account without an owner: someone else's export is then accepted", async () => {
    const env = await killedRun([], ID(40), FIRST);
    expect(await env.store.getOwner(USER)).toEqual(MAREN); // claimed by the dead run
    expect((await env.store.getUpload(USER, ID(40)))!).toMatchObject({ status: 'PROCESSING', ownerClaimed: true });
    await giveUp(env, env.ref.key);
    expect(await env.store.getOwner(USER)).toBeNull();
    expect((await ingestUpload(env.deps, await env.upload(ID(41), STRANGER))).status).toBe('DONE');
    expect((await env.store.getOwner(USER))!.name).toBe('Kim Sørlie');
  });

  it("a first upload ending FAILED on its own (an error a retry cannot fix, after its stats were written) gives the owner back before it returns", async () => {
    let refuse = true;
    class RefusesDone extends MemoryAuditStore {
      override async putUpload(userId: string, upload: UploadRecord, options?: { unlessDone?: boolean }) {
        if (refuse && upload.status === 'DONE') throw Object.assign(new Error('refused'), { name: 'ValidationException' });
        return super.putUpload(userId, upload, options);
      }
    }
    const env = setup({}, new RefusesDone());
    expect((await ingestUpload(env.deps, await env.upload(ID(42), FIRST))).status).toBe('FAILED');
    expect(await env.store.getOwner(USER)).toBeNull();
    expect((await env.store.getUpload(USER, ID(42)))!).toMatchObject({ status: 'FAILED', ownerClaimed: true });
    refuse = false;
    expect((await ingestUpload(env.deps, await env.upload(ID(43), STRANGER))).status).toBe('DONE');
  });

  it('a first upload stopped by the watchdog after its claim gives the owner back before it returns', async () => {
    const env = setup();
    const slow = Object.assign(Object.create(env.blobs), {
      putReport: async (userId: string, year: number, html: string) => {
        await new Promise((r) => setTimeout(r, 3_000));
        return env.blobs.putReport(userId, year, html);
      },
    }) as MemoryBlobStore;
    const outcome = await ingestUpload({ ...env.deps, blobs: slow, remainingMs: () => 2_000, watchdogMarginMs: 100 }, await env.upload(ID(44), FIRST));
    expect(outcome).toMatchObject({ status: 'FAILED', upload: { errorCode: 'timeout' } });
    expect(await env.store.getOwner(USER)).toBeNull();
    expect((await ingestUpload(env.deps, await env.upload(ID(45), STRANGER))).status).toBe('DONE');
  });

  it("a failed upload after a committed one keeps the owner: someone else's export is still refused", async () => {
    const env = await killedRun([[ID(46), FIRST]], ID(47), SECOND);
    await giveUp(env, env.ref.key);
    expect(await env.store.getOwner(USER)).toEqual(MAREN);
    const refused = await ingestUpload(env.deps, await env.upload(ID(48), STRANGER));
    expect(refused).toMatchObject({ status: 'FAILED', upload: { errorCode: 'owner_mismatch' } });
    // The refused run gives back nothing of the owner it did not get.
    expect(await env.store.getOwner(USER)).toEqual(MAREN);
  });

  it('a transient error after the stats were written: FAILED and rethrown for the retry, the years already back; the retry converges', async () => {
    let fail = false;
    class FlakyDone extends MemoryAuditStore {
      override async putUpload(userId: string, upload: UploadRecord, options?: { unlessDone?: boolean }) {
        if (fail && upload.status === 'DONE') throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
        return super.putUpload(userId, upload, options);
      }
    }
    const env = setup({}, new FlakyDone());
    expect((await ingestUpload(env.deps, await env.upload(ID(25), FIRST))).status).toBe('DONE');
    const ref = await env.upload(ID(26), SECOND);
    fail = true;
    await expect(ingestUpload(env.deps, ref)).rejects.toThrow('throttled');
    expect(await shown(env.store, env.blobs)).toEqual(await cleanOf([[ID(25), FIRST]]));
    fail = false;
    expect((await ingestUpload(env.deps, ref)).status).toBe('DONE');
    expect(await shown(env.store, env.blobs)).toEqual(await cleanOf([[ID(25), FIRST], [ID(26), SECOND]]));
    const done = (await env.store.getUpload(USER, ID(26)))!;
    expect(done.pendingYears).toBeUndefined();
    expect(done.ownerClaimed).toBeUndefined();
    expect(done.pendingLease).toBeUndefined();
  });
});
