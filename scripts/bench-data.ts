/**
 * A large, deterministic Invitations.csv for the benchmarks of the whole `aoi audit`: a third sent,
 * two thirds received, 40% without a note, the rest a mix of mass templates (the same text with
 * the recipient's first name in it, from a few senders) and notes written one by one (sentences
 * combined per row, so most are unique), over two years, with quoting, commas, emoji and a
 * multi-line note now and then. The shape of a heavy LinkedIn user's export, at any size.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const HEADER = ['From', 'To', 'Sent At', 'Message', 'Direction', 'inviterProfileUrl', 'inviteeProfileUrl'];

const FIRST = ['Alex', 'Sam', 'Maria', 'Jonas', 'Priya', 'Chen', 'Fatima', 'Lukas', 'Aiyana', 'Tomás', 'Noor', 'Olu', 'Ingrid', 'Kenji', 'Zoë'];
const LAST = ['Smith', 'García', 'Okafor', 'Nguyen', 'Müller', 'Kowalski', 'Haddad', 'Silva', 'Ivanova', 'O’Brien', 'Patel', 'Johansson'];
const TEMPLATES = [
  'Hi {name}, I help SaaS founders scale to 7 figures. Let’s connect and grow together 🚀',
  'Hello {name}! I came across your profile and would love to add you to my professional network.',
  'Hi {name}, we are hiring senior engineers, remote, top pay. Interested? Let me know!',
  '{name}, our AI platform cuts cloud costs by 40%. Can I send you a 2-minute demo?',
  'Dear {name},\nI am expanding my network of leaders in your industry. Happy to connect.',
];
const OPENERS = ['Hi {name},', 'Hello {name}!', 'Hey {name} -', 'Dear {name},', '{name},'];
const MIDDLES = [
  'loved your talk on CSV parsing at DataConf',
  'we met at the "Data Day" meetup in Berlin last week',
  'I read your post about on-call rotations, and it changed how we run ours',
  'we both worked at Initech, although a few years apart',
  'your article on accessible forms helped my team a lot',
  'I am a recruiter at a fast-growing fintech, and your background looks great',
  'I run a small agency that builds Shopify stores, and we have openings for partners',
  'we are in the same alumni group from the TU Delft, class of 2014',
  'I noticed we share 12 connections in the climate-tech space',
  'your open-source library saved me a weekend, thank you',
];
const TOPICS = ['data contracts', 'Kubernetes costs', 'hiring juniors', 'remote onboarding', 'pricing pages', 'dark patterns', 'SQL style', 'carbon accounting', 'design reviews', 'incident write-ups', 'OKRs', 'accessibility audits'];
const CLOSERS = ['Would be glad to connect.', 'Happy to connect!', 'Let’s connect, and maybe grab a coffee?', 'Could we chat for 15 minutes next week?', 'Cheers, Robin', 'Thanks 🙏'];

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes `rows` connection requests of the owner Robin Example to `path`. */
export async function writeBenchInvitations(path: string, rows: number, seed = 7): Promise<void> {
  const out = createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  let state = seed;
  const rnd = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const owner = ['Robin Example', 'https://www.linkedin.com/in/robin-example'] as const;
  let chunk = `${HEADER.join(',')}\n`;
  for (let i = 0; i < rows; i++) {
    const first = pick(FIRST);
    const other = [`${first} ${pick(LAST)} ${i}`, `https://www.linkedin.com/in/${first.toLowerCase()}-${i}`] as const;
    const outgoing = i % 3 === 0;
    const d = new Date(Date.UTC(2024, 0, 1) + Math.floor(rnd() * 730 * 86_400_000));
    const h = d.getUTCHours();
    const sentAt = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${String(d.getUTCFullYear()).slice(2)}, ${h % 12 === 0 ? 12 : h % 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
    const recipientFirst = outgoing ? first : 'Robin';
    let note = '';
    const r = rnd();
    if (r < 0.4) note = '';
    else if (r < 0.65 && !outgoing) note = pick(TEMPLATES).replaceAll('{name}', recipientFirst);
    else {
      // Written one by one: a sentence of its own (topic, number, month) makes most of them unique.
      const own = `Your thread on ${pick(TOPICS)} (${1 + Math.floor(rnd() * 400)} comments, ${d.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })}) stuck with me`;
      note = `${pick(OPENERS).replaceAll('{name}', recipientFirst)} ${pick(MIDDLES)}. ${own}.${rnd() < 0.1 ? '\n\n' : ' '}${pick(CLOSERS)}`;
    }
    const [from, to] = outgoing ? [owner, other] : [other, owner];
    chunk += `${[from[0], to[0], sentAt, note, outgoing ? 'OUTGOING' : 'INCOMING', from[1], to[1]].map(csvField).join(',')}\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
}
