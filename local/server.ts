/**
 * The local HTTP server (node:http), one origin for both:
 * - the web page at `/` (local/web/, with the stack's config and dev token injected), and
 * - the API under `/api/` (apiUrl = `<webUrl>/api`): each request becomes an API Gateway HTTP API
 *   v2 event for the same handler that runs in Lambda, after the JWT check the Cognito authorizer
 *   does on AWS (401 without a valid token, as API Gateway answers).
 * Only this machine gets in, by a loopback name (`Host` checked: 421 otherwise, against DNS
 * rebinding), and a browser only from the page's own origin (403 for any other `Origin`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import { createRouter, fromApiGatewayResult, toApiGatewayEvent } from './api-event.ts';
import type { LocalAuth } from './auth.ts';
import { PortInUseError } from './errors.ts';
import { loopbackOrigins, refuseNonLocal } from './loopback.mjs';

export const API_PREFIX = '/api';
/** API Gateway's payload limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type ApiInvoke = (event: APIGatewayProxyEventV2WithJWTAuthorizer) => Promise<APIGatewayProxyResultV2>;

/** What the page is told at load time (also written to stack.json, plus bucket/s3Endpoint). */
export interface PageConfig {
  apiUrl: string;
  token: string;
  userId: string;
  /** The demo account with the sample export (and the sample upload made at this start, to follow until DONE). */
  demo: { userId: string; token: string; seedUploadId?: string };
}

export interface LocalServerOptions {
  port: number;
  routes: readonly string[];
  invoke: ApiInvoke;
  auth: LocalAuth;
  /** Called at each page load (the config holds URLs with the port and fresh tokens). */
  pageConfig: () => Promise<PageConfig>;
  log?: (line: string) => void;
}

export interface LocalServer {
  server: Server;
  port: number;
  url: string;
  /** The page's origins (127.0.0.1, localhost, [::1] on this port): the only ones CORS allows. */
  origins: readonly string[];
  close(): Promise<void>;
}

const WEB_DIR = new URL('./web/', import.meta.url);
const STATIC: Record<string, { file: string; type: string }> = {
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

/** CORS for a request from one of the page's own origins; nothing for anyone else. */
function corsHeaders(origin: string | undefined, allowed: readonly string[]): Record<string, string> {
  if (!origin || !allowed.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-headers': 'authorization,content-type',
    'access-control-allow-methods': 'GET,POST,PUT,DELETE,OPTIONS',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

function send(res: ServerResponse, status: number, headers: Record<string, string | string[]>, body: string | Buffer) {
  res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}) {
  send(res, status, { 'content-type': 'application/json', ...extra }, JSON.stringify(value));
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The page with its config in a JSON script element (`<` escaped so it cannot close the tag). */
export async function renderPage(config: PageConfig): Promise<string> {
  const html = await readFile(new URL('index.html', WEB_DIR), 'utf8');
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return html.replace('<!--AOI_CONFIG-->', `<script id="aoi-config" type="application/json">${json}</script>`);
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const router = createRouter(options.routes);
  const log = options.log ?? (() => {});

  /** Known once listening (the requested one may be 0). */
  let port = options.port;
  let origins: readonly string[] = [];

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL) {
    const path = url.pathname.slice(API_PREFIX.length) || '/';
    const cors = corsHeaders(req.headers.origin, origins);
    if (req.method === 'OPTIONS') {
      send(res, 204, cors, '');
      return;
    }
    const route = router.match(req.method ?? 'GET', path);
    if (!route) {
      sendJson(res, 404, { message: 'Not Found' });
      return;
    }
    const claims = await options.auth.verify(req.headers.authorization);
    if (!claims) {
      sendJson(res, 401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' });
      return;
    }
    const body = await readBody(req);
    if (!body) {
      sendJson(res, 413, { message: 'Request Entity Too Large' });
      return;
    }
    const event = toApiGatewayEvent(
      {
        method: req.method ?? 'GET',
        path,
        rawQueryString: url.search.replace(/^\?/, ''),
        headers: req.headers,
        body,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        host: req.headers.host ?? '127.0.0.1',
      },
      route,
      claims,
    );
    const started = Date.now();
    let out;
    try {
      out = fromApiGatewayResult(await options.invoke(event));
    } catch (err) {
      log(`api ${route.routeKey} threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      sendJson(res, 500, { message: 'Internal Server Error' });
      return;
    }
    // Reads that succeed (the page polls) are not worth a line; changes and errors are. By route, as
    // API Gateway's access log has it: the path can carry an upload id named after the user's file.
    if (out.statusCode >= 400 || req.method !== 'GET') log(`api ${route.routeKey} -> ${out.statusCode} (${Date.now() - started} ms)`);
    send(res, out.statusCode, { ...cors, ...out.headers }, out.body);
  }

  async function handleWeb(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }, 'Method Not Allowed');
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const html = await renderPage(await options.pageConfig());
      send(res, 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, html);
      return;
    }
    const asset = STATIC[url.pathname];
    if (!asset) {
      send(res, 404, { 'content-type': 'text/plain' }, 'Not Found');
      return;
    }
    const data = await readFile(new URL(asset.file, WEB_DIR));
    send(res, 200, { 'content-type': asset.type, 'cache-control': 'no-cache' }, data);
  }

  const server = createServer((req, res) => {
    const refused = refuseNonLocal(req, port);
    if (refused) return sendJson(res, refused.status, { message: refused.message });
    if (req.headers.origin !== undefined && !origins.includes(req.headers.origin)) {
      return sendJson(res, 403, { message: 'Only the local page may call this server from a browser.' });
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isApi = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
    (isApi ? handleApi(req, res, url) : handleWeb(req, res, url)).catch((err: unknown) => {
      log(`server error on ${req.method} ${url.pathname}: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(options.port, '--port', 'web page and API') : err);
    });
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  origins = loopbackOrigins(port);
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    origins,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
