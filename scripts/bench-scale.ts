/**
 * Time and peak RSS at scale, each case in a fresh child process (prints figures; asserts nothing):
 * - the read + classify path of the ingest (`auditExport`, what one run holds in memory before its
 *   first write) at 100k and 1M rows: the emulator write (dynalite, ~5k rows/s on 2 cores) would
 *   dominate and say nothing of the Lambda, so the full pipeline is measured at 100k by
 *   bench-ingest.ts instead. Three mixes: bench-ingest's rows (70% with a note, a few templates
 *   filled in with 12 names), a real export's share (5% with a note, each note different) and
 *   every CR with a different note. The file is written by this process and read by a fresh
 *   child, whose RSS at start (modules loaded) is the baseline of "KB/row over start". Beside the
 *   peak RSS (the goal's figure, which varies by hundreds of MB run to run at 1M rows with when V8
 *   collects), what is kept per CR, steady from run to run (LiveHeap);
 * - the whole ingest (download, read + classify, write verdicts, read the years back, stats,
 *   reports) at the row limit, maxRowsFor(1024), as a 1024 MB Lambda runs it: the handler alone in
 *   a fresh child with the Node flags the Lambda runtime sets from its memory (lambdaNodeFlags) and
 *   no row limit, the emulators in this process and its dynalite child, so the child's peak RSS is
 *   the function's share. `lambda-notes` (every row a different note, the worst mix) runs by
 *   default and prints the KB per row behind ingest-bounds.ts's KB_PER_ROW; `lambda-read`
 *   (bench-ingest's mix) and `lambda-real` (5% notes) on request; `lambda-notes=150000` at other sizes;
 * - the ingest handler at 500k rows (103 MB, under the 200 MB upload limit) with Lambda's 1024 MB:
 *   refused before any write (rows limit tied to memory, functions/app/ingest-bounds.ts), how long
 *   it takes to say so and what it costs;
 * - the worst hostile file of the catalogue through the whole pipeline (emulators): one 50 MB note.
 *
 *   npx tsx scripts/bench-scale.ts               # every case
 *   npx tsx scripts/bench-scale.ts refuse note   # some cases (read, real, notes, lambda-notes, lambda-read, lambda-real, refuse, note)
 *   npx tsx scripts/bench-scale.ts lambda-notes=150000 lambda-real   # a case at another size
 *   npx tsx scripts/bench-scale.ts notes=200000  # read + classify at another size (quick iterations)
 *   npx tsx scripts/bench-scale.ts --gc-after-read notes=200000  # also what the reading keeps (lowers the peak: see LiveHeap)
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { GCProfiler } from 'node:v8';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { auditExport } from '../functions/audit/audit.ts';
import { BASE_MEMORY_MB, KB_PER_ROW, maxRowsFor, PEAK_MEMORY_SHARE } from '../functions/app/ingest-bounds.ts';
import { createIngestHandler } from '../functions/ingest.ts';
import { startLocalEmulators } from '../local/emulators.ts';
import { writeInvitations } from './bench-ingest.ts';
import { writeMix } from './bench-data.ts';
import type { LambdaRun } from './bench-scale-lambda.ts';
import type { IngestTimings } from '../functions/app/ingest-upload.ts';

interface Figure {
  case: string;
  rows: number;
  mb: number;
  seconds: number;
  peakRssMb: number;
  /** RSS when the input was ready, before the measured work. */
  startRssMb: number;
  outcome: string;
  batchWrites?: number;
  /** lambda-* cases: when the handler started (epoch ms) and its phases' timings, to place the RSS samples. */
  startedAtMs?: number;
  timings?: IngestTimings | null;
  /** lambda-* cases: the handler process's CPU time (user + system), what the function would be billed for on one full core. */
  cpuSeconds?: number;
  /** Read + classify cases: what is kept, in MB of V8 heap used after a forced full GC (see measureRead). */
  live?: LiveHeap;
}

