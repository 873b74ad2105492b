/** readExport: a LinkedIn export (zip or bare Invitations.csv) -> every CR, typed, with coverage and problems. */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Connection, ConnectionRequest, Coverage, Direction, OwnerProfile, Person, Problem } from '../model.ts';
import { cellOf, readCsv, type CsvSpec } from './csv.ts';
import { ExportError } from './errors.ts';
import { counterpartKey, exportDateFromName, nfc, normaliseName, normaliseProfileUrl, profileSlug, requestId } from './identity.ts';
import { addDays, DEFAULT_TIME_ZONE, isValidTimeZone, localDate, parseConnectedOn, parseSentAt } from './time.ts';
import { DEFAULT_LIMITS, ZipReader, type ReadLimits } from './zip.ts';

export type ExportInput = { name: string; path: string } | { name: string; data: Uint8Array };

export interface ReadOptions {
  /** IANA zone of LinkedIn's `Sent At` wall times; default America/Los_Angeles. */
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

export const MAX_NOTE_LENGTH = 300;
const PROGRESS_EVERY = 10_000;

type Kind = 'invitations' | 'connections' | 'profile' | 'positions' | 'skills';
const KINDS: Kind[] = ['profile', 'positions', 'skills', 'connections', 'invitations'];
const KNOWN_OTHER_CSV = /^(connections|profile|positions|skills|messages|email addresses|registration|education|phonenumbers|endorsement.*|rich[ _]media|.*messages)(?:_\d+)?\.csv$/i;

/** The kind of a zip entry from its base name: exact name, case-insensitive, optional `_<digits>`. */
export function entryKind(path: string): Kind | null {
  const base = path.split('/').pop() ?? '';
  const m = /^(invitations|connections|profile|positions|skills)(?:_\d+)?\.csv$/i.exec(base);
  return m ? (m[1].toLowerCase() as Kind) : null;
}

const INVITATIONS_SPEC: CsvSpec = {
  required: ['From', 'To', 'Sent At', 'Message', 'Direction'],
  advice: 'upload the Invitations.csv from your LinkedIn data export unchanged (or the whole export zip).',
};
const SPECS: Record<Exclude<Kind, 'invitations'>, CsvSpec> = {
  connections: { required: ['First Name', 'Last Name', 'Connected On'] },
  profile: { required: ['First Name', 'Last Name'] },
  positions: { required: ['Company Name', 'Title'] },
  skills: { required: ['Name'] },
};

interface Row {
  direction: Direction;
  from: string;
  to: string;
  fromUrl: string | null;
  toUrl: string | null;
  sentAt: string;
  year: number;
  message: string;
  row: number;
}

function mode(values: Iterable<string>): string | null {
  const counts = new Map<string, number>();
  let best: string | null = null;
  let bestN = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestN) {
      best = v;
      bestN = n;
    }
  }
  return best;
}

const isZipMagic = (h: Uint8Array) => h[0] === 0x50 && h[1] === 0x4b && (h[2] === 3 || h[2] === 5 || h[2] === 7) && (h[3] === 4 || h[3] === 6 || h[3] === 8);

function chunks(data: Uint8Array, size = 64 * 1024): AsyncIterable<Uint8Array> {
  return (async function* () {
    for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
  })();
}

async function inspect(input: ExportInput, limits: ReadLimits): Promise<{ size: number; head: Uint8Array }> {
  if ('data' in input) return { size: input.data.byteLength, head: input.data.subarray(0, 8) };
  let size: number;
  try {
    const s = await stat(input.path);
    if (!s.isFile()) throw new Error('not a file');
    size = s.size;
  } catch {
    throw new ExportError('not_found', `${input.name} cannot be read (no such file); check the path to your LinkedIn export.`, input.name);
  }
  if (size > limits.maxInputBytes) return { size, head: new Uint8Array(0) };
  const fh = await open(input.path, 'r');
  try {
    const head = new Uint8Array(8);
    const { bytesRead } = await fh.read(head, 0, 8, 0);
    return { size, head: head.subarray(0, bytesRead) };
  } finally {
    await fh.close();
  }
}

