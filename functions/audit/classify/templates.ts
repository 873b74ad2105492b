/**
 * Templates by structure (taxonomy.md, rules 2 and 3a). Every note is normalised as the standard
 * says: the greeting and a trailing sign-off dropped, every name of the sender, the recipient and
 * the owner dropped (from the CSV columns: full names, first names alone, initials and titles),
 * case, accents, punctuation, numbers, links and whitespace folded. Notes whose normalised words are
 * equal, or differ only in one short merge field (a company, a title), are one template. Then:
 *   - senders of one company sending it to one person (or the owner's colleagues sending what the
 *     owner sent) → coworker_template;
 *   - two or more unrelated senders sending it to one person → bot;
 *   - one sender sending it to three or more people → bot ("sent to 41 people; only the name
 *     changed"); to two people it is only attached (judged by its text).
 * Work is linear in the notes: exact keys are hashed; near keys are compared only inside blocks of
 * keys sharing their first or last three words.
 */
import type { TemplateCluster, TemplateKind } from '../model.ts';
import { compiledLater } from './compiled.ts';
import { fold, parseGreeting, RepeatedTexts } from './text.ts';

export interface TemplateInput {
  id: string;
  text: string;
  /** Sender identity; unknown: every note is its own sender. */
  sender?: string;
  /** Display names to drop when comparing (the sender's, the recipient's, the owner's). */
  names?: readonly string[];
  senderCompany?: string;
  /** Recipient identity; absent: the inbox's owner. */
  recipient?: string;
  /** The export's owner sent it. */
  fromOwner?: boolean;
}

/** The structural rules a template fires (their ids are the reasons' `rule`). */
export const TEMPLATE_RULE = {
  coworker: 'template.coworker',
  many_senders: 'template.many_senders',
  one_sender: 'template.one_sender',
} as const satisfies Record<TemplateKind, string>;

export interface TemplateMatch {
  cluster: TemplateCluster;
  /** What rule 2 or 3a decides for this note; null when the template only repeats (two copies from one sender). */
  decides: 'coworker_template' | 'bot' | null;
  rule: (typeof TEMPLATE_RULE)[TemplateKind];
  evidence: string;
}

/** One sender's note to this many people is a mass template. */
export const MASS_RECIPIENTS = 3;
/** Unrelated senders' notes this short coincide by chance ("let's connect"): they need this many words to be one template. */
const MIN_WORDS_MANY_SENDERS = 6;
/** Below this many words a note is not compared at all. */
const MIN_WORDS = 3;
/** A merge field that may differ between copies: at most this many words on each side. */
const FIELD_WORDS = 4;
/** Near keys are compared with at most this many representatives of a block. */
const BLOCK_REPS = 40;

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'herr', 'frau', 'sr', 'sra', 'srta', 'mme', 'mlle', 'dra', 'don', 'dona', 'sir', 'madam', 'madame', 'monsieur']);
/**
 * Words of a closing line ("Best, Sam", "Cheers", "Viele Grüße"): dropped with the names after them.
 * Written to be linear in the note; it accepts exactly what the plain form accepts,
 *   (?:^|[.!?\n,;]|\s{2})\s*(?:WORDS)[\s,!.:-]*(?:NAME(?:\s+NAME){0,2})?[\s.!]*$
 * with NAME = \p{L}[\p{L}'’.-]*, and removes the same text, but no two repeats compete for the same
 * characters: a start inside a run of spaces is only tried at the run's start (a later start in it
 * would match the same end, and the first one is tried first); the separators take every
 * separator ([\s.!] is a part of [\s,!.:-], so a tail without a name is the separators alone); the
 * last name ends with a letter, an apostrophe or a dash, its trailing dots being the final [\s.!]*.
 */
