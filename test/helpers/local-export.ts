/**
 * A small invented LinkedIn export (7-column Invitations.csv of the 2024+ era) for the local-stack
 * tests. The counts the tests expect are those of the rows written here, not of any code's output.
 */
import { zipSync, strToU8 } from 'fflate';

export const OWNER = 'Dana Owner';
const HEADER = 'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl';
const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;
const field = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export const incoming = (from: string, slug: string, sentAt: string, message: string) =>
  [from, OWNER, `"${sentAt}"`, field(message), 'INCOMING', url(slug), url('dana-owner')].join(',');
export const outgoing = (to: string, slug: string, sentAt: string, message: string) =>
  [OWNER, to, `"${sentAt}"`, field(message), 'OUTGOING', url('dana-owner'), url(slug)].join(',');

/** 2025: 3 received + 1 sent; 2024: 2 received. */
export const ROWS = [
  outgoing('Sam Peer', 'sam-peer', '3/10/25, 4:00 PM', 'Hi Sam, I enjoyed your talk on CSV parsing at DataConf last week. Would love to connect.'),
  incoming('Alex Seller', 'alex-seller', '3/12/25, 9:05 AM', 'Hi Dana, we help companies like yours cut cloud costs by 40%. Can I book 15 minutes to show you a demo?'),
  incoming('Bo Bot', 'bo-bot', '2/01/25, 11:00 AM', 'Hi {first_name}, I would like to add you to my professional network.'),
  incoming('Cy Quiet', 'cy-quiet', '1/20/25, 8:30 AM', ''),
  incoming('Di Likes', 'di-likes', '11/05/24, 2:15 PM', 'Please like and comment on my latest post, then follow my page!'),
  incoming('Ed Quiet', 'ed-quiet', '10/01/24, 10:00 AM', ''),
];
/** One more 2025 received CR. */
export const EXTRA = incoming(
  'Flo Friend',
  'flo-friend',
  '3/15/25, 1:00 PM',
  'Hi Dana, we met at the Rust meetup in Lyon on Tuesday; I would like to keep in touch about the parser you showed.',
);

export const csv = (rows: string[]) => `${HEADER}\n${rows.join('\n')}\n`;
export const exportZip = (rows: string[]) => zipSync({ 'Invitations.csv': strToU8(csv(rows)) });
