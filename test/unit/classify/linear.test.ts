/**
 * Issue 13: the classifier's work is linear in a note's length, and bounded whatever it is handed.
 *
 * 1. Every regular expression of the classifier (functions/audit/classify: each literal in its
 *    sources, found with the TypeScript parser, and each one built at load time from word lists,
 *    caught as the modules load) runs on long adversarial texts: runs of one character, repeated
 *    words, the shapes that make `\s*…\s*`, `[…]+$` or `\S+@\S+\.\S+` backtrack. They run in a
 *    worker with a deadline per pattern, so a catastrophic pattern fails the test (naming itself)
 *    instead of hanging it. No speed is asserted: a linear pattern takes milliseconds (at most about
 *    0.1 s) on these 200,000-character texts, a quadratic one some 4·10^10 steps (20 s and more),
 *    an exponential one forever; the deadline (3 s) sits far from both.
 * 2. A 300 KB note (several shapes) goes through the public entry points and through the domain
 *    functions without the 2,000-character cap, each case with a deadline of a few seconds.
 * 3. The cap: the public entry points read a note's first 2,000 characters only (the same
 *    verdicts and reasons as for those 2,000 characters alone).
 * 4. Template detection compares two notes in linear time, with the same answer as before.
 * Figures (ms to classify a 300 KB note) are printed by `npm run bench`, never asserted here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import ts from 'typescript';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectionRequest } from '../../../functions/audit/model.ts';

const ROOT = join(import.meta.dirname, '../../..');
const CLASSIFY = join(ROOT, 'functions/audit/classify');

interface Pattern {
  where: string;
  source: string;
  flags: string;
}

/** Every regex literal in the classifier's sources, with its file and line. */
function literalPatterns(dir: string): Pattern[] {
  const out: Pattern[] = [];
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : /\.tsx?$/.test(f) ? [join(d, f)] : []));
  for (const file of walk(dir)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node) => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const t = n.getText(sf);
        const end = t.lastIndexOf('/');
        const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
        out.push({ where: `${file.slice(ROOT.length + 1)}:${line}`, source: t.slice(1, end), flags: t.slice(end + 1) });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

/** The regexes the classifier builds while its modules load (from word lists: rules, niches, greetings...). */
async function builtPatterns(): Promise<Pattern[]> {
  const out: Pattern[] = [];
  const Original = globalThis.RegExp;
  globalThis.RegExp = new Proxy(Original, {
    construct(target, args, newTarget) {
      const re = Reflect.construct(target, args, newTarget) as RegExp;
      const site = new Error().stack?.split('\n').find((l) => l.includes('/functions/audit/classify/'));
      if (site) out.push({ where: `built at ${/functions\/audit\/classify\/[^):]+:\d+/.exec(site)?.[0] ?? site.trim()}`, source: re.source, flags: re.flags });
      return re;
    },
  });
  try {
    vi.resetModules();
    await import('../../../functions/audit/classify/index.ts');
    // and those they build on first use (gate.ts sourceOf): every one of them, as if built now
    const { LAZY_PATTERNS } = await import('../../../functions/audit/classify/gate.ts');
    for (const p of LAZY_PATTERNS) out.push({ where: 'built on first use (gate.ts LAZY_PATTERNS)', source: p.source, flags: p.flags });
  } finally {
    globalThis.RegExp = Original;
  }
  return out;
}

