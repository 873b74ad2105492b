/**
 * The measured process of bench-scale.ts's `lambda-*` cases: the ingest handler alone, as the
 * Lambda holds it (no emulator here: s3rver runs in the parent, dynalite in the parent's child),
 * on the upload the parent put in S3, under the Node flags of a 1024 MB Lambda (the parent's fork)
 * and with no row limit, so that its peak RSS is what the function itself would need. It imports
 * only what the ingest bundle does (plus tsx), and sends its figure to the parent.
 *
 *   forked by scripts/bench-scale.ts: <label> <rows>, then the LambdaRun as the first IPC message
 */
import { once } from 'node:events';
import type { S3Event } from 'aws-lambda';
import type { IngestTimings } from '../functions/app/ingest-upload.ts';
import { createClients } from '../functions/aws/clients.ts';
import { createIngestHandler } from '../functions/ingest.ts';
import { timingsLogger } from './ingest-timings.ts';

export interface LambdaRun {
  endpoints: { s3Endpoint: string; dynamoEndpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  bucket: string;
  table: string;
  key: string;
}

const rssMb = () => process.memoryUsage.rss() / 1024 / 1024;
const peakMb = () => process.resourceUsage().maxRSS / 1024;

const timingsText = (t: IngestTimings | null) =>
  t ? `s: read+classify ${(t.readClassifyMs / 1000).toFixed(0)}, write ${(t.writeVerdictsMs / 1000).toFixed(0)}, read back ${(t.readVerdictsMs / 1000).toFixed(0)}, stats+render+store ${((t.statsMs + t.renderMs + t.storeReportsMs) / 1000).toFixed(0)}` : 'no timings';

if (process.send) {
  const [label, rows] = [process.argv[2]!, Number(process.argv[3])];
  const [run] = (await once(process, 'message')) as [LambdaRun];
  const clients = createClients(run.endpoints);
  const { logger, take: takeTimings } = timingsLogger();
  // No memoryMb: no row limit, the point is to see what the rows cost.
  const handler = createIngestHandler({ clients, bucket: run.bucket, table: run.table, logger });
  const event = { Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: run.bucket }, object: { key: run.key } } }] } as unknown as S3Event;
  const startRssMb = rssMb();
  const startedAtMs = Date.now();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const out = await handler(event);
  const cpu = process.cpuUsage(cpu0);
  const seconds = (performance.now() - t0) / 1000;
  const r = out.results[0]!;
  const outcome = r.status === 'SKIPPED' ? 'SKIPPED' : `${r.status}${r.upload.errorCode ? ` ${r.upload.errorCode}` : ''}${r.upload.counts ? ` (${r.upload.counts.requests} CRs)` : ''}`;
  const timings = takeTimings();
  process.send({ case: label, rows, mb: 0, seconds, peakRssMb: peakMb(), startRssMb, outcome: `${outcome}, ${timingsText(timings)}`, startedAtMs, timings, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
  process.disconnect();
}
