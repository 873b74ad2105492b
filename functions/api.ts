/**
 * API Lambda (thin): HTTP API (payload v2) behind a Cognito JWT authorizer. The user is the JWT's
 * `sub`, never a parameter. JSON in and out; errors are `application/problem+json`
 * ({ type, title, status, detail }). Parameters are validated with zod; a bad one is a 400 that
 * names it; an unknown id or year, or another user's, is a 404. The routes are described in
 * openapi.json (a test keeps both in step).
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import { CATEGORIES, DIRECTIONS, isUnsure } from './audit/model.ts';
import { InvalidCursorError, type AuditStore } from './audit/ports.ts';
import { yearStatsAsOf } from './audit/report/stats.ts';
import { createClients, type Clients } from './aws/clients.ts';
import { ENV, MAX_UPLOAD_BYTES } from './aws/config.ts';
import { DynamoAuditStore } from './aws/dynamo-store.ts';
import { FILENAME_METADATA, reportKey, uploadKey, type LogSink } from './aws/ingest-pipeline.ts';
import { ROUTES, type RouteKey } from './aws/routes.ts';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;
export type ApiHandler = (event: ApiEvent) => Promise<ApiResult>;

export interface ApiHandlerDeps {
  clients: Clients;
  bucket: string;
  table: string;
  logger?: LogSink;
  /** Lifetime of presigned upload forms and report links, in seconds. */
  uploadUrlTtlSeconds?: number;
  reportUrlTtlSeconds?: number;
  now?: () => Date;
}

export { ROUTES, type RouteKey };

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const badRequest = (detail: string) => new HttpProblem(400, 'Bad Request', detail);
const notFound = (detail: string) => new HttpProblem(404, 'Not Found', detail);

function problem(status: number, title: string, detail: string): ApiResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
    body: JSON.stringify({ type: 'about:blank', title, status, detail }),
  };
}

function json(status: number, body: unknown): ApiResult {
  return { statusCode: status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
}

/** zod issues → "name: what is wrong; …" */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const out = schema.safeParse(value);
  if (!out.success) throw badRequest(`invalid ${where}: ${describeIssues(out.error)}`);
  return out.data;
}

const yearSchema = z
  .string()
  .transform(Number)
  .pipe(z.number())
  .pipe(z.number().int({ error: 'must be a whole year such as 2025' })
  .min(1900, { error: 'must be a year such as 2025' })
  .max(2999, { error: 'must be a year such as 2025' }));

const yearParam = z.object({ year: z.string().regex(/^\d{4}$/, { error: 'must be a four-digit year such as 2025' }).pipe(yearSchema) });

const uploadIdParam = z.object({
  uploadId: z.string().min(1).max(512).regex(/^[^\u0000-\u001f]+$/, { error: 'must be the uploadId returned by POST /uploads' }),
});

const uploadBody = z
  .object({
    filename: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(255, { error: 'must be at most 255 characters' })
      .regex(/^[^\\/\u0000-\u001f]+$/, { error: 'must be a file name without folders' })
      .regex(/\.(zip|csv)$/i, { error: 'must end in .zip (the LinkedIn export) or .csv (Invitations.csv)' })
      .optional(),
    format: z.enum(['zip', 'csv'], { error: 'must be "zip" or "csv"' }).optional(),
  })
  .strict()
  .refine((b) => b.filename !== undefined || b.format !== undefined, { error: 'give "filename" (e.g. "Basic_LinkedInDataExport_03-14-2026.zip") or "format" ("zip" or "csv")' })
  .refine((b) => !(b.filename && b.format) || b.filename.toLowerCase().endsWith(`.${b.format}`), { error: '"filename" and "format" disagree', path: ['format'] });

const verdictQuery = z
  .object({
    year: z.string().regex(/^\d{4}$/, { error: 'must be a four-digit year such as 2025' }).pipe(yearSchema).optional(),
    category: z.enum(CATEGORIES, { error: `must be one of ${CATEGORIES.join(', ')}` }).optional(),
    direction: z.enum(DIRECTIONS, { error: `must be one of ${DIRECTIONS.join(', ')}` }).optional(),
    limit: z
      .string()
      .regex(/^\d+$/, { error: 'must be a whole number from 1 to 100' })
      .transform(Number)
      .pipe(z.number().int().min(1, { error: 'must be at least 1' }).max(100, { error: 'must be at most 100' }))
      .default(25),
    cursor: z.string().min(1).max(2048, { error: 'is too long' }).optional(),
  })
  .strict();

function matchRoute(method: string, path: string): { route: RouteKey; params: Record<string, string> } | null {
  const parts = path.replace(/\/+$/, '').split('/').slice(1);
  for (const route of ROUTES) {
    const [m, template] = route.split(' ') as [string, string];
    if (m !== method) continue;
    const tparts = template.split('/').slice(1);
    if (tparts.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < tparts.length && ok; i++) {
      const t = tparts[i]!;
      const p = parts[i]!;
      if (t.startsWith('{')) {
        try {
          params[t.slice(1, -1)] = decodeURIComponent(p);
        } catch {
          ok = false;
        }
      } else ok = t === p;
    }
    if (ok) return { route, params };
  }
  return null;
}

function userOf(event: ApiEvent): string | null {
  const sub = event.requestContext?.authorizer?.jwt?.claims?.sub;
  return typeof sub === 'string' && sub.length > 0 && !sub.includes('/') ? sub : null;
}

