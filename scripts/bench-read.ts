/**
 * Benchmark of the export reader (prints figures; no assertions).
 * Generates Invitations.csv files of 10k and 100k rows (and zips of them) in a temp dir, then reads
 * each in a fresh child process and prints rows/s and peak RSS, for readExport (which keeps the
 * result array) and for the bare streaming CSV layer (which keeps nothing).
 *   npx tsx scripts/bench-read.ts
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

const HEADER = ['From', 'To', 'Sent At', 'Message', 'Direction', 'inviterProfileUrl', 'inviteeProfileUrl'];
const NOTES = ['', '', '', '', 'Hi Alex, we met at the "Data Day" talk, would love to connect!', 'Hola 👋, vi tu charla sobre datos abiertos, ¿conectamos?', 'I help SaaS founders scale, let’s connect and grow together 🚀🚀'];

async function writeInvitations(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(HEADER.join(',') + '\n');
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
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

async function measure(mode: string, path: string): Promise<void> {
  const t0 = performance.now();
  let rows = 0;
  if (mode === 'readExport') {
    const d = await readExport({ name: path.split('/').pop() ?? path, path });
    rows = d.requests.length;
  } else {
    const r = await readCsv(createReadStream(path), 'Invitations.csv', { required: HEADER }, () => {});
    rows = r.rows;
  }
  const seconds = (performance.now() - t0) / 1000;
  process.send?.({ rows, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, heapMb: process.memoryUsage().heapUsed / 1024 / 1024 });
}

async function child(mode: string, path: string): Promise<{ rows: number; seconds: number; peakRssMb: number; heapMb: number }> {
  const p = fork(fileURLToPath(import.meta.url), ['--measure', mode, path], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [msg] = (await once(p, 'message')) as [{ rows: number; seconds: number; peakRssMb: number; heapMb: number }];
  await once(p, 'exit');
  return msg;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'aoi-bench-'));
  try {
    const baseline = await child('baseline', '');
    console.log(`node baseline (imports loaded, nothing read): peak RSS ${baseline.peakRssMb.toFixed(0)} MB`);
    console.log('mode        input                 rows     MB     s    rows/s   peak RSS MB  heap after MB');
    for (const rows of [10_000, 100_000]) {
      const csvPath = join(dir, `Invitations_${rows}.csv`);
      await writeInvitations(csvPath, rows);
      const zipPath = join(dir, `Basic_LinkedInDataExport_${rows === 10_000 ? '01-06-2026' : '01-07-2026'}.zip`);
      await zipFile(csvPath, zipPath);
      for (const [mode, path] of [['csv-layer', csvPath], ['readExport', csvPath], ['readExport', zipPath]] as const) {
        const r = await child(mode, path);
        const mb = (await stat(path)).size / 1024 / 1024;
        console.log(
          `${mode.padEnd(11)} ${path.endsWith('.zip') ? `zip of ${rows}` : `csv of ${rows}`}`.padEnd(34) +
            `${String(r.rows).padStart(7)} ${mb.toFixed(1).padStart(6)} ${r.seconds.toFixed(2).padStart(5)} ${Math.round(r.rows / r.seconds).toString().padStart(8)} ${r.peakRssMb.toFixed(0).padStart(12)} ${r.heapMb.toFixed(0).padStart(14)}`,
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
  if (mode === 'baseline') process.send?.({ rows: 0, seconds: 0, peakRssMb: process.resourceUsage().maxRSS / 1024, heapMb: process.memoryUsage().heapUsed / 1024 / 1024 });
  else await measure(mode, process.argv[i + 2]);
} else {
  await main();
}
