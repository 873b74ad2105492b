/**
 * Start-up of the built CLI (prints figures; no assertions): `aoi check "<note>"` and `aoi --help`
 * from start to exit, against `node -e 1` measured in the same run, interleaved, each in a fresh
 * process. Builds dist/ first. The first `aoi check` runs with an empty compile cache (a first
 * run after install); the others with the cache it left, as every later run has.
 *   npx tsx scripts/bench-cli.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const runs = Number(process.argv[2]) || 15;
const NOTE = 'Hi Sam, loved your talk on CSV parsing at DataConf. Would be glad to connect.';
export const TARGETS = { checkSeconds: 0.3, checkVsNode: 6 };

const build = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/build.ts')], { cwd: root, encoding: 'utf8' });
if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);

const cache = mkdtempSync(join(tmpdir(), 'aoi-compile-cache-'));
const env = { ...process.env, NODE_COMPILE_CACHE: cache };
const aoi = join(root, 'dist/aoi.js');

function time(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  const coldCheck = time([aoi, 'check', NOTE]);
  const samples: Record<'node' | 'help' | 'check', number[]> = { node: [], help: [], check: [] };
  for (let i = 0; i < runs; i++) {
    samples.node.push(time(['-e', '1']));
    samples.help.push(time([aoi, '--help']));
    samples.check.push(time([aoi, 'check', NOTE]));
  }
  const node = median(samples.node);
  const check = median(samples.check);
  const help = median(samples.help);
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(`node ${process.version}, ${runs} runs each, interleaved; medians (min)`);
  console.log(`node -e 1            ${node.toFixed(0).padStart(5)} ms (${Math.min(...samples.node).toFixed(0)})`);
  console.log(`aoi --help           ${help.toFixed(0).padStart(5)} ms (${Math.min(...samples.help).toFixed(0)})   ${(help / node).toFixed(1)}x node -e 1`);
  console.log(`aoi check, 1st run   ${coldCheck.toFixed(0).padStart(5)} ms          (empty compile cache)`);
  console.log(`aoi check            ${check.toFixed(0).padStart(5)} ms (${Math.min(...samples.check).toFixed(0)})   ${(check / node).toFixed(1)}x node -e 1`);
  console.log(`target: aoi check start-to-exit ${(check / 1000).toFixed(2)} s (target <= ${TARGETS.checkSeconds} s): ${verdict(check / 1000 <= TARGETS.checkSeconds)}`);
  console.log(`target: aoi check vs node -e 1 ${(check / node).toFixed(1)}x (target <= ${TARGETS.checkVsNode}x): ${verdict(check / node <= TARGETS.checkVsNode)}`);
} finally {
  rmSync(cache, { recursive: true, force: true });
}
