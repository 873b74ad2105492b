// AWS Signature Version 4, checked the way S3 and DynamoDB check it, for the local emulators: a
// request gets in only when it is signed with the stack's own credentials (made fresh at each
// start). Three forms: the `Authorization` header (SDKs, the AWS CLI), a presigned URL (query
// `X-Amz-*`, e.g. report download links) and an S3 POST form whose policy is signed (the upload
// page). Plain JavaScript, shared by the S3 guard (in the stack's process) and the DynamoDB
// emulator's child process, which starts without a TypeScript loader.
//
// Every check returns `{ ok: true }` or `{ ok: false, code, message }` with S3's error codes.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
/** How far a request's own timestamp may be from the server's clock (S3: 15 minutes). */
export const MAX_SKEW_MS = 15 * 60 * 1000;
/** Longest presigned URL lifetime S3 accepts (7 days). */
export const MAX_PRESIGNED_EXPIRES_S = 604800;

export const sha256Hex = (data) => createHash('sha256').update(data).digest('hex');
const hmac = (key, data) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding, as SigV4 canonicalisation wants it. */
export function uriEncode(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function signingKey(secret, date, region, service) {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

function sameHex(a, b) {
  const x = Buffer.from(String(a), 'utf8');
  const y = Buffer.from(String(b), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

const fail = (code, message) => ({ ok: false, code, message });
const OK = { ok: true };

/** `20261205T113611Z` → epoch ms, or NaN. */
export function parseAmzDate(s) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(String(s ?? ''));
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : Number.NaN;
}

/** Canonical query string from the raw one (without `X-Amz-Signature` for presigned URLs). */
export function canonicalQuery(rawQuery, { dropSignature = false } = {}) {
  if (!rawQuery) return '';
  const pairs = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const v = safeDecode(eq < 0 ? '' : part.slice(eq + 1));
    if (dropSignature && k === 'X-Amz-Signature') continue;
    pairs.push([uriEncode(k), uriEncode(v)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function headerValue(headers, name) {
  const v = headers[name];
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v.join(',') : String(v)).trim().replace(/\s+/g, ' ');
}

/** `AKID/20261205/us-east-1/s3/aws4_request` checked against the stack's key, region and service. */
function checkCredential(credential, amzDate, expect) {
  const parts = String(credential ?? '').split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') return fail('AuthorizationHeaderMalformed', 'The credential is malformed.');
  const [akid, date, region, service] = parts;
  if (!sameHex(akid, expect.credentials.accessKeyId)) {
    return fail('InvalidAccessKeyId', 'The access key id is not this local stack\'s (see stack.json).');
  }
  if (date !== String(amzDate).slice(0, 8)) return fail('AuthorizationHeaderMalformed', 'The credential date does not match the request date.');
  if (region !== expect.region) return fail('AuthorizationHeaderMalformed', `The region '${region}' is wrong; expecting '${expect.region}'.`);
  if (service !== expect.service) return fail('AuthorizationHeaderMalformed', `The service '${service}' is wrong; expecting '${expect.service}'.`);
  return { ok: true, scope: parts.slice(1).join('/'), date, region, service };
}

function checkSignature({ method, path, query, headers, signedHeaders, payloadHash, amzDate, cred, secret, signature }) {
  const names = String(signedHeaders ?? '').split(';').filter(Boolean);
  if (!names.includes('host')) return fail('AccessDenied', 'The host header must be signed.');
  const canonicalHeaders = [];
  for (const name of names) {
    const v = headerValue(headers, name);
    if (v === undefined) return fail('AccessDenied', `The signed header '${name}' is missing.`);
    canonicalHeaders.push(`${name}:${v}\n`);
  }
  const canonicalRequest = [method, path || '/', query, canonicalHeaders.join(''), names.join(';'), payloadHash].join('\n');
  const stringToSign = [ALGORITHM, amzDate, cred.scope, sha256Hex(canonicalRequest)].join('\n');
  const expected = hmac(signingKey(secret, cred.date, cred.region, cred.service), stringToSign).toString('hex');
  return sameHex(expected, signature) ? OK : fail('SignatureDoesNotMatch', 'The request signature does not match (wrong secret key or signing method).');
}

/**
 * A request signed in its `Authorization` header.
 * `request`: { method, url (raw path + query, as received), headers (lower-case names), payloadHash }.
 * `expect`: { credentials: { accessKeyId, secretAccessKey }, region, service, now? }.
 */
export function verifyHeaderSignature(request, expect) {
  const auth = String(request.headers.authorization ?? '');
  if (!auth.startsWith(`${ALGORITHM} `)) return fail('AccessDenied', 'Only AWS Signature Version 4 requests are accepted.');
  const fields = {};
  for (const part of auth.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  if (!fields.Credential || !fields.SignedHeaders || !fields.Signature) return fail('AuthorizationHeaderMalformed', 'The Authorization header is malformed.');
  const amzDate = headerValue(request.headers, 'x-amz-date');
  const when = parseAmzDate(amzDate);
  if (Number.isNaN(when)) return fail('AccessDenied', 'The request has no valid X-Amz-Date.');
  if (Math.abs((expect.now ?? Date.now()) - when) > MAX_SKEW_MS) return fail('RequestTimeTooSkewed', 'The request time is too far from the server time.');
  const cred = checkCredential(fields.Credential, amzDate, expect);
  if (!cred.ok) return cred;
  if (!request.payloadHash) return fail('AccessDenied', 'The request has no x-amz-content-sha256 header.');
  const q = request.url.indexOf('?');
  return checkSignature({
    method: request.method,
    path: q < 0 ? request.url : request.url.slice(0, q),
    query: canonicalQuery(q < 0 ? '' : request.url.slice(q + 1)),
    headers: request.headers,
    signedHeaders: fields.SignedHeaders,
    payloadHash: request.payloadHash,
    amzDate,
    cred,
    secret: expect.credentials.secretAccessKey,
    signature: fields.Signature,
  });
}

/** A presigned URL (`X-Amz-Algorithm`, `-Credential`, `-Date`, `-Expires`, `-SignedHeaders`, `-Signature` in the query). */
export function verifyPresignedUrl(request, expect) {
  const q = request.url.indexOf('?');
  const rawQuery = q < 0 ? '' : request.url.slice(q + 1);
  const params = new URLSearchParams(rawQuery);
  if (params.get('X-Amz-Algorithm') !== ALGORITHM) return fail('AccessDenied', 'Only AWS Signature Version 4 presigned URLs are accepted.');
  const amzDate = params.get('X-Amz-Date');
  const when = parseAmzDate(amzDate);
  const expires = Number(params.get('X-Amz-Expires'));
  if (Number.isNaN(when) || !Number.isInteger(expires) || expires < 1) return fail('AuthorizationQueryParametersError', 'X-Amz-Date or X-Amz-Expires is missing or malformed.');
  if (expires > MAX_PRESIGNED_EXPIRES_S) return fail('AuthorizationQueryParametersError', 'X-Amz-Expires must be at most 604800 seconds.');
  const now = expect.now ?? Date.now();
  if (when - now > MAX_SKEW_MS) return fail('AccessDenied', 'The presigned URL is dated in the future.');
  if (now > when + expires * 1000) return fail('AccessDenied', 'Request has expired');
  const cred = checkCredential(params.get('X-Amz-Credential'), amzDate, expect);
  if (!cred.ok) return cred;
  return checkSignature({
    method: request.method,
    path: q < 0 ? request.url : request.url.slice(0, q),
    query: canonicalQuery(rawQuery, { dropSignature: true }),
    headers: request.headers,
    signedHeaders: params.get('X-Amz-SignedHeaders'),
    payloadHash: 'UNSIGNED-PAYLOAD',
    amzDate,
    cred,
    secret: expect.credentials.secretAccessKey,
    signature: params.get('X-Amz-Signature') ?? '',
  });
}

/** Form fields never covered by a policy condition (S3's rule). */
const UNCONDITIONED = new Set(['file', 'policy', 'x-amz-signature']);

/**
 * An S3 POST form (browser upload), enforced as S3 does: the policy's signature, its expiry, and
 * every condition (exact fields, `starts-with`, `content-length-range`), with no field outside
 * the policy. `form`: { bucket, fields (name → value; names compared case-insensitively), fileSize }.
 */
export function verifyPostPolicy(form, expect) {
  const fields = {};
  for (const [k, v] of Object.entries(form.fields)) fields[k.toLowerCase()] = String(v);
  const policyB64 = fields.policy;
  if (!policyB64) return fail('AccessDenied', 'The form has no policy: anonymous uploads are not accepted.');
  if (fields['x-amz-algorithm'] !== ALGORITHM) return fail('InvalidArgument', 'Only AWS Signature Version 4 form uploads are accepted.');
  const amzDate = fields['x-amz-date'];
  if (Number.isNaN(parseAmzDate(amzDate))) return fail('InvalidArgument', 'The form has no valid x-amz-date.');
  const cred = checkCredential(fields['x-amz-credential'], amzDate, expect);
  if (!cred.ok) return cred;
  const expected = hmac(signingKey(expect.credentials.secretAccessKey, cred.date, cred.region, cred.service), policyB64).toString('hex');
  if (!sameHex(expected, fields['x-amz-signature'] ?? '')) return fail('SignatureDoesNotMatch', 'The form\'s policy signature does not match.');

  let policy;
  try {
    policy = JSON.parse(Buffer.from(policyB64, 'base64').toString('utf8'));
  } catch {
    return fail('InvalidPolicyDocument', 'The policy is not valid JSON.');
  }
  const expiration = Date.parse(policy?.expiration);
  if (Number.isNaN(expiration)) return fail('InvalidPolicyDocument', 'The policy has no expiration.');
  if ((expect.now ?? Date.now()) > expiration) return fail('AccessDenied', 'Invalid according to Policy: Policy expired.');
  if (!Array.isArray(policy.conditions)) return fail('InvalidPolicyDocument', 'The policy has no conditions.');

  const all = { ...fields, bucket: form.bucket };
  const covered = new Set();
  const bad = (what) => fail('AccessDenied', `Invalid according to Policy: Policy Condition failed: ${what}`);
  for (const c of policy.conditions) {
    if (Array.isArray(c)) {
      const [op, a, b] = c;
      if (op === 'content-length-range') {
        if (!(form.fileSize >= Number(a) && form.fileSize <= Number(b))) {
          return fail('EntityTooLarge', `Your proposed upload size ${form.fileSize} is outside the allowed range ${a}-${b}.`);
        }
        continue;
      }
      const name = String(a ?? '').replace(/^\$/, '').toLowerCase();
      covered.add(name);
      const value = all[name] ?? '';
      if (op === 'eq' && value !== String(b)) return bad(`["eq", "$${name}", …]`);
      if (op === 'starts-with' && !value.startsWith(String(b))) return bad(`["starts-with", "$${name}", …]`);
      if (op !== 'eq' && op !== 'starts-with') return fail('InvalidPolicyDocument', `Unknown policy condition '${op}'.`);
    } else if (c && typeof c === 'object') {
      for (const [k, v] of Object.entries(c)) {
        const name = k.toLowerCase();
        covered.add(name);
        if ((all[name] ?? '') !== String(v)) return bad(`{"${name}": …}`);
      }
    }
  }
  if (!covered.has('bucket')) return bad('the bucket is not in the policy');
  if (!covered.has('key')) return bad('the key is not in the policy');
  for (const name of Object.keys(fields)) {
    if (UNCONDITIONED.has(name) || name.startsWith('x-ignore-') || covered.has(name)) continue;
    return fail('AccessDenied', `Invalid according to Policy: Extra input fields: ${name}`);
  }
  return OK;
}
