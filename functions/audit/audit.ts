/**
 * The audit pipeline as one call: read an export, classify every CR in it, and merge several
 * exports of the same person. Used by the CLI and the ingest Lambda alike.
 */
import { readExport, ExportError, type ExportData, type ExportInput, type ReadOptions } from './export/index.ts';
import { classifyRequests, type InboxPhase } from './classify/index.ts';
import type { ClassifiedRequest, Coverage, KeepableRole, Person, Problem } from './model.ts';

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

/**
 * Plain string order. ISO-8601 UTC times (`2025-03-14T09:30:00.000Z`), ISO dates and hex ids sort
 * chronologically and stably this way, as with localeCompare, at a fraction of its cost (a locale
 * collation per comparison: 0.4 s of a profiled 100k-row audit, scripts/bench-audit.ts).
 */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const bySentAtThenId = (a: ClassifiedRequest, b: ClassifiedRequest): number => byCodeUnits(a.sentAt, b.sentAt) || byCodeUnits(a.id, b.id);
const byIdAlone = (a: ClassifiedRequest, b: ClassifiedRequest): number => byCodeUnits(a.id, b.id);

/** CRs sampled to choose how to sort them (sortForListing). */
const ORDER_SAMPLES = 1024;
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * `requests` in listing order, in place: by sentAt, then id (bySentAtThenId; a stable sort).
 * Usually the comparator sort (TimSort): real exports come newest-first within each direction (a
 * few percent of neighbours out of order), runs it sorts in near-linear time. On shuffled CRs many
 * of which share a sentAt (the same minute: the 100k-row bench), it compared 1.7M pairs for 100k
 * CRs, the ids too on every tie: 90 ms of a profiled 100k-row audit; those go to packedSort (100 ->
 * 25 ms there). packedSort is slower on sorted runs (it sorts every key) and on shuffled CRs with
 * distinct sentAts (it ranks them all first: 23 -> 42 ms for 20k), hence the sample: neighbours
 * mostly in one order, or sampled sentAts barely repeating, keep TimSort.
 */
export function sortForListing(requests: ClassifiedRequest[]): ClassifiedRequest[] {
  const n = requests.length;
  if (n < 2) return requests;
  const samples = Math.min(ORDER_SAMPLES, n - 1);
  let up = 0;
  let down = 0;
  const times = new Set<string>();
  for (let k = 0; k < samples; k++) {
    // spread by the golden ratio (not a fixed step, which a periodic pattern of the rows could match)
    const i = 1 + Math.floor(((k * GOLDEN) % 1) * (n - 1));
    const c = bySentAtThenId(requests[i - 1]!, requests[i]!);
    if (c < 0) up++;
    else if (c > 0) down++;
    times.add(requests[i]!.sentAt);
  }
  const nearlySorted = Math.min(up, down) * 8 <= up + down;
  const repeats = samples - times.size; // sampled sentAts seen before in the sample
  return nearlySorted || repeats * 32 < samples ? requests.sort(bySentAtThenId) : packedSort(requests);
}

/**
 * An id character's place in code unit order, in 5 bits: each hex digit its own (2-11, 13-18),
 * other characters by groups (1, 12, 19); 0 is past the id's end (a prefix sorts first).
 */
function idCharCode(c: number): number {
  if (c < 48) return 1;
  if (c <= 57) return c - 46;
  if (c < 97) return 12;
  if (c <= 102) return c - 84;
  return 19;
}
const isGroupCode = (code: number): boolean => code === 1 || code === 12 || code === 19;

/**
 * bySentAtThenId's order with one number a CR, sorted natively (a Float64Array): the rank of its
 * sentAt among the distinct ones (those sorted as strings), then the first characters of its id
 * (idCharCode, 5 bits each; after a character of a group, 0s), then its position, within the
 * 53 bits of a double. CRs whose rank and id characters agree (a few in a thousand) are then put
 * in id order by the comparator; the position keeps equal CRs in their order (stable).
 */
export function packedSort(requests: ClassifiedRequest[]): ClassifiedRequest[] {
  const n = requests.length;
  const rankOf = new Map<string, number>();
  for (const r of requests) rankOf.set(r.sentAt, 0);
  const times = [...rankOf.keys()].sort(); // code unit order, as byCodeUnits
  for (let i = 0; i < times.length; i++) rankOf.set(times[i]!, i);
  let positions = 1; // a power of 2 over the positions, then over the ranks
  while (positions < n) positions *= 2;
  let ranks = 1;
  while (ranks < times.length) ranks *= 2;
  let chars = 0;
  for (let room = 2 ** 53 / (positions * ranks); chars < 4 && room >= 32; room /= 32) chars++;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const { sentAt, id } = requests[i]!;
    let key = rankOf.get(sentAt)!;
    let exact = true; // the characters so far are told apart by their codes: the next one counts
    for (let c = 0; c < chars; c++) {
      const code: number = exact && c < id.length ? idCharCode(id.charCodeAt(c)) : 0;
      key = key * 32 + code;
      exact = code !== 0 && !isGroupCode(code);
    }
    keys[i] = key * positions + i;
  }
  keys.sort();
  const from = requests.slice();
  for (let i = 0; i < n; ) {
    const group = Math.floor(keys[i]! / positions);
    let j = i + 1;
    while (j < n && Math.floor(keys[j]! / positions) === group) j++;
    if (j - i === 1) requests[i] = from[keys[i]! - group * positions]!;
    else {
      const tied: ClassifiedRequest[] = [];
      for (let k = i; k < j; k++) tied.push(from[keys[k]! - group * positions]!);
      tied.sort(byIdAlone);
      for (let k = i; k < j; k++) requests[k] = tied[k - i]!;
    }
    i = j;
  }
  return requests;
}

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
  const requests = sortForListing(all);
  return {
    owner,
    sources: results.map((r) => r.source),
    requests,
    coverages: ordered.map((r) => r.coverage),
    problems: results.flatMap((r) => r.problems),
  };
}
