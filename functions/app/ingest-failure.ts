/**
 * The last word on a run the runtime gave up on: Lambda's on-failure destination record (after
 * every retry, or when the event got too old) says which upload event failed and how (a timeout,
 * an out-of-memory kill, an error); this marks each of its uploads FAILED with a message saying
 * so, unless a run already finished it (DONE). Nothing of a failed run is visible: verdicts and
 * coverages of an upload that never committed are left out of every read, and the years whose stats
 * and report it may have rewritten (`pendingYears`, recorded before its first write) are recomputed
 * from the visible verdicts, and its owner claim (`ownerClaimed`) given back unless an upload of
 * the account is committed (year-refresh.ts), so the store reads as if the run never happened.
 * The local stack's bridge calls the same function when it gives up on an event. Reading Lambda's
 * record into a FailedEvent is the adapter's (functions/aws/failure-record.ts).
 */
import { randomUUID } from 'node:crypto';
import { NO_LOG, type UploadRecord } from '../audit/ports.ts';
import { boundedUpload, stoppedMessage, type StopReason } from './ingest-bounds.ts';
import { loggableUploadId, type UploadRef } from './upload.ts';
import { restoreYears, type RefreshDeps, type RestoreOptions } from './year-refresh.ts';

/** A run the runtime gave up on: how it ended, after how many attempts, and the objects its event named (upload null: not an upload). */
export interface FailedEvent {
  reason: StopReason;
  attempts?: number;
  objects: { key: string; upload: UploadRef | null }[];
}

export interface FailureDeps extends RefreshDeps {
  /** The function's timeout, for the message. */
  timeoutMs?: number;
  /** How the user's lease is waited for before the pending years are put back (a dead run's lease expires at its deadline). */
  lease?: RestoreOptions;
}

export interface MarkedFailure {
  key: string;
  outcome: 'FAILED' | 'ALREADY_DONE' | 'NOT_AN_UPLOAD';
  reason: StopReason;
}

/**
 * Marks every upload of a failed event FAILED (unless DONE), saying what stopped it, and puts back
 * the years it left pending. Throws (to be retried) when they could not be put back: the FAILED
 * record keeps them, so a second call finishes the job.
 */
export async function markEventFailed(deps: FailureDeps, failed: FailedEvent): Promise<MarkedFailure[]> {
  const log = deps.logger ?? NO_LOG;
  const { reason } = failed;
  const now = (deps.now ?? (() => new Date()))().toISOString();
  const out: MarkedFailure[] = [];
  for (const { key, upload: target } of failed.objects) {
    if (!target) {
      out.push({ key, outcome: 'NOT_AN_UPLOAD', reason });
      continue;
    }
    const previous = await deps.store.getUpload(target.userId, target.uploadId);
    const filename = previous?.filename ?? key.slice(key.lastIndexOf('/') + 1);
    const upload: UploadRecord = boundedUpload({
      ...(previous ?? { uploadId: target.uploadId, key, filename, createdAt: now }),
      status: 'FAILED',
      updatedAt: now,
      errorCode: reason === 'error' ? 'INTERNAL' : reason,
      message: stoppedMessage(filename, reason, deps.timeoutMs),
    });
    const written = await deps.store.putUpload(target.userId, upload, { unlessDone: true });
    const pending = written ? { years: previous?.pendingYears ?? [], ownerClaimed: previous?.ownerClaimed === true } : { years: [] };
    log.warn('ingest given up', { userId: target.userId, uploadId: loggableUploadId(target.uploadId), reason, attempts: failed.attempts, marked: written, pendingYears: pending.years, ownerClaimed: pending.ownerClaimed });
    // The run that left them is over (the runtime gave up on it): its lease, if it still holds one, is taken over.
    await restoreYears(deps, target.userId, pending, previous?.pendingLease ?? `${target.uploadId}#${randomUUID()}`, deps.lease);
    out.push({ key, outcome: written ? 'FAILED' : 'ALREADY_DONE', reason });
  }
  return out;
}
