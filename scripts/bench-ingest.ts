/**
 * Benchmark of the ingest pipeline against the local stack's emulators (prints figures; no
 * assertions). For each size (5k and 100k CRs by default) a fresh child process starts the
 * emulators the way `npm start` does (s3rver in-process, dynalite in its own process, memory
 * storage), generates an Invitations.csv, uploads it, runs the ingest handler on a real-shaped S3
 * event, and prints rows/s, the time split the pipeline logs (read+classify, write verdicts,
 * recompute stats, render reports), the DynamoDB requests sent, and the peak RSS of the process.
 *
 *   npx tsx scripts/bench-ingest.ts            # 5000 and 100000
 *   npx tsx scripts/bench-ingest.ts 2000 20000 # other sizes
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { startLocalEmulators } from '../local/emulators.ts';
import { createIngestHandler } from '../functions/ingest.ts';
import type { IngestTimings } from '../functions/app/ingest-upload.ts';
import { DEFAULT_TIME_ZONE } from '../functions/audit/export/time.ts';
import { timingsLogger } from './ingest-timings.ts';
import { seeded } from './bench-data.ts';

const HEADER = ['From', 'To', 'Sent At', 'Message', 'Direction', 'inviterProfileUrl', 'inviteeProfileUrl'];
const FIRST = ['Alex', 'Maria', 'Kenji', 'Fatima', 'Lucas', 'Priya', 'Ole', 'Chen', 'Amara', 'Diego', 'Sofia', 'Jonas'];
const NOTES = [
  '',
  '',
  '',
  (n: string) => `Hi ${n}, we met at the "Data Day" talk on open data, would love to connect!`,
  (n: string) => `Hola ${n} 👋, vi tu charla sobre datos abiertos, ¿conectamos?`,
  () => 'I help SaaS founders scale, let’s connect and grow together 🚀🚀',
  (n: string) => `Hi ${n}, could you endorse me for Python and like my latest post? Thanks!`,
  (n: string) => `Dear ${n}, our agency offers lead generation with guaranteed ROI. Book a call this week.`,
  (n: string) => `${n}, I read your article on stream processing in Rust and have a question about backpressure.`,
  () => 'Hi {firstName}, I came across your profile and would like to add you to my network.',
];

/** Deterministic pseudo-random Invitations.csv of `rows` CRs spread over 2021–2025, both directions. */
export async function writeInvitations(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(HEADER.join(',') + '\n');
  const rnd = seeded(7);
  const owner = ['Alex Example', 'https://www.linkedin.com/in/alex-example'];
  for (let i = 0; i < rows; i++) {
    const outgoing = i % 3 === 0;
    const first = FIRST[i % FIRST.length]!;
    const other = `${first} Person${i} Ñandú`;
    const d = new Date(Date.UTC(2021, 0, 1) + Math.floor(rnd() * 5 * 364 * 86_400_000));
    const h = d.getUTCHours();
    const sentAt = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${String(d.getUTCFullYear() % 100).padStart(2, '0')}, ${h % 12 === 0 ? 12 : h % 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
    const them = [other, `https://www.linkedin.com/in/person-${i}-ñandú`];
    const [from, to] = outgoing ? [owner, them] : [them, owner];
    const note = NOTES[Math.floor(rnd() * NOTES.length)]!;
    const message = typeof note === 'string' ? note : note(outgoing ? first : 'Alex');
    await write(Papa.unparse([[from[0], to[0], sentAt, message, outgoing ? 'OUTGOING' : 'INCOMING', from[1], to[1]]], { newline: '\n' }) + '\n');
  }
  out.end();
  await once(out, 'finish');
}

interface Result {
  label: string;
  rows: number;
  mb: number;
  seconds: number;
  status: string;
  timings: IngestTimings | null;
  dynamoRequests: Record<string, number>;
  peakRssMb: number;
  /** CPU seconds (user + system) used during the ingest by this process and by the dynalite process. */
  cpuMain: number;
  cpuDynalite: number | null;
}

/** CPU seconds used so far by the direct child processes of this one (Linux /proc; null elsewhere). */
async function childrenCpuSeconds(): Promise<number | null> {
  try {
    const tasks = await readdir(`/proc/${process.pid}/task`);
    let total = 0;
    for (const task of tasks) {
      const kids = (await readFile(`/proc/${process.pid}/task/${task}/children`, 'utf8')).trim().split(/\s+/).filter(Boolean);
      for (const pid of kids) {
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        total += (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
      }
    }
    return total;
  } catch {
    return null;
  }
}

async function measure(rows: number): Promise<Result[]> {
  const dir = await mkdtemp(join(tmpdir(), 'aoi-bench-ingest-'));
  const emu = await startLocalEmulators({ bucket: 'aoi-bench', table: 'aoi-bench', region: 'us-east-1', memory: true, dir, s3Port: 0, dynamoPort: 0 });
  try {
    const csv = join(dir, 'Invitations.csv');
    await writeInvitations(csv, rows);
    const mb = (await stat(csv)).size / 1024 / 1024;
    const userId = 'bench-user';
    const key = `uploads/${userId}/bench-${rows}.csv`;
    await emu.clients.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: key, Body: await readFile(csv), ContentType: 'text/csv' }));

    // Count DynamoDB requests by operation (a middleware on the shared client; no behaviour change).
    const dynamoRequests: Record<string, number> = {};
    emu.clients.dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        const op = String(context.commandName ?? 'unknown').replace(/Command$/, '');
        dynamoRequests[op] = (dynamoRequests[op] ?? 0) + 1;
        return next(args);
      },
      { step: 'initialize', name: 'benchCounter' },
    );

    const { logger, take: takeTimings } = timingsLogger();
    const handler = createIngestHandler({ clients: emu.clients, bucket: emu.bucket, table: emu.table, logger, timeZone: DEFAULT_TIME_ZONE });
    const event = {
      Records: [
        {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          eventName: 'ObjectCreated:Put',
          s3: { bucket: { name: emu.bucket }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/') } },
        },
      ],
    } as unknown as S3Event;
    const run = async (label: string): Promise<Result> => {
      for (const k of Object.keys(dynamoRequests)) delete dynamoRequests[k];
      takeTimings();
      const kids0 = await childrenCpuSeconds();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const out = await handler(event);
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const kids1 = await childrenCpuSeconds();
      return {
        label,
        rows,
        mb,
        seconds,
        status: out.results.map((r) => r.status).join(','),
        timings: takeTimings(),
        dynamoRequests: { ...dynamoRequests },
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        cpuMain: (cpu.user + cpu.system) / 1e6,
        cpuDynalite: kids0 === null || kids1 === null ? null : kids1 - kids0,
      };
    };
    // The first ingest of the export, then the same event again (S3 delivers at least once; a re-upload is the same).
    return [await run('first'), await run('repeat')];
  } finally {
    await emu.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function child(rows: number): Promise<Result[]> {
  const p = fork(fileURLToPath(import.meta.url), ['--measure', String(rows)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: process.execArgv });
  const exited = once(p, 'exit');
  const [msg] = (await Promise.race([once(p, 'message'), exited.then(([code]) => Promise.reject(new Error(`bench child exited with code ${code}`)))])) as [Result[]];
  await exited;
  return msg;
}

const s = (ms: number | undefined) => (ms === undefined ? '-' : (ms / 1000).toFixed(2));

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  console.log('Ingest of a bare Invitations.csv through the ingest handler (dynalite in a child process, s3rver in-process).');
  console.log('Wall-clock figures depend on the load of the machine; CPU seconds (this process / the dynalite process) much less so.');
  console.log('rows/run      MB   status  total s  rows/s | read+classify  write verdicts  read verdicts  stats  render  store reports+stats | CPU s main / dynalite | peak RSS MB | DynamoDB requests');
  for (const rows of sizes.length ? sizes : [5_000, 100_000]) {
    for (const r of await child(rows)) {
      const t = r.timings;
      const cpu = `${r.cpuMain.toFixed(1).padStart(8)} / ${r.cpuDynalite === null ? '-' : r.cpuDynalite.toFixed(1)}`;
      const requests = Object.entries(r.dynamoRequests).map(([k, v]) => `${k} ${v}`).join(', ');
      console.log(
        `${`${r.rows} ${r.label}`.padEnd(13)} ${r.mb.toFixed(1).padStart(4)}  ${r.status.padEnd(6)} ${r.seconds.toFixed(2).padStart(8)} ${Math.round(r.rows / r.seconds).toString().padStart(7)} | ` +
          `${s(t?.readClassifyMs).padStart(13)} ${s(t?.writeVerdictsMs).padStart(15)} ${s(t?.readVerdictsMs).padStart(14)} ${s(t?.statsMs).padStart(6)} ${s(t?.renderMs).padStart(7)} ${s(t?.storeReportsMs).padStart(20)} | ` +
          `${cpu.padEnd(21)} | ${r.peakRssMb.toFixed(0).padStart(11)} | ${requests}`,
      );
    }
  }
}

const i = process.argv.indexOf('--measure');
if (i >= 0) {
  const result = await measure(Number(process.argv[i + 1]));
  if (process.send) process.send(result);
  else console.log(JSON.stringify(result)); // run directly, e.g. under node --cpu-prof
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