/**
 * What a read + classify run keeps, beside its peak RSS (which varies by hundreds of MB at 1M rows
 * with when V8 runs its major GCs: the old generation grows to its limit with garbage in it):
 * - the V8 heap used after a forced full GC (`--expose-gc`) at start (modules loaded) and once the
 *   CRs are classified (what the run keeps), and, with `--gc-after-read`, when reading ends (what
 *   the CRs read keep). That GC clears the reading's garbage before classifying starts and so
 *   lowers the peak that follows: a peak measured with it is not the goal's figure;
 * - per phase (reading, grouping templates, classifying), V8's own record of its major GCs
 *   (v8.GCProfiler, which does not change when they run): how many, the heap used after the last
 *   one (what was live then) and the most used when one started (live data plus the garbage the
 *   old generation had grown to hold), and the peak RSS when the phase ended.
 */
interface LiveHeap {
  startMb: number;
  /** Null unless --gc-after-read. */
  readMb: number | null;
  classifiedMb: number;
  phases: PhaseGcs[];
}

interface PhaseGcs {
  phase: string;
  /** Major GCs in the phase. */
  count: number;
  /** Heap used after the phase's last major GC, in MB (0: none ran). */
  lastAfterMb: number;
  /** The most heap used when one started, in MB. */
  maxBeforeMb: number;
  /**
   * MB the scavenges moved into the old generation: what outlived the young one, kept or garbage
   * later (the old generation's growth between major GCs, less noisy than when they run).
   */
  promotedMb: number;
  /** Peak RSS of the process when the phase ended. */
  peakRssMb: number;
}

function phaseGcs(phase: string, profile: ReturnType<GCProfiler['stop']>): PhaseGcs {
  const gcs = profile?.statistics ?? [];
  const majors = gcs.filter((s) => s.gcType === 'MarkSweepCompact');
  const mb = (bytes: number) => bytes / 1024 / 1024;
  const oldUsed = (h: (typeof gcs)[number]['afterGC']) => h.heapSpaceStatistics.filter((x) => x.spaceName === 'old_space' || x.spaceName === 'large_object_space').reduce((k, x) => k + x.spaceUsedSize, 0);
  let promoted = 0;
  for (const g of gcs) if (g.gcType === 'Scavenge') promoted += oldUsed(g.afterGC) - oldUsed(g.beforeGC);
  return {
    phase,
    count: majors.length,
    lastAfterMb: majors.length ? mb(majors[majors.length - 1]!.afterGC.heapStatistics.usedHeapSize) : 0,
    maxBeforeMb: Math.max(0, ...majors.map((m) => mb(m.beforeGC.heapStatistics.usedHeapSize))),
    promotedMb: mb(promoted),
    peakRssMb: peakMb(),
  };
}

/**
 * The highest RSS sampled in each phase of the ingest, from the parent (every 100 ms from the
 * child's /proc status, so the child's own event loop, blocked while it classifies, cannot skew it),
 * the phases placed by the timings the child logs (back to back from the handler's start).
 */
function phasePeaks(samples: readonly [number, number][], startedAtMs: number, t: IngestTimings): string {
  const phases: [string, number][] = [
    ['read+classify', t.readClassifyMs],
    ['write', t.writeVerdictsMs],
    ['read back', t.readVerdictsMs],
    ['stats', t.statsMs],
    ['render+store', t.renderMs + t.storeReportsMs],
  ];
  let from = startedAtMs;
  const out: string[] = [];
  for (const [name, ms] of phases) {
    const to = from + ms;
    const inPhase = samples.filter(([at]) => at >= from && at < to).map(([, mb]) => mb);
    out.push(`${name} ${inPhase.length ? Math.max(...inPhase).toFixed(0) : '-'} MB`);
    from = to;
  }
  const after = samples.filter(([at]) => at >= from).map(([, mb]) => mb);
  out.push(`after ${after.length ? Math.max(...after).toFixed(0) : '-'} MB`);
  return out.join(', ');
}

const rssMb = () => process.memoryUsage.rss() / 1024 / 1024;
const peakMb = () => process.resourceUsage().maxRSS / 1024;

async function writeHugeNote(path: string, mb: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n');
  out.write('Ines Paredes,Alex Example,"3/1/25, 1:00 PM","');
  const chunk = 'we sell lead generation, book a demo now. '.repeat(25_000); // ~1 MB
  for (let i = 0; i < mb; i++) if (!out.write(chunk)) await once(out, 'drain');
  out.write('",INCOMING,https://www.linkedin.com/in/ines,https://www.linkedin.com/in/alex\n');
  out.end();
  await once(out, 'finish');
}

