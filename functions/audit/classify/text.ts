/**
 * Text helpers shared by the rules, the LinkedIn-default check and the template clustering.
 * Pure functions, no allocation-heavy work beyond one lower-cased copy per note.
 */
import { compiledLater } from './compiled.ts';

const MARKS = /[\u0300-\u036f]/g;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The classifier reads at most this many characters of a note (code points, as the export reader
 * counts them): LinkedIn cuts a note at 300, the reader keeps at most 2,000, and whatever else hands
 * the classifier a longer text (a notes file, a direct call) still costs no more than this. The
 * rest is never looked at: not by the rules, the templates, the word model or the evidence.
 */
export const CLASSIFIED_CHARS = 2000;

/** The part of a note the classifier reads: its first CLASSIFIED_CHARS characters (a surrogate pair is never split). */
export function classifiedText(text: string): string {
  if (text.length <= CLASSIFIED_CHARS) return text;
  let i = 0;
  for (let n = 0; n < CLASSIFIED_CHARS && i < text.length; n++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    i += pair ? 2 : 1;
  }
  return text.slice(0, i);
}

/** Lower-case, strip diacritics: for comparing words (names, keywords), never for evidence. */
export function fold(s: string): string {
  // ASCII has nothing to decompose and no marks to strip
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  return s.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** One-to-one folding table for non-ASCII characters: lower case, accents removed. */
const FOLD_TABLE = new Map<number, string>();
{
  const extra: Record<string, string> = { ß: 's', æ: 'a', ø: 'o', œ: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 't', ı: 'i', '’': "'", '‘': "'", 'ʼ': "'" };
  for (let code = 0xc0; code <= 0x24f; code++) {
    const ch = String.fromCharCode(code);
    const lower = ch.toLowerCase();
    const base = lower.normalize('NFD')[0];
    if (lower.length === 1 && base && base.charCodeAt(0) < 128) FOLD_TABLE.set(code, base);
    else if (lower.length === 1) FOLD_TABLE.set(code, extra[lower] ?? lower);
  }
  for (const [k, val] of Object.entries(extra)) FOLD_TABLE.set(k.charCodeAt(0), val);
}

/**
 * Lower case and accents removed, one character for one character (so offsets into the result
 * are offsets into the original: evidence is sliced from the original note). ASCII fast path.
 */
const foldChar = (ch: string): string => {
  const f = FOLD_TABLE.get(ch.charCodeAt(0));
  if (f !== undefined) return f;
  const l = ch.toLowerCase();
  return l.length === ch.length ? l : ch;
};

/** Folds only the non-ASCII characters (for regex sources: `\\S`, `\\W`, `\\B` must keep their case). */
export function foldNonAscii(s: string): string {
  return s.replace(/[^\x00-\x7f]/g, foldChar);
}

let lastIn = '';
let lastOut = '';

/** foldSameLength, remembering the last note (the rules, the relevance check and the gate fold the same note in turn). */
export function foldSameLength(s: string): string {
  if (s === lastIn) return lastOut;
  const out = foldUncached(s);
  lastIn = s;
  lastOut = out;
  return out;
}

function foldUncached(s: string): string {
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  // lower-case ASCII first (length-preserving for ASCII), then map each non-ASCII char 1:1
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 128) {
      out += s.slice(last, i).toLowerCase() + foldChar(s[i]);
      last = i + 1;
    }
  }
  return out + s.slice(last).toLowerCase();
}

/** Greeting words in EN/ES/DE/FR/PT (+ a few common others), lower-case, folded. */
export const GREETING_WORDS = [
  'hi', 'hey', 'hello', 'dear', 'hiya', 'greetings', 'good morning', 'good afternoon', 'good evening',
  'hola', 'estimado', 'estimada', 'querido', 'querida', 'buenos dias', 'buenas tardes',
  'hallo', 'liebe', 'lieber', 'sehr geehrte', 'sehr geehrter', 'guten tag', 'moin', 'servus',
  'bonjour', 'bonsoir', 'salut', 'cher', 'chere',
  'ola', 'oi', 'prezado', 'prezada', 'caro', 'cara', 'bom dia', 'boa tarde',
  'ciao', 'hoi',
];

const GREETING_RE = new RegExp(
  `^\\s*(?:${GREETING_WORDS.map((g) => g.replace(/ /g, '\\s+')).join('|')})\\b[\\s,!.:;—–-]*`,
  'i',
);
/**
 * Trailing punctuation of a greeting word / a name. A `[…]+$` search would start at every
 * character of a long run and scan it to the end each time (quadratic); the lookbehind lets it
 * start only where the run starts, which is where the match starts anyway.
 */
