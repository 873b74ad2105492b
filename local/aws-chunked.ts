/**
 * s3rver stores `aws-chunked` request bodies verbatim, framing and trailing checksum included (the
 * AWS SDKs and CLI v2 send streamed uploads that way unless told `WHEN_REQUIRED`): silent
 * corruption. This Koa middleware, put in front of s3rver's routes, decodes such bodies the way S3
 * does, so `aws s3 cp` and default-configured SDK clients store exactly the bytes they sent.
 */
import { Transform, type TransformCallback } from 'node:stream';
import type { IncomingMessage } from 'node:http';

/** Decodes `<hex size>[;chunk-signature=…]\r\n<data>\r\n … 0\r\n<trailers>\r\n\r\n`. */
export class AwsChunkedDecoder extends Transform {
  private buf: Buffer = Buffer.alloc(0);
  private state: 'size' | 'data' | 'crlf' | 'done' = 'size';
  /** Bytes of data left in the current chunk. */
  private remaining = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
    if (this.state === 'done') return cb();
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    try {
      for (;;) {
        if (this.state === 'size') {
          const eol = this.buf.indexOf('\r\n');
          if (eol < 0) break;
          const size = Number.parseInt(this.buf.subarray(0, eol).toString('latin1').split(';')[0].trim(), 16);
          if (!Number.isFinite(size) || size < 0) throw new Error('malformed aws-chunked body');
          this.buf = this.buf.subarray(eol + 2);
          if (size === 0) {
            this.state = 'done'; // trailers (checksums) follow: not part of the object
            break;
          }
          this.remaining = size;
          this.state = 'data';
        } else if (this.state === 'data') {
          if (this.buf.length === 0) break;
          const take = Math.min(this.remaining, this.buf.length);
          this.push(this.buf.subarray(0, take));
          this.buf = this.buf.subarray(take);
          this.remaining -= take;
          if (this.remaining > 0) break;
          this.state = 'crlf';
        } else if (this.state === 'crlf') {
          if (this.buf.length < 2) break;
          this.buf = this.buf.subarray(2);
          this.state = 'size';
        } else break;
      }
      cb();
    } catch (err) {
      cb(err as Error);
    }
  }
}

interface KoaLikeContext {
  req: IncomingMessage;
}

export function isAwsChunked(headers: IncomingMessage['headers']): boolean {
  const enc = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return /(^|,)\s*aws-chunked\s*(,|$)/i.test(enc) || sha.startsWith('STREAMING-');
}

/** Koa middleware: replaces an aws-chunked request body with the decoded one (and fixes the headers). */
export async function decodeAwsChunked(ctx: KoaLikeContext, next: () => Promise<unknown>): Promise<void> {
  const req = ctx.req;
  if (isAwsChunked(req.headers)) {
    const decodedLength = req.headers['x-amz-decoded-content-length'];
    const enc = String(req.headers['content-encoding'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s && s.toLowerCase() !== 'aws-chunked')
      .join(', ');
    if (enc) req.headers['content-encoding'] = enc;
    else delete req.headers['content-encoding'];
    if (decodedLength !== undefined) req.headers['content-length'] = String(decodedLength);
    const decoded = req.pipe(new AwsChunkedDecoder());
    req.on('error', (err) => decoded.destroy(err));
    // s3rver reads the body from ctx.req (PutObject, UploadPart) and headers from ctx.headers.
    ctx.req = Object.assign(decoded, { headers: req.headers }) as unknown as IncomingMessage;
  }
  await next();
}
