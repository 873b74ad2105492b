/**
 * The local stack is yours alone: every port refuses what does not come from this machine, by a
 * loopback name, signed with this run's credentials, from the page's own origin. Each refusal is
 * shown against the running stack over real HTTP, beside the request that does get in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { GetObjectCommand, ListObjectsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { decodeJwt } from 'jose';
import { startLocalStack, type LocalStack } from '../../../local/index.ts';
import { TOKEN_LIFETIME } from '../../../local/auth.ts';

const FOREIGN_ORIGIN = 'http://evil.localhost:8080';

/** A raw request with any Host header (fetch cannot set Host). */
function rawRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** An SDK client whose requests carry extra headers, added before signing (so they are signed too). */
function withHeaders<C extends S3Client | DynamoDBClient>(client: C, headers: Record<string, string>): C {
  type Next = (args: { request: unknown }) => Promise<unknown>;
  (client.middlewareStack as unknown as { add(mw: (next: Next) => Next, opts: object): void }).add(
    (next) => async (args) => {
      Object.assign((args.request as { headers: Record<string, string> }).headers, headers);
      return next(args);
    },
    { step: 'build', name: 'extraHeaders' },
  );
  return client;
}

function s3Client(stack: LocalStack, credentials = stack.credentials): S3Client {
  return new S3Client({ region: stack.region, endpoint: stack.s3Endpoint, forcePathStyle: true, credentials, requestChecksumCalculation: 'WHEN_REQUIRED' });
}
function dynamoClient(stack: LocalStack, credentials = stack.credentials): DynamoDBClient {
  return new DynamoDBClient({ region: stack.region, endpoint: stack.dynamoEndpoint, credentials, maxAttempts: 1 });
}

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (err) {
    return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? -1;
  }
}

