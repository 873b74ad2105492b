/**
 * `npm run bench`: every benchmark, one after the other, each in its own process so their memory
 * figures do not mix. Prints figures; asserts nothing (speed and memory goals are never tests).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const tsx = join(root, 'node_modules/.bin/tsx');
const benches = [
  ['export reader (rows/s, peak RSS at 10k and 100k rows)', 'scripts/bench-read.ts'],
  ['classifier (per-note rules notes/s, clustering 10k/100k)', 'scripts/bench-classify.ts'],
  ['ingest pipeline against the emulators (rows/s, time split, peak RSS)', 'scripts/bench-ingest.ts'],
] as const;

let failed = 0;
for (const [title, script] of benches) {
  process.stdout.write(`\n=== ${title}: ${script}\n`);
  const r = spawnSync(tsx, [join(root, script)], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', AWS_EC2_METADATA_DISABLED: 'true' },
  });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`(${script} exited with ${r.status ?? r.signal})\n`);
  }
}
process.exitCode = failed ? 1 : 0;
