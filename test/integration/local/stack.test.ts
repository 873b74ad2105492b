/**
 * The embedded local stack end to end, in-process on free ports: emulators, S3-event bridge, the
 * real ingest and API handlers, the local JWT check. Exports go in through the AWS SDK (PutObject)
 * and through the presigned POST route (fetch + FormData); stats, verdicts and reports come back
 * through the HTTP API. Real SDK, real HTTP on 127.0.0.1, no mocks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { startLocalStack, DEMO_USER_ID, LOCAL_USER_ID, type LocalStack } from '../../../local/index.ts';
import { startLocalEmulators } from '../../../local/emulators.ts';
import { createClients } from '../../../functions/aws/clients.ts';
import { loggableUploadId } from '../../../functions/app/upload.ts';
import { EXTRA, ROWS, csv, exportZip, incoming } from '../../helpers/local-export.ts';

interface UploadStatus {
  status: string;
  message?: string;
  counts?: { requests: number; received: number; sent: number };
  years?: number[];
}

async function api<T = unknown>(stack: LocalStack, path: string, init: RequestInit = {}, token = stack.token): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stack.apiUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function waitForUpload(stack: LocalStack, uploadId: string): Promise<UploadStatus> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const { status, body } = await api<UploadStatus>(stack, `/uploads/${encodeURIComponent(uploadId)}`);
    if (status === 200 && (body.status === 'DONE' || body.status === 'FAILED')) return body;
    if (Date.now() > deadline) throw new Error(`upload ${uploadId} still ${status === 200 ? body.status : `HTTP ${status}`}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Stats {
  year: number;
  totals: { received: number; sent: number };
  byCategory: Record<string, number>;
}
interface Verdict {
  id: string;
  year: number;
  direction: string;
  category: string;
  verdict: string;
  reasons: { rule: string; evidence: string }[];
  counterpart: { name: string };
}

async function allVerdicts(stack: LocalStack, query: string): Promise<Verdict[]> {
  const out: Verdict[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams(query);
    q.set('limit', '2');
    if (cursor) q.set('cursor', cursor);
    const { status, body } = await api<{ items: Verdict[]; cursor: string | null }>(stack, `/verdicts?${q}`);
    expect(status).toBe(200);
    out.push(...body.items);
    cursor = body.cursor;
  } while (cursor);
  return out;
}

describe('local stack (--memory, free ports)', () => {
  let stack: LocalStack;
  const logs: string[] = [];

  beforeAll(async () => {
    stack = await startLocalStack({ memory: true, port: 0, s3Port: 0, dynamoPort: 0, seed: false, retryBackoffMs: 50, log: (l) => logs.push(l) });
  });
  afterAll(() => stack?.stop());

  it('refuses the API without a token, as the JWT authorizer does', async () => {
    const res = await fetch(`${stack.apiUrl}/years`);
    expect(res.status).toBe(401);
    const { status, body } = await api<{ years: number[] }>(stack, '/years');
    expect(status).toBe(200);
    expect(body.years).toEqual([]);
  });

  it('runs the pipeline for an Invitations.csv put with the AWS SDK (key with a space and Unicode)', async () => {
    const s3 = createClients({ region: stack.region, s3Endpoint: stack.s3Endpoint, credentials: stack.credentials }).s3;
    const uploadId = 'my invitations é';
    await s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: `uploads/${stack.userId}/${uploadId}.csv`, Body: csv(ROWS), ContentType: 'text/csv' }));
    const done = await waitForUpload(stack, uploadId);
    expect(done.status, done.message).toBe('DONE');
    expect(done.counts).toMatchObject({ requests: 6, received: 5, sent: 1 });

    const years = await api<{ years: number[] }>(stack, '/years');
    expect([...years.body.years].sort()).toEqual([2024, 2025]);
    const s25 = await api<Stats>(stack, '/stats/2025');
    expect(s25.status).toBe(200);
    expect(s25.body.totals).toMatchObject({ received: 3, sent: 1 });
    const s24 = await api<Stats>(stack, '/stats/2024');
    expect(s24.body.totals).toMatchObject({ received: 2, sent: 0 });
    expect((await api(stack, '/stats/2023')).status).toBe(404);
  });

  it('serves verdicts with reasons, filtered by year, direction and category, consistent with the stats', async () => {
    const all2025 = await allVerdicts(stack, 'year=2025');
    expect(all2025).toHaveLength(4);
    expect(new Set(all2025.map((v) => v.id)).size).toBe(4);
    expect(all2025.every((v) => v.year === 2025)).toBe(true);
    expect(all2025.filter((v) => v.category !== 'no_message').every((v) => v.reasons.length > 0)).toBe(true);
    expect(all2025.find((v) => v.counterpart.name === 'Cy Quiet')?.category).toBe('no_message');

    const sent = await allVerdicts(stack, 'year=2025&direction=OUTGOING');
    expect(sent.map((v) => v.counterpart.name)).toEqual(['Sam Peer']);

    const stats = (await api<Stats>(stack, '/stats/2025')).body;
    for (const [category, n] of Object.entries(stats.byCategory)) {
      if (n === 0) continue;
      const items = await allVerdicts(stack, `year=2025&category=${category}`);
      expect(items, category).toHaveLength(n);
      expect(items.every((v) => v.category === category)).toBe(true);
    }
    const bad = await api<{ detail: string }>(stack, '/verdicts?category=spam');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/category/);
  });

  it('links each year to its report on S3', async () => {
    const { status, body } = await api<{ url: string }>(stack, '/reports/2025');
    expect(status).toBe(200);
    expect(body.url.startsWith(stack.s3Endpoint)).toBe(true);
    const report = await fetch(body.url);
    expect(report.status).toBe(200);
    const html = await report.text();
    expect(html).toMatch(/<html/i);
    expect(html).toContain('2025');
  });

  it('runs the pipeline for a zip sent through the presigned POST route, re-counting without duplicates', async () => {
    const created = await api<{ uploadId: string; url: string; fields: Record<string, string> }>(stack, '/uploads', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'Basic_LinkedInDataExport_03-20-2025.zip' }),
    });
    expect(created.status).toBe(201);
    const form = new FormData();
    for (const [k, v] of Object.entries(created.body.fields)) form.append(k, v);
    form.append('file', new Blob([exportZip([...ROWS, EXTRA])], { type: 'application/zip' }), 'Basic_LinkedInDataExport_03-20-2025.zip');
    const posted = await fetch(created.body.url, { method: 'POST', body: form });
    expect(posted.status).toBeLessThan(300);

    const done = await waitForUpload(stack, created.body.uploadId);
    expect(done.status, done.message).toBe('DONE');
    expect(done.counts).toMatchObject({ requests: 7, received: 6, sent: 1 });
    const s25 = await api<Stats>(stack, '/stats/2025');
    expect(s25.body.totals).toMatchObject({ received: 4, sent: 1 });
    expect(await allVerdicts(stack, 'year=2025')).toHaveLength(5);
    expect((await api<Stats>(stack, '/stats/2024')).body.totals).toMatchObject({ received: 2 });
  });

  it('ends an unreadable upload FAILED with a readable message and keeps the object', async () => {
    const s3 = createClients({ region: stack.region, s3Endpoint: stack.s3Endpoint, credentials: stack.credentials }).s3;
    const key = `uploads/${stack.userId}/broken.zip`;
    await s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: 'this is not a zip file' }));
    const failed = await waitForUpload(stack, 'broken');
    expect(failed.status).toBe('FAILED');
    expect(failed.message).toMatch(/zip/i);
    expect(failed.message).not.toMatch(/\n\s+at /);
    expect((await s3.send(new HeadObjectCommand({ Bucket: stack.bucket, Key: key }))).ContentLength).toBeGreaterThan(0);
  });

  it("keeps users apart: another user's token sees nothing of the demo user's data", async () => {
    const other = await stack.issueToken('another-user');
    expect((await api<{ years: number[] }>(stack, '/years', {}, other)).body.years).toEqual([]);
    expect((await api(stack, `/uploads/${encodeURIComponent('my invitations é')}`, {}, other)).status).toBe(404);
    expect((await api(stack, '/stats/2025', {}, other)).status).toBe(404);
    expect((await api(stack, '/reports/2025', {}, other)).status).toBe(404);
  });

  it('ignores objects outside uploads/ and logs every ingest by its loggable id, never by its key (a file name can carry a name)', async () => {
    // 'my invitations é' was put straight into the bucket: named by its hash; the page's uploads by their UUID.
    expect(logs).toContainEqual(expect.stringMatching(new RegExp(`^ingest upload ${loggableUploadId('my invitations é')}: done`)));
    expect(loggableUploadId('my invitations é')).toMatch(/^sha256:[0-9a-f]{16}$/);
    const ingestLines = logs.filter((l) => l.startsWith('ingest ') && !l.startsWith('ingest warning:'));
    expect(ingestLines.length).toBeGreaterThan(1);
    for (const line of ingestLines) expect(line).toMatch(/^ingest upload (sha256:[0-9a-f]{16}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}): /);
    const terminal = logs.join('\n');
    expect(terminal).not.toMatch(/invitations|é|%C3%A9/i);
    // No object key either (the API's lines name routes: `/uploads/{uploadId}`).
    expect(terminal).not.toMatch(/(uploads|reports)\/(?!\{)/);
  });
});

describe('local stack on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aoi-stack-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('seeds the demo account once, writes stack.json (0600), and keeps data, key and token valid across a restart', async () => {
    const sample = join(dir, 'Basic_LinkedInDataExport_03-20-2025.zip');
    await writeFile(sample, exportZip(ROWS));

    const first = await startLocalStack({ dir: join(dir, 'data'), port: 0, s3Port: 0, dynamoPort: 0, seed: sample });
    let firstToken: string;
    const firstCredentials = first.credentials;
    try {
      // The sample goes into the demo account, beside yours: your account stays empty for your own export.
      expect(first.userId).toBe(LOCAL_USER_ID);
      expect(first.demo.userId).toBe(DEMO_USER_ID);
      expect(first.seededKey).toMatch(new RegExp(`^uploads/${DEMO_USER_ID}/.+\\.zip$`));
      await first.idle();
      const stackJson = join(dir, 'data', 'stack.json');
      expect((await stat(stackJson)).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'data'))).mode & 0o777).toBe(0o700);
      const file = JSON.parse(await readFile(stackJson, 'utf8'));
      expect(file).toEqual({
        webUrl: first.webUrl,
        apiUrl: first.apiUrl,
        s3Endpoint: first.s3Endpoint,
        dynamoEndpoint: first.dynamoEndpoint,
        bucket: first.bucket,
        table: first.table,
        region: first.region,
        accessKeyId: first.credentials.accessKeyId,
        secretAccessKey: first.credentials.secretAccessKey,
        token: first.token,
        tokenExpires: expect.any(String),
        userId: first.userId,
        demoUserId: DEMO_USER_ID,
      });
      const hours = (Date.parse(file.tokenExpires) - Date.now()) / 3600_000;
      expect(hours).toBeGreaterThan(1);
      expect(hours).toBeLessThanOrEqual(12);
      expect((await api<{ years: number[] }>(first, '/years', {}, first.demo.token)).body.years.sort()).toEqual([2024, 2025]);
      expect((await api<{ years: number[] }>(first, '/years')).body.years).toEqual([]);
      firstToken = first.token;
      // your own upload (CSV, a 2023 row), so that the restart sees several objects under uploads/
      const s3 = createClients({ region: first.region, s3Endpoint: first.s3Endpoint, credentials: first.credentials }).s3;
      await s3.send(new PutObjectCommand({ Bucket: first.bucket, Key: `uploads/${first.userId}/older.csv`, Body: csv([incoming('Gil Old', 'gil-old', '6/01/23, 9:00 AM', '')]) }));
      await first.idle();
      expect((await api<{ years: number[] }>(first, '/years')).body.years).toEqual([2023]);
      // a second stack on the same data folder is refused, readably
      await expect(startLocalStack({ dir: join(dir, 'data'), port: 0, s3Port: 0, dynamoPort: 0, seed: false })).rejects.toThrow(
        /data folder .* is in use by another `aoi start`/,
      );
      expect((await api(first, '/years')).status).toBe(200);
    } finally {
      await first.stop();
    }

    // An object that lands while nothing delivers its event (the stack stopped mid-way) ...
    const bare = await startLocalEmulators({ bucket: 'aoi-local', table: 'aoi-local', region: 'us-east-1', memory: false, dir: join(dir, 'data'), s3Port: 0, dynamoPort: 0 });
    try {
      await bare.clients.s3.send(new PutObjectCommand({ Bucket: bare.bucket, Key: `uploads/${LOCAL_USER_ID}/lost event.csv`, Body: csv([incoming('Hal Late', 'hal-late', '7/04/22, 9:00 AM', '')]) }));
    } finally {
      await bare.stop();
    }

    const secondLogs: string[] = [];
    const second = await startLocalStack({ dir: join(dir, 'data'), port: 0, s3Port: 0, dynamoPort: 0, seed: sample, log: (l) => secondLogs.push(l) });
    try {
      expect(second.seededKey).toBeNull();
      // ... is processed at the next start, and only that one
      await second.idle();
      const resumed = await api<UploadStatus>(second, `/uploads/${encodeURIComponent('lost event')}`);
      expect(resumed.body.status).toBe('DONE');
      // Named by its loggable id: the raw file name (it can carry a name) never reaches the terminal.
      expect(secondLogs.filter((l) => l.startsWith('ingest '))).toEqual([expect.stringMatching(new RegExp(`^ingest upload ${loggableUploadId('lost event')}: done`))]);
      expect(secondLogs.join('\n')).not.toMatch(/lost[ +]event|lost%20event/i);
      expect((await api<{ years: number[] }>(second, '/years')).body.years.sort()).toEqual([2022, 2023]);
      expect((await api<Stats>(second, '/stats/2025', {}, second.demo.token)).body.totals).toMatchObject({ received: 3, sent: 1 });
      // fresh credentials at each start: the first run's are refused now
      expect(second.credentials.accessKeyId).not.toBe(firstCredentials.accessKeyId);
      const stale = createClients({ region: second.region, s3Endpoint: second.s3Endpoint, credentials: firstCredentials }).s3;
      await expect(stale.send(new HeadObjectCommand({ Bucket: second.bucket, Key: `uploads/${LOCAL_USER_ID}/older.csv` }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
      expect((await api(second, '/years', {}, firstToken)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});
