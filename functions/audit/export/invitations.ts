/** Invitations.csv rows -> compact records (the counterpart's side only) and the owner tally. */
import type { Readable } from 'node:stream';
import type { ConnectionRequest, Person } from '../model.ts';
import { readCsv, type CsvHeader, type CsvSpec } from './csv.ts';
import { counterpartKey, nfc, readProfileUrl } from './identity.ts';
import { count, MAX_NOTE_LENGTH, type ReadLimits } from './limits.ts';
import { OwnerTally } from './owner.ts';
import type { ProblemLog } from './problems.ts';
import { PROGRESS_EVERY } from './side-files.ts';
import { clip, codePoints, firstCodePoints, own } from './text.ts';
import { parseSentAt, type SentAt } from './time.ts';

export const INVITATIONS_SPEC: CsvSpec = {
  required: ['From', 'To', 'Sent At', 'Message', 'Direction'],
  advice: 'upload the Invitations.csv from your LinkedIn data export unchanged (or the whole export zip).',
};

/**
 * One usable Invitations row, kept as the CR it becomes (one object per row from the start, not a
 * row and then a CR): every field but `id` and `owner`, which need the owner of the whole file
 * (match.ts fills them, and the outcome). The counterpart is `To` on OUTGOING rows, `From` on
 * INCOMING rows (NFC, trimmed), with its key; the note is cut to maxNoteChars, equal notes sharing
 * one string (those read within NOTES_SHARED distinct notes of each other: a template's copies).
 * About 180 bytes plus its strings.
 */
export type InvitationRow = ConnectionRequest;

/**
 * Distinct notes the reader remembers to share one string among equal notes: dropped when full. A
 * template repeats within a few thousand rows; a map of every distinct note (1M entries when every
 * CR has its own note) would outlive the read as old-generation garbage.
 */
const NOTES_SHARED = 16_384;

/** The owner of a row until the file's owner is known. */
export const UNKNOWN_OWNER: Person = Object.freeze({ name: '', profileUrl: null });

export interface InvitationsContext {
  timeZone: string;
  yearTimeZone: string;
  limits: ReadLimits;
  problems: ProblemLog;
  progress?: (p: { file: string; rows: number }) => void;
}

