/** The counts manifest.json promises for each sample file, and their check against the reader. */
import { join } from 'node:path';
import { readExport } from '../../functions/audit/export/index.ts';
import type { SampleFile } from '../sample-manifest.ts';
import type { CR } from './generator.ts';

/**
 * What the reader must find in `file`: `rows` Invitations.csv rows holding `crs`; `connections`
 * null when the file has no Connections.csv (then every outcome is unknown).
 */
export function expectOf(file: string, owner: string, crs: CR[], exportDate: string, rows: number, connections: { count: number; slugs: Set<string> } | null): SampleFile {
  const byYear: Record<string, number> = {};
  for (const c of crs) byYear[c.wall.y] = (byYear[c.wall.y] ?? 0) + 1;
  // accepted = the counterpart is a connection in this export (a re-invited person counts for both CRs)
  const accepted = connections === null ? 0 : crs.filter((c) => connections.slugs.has(c.who.slug)).length;
  return {
    file,
    owner,
    rows,
    requests: crs.length,
    incoming: crs.filter((c) => c.direction === 'INCOMING').length,
    outgoing: crs.filter((c) => c.direction === 'OUTGOING').length,
    withNote: crs.filter((c) => c.note !== '').length,
    accepted,
    pending: connections === null ? 0 : crs.length - accepted,
    unknown: connections === null ? crs.length : 0,
    connections: connections?.count ?? null,
    exportDate,
    byYear,
  };
}

/** Reads each file of `manifest` from `dir` with the export reader; throws when its counts differ from the manifest's. */
export async function checkWithReader(dir: string, manifest: SampleFile[]): Promise<void> {
  for (const m of manifest) {
    const d = await readExport({ name: m.file, path: join(dir, m.file) });
    const count = (f: (r: (typeof d.requests)[number]) => boolean) => d.requests.filter(f).length;
    const got = {
      owner: d.owner?.name,
      requests: d.requests.length,
      incoming: count((r) => r.direction === 'INCOMING'),
      outgoing: count((r) => r.direction === 'OUTGOING'),
      withNote: count((r) => r.message !== ''),
      accepted: count((r) => r.outcome === 'accepted'),
      pending: count((r) => r.outcome === 'pending'),
      unknown: count((r) => r.outcome === 'unknown'),
      connections: d.connections?.length ?? null,
      problems: d.problems.length,
      exportDate: d.coverage.exportDate,
    };
    const want = { owner: m.owner, requests: m.requests, incoming: m.incoming, outgoing: m.outgoing, withNote: m.withNote, accepted: m.accepted, pending: m.pending, unknown: m.unknown, connections: m.connections, problems: 0, exportDate: m.exportDate };
    if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${m.file}: reader says ${JSON.stringify(got)}, generator expected ${JSON.stringify(want)}`);
  }
}