/** Long adversarial texts (about 200,000 characters each): what makes a backtracking pattern super-linear. */
const N = 200_000;
const pump = (unit: string, prefix = '', suffix = '') => prefix + unit.repeat(Math.ceil(N / unit.length)) + suffix;
const ADVERSARIAL: string[] = [
  pump('a', '', '!'),
  pump('a'),
  pump('A', '', '\u0000'),
  pump(' ', 'x', '\u0000'),
  pump(' ', 'thanks', 'x y z w!'),
  pump(' ', 'in', 'x'),
  pump(' ', '[Recipient'),
  pump(' ', '{{a'),
  pump('\t', '', '\u0000\t'),
  pump('\n', 'in', '\u0000'),
  pump('\n', 'x'),
  pump('0', 'x', '\u0000'),
  pump('0,', '', 'x'),
  pump('1.', '', '\u0000'),
  pump('.', 'x', 'x'),
  pump(',', '', '\u0000'),
  pump('!', '', '\u0000!'),
  pump("'", '\u0000', "'\u0000"),
  pump('-', '', '\u0000'),
  pump('a-', '', '\u0000'),
  pump('@', 'x', '\u0000'),
  pump('a@', '', '\u0000'),
  pump('/', '', '\u0000'),
  pump('é'),
  pump('😀'),
  pump('a '),
  pump('ab  '),
  pump('Ab, '),
  pump('a, '),
  pump('. '),
  pump('Hi Sam, '),
  pump('thanks '),
  pump('your '),
  pump('saw your '),
  pump('as a '),
  pump('for '),
  pump('we help '),
  pump('can you '),
  pump('https://x.io/a '),
  pump('I read your post on pricing. '),
  pump('Hi Sam, we help clinics cut costs. Quick call? '),
  // the role rules (role.ts): capitalised names before a verb, staffing and hiring phrases
  pump('Abc '),
  pump('Abc Def Ghi '),
  pump('Keystone Keystone helps '),
  pump('we at '),
  pump('hiring a senior '),
  pump('we place our '),
  pump('nos saisonniers '),
  pump('$1/h '),
];

/**
 * Runs every pattern on every adversarial text in a worker; resolves with the first pattern that
 * misses the deadline (the worker is then stopped), or null. Each pattern runs as it is used: once,
 * or through all its matches when it is global.
 */
