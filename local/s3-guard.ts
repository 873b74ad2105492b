/**
 * The S3 emulator's door (Koa middleware in front of s3rver, which itself checks no V4 signature
 * and no POST policy). A request gets in only when:
 * - it comes from this machine by a loopback name (else 403, or 421 for a foreign `Host`);
 * - a browser `Origin`, if any, is the local page's own (CORS preflights included);
 * - it is signed with the stack's credentials: in the `Authorization` header, as a presigned URL
 *   (with its expiry), or as a POST form whose signed policy holds as S3 enforces it (key, size,
 *   expiry, no extra fields).
 * Refusals answer S3's XML error shape, so SDKs and the AWS CLI show them as S3 would.
 */
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { refuseNonLocal } from './loopback.mjs';
import { verifyHeaderSignature, verifyPostPolicy, verifyPresignedUrl, type Credentials, type Verdict } from './sigv4.mjs';

export interface S3GuardOptions {
  credentials: Credentials;
  region: string;
  /** Page origins allowed to call from a browser (`http://127.0.0.1:<web port>` …). */
  allowedOrigins: () => readonly string[];
  /** The port s3rver listens on (known once it runs). */
  port: () => number;
  /** Largest POST form body read into memory to check its policy. */
  maxFormBytes: number;
}

interface KoaContext {
  req: IncomingMessage;
  method: string;
  status: number;
  body: unknown;
  set(name: string, value: string): void;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function refuse(ctx: KoaContext, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.set('content-type', 'application/xml');
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`;
}

const STATUS: Record<string, number> = {
  InvalidAccessKeyId: 403,
  SignatureDoesNotMatch: 403,
  RequestTimeTooSkewed: 403,
  AccessDenied: 403,
  EntityTooLarge: 400,
};

async function readAll(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A POST form (browser upload): its fields and the size of its file, from the buffered body. */
async function readForm(body: Buffer, contentType: string): Promise<{ fields: Record<string, string>; fileSize: number } | null> {
  let data: FormData;
  try {
    data = await new Response(new Blob([new Uint8Array(body)]), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return null;
  }
  const fields: Record<string, string> = {};
  let fileSize = -1;
  data.forEach((value, name) => {
    if (name.toLowerCase() === 'file') fileSize = typeof value === 'string' ? Buffer.byteLength(value) : value.size;
    else if (typeof value === 'string') fields[name] = value;
  });
  return fileSize < 0 ? null : { fields, fileSize };
}

export function createS3Guard(options: S3GuardOptions) {
  const expect = () => ({ credentials: options.credentials, region: options.region, service: 's3' as const });

  return async function s3Guard(ctx: KoaContext, next: () => Promise<unknown>): Promise<void> {
    const req = ctx.req;
    const local = refuseNonLocal(req, options.port());
    if (local) return refuse(ctx, local.status, local.status === 421 ? 'MisdirectedRequest' : 'AccessDenied', local.message);

    const origin = req.headers.origin;
    if (origin !== undefined && !options.allowedOrigins().includes(origin)) {
      return refuse(ctx, 403, 'AccessDenied', 'This origin may not use the local S3 emulator.');
    }
    // A preflight carries no credentials; s3rver answers it from the bucket's CORS (the page's
    // origins only), though with `*` where S3 names the origin: named here.
    if (ctx.method === 'OPTIONS') {
      await next();
      if (origin !== undefined && ctx.status < 300) ctx.set('access-control-allow-origin', origin);
      return;
    }

    const url = req.url ?? '/';
    const query = url.includes('?') ? new URLSearchParams(url.slice(url.indexOf('?') + 1)) : new URLSearchParams();
    let verdict: Verdict;
    if (req.headers.authorization !== undefined) {
      const payloadHash = req.headers['x-amz-content-sha256'];
      verdict = verifyHeaderSignature({ method: req.method ?? 'GET', url, headers: req.headers, payloadHash: typeof payloadHash === 'string' ? payloadHash : undefined }, expect());
    } else if (query.has('X-Amz-Algorithm')) {
      verdict = verifyPresignedUrl({ method: req.method ?? 'GET', url, headers: req.headers }, expect());
    } else if (req.method === 'POST' && String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      const body = await readAll(req, options.maxFormBytes);
      if (!body) return refuse(ctx, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');
      const form = await readForm(body, String(req.headers['content-type']));
      if (!form) return refuse(ctx, 400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data with one file.');
      const bucket = decodeURIComponent(url.split('?')[0].split('/')[1] ?? '');
      verdict = verifyPostPolicy({ bucket, fields: form.fields, fileSize: form.fileSize }, expect());
      if (verdict.ok) {
        // s3rver's POST handler reads the form again from ctx.req (Koa's request keeps the original for URL and headers).
        ctx.req = Object.assign(Readable.from([body]), { headers: req.headers }) as unknown as IncomingMessage;
      }
    } else {
      verdict = { ok: false, code: 'AccessDenied', message: 'Anonymous requests are not accepted: sign them with the credentials in stack.json.' };
    }
    if (!verdict.ok) return refuse(ctx, STATUS[verdict.code] ?? 400, verdict.code, verdict.message);
    await next();
  };
}
