/**
 * API Gateway HTTP API v2 events for calling the API handler directly in tests: the route is
 * selected as API Gateway selects it (local/api-event.ts's router over the handler's ROUTES), so
 * `routeKey` and `pathParameters` are what Lambda would receive; no route → `$default`.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { createRouter, toApiGatewayEvent } from '../../local/api-event.ts';
import { ROUTES } from '../../functions/app/route-keys.ts';

const router = createRouter(ROUTES);

export function apiEvent(
  sub: string | null,
  method: string,
  path: string,
  query?: Record<string, string>,
  body?: unknown,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const route = router.match(method, path) ?? { routeKey: '$default' };
  return toApiGatewayEvent(
    {
      method,
      path,
      rawQueryString: new URLSearchParams(query ?? {}).toString(),
      headers: { 'content-type': 'application/json', 'user-agent': 'vitest' },
      body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
      sourceIp: '127.0.0.1',
      host: 'api.example.com',
    },
    route,
    sub ? { sub } : {},
  );
}
