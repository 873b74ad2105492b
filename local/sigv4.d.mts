// Types for sigv4.mjs (plain JavaScript so the DynamoDB emulator's child process can load it).
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}
export interface Expect {
  credentials: Credentials;
  region: string;
  service: 's3' | 'dynamodb';
  /** Server clock (ms); default Date.now(). */
  now?: number;
}
export type Verdict = { ok: true } | { ok: false; code: string; message: string };
export interface SignedRequest {
  method: string;
  /** Raw path and query, as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** S3: the x-amz-content-sha256 header; DynamoDB: sha256 of the body. */
  payloadHash?: string;
}
export const ALGORITHM: 'AWS4-HMAC-SHA256';
export const MAX_SKEW_MS: number;
export const MAX_PRESIGNED_EXPIRES_S: number;
export function sha256Hex(data: string | Buffer): string;
export function uriEncode(s: string): string;
export function signingKey(secret: string, date: string, region: string, service: string): Buffer;
export function parseAmzDate(s: string | null | undefined): number;
export function canonicalQuery(rawQuery: string, opts?: { dropSignature?: boolean }): string;
export function verifyHeaderSignature(request: SignedRequest, expect: Expect): Verdict;
export function verifyPresignedUrl(request: SignedRequest, expect: Expect): Verdict;
export function verifyPostPolicy(form: { bucket: string; fields: Record<string, string>; fileSize: number }, expect: Expect): Verdict;
