/**
 * What API Gateway (HTTP API, payload format 2.0) does between a client and the Lambda, done
 * locally: route selection, the v2 event (rawPath, routeKey, pathParameters, queryStringParameters,
 * lower-cased headers, cookies, body with its base64 flag, JWT claims) and the mapping of the
 * handler's result back to an HTTP response.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';

export interface RouteMatch {
  routeKey: string;
  pathParameters?: Record<string, string>;
}

interface CompiledRoute {
  routeKey: string;
  method: string;
  segments: string[];
  greedy: boolean;
}

/**
 * A route table in API Gateway's terms: `METHOD /path/{param}` (or `ANY`, `{proxy+}` last).
 * Selection is API Gateway's: exact method before ANY, then the most specific path (literal
 * segments before parameters before a greedy parameter).
 */
export function createRouter(routeKeys: readonly string[]) {
  const routes: CompiledRoute[] = routeKeys.map((routeKey) => {
    const [method, path] = routeKey.split(' ');
    const segments = path.split('/').filter(Boolean);
    const greedy = segments.length > 0 && /^\{.+\+\}$/.test(segments[segments.length - 1]);
    return { routeKey, method: method.toUpperCase(), segments, greedy };
  });
  const score = (r: CompiledRoute) =>
    r.segments.map((s) => (/^\{.+\+\}$/.test(s) ? 0 : s.startsWith('{') ? 1 : 2)).join('') + (r.method === 'ANY' ? '0' : '1');

  return {
    routeKeys,
    /** The route API Gateway would select, or null (API Gateway then answers 404 Not Found). */
    match(method: string, path: string): RouteMatch | null {
      const parts = path.split('/').filter(Boolean);
      let best: { route: CompiledRoute; params: Record<string, string>; score: string } | null = null;
      for (const route of routes) {
        if (route.method !== 'ANY' && route.method !== method.toUpperCase()) continue;
        const params: Record<string, string> = {};
        let ok = route.greedy ? parts.length >= route.segments.length : parts.length === route.segments.length;
        for (let i = 0; ok && i < route.segments.length; i++) {
          const seg = route.segments[i];
          if (route.greedy && i === route.segments.length - 1) {
            params[seg.slice(1, -2)] = parts.slice(i).map(safeDecode).join('/');
          } else if (seg.startsWith('{')) {
            params[seg.slice(1, -1)] = safeDecode(parts[i]);
          } else if (seg !== parts[i]) {
            ok = false;
          }
        }
        if (!ok) continue;
        const s = score(route);
        if (!best || s > best.score) best = { route, params, score: s };
      }
      if (!best) return null;
      return { routeKey: best.route.routeKey, pathParameters: Object.keys(best.params).length ? best.params : undefined };
    },
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Bodies API Gateway passes as text; anything else is base64-encoded. */
function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const ct = contentType.toLowerCase();
  return (
    ct.startsWith('text/') ||
    /^application\/([\w.+-]*\+)?(json|xml)\b/.test(ct) ||
    ct.startsWith('application/x-www-form-urlencoded') ||
    ct.startsWith('application/javascript')
  );
}

export interface HttpRequestLike {
  method: string;
  /** Path without the local mount prefix, e.g. `/stats/2024`. */
  path: string;
  /** Without `?`. */
  rawQueryString: string;
  /** Node's `req.headers` (lower-cased names). */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  sourceIp: string;
  host: string;
}

export function toApiGatewayEvent(
  req: HttpRequestLike,
  route: RouteMatch,
  claims: Record<string, string>,
  now = new Date(),
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') {
      cookies = (Array.isArray(value) ? value.join('; ') : value).split(/;\s*/).filter(Boolean);
      continue;
    }
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  let queryStringParameters: Record<string, string> | undefined;
  if (req.rawQueryString) {
    queryStringParameters = {};
    for (const [k, v] of new URLSearchParams(req.rawQueryString)) {
      queryStringParameters[k] = k in queryStringParameters ? `${queryStringParameters[k]},${v}` : v;
    }
  }
  const textual = isTextual(headers['content-type']);
  const hasBody = req.body.length > 0;
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: req.path,
    rawQueryString: req.rawQueryString,
    cookies,
    headers,
    queryStringParameters,
    pathParameters: route.pathParameters,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } },
      domainName: req.host,
      domainPrefix: req.host.split('.')[0],
      http: {
        method: req.method.toUpperCase(),
        path: req.path,
        protocol: 'HTTP/1.1',
        sourceIp: req.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: hasBody ? (textual ? req.body.toString('utf8') : req.body.toString('base64')) : undefined,
    isBase64Encoded: hasBody && !textual,
    stageVariables: undefined,
  };
}

export interface HttpResponseLike {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** Payload 2.0 rules: a result without `statusCode` is JSON with status 200. */
export function fromApiGatewayResult(result: APIGatewayProxyResultV2 | undefined | null): HttpResponseLike {
  if (result === undefined || result === null) return { statusCode: 200, headers: {}, body: Buffer.alloc(0) };
  if (typeof result === 'string' || typeof result !== 'object' || !('statusCode' in result) || result.statusCode === undefined) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
  }
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const raw = result.body ?? '';
  const body = result.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (!headers['content-type'] && body.length) headers['content-type'] = 'application/json';
  return { statusCode: result.statusCode, headers, body };
}
