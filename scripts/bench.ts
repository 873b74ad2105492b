/**
 * `npm run bench`: every benchmark, one after the other, each in its own process so their memory
 * figures do not mix. Prints figures; asserts nothing (speed and memory goals are never tests), and
 * ends with every goal line (`target: <figure> (target <goal>): met|MISSED`) of every benchmark.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const tsx = join(root, 'node_modules/.bin/tsx');
const benches = [
  ['CLI start-up (aoi check, aoi --help vs node -e 1; builds dist/)', 'scripts/bench-cli.ts'],
  ['whole aoi audit of 100k rows vs a bare papaparse stream', 'scripts/bench-audit.ts'],
  ['Lambda bundles (the ingest bundle: size, what it is made of, cold import vs the bare S3 client; the API and IngestFailed bundles: size)', 'scripts/bench-bundle.ts'],
  ['export reader (rows/s, peak RSS at 10k and 100k rows)', 'scripts/bench-read.ts'],
  ['classifier (per-note rules notes/s, clustering 10k/100k, a 300 KB note)', 'scripts/bench-classify.ts'],
  ['ingest pipeline against the emulators (rows/s, time split, peak RSS at 5k and 100k rows)', 'scripts/bench-ingest.ts'],
  ['at scale: read + classify 100k and 1M rows, the whole ingest at its row limit in a 1024 MB Lambda (worst mix: the per-row peak behind maxRowsFor), the ingest refusing 500k rows at 1024 MB, the worst hostile file (time, peak RSS)', 'scripts/bench-scale.ts'],
] as const;

let failed = 0;
const summary: string[] = [];
for (const [title, script] of benches) {
  process.stdout.write(`\n=== ${title}: ${script}\n`);
  const r = spawnSync(tsx, [join(root, script)], {
    stdio: ['inherit', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    cwd: root,
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
  });
  process.stdout.write(r.stdout ?? '');
  // Lines `target: …` (a goal, measured as a ratio in the same run) and `figure: …` are repeated at the end.
  for (const line of (r.stdout ?? '').split('\n')) if (/^(target|figure): /.test(line)) summary.push(`${line}   [${script}]`);
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`(${script} exited with ${r.status ?? r.signal})\n`);
  }
}
process.stdout.write(`\n=== goals (each measured against its baseline in the same run)\n${summary.join('\n')}\n`);
process.exitCode = failed ? 1 : 0;
