/**
 * The local stack's parts against the real emulators over real HTTP on loopback: the S3-event
 * bridge (filter, S3's key encoding, retries, order), the API Gateway v2 event conversion and
 * route selection, the local JWT authorizer, and port-in-use errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { PutObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { AwsChunkedDecoder } from '../../../local/aws-chunked.ts';
import { ListTablesCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, S3Event } from 'aws-lambda';
import { SignJWT, generateKeyPair } from 'jose';
import { startLocalEmulators, type LocalEmulators } from '../../../local/emulators.ts';
import { createS3EventBridge, encodeS3EventKey, type BridgeLogEntry } from '../../../local/bridge.ts';
import { createRouter, fromApiGatewayResult } from '../../../local/api-event.ts';
import { createLocalAuth, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../../local/auth.ts';
import { startLocalServer, type LocalServer } from '../../../local/server.ts';
import { PortInUseError } from '../../../local/errors.ts';
import { createTableInput } from '../../../functions/aws/table.ts';

const decode = (k: string) => decodeURIComponent(k.replace(/\+/g, ' '));

describe('emulators + S3-event bridge', () => {
  let emu: LocalEmulators;
  beforeAll(async () => {
    emu = await startLocalEmulators({ bucket: 'aoi-test', table: 'aoi-test', region: 'eu-west-3', memory: true, dir: '', s3Port: 0, dynamoPort: 0 });
  });
  afterAll(() => emu?.stop());

  it('creates the table with the shared definition, in dynalite on its own port', async () => {
    expect(emu.dynamoEndpoint).not.toBe(emu.s3Endpoint);
    const tables = await emu.clients.dynamo.send(new ListTablesCommand({}));
    expect(tables.TableNames).toContain('aoi-test');
    const { Table } = await emu.clients.dynamo.send(new DescribeTableCommand({ TableName: 'aoi-test' }));
    const expected = createTableInput('aoi-test');
    expect(Table?.KeySchema).toEqual(expected.KeySchema);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(expected.GlobalSecondaryIndexes.map((i) => i.IndexName));
  });

  it('invokes ingest only for uploads/*.zip|csv, with the key encoded as S3 does', async () => {
    const seen: S3Event[] = [];
    const logs: BridgeLogEntry[] = [];
    const bridge = createS3EventBridge({ region: emu.region, invoke: async (e) => void seen.push(e), log: (l) => logs.push(l) });
    const off = emu.onS3Event((e) => bridge.handle(e));
    const keys = ['uploads/u1/my export é+(1).zip', 'uploads/u1/Invitations.CSV', 'uploads/u1/notes.txt', 'reports/u1/report-2024.html', 'other/x.zip'];
    for (const Key of keys) await emu.clients.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key, Body: 'x' }));
    await bridge.idle();
    off();

    const got = seen.map((e) => e.Records[0]);
    expect(got.map((r) => decode(r.s3.object.key)).sort()).toEqual(['uploads/u1/Invitations.CSV', 'uploads/u1/my export é+(1).zip']);
    const zip = got.find((r) => r.s3.object.key.endsWith('.zip'))!;
    expect(zip.s3.object.key).toContain('my+export');
    expect(zip.s3.object.key).toContain('%2B');
    expect(zip.s3.object.key).not.toMatch(/[ é]/);
    expect(zip.s3.bucket).toMatchObject({ name: 'aoi-test', arn: 'arn:aws:s3:::aoi-test' });
    expect(zip).toMatchObject({ eventSource: 'aws:s3', awsRegion: 'eu-west-3', eventName: 'ObjectCreated:Put' });
    expect(zip.s3.object.size).toBe(1);
    expect(logs.filter((l) => l.outcome === 'ok')).toHaveLength(2);
    expect(logs).toContainEqual({ outcome: 'ignored', key: 'uploads/u1/notes.txt', reason: 'not a .zip or .csv' });
  });

  it('retries a failing invoke twice with growing delays, then gives up and says so', async () => {
    const attempts: number[] = [];
    const logs: BridgeLogEntry[] = [];
    let calls = 0;
    const bridge = createS3EventBridge({
      region: emu.region,
      backoffMs: 5,
      invoke: async (e) => {
        attempts.push(Date.now());
        calls++;
        if (decode(e.Records[0].s3.object.key).includes('flaky') && calls >= 3) return;
        throw new Error(`boom ${calls}`);
      },
      log: (l) => logs.push(l),
    });
    const off = emu.onS3Event((e) => bridge.handle(e));
    await emu.clients.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: 'uploads/u2/flaky.csv', Body: 'a' }));
    await bridge.idle();
    expect(calls).toBe(3);
    expect(logs.map((l) => l.outcome)).toEqual(['retry', 'retry', 'ok']);
    expect(logs.filter((l) => l.outcome === 'retry').map((l) => (l as { delayMs: number }).delayMs)).toEqual([5, 10]);

    calls = -100;
    logs.length = 0;
    await emu.clients.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: 'uploads/u2/broken.zip', Body: 'b' }));
    await bridge.idle();
    off();
    expect(logs.map((l) => l.outcome)).toEqual(['retry', 'retry', 'failed']);
    const failed = logs[2] as Extract<BridgeLogEntry, { outcome: 'failed' }>;
    expect(failed.attempts).toBe(3);
    expect(failed.error).toMatch(/boom/);
    expect(decode(failed.event.Records[0].s3.object.key)).toBe('uploads/u2/broken.zip');
  });

  it('handles the events of one key in arrival order', async () => {
    const order: string[] = [];
    const bridge = createS3EventBridge({
      region: emu.region,
      concurrency: 4,
      invoke: async (e) => {
        const size = e.Records[0].s3.object.size;
        await new Promise((r) => setTimeout(r, size === 3 ? 60 : 1));
        order.push(`${decode(e.Records[0].s3.object.key)}:${size}`);
      },
    });
    const off = emu.onS3Event((e) => bridge.handle(e));
    for (const Body of ['aaa', 'bb', 'c']) await emu.clients.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: 'uploads/u3/same.csv', Body }));
    await bridge.idle();
    off();
    expect(order).toEqual(['uploads/u3/same.csv:3', 'uploads/u3/same.csv:2', 'uploads/u3/same.csv:1']);
  });

  it('stores streamed bodies intact (client checksum setting)', async () => {
    const text = 'From,To\n"a, b",c\n'.repeat(1000);
    await emu.clients.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: 'misc/body.csv', Body: text }));
    const got = await emu.clients.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key: 'misc/body.csv' }));
    expect(await got.Body!.transformToString()).toBe(text);
  });

  it('stores streamed uploads from a default-configured SDK client intact (aws-chunked decoded)', async () => {
    const s3 = new S3Client({ region: emu.region, endpoint: emu.s3Endpoint, forcePathStyle: true, credentials: emu.credentials });
    try {
      const text = 'From,To,Sent At\n"Ann, PhD",Bob,"3/14/25, 9:05 AM"\n'.repeat(5000);
      await s3.send(
        new PutObjectCommand({ Bucket: emu.bucket, Key: 'misc/streamed.csv', Body: Readable.from([Buffer.from(text.slice(0, 70_001)), Buffer.from(text.slice(70_001))]), ContentLength: Buffer.byteLength(text) }),
      );
      const got = await emu.clients.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key: 'misc/streamed.csv' }));
      expect(got.ContentLength).toBe(Buffer.byteLength(text));
      expect(await got.Body!.transformToString()).toBe(text);
    } finally {
      s3.destroy();
    }
  });

  it('says which port is taken and which flag to pass', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const s3Clash = startLocalEmulators({ bucket: 'b', table: 't', region: 'us-east-1', memory: true, dir: '', s3Port: port, dynamoPort: 0 });
      await expect(s3Clash).rejects.toBeInstanceOf(PortInUseError);
      await expect(s3Clash).rejects.toThrow(`port ${port} (S3 emulator) is in use; pass --s3-port`);
      const dynClash = startLocalEmulators({ bucket: 'b', table: 't', region: 'us-east-1', memory: true, dir: '', s3Port: 0, dynamoPort: port });
      await expect(dynClash).rejects.toThrow(`port ${port} (DynamoDB emulator) is in use; pass --dynamo-port`);
    } finally {
      blocker.close();
    }
  });
});

describe('aws-chunked decoding', () => {
  it('decodes a chunked body with signatures and trailers, whatever the read boundaries', async () => {
    const parts = ['hello, ', 'wörld\r\n', 'x'.repeat(300)];
    const encoded = Buffer.concat([
      ...parts.map((p) => {
        const b = Buffer.from(p);
        return Buffer.concat([Buffer.from(`${b.length.toString(16)};chunk-signature=abc\r\n`), b, Buffer.from('\r\n')]);
      }),
      Buffer.from('0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n'),
    ]);
    for (const step of [1, 2, 3, 7, encoded.length]) {
      const pieces: Buffer[] = [];
      for (let i = 0; i < encoded.length; i += step) pieces.push(encoded.subarray(i, i + step));
      const out: Buffer[] = [];
      for await (const c of Readable.from(pieces).pipe(new AwsChunkedDecoder())) out.push(c as Buffer);
      expect(Buffer.concat(out).toString(), `step ${step}`).toBe(parts.join(''));
    }
  });
});

describe('S3 key encoding', () => {
  it('round-trips through the handler-side decoding for awkward keys', () => {
    for (const key of ['uploads/a b/c+d.zip', 'uploads/ü/日本 語.csv', "uploads/x/it's (1)!*.zip", 'uploads/%20/100%.csv']) {
      const enc = encodeS3EventKey(key);
      expect(enc).not.toContain(' ');
      expect(decode(enc)).toBe(key);
    }
  });
});

describe('API Gateway route selection', () => {
  const router = createRouter(['GET /uploads/{uploadId}', 'GET /uploads/latest', 'POST /uploads', 'ANY /files/{proxy+}', 'GET /files/{name}']);
  it('prefers literal segments, then parameters, then greedy, and exact methods', () => {
    expect(router.match('GET', '/uploads/latest')).toEqual({ routeKey: 'GET /uploads/latest', pathParameters: undefined });
    expect(router.match('GET', '/uploads/abc%20d')).toEqual({ routeKey: 'GET /uploads/{uploadId}', pathParameters: { uploadId: 'abc d' } });
    expect(router.match('GET', '/files/a')).toEqual({ routeKey: 'GET /files/{name}', pathParameters: { name: 'a' } });
    expect(router.match('DELETE', '/files/a/b')).toEqual({ routeKey: 'ANY /files/{proxy+}', pathParameters: { proxy: 'a/b' } });
    expect(router.match('GET', '/uploads')).toBeNull();
    expect(router.match('POST', '/uploads/x')).toBeNull();
  });
  it('maps payload-2.0 results the way API Gateway does', () => {
    expect(fromApiGatewayResult({ a: 1 } as never)).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/json' } });
    const bin = fromApiGatewayResult({ statusCode: 201, headers: { 'X-A': 'b' }, body: Buffer.from([0, 1, 2]).toString('base64'), isBase64Encoded: true, cookies: ['c=1'] });
    expect(bin.statusCode).toBe(201);
    expect([...bin.body]).toEqual([0, 1, 2]);
    expect(bin.headers).toMatchObject({ 'x-a': 'b', 'set-cookie': ['c=1'] });
  });
});

describe('local server: JWT authorizer and v2 events over real HTTP', () => {
  let server: LocalServer;
  const events: APIGatewayProxyEventV2WithJWTAuthorizer[] = [];
  let token: string;
  let issue: (sub: string, opts?: { expiresIn?: string }) => Promise<string>;

  beforeAll(async () => {
    const auth = await createLocalAuth(undefined);
    issue = auth.issueToken;
    token = await auth.issueToken('user-1');
    server = await startLocalServer({
      port: 0,
      routes: ['GET /stats/{year}', 'POST /uploads', 'GET /verdicts'],
      auth,
      pageConfig: async () => ({ apiUrl: `${server.url}/api`, token, userId: 'user-1', demo: { userId: 'demo-1', token: 'demo-token' } }),
      invoke: async (event) => {
        events.push(event);
        return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: event.requestContext.authorizer.jwt.claims.sub }) };
      },
    });
  });
  afterAll(() => server?.close());

  it('turns a request into a v2 event with the claims, path and query parameters', async () => {
    events.length = 0;
    const res = await fetch(`${server.url}/api/stats/2024?a=1&a=2&b=x%20y`, { headers: { authorization: `Bearer ${token}`, 'x-Custom': 'v', cookie: 'k=1; j=2' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sub: 'user-1' });
    const e = events[0];
    expect(e.version).toBe('2.0');
    expect(e.routeKey).toBe('GET /stats/{year}');
    expect(e.requestContext.routeKey).toBe('GET /stats/{year}');
    expect(e.rawPath).toBe('/stats/2024');
    expect(e.requestContext.http.method).toBe('GET');
    expect(e.pathParameters).toEqual({ year: '2024' });
    expect(e.rawQueryString).toBe('a=1&a=2&b=x%20y');
    expect(e.queryStringParameters).toEqual({ a: '1,2', b: 'x y' });
    expect(e.headers['x-custom']).toBe('v');
    expect(e.cookies).toEqual(['k=1', 'j=2']);
    expect(e.requestContext.authorizer.jwt.claims).toMatchObject({ sub: 'user-1', iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE });
    expect(e.body).toBeUndefined();
  });

  it('passes JSON bodies as text and binary bodies base64-encoded', async () => {
    events.length = 0;
    await fetch(`${server.url}/api/uploads`, { method: 'POST', headers: { authorization: token, 'content-type': 'application/json' }, body: '{"filename":"é.zip"}' });
    await fetch(`${server.url}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: new Uint8Array([255, 0, 1]) });
    expect(events[0]).toMatchObject({ body: '{"filename":"é.zip"}', isBase64Encoded: false });
    expect(events[1].isBase64Encoded).toBe(true);
    expect([...Buffer.from(events[1].body!, 'base64')]).toEqual([255, 0, 1]);
  });

  it('answers 401 before the handler without a valid token', async () => {
    events.length = 0;
    const otherKey = (await generateKeyPair('ES256')).privateKey;
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).setSubject('user-1').setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setExpirationTime('1h').sign(otherKey);
    const expired = await issue('user-1', { expiresIn: '-1m' });
    for (const authorization of [undefined, 'Bearer', 'Bearer not.a.jwt', `Bearer ${forged}`, `Bearer ${expired}`]) {
      const res = await fetch(`${server.url}/api/verdicts`, { headers: authorization ? { authorization } : {} });
      expect(res.status, String(authorization)).toBe(401);
      expect(await res.json()).toEqual({ message: 'Unauthorized' });
    }
    expect(events).toHaveLength(0);
  });

  it('answers 404 for unknown routes and serves the page with its config', async () => {
    expect((await fetch(`${server.url}/api/nope`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    const json = /<script id="aoi-config" type="application\/json">(.*?)<\/script>/.exec(html)?.[1];
    expect(JSON.parse(json!)).toEqual({ apiUrl: `${server.url}/api`, token, userId: 'user-1', demo: { userId: 'demo-1', token: 'demo-token' } });
    for (const asset of ['/app.js', '/app.css', '/favicon.svg']) expect((await fetch(server.url + asset)).status, asset).toBe(200);
    expect((await fetch(`${server.url}/../../etc/passwd`)).status).toBe(404);
  });

  it('says which port is taken for the web server', async () => {
    const auth = await createLocalAuth(undefined);
    const clash = startLocalServer({ port: server.port, routes: [], auth, invoke: async () => ({}), pageConfig: async () => ({ apiUrl: '', token: '', userId: '', demo: { userId: '', token: '' } }) });
    await expect(clash).rejects.toThrow(`port ${server.port} (web page and API) is in use; pass --port`);
  });
});
