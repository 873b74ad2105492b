/**
 * Names shared by the CDK stack (lib/), the Lambda handlers and the embedded local stack (local/),
 * so the three agree by construction.
 */

/** Uploads land under `uploads/<userId>/<uploadId>.<zip|csv>`; only these trigger ingest. */
export const UPLOAD_PREFIX = 'uploads/';
/** S3 suffix filters are case-sensitive, so both spellings are listed (one notification each). */
export const UPLOAD_SUFFIXES = ['.zip', '.csv', '.ZIP', '.CSV'] as const;
/** Reports are written under `reports/<userId>/report-<year>.html`, never under uploads/. */
export const REPORT_PREFIX = 'reports/';


/** Environment variables read by the handlers. */
export const ENV = {
  bucket: 'BUCKET_NAME',
  table: 'TABLE_NAME',
  region: 'AWS_REGION',
  /** Optional: emulator endpoints (local stack and tests). */
  s3Endpoint: 'AOI_S3_ENDPOINT',
  dynamoEndpoint: 'AOI_DYNAMODB_ENDPOINT',
  /** IANA zone that `Sent At` is read in and years are counted in. */
  timeZone: 'AOI_TIME_ZONE',
  /** The failure handler: the ingest function's timeout, named in the FAILED message. */
  ingestTimeoutSeconds: 'INGEST_TIMEOUT_SECONDS',
} as const;

/** A required environment variable of a handler, read once at cold start: missing or empty fails loudly. */
export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) throw new Error(`environment variable ${name} is not set: the function is misconfigured (see lib/pipeline-stack.ts)`);
  return value;
}
