/** Which files of an export are read: zip entries by base name, and the name check of a bare CSV. */
import { ExportError } from './errors.ts';

export type Kind = 'invitations' | 'connections' | 'profile' | 'positions' | 'skills';
/** Reading order: the side files first, so that Invitations rows can be matched as they come. */
export const KINDS: Kind[] = ['profile', 'positions', 'skills', 'connections', 'invitations'];
const KNOWN_OTHER_CSV = /^(connections|profile|positions|skills|messages|email addresses|registration|education|phonenumbers|endorsement.*|rich[ _]media|.*messages)(?:_\d+)?\.csv$/i;

/** The kind of a zip entry from its base name: exact name, case-insensitive, optional `_<digits>`. */
export function entryKind(path: string): Kind | null {
  const base = path.split('/').pop() ?? '';
  const m = /^(invitations|connections|profile|positions|skills)(?:_\d+)?\.csv$/i.exec(base);
  return m ? (m[1].toLowerCase() as Kind) : null;
}

/** The entry to read for each kind: the shallowest, then the plain name over a numbered one. */
export function chooseEntries(paths: readonly string[]): Map<Kind, string> {
  const chosen = new Map<Kind, string>();
  for (const kind of KINDS) {
    const candidates = paths.filter((p) => entryKind(p) === kind);
    candidates.sort((a, b) => a.split('/').length - b.split('/').length || a.length - b.length || a.localeCompare(b));
    if (candidates[0]) chosen.set(kind, candidates[0]);
  }
  return chosen;
}

/** The error for a zip without Invitations.csv, with a hint when it holds another zip or is a spreadsheet. */
export function noInvitationsError(source: string, paths: readonly string[]): ExportError {
  const inner = paths.find((p) => /\.zip$/i.test(p));
  if (inner) {
    return new ExportError('no_invitations', `${source} has no Invitations.csv in it, only another zip (${inner.split('/').pop()}); unzip ${source} once and upload the LinkedIn export zip that was inside.`, source);
  }
  if (paths.some((p) => p.startsWith('xl/'))) {
    return new ExportError('no_invitations', `${source} is a spreadsheet, not a LinkedIn export; upload the export zip, or save the sheet as "CSV UTF-8" and upload that.`, source);
  }
  return new ExportError('no_invitations', `${source} has no Invitations.csv in it; download your LinkedIn data export again (Settings > Data privacy > Get a copy of your data) and upload that zip unchanged.`, source);
}

/** A bare file must be a CSV and not another known export file; throws `not_zip` / `not_invitations`. */
export function assertInvitationsCsv(source: string): void {
  if (/\.zip$/i.test(source)) {
    throw new ExportError('not_zip', `${source} is not a zip file (it may be incomplete or damaged); download your LinkedIn export again and upload the .zip unchanged.`, source);
  }
  const base = source.split(/[\\/]/).pop() ?? source;
  if (!/^invitations(?:_\d+)?\.csv$/i.test(base) && KNOWN_OTHER_CSV.test(base)) {
    throw new ExportError('not_invitations', `${source} is not Invitations.csv; upload the whole LinkedIn export zip or its Invitations.csv.`, source);
  }
}
