/**
 * Classifier benchmark (prints numbers, asserts nothing): per-note rules in notes/s on one core,
 * template detection time for 10k and 100k synthetic notes, and ms to classify a 300 KB note.
 * Usage: tsx scripts/bench-classify.ts [--notes 200000]
 */
import { parseArgs } from 'node:util';
import { fireTextRules, type Fired } from '../functions/audit/classify/engine.ts';
import { findTemplates, type TemplateInput } from '../functions/audit/classify/templates.ts';
import { classifyInbox, classifyNote } from '../functions/audit/classify/index.ts';

const { values } = parseArgs({ options: { notes: { type: 'string', default: '200000' } } });
const N = Number(values.notes);

// deterministic pseudo-random generator
let seed = 42;
const rnd = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];

const NAMES = ['Ana', 'Ben', 'Chidi', 'Dana', 'Elif', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Luis'];
const OPEN = ['Hi {n},', 'Hello {n} -', 'Hey {n}!', 'Dear {n},', 'Hola {n},', 'Hallo {n},', 'Bonjour {n},', 'Olá {n},', ''];
const BODY = [
  'I read your article on {t} and the part about {t} stuck with me.',
  'we help {t} teams cut costs by {d}% with our platform. Quick demo {w}?',
  'could you like and comment on my latest post about {t}?',
  'I collect vintage {t} and my dog loves {t}. Anyway, hi.',
  'I am looking to expand my network with like-minded professionals.',
  'great meeting you at the {t} meetup on {w}. Would love to stay in touch.',
  'as a {t} leader you know {t} is hard. Our {t} tool fixes it for ${d}/mo.',
  'ofrecemos una consultoría gratuita de {t}. ¿Te interesa una breve llamada?',
  'ich habe Ihren Beitrag über {t} gelesen, sehr hilfreich.',
  'nous aidons les PME à optimiser leur {t}. Une démo {w} ?',
];
const TOPICS = ['logistics', 'payroll', 'cloud', 'pricing', 'hiring', 'e-commerce', 'solar', 'dental', 'SaaS', 'coffee', 'robots', 'data', 'wine', 'tax'];
const WHEN = ['Monday', 'next week', 'Thursday', 'tomorrow'];

function makeNote(i: number): TemplateInput & { text: string } {
  const body = pick(BODY)
    .replace(/\{t\}/g, () => pick(TOPICS))
    .replace(/\{w\}/g, () => pick(WHEN))
    .replace(/\{d\}/g, () => String(5 + Math.floor(rnd() * 90)));
  const text = `${pick(OPEN).replace('{n}', pick(NAMES))} ${body}`.trim();
  return { id: `n${i}`, text, sender: `sender-${Math.floor(rnd() * N)}`, senderCompany: rnd() < 0.1 ? pick(['Acme', 'Globex', 'Initech']) : undefined };
}

/** Wall time and CPU time (user+system) of fn, in ms: CPU time is the honest figure on a busy machine. */
function timed(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');
const fmt = (n: number, t: { wall: number; cpu: number }) => `${rate(n, t.wall)} notes/s wall, ${rate(n, t.cpu)} notes/s per CPU-second`;

/** classifyNote with a recipient profile on realistic notes (the hand-written test examples, longer and more varied than the synthetic ones). */
async function realistic(label: string, total: number): Promise<void> {
  // realistic notes: the hand-written test examples (longer, more varied wording than the synthetic ones)
  const { CASES, MORE_CASES } = await import('../test/helpers/classify-examples.ts');
  const real = [...CASES, ...MORE_CASES];
  const reps = Math.max(1, Math.round(total / real.length));
  const avg = real.reduce((s, c) => s + c.text.length, 0) / real.length;
  for (const c of real) classifyNote(c.text, { recipientProfile: c.to });
  // five rounds: on a shared machine the best round is the closest to one free core
  const rounds: number[] = [];
  const per = Math.max(1, Math.round(reps / 5));
  let all = { wall: 0, cpu: 0 };
  for (let r = 0; r < 5; r++) {
    const t = timed(() => {
      for (let k = 0; k < per; k++) for (const c of real) classifyNote(c.text, { recipientProfile: c.to });
    });
    all = { wall: all.wall + t.wall, cpu: all.cpu + t.cpu };
    rounds.push((per * real.length) / (t.cpu / 1000));
  }
  rounds.sort((a, b) => a - b);
  console.log(
    `classifyNote with profile (${label}) on ${real.length} hand-written notes x ${5 * per} (avg ${avg.toFixed(0)} chars): ${fmt(5 * per * real.length, all)}; ` +
      `per CPU-second by round: median ${Math.round(rounds[2]).toLocaleString('en-US')}, best ${Math.round(rounds[4]).toLocaleString('en-US')}`,
  );
}


const notes = Array.from({ length: N }, (_, i) => makeNote(i));
const avgLen = notes.reduce((s, n) => s + n.text.length, 0) / N;

// warm-up
for (let i = 0; i < 5000; i++) classifyNote(notes[i].text);

{
  const fired: Fired[] = [];
  const t = timed(() => {
    for (const n of notes) {
      fired.length = 0;
      fireTextRules(n.text, fired);
    }
  });
  console.log(`text rules only: ${fmt(N, t)} (${N} notes, avg ${avgLen.toFixed(0)} chars)`);
}
{
  const t = timed(() => {
    for (const n of notes) classifyNote(n.text);
  });
  console.log(`classifyNote (all per-note rules + scoring): ${fmt(N, t)}`);
}
{
  const t = timed(() => {
    for (const n of notes) classifyNote(n.text, { recipientProfile: 'Nurse manager | Hospitals and Health Care', recipientFirstName: 'Ana', sender: 'Ben Ode' });
  });
  console.log(`classifyNote with recipient profile + names: ${fmt(N, t)}`);
}
await realistic('warm, after the synthetic runs', N);
for (const size of [10_000, 100_000]) {
  const batch = notes.slice(0, Math.min(size, N));
  let clusters = new Map<string, { cluster: { id: string } }>();
  const t = timed(() => {
    clusters = findTemplates(batch);
  });
  const ids = new Set([...clusters.values()].map((c) => c.cluster.id));
  console.log(`template detection on ${batch.length.toLocaleString('en-US')} notes: ${t.wall.toFixed(0)} ms wall, ${t.cpu.toFixed(0)} ms CPU (${ids.size} template clusters, ${clusters.size} notes in them)`);
}
{
  const batch = notes.slice(0, Math.min(100_000, N));
  const t = timed(() => {
    classifyInbox(batch);
  });
  console.log(`classifyInbox ${batch.length.toLocaleString('en-US')} notes end to end: ${t.wall.toFixed(0)} ms wall, ${t.cpu.toFixed(0)} ms CPU (${fmt(batch.length, t)})`);
}
{
  // a 300 KB note (issue 13): the classifier reads its first 2,000 characters (classifiedText); the
  // uncapped figure is the domain's own steps on the whole text (every pattern is linear in it)
  const SIZE = 300_000;
  const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
  const shapes: [string, string][] = [
    ['one long word', 'a'.repeat(SIZE)],
    ['words with many spaces', fill(`word${' '.repeat(997)}`)],
    ['a repeated greeting', fill('Hi Sam, ')],
    ['a repeated URL', fill('https://example.com/a/b?c=d ')],
    ['repeated template sentences', fill('Hi Sam, we help clinics like yours cut costs by 30%. As a practice manager you know the pain. Quick call next week? ')],
  ];
  const { fireAll, decideStructure } = await import('../functions/audit/classify/engine.ts');
  const { withoutDefaults } = await import('../functions/audit/classify/defaults.ts');
  const ctx = { recipientProfile: 'Nurse manager | Hospitals and Health Care', recipientFirstName: 'Ana', sender: 'Ben Ode' };
  for (const [shape, text] of shapes) {
    const note = timed(() => classifyNote(text, ctx));
    const inbox = timed(() => classifyInbox([{ id: 'a', text, sender: 'Ben Ode' }, { id: 'b', text, sender: 'Cy Pham' }]));
    const whole = timed(() => {
      const body = withoutDefaults(text);
      decideStructure(body, ctx, undefined);
      fireAll(body, ctx);
    });
    console.log(
      `300 KB note (${shape}): classifyNote ${note.wall.toFixed(1)} ms, classifyInbox of two ${inbox.wall.toFixed(1)} ms; ` +
        `uncapped rules on all 300 KB ${whole.wall.toFixed(0)} ms`,
    );
  }
}
console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
const mem = process.memoryUsage();
console.log(`rss ${(mem.rss / 2 ** 20).toFixed(0)} MB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB`);
