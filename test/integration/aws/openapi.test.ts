/**
 * openapi.json and the API handler agree, both ways: every documented operation is served by the
 * handler (not answered "no route"), every route the handler serves is documented, and the status
 * codes the handler gives for typical calls are the documented ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startEmulators, type Emulators } from '../../helpers/emulators.ts';
import { createApiHandler, ROUTES, type ApiEvent, type ApiHandler } from '../../../functions/api.ts';
import { apiEvent } from '../../helpers/api-event.ts';

interface Operation {
  operationId: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, unknown>;
}
const spec = JSON.parse(readFileSync(new URL('../../../openapi.json', import.meta.url), 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  security: unknown[];
};
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const specRoutes = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.keys(item)
    .filter((m) => HTTP_METHODS.includes(m))
    .map((m) => `${m.toUpperCase()} ${path}`),
);

let emu: Emulators;
let api: ApiHandler;
beforeAll(async () => {
  emu = await startEmulators();
  api = createApiHandler({ clients: emu.clients, bucket: emu.bucket, table: emu.table, logger: { info() {}, warn() {}, error() {} } });
});
afterAll(async () => {
  await emu?.stop();
});

function event(method: string, path: string, body?: unknown): ApiEvent {
  return apiEvent('openapi-user', method, path, undefined, body);
}

const SAMPLE: Record<string, string> = { year: '2025', uploadId: 'abc' };

describe('openapi.json', () => {
  it('is OpenAPI 3.1 with a JWT security requirement on every operation', () => {
    expect(spec.openapi).toMatch(/^3\.1\./);
    expect(spec.security).toEqual([{ cognitoJwt: [] }]);
  });

  it('documents exactly the routes the handler serves', () => {
    expect([...specRoutes].sort()).toEqual([...ROUTES].sort());
  });

  it('path parameters match the path templates', () => {
    for (const [path, item] of Object.entries(spec.paths)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const op of Object.values(item)) {
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name).sort();
        expect(declared, `${op.operationId}`).toEqual(inPath);
        for (const p of (op.parameters ?? []).filter((p) => p.in === 'path')) expect(p.required).toBe(true);
      }
    }
  });

  it('every documented operation is routed by the handler, with documented status codes', async () => {
    for (const route of specRoutes) {
      const [method, template] = route.split(' ') as [string, string];
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name]!);
      const body = method === 'POST' ? { format: 'zip' } : undefined;
      const res = await api(event(method, path, body));
      const op = spec.paths[template]![method.toLowerCase()]!;
      expect(Object.keys(op.responses), route).toContain(String(res.statusCode));
      if (res.statusCode === 404) expect(JSON.parse(res.body!).detail, route).not.toMatch(/no route/);
      const bad = template.includes('{year}') ? await api(event(method, template.replace('{year}', 'x'))) : null;
      if (bad) expect(Object.keys(op.responses), `${route} bad year`).toContain(String(bad.statusCode));
    }
  });

  it('a route that is not documented is not served', async () => {
    for (const [method, path] of [
      ['GET', '/users'],
      ['GET', '/stats'],
      ['POST', '/verdicts/x'],
    ] as const) {
      const res = await api(event(method, path));
      expect(res.statusCode).toBe(404);
    }
  });
});
