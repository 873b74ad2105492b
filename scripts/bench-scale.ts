/**
 * Time and peak RSS at scale, each case in a fresh child process (prints figures; asserts nothing):
 * - the read + classify path of the ingest (`auditExport`, what one run holds in memory before its
 *   first write) at 100k and 1M rows: the emulator write (dynalite, ~5k rows/s on 2 cores) would
 *   dominate and say nothing of the Lambda, so the full pipeline is measured at 100k by
 *   bench-ingest.ts instead;
 * - the ingest handler at 500k rows (103 MB, under the 200 MB upload limit) with Lambda's 1024 MB:
 *   refused before any write (rows limit tied to memory, functions/app/ingest-bounds.ts), how long
 *   it takes to say so and what it costs;
 * - the worst hostile file of the catalogue through the whole pipeline (emulators): one 50 MB note.
 *
 *   npx tsx scripts/bench-scale.ts               # every case
 *   npx tsx scripts/bench-scale.ts refuse note   # some cases (read, refuse, note)
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { auditExport } from '../functions/audit/audit.ts';
import { maxRowsFor } from '../functions/app/ingest-bounds.ts';
import { createIngestHandler } from '../functions/ingest.ts';
import { startLocalEmulators } from '../local/emulators.ts';
import { writeInvitations } from './bench-ingest.ts';

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

async function measure(kind: string, n: number): Promise<Figure> {
  const dir = await mkdtemp(join(tmpdir(), 'aoi-bench-scale-'));
  try {
    const csv = join(dir, 'Invitations.csv');
    if (kind === 'note') await writeHugeNote(csv, n);
    else await writeInvitations(csv, n);
    const mb = (await stat(csv)).size / 1024 / 1024;
    if (kind === 'read') {
      const startRssMb = rssMb();
      const t0 = performance.now();
      const result = await auditExport({ name: 'Invitations.csv', path: csv });
      const seconds = (performance.now() - t0) / 1000;
      return { case: `read + classify ${n.toLocaleString('en-US')} rows`, rows: result.requests.length, mb, seconds, peakRssMb: peakMb(), startRssMb, outcome: `${result.requests.length} CRs` };
    }
    const r = await viaIngest(dir, csv, kind === 'refuse' ? 1024 : undefined);
    const label = kind === 'refuse' ? `ingest (1024 MB) of ${n.toLocaleString('en-US')} rows` : `ingest of one ${n} MB note (worst hostile file)`;
    return { case: label, rows: kind === 'note' ? 1 : n, mb, seconds: r.seconds, peakRssMb: peakMb(), startRssMb: r.startRssMb, outcome: r.outcome, batchWrites: r.batchWrites };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function child(kind: string, n: number): Promise<Figure> {
  const p = fork(fileURLToPath(import.meta.url), ['--scale-measure', kind, String(n)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: process.execArgv });
  const exited = once(p, 'exit');
  const [msg] = (await Promise.race([once(p, 'message'), exited.then(([code]) => Promise.reject(new Error(`bench child exited with code ${code}`)))])) as [Figure];
  await exited;
  return msg;
}

const i = process.argv.indexOf('--scale-measure');
if (i >= 0) {
  const figure = await measure(process.argv[i + 1]!, Number(process.argv[i + 2]));
  process.send?.(figure);
} else {
  console.log(`Rows one ingest accepts at 1024 MB (maxRowsFor): ${maxRowsFor(1024).toLocaleString('en-US')}`);
  console.log('case                                          rows     MB   seconds  peak RSS MB  KB/row over start  outcome');
  const figures: Figure[] = [];
  const only = process.argv.slice(2);
  const cases = ([['read', 100_000], ['read', 1_000_000], ['refuse', 500_000], ['note', 50]] as const).filter(([kind]) => only.length === 0 || only.includes(kind));
  for (const [kind, n] of cases) {
    const f = await child(kind, n);
    figures.push(f);
    const perRow = f.rows > 1 ? (((f.peakRssMb - f.startRssMb) * 1024) / f.rows).toFixed(2) : '-';
    console.log(
      `${f.case.padEnd(44)} ${String(f.rows).padStart(8)} ${f.mb.toFixed(1).padStart(6)} ${f.seconds.toFixed(2).padStart(9)} ${f.peakRssMb.toFixed(0).padStart(12)} ${perRow.padStart(18)}  ${f.outcome}${f.batchWrites !== undefined ? `, ${f.batchWrites} BatchWriteItem` : ''}`,
    );
  }
  for (const f of figures) console.log(`figure: ${f.case}: ${f.seconds.toFixed(2)} s, peak RSS ${f.peakRssMb.toFixed(0)} MB (${f.outcome})`);
}