async function viaIngest(dir: string, csv: string, memoryMb: number | undefined): Promise<{ outcome: string; batchWrites: number; seconds: number; startRssMb: number }> {
  const emu = await startLocalEmulators({ bucket: 'aoi-bench', table: 'aoi-bench', region: 'us-east-1', memory: true, dir, s3Port: 0, dynamoPort: 0 });
  try {
    const key = 'uploads/bench-user/bench.csv';
    await emu.clients.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: key, Body: await readFile(csv), ContentType: 'text/csv' }));
    let batchWrites = 0;
    emu.clients.dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'BatchWriteItemCommand') batchWrites++;
        return next(args);
      },
      { step: 'initialize', name: 'benchCounter' },
    );
    const handler = createIngestHandler({ clients: emu.clients, bucket: emu.bucket, table: emu.table, logger: { info() {}, warn() {}, error() {} }, memoryMb });
    const event = { Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: emu.bucket }, object: { key } } }] } as unknown as S3Event;
    const startRssMb = rssMb();
    const t0 = performance.now();
    const out = await handler(event);
    const seconds = (performance.now() - t0) / 1000;
    const r = out.results[0]!;
    const outcome =
      r.status === 'SKIPPED' ? 'SKIPPED' : `${r.status}${r.upload.errorCode ? ` ${r.upload.errorCode}` : ''}${r.upload.counts ? ` (${r.upload.counts.requests} CRs, ${r.upload.counts.problems} warnings)` : ''}`;
    return { outcome, batchWrites, seconds, startRssMb };
  } finally {
    await emu.stop();
  }
}

/** The read + classify cases: the Invitations.csv each one reads (written by the parent process, not the measured one). */
const MIXES: Record<string, { label: string; write: (path: string, rows: number) => Promise<void> }> = {
  read: { label: 'read + classify', write: writeInvitations },
  real: { label: 'read + classify, 5% notes', write: (path, rows) => writeMix(path, rows, 0.05) },
  notes: { label: 'read + classify, every CR a note', write: (path, rows) => writeMix(path, rows, 1) },
};

/** Read + classify of a file written beforehand: RSS at start is the process with its modules loaded, nothing else. */
async function measureRead(kind: string, n: number, csv: string, gcAfterRead: boolean): Promise<Figure> {
  const mb = (await stat(csv)).size / 1024 / 1024;
  const startRssMb = rssMb();
  const startMb = liveHeapMb();
  const phases: PhaseGcs[] = [];
  let readMb: number | null = null;
  let phase = 'reading';
  let gcs = new GCProfiler();
  gcs.start();
  let bookkeepingMs = 0; // left out of `seconds`
  const t0 = performance.now();
  const result = await auditExport(
    { name: 'Invitations.csv', path: csv },
    {
      onPhase: (next) => {
        if (next === phase) return;
        const t = performance.now();
        phases.push(phaseGcs(phase, gcs.stop()));
        if (phase === 'reading' && gcAfterRead) readMb = liveHeapMb();
        phase = next;
        gcs = new GCProfiler();
        gcs.start();
        bookkeepingMs += performance.now() - t;
      },
    },
  );
  const seconds = (performance.now() - t0 - bookkeepingMs) / 1000;
  const peakRssMb = peakMb();
  phases.push(phaseGcs(phase, gcs.stop()));
  const classifiedMb = liveHeapMb();
  const notes = result.requests.reduce((k, r) => k + (r.message === '' ? 0 : 1), 0);
  const share = Math.round((100 * notes) / Math.max(1, result.requests.length));
  return {
    case: `${MIXES[kind]!.label} ${n.toLocaleString('en-US')} rows`,
    rows: result.requests.length,
    mb,
    seconds,
    peakRssMb,
    startRssMb,
    outcome: `${result.requests.length} CRs, ${share}% with a note`,
    live: { startMb, readMb, classifiedMb, phases },
  };
}