function readBody(event: ApiEvent): unknown {
  if (!event.body) return {};
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('the request body must be JSON, e.g. {"filename": "Basic_LinkedInDataExport_03-14-2026.zip"}');
  }
}

const noLog: LogSink = { info() {}, warn() {}, error() {} };

export function createApiHandler(deps: ApiHandlerDeps): ApiHandler {
  const store: AuditStore = new DynamoAuditStore(deps.clients.doc, deps.table);
  const logger = deps.logger ?? noLog;
  const now = deps.now ?? (() => new Date());
  const uploadTtl = deps.uploadUrlTtlSeconds ?? 900;
  const reportTtl = deps.reportUrlTtlSeconds ?? 300;

  async function route(route: RouteKey, params: Record<string, string>, userId: string, event: ApiEvent): Promise<ApiResult> {
    switch (route) {
      case 'POST /uploads': {
        const body = parse(uploadBody, readBody(event), 'body');
        const format = body.format ?? (body.filename!.toLowerCase().endsWith('.zip') ? 'zip' : 'csv');
        const filename = body.filename ?? (format === 'zip' ? 'LinkedInDataExport.zip' : 'Invitations.csv');
        const uploadId = randomUUID();
        const key = uploadKey(userId, uploadId, format);
        const encodedName = encodeURIComponent(filename);
        const metaField = `x-amz-meta-${FILENAME_METADATA}`;
        const post = await createPresignedPost(deps.clients.s3, {
          Bucket: deps.bucket,
          Key: key,
          Conditions: [['content-length-range', 1, MAX_UPLOAD_BYTES], ['eq', `$${metaField}`, encodedName]],
          Fields: { [metaField]: encodedName },
          Expires: uploadTtl,
        });
        const at = now().toISOString();
        await store.putUpload(userId, { uploadId, key, filename, status: 'PENDING', createdAt: at, updatedAt: at });
        return json(201, {
          uploadId,
          key,
          method: 'POST',
          url: post.url,
          fields: post.fields,
          maxBytes: MAX_UPLOAD_BYTES,
          expiresAt: new Date(now().getTime() + uploadTtl * 1000).toISOString(),
        });
      }
      case 'GET /uploads/{uploadId}': {
        const { uploadId } = parse(uploadIdParam, params, 'path');
        const upload = await store.getUpload(userId, uploadId);
        if (!upload) throw notFound(`no upload "${uploadId}" for this account: use the uploadId returned by POST /uploads`);
        return json(200, upload);
      }
      case 'GET /years':
        return json(200, { years: await store.listYears(userId) });
      case 'GET /stats/{year}': {
        const { year } = parse(yearParam, params, 'path');
        const stats = await store.getYearStats(userId, year);
        if (!stats) throw notFound(`no data for ${year}: GET /years lists the years with data`);
        return json(200, yearStatsAsOf(stats, now().toISOString().slice(0, 10)));
      }
      case 'GET /verdicts': {
        const q = parse(verdictQuery, event.queryStringParameters ?? {}, 'query');
        try {
          const page = await store.queryVerdicts(userId, q);
          // `unsure` is derived, never stored: a verdict below UNSURE_BELOW is shown as unsure.
          return json(200, { items: page.items.map((v) => ({ ...v, unsure: isUnsure(v) })), cursor: page.cursor });
        } catch (err) {
          if (err instanceof InvalidCursorError) throw badRequest(`invalid query: ${err.message}`);
          throw err;
        }
      }
      case 'GET /reports/{year}': {
        const { year } = parse(yearParam, params, 'path');
        // Stats are stored after the report, so a year with stats has a report. (No HEAD: without
        // s3:ListBucket, S3 answers 403, not 404, for a missing key.)
        if (!(await store.getYearStats(userId, year))) throw notFound(`no report for ${year}: GET /years lists the years with data`);
        const key = reportKey(userId, year);
        const url = await getSignedUrl(deps.clients.s3, new GetObjectCommand({ Bucket: deps.bucket, Key: key }), { expiresIn: reportTtl });
        return json(200, { year, url, expiresAt: new Date(now().getTime() + reportTtl * 1000).toISOString() });
      }
    }
  }

  return async (event) => {
    const method = event.requestContext?.http?.method ?? 'GET';
    const path = event.rawPath ?? '/';
    try {
      const userId = userOf(event);
      if (!userId) return problem(401, 'Unauthorized', 'sign in first: send a Cognito ID or access token as "Authorization: Bearer <token>"');
      const match = matchRoute(method, path);
      if (!match) {
        const known = ROUTES.some((r) => matchRoute(r.split(' ')[0]!, path)?.route === r);
        return known
          ? problem(405, 'Method Not Allowed', `${method} is not allowed on ${path}`)
          : problem(404, 'Not Found', `no route ${method} ${path}; the API is described in openapi.json`);
      }
      return await route(match.route, match.params, userId, event);
    } catch (err) {
      if (err instanceof HttpProblem) return problem(err.status, err.title, err.detail);
      logger.error('api request failed', { method, path, error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) });
      return problem(500, 'Internal Server Error', 'something went wrong on our side; try again in a minute');
    }
  };
}

let lazy: ApiHandler | undefined;

/** The Lambda entry point, configured from the environment. */
export const handler: ApiHandler = (event) => {
  lazy ??= createApiHandler({
    clients: createClients(),
    bucket: process.env[ENV.bucket] ?? '',
    table: process.env[ENV.table] ?? '',
    logger: new Logger({ serviceName: 'aoi-api' }),
  });
  return lazy(event);
};