const SIGN_OFF = compiledLater(
  /(?:^|[.!?,;]|(?<!\s)(?:\n|\s{2}))\s*(?:best(?: regards| wishes)?|kind regards|warm regards|regards|cheers|thanks|thank you|many thanks|warmly|sincerely|all the best|take care|talk soon|saludos(?: cordiales)?|un saludo|atentamente|abrazos?|viele gr[uü](?:ß|ss)e|beste gr[uü](?:ß|ss)e|lg|vg|mfg|cordialement|bien [aà] vous|amiti[eé]s|abra[cç]os|att|atenciosamente|cumprimentos|groeten|met vriendelijke groet|saluti|cordiali saluti|un caro saluto)[\s,!.:-]*(?:(?:\p{L}[\p{L}'’.-]*\s+){0,2}\p{L}(?:[\p{L}'’.-]*[\p{L}'’-])?[\s.!]*)?$/iu,
);
const DASH_SIGNATURE = compiledLater(/\s[-–—~]\s*\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}\s*$/u);

/** The parts of display names as folded words (first names alone, last names, initials dropped by length). */
export function nameWords(names: readonly (string | undefined)[], wordsOf: (name: string) => readonly string[] = wordsOfName): Set<string> {
  const out = new Set<string>();
  for (const n of names) {
    if (!n) continue;
    for (const w of wordsOf(n)) out.add(w);
  }
  return out;
}

/** The parts of one display name as folded words (nameWords of that name alone). */
export function wordsOfName(name: string): string[] {
  // ASCII (most names): the runs of letters, digits and apostrophes, lower-cased, read in one scan
  // (what fold, the split and the filter below give, without the Unicode regex and the arrays)
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 32;
    if (c >= 128) return fold(name).split(/[^\p{L}\p{N}']+/u).filter((w) => w.length >= 2);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start >= 2) out.push(name.slice(start, i).toLowerCase());
      start = -1;
    }
  }
  return out;
}

/** The note without its greeting (and the name in it) and without a trailing sign-off. */
export function templateBody(text: string): string {
  const g = parseGreeting(text);
  let body = g ? text.slice(g.end) : text;
  body = body.replace(SIGN_OFF(), '').replace(DASH_SIGNATURE(), '');
  return body;
}

/**
 * A token (a run of non-spaces) holding an e-mail address: what `\S+@\S+\.\S+` replaces, written
 * to be linear. That pattern's leftmost match is a whole token (its first `\S+` takes everything
 * before the "@", its last everything to the token's end), and a token has one iff some "@" after
 * its first character is followed, two or more characters on, by a "." that is not its last
 * character: true iff it holds for the FIRST such "@". So the match is only tried where a token
 * starts, and the "@" is the first one after the token's first character (no choice to undo).
 */
const EMAIL = /(?<!\S)\S[^\s@]*@\S+\.\S+/g;
/** Trailing dots and apostrophes of a company name (tried where the run starts, as above). */
const COMPANY_TAIL = /(?<![.’'])[.’']+$/;

/** A note's normalised words: what stays the same when a template is filled in for another person. */
export function templateWords(text: string, names: ReadonlySet<string> = new Set()): string[] {
  return withoutNames(templateTokens(text), names);
}

/** The normalised words of a note with its names and titles still in (templateWords before they are dropped). */
function templateTokens(text: string): string[] {
  const body = fold(templateBody(text)).replace(/https?:\/\/\S+|www\.\S+/g, ' url ');
  // (an address holds an '@': EMAIL's search of a note without one was 0.7% of an audit of h20k)
  const s = (body.includes('@') ? body.replace(EMAIL, ' email ') : body)
    .replace(/[’`´]/g, "'")
    .replace(/\d+(?:[.,:]\d+)*/g, ' 0 ');
  // the runs of token characters (what a split at [^\p{L}\p{N}'{}[\]%<>|]+ keeps), read in one scan:
  // the split's Unicode regex and the array it made were the costliest line of the grouping phase
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    let start = i;
    while (i < n) {
      const size = tokenCharAt(s, i);
      if (size === 0) break;
      i += size;
    }
    let end = i;
    // the quotes around the word dropped (what `^'+|'+$` removes)
    while (start < end && s.charCodeAt(start) === 39) start++;
    while (end > start && s.charCodeAt(end - 1) === 39) end--;
    // a single character is a word when it is a digit or not ASCII
    const c = s.charCodeAt(start);
    if (end - start > 1 || (end - start === 1 && (c >= 128 || (c >= 48 && c <= 57)))) out.push(s.slice(start, end));
    // past the separator character (a pair of surrogates is one)
    if (i < n) i += isPairAt(s, i) ? 2 : 1;
  }
  return out;
}

/** Per ASCII character, 1 when a template token holds it (a letter, a digit, or one of ' { } [ ] % < > |). */
const TOKEN_ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) TOKEN_ASCII[c] = /[\p{L}\p{N}'{}[\]%<>|]/u.test(String.fromCharCode(c)) ? 1 : 0;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/uy;
/** The length (1, or 2 for a surrogate pair) of the token character at `i` of `s`, 0 when it is a separator. */
function tokenCharAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return TOKEN_ASCII[c];
  LETTER_OR_DIGIT.lastIndex = i;
  return LETTER_OR_DIGIT.test(s) ? LETTER_OR_DIGIT.lastIndex - i : 0;
}
const isPairAt = (s: string, i: number) => (s.charCodeAt(i) & 0xfc00) === 0xd800 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;

/** A text's template tokens, and its words with no name dropped (titles are). */
interface TextWords {
  tokens: readonly string[];
  words: readonly string[];
  /** The batch's key of `words` once added (-1 before): a template's copies are looked up once. */
  key: number;
}

function tokensAndWords(text: string): TextWords {
  const tokens = templateTokens(text);
  return { tokens, words: withoutNames(tokens, NO_NAMES), key: -1 };
}
const NO_NAMES: ReadonlySet<string> = new Set();

function withoutNames(tokens: readonly string[], names: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const w of tokens) if (!names.has(w) && !TITLES.has(w)) out.push(w);
  return out;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const x = this.find(a);
    const y = this.find(b);
    if (x !== y) this.parent[Math.max(x, y)] = Math.min(x, y);
  }
}

/**
 * True when two normalised notes differ only in a short merge field: after their common start and
 * end, at most FIELD_WORDS words remain on each side (one field), or the remainders share a common
 * run of 3+ words with at most FIELD_WORDS words around it on each side (two fields). The common
 * words must be most of the note.
 */
export function sameTemplate<T>(a: ArrayLike<T>, b: ArrayLike<T>): boolean {
  return sameTemplateIn(a, 0, a.length, b, 0, b.length);
}

/** A word as a number for sameTemplateIn's bits: its id (a batch's keys), else a number equal words share (0 for a word that is no number). */
const idOf = (w: unknown) => (w as number) | 0;

/** sameTemplate of the words `a[aFrom .. aFrom + aLength)` and `b[bFrom .. bFrom + bLength)` (no copies). */
function sameTemplateIn<T>(a: ArrayLike<T>, aFrom: number, aLength: number, b: ArrayLike<T>, bFrom: number, bLength: number): boolean {
  const longer = Math.max(aLength, bLength);
  let p = 0;
  while (p < aLength && p < bLength && a[aFrom + p] === b[bFrom + p]) p++;
  let s = 0;
  while (s < aLength - p && s < bLength - p && a[aFrom + aLength - 1 - s] === b[bFrom + bLength - 1 - s]) s++;
  // the remainders: ra words of a from ma, rb words of b from mb
  const ma = aFrom + p;
  const mb = bFrom + p;
  const ra = aLength - p - s;
  const rb = bLength - p - s;
  const common = p + s;
  if (ra <= FIELD_WORDS && rb <= FIELD_WORDS) return common >= MIN_WORDS_MANY_SENDERS && common >= 0.7 * longer;
  // two fields: a common run inside the remainders (the first longest one). Only runs starting in
  // the first 2·FIELD_WORDS words of both are tried: the answer is yes only for a run that ends at
  // most FIELD_WORDS words before the end after starting at most FIELD_WORDS words in, i.e. one of at
  // least length − 2·FIELD_WORDS words, which no run starting further in can reach or beat. Same
  // answer as trying every start (linear.test.ts checks it), in time linear in the notes; trying
  // every start took quadratic time, cubic on notes of one repeated word.
  //   A run shorter than `least` words cannot make the answer yes (it must be 3 words or more, make
  // the common words most of the note, and leave at most FIELD_WORDS words on either side of it in
  // both): when the first longest run is that short the answer is no, and when it is not, it is the
  // first longest of the runs at least that long. So only those are looked for, a pair of starts
  // ruled out first by the word such a run ends with (at most 81 pairs were compared word by word:
  // 4.5% of the instructions of an audit of h20k).
  let least = Math.max(3, ra - 2 * FIELD_WORDS, rb - 2 * FIELD_WORDS);
  while (common + least < 0.7 * longer) least++;
  const from = 2 * FIELD_WORDS;
  // the words such runs end with in b, as bits (by word id, the low 5 bits): a start in a whose
  // run would end with none of them is ruled out at once (most are)
  let ends = 0;
  for (let j = 0; j + least <= rb && j <= from; j++) ends |= 1 << (idOf(b[mb + j + least - 1]) & 31);
  let bestLength = 0;
  let bestI = 0;
  let bestJ = 0;
  for (let i = 0; i + least <= ra && i <= from; i++) {
    if ((ends & (1 << (idOf(a[ma + i + least - 1]) & 31))) === 0) continue;
    for (let j = 0; j + least <= rb && j <= from; j++) {
      if (a[ma + i + least - 1] !== b[mb + j + least - 1]) continue;
      let k = 0;
      while (i + k < ra && j + k < rb && a[ma + i + k] === b[mb + j + k]) k++;
      if (k >= least && k > bestLength) {
        bestLength = k;
        bestI = i;
        bestJ = j;
      }
    }
  }
  if (bestLength === 0) return false;
  const leftOk = bestI <= FIELD_WORDS && bestJ <= FIELD_WORDS;
  const rightOk = ra - bestI - bestLength <= FIELD_WORDS && rb - bestJ - bestLength <= FIELD_WORDS;
  return leftOk && rightOk && common + bestLength >= 0.7 * longer;
}

/**
 * Words of a note that sameTemplate lets be absent from the other note: the one field's words
 * (at most FIELD_WORDS) or the two fields' (at most FIELD_WORDS each).
 */
const MAX_UNSHARED_WORDS = 2 * FIELD_WORDS;
/** Bits of a key's word signature: a word sets bit (its id mod SIGNATURE_BITS). */
const SIGNATURE_BITS = 128;
const SIGNATURE_INTS = SIGNATURE_BITS / 32;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/**
 * False when two keys cannot be one template, from their signatures alone. Every word of a key
 * but at most MAX_UNSHARED_WORDS must occur in the other (sameTemplate), and a signature bit that
 * one key sets and the other does not comes from a word the other lacks: more such bits than
 * MAX_UNSHARED_WORDS on either side rule the pair out. Never false for a pair sameTemplate accepts.
 */
function maySameTemplate(signatures: Int32Array, a: number, b: number): boolean {
  let onlyA = 0;
  let onlyB = 0;
  for (let x = 0; x < SIGNATURE_INTS; x++) {
    const sa = signatures[a * SIGNATURE_INTS + x];
    const sb = signatures[b * SIGNATURE_INTS + x];
    onlyA += popcount(sa & ~sb);
    onlyB += popcount(sb & ~sa);
  }
  return onlyA <= MAX_UNSHARED_WORDS && onlyB <= MAX_UNSHARED_WORDS;
}

/** A company named as the sender's own in the note ("I'm with Acme", "here at Acme we", "bei Acme sind wir"). */
const COMPANY_NAME = "((?:\\p{Lu}[\\p{L}\\p{N}&'’.-]*)(?:\\s+(?:&\\s+)?\\p{Lu}[\\p{L}\\p{N}&'’.-]*){0,3})";
/** Any character of the sentence, but not the start of a word saying "your": "I'm impressed by your work at X" names the recipient's company. */
const NOT_YOURS = "(?:(?!\\b(?:your|yours|ihre?[mnrs]?|deine?[mnrs]?|votre|vos|ton|ta|tu|su|seu|sua)\\b)[^.!?\\n])";
const OWN_COMPANY = compiledLater(
  new RegExp(
    [
      `\\b(?:[Ii]'?m|[Ii] am|[Ww]e are|[Ww]e're|[Ii] work|[Ii] lead|[Ii] run)\\b${NOT_YOURS}{0,30}?\\b(?:at|with|from|for)\\s+${COMPANY_NAME}`,
      `\\b(?:[Hh]ere at|[Ww]e at|[Oo]ur team at|[Tt]he team at|[Oo]n behalf of)\\s+${COMPANY_NAME}`,
      `\\b(?:[Ii]ch bin|[Ww]ir sind|[Jj]e suis|[Nn]ous sommes|[Ss]oy|[Ss]omos|[Ss]ou)\\b${NOT_YOURS}{0,30}?\\b(?:bei|von|chez|de|da|en|na|no)\\s+${COMPANY_NAME}`,
    ].join('|'),
    'u',
  ),
);

function normCompany(c: string): string {
  return fold(c)
    .replace(/\b(?:inc|llc|ltd|gmbh|ag|sa|sl|sas|sarl|ltda|bv|nv|co|corp|corporation|company|group|systems|solutions|partners)\b\.?/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function ownCompanyInText(text: string): string | undefined {
  const m = OWN_COMPANY().exec(text);
  const c = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  return c?.replace(COMPANY_TAIL, '');
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The note shown as a template: the greeting's name and every name word replaced by `{name}`. */
export function templatePattern(text: string, names: ReadonlySet<string>): string {
  const g = parseGreeting(text);
  let out = g && g.name ? `${text.slice(0, g.nameStart)}{name}${text.slice(g.nameStart + g.name.length)}` : text;
  if (names.size) {
    out = out.replace(/[\p{L}\p{N}'’]+/gu, (w) => (names.has(fold(w)) ? '{name}' : w)).replace(/\{name\}(?:\s+\{name\})+/g, '{name}');
  }
  return out.trim();
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** The note's sender as a name, or undefined (a sender given as a key, `in:…`, is no name). */
function senderName(note: TemplateInput): string | undefined {
  return note.sender && !note.sender.includes(':') ? note.sender : undefined;
}

/** The name words dropped from a note: its names and its sender's (senderName). */
function namesOf(note: TemplateInput, wordsOf?: (name: string) => readonly string[]): Set<string> {
  return nameWords([...(note.names ?? []), senderName(note)], wordsOf);
}

/** True when a word of the note's names (namesOf) is one of `tokens`: namesOf's test without its Set. */
function mentionsName(note: TemplateInput, tokens: readonly string[], wordsOf: (name: string) => readonly string[]): boolean {
  for (const name of note.names ?? []) {
    if (!name) continue;
    for (const w of wordsOf(name)) if (tokens.includes(w)) return true;
  }
  const sender = senderName(note);
  if (sender) for (const w of wordsOf(sender)) if (tokens.includes(w)) return true;
  return false;
}

/** How many distinct (sender, recipient) pairs the notes hold, note x's being (senders[x], recipients[x]). */
function pairCount(senders: ArrayLike<number>, recipients: ArrayLike<number>): number {
  const bySender = new Map<number, number | Set<number>>();
  let pairs = 0;
  for (let x = 0; x < senders.length; x++) {
    const sender = senders[x];
    const recipient = recipients[x];
    const seen = bySender.get(sender);
    if (seen === undefined) bySender.set(sender, recipient);
    else if (typeof seen === 'number') {
      if (seen === recipient) continue;
      bySender.set(sender, new Set([seen, recipient]));
    } else {
      if (seen.has(recipient)) continue;
      seen.add(recipient);
    }
    pairs++;
  }
  return pairs;
}

/** Numbers for texts: equal texts, equal numbers (0, 1, 2, … in the order first seen). */
class Ids {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];
  get size(): number {
    return this.texts.length;
  }
  of(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(text, id);
      this.texts.push(text);
    }
    return id;
  }
  text(id: number): string {
    return this.texts[id];
  }
}

/**
 * The distinct keys of one batch (a key: a note's normalised words, at least MIN_WORDS of them),
 * each kept as word ids, never as text. Equal keys are found by a hash of their ids (open
 * addressing), then compared id by id; the ids are stored in chunks of one pool that grows a chunk
 * at a time (nothing is copied as it grows). Memory: 2 bytes per word of each distinct key (4 once
 * the batch has more than 65,536 distinct words), 16 bytes per note and 8 to 16 per key.
 */
class KeyStore {
  private static readonly CHUNK = 1 << 16;
  /** The batch's words and their ids. */
  private readonly vocabulary = new Ids();
  /** Per key: the chunk holding its ids, where they start in it, how many, their hash. */
  readonly chunkOf: Int32Array;
  readonly startOf: Int32Array;
  readonly lengthOf: Int32Array;
  private readonly hashOf: Int32Array;
  readonly chunks: (Uint16Array | Int32Array)[] = [];
  private used = 0;
  count = 0;
  /** Key + 1 per slot, 0: empty; at most half full. */
  private table = new Int32Array(1024);
  /** The ids of the words being added. */
  private ids = new Int32Array(256);

  /** `maxKeys`: at most this many keys are added (one per note). */
  constructor(maxKeys: number) {
    this.chunkOf = new Int32Array(maxKeys);
    this.startOf = new Int32Array(maxKeys);
    this.lengthOf = new Int32Array(maxKeys);
    this.hashOf = new Int32Array(maxKeys);
  }

  /** The key of these words: the one kept when an equal key was added before, else a new one. */
  add(words: readonly string[]): number {
    const length = words.length;
    if (this.ids.length < length) this.ids = new Int32Array(Math.max(length, 2 * this.ids.length));
    const ids = this.ids;
    let h = 0x811c9dc5;
    for (let x = 0; x < length; x++) {
      const id = this.vocabulary.of(words[x]);
      ids[x] = id;
      h = Math.imul(h ^ id, 0x01000193);
    }
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ length;
    const mask = this.table.length - 1;
    let slot = h & mask;
    for (let k = this.table[slot] - 1; k >= 0; k = this.table[slot] - 1) {
      if (this.hashOf[k] === h && this.lengthOf[k] === length && this.holds(k, ids)) return k;
      slot = (slot + 1) & mask;
    }
    const k = this.count++;
    // 2 bytes an id while the vocabulary has fewer than 65,536 words (a key with a higher id
    // starts the first chunk of 4-byte ids: the vocabulary only grows)
    const wide = this.vocabulary.size > 0x10000;
    const last = this.chunks[this.chunks.length - 1];
    if (last === undefined || this.used + length > last.length || (wide && last instanceof Uint16Array)) {
      this.chunks.push(wide ? new Int32Array(Math.max(KeyStore.CHUNK, length)) : new Uint16Array(Math.max(KeyStore.CHUNK, length)));
      this.used = 0;
    }
    this.chunks[this.chunks.length - 1].set(ids.subarray(0, length), this.used);
    this.chunkOf[k] = this.chunks.length - 1;
    this.startOf[k] = this.used;
    this.lengthOf[k] = length;
    this.hashOf[k] = h;
    this.used += length;
    this.table[slot] = k + 1;
    if (2 * this.count > this.table.length) this.grow();
    return k;
  }

  /** Word `x` of key `k` (an id). */
  word(k: number, x: number): number {
    return this.chunks[this.chunkOf[k]][this.startOf[k] + x];
  }

  /** The key's words joined by single spaces (its text). */
  text(k: number): string {
    const out: string[] = [];
    for (let x = 0; x < this.lengthOf[k]; x++) out.push(this.vocabulary.text(this.word(k, x)));
    return out.join(' ');
  }

  private holds(k: number, ids: Int32Array): boolean {
    const chunk = this.chunks[this.chunkOf[k]];
    const start = this.startOf[k];
    for (let x = 0; x < this.lengthOf[k]; x++) if (chunk[start + x] !== ids[x]) return false;
    return true;
  }

  private grow(): void {
    const table = new Int32Array(2 * this.table.length);
    const mask = table.length - 1;
    for (let k = 0; k < this.count; k++) {
      let slot = this.hashOf[k] & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = k + 1;
    }
    this.table = table;
  }
}

/**
 * Finds the templates of one batch (an export's CRs, or a file of notes). Returns, for each note
 * that belongs to a template, the template and what it decides.
 */
export function findTemplates(notes: readonly TemplateInput[]): Map<string, TemplateMatch> {
  const byPosition = findTemplatesAt(notes.length, (i) => notes[i]);
  const out = new Map<string, TemplateMatch>();
  for (let i = 0; i < notes.length; i++) {
    const m = byPosition[i];
    if (m !== undefined) out.set(notes[i].id, m);
  }
  return out;
}

/**
 * findTemplates of `count` notes made on demand by `noteAt` (memory: no note is held for the whole
 * batch; the notes of a template are made again, once per template, to decide it), by position:
 * the template of note `i` is at `i` (undefined for a note of no template; no id is looked up).
 */
export function findTemplatesAt(count: number, noteAt: (i: number) => TemplateInput): (TemplateMatch | undefined)[] {
  const n = count;
  // per note only the index of its key; per distinct key its words as ids (memory: a batch of 1M
  // notes keeps no word strings per note nor any key's text, and compares integers)
  const keyOf = new Int32Array(n).fill(-1);
  const keys = new KeyStore(n);
  const texts = new RepeatedTexts(tokensAndWords);
  // the owner's names are in every note: their words are worked out once
  const nameWordsOf = new RepeatedTexts(wordsOfName);
  const wordsOf = (name: string) => nameWordsOf.of(name);
  for (let i = 0; i < n; i++) {
    const note = noteAt(i);
    const t = texts.of(note.text);
    // the text's words as they are, unless one of its words is one of the note's names
    if (!mentionsName(note, t.tokens, wordsOf)) {
      if (t.words.length >= MIN_WORDS) keyOf[i] = t.key >= 0 ? t.key : (t.key = keys.add(t.words));
      continue;
    }
    const w = withoutNames(t.tokens, namesOf(note, wordsOf));
    if (w.length >= MIN_WORDS) keyOf[i] = keys.add(w);
  }
  const keyLength = (k: number) => keys.lengthOf[k];
  // near keys: a short merge field differs; compared inside blocks of shared first / last words
  const uf = new UnionFind(keys.count);
  const blocks = new Map<string, number[]>();
  const signatures = new Int32Array(keys.count * SIGNATURE_INTS);
  for (let k = 0; k < keys.count; k++) {
    const length = keyLength(k);
    if (length < MIN_WORDS_MANY_SENDERS) continue;
    const chunk = keys.chunks[keys.chunkOf[k]];
    const start = keys.startOf[k];
    for (let x = start; x < start + length; x++) signatures[k * SIGNATURE_INTS + ((chunk[x] >>> 5) % SIGNATURE_INTS)] |= 1 << (chunk[x] & 31);
    // the first three words, the last three (by id: the same words, the same ids)
    const head = `h:${chunk[start]} ${chunk[start + 1]} ${chunk[start + 2]}`;
    const tail = `t:${chunk[start + length - 3]} ${chunk[start + length - 2]} ${chunk[start + length - 1]}`;
    for (const block of [head, tail]) {
      const reps = blocks.get(block);
      if (!reps) {
        blocks.set(block, [k]);
        continue;
      }
      // every representative is tried: "differs only in a short field" is not transitive, so
      // stopping at the first match would make the result depend on the order of the notes
      for (const r of reps) {
        if (uf.find(r) !== uf.find(k) && maySameTemplate(signatures, r, k) && sameTemplateIn(keys.chunks[keys.chunkOf[r]], keys.startOf[r], keyLength(r), chunk, start, length)) uf.union(r, k);
      }
      if (reps.length < BLOCK_REPS) reps.push(k);
    }
  }
  // the notes of each template (a group of two or more notes: a note alone is no template, and
  // most notes are alone when each is written by hand)
  const notesPer = new Int32Array(keys.count);
  for (let i = 0; i < n; i++) if (keyOf[i] >= 0) notesPer[uf.find(keyOf[i])]++;
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (keyOf[i] < 0) continue;
    const root = uf.find(keyOf[i]);
    if (notesPer[root] < 2) continue;
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  }

  const out = new Array<TemplateMatch | undefined>(n);
  // the company a note names as its sender's (a template's copies share their text), normalised
  const ownCompanies = new RepeatedTexts(ownCompanyInText);
  const companies = new RepeatedTexts(normCompany);
  const namedCompany = (note: TemplateInput) => note.senderCompany?.trim() || ownCompanies.of(note.text);
  for (const members of groups.values()) {
    // per member (x: its position in `members`): its sender identity, recipient and company as
    // numbers of this group (equal numbers, equal texts) and whether the owner sent it, read off
    // its note once; no note is held (memory: a mass template has hundreds of thousands of copies)
    const m = members.length;
    const senderIds = new Ids();
    const recipientIds = new Ids();
    const companyIds = new Ids();
    const senders = new Int32Array(m);
    const recipients = new Int32Array(m);
    const companyOf = new Int32Array(m);
    const fromOwner = new Uint8Array(m);
    let shortest = Infinity;
    let exact = true;
    let first = 0; // order-independent identity and example: the member with the smallest id
    let firstId = '';
    for (let x = 0; x < m; x++) {
      const note = noteAt(members[x]);
      senders[x] = senderIds.of(note.sender ? `s:${fold(note.sender).trim()}` : `id:${note.id}`);
      recipients[x] = recipientIds.of(note.recipient ?? '');
      companyOf[x] = companyIds.of(companies.of(namedCompany(note) || ''));
      fromOwner[x] = note.fromOwner ? 1 : 0;
      shortest = Math.min(shortest, keyLength(keyOf[members[x]]));
      if (keyOf[members[x]] !== keyOf[members[0]]) exact = false;
      if (x === 0 || note.id < firstId) {
        first = x;
        firstId = note.id;
      }
    }
    const firstNote = noteAt(members[first]);
    const base = {
      id: `tpl-${fnv1a(keys.text(keyOf[members[first]])).toString(16).padStart(8, '0')}`,
      size: m,
      senders: senderIds.size,
      recipients: pairCount(senders, recipients),
      example: firstNote.text,
      pattern: templatePattern(firstNote.text, namesOf(firstNote)),
    };
    const decided = new Array<TemplateMatch | undefined>(m);
    const positions = Array.from({ length: m }, (_, x) => x);
    const senderOf = (x: number) => senders[x];
    const recipientOf = (x: number) => recipients[x];

    // rule 2: senders of one company writing to one person (or colleagues of the owner, who sent it too)
    for (const [companyId, list] of groupBy(positions, (x) => companyOf[x])) {
      const company = companyIds.text(companyId);
      if (!company) continue;
      const owner = list.some((x) => fromOwner[x] === 1);
      const together = [...groupBy(list, recipientOf).values()].some((to) => new Set(to.map(senderOf)).size >= 2);
      const people = new Set(list.map(senderOf));
      if (!(together || (owner && people.size >= 2))) continue;
      const named = namedCompany(noteAt(members[list[0]])) || company;
      const cluster: TemplateCluster = { ...base, kind: 'coworker', company: named };
      const evidence = `${plural(people.size, 'person', 'people')} from ${named} sent this same note`;
      const match: TemplateMatch = { cluster, decides: 'coworker_template', rule: TEMPLATE_RULE.coworker, evidence };
      for (const x of list) decided[x] = match;
    }

    // rule 3a: unrelated senders writing to one person
    if (shortest >= MIN_WORDS_MANY_SENDERS) {
      for (const list of groupBy(positions.filter((x) => decided[x] === undefined), recipientOf).values()) {
        const people = new Set(list.map(senderOf));
        if (people.size < 2) continue;
        const cluster: TemplateCluster = { ...base, kind: 'many_senders' };
        const evidence = `${people.size} unrelated senders sent this same note`;
        const match: TemplateMatch = { cluster, decides: 'bot', rule: TEMPLATE_RULE.many_senders, evidence };
        for (const x of list) decided[x] = match;
      }
    }

    // rule 3a: one sender writing to three or more people (two: attached, judged by the text)
    for (const list of groupBy(positions.filter((x) => decided[x] === undefined), senderOf).values()) {
      const to = new Set(list.map(recipientOf)).size;
      if (to < 2) continue;
      const mass = to >= MASS_RECIPIENTS;
      const cluster: TemplateCluster = { ...base, kind: 'one_sender', size: list.length, senders: 1, recipients: to };
      const changed = exact ? 'only the name changed' : 'only the name and a short field changed';
      const who = fromOwner[list[0]] === 1 ? 'you sent this note to' : 'this sender sent this note to';
      const evidence = `${who} ${plural(to, 'person', 'people')}; ${changed}: “${cluster.pattern}”`;
      const match: TemplateMatch = { cluster, decides: mass ? 'bot' : null, rule: TEMPLATE_RULE.one_sender, evidence };
      for (const x of list) decided[x] = match;
    }
    for (let x = 0; x < m; x++) if (decided[x] !== undefined) out[members[x]] = decided[x];
  }
  return out;
}
