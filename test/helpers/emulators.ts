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
import { createClients, type Clients } from '../../functions/aws/clients.ts';

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

/**
 * Fresh SDK clients on the emulators for a run the runtime kills right after it wrote the stats and
 * reports: its DONE upload record never lands, and from then on nothing it sends reaches DynamoDB
 * or S3 (no cleanup of its own, its lease kept), as when Lambda stops it for time or memory.
 */
export function killedAtDoneClients(emu: Emulators): Clients {
  let dead = false;
  const killed = () => Object.assign(new Error('the run was killed'), { name: 'Killed' });
  const clients = createClients({ region: emu.region, s3Endpoint: emu.s3Endpoint, dynamoEndpoint: emu.dynamoEndpoint, credentials: emu.credentials });
  clients.dynamo.middlewareStack.add(
    (next) => async (args) => {
      // The upload record as the document client hands it down (plain values, or marshalled).
      const status = ((args.input as { Item?: { status?: string | { S?: string } } }).Item ?? {}).status;
      if (status === 'DONE' || (typeof status === 'object' && status.S === 'DONE')) dead = true;
      if (dead) throw killed();
      return next(args);
    },
    { step: 'serialize', priority: 'high', name: 'killAtDone' },
  );
  clients.s3.middlewareStack.add(
    (next) => async (args) => {
      if (dead) throw killed();
      return next(args);
    },
    { step: 'serialize', priority: 'high', name: 'killAtDone' },
  );
  return clients;
}