/** Read a LinkedIn export: a zip (Basic or Complete) or a bare Invitations.csv. Throws ExportError for unusable input. */
export async function readExport(input: ExportInput, options: ReadOptions = {}): Promise<ExportData> {
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const yearTimeZone = options.yearTimeZone ?? timeZone;
  for (const z of [timeZone, yearTimeZone]) {
    if (!isValidTimeZone(z)) throw new ExportError('bad_time_zone', `"${z}" is not a time zone name; use an IANA name such as America/Los_Angeles or Europe/Berlin.`);
  }
  const source = input.name;
  const { size, head } = await inspect(input, limits);
  if (size > limits.maxInputBytes) {
    throw new ExportError('too_large', `${source} is ${Math.round(size / 1024 / 1024)} MB, over the limit of ${Math.round(limits.maxInputBytes / 1024 / 1024)} MB; upload the LinkedIn export zip itself, or raise the input size limit.`, source);
  }
  if (size === 0) throw new ExportError('empty', `${source} is empty (0 bytes); download your LinkedIn export again and upload the new file.`, source);

  const problems: Problem[] = [];
  const files: string[] = [];
  const progress = options.onProgress;
  type ProfileRow = { firstName: string; lastName: string; headline: string; industry: string; summary: string; row: number; file: string };
  let profileRowRef: ProfileRow | null = null;
  const positions: OwnerProfile['positions'] = [];
  const skills: string[] = [];
  let connections: Connection[] | null = null;
  const rows: Row[] = [];
  let invitationsFile = source;
  let folderDate: string | null = null;

  const readInvitations = async (stream: AsyncIterable<Uint8Array> | Readable, file: string) => {
    let n = 0;
    await readCsv(stream, file, INVITATIONS_SPEC, (cells, row, h) => {
      n++;
      if (progress && n % PROGRESS_EVERY === 0) progress({ file, rows: n });
      const dirText = cellOf(h, cells, 'direction').trim().toUpperCase();
      if (dirText !== 'INCOMING' && dirText !== 'OUTGOING') {
        problems.push({ file, row, reason: `Direction is "${cellOf(h, cells, 'direction')}", not INCOMING or OUTGOING; row skipped` });
        return;
      }
      const sentAtText = cellOf(h, cells, 'sent at');
      const t = parseSentAt(sentAtText, timeZone, yearTimeZone);
      if (!t) {
        problems.push({ file, row, reason: `Sent At "${sentAtText}" is not a date like "3/14/26, 9:05 AM"; row skipped` });
        return;
      }
      const message = cellOf(h, cells, 'message');
      const length = message.length > MAX_NOTE_LENGTH ? [...message].length : message.length; // code points
      if (length > MAX_NOTE_LENGTH) problems.push({ file, row, reason: `note is ${length} characters, over LinkedIn's ${MAX_NOTE_LENGTH}; kept` });
      rows.push({
        direction: dirText,
        from: nfc(cellOf(h, cells, 'from')).trim(),
        to: nfc(cellOf(h, cells, 'to')).trim(),
        fromUrl: normaliseProfileUrl(cellOf(h, cells, 'inviterprofileurl')),
        toUrl: normaliseProfileUrl(cellOf(h, cells, 'inviteeprofileurl')),
        sentAt: t.sentAt,
        year: t.year,
        message,
        row,
      });
    });
    if (progress) progress({ file, rows: n });
  };

  /** Side files are optional: a bad one becomes a problem, never a fatal error (unless it is a zip bomb). */
  const readSide = async (kind: Exclude<Kind, 'invitations'>, stream: Readable, file: string) => {
    const list: Connection[] = [];
    try {
      await readCsv(stream, file, SPECS[kind], (cells, row, h) => {
        const get = (c: string) => nfc(cellOf(h, cells, c)).trim();
        if (kind === 'profile') {
          profileRowRef ??= { firstName: get('first name'), lastName: get('last name'), headline: get('headline'), industry: get('industry'), summary: get('summary'), row, file };
        } else if (kind === 'positions') {
          const company = get('company name');
          const title = get('title');
          if (company || title) positions.push({ company, title, current: get('finished on') === '' });
        } else if (kind === 'skills') {
          const s = get('name');
          if (s) skills.push(s);
        } else {
          const name = normaliseName(`${get('first name')} ${get('last name')}`);
          const profileUrl = normaliseProfileUrl(get('url'));
          if (!name && !profileUrl) return; // hidden or closed profile: only a date
          const connectedOnText = get('connected on');
          const connectedOn = parseConnectedOn(connectedOnText, timeZone);
          if (connectedOnText && !connectedOn) problems.push({ file, row, reason: `Connected On "${connectedOnText}" is not a date; kept without it` });
          list.push({ key: counterpartKey(profileUrl, name), name, profileUrl, company: get('company'), position: get('position'), connectedOn });
          if (progress && list.length % PROGRESS_EVERY === 0) progress({ file, rows: list.length });
        }
      });
      if (kind === 'connections') {
        connections = list;
        if (progress) progress({ file, rows: list.length });
      }
    } catch (e) {
      if (e instanceof ExportError && (e.code === 'missing_columns' || e.code === 'empty' || e.code === 'not_csv')) {
        problems.push({ file, row: 1, reason: `${e.message.replace(/;.*$/, '')}; file ignored` });
        return;
      }
      throw e;
    }
  };

  const zipLike = isZipMagic(head);
  if (zipLike) {
    const zip = await ZipReader.open(input, source, limits);
    try {
      const chosen = new Map<Kind, string>();
      for (const kind of KINDS) {
        const candidates = zip.entries.filter((e) => entryKind(e.path) === kind).map((e) => e.path);
        // prefer the shallowest, then the plain name over a numbered one
        candidates.sort((a, b) => a.split('/').length - b.split('/').length || a.length - b.length || a.localeCompare(b));
        if (candidates[0]) chosen.set(kind, candidates[0]);
      }
      const inv = chosen.get('invitations');
      if (!inv) {
        throw new ExportError('no_invitations', `${source} has no Invitations.csv in it; download your LinkedIn data export again (Settings > Data privacy > Get a copy of your data) and upload that zip unchanged.`, source);
      }
      for (const kind of KINDS) {
        const path = chosen.get(kind);
        if (!path) continue;
        files.push(path);
        const stream = await zip.openEntry(path);
        if (kind === 'invitations') await readInvitations(stream, path);
        else await readSide(kind, stream, path);
      }
      invitationsFile = inv;
      const folder = inv.split('/').slice(0, -1).pop();
      folderDate = folder ? exportDateFromName(folder) : null;
    } finally {
      zip.close();
    }
  } else {
    if (/\.zip$/i.test(source)) {
      throw new ExportError('not_zip', `${source} is not a zip file (it may be incomplete or damaged); download your LinkedIn export again and upload the .zip unchanged.`, source);
    }
    const base = source.split(/[\\/]/).pop() ?? source;
    if (!/^invitations(?:_\d+)?\.csv$/i.test(base) && KNOWN_OTHER_CSV.test(base)) {
      throw new ExportError('not_invitations', `${source} is not Invitations.csv; upload the whole LinkedIn export zip or its Invitations.csv.`, source);
    }
    files.push(source);
    const stream = 'data' in input ? chunks(input.data) : createReadStream(input.path, { highWaterMark: 64 * 1024 });
    await readInvitations(stream, source);
  }

  const profileRow = profileRowRef as ProfileRow | null;
  // The owner: From on OUTGOING rows, To on INCOMING rows (most frequent), URL likewise.
  const ownerNames = rows.map((r) => (r.direction === 'OUTGOING' ? r.from : r.to));
  const ownerUrls = rows.map((r) => (r.direction === 'OUTGOING' ? r.fromUrl : r.toUrl)).filter((u): u is string => u !== null);
  const profile: OwnerProfile | null = profileRow
    ? { firstName: profileRow.firstName, lastName: profileRow.lastName, headline: profileRow.headline, industry: profileRow.industry, summary: profileRow.summary, positions, skills }
    : null;
  const profileName = profileRow ? normaliseName(`${profileRow.firstName} ${profileRow.lastName}`) : null;
  let owner: Person | null = null;
  const ownerName = mode(ownerNames);
  if (ownerName !== null) owner = { name: ownerName, profileUrl: mode(ownerUrls) };
  else if (profileName) owner = { name: profileName, profileUrl: null };
  if (owner && profileRow && profileName && normaliseName(owner.name).toLowerCase() !== profileName.toLowerCase()) {
    problems.push({ file: profileRow.file, row: profileRow.row, reason: `Profile.csv names "${profileName}" but Invitations.csv names the owner "${owner.name}"; using "${owner.name}"` });
  }

  // Connections index for outcomes.
  const conns = connections as Connection[] | null;
  const byKey = new Map<string, Connection>();
  const byName = new Map<string, Connection>();
  for (const c of conns ?? []) {
    if (!byKey.has(c.key)) byKey.set(c.key, c);
    const nk = `name:${c.name.toLowerCase()}`;
    if (!byName.has(nk)) byName.set(nk, c);
  }

  const ownerKey = owner ? counterpartKey(owner.profileUrl, owner.name) : '';
  const seen = new Set<string>();
  const requests: ConnectionRequest[] = [];
  for (const r of rows) {
    const name = r.direction === 'OUTGOING' ? r.to : r.from;
    const profileUrl = r.direction === 'OUTGOING' ? r.toUrl : r.fromUrl;
    const key = counterpartKey(profileUrl, name);
    const id = requestId(ownerKey, r.direction, key, r.sentAt, r.message);
    if (seen.has(id)) continue; // exact duplicate row
    seen.add(id);
    let match: Connection | undefined;
    if (conns) {
      match = byKey.get(key);
      if (!match) {
        const byN = byName.get(`name:${normaliseName(name).toLowerCase()}`);
        if (byN && (profileSlug(profileUrl) === null || byN.profileUrl === null)) match = byN;
      }
    }
    requests.push({
      id,
      owner: owner ?? { name: '', profileUrl: null },
      direction: r.direction,
      counterpart: { name, profileUrl, key, ...(match ? { company: match.company, position: match.position } : {}) },
      sentAt: r.sentAt,
      year: r.year,
      message: r.message,
      outcome: conns === null ? 'unknown' : match ? 'accepted' : 'pending',
      source: { file: invitationsFile, row: r.row },
    });
  }

  // Coverage.
  let oldest: string | null = null;
  let newest: string | null = null;
  for (const r of requests) {
    if (oldest === null || r.sentAt < oldest) oldest = r.sentAt;
    if (newest === null || r.sentAt > newest) newest = r.sentAt;
  }
  let exportDate = exportDateFromName(source) ?? folderDate;
  if (!exportDate) {
    const dates = (conns ?? []).map((c) => c.connectedOn).filter((d): d is string => d !== null);
    if (newest) dates.push(localDate(Date.parse(newest), timeZone));
    exportDate = dates.length ? dates.reduce((a, b) => (b > a ? b : a)) : null;
  }
  const coverage: Coverage = {
    source,
    exportDate,
    windowStart: exportDate ? addDays(exportDate, -180) : null,
    oldestSentAt: oldest,
    newestSentAt: newest,
  };

  return { source, owner, profile, connections: conns, requests, coverage, problems, files };
}
