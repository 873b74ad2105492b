// dynalite in a child process (forked by emulators.ts): DynamoDB writes run on another core,
// about 2x faster than in the stack's own process. Plain JavaScript so it starts in a fraction
// of a second without a TypeScript loader. Reports `{ port }` or `{ error, code }` over IPC and
// exits when the parent goes away.
import dynalite from 'dynalite';
import { createRequire } from 'node:module';

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

const server = dynalite(path ? { createTableMs: 0, path } : { createTableMs: 0 });
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