/** V8 heap used after a full GC, in MB (the read + classify child runs with --expose-gc). */
function liveHeapMb(): number {
  (globalThis as unknown as { gc: () => void }).gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/**
 * Node's flags in a Lambda function of `memoryMb` (the Node.js runtime's bootstrap: a tenth of the
 * memory for the young generation, half of that per semi-space, the rest old space): 1024 MB gives
 * --max-semi-space-size=51 --max-old-space-size=922. Past the heap limit V8 stops the run; past
 * `memoryMb` of RSS Lambda kills it.
 */
export function lambdaNodeFlags(memoryMb: number): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  return [`--max-semi-space-size=${Math.floor(newSpace / 2)}`, `--max-old-space-size=${memoryMb - newSpace}`];
}

/** The deployed ingest function's memory (lib/pipeline-stack.ts); its peak RSS stays under PEAK_MEMORY_SHARE of it. */
const LAMBDA_MB = 1024;
/** Lambda's CPU share: a function gets one full vCPU at 1,769 MB, in proportion below it. */
const LAMBDA_MB_PER_VCPU = 1769;
/** The deployed ingest function's timeout (lib/pipeline-stack.ts). */
const INGEST_TIMEOUT_S = 300;

/** The whole ingest in a 1024 MB Lambda's flags, one case per mix (the mixes of MIXES). */
const LAMBDA_CASES: Record<string, { label: string; mix: string }> = {
  'lambda-notes': { label: 'Lambda 1024 MB ingest, every CR a note', mix: 'notes' },
  'lambda-read': { label: 'Lambda 1024 MB ingest, bench-ingest mix', mix: 'read' },
  'lambda-real': { label: 'Lambda 1024 MB ingest, 5% notes', mix: 'real' },
};

