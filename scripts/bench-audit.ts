/**
 * The whole `aoi audit` of a large export, as a user runs it (the built CLI, output to a file),
 * against a bare papaparse stream of the same file measured in the same run (prints figures; no
 * assertions). Two files of scripts/bench-data.ts, 100k rows unless told otherwise:
 * - a heavy user's (writeBenchInvitations): 60% of CRs with a note, most notes written one by one
 *   (about 43k distinct texts in 100k rows), some mass templates; in a real export's row order;
 * - a real export's share of notes (writeMix at 5%: taxonomy.md, about 95% of CRs have none).
 *   npx tsx scripts/bench-audit.ts [rows] [--profile]
 * --profile also runs the jsonl audit of the heavy file once under --cpu-prof and prints the
 * functions with the most self time (the profile stays in the temp folder named at the end).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchInvitations, writeMix } from './bench-data.ts';

const root = join(import.meta.dirname, '..');
const rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a))) || 100_000;
const profile = process.argv.includes('--profile');
const RUNS = 3;
export const TARGET_VS_PAPAPARSE = 3;

const build = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/build.ts')], { cwd: root, encoding: 'utf8' });
if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);

const dir = mkdtempSync(join(tmpdir(), 'aoi-bench-audit-'));
const csv = join(dir, 'Invitations.csv');
await writeBenchInvitations(csv, rows);
const realCsv = join(dir, 'Invitations-real-mix.csv');
await writeMix(realCsv, rows, 0.05);

// The floor: stream the file through papaparse with a header row, keep nothing.
const PAPA = `
  const Papa = require(${JSON.stringify(join(root, 'node_modules/papaparse'))});
  let n = 0;
  require('node:fs').createReadStream(process.argv[1]).pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { header: true }))
    .on('data', () => n++).on('end', () => { if (n !== ${rows}) { console.error('rows: ' + n); process.exit(1); } });`;

function run(name: string, args: string[], out = join(dir, `${name}.out`)): number {
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', `exec "$0" "$@" > "${out}"`, process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
  return ms;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Each case run RUNS times, interleaved; prints the medians and each audit's ratio to papaparse. */
function measure(title: string, file: string, formats: [string, string[]][]): void {
  const cases: [string, string[]][] = [['papaparse', ['-e', PAPA, file]], ...formats.map(([name, args]): [string, string[]] => [name, [aoi, 'audit', file, ...args]])];
  const t: Record<string, number[]> = {};
  for (let i = 0; i < RUNS; i++) for (const [name, args] of cases) (t[name] ??= []).push(run(name.replace(/\W+/g, '-'), args));
  const mb = statSync(file).size / 1024 / 1024;
  const papa = median(t.papaparse!);
  console.log(`${title}: ${rows.toLocaleString('en-US')} rows, ${mb.toFixed(1)} MB; node ${process.version}; median of ${RUNS}, wall clock, start to exit`);
  for (const [name] of cases) {
    const ms = median(t[name]!);
    console.log(`  ${name.padEnd(26)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${Math.round(rows / (ms / 1000)).toLocaleString('en-US').padStart(9)} rows/s  ${(ms / papa).toFixed(1).padStart(5)}x papaparse`);
  }
  for (const [name] of formats) {
    const ratio = median(t[name]!) / papa;
    console.log(`target: ${title}, ${name} vs a bare papaparse stream ${ratio.toFixed(1)}x (target <= ${TARGET_VS_PAPAPARSE}x): ${ratio <= TARGET_VS_PAPAPARSE ? 'met' : 'MISSED'}`);
  }
}

const aoi = join(root, 'dist/aoi.js');
try {
  measure('heavy user (60% with a note, most written one by one)', csv, [
    ['aoi audit --format jsonl', ['--format', 'jsonl']],
    ['aoi audit (text)', []],
  ]);
  measure("a real export's share of notes (5%)", realCsv, [['aoi audit --format jsonl', ['--format', 'jsonl']]]);

  if (profile) {
    const profDir = join(dir, 'profile');
    run('profile', ['--cpu-prof', `--cpu-prof-dir=${profDir}`, aoi, 'audit', csv, '--format', 'jsonl']);
    const p = JSON.parse(readFileSync(join(profDir, readdirSync(profDir)[0]!), 'utf8')) as {
      nodes: { id: number; callFrame: { functionName: string; url: string } }[];
      samples: number[];
      timeDeltas: number[];
    };
    const byId = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
    const self = new Map<string, number>();
    let total = 0;
    p.samples.forEach((id, i) => {
      const f = byId.get(id)!;
      const k = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}`.slice(0, 90);
      self.set(k, (self.get(k) ?? 0) + p.timeDeltas[i]!);
      total += p.timeDeltas[i]!;
    });
    console.log(`\nprofile (self time, ${(total / 1e6).toFixed(1)} s sampled), in ${profDir}:`);
    for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  }
} finally {
  if (!profile) rmSync(dir, { recursive: true, force: true });
}
