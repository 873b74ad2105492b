/**
 * The HTTP API's routes, as `METHOD /path/{param}`: served by functions/api.ts, declared by the
 * CDK stack (lib/), described in openapi.json (a test keeps the three in step).
 */
export const ROUTES = [
  'POST /uploads',
  'GET /uploads/{uploadId}',
  'GET /years',
  'GET /stats/{year}',
  'GET /verdicts',
  'GET /reports/{year}',
  'GET /settings',
  'PUT /settings',
  'DELETE /data',
] as const;
export type RouteKey = (typeof ROUTES)[number];

export function splitRoute(route: string): { method: string; path: string } {
  const [method, path] = route.split(' ') as [string, string];
  return { method, path };
}