/** Parent side of a `lambda-*` case: the file, the emulators and the upload here; the ingest in a fresh child. */
async function childLambda(kind: string, n: number): Promise<Figure> {
  const dir = await mkdtemp(join(tmpdir(), 'aoi-bench-scale-'));
  const emu = await startLocalEmulators({ bucket: 'aoi-bench', table: 'aoi-bench', region: 'us-east-1', memory: true, dir, s3Port: 0, dynamoPort: 0 });
  try {
    const csv = join(dir, 'Invitations.csv');
    await MIXES[LAMBDA_CASES[kind]!.mix]!.write(csv, n);
    const mb = (await stat(csv)).size / 1024 / 1024;
    const key = 'uploads/bench-user/bench.csv';
    await emu.clients.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: key, Body: await readFile(csv), ContentType: 'text/csv' }));
    await rm(csv);
    const run: LambdaRun = { endpoints: { s3Endpoint: emu.s3Endpoint, dynamoEndpoint: emu.dynamoEndpoint, region: emu.region, credentials: emu.credentials }, bucket: emu.bucket, table: emu.table, key };
    const p = fork(fileURLToPath(new URL('./bench-scale-lambda.ts', import.meta.url)), [`${LAMBDA_CASES[kind]!.label} ${n.toLocaleString('en-US')} rows`, String(n)], {
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      execArgv: [...process.execArgv, ...lambdaNodeFlags(LAMBDA_MB)],
    });
    let stderr = '';
    p.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    p.send(run);
    const samples: [number, number][] = [];
    const sampler = setInterval(() => {
      readFile(`/proc/${p.pid}/status`, 'utf8')
        .then((s) => {
          const kb = /VmRSS:\s+(\d+)/.exec(s)?.[1];
          if (kb) samples.push([Date.now(), Number(kb) / 1024]);
        })
        .catch(() => undefined); // not Linux, or the child is gone
    }, 100);
    const exited = once(p, 'exit');
    const result = await Promise.race([once(p, 'message').then(([m]) => m as Figure), exited.then(() => null)]);
    const [code, signal] = (await exited) as [number | null, string | null];
    clearInterval(sampler);
    if (result?.timings && result.startedAtMs && samples.length) console.log(`phases (peak RSS sampled per phase): ${phasePeaks(samples, result.startedAtMs, result.timings)}`);
    if (result) return { ...result, mb };
    const oom = /heap out of memory|Allocation failed/i.test(stderr);
    if (oom) console.error(stderr.split('\n').filter((x) => /Mark-Compact|Scavenge|last few GCs/.test(x)).slice(-3).join('\n'));
    return { case: `${LAMBDA_CASES[kind]!.label} ${n.toLocaleString('en-US')} rows`, rows: n, mb, seconds: 0, peakRssMb: 0, startRssMb: 0, outcome: oom ? 'OUT OF MEMORY (V8 heap limit)' : `child died (${signal ?? code}): ${stderr.trim().split('\n').slice(-3).join(' | ')}` };
  } finally {
    await emu.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function measure(kind: string, n: number): Promise<Figure> {
  const dir = await mkdtemp(join(tmpdir(), 'aoi-bench-scale-'));
  try {
    const csv = join(dir, 'Invitations.csv');
    if (kind === 'note') await writeHugeNote(csv, n);
    else await writeInvitations(csv, n);
    const mb = (await stat(csv)).size / 1024 / 1024;
    const r = await viaIngest(dir, csv, kind === 'refuse' ? 1024 : undefined);
    const label = kind === 'refuse' ? `ingest (1024 MB) of ${n.toLocaleString('en-US')} rows` : `ingest of one ${n} MB note (worst hostile file)`;
    return { case: label, rows: kind === 'note' ? 1 : n, mb, seconds: r.seconds, peakRssMb: peakMb(), startRssMb: r.startRssMb, outcome: r.outcome, batchWrites: r.batchWrites };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function child(kind: string, n: number, gcAfterRead: boolean): Promise<Figure> {
  const mix = MIXES[kind];
  const dir = mix ? await mkdtemp(join(tmpdir(), 'aoi-bench-scale-')) : null;
  try {
    const args = ['--scale-measure', kind, String(n), gcAfterRead ? 'gc-after-read' : 'no-gc-after-read'];
    if (mix && dir) {
      const csv = join(dir, 'Invitations.csv');
      await mix.write(csv, n);
      args.push(csv);
    }
    // --expose-gc: the read + classify cases force full GCs to measure what is kept (measureRead)
    const p = fork(fileURLToPath(import.meta.url), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: mix ? [...process.execArgv, '--expose-gc'] : process.execArgv });
    const exited = once(p, 'exit');
    const [msg] = (await Promise.race([once(p, 'message'), exited.then(([code]) => Promise.reject(new Error(`bench child exited with code ${code}`)))])) as [Figure];
    await exited;
    return msg;
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

/** Issue 15's goal: peak RSS at 1M rows at most about 1 KB per CR above the process baseline. */
const KB_PER_CR_TARGET = 1;

const i = process.argv.indexOf('--scale-measure');
if (i >= 0) {
  const [kind, n, gcAfterRead, csv] = [process.argv[i + 1]!, Number(process.argv[i + 2]), process.argv[i + 3] === 'gc-after-read', process.argv[i + 4]];
  const figure = csv ? await measureRead(kind, n, csv, gcAfterRead) : await measure(kind, n);
  process.send?.(figure);
} else {
  console.log(`Rows one ingest accepts at 1024 MB (maxRowsFor): ${maxRowsFor(1024).toLocaleString('en-US')}`);
  console.log('case                                              rows     MB   seconds  peak RSS MB  KB/row over start  outcome');
  const figures: Figure[] = [];
  // `kind` runs its cases; `kind=N` runs it at N rows (e.g. lambda-notes=300000).
  const gcAfterRead = process.argv.includes('--gc-after-read');
  const asked = process.argv
    .slice(2)
    .filter((a) => a !== '--gc-after-read')
    .map((a) => a.split('=') as [string, string?]);
  const all: [string, number][] = [
    ['read', 100_000],
    ['read', 1_000_000],
    ['real', 1_000_000],
    ['notes', 1_000_000],
    // The whole ingest at the row limit, worst mix, in a 1024 MB Lambda's flags: what justifies maxRowsFor.
    ['lambda-notes', maxRowsFor(LAMBDA_MB)],
    ['lambda-read', maxRowsFor(LAMBDA_MB)],
    ['lambda-real', maxRowsFor(LAMBDA_MB)],
    ['refuse', 500_000],
    ['note', 50],
  ];
  const byDefault = (kind: string) => kind !== 'lambda-read' && kind !== 'lambda-real'; // the worst mix is enough for `npm run bench`
  const cases: [string, number][] = asked.length
    ? asked.flatMap(([kind, n]) => (n ? [[kind, Number(n)] as [string, number]] : all.filter(([k]) => k === kind)))
    : all.filter(([kind]) => byDefault(kind));
  const perRow = (f: Figure) => ((f.peakRssMb - f.startRssMb) * 1024) / f.rows;
  for (const [kind, n] of cases) {
    const f = LAMBDA_CASES[kind] ? await childLambda(kind, n) : await child(kind, n, gcAfterRead);
    figures.push(f);
    console.log(
      `${f.case.padEnd(48)} ${String(f.rows).padStart(8)} ${f.mb.toFixed(1).padStart(6)} ${f.seconds.toFixed(2).padStart(9)} ${f.peakRssMb.toFixed(0).padStart(12)} ${(f.rows > 1 ? perRow(f).toFixed(2) : '-').padStart(18)}  ${f.outcome}${f.batchWrites !== undefined ? `, ${f.batchWrites} BatchWriteItem` : ''}`,
    );
  }
  for (const f of figures) console.log(`figure: ${f.case}: ${f.seconds.toFixed(2)} s, peak RSS ${f.peakRssMb.toFixed(0)} MB (${f.outcome})`);
  for (const f of figures) {
    const live = f.live;
    if (!live) continue;
    const kbPerCr = (mb: number) => `${(((mb - live.startMb) * 1024) / f.rows).toFixed(2)} KB per CR`;
    console.log(
      `figure: ${f.case}: live heap after a full GC: ${live.startMb.toFixed(0)} MB at start, ${live.readMb === null ? '' : `after read ${live.readMb.toFixed(0)} MB (${kbPerCr(live.readMb)}), `}after classify ${live.classifiedMb.toFixed(0)} MB (${kbPerCr(live.classifiedMb)})`,
    );
    for (const g of live.phases) {
      const gcs = g.count ? `${g.count} major GCs, live after the last ${g.lastAfterMb.toFixed(0)} MB (${kbPerCr(g.lastAfterMb)}), heap used at most ${g.maxBeforeMb.toFixed(0)} MB when one started` : 'no major GC';
      console.log(`figure: ${f.case}: ${g.phase}: ${g.promotedMb.toFixed(0)} MB promoted to the old generation; ${gcs}; peak RSS ${g.peakRssMb.toFixed(0)} MB when it ended`);
    }
  }
  for (const f of figures.filter((x) => x.case.startsWith('Lambda'))) {
    const ok = f.peakRssMb > 0 && f.peakRssMb <= LAMBDA_MB * PEAK_MEMORY_SHARE;
    if (f.cpuSeconds !== undefined) {
      // Lambda gives a function CPU in proportion to its memory: one vCPU at 1,769 MB.
      const vcpu = LAMBDA_MB / LAMBDA_MB_PER_VCPU;
      console.log(`figure: ${f.case}: handler CPU ${f.cpuSeconds.toFixed(1)} s here; at ${vcpu.toFixed(2)} vCPU (${LAMBDA_MB} MB) about ${(f.cpuSeconds / vcpu).toFixed(0)} s of the ${INGEST_TIMEOUT_S} s timeout, before DynamoDB's own latency`);
    }
    if (f.peakRssMb > 0) console.log(`figure: ${f.case}: ${((f.peakRssMb - f.startRssMb) * 1024 / f.rows).toFixed(2)} KB of peak RSS per row above the process at start (${f.startRssMb.toFixed(0)} MB; ingest-bounds.ts budgets ${KB_PER_ROW} KB per row + ${BASE_MEMORY_MB} MB)`);
    console.log(`target: ${f.case}: peak RSS ${f.peakRssMb.toFixed(0)} MB (target ≤ ${Math.round(LAMBDA_MB * PEAK_MEMORY_SHARE)} MB, ${PEAK_MEMORY_SHARE * 100}% of ${LAMBDA_MB} MB): ${ok ? 'met' : 'MISSED'}`);
  }
  for (const f of figures.filter((x) => x.rows >= 1_000_000 && x.case.startsWith('read'))) {
    const kb = perRow(f);
    console.log(`target: ${f.case}: peak RSS ${kb.toFixed(2)} KB per CR above the process at start (target ≤ ${KB_PER_CR_TARGET} KB): ${kb <= KB_PER_CR_TARGET * 1.05 ? 'met' : 'MISSED'}`);
  }
}