const GREETING_TAIL = /(?<![\s,!.:;—–-])[\s,!.:;—–-]+$/;
const NAME_TAIL = /(?<![,!.:;—–-])[,!.:;—–-]+$/;
const TOKEN_TAIL = /(?<![,!.:;])[,!.:;]+$/;
const TITLE_RE = /^(?:mr|mrs|ms|miss|dr|prof|herr|frau|sr|sra|srta|m|mme|mlle|dra|don|dona)\.?\s+/i;
/** Up to 3 name-like tokens after a greeting: capitalised words, ALLCAPS merge fields, or placeholders. */
const GREETED_NAME = compiledLater(/^(?:(?:\p{Lu}[\p{L}'’.-]*|\{\{?[^}\n]{1,40}\}\}?|\[[^\]\n]{1,40}\]|%[A-Za-z_]{2,30}%|<[^>\n]{1,40}>)[,!.:;—–-]?(?:\s+|$)){1,3}/u);

export interface Greeting {
  /** The greeting word(s) as written, e.g. "Hi". */
  word: string;
  /** The name tokens after the greeting (up to 3 capitalised or placeholder-looking tokens), as written. */
  name: string;
  /** Offset in the note where the name starts. */
  nameStart: number;
  /** Offset right after the whole greeting (name and punctuation). */
  end: number;
}

let greetingIn: string | undefined;
let greetingOut: Greeting | null = null;

/**
 * Parses a leading greeting like "Hi Jamal," / "Dear Sir or Madam," / "Hola María:". The answer is
 * cached (several rules ask for the same note in turn, and a template's copies repeat its text);
 * callers never write to it.
 */
export function parseGreeting(text: string): Greeting | null {
  if (text === greetingIn) return greetingOut;
  const g = GREETINGS.of(text);
  greetingIn = text;
  greetingOut = g;
  return g;
}

function parseGreetingUncached(text: string): Greeting | null {
  // the greeting words are folded ("ola", "buenos dias", "chere"): match the folded note (same length)
  const g = GREETING_RE.exec(foldSameLength(text));
  if (!g) return null;
  const word = text.slice(0, g[0].length).trim().replace(GREETING_TAIL, '');
  let pos = g[0].length;
  const rest = text.slice(pos);
  const t = TITLE_RE.exec(rest);
  const nameStart = pos + (t ? t[0].length : 0);
  const m = GREETED_NAME().exec(text.slice(nameStart));
  let name = '';
  if (m) {
    // stop before a capitalised sentence word that is not part of a name (e.g. "Hi Sam I ...")
    const toks = m[0].trim().split(/\s+/);
    const kept: string[] = [];
    for (const tok of toks) {
      if (/^(?:I|I'm|I’m|We|We're|Our|My|Thanks|Thank|Great|Hope|Just|Quick|Je|Ich|Wir|Yo|Eu|Nous)$/.test(tok.replace(TOKEN_TAIL, ''))) break;
      kept.push(tok);
      if (/[,!.:;]$/.test(tok)) break;
    }
    name = kept.join(' ').replace(NAME_TAIL, '');
  }
  let end = nameStart + name.length;
  const tail = /^[\s,!.:;—–-]*/.exec(text.slice(end));
  if (tail) end += tail[0].length;
  return { word, name, nameStart, end };
}

/** First token of a person's display name (for greeting checks). */
export function firstNameOf(name: string | undefined | null): string | undefined {
  if (!name) return undefined;
  const t = name.trim().split(/\s+/)[0];
  return t ? t : undefined;
}

/** True when two first names plausibly denote the same person (case/accents, nickname prefix). */
export function sameFirstName(a: string, b: string): boolean {
  const x = fold(a).replace(/[^a-z]/g, '');
  const y = fold(b).replace(/[^a-z]/g, '');
  if (!x || !y) return false;
  if (x === y) return true;
  const [s, l] = x.length < y.length ? [x, y] : [y, x];
  return s.length >= 3 && l.startsWith(s);
}

/** The first sentence (or first 120 chars) of a note, for structural evidence. */
export function firstSentence(text: string): string {
  const t = text.trim();
  const m = /^[\s\S]{1,160}?(?<!\b(?:Dr|Mr|Mrs|Ms|Prof|St|Sr|Jr|Mme|Sra|Hr))[.!?…\n](?=\s|$)/.exec(t);
  const s = (m ? m[0] : t.slice(0, 120)).trim();
  return s || t.slice(0, 120);
}

const SEEN_ONCE: unique symbol = Symbol('seen once');

/**
 * What a pure function of a note's text gives, worked out once for a text that repeats (a mass
 * template's copies): a text seen once only takes a slot (a reference to it), so notes written one
 * by one leave nothing behind. Bounded: dropped when full. Values are shared: never write to one.
 *
 * Memory: a full cache is dropped for a new Map, not cleared. A Map that has reached V8's old
 * generation allocates the tables it clears and grows into there too, so a cleared cache left
 * about 56 bytes of old-generation garbage per text (with a dozen caches, most of what classifying
 * promoted besides the CRs' results: 200k notes, 138 -> 101 MB, scripts/bench-scale.ts notes). A
 * new Map grows in the young generation, and dies there while it holds fewer texts than one
 * scavenge's worth of notes (a note allocates about 32 KB while it is classified: 1,024 notes fill
 * half of a 64 MB semi-space).
 */
export class RepeatedTexts<V> {
  private static readonly MAX = 1024;
  private byText = new Map<string, V | typeof SEEN_ONCE>();

  constructor(private readonly compute: (text: string) => V) {}

  of(text: string): V {
    const got = this.byText.get(text);
    if (got !== undefined && got !== SEEN_ONCE) return got;
    const value = this.compute(text);
    if (got === undefined && this.byText.size >= RepeatedTexts.MAX) this.byText = new Map();
    this.byText.set(text, got === undefined ? SEEN_ONCE : value);
    return value;
  }
}

/** parseGreeting's answers for a text that repeats (a template's copies come back among other notes). */
const GREETINGS = new RepeatedTexts(parseGreetingUncached);
