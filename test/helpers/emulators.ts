/**
 * Emulators for tests: the local stack's own (local/emulators.ts: s3rver in-process, dynalite in a
 * child process, the project's bucket with CORS and the CDK table definition) on free loopback
 * ports, in memory by default, with SDK clients from the shared factory pointed at them.
 *
 *   const emu = await startEmulators();           // memory DynamoDB, temp dir for S3
 *   await emu.clients.s3.send(...); ...; await emu.stop();
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalEmulators, type LocalEmulators } from '../../local/emulators.ts';

export interface EmulatorOptions {
  /** Throwaway data (default true). When false, data persists under `dir`. */
  memory?: boolean;
  /** Where data lives when not `memory`. Default: a fresh temp dir removed by stop(). */
  dir?: string;
  bucket?: string;
  table?: string;
  region?: string;
}

export type Emulators = LocalEmulators;

export async function startEmulators(options: EmulatorOptions = {}): Promise<Emulators> {
  const memory = options.memory ?? true;
  const ownDir = !memory && options.dir === undefined ? await mkdtemp(join(tmpdir(), 'aoi-emu-')) : undefined;
  const emu = await startLocalEmulators({
    bucket: options.bucket ?? 'aoi-local',
    table: options.table ?? 'aoi-local',
    region: options.region ?? 'us-east-1',
    memory,
    dir: options.dir ?? ownDir ?? '',
    s3Port: 0,
    dynamoPort: 0,
  });
  if (!ownDir) return emu;
  return {
    ...emu,
    async stop() {
      await emu.stop();
      await rm(ownDir, { recursive: true, force: true });
    },
  };
}
