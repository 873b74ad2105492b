/** The export files as LinkedIn writes them: CSV text (and zips) from the requests of a run. */
import { strToU8, zipSync, type Zippable } from 'fflate';
import Papa from 'papaparse';
import { parseSentAt } from '../../functions/audit/export/index.ts';
import type { OwnerOne } from './banks.ts';
import { type CR, fold, type PersonRec } from './generator.ts';
import type { Random } from './random.ts';
import type { Connection } from './scenarios.ts';
import { connectedOnText, sentAtText } from './time.ts';

const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;
const encodedUrl = (slug: string) => `https://www.linkedin.com/in/${encodeURIComponent(slug)}`;
const csv = (fields: readonly string[], data: string[][]) => Papa.unparse({ fields: [...fields], data }, { newline: '\n' });

const INV_HEADER_7 = ['From', 'To', 'Sent At', 'Message', 'Direction', 'inviterProfileUrl', 'inviteeProfileUrl'];
const QUOTE_SENT_AT = [false, false, true, false, false, false, false];

/** A 7-column Invitations.csv of `owner`; `duplicate`: the index of a row that appears twice. */
export function invitationsCsv(owner: PersonRec, rows: CR[], duplicate?: number): string {
  const data = rows.map((c) =>
    c.direction === 'OUTGOING'
      ? [owner.name, c.who.name, sentAtText(c.wall), c.note, 'OUTGOING', url(owner.slug), url(c.who.slug)]
      : [c.who.name, c.toText ?? owner.name, sentAtText(c.wall), c.note, 'INCOMING', url(c.who.slug), url(owner.slug)],
  );
  if (duplicate !== undefined) data.splice(duplicate + 1, 0, data[duplicate]);
  return `${INV_HEADER_7.join(',')}\n${Papa.unparse(data, { newline: '\n', quotes: QUOTE_SENT_AT })}\n`;
}

/** The old 5-column Invitations.csv (2022): no URLs. */
export function bareInvitationsCsv(owner: PersonRec, rows: CR[]): string {
  const data = rows.map((c) => (c.direction === 'OUTGOING' ? [owner.name, c.who.name, sentAtText(c.wall), c.note, 'OUTGOING'] : [c.who.name, owner.name, sentAtText(c.wall), c.note, 'INCOMING']));
  return `From,To,Sent At,Message,Direction\n${Papa.unparse(data, { newline: '\n', quotes: [false, false, true, false, false] })}\n`;
}

const CONNECTIONS_PREAMBLE =
  'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n\n';

export interface ConnectionsFile {
  text: string;
  count: number;
  slugs: Set<string>;
}

/** Connections.csv on `exportDate`: the `earlier` connections plus every CR accepted by then (some with an e-mail address). */
export function connectionsCsv(rng: Random, earlier: Connection[], crs: CR[], exportDate: string): ConnectionsFile {
  const rows: Connection[] = [...earlier];
  const seen = new Set<string>(rows.map((r) => r.who.slug));
  for (const c of crs) if (c.acceptedOn && c.acceptedOn <= exportDate && !seen.has(c.who.slug)) {
    seen.add(c.who.slug);
    rows.push({ who: c.who, on: c.acceptedOn });
  }
  rows.sort((a, b) => (a.on < b.on ? 1 : a.on > b.on ? -1 : 0));
  const data = rows.map((r) => [r.who.first, r.who.last, encodedUrl(r.who.slug), rng.chance(0.05) ? `${fold(r.who.first).toLowerCase()}@example.org` : '', r.who.company, r.who.title, connectedOnText(r.on)]);
  // hidden or closed profiles: only the date
  data.splice(7, 0, ['', '', '', '', '', '', connectedOnText('2024-02-08')]);
  data.splice(40, 0, ['', '', '', '', '', '', connectedOnText('2021-11-23')]);
  const text = CONNECTIONS_PREAMBLE + csv(['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'], data); // no final newline, like LinkedIn
  return { text, count: rows.length, slugs: seen };
}

/** The 2022 Connections.csv: no URL column, with the preamble. */
export function oldConnectionsCsv(connections: Connection[]): string {
  const data = connections.map((c) => [c.who.first, c.who.last, '', c.who.company, c.who.title, connectedOnText(c.on)]);
  return CONNECTIONS_PREAMBLE + csv(['First Name', 'Last Name', 'Email Address', 'Company', 'Position', 'Connected On'], data);
}

/** Profile.csv, Positions.csv and Skills.csv of owner 1. */
export function profileFiles(owner: OwnerOne): Record<'Profile.csv' | 'Positions.csv' | 'Skills.csv', string> {
  return {
    'Profile.csv': csv(Object.keys(owner.profile), [Object.values(owner.profile)]) + '\n',
    'Positions.csv': csv(Object.keys(owner.positions[0]), owner.positions.map((p) => Object.values(p))) + '\n',
    'Skills.csv': csv(['Name'], owner.skills.map((s) => [s])) + '\n',
  };
}

const MSG_HEADER = ['CONVERSATION ID', 'CONVERSATION TITLE', 'FROM', 'SENDER PROFILE URL', 'TO', 'RECIPIENT PROFILE URLS', 'DATE', 'SUBJECT', 'CONTENT', 'FOLDER', 'ATTACHMENTS'];

/** messages.csv: the notes of the first accepted incoming CRs with one, a minute apart after each was sent. */
export function messagesCsv(owner: PersonRec, crs: CR[]): string {
  const withNotes = crs.filter((c) => c.note && c.acceptedOn && c.direction === 'INCOMING').slice(0, 6);
  const data = withNotes.map((c, i) => {
    const at = new Date(Date.parse(parseSentAt(sentAtText(c.wall))!.sentAt) + (i + 1) * 60_000).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
    return [`2-${(0x5a3c0 + i * 7919).toString(16)}`, '', c.who.name, url(c.who.slug), owner.name, url(owner.slug), at, '', c.note, 'INBOX', ''];
  });
  return csv(MSG_HEADER, data) + '\n';
}

/** A decoy with Invitations-like content: the reader must not pick it up. */
export function learningCoachCsv(owner: PersonRec): string {
  const row = ['3-coach', 'LinkedIn Learning Coach', 'LinkedIn Learning Coach', '', owner.name, url(owner.slug), '2025-05-02 17:04:11 UTC', '', 'Here are 3 courses on Direction, INCOMING requests and "Sent At" dates you might like.', 'INBOX', ''];
  return csv(MSG_HEADER, [row]) + '\n';
}

/** A zip of `files` (path -> text), every entry dated noon UTC of `date`. */
export function makeZip(files: Record<string, string>, date: string): Uint8Array {
  const z: Zippable = {};
  const mtime = new Date(`${date}T12:00:00Z`);
  for (const [k, v] of Object.entries(files)) z[k] = [strToU8(v), { level: 9, mtime }];
  return zipSync(z);
}
