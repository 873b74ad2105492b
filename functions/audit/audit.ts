/**
 * The audit pipeline as one call: read an export, classify every CR in it, and merge several
 * exports of the same person. Used by the CLI and the ingest Lambda alike.
 */
import { readExport, ExportError, type ExportData, type ExportInput, type ReadOptions } from './export/index.ts';
import { classifyRequests, type InboxPhase } from './classify/index.ts';
import { bySentOrder, type ClassifiedRequest, type Coverage, type KeepableRole, type Person, type Problem } from './model.ts';

export interface AuditOptions extends ReadOptions {
  /**
   * Called as each phase of one export starts, for a progress display: `reading` (then
   * `onProgress` counts rows), `grouping templates` and `classifying` (with the number of requests
   * read as `requests`; `classifying` is called again as it goes, with `done` of them).
   */
  onPhase?: (phase: 'reading' | InboxPhase, detail: { file: string; requests?: number; done?: number }) => void;
  /** The user's view: roles whose notes to keep (`['recruiter']`: the job seeker's view); default none. */
  keep?: readonly KeepableRole[];
}

export interface AuditResult extends Omit<ExportData, 'requests'> {
  requests: ClassifiedRequest[];
}

/** Read one export and classify every CR in it (template clusters run across the export). */
export async function auditExport(input: ExportInput, options: AuditOptions = {}): Promise<AuditResult> {
  options.onPhase?.('reading', { file: input.name });
  const data = await readExport(input, options);
  const onPhase = options.onPhase;
  const requests = classifyRequests(
    data.requests,
    { profile: data.profile, connections: data.connections },
    {
      ...(onPhase ? { onPhase: (phase: InboxPhase, { done, total }: { done?: number; total: number }) => onPhase(phase, { file: input.name, requests: total, done }) } : {}),
      ...(options.keep?.length ? { keep: options.keep } : {}),
      release: true, // the CRs read become the result: none is held twice
    },
  );
  return { ...data, requests };
}

/** Several exports of one person, as one. */
export interface MergedAudit {
  owner: Person | null;
  sources: string[];
  requests: ClassifiedRequest[];
  coverages: Coverage[];
  problems: Problem[];
}

/** Plain string order: ISO dates sort chronologically this way (see bySentOrder). */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sameOwner(a: Person, b: Person): boolean {
  if (a.profileUrl && b.profileUrl) return a.profileUrl.toLowerCase() === b.profileUrl.toLowerCase();
  return a.name.normalize('NFC').trim().toLowerCase() === b.name.normalize('NFC').trim().toLowerCase();
}

/**
 * Exports of one person only: throws when `incoming` (read from `source`) belongs to someone else
 * than `known` (read from `knownSource`). Unknown owners (a CSV without own rows) pass.
 */
export function assertSameOwner(known: Person | null, knownSource: string, incoming: Person | null, source: string): void {
  if (!known || !incoming || sameOwner(known, incoming)) return;
  throw new ExportError(
    'owner_mismatch',
    `${source} is the export of ${incoming.name}, not of ${known.name} (whose export is ${knownSource}); audit one person's exports at a time.`,
    source,
  );
}

/**
 * Merge audits of exports of the same owner. CR ids are deterministic, so a CR present in two
 * exports appears once (the later export's reading wins). Different owners are an error.
 */
export function mergeAudits(results: AuditResult[]): MergedAudit {
  let owner: Person | null = null;
  let ownerSource = '';
  for (const r of results) {
    if (!r.owner) continue;
    assertSameOwner(owner, ownerSource, r.owner, r.source);
    if (!owner) {
      owner = r.owner;
      ownerSource = r.source;
    }
  }
  const ordered = [...results].sort((a, b) => byCodeUnits(a.coverage.exportDate ?? '', b.coverage.exportDate ?? ''));
  let all: ClassifiedRequest[];
  if (ordered.length === 1) all = ordered[0]!.requests.slice(); // one export: its ids are already distinct (buildRequests)
  else {
    const byId = new Map<string, ClassifiedRequest>();
    for (const r of ordered) for (const cr of r.requests) byId.set(cr.id, cr);
    all = [...byId.values()];
  }
  const requests = all.sort(bySentOrder);
  return {
    owner,
    sources: results.map((r) => r.source),
    requests,
    coverages: ordered.map((r) => r.coverage),
    problems: results.flatMap((r) => r.problems),
  };
}
