/**
 * Where things live in the bucket, in one place: the S3 keys of uploads and reports, how an S3
 * event spells a key, and which keys trigger ingest. Only the S3 adapter and the primary adapters
 * (the ingest handler, the local stack) use them; the use cases speak of uploads and reports.
 */
import type { UploadRef } from '../app/upload.ts';
import { REPORT_PREFIX, UPLOAD_PREFIX, UPLOAD_SUFFIXES } from './config.ts';

/** True when an S3 key is an upload that must trigger ingest (same filter as the CDK notification). */
export function isIngestKey(key: string): boolean {
  return key.startsWith(UPLOAD_PREFIX) && UPLOAD_SUFFIXES.some((s) => key.endsWith(s));
}

/** `uploads/<userId>/<uploadId>.<zip|csv>` → its parts; null for keys that are not uploads. */
export function parseUploadKey(key: string): UploadRef | null {
  if (!isIngestKey(key)) return null;
  const rest = key.slice(UPLOAD_PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return null;
  const userId = rest.slice(0, slash);
  const file = rest.slice(slash + 1);
  const uploadId = file.replace(/\.(zip|csv)$/i, '');
  if (!uploadId) return null;
  return { userId, uploadId, key };
}

export function uploadKey(userId: string, uploadId: string, format: 'zip' | 'csv'): string {
  return `${UPLOAD_PREFIX}${userId}/${uploadId}.${format}`;
}

/** Every folder holding a user's objects (what deleting their data empties). */
export function userPrefixes(userId: string): string[] {
  return [`${UPLOAD_PREFIX}${userId}/`, `${REPORT_PREFIX}${userId}/`];
}

export function reportKey(userId: string, year: number): string {
  return `${REPORT_PREFIX}${userId}/report-${year}.html`;
}

/** S3 event keys are URL-encoded, with `+` for a space. */
export function decodeS3Key(raw: string): string {
  return decodeURIComponent(raw.replace(/\+/g, ' '));
}