/** Read Invitations.csv: usable rows, and the owner's name and URL counted over them. Bad rows become warnings. */
export async function readInvitations(stream: Readable | AsyncIterable<Uint8Array>, file: string, ctx: InvitationsContext): Promise<{ rows: InvitationRow[]; owners: OwnerTally }> {
  const { problems, progress, timeZone, yearTimeZone, limits } = ctx;
  const rows: InvitationRow[] = [];
  const owners = new OwnerTally();
  // one string per distinct note (templates repeat); bounded. Each bounded map here is dropped when
  // full, not cleared: a Map of the old generation clears and grows its tables there (garbage of
  // the old generation at every refill: classify/text.ts RepeatedTexts)
  let notes = new Map<string, string>();
  let n = 0;
  // the columns, found once per header rather than by name in every row
  let header: CsvHeader | null = null;
  let cols = { direction: -1, sentAt: -1, message: -1, from: -1, to: -1, fromUrl: -1, toUrl: -1 };
  const at = (cells: string[], i: number): string => (i < 0 ? '' : (cells[i] ?? ''));
  // the owner's URL is the same on (nearly) every row: each URL column remembers its last reading
  const fromUrls = lastOf(readProfileUrl);
  const toUrls = lastOf(readProfileUrl);
  // Sent At is to the minute, and an export lists its CRs in time order: rows that share one are
  // next to each other (a burst of invitations), so the last reading is remembered, not a map of
  // them. A map of 10,000 readings kept every reading long enough to reach the old generation and
  // be its garbage there when every Sent At differs (1M rows of bench-ingest, read + classify:
  // peak RSS 1,227 -> 1,168 MB; scripts/bench-scale.ts)
  let lastSentAtText: string | undefined;
  let lastSentAt: SentAt | null = null;
  await readCsv(
    stream,
    file,
    INVITATIONS_SPEC,
    (cells, row, h, extra) => {
      n++;
      if (progress && n % PROGRESS_EVERY === 0) progress({ file, rows: n });
      // a skipped row over several lines may have swallowed the next ones (an unbalanced quote)
      const lines = extra && extra.lastLine > row ? ` (it runs over lines ${row}–${extra.lastLine}: check for an unbalanced quote)` : '';
      if (h !== header) {
        header = h;
        const col = (name: string) => h.index.get(name) ?? -1;
        cols = { direction: col('direction'), sentAt: col('sent at'), message: col('message'), from: col('from'), to: col('to'), fromUrl: col('inviterprofileurl'), toUrl: col('inviteeprofileurl') };
      }
      const dirText = at(cells, cols.direction).trim().toUpperCase();
      if (dirText !== 'INCOMING' && dirText !== 'OUTGOING') {
        problems.add(file, row, `Direction is "${clip(at(cells, cols.direction))}", not INCOMING or OUTGOING; row skipped${lines}`);
        return;
      }
      const sentAtText = at(cells, cols.sentAt);
      if (sentAtText !== lastSentAtText) {
        lastSentAt = parseSentAt(sentAtText, timeZone, yearTimeZone);
        lastSentAtText = sentAtText;
      }
      const t = lastSentAt;
      if (!t) {
        problems.add(file, row, `Sent At "${clip(sentAtText)}" is not a date like "3/14/26, 9:05 AM"; row skipped${lines}`);
        return;
      }
      let message = at(cells, cols.message);
      const cutLength = extra?.cut?.get('message');
      if (cutLength !== undefined || message.length > MAX_NOTE_LENGTH) {
        const length = cutLength ?? codePoints(message);
        if (length > limits.maxNoteChars) {
          message = firstCodePoints(message, limits.maxNoteChars);
          problems.add(file, row, `note is ${count(length)} characters, over LinkedIn's ${MAX_NOTE_LENGTH}; cut to the first ${count(limits.maxNoteChars)}`);
        } else if (length > MAX_NOTE_LENGTH) problems.add(file, row, `note is ${length} characters, over LinkedIn's ${MAX_NOTE_LENGTH}; kept`);
      }
      let note = notes.get(message);
      if (note === undefined) {
        note = own(message);
        if (notes.size >= NOTES_SHARED) notes = new Map();
        notes.set(note, note);
      }
      const from = nfc(at(cells, cols.from)).trim();
      const to = nfc(at(cells, cols.to)).trim();
      const fromUrl = fromUrls(at(cells, cols.fromUrl));
      const toUrl = toUrls(at(cells, cols.toUrl));
      const outgoing = dirText === 'OUTGOING';
      const ownerUrl = outgoing ? fromUrl : toUrl;
      owners.add(outgoing ? from : to, ownerUrl === null ? null : ownerUrl.url);
      const url = outgoing ? toUrl : fromUrl;
      const name = own(outgoing ? to : from);
      const profileUrl = url === null ? null : url.url; // readProfileUrl's strings are compact copies already
      rows.push({
        id: '',
        owner: UNKNOWN_OWNER,
        direction: outgoing ? 'OUTGOING' : 'INCOMING',
        counterpart: { name, profileUrl, key: url?.key ?? own(counterpartKey(profileUrl, name)) },
        sentAt: t.sentAt,
        year: t.year,
        message: note,
        outcome: 'unknown',
        source: { file, row },
      });
    },
    { limits, cut: [{ column: 'Message', keepChars: 2 * limits.maxNoteChars }], onProblem: (row, reason) => problems.add(file, row, reason) },
  );
  if (progress) progress({ file, rows: n });
  return { rows, owners };
}

/** `f` with a memory of its last argument and result (a column repeating one value row after row). */
function lastOf<R>(f: (s: string) => R): (s: string) => R {
  let last: string | undefined;
  let result!: R;
  return (s) => {
    if (s !== last) {
      last = s;
      result = f(s);
    }
    return result;
  };
}
