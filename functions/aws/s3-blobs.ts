/**
 * The S3 adapter of BlobStore. Reads stream: an object is piped to a temporary file under
 * os.tmpdir() (the zip reader needs random access; a CSV is read from the same file), and the
 * file is removed afterwards. Upload forms are presigned POST policies (key, size range, fields);
 * report links are presigned GETs. Keys come from keys.ts.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type ObjectIdentifier,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { BlobInfo, BlobStore, UploadForm } from '../audit/ports.ts';
import { reportKey, uploadKey, userPrefixes } from './keys.ts';

/** S3 user metadata travels as `x-amz-meta-<name>` form fields and headers. */
const META = 'x-amz-meta-';

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

export class S3BlobStore implements BlobStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  async head(key: string): Promise<BlobInfo | null> {
    try {
      const out = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      const metadata: Record<string, string> = {};
      for (const [k, v] of Object.entries(out.Metadata ?? {})) metadata[k.toLowerCase()] = v;
      return { size: out.ContentLength ?? 0, contentType: out.ContentType, metadata };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async withLocalCopy<T>(key: string, use: (path: string) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(join(tmpdir(), 'aoi-blob-'));
    try {
      const path = join(dir, 'object');
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      await pipeline(out.Body as Readable, createWriteStream(path));
      return await use(path);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async deleteUser(userId: string): Promise<number> {
    let deleted = 0;
    for (const prefix of userPrefixes(userId)) {
      for (;;) {
        // One page at a time, deleted before listing again (DeleteObjects takes at most 1000 keys).
        const batch = await this.listPage(prefix);
        if (!batch.length) break;
        const out = await this.s3.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch, Quiet: true } }));
        if (out.Errors?.length) throw new Error(`S3 refused to delete ${out.Errors.length} object(s) (${out.Errors[0]?.Code})`);
        deleted += batch.length;
      }
    }
    return deleted;
  }

  /**
   * Up to 1000 objects under `prefix`: every version and delete marker on a versioned bucket
   * (ListObjectVersions), or the objects themselves where versions are not supported (the local
   * emulator answers NotImplemented or 405).
   */
  private async listPage(prefix: string): Promise<ObjectIdentifier[]> {
    if (this.versions !== false) {
      try {
        const out = await this.s3.send(new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix: prefix, MaxKeys: 1000 }));
        this.versions = true;
        return [...(out.Versions ?? []), ...(out.DeleteMarkers ?? [])].map((v) => ({ Key: v.Key!, VersionId: v.VersionId }));
      } catch (err) {
        const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (this.versions === true || !(e.name === 'NotImplemented' || e.name === 'MethodNotAllowed' || e.$metadata?.httpStatusCode === 405 || e.$metadata?.httpStatusCode === 501)) throw err;
        this.versions = false;
      }
    }
    const out = await this.s3.send(new ListObjectsCommand({ Bucket: this.bucket, Prefix: prefix, MaxKeys: 1000 }));
    return (out.Contents ?? []).map((o) => ({ Key: o.Key! }));
  }

  /** Whether the bucket answers ListObjectVersions (unknown until asked). */
  private versions: boolean | undefined;

  async putReport(userId: string, year: number, html: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: reportKey(userId, year), Body: Buffer.from(html, 'utf8'), ContentType: 'text/html; charset=utf-8' }));
  }

  /** A DeleteObject (in a versioned bucket: a delete marker; the year's earlier pages stay as versions until DELETE /data). */
  async deleteReport(userId: string, year: number): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: reportKey(userId, year) }));
  }

  async reportLink(userId: string, year: number, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: reportKey(userId, year) }), { expiresIn: expiresInSeconds });
  }

  async uploadForm(
    userId: string,
    uploadId: string,
    format: 'zip' | 'csv',
    opts: { maxBytes: number; metadata: Record<string, string>; expiresInSeconds: number },
  ): Promise<UploadForm> {
    const key = uploadKey(userId, uploadId, format);
    const fields = Object.fromEntries(Object.entries(opts.metadata).map(([k, v]) => [`${META}${k}`, v]));
    const post = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      Conditions: [['content-length-range', 1, opts.maxBytes], ...Object.entries(fields).map(([k, v]) => ['eq', `$${k}`, v] as ['eq', string, string])],
      Fields: fields,
      Expires: opts.expiresInSeconds,
    });
    return { key, url: post.url, fields: post.fields };
  }
}
