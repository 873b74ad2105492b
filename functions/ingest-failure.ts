/**
 * Failure Lambda (thin): consumes the ingest function's on-failure queue. Each SQS message is a
 * Lambda destination record (the original S3 event and how the run ended); its uploads are marked
 * FAILED with what happened (functions/app/ingest-failure.ts). A message that cannot be handled is
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

export interface FailureHandlerDeps {
  clients: Clients;
  table: string;
  logger?: LogSink;
  /** The ingest function's timeout, for the message (env INGEST_TIMEOUT_SECONDS). */
  timeoutMs?: number;
}

export type FailureHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

export function createFailureHandler(deps: FailureHandlerDeps): FailureHandler {
  const store = new DynamoAuditStore(deps.clients.doc, deps.table);
  const logger = deps.logger ?? new Logger({ serviceName: 'aoi-ingest-failure' });
  return async (event) => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const message of event.Records ?? []) {
      try {
        await markEventFailed({ store, logger, timeoutMs: deps.timeoutMs }, failedEventOf(JSON.parse(message.body) as FailureRecord));
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
    table: requiredEnv(ENV.table),
    timeoutMs: Number(process.env[ENV.ingestTimeoutSeconds]) * 1000 || undefined,
  });
  return lazy(event, context);
};
