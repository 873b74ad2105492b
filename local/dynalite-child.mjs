// dynalite in a child process (forked by emulators.ts): DynamoDB writes run on another core,
// about 2x faster than in the stack's own process. Plain JavaScript so it starts in a fraction
// of a second without a TypeScript loader. Reports `{ port }` or `{ error, code }` over IPC and
// exits when the parent goes away.
//
// dynalite itself accepts any request; in front of it, each request must come from this machine
// by a loopback name, carry no browser `Origin` (no web page may talk to the table), and be
// signed (SigV4) with the stack's own credentials, handed over in the environment.
import dynalite from 'dynalite';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { refuseNonLocal } from './loopback.mjs';
import { sha256Hex, verifyHeaderSignature } from './sigv4.mjs';

// dynalite's own LevelDB binding (a dependency of dynalite, resolved from it, not of this project).
const { Level } = createRequire(createRequire(import.meta.url).resolve('dynalite'))('level');

const path = process.env.AOI_DYNALITE_PATH || undefined;
const port = Number(process.env.AOI_DYNALITE_PORT ?? 0);

if (path) {
  // dynalite opens its LevelDB lazily and crashes on the first request when another process holds
  // it: open it once here to report a clear error instead.
  const probe = new Level(path, { valueEncoding: 'json' });
  try {
    await probe.open();
    await probe.close();
  } catch (err) {
    const locked = err?.cause?.code === 'LEVEL_LOCKED' || /lock/i.test(String(err?.cause?.message ?? err?.message));
    process.send?.({ error: locked ? 'locked' : String(err?.cause?.message ?? err?.message), code: locked ? 'LOCKED' : 'OPEN_FAILED' });
    process.exit(1);
  }
}

const expect = {
  credentials: { accessKeyId: process.env.AOI_LOCAL_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AOI_LOCAL_SECRET_ACCESS_KEY ?? '' },
  region: process.env.AOI_LOCAL_REGION ?? 'us-east-1',
  service: 'dynamodb',
};
if (!expect.credentials.accessKeyId || !expect.credentials.secretAccessKey) {
  process.send?.({ error: 'no credentials given to the DynamoDB emulator', code: 'NO_CREDENTIALS' });
  process.exit(1);
}
/** dynalite's own limit is 16 MB; nothing this project sends comes near it. */
const MAX_BODY = 16 * 1024 * 1024;

function refuse(res, status, type, message) {
  const body = JSON.stringify({ __type: `com.amazon.coral.service#${type}`, message });
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = dynalite(path ? { createTableMs: 0, path } : { createTableMs: 0 });
const [dynaliteHandler] = server.listeners('request');
server.removeAllListeners('request');
server.on('request', (req, res) => {
  const local = refuseNonLocal(req, server.address().port);
  if (local) return refuse(res, local.status, 'AccessDeniedException', local.message);
  if (req.headers.origin !== undefined || req.method === 'OPTIONS') {
    return refuse(res, 403, 'AccessDeniedException', 'Browsers may not reach the DynamoDB emulator.');
  }
  const chunks = [];
  let size = 0;
  req.on('data', (c) => {
    size += c.length;
    if (size > MAX_BODY) {
      req.destroy();
      return;
    }
    chunks.push(c);
  });
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const verdict = verifyHeaderSignature(
      { method: req.method, url: req.url, headers: req.headers, payloadHash: sha256Hex(body) },
      expect,
    );
    if (!verdict.ok) {
      const type = verdict.code === 'InvalidAccessKeyId' ? 'UnrecognizedClientException' : verdict.code === 'SignatureDoesNotMatch' ? 'InvalidSignatureException' : 'AccessDeniedException';
      return refuse(res, verdict.code === 'InvalidAccessKeyId' || verdict.code === 'SignatureDoesNotMatch' ? 400 : 403, type, verdict.message);
    }
    // Hand dynalite the request with its body replayed (it reads `data`/`end` events).
    const replay = Object.assign(new PassThrough(), { headers: req.headers, method: req.method, url: req.url, socket: req.socket });
    dynaliteHandler(replay, res);
    replay.end(body);
  });
});
server.once('error', (err) => {
  process.send?.({ error: err.message, code: err.code });
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  process.send?.({ port: server.address().port });
});
const quit = () => server.close(() => process.exit(0));
process.on('disconnect', quit);
process.on('SIGTERM', quit);
// Ctrl-C reaches the whole process group: let the parent stop us in order.
process.on('SIGINT', () => {});