function sweep(patterns: readonly Pattern[], texts: readonly string[], deadlineMs: number): Promise<{ pattern: Pattern; text: string } | null> {
  const code = `
    const { parentPort } = require('node:worker_threads');
    let texts = [];
    parentPort.on('message', (m) => {
      if (m.texts) { texts = m.texts; return; }
      const re = new RegExp(m.source, m.flags);
      for (let t = 0; t < texts.length; t++) {
        parentPort.postMessage({ i: m.i, text: t });
        const s = texts[t];
        if (re.global || re.sticky) {
          re.lastIndex = 0;
          let x;
          while ((x = re.exec(s))) if (x[0].length === 0) re.lastIndex++;
        } else re.exec(s);
      }
      parentPort.postMessage({ i: m.i, done: true });
    });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true });
    worker.postMessage({ texts });
    let i = -1;
    let text = 0;
    let timer: NodeJS.Timeout | undefined;
    const next = () => {
      clearTimeout(timer);
      if (++i >= patterns.length) {
        void worker.terminate();
        resolve(null);
        return;
      }
      timer = setTimeout(() => {
        void worker.terminate();
        resolve({ pattern: patterns[i], text: texts[text] });
      }, deadlineMs);
      worker.postMessage({ i, source: patterns[i].source, flags: patterns[i].flags });
    };
    worker.on('message', (m: { i: number; text?: number; done?: boolean }) => {
      if (m.i !== i) return;
      if (m.done) next();
      else text = m.text!;
    });
    worker.on('error', reject);
    next();
  });
}

describe('every regex of the classifier is linear in the note', () => {
  let patterns: Pattern[] = [];
  beforeAll(async () => {
    const all = [...literalPatterns(CLASSIFY), ...(await builtPatterns())];
    const seen = new Set<string>();
    // one run per pattern: its global form when it has one (all its matches: a superset of one match)
    const byKey = new Map<string, Pattern>();
    for (const p of all) {
      const key = `/${p.source}/${p.flags.replace('g', '')}`;
      const had = byKey.get(key);
      if (!had || (!had.flags.includes('g') && p.flags.includes('g'))) byKey.set(key, had ? { ...had, flags: p.flags } : p);
    }
    patterns = [...byKey.values()];
  });

  it('finds them all: the literals, the rules and their alternatives, the niches, the greetings', async () => {
    const where = patterns.map((p) => p.where).join('\n');
    expect(patterns.length).toBeGreaterThan(500);
    for (const file of ['engine.ts', 'structure.ts', 'templates.ts', 'text.ts', 'defaults.ts', 'relevance.ts', 'words.ts']) expect(where).toContain(`classify/${file}:`);
    for (const built of ['relevance.ts', 'text.ts', 'structure.ts', 'templates.ts']) expect(where).toContain(`built at functions/audit/classify/${built}`);
    // the rules run one alternative at a time (engine.ts builds them): each is a pattern of its own;
    // a whole rule's regex is built on its first read (gate.ts lazyRule), and swept as well
    const { TEXT_RULES } = await import('../../../functions/audit/classify/rules.ts');
    const { ROLE_RULES } = await import('../../../functions/audit/classify/role.ts');
    const { alternatives } = await import('../../../functions/audit/classify/gate.ts');
    const sources = new Set(patterns.map((p) => p.source));
    for (const rule of TEXT_RULES) {
      expect(sources.has(rule.source)).toBe(true);
      for (const a of alternatives(rule.source)) expect(sources.has(a)).toBe(true);
    }
    for (const rule of ROLE_RULES) expect(sources.has(rule.source)).toBe(true);
  });

  // a deadline per pattern (every adversarial text together), not a speed: see the file's header
  it('each pattern gets through the adversarial 200,000-character texts within its deadline', { timeout: 240_000 }, async () => {
    const stuck = await sweep(patterns, ADVERSARIAL, 3_000);
    const what = stuck && `${stuck.pattern.where}: /${stuck.pattern.source.slice(0, 200)}/${stuck.pattern.flags} on ${JSON.stringify(stuck.text.slice(0, 40))}…`;
    expect(what).toBeNull();
  });

  it('the sweep does catch a catastrophic or a quadratic pattern', { timeout: 30_000 }, async () => {
    // what this file's fixes removed: exponential, cubic, and quadratic (the mildest: about 20 s on
    // one of these texts, where a linear pattern takes milliseconds)
    const bad = [
      { where: 'nested quantifiers', source: '^(a+)+$', flags: '' },
      { where: 'e-mail', source: '\\S+@\\S+\\.\\S+', flags: 'g' },
      { where: 'spaces around an optional dot', source: '\\b(?:at|in)\\s*[.!]?\\s*$', flags: 'i' },
      { where: 'a trailing run', source: '[,!.:;]+$', flags: '' },
      { where: 'a long number', source: '\\b\\d[\\d,.]* followers\\b', flags: '' },
    ];
    const caught = await Promise.all(bad.map((p) => sweep([p], ADVERSARIAL, 3_000)));
    expect(caught.map((c) => c?.pattern.where)).toEqual(bad.map((p) => p.where));
  });
});

/** Notes of about 300 KB, in the shapes that used to cost the most. */
const SIZE = 300_000;
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
const HUGE: Record<string, string> = {
  'one long word': 'a'.repeat(SIZE),
  'words with many spaces': fill(`word${' '.repeat(997)}`),
  'a repeated greeting': fill('Hi Sam, '),
  'a repeated URL': fill('https://example.com/a/b?c=d '),
  'repeated template sentences': fill('Hi Sam, we help clinics like yours cut costs by 30%. As a practice manager you know the pain. Quick call next week? '),
  'a repeated sign-off': fill('Thanks   Sam Lee .'),
  'repeated default lines': fill("I'd like to add you to my professional network on LinkedIn\n"),
  emoji: fill('😀'),
  punctuation: fill('a.b,c!d?e;f:g-h ... '),
  placeholders: fill('{{first_name}} [Company] %NAME% <<Title>> '),
  'a long number': fill('1,000,000.00'),
  'a hyphen run': fill('a-'),
  'e-mail-like tokens': fill('a@b@c@d.'),
  'only spaces': ' '.repeat(SIZE),
};
const PROFILE = 'Nurse manager | Hospitals and Health Care';

describe('a 300 KB note', () => {
  // dynamic imports: the module graph above was reloaded to catch the regexes it builds
  const load = async () => ({
    ...(await import('../../../functions/audit/classify/index.ts')),
    ...(await import('../../../functions/audit/classify/engine.ts')),
    ...(await import('../../../functions/audit/classify/defaults.ts')),
    ...(await import('../../../functions/audit/classify/templates.ts')),
    ...(await import('../../../functions/audit/classify/relevance.ts')),
  });

  // deadlines, not speeds: these take milliseconds (the cap) or a few hundred (uncapped, below);
  // a super-linear pattern on 300,000 characters takes minutes
  for (const [shape, text] of Object.entries(HUGE)) {
    it(`${shape}: the public entry points read its first 2,000 characters only`, { timeout: 5_000 }, async () => {
      const { classifyNote, classifyInbox, classifyRequests, classifiedText, CLASSIFIED_CHARS } = await load();
      const head = classifiedText(text);
      expect([...head].length).toBe(Math.min(CLASSIFIED_CHARS, [...text].length));
      expect(text.startsWith(head)).toBe(true);
      const ctx = { recipientProfile: PROFILE, recipientFirstName: 'Ana', sender: 'Ben Ode' };
      expect(classifyNote(text, ctx)).toEqual(classifyNote(head, ctx));

      const inbox = (t: string) => [
        { id: '1', text: t, sender: 'Ben Ode' },
        { id: '2', text: t, sender: 'Cy Pham' },
        { id: '3', text: `${t} and more`, sender: 'Di Rao' },
      ];
      expect(classifyInbox(inbox(text))).toEqual(classifyInbox(inbox(head)));

      const owner = { name: 'Ana Li', profileUrl: null };
      const request = (message: string, n: number): ConnectionRequest => ({
        id: `r${n}`,
        owner,
        direction: 'INCOMING',
        counterpart: { name: `Sender ${n}`, profileUrl: null, key: `in:s${n}` },
        sentAt: '2026-03-01T10:00:00.000Z',
        year: 2026,
        message,
        outcome: 'unknown',
        source: { file: 'Invitations.csv', row: n + 1 },
      });
      const context = { profile: null, connections: null };
      const got = classifyRequests([request(text, 1), request(text, 2)], context);
      const want = classifyRequests([request(head, 1), request(head, 2)], context);
      // the same verdicts and reasons; each request keeps its own whole message
      expect(got.map(({ message: _m, ...r }) => r)).toEqual(want.map(({ message: _m, ...r }) => r));
      expect(got[0].message).toBe(text);
    });

    it(`${shape}: the classifier's steps get through it whole (no cap) within a deadline`, { timeout: 10_000 }, async () => {
      const { fireAll, decideStructure, noMessage, withoutDefaults, findTemplates, relevance, profileText } = await load();
      const ctx = { recipientProfile: PROFILE, recipientFirstName: 'Ana', recipientName: 'Ana Li', sender: 'Ben Ode' };
      noMessage(text);
      const body = withoutDefaults(text);
      decideStructure(body, ctx, undefined);
      expect(fireAll(body, ctx).length).toBeGreaterThan(0);
      relevance(body, profileText(PROFILE));
      findTemplates([
        { id: '1', text, sender: 'a' },
        { id: '2', text: `${text} x`, sender: 'b' },
        { id: '3', text: `y ${text}`, sender: 'c' },
      ]);
    });
  }
});

