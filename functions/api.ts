/**
 * API Lambda (thin): HTTP API (payload v2) behind a Cognito JWT authorizer. API Gateway has picked
 * the route (`routeKey`, `pathParameters`); this hands the caller (the token's `sub`), the
 * parameters and the JSON body to the route's use case (functions/app/routes.ts) and answers JSON,
 * or application/problem+json ({ type, title, status, detail }) when it refuses. The routes are
 * described in openapi.json (a test keeps both in step).
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { NO_LOG, errorFields, type LogSink } from './audit/ports.ts';
import type { ApiContext } from './app/api-context.ts';
import { HttpProblem, parseJsonBody, problemDocument, type ApiRequest } from './app/http.ts';
import { API_ROUTES } from './app/routes.ts';
import { createClients, type Clients } from './aws/clients.ts';
import { ENV, requiredEnv } from './aws/config.ts';
import { DynamoAuditStore } from './aws/dynamo-store.ts';
import { S3BlobStore } from './aws/s3-blobs.ts';
import { ROUTES, type RouteKey } from './app/route-keys.ts';

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

const HEADERS = { 'cache-control': 'no-store' };

function problem(status: number, title: string, detail: string): ApiResult {
  return { statusCode: status, headers: { 'content-type': 'application/problem+json', ...HEADERS }, body: JSON.stringify(problemDocument({ status, title, detail })) };
}

function userOf(event: ApiEvent): string | null {
  const sub = event.requestContext?.authorizer?.jwt?.claims?.sub;
  return typeof sub === 'string' && sub.length > 0 && !sub.includes('/') ? sub : null;
}

export function createApiHandler(deps: ApiHandlerDeps): ApiHandler {
  const ctx: ApiContext = {
    store: new DynamoAuditStore(deps.clients.doc, deps.table),
    blobs: new S3BlobStore(deps.clients.s3, deps.bucket),
    logger: deps.logger ?? NO_LOG,
    now: deps.now ?? (() => new Date()),
    uploadFormSeconds: deps.uploadUrlTtlSeconds ?? 900,
    reportLinkSeconds: deps.reportUrlTtlSeconds ?? 300,
  };
  return async (event) => {
    const routeKey = event.routeKey as RouteKey;
    try {
      const userId = userOf(event);
      if (!userId) return problem(401, 'Unauthorized', 'sign in first: send a Cognito ID or access token as "Authorization: Bearer <token>"');
      const route = API_ROUTES[routeKey];
      if (!route) return problem(404, 'Not Found', `no route ${event.requestContext?.http?.method ?? ''} ${event.rawPath ?? ''}; the API is described in openapi.json`);
      const request: ApiRequest = { userId, params: event.pathParameters ?? {}, query: event.queryStringParameters ?? {}, body: parseJsonBody(event.body && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) };
      const answer = await route(request, ctx);
      return { statusCode: answer.status, headers: { 'content-type': 'application/json', ...HEADERS }, body: JSON.stringify(answer.body) };
    } catch (err) {
      if (err instanceof HttpProblem) return problem(err.status, err.title, err.detail);
      ctx.logger.error('api request failed', { routeKey, ...errorFields(err) });
      return problem(500, 'Internal Server Error', 'something went wrong on our side; try again in a minute');
    }
  };
}

let lazy: ApiHandler | undefined;

/** The Lambda entry point, configured from the environment at cold start. */
export const handler: ApiHandler = (event) => {
  lazy ??= createApiHandler({
    clients: createClients(),
    bucket: requiredEnv(ENV.bucket),
    table: requiredEnv(ENV.table),
    logger: new Logger({ serviceName: 'aoi-api' }),
  });
  return lazy(event);
};
