/**
 * A small, invented LinkedIn export built in the test (fflate zipSync), with the expected counts
 * computed from the rows themselves (not from the code under test).
 */
import { strToU8, zipSync } from 'fflate';

export const OWNER = 'Dana Whitfield';
export const OWNER_URL = 'https://www.linkedin.com/in/dana-whitfield';

export interface Row {
  direction: 'INCOMING' | 'OUTGOING';
  counterpart: string;
  slug: string;
  /** LinkedIn's `M/D/YY, h:mm AM` (Pacific wall time). */
  sentAt: string;
  year: number;
  message: string;
}

export const ROWS: Row[] = [
  { direction: 'INCOMING', counterpart: 'Ravi Patel', slug: 'ravi-patel-42', sentAt: '3/14/25, 9:05 AM', year: 2025, message: 'Hi Dana, we help companies like yours scale outbound sales with our lead generation services. Can I book 15 minutes on your calendar?' },
  { direction: 'INCOMING', counterpart: 'Mia Chen', slug: 'mia-chen', sentAt: '4/2/25, 3:40 PM', year: 2025, message: 'Hi Dana, I enjoyed your talk on streaming CSV parsing at DataConf last week; the part on backpressure solved a bug for my team. Would love to stay in touch.' },
  { direction: 'INCOMING', counterpart: 'Jonas Berg', slug: 'jonas-berg', sentAt: '5/20/25, 11:15 AM', year: 2025, message: '' },
  { direction: 'INCOMING', counterpart: 'Zoë Ångström', slug: 'zoë-ångström', sentAt: '6/1/25, 8:00 AM', year: 2025, message: 'Please endorse me for Python and like my latest post!' },
  { direction: 'INCOMING', counterpart: 'Sam "The Builder" Ortiz, PhD', slug: 'sam-ortiz', sentAt: '6/18/25, 4:22 PM', year: 2025, message: '' },
  { direction: 'OUTGOING', counterpart: 'Priya Nair', slug: 'priya-nair', sentAt: '5/5/25, 10:10 AM', year: 2025, message: 'Hi Priya, your article on idempotent Lambda handlers helped me fix duplicate writes. I would be glad to connect.' },
  { direction: 'OUTGOING', counterpart: 'Tom Becker', slug: 'tom-becker', sentAt: '6/9/25, 1:30 PM', year: 2025, message: '' },
  { direction: 'INCOMING', counterpart: 'Ana Lima', slug: 'ana-lima', sentAt: '11/20/24, 2:00 PM', year: 2024, message: 'Hi Dana, we sell the best CRM on the market, 30% off this month only. Interested in a demo?' },
];

const EXPORT_DATE = '06-30-2025';

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function invitationsCsv(rows: Row[] = ROWS): string {
  const lines = ['From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl'];
  for (const r of rows) {
    const other = `https://www.linkedin.com/in/${r.slug}`;
    const [from, to, fromUrl, toUrl] = r.direction === 'INCOMING' ? [r.counterpart, OWNER, other, OWNER_URL] : [OWNER, r.counterpart, OWNER_URL, other];
    lines.push([from, to, r.sentAt, r.message, r.direction, fromUrl, toUrl].map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}

export function exportZip(rows: Row[] = ROWS): Uint8Array {
  return zipSync({
    'Invitations.csv': strToU8(invitationsCsv(rows)),
    'Profile.csv': strToU8('First Name,Last Name,Headline,Industry,Summary\nDana,Whitfield,Data engineer at Streamline,Software Development,I build data pipelines.\n'),
    'Connections.csv': strToU8(
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nPriya,Nair,https://www.linkedin.com/in/priya-nair,,Acme,Engineer,08 May 2025\n',
    ),
  });
}

export const EXPORT_NAME = `Basic_LinkedInDataExport_${EXPORT_DATE}.zip`;

/** Expected per-year figures, counted from ROWS. */
export function expected(year: number) {
  const rows = ROWS.filter((r) => r.year === year);
  return {
    total: rows.length,
    received: rows.filter((r) => r.direction === 'INCOMING').length,
    sent: rows.filter((r) => r.direction === 'OUTGOING').length,
    withNote: rows.filter((r) => r.message !== '').length,
    withoutNote: rows.filter((r) => r.message === '').length,
  };
}

/** The key as S3 puts it in an event: URL-encoded, spaces as `+`. */
export function s3EventKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

export function s3Event(bucket: string, keys: string[], eventName = 'ObjectCreated:Put') {
  return {
    Records: keys.map((key, i) => ({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: '2025-07-01T10:00:00.000Z',
      eventName,
      userIdentity: { principalId: 'AWS:EXAMPLE' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': `req${i}`, 'x-amz-id-2': 'id2' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'ingest',
        bucket: { name: bucket, ownerIdentity: { principalId: 'EXAMPLE' }, arn: `arn:aws:s3:::${bucket}` },
        object: { key: s3EventKey(key), size: 1, eTag: 'etag', sequencer: `0A${i}` },
      },
    })),
  };
}
