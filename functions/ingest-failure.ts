/**
 * Failure Lambda (thin): consumes the ingest function's on-failure queue. Each SQS message is a
 * Lambda destination record (the original S3 event and how the run ended); its uploads are marked
 * FAILED with what happened and the years they left pending are recomputed, stats in the table and
 * reports in the bucket (functions/app/ingest-failure.ts). A message that cannot be handled is
 * reported back (partial batch response) and retried, then kept in the queue's dead-letter queue.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogSink } from './audit/ports.ts';
import { markEventFailed } from './app/ingest-failure.ts';
import { createClients, type Clients } from './aws/clients.ts';
import { ENV, requiredEnv } from './aws/config.ts';
import { DynamoAuditStore } from './aws/dynamo-store.ts';
import { failedEventOf, type FailureRecord } from './aws/failure-record.ts';
import { S3BlobStore } from './aws/s3-blobs.ts';

export interface FailureHandlerDeps {
  clients: Clients;
  bucket: string;
  table: string;
  timeZone?: string;
  logger?: LogSink;
  /** The ingest function's timeout, for the message (env INGEST_TIMEOUT_SECONDS). */
  timeoutMs?: number;
}

export type FailureHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

export function createFailureHandler(deps: FailureHandlerDeps): FailureHandler {
  const store = new DynamoAuditStore(deps.clients.doc, deps.table);
  const blobs = new S3BlobStore(deps.clients.s3, deps.bucket);
  const logger = deps.logger ?? new Logger({ serviceName: 'aoi-ingest-failure' });
  return async (event) => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const message of event.Records ?? []) {
      try {
        await markEventFailed({ store, blobs, timeZone: deps.timeZone, logger, timeoutMs: deps.timeoutMs }, failedEventOf(JSON.parse(message.body) as FailureRecord));
      } catch (err) {
        logger.error('failure record not handled', { messageId: message.messageId, error: err instanceof Error ? err.name : typeof err });
        batchItemFailures.push({ itemIdentifier: message.messageId });
      }
    }
    return { batchItemFailures };
  };
}

let lazy: FailureHandler | undefined;

export const handler: FailureHandler = (event, context) => {
  lazy ??= createFailureHandler({
    clients: createClients(),
    bucket: requiredEnv(ENV.bucket),
    table: requiredEnv(ENV.table),
    timeZone: process.env[ENV.timeZone] || undefined,
    timeoutMs: Number(process.env[ENV.ingestTimeoutSeconds]) * 1000 || undefined,
  });
  return lazy(event, context);
};
