/**
 * What an upload is, for every use case that names one (the upload form, the ingest, the failure
 * handler) without pulling in the ingest and its classifier: its reference, its size limit, the
 * metadata field of its file name, and its id as logs may show it.
 */
import { createHash } from 'node:crypto';

/** The upload to process: whose it is, its id, and the key storage knows it by. */
export interface UploadRef {
  userId: string;
  uploadId: string;
  key: string;
}

/** Largest upload accepted (bytes): the presigned form's limit and the ingest's, before download. A real export is a few MB. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** The user-metadata field carrying the original file name (URI-encoded: S3 metadata is ASCII). */
export const FILENAME_METADATA = 'filename';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An upload id as it may be logged: the API hands out UUIDs, but an object put straight into the
 * bucket (`aws s3 cp`) is named by the user's file name, which can carry a name: logged as a hash.
 */
export function loggableUploadId(uploadId: string): string {
  return UUID.test(uploadId) ? uploadId : `sha256:${createHash('sha256').update(uploadId).digest('hex').slice(0, 16)}`;
}
