/**
 * readExport: a LinkedIn export (zip or bare Invitations.csv) -> every CR, typed, with coverage and
 * problems. The steps, each in its own module:
 * 1. input.ts / entries.ts / zip.ts: what the input is and which files of it are read;
 * 2. side-files.ts: Profile, Positions, Skills and Connections (optional);
 * 3. invitations.ts: the Invitations rows, kept compact, and the owner tally;
 * 4. owner.ts: whose export it is;
 * 5. match.ts: CRs with ids and outcomes (Connections matching, duplicates removed);
 * 6. coverage.ts: the days the export speaks for.
 * Every bound (limits.ts) is checked while reading, before anything is kept.
 */
import type { Connection, ConnectionRequest, Coverage, OwnerProfile, Person, Problem } from '../model.ts';
import { assertInvitationsCsv, chooseEntries, KINDS, noInvitationsError } from './entries.ts';
import { ExportError } from './errors.ts';
import { computeCoverage } from './coverage.ts';
import { exportDateFromName } from './identity.ts';
import { inputStream, inspectInput, isZipMagic, type ExportInput } from './input.ts';
import { readInvitations, type InvitationRow } from './invitations.ts';
import { resolveLimits, type ReadLimits } from './limits.ts';
import { buildRequests } from './match.ts';
import { inferOwner, OwnerTally } from './owner.ts';
import { ProblemLog } from './problems.ts';
import { emptySideData, ownerProfile, readSideFile } from './side-files.ts';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from './time.ts';
import { ZipReader } from './zip.ts';

export type { ExportInput } from './input.ts';
export { entryKind } from './entries.ts';
export { MAX_NOTE_LENGTH } from './limits.ts';

export interface ReadOptions {
  /** IANA zone of LinkedIn's `Sent At` wall times; default DEFAULT_TIME_ZONE (America/Los_Angeles). */
  timeZone?: string;
  /** IANA zone whose calendar decides a CR's `year`; default: `timeZone`. */
  yearTimeZone?: string;
  limits?: Partial<ReadLimits>;
  onProgress?: (p: { file: string; rows: number }) => void;
}

export interface ExportData {
  source: string;
  owner: Person | null;
  profile: OwnerProfile | null;
  connections: Connection[] | null;
  requests: ConnectionRequest[];
  coverage: Coverage;
  problems: Problem[];
  files: string[];
}

/** The zones of a read; throws `bad_time_zone`. */
function zonesOf(options: ReadOptions): { timeZone: string; yearTimeZone: string } {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const yearTimeZone = options.yearTimeZone ?? timeZone;
  for (const z of [timeZone, yearTimeZone]) {
    if (!isValidTimeZone(z)) throw new ExportError('bad_time_zone', `"${z}" is not a time zone name; use an IANA name such as America/Los_Angeles or Europe/Berlin.`);
  }
  return { timeZone, yearTimeZone };
}

/** Read a LinkedIn export: a zip (Basic or Complete) or a bare Invitations.csv. Throws ExportError for unusable input. */
export async function readExport(input: ExportInput, options: ReadOptions = {}): Promise<ExportData> {
  const limits = resolveLimits(options.limits);
  const { timeZone, yearTimeZone } = zonesOf(options);
  const source = input.name;
  const head = await inspectInput(input, limits);

  const problems = new ProblemLog(limits.maxWarningsPerFile);
  const progress = options.onProgress;
  const side = emptySideData();
  const files: string[] = [];
  let invitations: { rows: InvitationRow[]; owners: OwnerTally } = { rows: [], owners: new OwnerTally() };
  let folderDate: string | null = null;
  const invitationsContext = { timeZone, yearTimeZone, limits, problems, progress };

  if (isZipMagic(head)) {
    const zip = await ZipReader.open(input, source, limits);
    try {
      const chosen = chooseEntries(zip.entries.map((e) => e.path));
      const inv = chosen.get('invitations');
      if (!inv) throw noInvitationsError(source, zip.entries.map((e) => e.path));
      for (const kind of KINDS) {
        const path = chosen.get(kind);
        if (!path) continue;
        files.push(path);
        const stream = await zip.openEntry(path);
        if (kind === 'invitations') invitations = await readInvitations(stream, path, invitationsContext);
        else await readSideFile(kind, stream, path, side, { timeZone, limits, problems, progress });
      }
      const folder = inv.split('/').slice(0, -1).pop();
      folderDate = folder ? exportDateFromName(folder) : null;
    } finally {
      zip.close();
    }
  } else {
    assertInvitationsCsv(source);
    files.push(source);
    invitations = await readInvitations(inputStream(input), source, invitationsContext);
  }

  const { owner, mismatch } = inferOwner(invitations.owners, side.profileRow);
  if (mismatch) problems.add(mismatch.file, mismatch.row, mismatch.reason);
  const requests = buildRequests(invitations.rows, owner, side.connections);
  const coverage = computeCoverage(source, requests, folderDate, side.connections, timeZone);
  return { source, owner, profile: ownerProfile(side), connections: side.connections, requests, coverage, problems: problems.done(), files };
}
