/**
 * A large, deterministic Invitations.csv for the benchmarks of the whole `aoi audit`: a third sent,
 * two thirds received, 40% without a note, the rest a mix of mass templates (the same text with
 * the recipient's first name in it, from a few senders) and notes written one by one (sentences
 * combined per row, so most are unique), over two years, with quoting, commas, emoji and a
 * multi-line note now and then. The shape of a heavy LinkedIn user's export, at any size; in a real
 * export's order (notes/linkedin-export-format.md 1.1.6): the sent block first, then the received,
 * each newest-first with a few neighbours out of order.
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

/**
 * Deterministic numbers in [0, 1) (mulberry32). Not `state * 1103515245 % 2^31` in doubles: that
 * product passes 2^53 and loses its low bits, and the sequence falls into a short cycle (this
 * file's notes had 964 distinct texts in 59,048 until 2026-12-07).
 */
export function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes `rows` connection requests of the owner Robin Example to `path`. */
export async function writeBenchInvitations(path: string, rows: number, seed = 7): Promise<void> {
  const out = createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const owner = ['Robin Example', 'https://www.linkedin.com/in/robin-example'] as const;
  let chunk = `${HEADER.join(',')}\n`;
  const sent = Math.ceil(rows / 3);
  const end = Date.UTC(2026, 0, 1);
  for (let i = 0; i < rows; i++) {
    const first = pick(FIRST);
    const other = [`${first} ${pick(LAST)} ${i}`, `https://www.linkedin.com/in/${first.toLowerCase()}-${i}`] as const;
    const outgoing = i < sent;
    // newest-first over two years within each block; one row in 25 a step or so later than its place
    const [at, size] = outgoing ? [i, sent] : [i - sent, rows - sent];
    const step = (730 * 86_400_000) / size;
    const d = new Date(end - Math.floor((at + (rnd() < 0.04 ? 1 + 1.5 * rnd() : rnd())) * step));
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

/**
 * Notes as people write them: each one different (a greeting, three of 36 sentences in any order, a
 * closing and a sign-off, with made-up topic and company words), 100 to 300 characters, so that
 * few of them make a template (the bench-ingest notes are a few templates). Deterministic.
 */
const GREETINGS = ['Hi {n},', 'Hello {n},', 'Hey {n} -', 'Dear {n},', '{n},', 'Hola {n},', 'Hallo {n},', 'Bonjour {n},', 'Good morning {n},'];
const NOTE_OPENERS = [
  'I enjoyed your talk on {t} at the {c} meetup last week.',
  'we met briefly at the {c} conference, in the queue for coffee.',
  'I came across your article about {t} and the {c} migration.',
  'I run a small studio building {t} tools for clinics.',
  'a colleague at {c} mentioned your work on {t}.',
  'I noticed we both studied at the university, years apart.',
  'my team at {c} is hiring a senior engineer for {t}.',
  'I read the thread you started about {t} in the community forum.',
  'I lead partnerships at {c}, where we help teams adopt {t}.',
  'thanks for the thoughtful comment on my post about {t}.',
  'I am a student researching {t} and reading your papers.',
  'our agency has helped forty founders scale {t} revenue this year.',
];
const CONTEXTS = [
  'The part about {t} versus batch jobs stuck with me.',
  'We are rebuilding our {t} pipeline at {c} and hit the same wall.',
  'I have been following {c} since the early days.',
  'Your point on testing {t} in production changed how we deploy.',
  'We offer a free audit of your {t} setup, no strings attached.',
  'I moved to the city in March and I am meeting people in the field.',
  'The role is remote, pays well, and the team ships {t} every week.',
  'I maintain an open source library for {t} that you might like.',
  'Our {t} platform cut costs by a third for companies like {c}.',
  'I am switching careers from teaching into {t} engineering.',
  'We host a monthly {t} evening at {c} with short talks.',
  'Your feedback on the {t} draft would mean a lot to me.',
];
const ASKS = [
  'Would you be open to a short call next week?',
  'Could I ask you two questions about {t} sometime?',
  'Happy to share our notes on {c} if useful.',
  'Would you consider speaking at the next one?',
  'Let me know if you want a demo of {t}.',
  'Any advice for someone starting out would be welcome.',
  'Are you open to new opportunities at the moment?',
  'I would love to hear how {c} handles {t}.',
  'Would a referral to the {c} team be possible?',
  'No ask, just glad to be connected.',
  'Can I send you the {t} report?',
  'Shall we grab a coffee when you are in town?',
];
const SENTENCES = [...NOTE_OPENERS, ...CONTEXTS, ...ASKS].map((x) => x.replace(/^./, (c) => c.toUpperCase()));
const CLOSINGS = ['Looking forward to connecting.', 'Thanks for reading.', 'Have a great week.', 'Either way, keep writing.', 'Best of luck with {c}.', 'Talk soon, I hope.', '', 'Grateful for your time.', 'Until then!', 'See you around.', 'Cheers to {t}.', 'All good things.'];
const SIGN_OFFS = ['', ' Best, {m}', ' Thanks! {m}', ' Cheers, {m}', ' - {m}', ' Regards, {m}'];
const SYLLABLES = ['ka', 'lo', 'ri', 'ven', 'ta', 'mu', 'sol', 'dra', 'ne', 'bi', 'cor', 'ze', 'pha', 'qui', 'lum', 'tor', 'ax', 'el', 'os', 'ry'];

/**
 * Invitations.csv of `rows` CRs over 2021–2025, both directions, `noteShare` of them with a note
 * (each note different): 0.05 is a real export (about 95% of CRs come without a note), 1 every CR
 * with one. Deterministic.
 */
export async function writeMix(path: string, rows: number, noteShare: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n');
  const rnd = seeded(11);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const word = (n: number) => Array.from({ length: n }, () => pick(SYLLABLES)).join('');
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const firsts = ['Alex', 'Maria', 'Kenji', 'Fatima', 'Lucas', 'Priya', 'Ole', 'Chen', 'Amara', 'Diego', 'Sofia', 'Jonas', 'Zoë', 'Mateo', 'Inés'];
  const owner = ['Alex Example', 'https://www.linkedin.com/in/alex-example'];
  for (let i = 0; i < rows; i++) {
    const outgoing = i % 3 === 0;
    const first = pick(firsts);
    const them = [`${first} ${word(2).replace(/^./, (c) => c.toUpperCase())}${i}`, `https://www.linkedin.com/in/${first.toLowerCase()}-${word(2)}-${i}`];
    const d = new Date(Date.UTC(2021, 0, 1) + Math.floor(rnd() * 5 * 364 * 86_400_000));
    const h = d.getUTCHours();
    const sentAt = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${String(d.getUTCFullYear() % 100).padStart(2, '0')}, ${h % 12 === 0 ? 12 : h % 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
    let note = '';
    if (rnd() < noteShare) {
      const fill = (t: string) => t.replace(/\{n\}/g, outgoing ? first : 'Alex').replace(/\{t\}/g, () => word(3)).replace(/\{c\}/g, () => `${word(2).replace(/^./, (c) => c.toUpperCase())} Labs`).replace(/\{m\}/g, outgoing ? 'Alex' : first);
      // three different sentences in any order: few notes are one filled-in template
      const body: string[] = [];
      while (body.length < 3) {
        const sentence = pick(SENTENCES);
        if (!body.includes(sentence)) body.push(sentence);
      }
      note = [pick(GREETINGS), ...body, pick(CLOSINGS)].map(fill).filter(Boolean).join(' ') + fill(pick(SIGN_OFFS));
      if (note.length > 300) note = note.slice(0, note.lastIndexOf(' ', 300)); // LinkedIn's limit
    }
    const [from, to] = outgoing ? [owner, them] : [them, owner];
    await write(`${[from[0], to[0], sentAt, note, outgoing ? 'OUTGOING' : 'INCOMING', from[1], to[1]].map((v) => cell(v!)).join(',')}\n`);
  }
  out.end();
  await once(out, 'finish');
}
