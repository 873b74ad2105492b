/**
 * The ingest Lambda's bundle (prints figures; no assertions): its size against the 500 KB goal,
 * what it is made of (esbuild's metafile, by package and by folder of this repository), the fitted
 * data files copied beside it (read at run time, not bundled: lib/functions.ts), and its
 * cold import time in a fresh `node` against a fresh import of the bare S3 client from
 * node_modules, interleaved in the same run; then the sizes of the API and IngestFailed bundles.
 * Bundled with the options the CDK app uses (lib/functions.ts BUNDLING and LAMBDA_ALIASES), as
 * `cdk synth` does; test/cdk/bundle.test.ts prints the sizes of the bundles a real synth makes.
 *   npx tsx scripts/bench-bundle.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLING, fittedDataCommands, FITTED_DATA_FILES, LAMBDA_ALIASES } from '../lib/functions.ts';

const root = join(import.meta.dirname, '..');
const runs = Number(process.argv[2]) || 9;
export const TARGET_KB = 500;
/** The bundle's cold import may take at most this much longer than a bare S3-client import. */
export const TARGET_IMPORT_MS = 100;

/** One handler bundled as lib/functions.ts has NodejsFunction bundle it (no source map: its size is not the bundle's). */
const bundle = (entry: string, outfile: string) =>
  build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLING.target,
    mainFields: BUNDLING.mainFields,
    minify: BUNDLING.minify,
    external: BUNDLING.externalModules,
    alias: LAMBDA_ALIASES,
    banner: { js: BUNDLING.banner ?? '' },
    metafile: true,
    logLevel: 'error',
  });

const dir = mkdtempSync(join(tmpdir(), 'aoi-bench-bundle-'));
try {
  const outfile = join(dir, 'index.mjs');
  const result = await bundle('functions/ingest.ts', outfile);
  // the fitted data beside the bundle, as the CDK bundling's afterBundling hook copies it
  for (const cmd of fittedDataCommands(root, dir)) {
    const r = spawnSync('sh', ['-c', cmd], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${cmd} failed`);
  }
  const bytes = statSync(outfile).size;
  const dataBytes = FITTED_DATA_FILES.map((f) => statSync(join(dir, f)).size);
  const inputs = Object.values(result.metafile.outputs)[0]!.inputs;
  const groups = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const parts = path.split('/');
    const key = path.startsWith('node_modules/')
      ? /^@(aws-sdk|smithy|aws-crypto|aws)$/.test(parts[1]!) ? `node_modules/${parts[1]}/* (AWS SDK v3)` : parts.slice(0, parts[1]!.startsWith('@') ? 3 : 2).join('/')
      : path.endsWith('.json') ? path : `${parts.slice(0, -1).join('/')}/`;
    groups.set(key, (groups.get(key) ?? 0) + bytesInOutput);
  }
  const kb = (n: number) => `${(n / 1024).toFixed(0).padStart(5)} KiB`;
  console.log(`ingest bundle (functions/ingest.ts, minified ESM as lib/functions.ts bundles it): ${kb(bytes)}`);
  for (const [k, v] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`  ${kb(v)} ${((100 * v) / bytes).toFixed(0).padStart(3)}%  ${k}`);
  console.log(`beside it, the fitted data read at run time (not bundled): ${FITTED_DATA_FILES.map((f, i) => `${f} ${kb(dataBytes[i]!).trim()}`).join(', ')}`);

  // Cold import: a fresh process each time; the bundle from a folder with no node_modules.
  // Wall time (the goal) and the process's CPU time (user + system) over the import: on a shared
  // machine the CPU time varies less with the load, so it is printed beside the wall time.
  const importMs = (specifier: string, cwd: string) => {
    const script = `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(specifier)}); const d = process.cpuUsage(c); console.log(performance.now() - t, (d.user + d.system) / 1000);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', BUCKET_NAME: 'b', TABLE_NAME: 't', AWS_EC2_METADATA_DISABLED: 'true' },
    });
    if (r.status !== 0) throw new Error(`import ${specifier}: ${r.stderr}`);
    const [wall, cpu] = r.stdout.trim().split(' ').map(Number) as [number, number];
    return { wall, cpu };
  };
  const b: number[] = [];
  const s3: number[] = [];
  const bCpu: number[] = [];
  const s3Cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const x = importMs(outfile, dir);
    const y = importMs('@aws-sdk/client-s3', root);
    b.push(x.wall);
    bCpu.push(x.cpu);
    s3.push(y.wall);
    s3Cpu.push(y.cpu);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const ms = (xs: number[]) => `${median(xs).toFixed(0).padStart(5)} ms (${Math.min(...xs).toFixed(0)})`;
  console.log(`cold import, median of ${runs} (min), wall and CPU, node ${process.version}:`);
  console.log(`  ingest bundle             ${ms(b)}   CPU ${ms(bCpu)}`);
  console.log(`  bare @aws-sdk/client-s3   ${ms(s3)}   CPU ${ms(s3Cpu)}   from node_modules, unbundled`);
  console.log(`target: ingest bundle ${(bytes / 1000).toFixed(0)} KB (target < ${TARGET_KB} KB): ${bytes / 1000 < TARGET_KB ? 'met' : 'MISSED'}`);
  const over = median(b) - median(s3);
  console.log(`figure: ingest bundle cold import ${(median(b) / median(s3)).toFixed(1)}x a bare S3-client import; CPU time ${(median(bCpu) - median(s3Cpu)).toFixed(0)} ms over it`);
  console.log(`target: ingest bundle cold import ${over.toFixed(0)} ms over a bare S3-client import (target <= ${TARGET_IMPORT_MS} ms): ${over <= TARGET_IMPORT_MS ? 'met' : 'MISSED'}`);

  // The other two handlers' bundles: sizes only (no goal).
  for (const [name, entry] of [
    ['API', 'functions/api.ts'],
    ['IngestFailed', 'functions/ingest-failure.ts'],
  ] as const) {
    const file = join(dir, name, 'index.mjs');
    await bundle(entry, file);
    console.log(`${name} bundle (${entry}): ${kb(statSync(file).size).trim()}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
