/**
 * Builds a small invented LinkedIn export in the test (the real byte format: 7-column
 * Invitations.csv, Profile.csv, Connections.csv with its preamble), zipped with fflate, for tests
 * that run the whole audit path on rows they write themselves.
 */
import { strToU8, zipSync } from 'fflate';

export interface ExportRow {
  direction: 'INCOMING' | 'OUTGOING';
  /** The other person's display name. */
  name: string;
  message: string;
  /** LinkedIn's `M/D/YY, h:mm AM`; default: a distinct minute per row. */
  sentAt?: string;
}

export interface ExportSpec {
  owner: { first: string; last: string; headline?: string; industry?: string };
  rows: ExportRow[];
  /** Connections by display name: their company and position (the counterpart accepted). */
  connections?: { name: string; company?: string; position?: string }[];
  /** MM-DD-YYYY, in the zip's name. */
  date?: string;
}

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
export const slugOf = (name: string) => name.toLowerCase().normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
const url = (name: string) => `https://www.linkedin.com/in/${slugOf(name)}`;

export function buildExport(spec: ExportSpec): { name: string; data: Uint8Array } {
  const owner = `${spec.owner.first} ${spec.owner.last}`;
  const lines = ['From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl'];
  const rows = [...spec.rows.filter((r) => r.direction === 'OUTGOING'), ...spec.rows.filter((r) => r.direction === 'INCOMING')];
  rows.forEach((r, i) => {
    const sentAt = r.sentAt ?? `3/${1 + (i % 28)}/26, ${1 + (i % 12)}:${String(i % 60).padStart(2, '0')} PM`;
    const [from, to] = r.direction === 'OUTGOING' ? [owner, r.name] : [r.name, owner];
    lines.push([from, to, sentAt, r.message, r.direction, url(from), url(to)].map(cell).join(','));
  });
  const connections = [
    'Notes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing."',
    '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
    ...(spec.connections ?? []).map((c) => {
      const [first, ...last] = c.name.split(' ');
      return [first, last.join(' '), encodeURI(url(c.name)), '', c.company ?? '', c.position ?? '', '10 Mar 2026'].map(cell).join(',');
    }),
  ].join('\n');
  const profile = [
    'First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers',
    [spec.owner.first, spec.owner.last, '', '', '', spec.owner.headline ?? '', '', spec.owner.industry ?? '', '', '', '', '', ''].map(cell).join(','),
  ].join('\n');
  return {
    name: `Basic_LinkedInDataExport_${spec.date ?? '03-31-2026'}.zip`,
    data: zipSync({
      'Invitations.csv': strToU8(`${lines.join('\n')}\n`),
      'Connections.csv': strToU8(connections),
      'Profile.csv': strToU8(`${profile}\n`),
    }),
  };
}
