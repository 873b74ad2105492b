/**
 * Benchmark of the export reader (prints figures; no assertions).
 * Generates Invitations.csv files (default 100k and 1M rows, zips of them, and as many rows of one
 * character: bad rows, the hostile kind) in a temp dir, then
 * reads each in a fresh child process (node --expose-gc) and prints, for readExport (which keeps
 * the result) and for the bare streaming CSV layer (which keeps nothing):
 * - rows/s;
 * - peak RSS of the process (and peak RSS above the baseline of a child that only loaded the code);
 * - peak JS heap while reading (sampled every 5 ms) and the heap still used by the result after a
 *   full GC, above the child's own baseline, in total and per CR ("retained B/CR").
 *   npx tsx scripts/bench-read.ts                 # 100k and 1M rows
 *   npx tsx scripts/bench-read.ts 10000 250000    # other sizes
 */
import { fork } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { Zip, ZipDeflate } from 'fflate';
import Papa from 'papaparse';
import { readCsv, readExport } from '../functions/audit/export/index.ts';
import { seeded } from './bench-data.ts';

const HEADER = ['From', 'To', 'Sent At', 'Message', 'Direction', 'inviterProfileUrl', 'inviteeProfileUrl'];
const NOTES = ['', '', '', '', 'Hi Alex, we met at the "Data Day" talk, would love to connect!', 'Hola 👋, vi tu charla sobre datos abiertos, ¿conectamos?', 'I help SaaS founders scale, let’s connect and grow together 🚀🚀'];

async function writeInvitations(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(HEADER.join(',') + '\n');
  const rnd = seeded(42);
  for (let i = 0; i < rows; i++) {
    const outgoing = i % 3 === 0;
    const other = `Person ${i} Ñandú`;
    const d = new Date(Date.UTC(2025, 0, 1) + Math.floor(rnd() * 360 * 86_400_000));
    const h = d.getUTCHours();
    const sentAt = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/25, ${h % 12 === 0 ? 12 : h % 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
    const owner = ['Alex Example', 'https://www.linkedin.com/in/alex-example'];
    const them = [other, `https://www.linkedin.com/in/person-${i}-ñandú`];
    const [from, to] = outgoing ? [owner, them] : [them, owner];
    await write(Papa.unparse([[from[0], to[0], sentAt, NOTES[i % NOTES.length], outgoing ? 'OUTGOING' : 'INCOMING', from[1], to[1]]], { newline: '\n' }) + '\n');
  }
  out.end();
  await once(out, 'finish');
}

/** The hostile kind: `rows` rows of one character, each a bad row (a warning each, 1,000 listed). */
async function writeTiny(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(HEADER.join(',') + '\n');
  const block = 'a\n'.repeat(10_000);
  for (let i = 0; i < rows; i += 10_000) if (!out.write(block.slice(0, 2 * Math.min(10_000, rows - i)))) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

async function zipFile(csvPath: string, zipPath: string): Promise<void> {
  const out = createWriteStream(zipPath);
  const zip = new Zip((err, chunk, final) => {
    if (err) throw err;
    out.write(chunk);
    if (final) out.end();
  });
  const entry = new ZipDeflate('Basic_LinkedInDataExport_01-06-2026/Invitations.csv', { level: 6 });
  zip.add(entry);
  for await (const chunk of createReadStream(csvPath)) entry.push(chunk as Uint8Array);
  entry.push(new Uint8Array(0), true);
  zip.end();
  await once(out, 'finish');
}

interface Figures {
  rows: number;
  seconds: number;
  /** Peak RSS of the child (MB). */
  peakRssMb: number;
  /** Peak heapUsed while reading, sampled (MB). */
  peakHeapMb: number;
  /** heapUsed after a full GC with the result still referenced, minus the baseline after GC (MB). */
  retainedMb: number;
}

const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function measure(mode: string, path: string): Promise<void> {
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  let peakHeap = heap0;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 5);
  const t0 = performance.now();
  let rows = 0;
  let keep: unknown = null;
  if (mode === 'readExport') {
    const d = await readExport({ name: path.split('/').pop() ?? path, path });
    rows = d.requests.length + d.problems.length;
    keep = d;
  } else if (mode === 'csv-layer') {
    const r = await readCsv(createReadStream(path), 'Invitations.csv', { required: HEADER }, () => {});
    rows = r.rows;
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  gc();
  const retained = process.memoryUsage().heapUsed - heap0;
  const figures: Figures = { rows, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, peakHeapMb: peakHeap / MB, retainedMb: Math.max(0, retained) / MB };
  process.send?.(figures);
  if (keep === 42) console.log(keep); // keep the result alive until after the measurement
}

async function child(mode: string, path: string): Promise<Figures> {
  const p = fork(fileURLToPath(import.meta.url), ['--measure', mode, path], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [...process.execArgv, '--expose-gc', '--max-old-space-size=8192'],
  });
  const [msg] = (await once(p, 'message')) as [Figures];
  await once(p, 'exit');
  return msg;
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const dir = await mkdtemp(join(tmpdir(), 'aoi-bench-'));
  try {
    const baseline = await child('baseline', '');
    console.log(`node baseline (imports loaded, nothing read): peak RSS ${baseline.peakRssMb.toFixed(0)} MB`);
    console.log('mode        input                  kept      MB      s   rows/s  peak RSS MB  (+base)  peak heap MB  retained MB  retained B/row');
    for (const rows of sizes.length ? sizes : [100_000, 1_000_000]) {
      const csvPath = join(dir, `Invitations_${rows}.csv`);
      await writeInvitations(csvPath, rows);
      const zipPath = join(dir, `Basic_LinkedInDataExport_01-${String(7 + (rows % 20)).padStart(2, '0')}-2026.zip`);
      await zipFile(csvPath, zipPath);
      const tinyPath = join(dir, `Invitations_tiny_${rows}.csv`);
      await writeTiny(tinyPath, rows);
      for (const [mode, path] of [['csv-layer', csvPath], ['readExport', csvPath], ['readExport', zipPath], ['readExport', tinyPath]] as const) {
        const r = await child(mode, path);
        const mb = (await stat(path)).size / MB;
        const input = path.endsWith('.zip') ? `zip of ${rows}` : path === tinyPath ? `${rows} 1-char rows` : `csv of ${rows}`;
        // kept: CRs (+ warnings) for readExport, rows for the CSV layer; rates and B/CR are per input row
        console.log(
          `${mode.padEnd(11)} ${input}`.padEnd(34) +
            `${String(r.rows).padStart(8)} ${mb.toFixed(1).padStart(7)} ${r.seconds.toFixed(2).padStart(6)} ${Math.round(rows / r.seconds).toString().padStart(8)} ${r.peakRssMb.toFixed(0).padStart(12)} ${`+${(r.peakRssMb - baseline.peakRssMb).toFixed(0)}`.padStart(8)} ${r.peakHeapMb.toFixed(0).padStart(13)} ${r.retainedMb.toFixed(0).padStart(12)} ${((r.retainedMb * MB) / rows).toFixed(0).padStart(14)}`,
        );
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const i = process.argv.indexOf('--measure');
if (i >= 0) {
  const mode = process.argv[i + 1];
  await measure(mode, process.argv[i + 2] ?? '');
} else {
  await main();
}
