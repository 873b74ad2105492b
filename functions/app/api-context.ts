/** What every API route works with: the ports, the clock and the lifetimes of the links it hands out. */
import type { AuditStore, BlobStore, LogSink } from '../audit/ports.ts';

export interface ApiContext {
  store: AuditStore;
  blobs: BlobStore;
  logger: LogSink;
  now: () => Date;
  /** Lifetime of presigned upload forms, in seconds. */
  uploadFormSeconds: number;
  /** Lifetime of report links, in seconds. */
  reportLinkSeconds: number;
}
