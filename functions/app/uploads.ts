/** POST /uploads (a presigned form to upload an export with) and GET /uploads/{uploadId} (its status). */
import { randomUUID } from 'node:crypto';
import type { ApiContext } from './api-context.ts';
import { notFound, parse, type ApiAnswer, type ApiRequest } from './http.ts';
import { FILENAME_METADATA, MAX_UPLOAD_BYTES } from './upload.ts';
import { uploadBody, uploadIdParam } from './schemas.ts';

export async function createUpload(req: ApiRequest, ctx: ApiContext): Promise<ApiAnswer> {
  const body = parse(uploadBody, req.body ?? {}, 'body');
  const format = body.format ?? (body.filename!.toLowerCase().endsWith('.zip') ? 'zip' : 'csv');
  const filename = body.filename ?? (format === 'zip' ? 'LinkedInDataExport.zip' : 'Invitations.csv');
  const uploadId = randomUUID();
  const form = await ctx.blobs.uploadForm(req.userId, uploadId, format, {
    maxBytes: MAX_UPLOAD_BYTES,
    // S3 metadata is ASCII: the name travels URI-encoded.
    metadata: { [FILENAME_METADATA]: encodeURIComponent(filename) },
    expiresInSeconds: ctx.uploadFormSeconds,
  });
  const at = ctx.now().toISOString();
  await ctx.store.putUpload(req.userId, { uploadId, key: form.key, filename, status: 'PENDING', createdAt: at, updatedAt: at });
  return {
    status: 201,
    body: {
      uploadId,
      key: form.key,
      method: 'POST',
      url: form.url,
      fields: form.fields,
      maxBytes: MAX_UPLOAD_BYTES,
      expiresAt: new Date(ctx.now().getTime() + ctx.uploadFormSeconds * 1000).toISOString(),
    },
  };
}

export async function getUpload(req: ApiRequest, ctx: ApiContext): Promise<ApiAnswer> {
  const { uploadId } = parse(uploadIdParam, req.params, 'path');
  const upload = await ctx.store.getUpload(req.userId, uploadId);
  if (!upload) throw notFound(`no upload "${uploadId}" for this account: use the uploadId returned by POST /uploads`);
  // The lease holder of a run and its owner claim are the ingest's own bookkeeping, not part of the status.
  const { pendingLease: _lease, ownerClaimed: _claim, ...status } = upload;
  return { status: 200, body: status };
}
