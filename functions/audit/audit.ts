/**
 * The audit pipeline as one call: read an export, classify every CR in it, and merge several
 * exports of the same person. Used by the CLI and the ingest Lambda alike.
 */
import { readExport, ExportError, type ExportData, type ExportInput, type ReadOptions } from './export/index.ts';
import { classifyRequests } from './classify/index.ts';
import type { ClassifiedRequest, Coverage, Person, Problem } from './model.ts';

export type AuditOptions = ReadOptions;

export interface AuditResult extends Omit<ExportData, 'requests'> {
  requests: ClassifiedRequest[];
}

/** Read one export and classify every CR in it (template clusters run across the export). */
export async function auditExport(input: ExportInput, options: AuditOptions = {}): Promise<AuditResult> {
  const data = await readExport(input, options);
  const requests = classifyRequests(data.requests, { profile: data.profile, connections: data.connections });
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

/** The identity of an export's owner: their profile URL when known, else their normalised name. */
export function ownerKey(owner: Person | null): string | null {
  if (!owner) return null;
  if (owner.profileUrl) return owner.profileUrl.toLowerCase();
  return owner.name.normalize('NFC').trim().toLowerCase();
}

function sameOwner(a: Person, b: Person): boolean {
  if (a.profileUrl && b.profileUrl) return a.profileUrl.toLowerCase() === b.profileUrl.toLowerCase();
  return a.name.normalize('NFC').trim().toLowerCase() === b.name.normalize('NFC').trim().toLowerCase();
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
    if (!owner) {
      owner = r.owner;
      ownerSource = r.source;
    } else if (!sameOwner(owner, r.owner)) {
      throw new ExportError(
        'owner_mismatch',
        `${r.source} belongs to ${r.owner.name} but ${ownerSource} belongs to ${owner.name}; audit one person's exports at a time.`,
        r.source,
      );
    }
  }
  const ordered = [...results].sort((a, b) => (a.coverage.exportDate ?? '').localeCompare(b.coverage.exportDate ?? ''));
  const byId = new Map<string, ClassifiedRequest>();
  for (const r of ordered) for (const cr of r.requests) byId.set(cr.id, cr);
  const requests = [...byId.values()].sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.id.localeCompare(b.id));
  return {
    owner,
    sources: results.map((r) => r.source),
    requests,
    coverages: ordered.map((r) => r.coverage),
    problems: results.flatMap((r) => r.problems),
  };
}
