/**
 * The one factory for AWS SDK clients. On AWS it uses the Lambda's region and role; against the
 * emulators (local stack, tests) it takes an endpoint and the settings they need:
 * s3rver needs path-style addressing and checksums only when required (otherwise streamed bodies
 * are stored with their aws-chunked framing); the local stack's emulators take only the
 * credentials made for their run (`credentials`), elsewhere the default provider chain applies.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV } from './config.ts';

export interface ClientOptions {
  region?: string;
  /** Emulator endpoints; when absent, the real AWS endpoints are used. */
  s3Endpoint?: string;
  dynamoEndpoint?: string;
  /** Fixed credentials (the local emulators'); default: the SDK's provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface Clients {
  s3: S3Client;
  dynamo: DynamoDBClient;
  doc: DynamoDBDocumentClient;
}

export function clientOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ClientOptions {
  return {
    region: env[ENV.region] ?? 'us-east-1',
    s3Endpoint: env[ENV.s3Endpoint] || undefined,
    dynamoEndpoint: env[ENV.dynamoEndpoint] || undefined,
  };
}

export function createClients(options: ClientOptions = clientOptionsFromEnv()): Clients {
  const region = options.region ?? 'us-east-1';
  const s3 = options.s3Endpoint
    ? new S3Client({
        region,
        endpoint: options.s3Endpoint,
        forcePathStyle: true,
        credentials: options.credentials,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      })
    : new S3Client({ region });
  const dynamo = options.dynamoEndpoint
    ? new DynamoDBClient({ region, endpoint: options.dynamoEndpoint, credentials: options.credentials })
    : new DynamoDBClient({ region });
  const doc = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  return { s3, dynamo, doc };
}
