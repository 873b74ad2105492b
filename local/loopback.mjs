// Who may reach the local stack's ports: only this machine, by a loopback name. The servers listen
// on 127.0.0.1; on top of that, each checks the Host header (a web page on another origin that
// resolves its own name to 127.0.0.1 — DNS rebinding — sends its own name, not ours: answered 421)
// and the peer address. Plain JavaScript, shared with the DynamoDB emulator's child process.

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The `Host` values this server answers to: a loopback name and its own port. */
export function allowedHosts(port) {
  return new Set(LOOPBACK_NAMES.map((name) => `${name}:${port}`));
}

/** The page origins of a web server on `port` (what CORS may allow, and nothing else). */
export function loopbackOrigins(port) {
  return LOOPBACK_NAMES.map((name) => `http://${name}:${port}`);
}

export function isLoopbackAddress(address) {
  const a = String(address ?? '');
  return a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.');
}

/**
 * Why a request may not come in, or null: `{ status: 421 | 403, message }`.
 * `req`: a node:http IncomingMessage; `port`: the port this server listens on.
 */
export function refuseNonLocal(req, port) {
  if (!isLoopbackAddress(req.socket?.remoteAddress)) return { status: 403, message: 'Only this machine may use the local stack.' };
  const host = String(req.headers.host ?? '').toLowerCase();
  if (!allowedHosts(port).has(host)) return { status: 421, message: `This server answers to 127.0.0.1:${port} or localhost:${port} only.` };
  return null;
}
