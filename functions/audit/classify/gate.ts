/**
 * A cheap prefilter for the text rules. From each rule's regex source we derive, once, a set of
 * "gate" words: word prefixes of which at least one must start a word of the note for the regex to
 * possibly match (e.g. `\bwe (?:help|offer)\b|\bour clients\b` needs a word starting with "we" or
 * "our"). One pass over the note walks a trie of all gates and enables only the rules whose gate
 * occurs; the others are skipped without running their regex. A rule whose source yields no safe
 * gate (an alternative made only of classes or optional parts) is always run.
 *
 * The derivation is conservative: a gate is only taken from literal text that every match of the
 * alternative must contain, starting at a word start (after `\b`, `^`, whitespace or a non-word
 * literal). Word characters here are [a-z0-9]: the note is folded to lower case first.
 *
 * Deriving the gates of every rule takes ~100 ms at start-up (1,500 alternatives, before the JIT
 * warms up), so it is done ahead: `npm run fit` writes what every gate built in its process derived
 * (fitted/gates.json, derivedGates), and the gates built at run time read it (keyed by a hash of
 * each regex source). A source missing from the file (a rule changed since the last fit) is derived
 * as before: the file only saves time, it never changes a gate.
 */
import { readFileSync } from 'node:fs';
import { compiled } from './compiled.ts';

const isWordCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
const isWordChar = (ch: string) => ch.length === 1 && isWordCode(ch.charCodeAt(0));

interface Quant {
  min: number;
  max: number;
  end: number;
}

function readQuant(src: string, i: number): Quant {
  const ch = src[i];
  let q: Quant | null = null;
  if (ch === '?') q = { min: 0, max: 1, end: i + 1 };
  else if (ch === '*') q = { min: 0, max: Infinity, end: i + 1 };
  else if (ch === '+') q = { min: 1, max: Infinity, end: i + 1 };
  else if (ch === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
    if (m) q = { min: Number(m[1]), max: m[2] ? (m[3] ? Number(m[3]) : Infinity) : Number(m[1]), end: i + m[0].length };
  }
  if (!q) return { min: 1, max: 1, end: i };
  if (src[q.end] === '?' || src[q.end] === '+') q.end++; // lazy / possessive marker
  return q;
}

