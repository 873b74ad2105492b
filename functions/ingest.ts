/**
 * Ingest Lambda (thin): S3 ObjectCreated on `uploads/` → the ingest use case (functions/app/
 * ingest-upload.ts), for every record. Keys arrive URL-encoded (`+` is a space); keys that are not
 * uploads are ignored. A bad file ends FAILED without a retry; a transient error does not stop the
 * other records, then the invocation throws so that Lambda retries it and, after the retries,
 * sends the event to the on-failure destination (functions/ingest-failure.ts marks it FAILED).
 * Lambda's remaining time feeds the run's watchdog; its memory sets the row limit.
 */
import type { Context, S3Event } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogSink } from './audit/ports.ts';
import { maxRowsFor } from './app/ingest-bounds.ts';
import { ingestUpload, type IngestOutcome } from './app/ingest-upload.ts';
import { createClients, type Clients } from './aws/clients.ts';
import { ENV, requiredEnv } from './aws/config.ts';
import { DynamoAuditStore } from './aws/dynamo-store.ts';
import { decodeS3Key, parseUploadKey } from './aws/keys.ts';
import { S3BlobStore } from './aws/s3-blobs.ts';

export interface IngestHandlerDeps {
  clients: Clients;
  bucket: string;
  table: string;
  timeZone?: string;
  logger?: LogSink;
  maxUploadBytes?: number;
  /** Memory of the function, for the row limit (default: Lambda's AWS_LAMBDA_FUNCTION_MEMORY_SIZE; none: no limit beyond the reader's). */
  memoryMb?: number;
}

export type IngestHandler = (event: S3Event, context?: Context) => Promise<{ results: (IngestOutcome & { key: string })[] }>;

export function createIngestHandler(deps: IngestHandlerDeps): IngestHandler {
  const store = new DynamoAuditStore(deps.clients.doc, deps.table);
  const logger = deps.logger ?? new Logger({ serviceName: 'aoi-ingest' });
  return async (event, context) => {
    if (context && logger instanceof Logger) logger.addContext(context); // request id, function name, cold start
    const remainingMs = context?.getRemainingTimeInMillis ? () => context.getRemainingTimeInMillis() : undefined;
    const memoryMb = deps.memoryMb ?? (Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE) || undefined);
    const maxRows = memoryMb ? maxRowsFor(memoryMb) : undefined;
    const results: (IngestOutcome & { key: string })[] = [];
    const failures: unknown[] = [];
    for (const record of event.Records ?? []) {
      const key = decodeS3Key(record.s3.object.key);
      const target = parseUploadKey(key);
      if (!target) {
        logger.info('ignored key', { eventName: record.eventName });
        results.push({ key, status: 'SKIPPED', reason: 'not an upload key' });
        continue;
      }
      const blobs = new S3BlobStore(deps.clients.s3, record.s3.bucket.name || deps.bucket);
      try {
        results.push({ key, ...(await ingestUpload({ store, blobs, timeZone: deps.timeZone, logger, maxUploadBytes: deps.maxUploadBytes, remainingMs, maxRows }, target)) });
      } catch (err) {
        failures.push(err);
      }
    }
    if (failures.length) throw new AggregateError(failures, `${failures.length} of ${event.Records?.length ?? 0} upload(s) failed; see the logs`);
    return { results };
  };
}

let lazy: IngestHandler | undefined;

/** The Lambda entry point, configured from the environment at cold start. */
export const handler: IngestHandler = (event, context) => {
  lazy ??= createIngestHandler({
    clients: createClients(),
    bucket: requiredEnv(ENV.bucket),
    table: requiredEnv(ENV.table),
    timeZone: process.env[ENV.timeZone] || undefined,
  });
  return lazy(event, context);
};
