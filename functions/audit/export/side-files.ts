/** The optional side files of a zip export: Profile, Positions, Skills and Connections. */
import type { Readable } from 'node:stream';
import type { Connection, OwnerProfile } from '../model.ts';
import { cellOf, readCsv, type CsvSpec } from './csv.ts';
import type { Kind } from './entries.ts';
import { ExportError } from './errors.ts';
import { counterpartKey, nfc, normaliseName, normaliseProfileUrl } from './identity.ts';
import type { ReadLimits } from './limits.ts';
import type { ProblemLog } from './problems.ts';
import { clip, own } from './text.ts';
import { parseConnectedOn } from './time.ts';

export type SideKind = Exclude<Kind, 'invitations'>;

const SPECS: Record<SideKind, CsvSpec> = {
  connections: { required: ['First Name', 'Last Name', 'Connected On'] },
  profile: { required: ['First Name', 'Last Name'] },
  positions: { required: ['Company Name', 'Title'] },
  skills: { required: ['Name'] },
};

export const PROGRESS_EVERY = 10_000;

/** The first row of Profile.csv, and where it was read. */
export interface ProfileRow {
  firstName: string;
  lastName: string;
  headline: string;
  industry: string;
  summary: string;
  row: number;
  file: string;
}

/** What the side files say; filled in by readSideFile. */
export interface SideData {
  profileRow: ProfileRow | null;
  positions: OwnerProfile['positions'];
  skills: string[];
  /** null when the export has no (usable) Connections.csv: outcomes are then unknown. */
  connections: Connection[] | null;
}

export const emptySideData = (): SideData => ({ profileRow: null, positions: [], skills: [], connections: null });

export interface SideContext {
  timeZone: string;
  limits: ReadLimits;
  problems: ProblemLog;
  progress?: (p: { file: string; rows: number }) => void;
}

/** Side files are optional: a bad one becomes a warning, never a fatal error (unless it breaks a limit). */
export async function readSideFile(kind: SideKind, stream: Readable | AsyncIterable<Uint8Array>, file: string, data: SideData, ctx: SideContext): Promise<void> {
  const { problems, progress } = ctx;
  const list: Connection[] = [];
  try {
    await readCsv(
      stream,
      file,
      SPECS[kind],
      (cells, row, h) => {
        const get = (c: string) => own(nfc(cellOf(h, cells, c)).trim());
        if (kind === 'profile') {
          data.profileRow ??= { firstName: get('first name'), lastName: get('last name'), headline: get('headline'), industry: get('industry'), summary: get('summary'), row, file };
        } else if (kind === 'positions') {
          const company = get('company name');
          const title = get('title');
          if (company || title) data.positions.push({ company, title, current: get('finished on') === '' });
        } else if (kind === 'skills') {
          const s = get('name');
          if (s) data.skills.push(s);
        } else {
          const name = own(normaliseName(`${get('first name')} ${get('last name')}`));
          const url = normaliseProfileUrl(get('url'));
          const profileUrl = url === null ? null : own(url);
          if (!name && !profileUrl) return; // hidden or closed profile: only a date
          const connectedOnText = get('connected on');
          const connectedOn = parseConnectedOn(connectedOnText, ctx.timeZone);
          if (connectedOnText && !connectedOn) problems.add(file, row, `Connected On "${clip(connectedOnText)}" is not a date; kept without it`);
          list.push({ key: own(counterpartKey(profileUrl, name)), name, profileUrl, company: get('company'), position: get('position'), connectedOn });
          if (progress && list.length % PROGRESS_EVERY === 0) progress({ file, rows: list.length });
        }
      },
      { limits: ctx.limits, onProblem: (row, reason) => problems.add(file, row, reason) },
    );
    if (kind === 'connections') {
      data.connections = list;
      if (progress) progress({ file, rows: list.length });
    }
  } catch (e) {
    if (e instanceof ExportError && (e.code === 'missing_columns' || e.code === 'empty' || e.code === 'not_csv')) {
      problems.add(file, 1, `${e.message.replace(/;.*$/, '')}; file ignored`);
      return;
    }
    throw e;
  }
}

/** The owner's profile from Profile.csv (null without one), with Positions and Skills. */
export function ownerProfile(data: SideData): OwnerProfile | null {
  const p = data.profileRow;
  return p ? { firstName: p.firstName, lastName: p.lastName, headline: p.headline, industry: p.industry, summary: p.summary, positions: data.positions, skills: data.skills } : null;
}