describe('local stack access', () => {
  let stack: LocalStack;
  const port = (url: string) => new URL(url).port;

  beforeAll(async () => {
    stack = await startLocalStack({ memory: true, port: 0, s3Port: 0, dynamoPort: 0, seed: false });
    await s3Client(stack).send(new PutObjectCommand({ Bucket: stack.bucket, Key: `reports/${stack.userId}/report-2025.html`, Body: '<p>Ada Lovelace</p>' }));
  });
  afterAll(() => stack?.stop());

  describe('S3 emulator', () => {
    it('answers requests signed with this run\'s credentials', async () => {
      const listed = await s3Client(stack).send(new ListObjectsCommand({ Bucket: stack.bucket, Prefix: 'reports/' }));
      expect(listed.Contents?.map((o) => o.Key)).toEqual([`reports/${stack.userId}/report-2025.html`]);
    });

    it('refuses unsigned requests, the well-known S3RVER key, a wrong secret and a stale signature', async () => {
      const anonymous = await fetch(`${stack.s3Endpoint}/${stack.bucket}?prefix=reports/`);
      expect(anonymous.status).toBe(403);
      expect(await anonymous.text()).toContain('<Code>AccessDenied</Code>');
      const anonymousGet = await fetch(`${stack.s3Endpoint}/${stack.bucket}/reports/${stack.userId}/report-2025.html`);
      expect(anonymousGet.status).toBe(403);
      expect(await anonymousGet.text()).not.toContain('Ada');
      const anonymousPut = await fetch(`${stack.s3Endpoint}/${stack.bucket}/uploads/${stack.userId}/x.csv`, { method: 'PUT', body: 'a,b' });
      expect(anonymousPut.status).toBe(403);

      const list = new ListObjectsCommand({ Bucket: stack.bucket });
      expect(await status(s3Client(stack, { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }).send(list))).toBe(403);
      expect(await status(s3Client(stack, { accessKeyId: stack.credentials.accessKeyId, secretAccessKey: 'not-the-secret' }).send(list))).toBe(403);
      const fake = await fetch(`${stack.s3Endpoint}/${stack.bucket}`, {
        headers: {
          authorization: `AWS4-HMAC-SHA256 Credential=${stack.credentials.accessKeyId}/20200101/${stack.region}/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
          'x-amz-date': '20200101T000000Z',
          'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
        },
      });
      expect(fake.status).toBe(403);
      expect(await fake.text()).toContain('RequestTimeTooSkewed');
    });

    it('refuses a foreign web origin (request and preflight) and a foreign Host, even when signed', async () => {
      const list = new ListObjectsCommand({ Bucket: stack.bucket });
      expect(await status(withHeaders(s3Client(stack), { origin: FOREIGN_ORIGIN }).send(list))).toBe(403);
      expect(await status(withHeaders(s3Client(stack), { host: `evil.example:${port(stack.s3Endpoint)}` }).send(list))).toBe(421);
      expect(await status(withHeaders(s3Client(stack), { origin: stack.webUrl }).send(list))).toBe(200);

      const preflight = (origin: string) =>
        fetch(`${stack.s3Endpoint}/${stack.bucket}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      const foreign = await preflight(FOREIGN_ORIGIN);
      expect(foreign.status).toBe(403);
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      const own = await preflight(stack.webUrl);
      expect(own.status).toBe(200);
      expect(own.headers.get('access-control-allow-origin')).toBe(stack.webUrl);
    });

    it('honours presigned URLs until they expire, and not once edited', async () => {
      const s3 = s3Client(stack);
      const get = new GetObjectCommand({ Bucket: stack.bucket, Key: `reports/${stack.userId}/report-2025.html` });
      const url = await getSignedUrl(s3, get, { expiresIn: 60 });
      expect(await (await fetch(url)).text()).toBe('<p>Ada Lovelace</p>');
      const expired = await getSignedUrl(s3, get, { expiresIn: 60, signingDate: new Date(Date.now() - 3600_000) });
      const res = await fetch(expired);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Request has expired');
      const edited = url.replace(`reports/${stack.userId}/`, 'reports/someone-else/');
      expect((await fetch(edited)).status).toBe(403);
    });

    it('enforces the presigned POST policy: key, size, expiry, no extra fields', async () => {
      const s3 = s3Client(stack);
      const key = `uploads/${stack.userId}/mine.csv`;
      const form = async (policy: Parameters<typeof createPresignedPost>[1], edit: (f: FormData) => void = () => {}, body = 'From,To\n') => {
        const post = await createPresignedPost(s3, policy);
        const data = new FormData();
        for (const [k, v] of Object.entries(post.fields)) data.append(k, v);
        edit(data);
        data.append('file', new Blob([body]), 'x.csv');
        const res = await fetch(post.url, { method: 'POST', body: data });
        return { status: res.status, text: await res.text() };
      };
      const policy = { Bucket: stack.bucket, Key: key, Conditions: [['content-length-range', 1, 100]] as ['content-length-range', number, number][], Expires: 60 };

      expect((await form(policy)).status).toBeLessThan(300);
      const moved = await form(policy, (f) => f.set('key', `uploads/another-user/mine.csv`));
      expect(moved.status).toBe(403);
      expect(moved.text).toContain('Policy Condition failed');
      const big = await form(policy, undefined, 'x'.repeat(101));
      expect(big.status).toBe(400);
      expect(big.text).toContain('EntityTooLarge');
      const extra = await form(policy, (f) => f.set('x-amz-meta-owner', 'me'));
      expect(extra.status).toBe(403);
      expect(extra.text).toContain('Extra input fields');
      const forged = await form(policy, (f) => f.set('X-Amz-Signature', '0'.repeat(64)));
      expect(forged.status).toBe(403);
      expect((await form({ ...policy, Expires: -5 })).text).toContain('Policy expired');
      const anonymous = new FormData();
      anonymous.set('key', key);
      anonymous.append('file', new Blob(['From,To\n']), 'x.csv');
      expect((await fetch(`${stack.s3Endpoint}/${stack.bucket}`, { method: 'POST', body: anonymous })).status).toBe(403);
    });
  });

  describe('DynamoDB emulator', () => {
    it('answers signed requests and refuses unsigned, wrongly signed, S3RVER-signed and foreign-origin ones', async () => {
      const scan = new ScanCommand({ TableName: stack.table, Limit: 1 });
      expect(await status(dynamoClient(stack).send(scan))).toBe(200);
      expect(await status(dynamoClient(stack, { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }).send(scan))).toBe(400);
      expect(await status(dynamoClient(stack, { accessKeyId: stack.credentials.accessKeyId, secretAccessKey: 'wrong' }).send(scan))).toBe(400);
      expect(await status(withHeaders(dynamoClient(stack), { origin: FOREIGN_ORIGIN }).send(scan))).toBe(403);
      expect(await status(withHeaders(dynamoClient(stack), { host: `evil.example:${port(stack.dynamoEndpoint)}` }).send(scan))).toBe(421);

      const body = JSON.stringify({ TableName: stack.table });
      const headers = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.Scan' };
      const unsigned = await fetch(stack.dynamoEndpoint, { method: 'POST', headers, body });
      expect(unsigned.status).toBe(403);
      const fakeSig = await fetch(stack.dynamoEndpoint, {
        method: 'POST',
        headers: {
          ...headers,
          origin: FOREIGN_ORIGIN,
          'x-amz-date': '20261205T000000Z',
          authorization: `AWS4-HMAC-SHA256 Credential=x/20261205/${stack.region}/dynamodb/aws4_request, SignedHeaders=host, Signature=abc`,
        },
        body,
      });
      expect(fakeSig.status).toBe(403);
      expect(await fakeSig.text()).not.toContain('Items');
      const preflight = await fetch(stack.dynamoEndpoint, { method: 'OPTIONS', headers: { origin: stack.webUrl, 'access-control-request-method': 'POST' } });
      expect(preflight.status).toBe(403);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('page and API server', () => {
    it('serves the page only by a loopback name, and the API to the page\'s own origin only', async () => {
      const webPort = port(stack.webUrl);
      const rebound = await rawRequest(`${stack.webUrl}/`, { headers: { host: `evil.example:${webPort}` } });
      expect(rebound.status).toBe(421);
      expect(rebound.body).not.toContain(stack.userId);
      for (const host of [`127.0.0.1:${webPort}`, `localhost:${webPort}`]) {
        const ok = await rawRequest(`${stack.webUrl}/`, { headers: { host } });
        expect(ok.status, host).toBe(200);
      }

      const auth = { authorization: `Bearer ${stack.token}` };
      const foreign = await fetch(`${stack.apiUrl}/years`, { headers: { ...auth, origin: FOREIGN_ORIGIN } });
      expect(foreign.status).toBe(403);
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      const foreignPreflight = await fetch(`${stack.apiUrl}/years`, { method: 'OPTIONS', headers: { origin: FOREIGN_ORIGIN, 'access-control-request-method': 'GET' } });
      expect(foreignPreflight.status).toBe(403);
      const own = await fetch(`${stack.apiUrl}/years`, { headers: { ...auth, origin: stack.webUrl } });
      expect(own.status).toBe(200);
      expect(own.headers.get('access-control-allow-origin')).toBe(stack.webUrl);
      const sameOriginNoHeader = await fetch(`${stack.apiUrl}/years`, { headers: auth });
      expect(sameOriginNoHeader.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('issues tokens that last hours, not a month', async () => {
      for (const token of [stack.token, stack.demo.token]) {
        const { exp, iat } = decodeJwt(token);
        expect((exp! - iat!) * 1000).toBe(TOKEN_LIFETIME.ms);
        expect(TOKEN_LIFETIME.ms).toBeLessThanOrEqual(12 * 3600_000);
      }
    });
  });
});