/** End index (exclusive) of a character class starting at `i` (src[i] === '['). */
function classEnd(src: string, i: number): number {
  let j = i + 1;
  if (src[j] === '^') j++;
  if (src[j] === ']') j++;
  while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** Index of the ')' closing the group opened at `i`. */
function groupEnd(src: string, i: number): number {
  let depth = 0;
  for (let j = i; j < src.length; j++) {
    const ch = src[j];
    if (ch === '\\') j++;
    else if (ch === '[') j = classEnd(src, j) - 1;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return j;
  }
  return src.length;
}

/**
 * What `new RegExp(src, flags).source` is, without building the regex (a parse V8 does on
 * construction): the text itself, unless it holds what V8 escapes in `source` (a '/', a line
 * break) or is empty; those few are built to read it.
 */
export function sourceOf(src: string, flags: string): string {
  const source = src === '' || /[/\n\r\u2028\u2029]/.test(src) ? new RegExp(src, flags).source : src;
  LAZY_PATTERNS.push({ source, flags });
  return source;
}
/** Every regex a module will build on first use (sourceOf, lazyPattern): linear.test.ts sweeps them as it sweeps those built at load. */
export const LAZY_PATTERNS: { source: string; flags: string }[] = [];
/** Records a regex built on first use with other flags than its sourceOf (e.g. a global copy). */
export const lazyPattern = (source: string, flags: string) => void LAZY_PATTERNS.push({ source, flags });

/**
 * A rule whose whole regex is built on its first read of `re`, with `source` and `flags` (what
 * `re.source` and `re.flags` are) known without building it. The text and role rules are read
 * at load only for their sources (split into alternatives that run apart, gate.ts); a whole rule's
 * regex runs rarely (many of its alternatives enabled at once, or a test), and V8 parses a regex's
 * source when it is built: building the ~90 rules (130,000 characters) was ~4% of `aoi check`.
 */
export function lazyRule<T extends object>(rule: T, src: string, flags: string): T & { readonly re: RegExp; readonly source: string; readonly flags: string } {
  let re: RegExp | undefined;
  return Object.defineProperties(rule, {
    source: { value: sourceOf(src, flags), enumerable: true },
    flags: { value: flags, enumerable: true },
    re: { get: () => (re ??= compiled(new RegExp(src, flags))), enumerable: true },
  }) as T & { readonly re: RegExp; readonly source: string; readonly flags: string };
}

/** A run of characters that mean nothing to `alternatives` (skipped in one step: the rules are long, mostly words). */
const PLAIN_RUN = /[^\\[()|]+/y;

/** Splits a regex source at its top-level '|'. */
export function alternatives(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let last = 0;
  for (let j = 0; j < src.length; j++) {
    PLAIN_RUN.lastIndex = j;
    if (PLAIN_RUN.test(src)) {
      j = PLAIN_RUN.lastIndex;
      if (j >= src.length) break;
    }
    const ch = src[j];
    if (ch === '\\') j++;
    else if (ch === '[') j = classEnd(src, j) - 1;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      out.push(src.slice(last, j));
      last = j + 1;
    }
  }
  out.push(src.slice(last));
  return out;
}

/**
 * One alternative of the shape `\b(?:A|B|…)\b` (the trailing `\b` optional) split at its group's
 * top-level '|': `\b(?:A)\b`, `\b(?:B)\b`, …; any other shape as it is. A note matches the
 * alternative where one of the parts matches, and at one position the earlier part first (the
 * `\b` before the group has one way to match): each part runs behind its own gate words, and a
 * short part compiles in a fraction of the whole's time.
 */
export function distributed(src: string): string[] {
  if (!src.startsWith('\\b(?:')) return [src];
  const close = groupEnd(src, 2);
  const after = src.slice(close + 1);
  if (after !== '' && after !== '\\b') return [src];
  const parts = alternatives(src.slice(5, close));
  return parts.length < 2 ? [src] : parts.map((a) => `\\b(?:${a})${after}`);
}

/**
 * Gates of an alternation: the union of its alternatives' gates, or null if one has none. A gate
 * ending in '$' is a whole word (the pattern puts a word end right after it); others are prefixes.
 * `endsAtBoundary`: what follows the alternation is a word end (so its last words are whole).
 */
export function gatesOf(src: string, atBoundary = false, endsAtBoundary = false): string[] | null {
  return gateInfo(src, atBoundary, endsAtBoundary)?.gates ?? null;
}

/**
 * The gates, and whether they are leading: every match starts exactly where a gate word starts
 * (nothing consumed before the gate), so the regex can be tried only at those positions.
 */
export function gateInfo(src: string, atBoundary = false, endsAtBoundary = false): { gates: string[]; leading: boolean } | null {
  const all = new Set<string>();
  let leading = true;
  for (const alt of alternatives(src)) {
    const g = sequenceGates(alt, atBoundary, endsAtBoundary);
    if (!g) return null;
    for (const x of g.gates) all.add(x);
    leading &&= g.leading;
  }
  return { gates: [...all], leading };
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
/** Words so common that a gate on them barely filters: another word of the same pattern is preferred. */
const COMMON = new Set(
  ('a an the i me my we our you your to in on at of for with and or is are be it this that do not no ' +
    'de la le el en y que un una mi tu su se es lo los las del al ' +
    'der die das und ich sie wir du ein eine mit zu ist nicht ' +
    'je vous nous tu les des et un une mon ma votre pour sur est pas ' +
    'eu voce o os as um uma meu minha seu sua e em no na com para nao ' +
    'hi hello hey hola hallo bonjour ola oi would could can have has will just all so if but from by as con').split(' '),
);
const gateWeight = (g: string) => {
  const whole = g.endsWith('$');
  const w = whole ? g.slice(0, -1) : g;
  return w.length + (whole ? 2 : 0) - (COMMON.has(w) ? 4 : 0);
};
function score(g: readonly string[]): number {
  let min = Infinity;
  for (const x of g) {
    const w = gateWeight(x);
    if (w < min) min = w;
  }
  return min - g.length * 0.001;
}

/**
 * Every gate group of one alternative (each group: words of which one must start a word of the
 * note), best first; all of them are required at once, so a note must pass every group (an AND
 * of ORs), or null when the alternative has no gate. `leading` is true for the first group when
 * every match starts at one of its words.
 */
export function gateGroups(src: string): { groups: string[][]; leading: boolean } | null {
  const all: string[][] = [];
  const g = sequenceGates(src, false, false, all);
  if (!g) return null;
  const key = (x: readonly string[]) => [...x].sort().join('|');
  const seen = new Set([key(g.gates)]);
  const groups = [g.gates];
  // each group scored once (a stable sort on the scores, as sorting with score() in the comparator)
  const scored = all.map((x) => ({ x, s: score(x) }));
  scored.sort((a, b) => b.s - a.s);
  for (const { x } of scored) {
    const k = key(x);
    if (seen.has(k)) continue;
    seen.add(k);
    groups.push(x);
  }
  return { groups, leading: g.leading };
}

function sequenceGates(src: string, startBoundary: boolean, endsAtBoundary: boolean, all?: string[][]): { gates: string[]; leading: boolean } | null {
  let best: string[] | null = null;
  let bestScore = -Infinity;
  let bestLeading = false;
  const offer = (g: string[] | null, leading: boolean) => {
    if (!g || !g.length) return;
    if (all) all.push(g);
    const sg = score(g);
    if (!best || sg > bestScore) {
      best = g;
      bestScore = sg;
      bestLeading = leading;
    }
  };
  let atBoundary = startBoundary;
  // nothing consumed yet: a gate found now starts the match
  let fresh = true;
  // the current literal run: words starting at a known word start are gates
  let word = '';
  let wordAtStart = false;
  let wordLeading = false;
  const endWord = (whole = false) => {
    if (word && wordAtStart) offer([whole ? `${word}$` : word], wordLeading);
    word = '';
    wordAtStart = false;
  };
  const literal = (ch: string, q: Quant) => {
    if (q.min === 0) {
      endWord();
      atBoundary = false;
      fresh = false;
      return;
    }
    if (isWordChar(ch)) {
      if (!word) {
        wordAtStart = atBoundary;
        wordLeading = fresh;
      }
      fresh = false;
      word += ch;
      atBoundary = false;
      if (q.max > 1) endWord();
    } else {
      endWord(true);
      atBoundary = true;
      fresh = false;
    }
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\') {
      const e = src[i + 1];
      let j = i + 2;
      if ((e === 'p' || e === 'P') && src[j] === '{') j = src.indexOf('}', j) + 1;
      else if (e === 'u' && src[j] === '{') j = src.indexOf('}', j) + 1;
      else if (e === 'u') j += 4;
      else if (e === 'x') j += 2;
      const q = readQuant(src, j);
      if (e === 'b') {
        endWord(true);
        atBoundary = true;
      } else if (e === 'B') {
        endWord();
        atBoundary = false;
      } else if (e === 's') {
        endWord(q.min >= 1);
        if (q.min >= 1) atBoundary = true;
        fresh = false;
      } else if (e === 'd' && q.min >= 1) {
        // a digit at a word start: the word starts with one of 0-9
        if (atBoundary) offer(DIGITS, fresh);
        endWord();
        atBoundary = false;
        fresh = false;
      } else if (/[dDwWSpPux]/.test(e)) {
        endWord();
        atBoundary = false;
        fresh = false;
      } else {
        literal(e, q);
      }
      i = q.end;
    } else if (ch === '[') {
      const end = classEnd(src, i);
      const body = src.slice(i + 1, end - 1);
      const q = readQuant(src, end);
      // a class of one letter written twice (accents folded: [eé] became [ee]) is that letter
      const single = /^[a-z0-9]+$/.test(body) && new Set(body).size === 1;
      if (single) {
        literal(body[0], q);
        i = q.end;
        continue;
      }
      // a class of only non-word characters (e.g. [\s,]) ends a word and puts the next character at a word start
      // (an escape, \s included, is a backslash and any character: one way to read the body, no backtracking)
      const nonWord = q.min >= 1 && !body.startsWith('^') && /^(?:\\.|[^a-zA-Z0-9\\])+$/.test(body);
      endWord(nonWord);
      atBoundary = nonWord;
      fresh = false;
      i = q.end;
    } else if (ch === '(') {
      const end = groupEnd(src, i);
      const q = readQuant(src, end + 1);
      const look = /^\(\?(?:=|!|<=|<!)/.test(src.slice(i, i + 4));
      endWord();
      if (look) {
        // zero-width: no gates, boundary unchanged
      } else {
        const inner = src.slice(i + (src[i + 1] === '?' ? (src[i + 2] === '<' ? src.indexOf('>', i) + 1 - i : 3) : 1), end);
        if (q.min >= 1) {
          const next = src.slice(q.end, q.end + 3);
          const endsWord = q.max === 1 && (next.startsWith('\\b') || next.startsWith(' ') || /^\\[^a-zA-Z0-9]/.test(next) || /^\\s(?![?*]|\{0)/.test(next) || (q.end >= src.length && endsAtBoundary));
          const g = gateInfo(inner, atBoundary, endsWord);
          if (g) offer(g.gates, fresh && g.leading);
          atBoundary = false;
        } else {
          // an optional group that always ends with a space keeps a word start a word start
          atBoundary = atBoundary && alternatives(inner).every((a) => / $|\\s[+]?$/.test(a));
        }
        fresh = false;
      }
      i = q.end;
    } else if (ch === '^') {
      endWord();
      atBoundary = true;
      i++;
    } else if (ch === '$' || ch === '.') {
      const q = readQuant(src, i + 1);
      endWord();
      atBoundary = false;
      if (ch === '.') fresh = false;
      i = q.end;
    } else {
      const q = readQuant(src, i + 1);
      literal(ch, q);
      i = q.end;
    }
  }
  endWord(endsAtBoundary);
  return best ? { gates: best, leading: bestLeading } : null;
}

/** The prefilter over a list of regexes: which of them can possibly match a (folded) note. */
/** Where the derivations made ahead are, relative to this module (and to the bundle it ends up in). */
export const GATES_FILE = 'fitted/gates.json';
/** Gate groups kept per source in the file: AndGate uses at most this many (maxGroups). */
const AHEAD_GROUPS = 4;

interface Derived {
  /** gateGroups(src), its groups cut to AHEAD_GROUPS. */
  groups: { groups: string[][]; leading: boolean } | null;
  /** gatesOf(src). */
  gates: string[] | null;
  /** requiredLiteral(src). */
  literal: string;
}
/** What gate.ts derives from each source, per source key: [leading (0/1), groups as word indices (or 0), gates as word indices (or 0), literal]. */
interface GatesFile {
  words: string[];
  sources: Record<string, [number, number[][] | 0, number[] | 0, string]>;
}

/**
 * fitted/gates.json as written (encodeGates): the gate words joined by spaces (a word is [a-z0-9]
 * with at most a final '$'), the source keys joined by spaces, per source its literal and where its
 * entry starts in `data`, and one array of integers holding the entries: leading (0/1); the groups
 * (-1: none; else their count, then per group its length and word indices); the gates (-1: none;
 * else their count, then the word indices). Flat on purpose: read at every start, it parses in a
 * fifth of the work of one object per source (1,700 keys, each with its small arrays), and a
 * source's words are read straight from `data` when a gate asks for them.
 */
interface GatesText {
  version: 2;
  words: string;
  keys: string;
  literals: string[];
  from: number[];
  data: number[];
}

/** The text of fitted/gates.json for what the gates derived (derivedGates). */
export function encodeGates(g: GatesFile): string {
  const keys = Object.keys(g.sources);
  const from: number[] = [];
  const data: number[] = [];
  for (const k of keys) {
    const [leading, groups, gates] = g.sources[k];
    from.push(data.length);
    data.push(leading);
    if (groups === 0) data.push(-1);
    else {
      data.push(groups.length);
      for (const group of groups) data.push(group.length, ...group);
    }
    if (gates === 0) data.push(-1);
    else data.push(gates.length, ...gates);
  }
  for (const w of g.words) if (!/^[a-z0-9]+\$?$/.test(w)) throw new Error(`gates.json: the gate word ${JSON.stringify(w)} cannot be joined by spaces`);
  const field = (name: keyof GatesText, v: unknown) => `${JSON.stringify(name)}:${JSON.stringify(v)}`;
  const fields = [field('version', 2), field('words', g.words.join(' ')), field('keys', keys.join(' ')), field('literals', keys.map((k) => g.sources[k][3])), field('from', from), field('data', data)];
  return `{${fields.join(',\n')}}\n`;
}

/** fitted/gates.json read: per source key, its number (where its entry starts and its literal are at that number). */
interface GatesTable {
  words: string[];
  index: Map<string, number>;
  from: number[];
  literals: string[];
  data: number[];
}

function readGates(text: string): GatesTable {
  const f = JSON.parse(text) as GatesText;
  if (f.version !== 2) throw new Error('gates.json: not version 2');
  const words = f.words === '' ? [] : f.words.split(' ');
  const keys = f.keys === '' ? [] : f.keys.split(' ');
  if (f.literals.length !== keys.length || f.from.length !== keys.length) throw new Error('gates.json: malformed');
  const index = new Map<string, number>();
  for (let k = 0; k < keys.length; k++) index.set(keys[k], k);
  return { words, index, from: f.from, literals: f.literals, data: f.data };
}

/** Source `k`'s words from `at` in `data` (a count, then the word indices); null for a count of -1. */
function wordsAt(t: GatesTable, at: number): string[] | null {
  const n = t.data[at];
  if (n < 0) return null;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = t.words[t.data[at + 1 + i]];
  return out;
}
/** Where source `k`'s gates start in `data` (after its leading flag and groups). */
function gatesFrom(t: GatesTable, k: number): number {
  let at = t.from[k] + 1;
  const groups = t.data[at++];
  for (let g = 0; g < groups; g++) at += 1 + t.data[at];
  return at;
}
/** Source `k`'s groups (gateGroups, cut to AHEAD_GROUPS), or null. */
function groupsAt(t: GatesTable, k: number): { groups: string[][]; leading: boolean } | null {
  const at = t.from[k];
  const n = t.data[at + 1];
  if (n < 0) return null;
  const groups: string[][] = [];
  for (let g = 0, i = at + 2; g < n; g++, i += 1 + t.data[i]) groups.push(wordsAt(t, i)!);
  return { groups, leading: t.data[at] === 1 };
}

/** The text of fitted/gates.json read back whole (as derivedGates gives it). */
export function decodeGates(text: string): GatesFile {
  const t = readGates(text);
  const number = new Map(t.words.map((w, i) => [w, i]));
  const ix = (ws: string[] | null) => (ws === null ? 0 : ws.map((w) => number.get(w)!));
  const sources: GatesFile['sources'] = {};
  for (const [key, k] of t.index) {
    const groups = groupsAt(t, k);
    sources[key] = [t.data[t.from[k]], groups === null ? 0 : groups.groups.map((g) => ix(g) as number[]), ix(wordsAt(t, gatesFrom(t, k))), t.literals[k]];
  }
  return { words: t.words, sources };
}

/**
 * A source's key in the file: two independent 32-bit FNV-1a-style hashes of its UTF-16 code units
 * (64 bits; about 1,700 sources, so a collision is a 1 in 10^13 chance). Plain JavaScript: a
 * cryptographic hash would load node:crypto at start-up for nothing.
 */
function keyOf(src: string): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  return (a >>> 0).toString(36) + '.' + ((b ^ (b >>> 16)) >>> 0).toString(36);
}
/**
 * Every regex source a gate was built from in this process (what `npm run fit` writes down), with
 * its number in the file (-1: not in it): a source looked up again (its gates, then its literal)
 * is not hashed again.
 */
const seen = new Map<string, number>();
/** The file, read on the first gate built (null: no file beside this code). */
let ahead: GatesTable | null | undefined;

function aheadOf(src: string): number {
  let k = seen.get(src);
  if (k === undefined) seen.set(src, (k = lookAhead(src)));
  return k;
}

function lookAhead(src: string): number {
  if (ahead === undefined) {
    ahead = null;
    try {
      ahead = readGates(readFileSync(new URL(`./${GATES_FILE}`, import.meta.url), 'utf8'));
    } catch {
      // no file beside this code (a bundle without it): every gate is derived here
    }
  }
  return ahead?.index.get(keyOf(src)) ?? -1;
}

function groupsAhead(src: string, maxGroups: number): { groups: string[][]; leading: boolean } | null {
  const k = maxGroups <= AHEAD_GROUPS ? aheadOf(src) : -1;
  return k < 0 ? gateGroups(src) : groupsAt(ahead!, k);
}

function gatesAhead(src: string): string[] | null {
  const k = aheadOf(src);
  return k < 0 ? gatesOf(src) : wordsAt(ahead!, gatesFrom(ahead!, k));
}

/** Sources of gates built on first use (relevance.ts): written down with the others, built or not. */
const later: string[] = [];
/** Records the sources of a gate a module builds on first use, for derivedGates (`npm run fit` writes them with the others). */
export function gateLater(sources: readonly string[]): void {
  later.push(...sources);
}

/** What every gate built so far in this process derived, as fitted/gates.json holds it (derived afresh, not read from the file). */
export function derivedGates(): GatesFile {
  const words: string[] = [];
  const index = new Map<string, number>();
  const ix = (w: string) => {
    let i = index.get(w);
    if (i === undefined) index.set(w, (i = words.push(w) - 1));
    return i;
  };
  const sources: GatesFile['sources'] = {};
  for (const src of [...new Set([...seen.keys(), ...later])].sort()) {
    if (keyOf(src) in sources) throw new Error(`gates.json: two regex sources share the key ${keyOf(src)}; change keyOf`);
    const d: Derived = { groups: gateGroups(src), gates: gatesOf(src), literal: deriveLiteral(src) };
    sources[keyOf(src)] = [d.groups?.leading ? 1 : 0, d.groups ? d.groups.groups.slice(0, AHEAD_GROUPS).map((g) => g.map(ix)) : 0, d.gates ? d.gates.map(ix) : 0, d.literal];
  }
  return { words, sources };
}

export class Gate {
  /**
   * The trie as it is built: transitions per node and slot (36 per node, 0: none; node 0 is the
   * root), and the (node, regex) pairs of the regexes whose gate is that node's prefix or whole
   * word, in the order found; typed arrays sized once in the constructor. No object per node or
   * per list, no copy: allocation and fresh pages were most of the start-up cost.
   */
  private build: {
    trans: Int32Array;
    nodes: number;
    /** Per entry, in the order found: its node times 2 (+1 for a whole word), and its regex. */
    pairs: Int32Array;
    count: number;
  } | null;
  /** Indices of the regexes that have no gate and always run. */
  readonly ungated: number[] = [];
  private readonly enabled: Uint8Array;
  /** Per regex, where in the last scanned note its first gate word starts (valid when enabled by a gate). */
  readonly first: Int32Array;
  /**
   * Indices of the regexes the last scan enabled, in the order they were enabled: the first
   * `enabledCount` of `enabledIds` (room for every regex: each is enabled once). A typed list, not
   * an Array emptied per note: an emptied Array gives up its storage and grows it again, which was
   * about 2% of the instructions of an audit of h20k.
   */
  readonly enabledIds: Int32Array;
  enabledCount = 0;

  /** The regexes the last scan enabled, in order (a copy of the typed list, for a caller that wants an Array). */
  get enabledList(): number[] {
    return Array.from(this.enabledIds.subarray(0, this.enabledCount));
  }

  /** Where this gate's regexes are in `shared`'s trie (a member of it builds no trie of its own). */
  private readonly sharedFrom: number = 0;

  /**
   * Each source is a regex source (its gates are derived), directly a list of gate words, or null
   * (no gate: always runs). `shared`: the gate reads the whole folded note, in turn with the other
   * gates of `shared` (see SharedScan).
   */
  constructor(
    sources: readonly (string | readonly string[] | null)[],
    private readonly shared: SharedScan | null = null,
  ) {
    this.enabled = new Uint8Array(sources.length);
    this.first = new Int32Array(sources.length);
    this.enabledIds = new Int32Array(sources.length);
    const gatesOfSource = sources.map((src) => (typeof src === 'string' ? gatesAhead(src) : src));
    if (shared) {
      this.sharedFrom = shared.join(gatesOfSource);
      gatesOfSource.forEach((gates, idx) => gates || this.ungated.push(idx));
      this.build = null;
      return;
    }
    // The node each gate word ends at, once walked (-1: not yet): many regexes share gate words
    // (half of the AndGate's group words are repeats). The distinct words bound the node count, so
    // the trie is allocated once: growing it by copies touched several MB of fresh pages, and a
    // first touch of a page costs about 10 µs here (the big AndGate's trie alone is 1.9 MB).
    const endOf = new Map<string, number>();
    let bound = 1;
    let words = 0;
    for (const gates of gatesOfSource) {
      if (!gates) continue;
      words += gates.length;
      for (let g = 0; g < gates.length; g++) {
        const gate = gates[g];
        if (!endOf.has(gate)) {
          endOf.set(gate, -1);
          bound += gate.length;
        }
      }
    }
    let trans = new Int32Array(36 * bound);
    let nodes = 1;
    const pairs = new Int32Array(2 * words);
    let count = 0;
    /** Per node times 2 (+1 for a whole word), the regex of its last entry (-1: none yet). */
    const last = new Int32Array(2 * bound).fill(-1);
    for (let idx = 0; idx < sources.length; idx++) {
      const gates = gatesOfSource[idx];
      if (!gates) {
        this.ungated.push(idx);
        continue;
      }
      for (let g = 0; g < gates.length; g++) {
        const gate = gates[g];
        const whole = gate.endsWith('$');
        let n = endOf.get(gate)!;
        if (n < 0) {
          const len = whole ? gate.length - 1 : gate.length;
          n = 0;
          for (let k = 0; k < len; k++) {
            const c = gate.charCodeAt(k);
            const at = n * 36 + (c >= 97 ? c - 97 : c - 22);
            let next = trans[at];
            if (next === 0) trans[at] = next = nodes++;
            n = next;
          }
          endOf.set(gate, n);
        }
        // idx only grows, so a node's list holds idx already only as its last entry
        const slot = 2 * n + (whole ? 1 : 0);
        if (last[slot] !== idx) {
          last[slot] = idx;
          pairs[2 * count] = slot;
          pairs[2 * count + 1] = idx;
          count++;
        }
      }
    }
    // only the rows in use: a view, not a copy (the rest of the buffer was never touched)
    trans = trans.subarray(0, 36 * nodes);
    this.build = { trans, nodes, pairs, count };
  }

  /**
   * The trie flattened into typed arrays (built on first scan): transitions per node and slot,
   * and per node the range of its prefix and whole-word regex ids. Far cheaper to walk than objects.
   */
  private trans: Int32Array | null = null;
  private ruleFrom!: Int32Array;
  private wholeFrom!: Int32Array;
  private ids!: Int32Array;

  private compile(): void {
    const b = this.build!;
    const nodes = b.nodes;
    // the entries grouped by node (its prefix regexes, then its whole-word ones), each group in
    // the order its entries were found: a counting sort on the slot
    const { pairs, count } = b;
    const start = new Int32Array(2 * nodes + 1);
    for (let e = 0; e < count; e++) start[pairs[2 * e] + 1]++;
    for (let k = 1; k <= 2 * nodes; k++) start[k] += start[k - 1];
    this.ruleFrom = new Int32Array(nodes + 1);
    this.wholeFrom = new Int32Array(nodes + 1);
    for (let k = 0; k < nodes; k++) {
      this.ruleFrom[k] = start[2 * k];
      this.wholeFrom[k] = start[2 * k + 1];
    }
    this.ruleFrom[nodes] = count;
    const ids = new Int32Array(count);
    for (let e = 0; e < count; e++) ids[start[pairs[2 * e]]++] = pairs[2 * e + 1];
    this.ids = ids;
    this.trans = b.trans;
    this.build = null;
  }

  /** Flags (1 = may match) per regex for one folded note; the array is reused between calls. */
  scan(lower: string): Uint8Array {
    if (this.shared) return this.readShared(this.shared.of(lower));
    if (!this.trans) this.compile();
    const trans = this.trans!;
    const ruleFrom = this.ruleFrom;
    const wholeFrom = this.wholeFrom;
    const ids = this.ids;
    const en = this.enabled;
    const first = this.first;
    const list = this.enabledIds;
    // reset only what the previous scan enabled (a few entries, not the whole array)
    for (let k = 0; k < this.enabledCount; k++) en[list[k]] = 0;
    let count = 0;
    for (const i of this.ungated) {
      en[i] = 1;
      first[i] = 0;
      list[count++] = i;
    }
    const len = lower.length;
    let prevWord = false;
    for (let i = 0; i < len; i++) {
      const c = lower.charCodeAt(i);
      const w = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
      if (w && !prevWord) {
        let node = 0;
        let j = i;
        let whole = true;
        for (; j < len; j++) {
          const cj = lower.charCodeAt(j);
          if (!((cj >= 97 && cj <= 122) || (cj >= 48 && cj <= 57))) break;
          node = trans[node * 36 + (cj >= 97 ? cj - 97 : cj - 22)];
          if (node === 0) {
            whole = false;
            break;
          }
          for (let k = ruleFrom[node], e = wholeFrom[node]; k < e; k++) {
            const r = ids[k];
            if (en[r] === 0) {
              en[r] = 1;
              first[r] = i;
              list[count++] = r;
            }
          }
        }
        // the whole word matched a node: its whole-word gates are on
        if (whole && j > i) {
          for (let k = wholeFrom[node], e = ruleFrom[node + 1]; k < e; k++) {
            const r = ids[k];
            if (en[r] === 0) {
              en[r] = 1;
              first[r] = i;
              list[count++] = r;
            }
          }
        }
      }
      prevWord = w;
    }
    this.enabledCount = count;
    return en;
  }

  /** This gate's scan, read off the shared one (its regexes, in the order the shared walk enabled them: the order of its own walk). */
  private readShared(all: ScanResult): Uint8Array {
    const en = this.enabled;
    const first = this.first;
    const list = this.enabledIds;
    for (let k = 0; k < this.enabledCount; k++) en[list[k]] = 0;
    let count = 0;
    const from = this.sharedFrom;
    const to = from + en.length;
    const allList = all.enabledIds;
    const allFirst = all.first;
    for (let k = 0, n = all.enabledCount; k < n; k++) {
      const r = allList[k];
      if (r < from || r >= to) continue;
      const i = r - from;
      en[i] = 1;
      first[i] = allFirst[r];
      list[count++] = i;
    }
    this.enabledCount = count;
    return en;
  }
}

/** What a scan of a note leaves for the gates to read: the regexes it enabled, in order, and where each one's first gate word starts. */
export interface ScanResult {
  readonly enabledList: readonly number[];
  /** enabledList as read: its first `enabledCount` entries. */
  readonly enabledIds: ArrayLike<number>;
  readonly enabledCount: number;
  readonly first: Int32Array;
}

/** Gate.scan's `first` for gates enabled by a whole word: after every prefix gate of the same position. */
const WHOLE_STAGE = 0x7fffffff;

/**
 * What `new Gate(sources).scan(lower)` enables, without the trie: the same regexes in the same
 * order, with the same `first`. The walk enables a regex at its first event in the order (position
 * of the word start, then prefix length, a whole word after every prefix, then regex index); so
 * each regex's event is the least (position, stage) over its gate words, read off two maps of the
 * note's word prefixes and whole words. A note read alone (`aoi check`) pays for one look-up per
 * gate word instead of the trie of all of them (the shared trie: 7,000 words, 11,000 nodes).
 */
export function scanOnce(sources: readonly (readonly string[] | null)[], lower: string): ScanResult {
  // the longest gate word bounds the prefixes worth keeping (a note's word may be any length)
  let longest = 0;
  for (const gates of sources) if (gates) for (const g of gates) if (g.length > longest) longest = g.length;
  // per prefix of a word of the note (and per whole word, with its '$'): where it first starts
  const prefixAt = new Map<string, number>();
  const wholeAt = new Map<string, number>();
  const len = lower.length;
  let prevWord = false;
  for (let i = 0; i < len; i++) {
    const w = isWordCode(lower.charCodeAt(i));
    if (w && !prevWord) {
      let j = i + 1;
      while (j < len && isWordCode(lower.charCodeAt(j))) j++;
      for (let d = 1, top = Math.min(j - i, longest); d <= top; d++) {
        const prefix = lower.slice(i, i + d);
        if (!prefixAt.has(prefix)) prefixAt.set(prefix, i);
      }
      if (j - i < longest) {
        const whole = `${lower.slice(i, j)}$`;
        if (!wholeAt.has(whole)) wholeAt.set(whole, i);
      }
    }
    prevWord = w;
  }
  const first = new Int32Array(sources.length);
  const enabledList: number[] = [];
  const gated: number[] = [];
  const stage = new Int32Array(sources.length);
  for (let idx = 0; idx < sources.length; idx++) {
    const gates = sources[idx];
    if (gates === null) {
      enabledList.push(idx);
      continue;
    }
    let at = -1;
    let st = 0;
    for (let g = 0; g < gates.length; g++) {
      const gate = gates[g];
      const whole = gate.charCodeAt(gate.length - 1) === 36;
      const p = whole ? wholeAt.get(gate) : prefixAt.get(gate);
      if (p === undefined) continue;
      const sg = whole ? WHOLE_STAGE : gate.length;
      if (at < 0 || p < at || (p === at && sg < st)) {
        at = p;
        st = sg;
      }
    }
    if (at < 0) continue;
    first[idx] = at;
    stage[idx] = st;
    gated.push(idx);
  }
  gated.sort((a, b) => first[a] - first[b] || stage[a] - stage[b] || a - b);
  for (const idx of gated) enabledList.push(idx);
  return { enabledList, enabledIds: enabledList, enabledCount: enabledList.length, first };
}

/**
 * Gates that read the same whole folded note one after another (the text rules', thanks for
 * connecting's, the role rules', the self-title check's): one trie over all their gate words,
 * walked once per note, and each member's scan read off it. A member's regexes keep their order
 * in the shared trie, so its flags, `first` and `enabledList` are exactly those of its own walk.
 * The first note is read without the trie (scanOnce: `aoi check` reads one); the trie is built on
 * the next one (again if a gate joined since).
 */
export class SharedScan {
  private readonly sources: (readonly string[] | null)[] = [];
  private all: Gate | null = null;
  private scans = 0;
  private last: string | null = null;
  private result: ScanResult | null = null;

  /** Adds a member's gates (per regex, its gate words or null); returns where its regexes start. */
  join(gates: readonly (readonly string[] | null)[]): number {
    const from = this.sources.length;
    this.sources.push(...gates);
    this.all = null;
    this.result = null;
    return from;
  }

  /** The shared scan of `lower` (read only when it is not the note read last). */
  of(lower: string): ScanResult {
    if (this.result !== null && lower === this.last) return this.result;
    if (this.scans++ === 0) this.result = scanOnce(this.sources, lower);
    else {
      this.all ??= new Gate(this.sources);
      this.all.scan(lower);
      this.result = this.all;
    }
    this.last = lower;
    return this.result;
  }
}

/** The gates that read the whole folded note as the classifier reads it (see SharedScan). */
export const NOTE_GATES = new SharedScan();

/**
 * A stricter prefilter: each regex needs EVERY one of its gate groups (up to `maxGroups`, best
 * first; see gateGroups) to occur in the note, not just one. One trie scan over all distinct
 * groups, then a count per regex. Read as Gate is (`enabledIds` and `enabledCount`, `enabledList`, `first`,
 * `ungated`), but `scan` returns how many it enabled; `first` is where the regex's leading group first occurs (for leading regexes).
 */
export class AndGate {
  private readonly groups: Gate;
  private readonly groupRegexes: number[][] = [];
  private readonly need: Uint8Array;
  private readonly lead: Int32Array;
  readonly ungated: number[] = [];
  readonly first: Int32Array;
  /** As Gate's: the regexes the last scan enabled are the first `enabledCount` of `enabledIds` (a typed list, not an Array emptied per note). */
  readonly enabledIds: Int32Array;
  enabledCount = 0;
  /** Per regex, whether every match starts at its leading group's word. */
  readonly leading: Uint8Array;

  /** `shared`: as Gate's. */
  constructor(sources: readonly string[], maxGroups = 4, shared: SharedScan | null = null) {
    const n = sources.length;
    this.need = new Uint8Array(n);
    this.lead = new Int32Array(n);
    this.first = new Int32Array(n);
    this.enabledIds = new Int32Array(n);
    this.leading = new Uint8Array(n);
    const groupIndex = new Map<string, number>();
    const groupWords: string[][] = [];
    sources.forEach((src, idx) => {
      const gg = groupsAhead(src, maxGroups);
      if (!gg) {
        this.ungated.push(idx);
        return;
      }
      const mine = gg.groups.slice(0, maxGroups);
      this.need[idx] = mine.length;
      this.leading[idx] = gg.leading ? 1 : 0;
      mine.forEach((words, k) => {
        // one word (most groups): the word is the key; several: sorted, joined by '|' (no word holds a '|')
        const key = words.length === 1 ? words[0] : [...words].sort().join('|');
        let g = groupIndex.get(key);
        if (g === undefined) {
          g = groupWords.length;
          groupIndex.set(key, g);
          groupWords.push(words);
          this.groupRegexes.push([]);
        }
        this.groupRegexes[g].push(idx);
        if (k === 0) this.lead[idx] = g;
      });
    });
    this.groups = new Gate(groupWords, shared);
  }

  private flat: Int32Array | null = null;
  private flatFrom!: Int32Array;
  private rest!: Int32Array;
  private restFrom!: Int32Array;

  private compile(): void {
    // per group, the regexes it leads; per regex, its other groups (checked only when led in)
    const leads: number[][] = this.groupRegexes.map(() => []);
    const others: number[][] = Array.from({ length: this.need.length }, () => []);
    this.groupRegexes.forEach((rs, g) => {
      for (const r of rs) {
        if (this.lead[r] === g) leads[g].push(r);
        else others[r].push(g);
      }
    });
    const flatten = (xs: number[][]): [Int32Array, Int32Array] => {
      const from = new Int32Array(xs.length + 1);
      const all: number[] = [];
      xs.forEach((x, k) => {
        from[k] = all.length;
        all.push(...x);
      });
      from[xs.length] = all.length;
      return [Int32Array.from(all), from];
    };
    [this.flat, this.flatFrom] = flatten(leads);
    [this.rest, this.restFrom] = flatten(others);
  }

  /** The regexes the last scan enabled, in order (a copy of the typed list, for a caller that wants an Array). */
  get enabledList(): number[] {
    return Array.from(this.enabledIds.subarray(0, this.enabledCount));
  }

  /** How many regexes may match the (folded) note: they are the first that many of `enabledIds` (reused between calls). */
  scan(lower: string): number {
    if (!this.flat) this.compile();
    const flat = this.flat!;
    const flatFrom = this.flatFrom;
    const rest = this.rest;
    const restFrom = this.restFrom;
    const list = this.enabledIds;
    let count = 0;
    for (const i of this.ungated) {
      this.first[i] = 0;
      list[count++] = i;
    }
    const on = this.groups.scan(lower);
    const gFirst = this.groups.first;
    const groups = this.groups.enabledIds;
    for (let q = 0, n = this.groups.enabledCount; q < n; q++) {
      const g = groups[q];
      next: for (let k = flatFrom[g], e = flatFrom[g + 1]; k < e; k++) {
        const r = flat[k];
        for (let x = restFrom[r], y = restFrom[r + 1]; x < y; x++) if (on[rest[x]] === 0) continue next;
        this.first[r] = gFirst[g];
        list[count++] = r;
      }
    }
    this.enabledCount = count;
    return count;
  }
}

/**
 * The longest literal text every match of `src` (one alternative) must contain, or '' when there
 * is none of at least `min` characters. Only top-level literal runs count: groups, classes,
 * escapes such as `\s` or `\b`, anchors and quantified characters end a run (a quantified
 * character is dropped, so what is kept is always required and contiguous). A note that does not
 * contain the literal (`String.includes`, far cheaper than a regex scan) cannot match.
 */
export function requiredLiteral(src: string, min = 3): string {
  if (min === 3) {
    const k = aheadOf(src);
    if (k >= 0) return ahead!.literals[k];
  }
  return deriveLiteral(src, min);
}

function deriveLiteral(src: string, min = 3): string {
  let best = '';
  let run = '';
  const flush = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  const quantified = (j: number) => j < src.length && (src[j] === '?' || src[j] === '*' || src[j] === '+' || src[j] === '{');
  for (let i = 0; i < src.length; ) {
    const ch = src[i];
    if (ch === '(') {
      flush();
      i = groupEnd(src, i) + 1;
      continue;
    }
    if (ch === '[') {
      flush();
      i = classEnd(src, i);
      continue;
    }
    if (ch === '\\') {
      const e = src[i + 1] ?? '';
      const literal = e !== '' && !/[A-Za-z0-9]/.test(e);
      if (!literal || quantified(i + 2)) flush();
      else run += e;
      i += 2;
      continue;
    }
    if (ch === '{') {
      flush();
      const close = src.indexOf('}', i);
      i = close < 0 ? src.length : close + 1;
      continue;
    }
    if ('.^$|)?*+}'.includes(ch)) {
      flush();
      i++;
      continue;
    }
    if (quantified(i + 1)) {
      flush();
      i++;
      continue;
    }
    run += ch;
    i++;
  }
  flush();
  return best.length >= min ? best : '';
}
