/**
 * Lambda's on-failure destination record (what an asynchronous invocation's destination receives
 * after every retry, or when the event got too old), read into what the failure use case needs:
 * how the run ended and which uploads the S3 event named (functions/app/ingest-failure.ts). The
 * local stack's bridge builds the same record when it gives up on an event.
 */
import type { S3Event } from 'aws-lambda';
import type { FailedEvent } from '../app/ingest-failure.ts';
import type { StopReason } from '../app/ingest-bounds.ts';
import { decodeS3Key, parseUploadKey } from './keys.ts';

/** What Lambda sends to an on-failure destination (the fields used here). */
export interface FailureRecord {
  requestContext?: { condition?: string; approximateInvokeCount?: number };
  requestPayload?: Partial<S3Event>;
  responseContext?: { functionError?: string };
  responsePayload?: unknown;
}

/** How the run ended, from the record: timed out, killed for memory, too old, or an error. */
export function stopReasonOf(record: FailureRecord): StopReason {
  if (record.requestContext?.condition === 'EventAgeExceeded') return 'expired';
  const said = typeof record.responsePayload === 'string' ? record.responsePayload : JSON.stringify(record.responsePayload ?? '');
  if (/timed out/i.test(said)) return 'timeout';
  if (/OutOfMemory|out of memory|signal: killed|heap limit/i.test(said)) return 'memory';
  return 'error';
}

/** The record as the use case reads it: the reason, the attempts, and each key with its upload (null: not an upload key). */
export function failedEventOf(record: FailureRecord): FailedEvent {
  return {
    reason: stopReasonOf(record),
    attempts: record.requestContext?.approximateInvokeCount,
    objects: (record.requestPayload?.Records ?? []).map((r) => {
      const key = decodeS3Key(r.s3?.object?.key ?? '');
      return { key, upload: parseUploadKey(key) };
    }),
  };
}