/** sameTemplate as it was written first: every start of a common run tried (cubic on a repeated word). */
function sameTemplateEveryStart(a: readonly string[], b: readonly string[]): boolean {
  const F = 4;
  const longer = Math.max(a.length, b.length);
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const ma = a.slice(p, a.length - s);
  const mb = b.slice(p, b.length - s);
  const common = p + s;
  if (ma.length <= F && mb.length <= F) return common >= 6 && common >= 0.7 * longer;
  let best = { len: 0, i: 0, j: 0 };
  for (let i = 0; i < ma.length; i++) {
    for (let j = 0; j < mb.length; j++) {
      let k = 0;
      while (i + k < ma.length && j + k < mb.length && ma[i + k] === mb[j + k]) k++;
      if (k > best.len) best = { len: k, i, j };
    }
  }
  if (best.len < 3) return false;
  const leftOk = best.i <= F && best.j <= F;
  const rightOk = ma.length - best.i - best.len <= F && mb.length - best.j - best.len <= F;
  return leftOk && rightOk && common + best.len >= 0.7 * longer;
}

describe('templates: near copies are found in linear time', () => {
  it('tries only the runs that can decide, with the same answer as trying every start', async () => {
    const { sameTemplate } = await import('../../../functions/audit/classify/templates.ts');
    // few distinct words: long common runs, repeats, near misses at every offset
    const words = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 0, maxLength: 40 });
    fc.assert(
      fc.property(words, words, (a, b) => sameTemplate(a, b) === sameTemplateEveryStart(a, b)),
      { numRuns: 20_000 },
    );
    const shared = fc.array(fc.constantFrom('x', 'y', 'z'), { minLength: 6, maxLength: 30 });
    const edge = fc.array(fc.constantFrom('p', 'q', 'x'), { maxLength: 10 });
    fc.assert(
      fc.property(edge, shared, edge, edge, edge, (l1, mid, r1, l2, r2) => {
        const a = [...l1, ...mid, ...r1];
        const b = [...l2, ...mid, ...r2];
        return sameTemplate(a, b) === sameTemplateEveryStart(a, b);
      }),
      { numRuns: 20_000 },
    );
  });
});
