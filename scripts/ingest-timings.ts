/**
 * A logger for the bench scripts that run the ingest handler (bench-ingest.ts, bench-scale-lambda.ts):
 * keeps the timings of its 'ingest done' line (`take` hands them over once), prints errors, drops the rest.
 */
import type { IngestTimings } from '../functions/app/ingest-upload.ts';

export function timingsLogger() {
  let timings: IngestTimings | null = null;
  const logger = {
    info(message: string, ...extra: Record<string, unknown>[]) {
      if (message === 'ingest done') timings = (extra[0]?.timings as IngestTimings | undefined) ?? null;
    },
    warn() {},
    error(message: string, ...extra: Record<string, unknown>[]) {
      console.error(message, JSON.stringify(extra));
    },
  };
  const take = () => {
    const t = timings;
    timings = null;
    return t;
  };
  return { logger, take };
}
