/**
 * The word model: a naive Bayes classifier over a note's words, SpamAssassin's BAYES rules in
 * spirit. The phrase families (rules.ts) know how pitches, asks and greetings are usually put; the
 * word model knows every word the labelled notes used, in every language they came in, so a pitch
 * that never says "demo" or a thank-you that never says "talk" still leans the right way. It fires
 * rules of its own family (`words.sales_pitch`, `words.good`, ...) whose weights are fitted with the
 * others, and its evidence is the note's own telling words that leaned hardest.
 *
 * Features: folded words (digit runs as 0), adjacent word pairs, 5-letter stems of longer words (a
 * crude stemmer that serves every language: presupuesto/presupuestos, Kanzlei/Kanzleien) and a few
 * marks ({ } [ ] % ? ! ...). Each feature counts once per note (binary), smoothed with `alpha`; a
 * pair seen in a single training note is dropped.
 * Training names features by strings (readable in the generated model); scoring hashes them while
 * it scans (FNV-1a), so a note costs one pass and no string building. A test checks that both
 * scanners see the same features.
 */
import { alternatives, AndGate, distributed, lazyRule } from './gate.ts';
import { foldNonAscii, foldSameLength, GREETING_WORDS, parseGreeting } from './text.ts';

/**
 * The classes the word model tells apart: what the words alone can say. A swing and miss is a
 * pitch in words (the recipient's profile makes it a miss), so it trains as `sales_pitch`; bots,
 * coworker templates and empty notes are told by structure, never by words, and are left out.
 */
export const WORD_CLASSES = ['sales_pitch', 'irrelevant', 'too_much_too_soon', 'good'] as const;
export type WordClass = (typeof WORD_CLASSES)[number];

/** The rule each word class fires (a family of its own: `words.*`), and the one it fires as well when the words leave no doubt (posterior ≥ SURE). */
export const WORD_RULE = Object.fromEntries(WORD_CLASSES.map((c) => [c, `words.${c}`])) as Record<WordClass, string>;
export const WORD_RULE_SURE = Object.fromEntries(WORD_CLASSES.map((c) => [c, `words.${c}_sure`])) as Record<WordClass, string>;
/** Posterior the winning class needs to fire at all, and to fire its `_sure` rule too. */
export const LEAN = 0.6;
export const SURE = 0.995;

/** The word class a label trains as, or null when words cannot tell it. */
export function wordClassOf(label: string): WordClass | null {
  if (label === 'swing_and_miss') return 'sales_pitch';
  return (WORD_CLASSES as readonly string[]).includes(label) ? (label as WordClass) : null;
}

/** What the model learnt from labelled notes: for each feature, in how many notes of each class it occurs. */
export interface TrainedWordModel {
  classes: readonly WordClass[];
  /** Notes per class. */
  notes: readonly number[];
  alpha: number;
  /** One entry per feature, sorted: `feature<TAB>n0,n1,...` (notes per class, `classes` order). */
  features: readonly string[];
}

/**
 * The same model as scoring needs it, computed once when the model is fitted (packWordModel) and
 * shipped as data (fitted/word-model.bin, encodeWordModel): per feature its hash, its counts and
 * whether it may be shown as evidence. Rows are in order of unsigned hash; features whose hashes
 * collide are pooled, as scoring would pool them.
 */
export interface PackedWordModel {
  classes: readonly WordClass[];
  notes: readonly number[];
  alpha: number;
  /** Feature hashes (hashFeature), one per row. */
  hashes: Int32Array;
  /** Notes per class of each row: K per row. */
  counts: Uint32Array;
  /** Per row, 1 when the feature may be shown as evidence (a telling word). */
  telling: Uint8Array;
}

/** A model read on first use (the fitted one: its file is only read when a note is scored). */
export interface LazyWordModel {
  load(): PackedWordModel;
}

/** Any form of the word model that scoring takes. */
export type WordModel = TrainedWordModel | PackedWordModel | LazyWordModel;

const STEM = 5;
const MARKS = '?!{}[]%<>$|#@*';
/** Per ASCII character code, 1 for one of MARKS (the hashed scanner reads a code, not a one-character string). */
const IS_MARK = new Uint8Array(128);
for (const ch of MARKS) IS_MARK[ch.charCodeAt(0)] = 1;
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;

const PLAIN_NAME = /^[\p{L}'’. -]+$/u;

/**
 * wordText's last note: the word model and the role model read it in turn, and the same string
 * back is the note scanWordHashes scanned last (one identity check, where a second copy was
 * built, flattened and compared character by character).
 */
let wordTextIn: string | undefined;
let wordTextOut = '';

/**
 * The note as the word model reads it: folded (same length, so spans point at the original) and
 * with the greeting's name blanked out: "Hi Samir," says nothing about the note, and a name seen
 * in a few training notes must not lean a verdict. Placeholders in its place ([Name]) are kept.
 */
export function wordText(text: string): string {
  if (text === wordTextIn) return wordTextOut;
  const lower = foldSameLength(text);
  const g = parseGreeting(text);
  const out = !g?.name || !PLAIN_NAME.test(g.name) ? lower : lower.slice(0, g.nameStart) + ' '.repeat(g.name.length) + lower.slice(g.nameStart + g.name.length);
  wordTextIn = text;
  wordTextOut = out;
  return out;
}

/**
 * Calls `visit` once per feature of the note, by name, in order of first occurrence. The
 * reference scanner: training uses it; scoring uses the hashed twin below.
 */
export function forEachWordFeature(text: string, visit: (feature: string) => void): void {
  const lower = wordText(text);
  const seen = new Set<string>();
  const add = (feature: string) => {
    if (seen.has(feature)) return;
    seen.add(feature);
    visit(feature);
  };
  let prev = '';
  for (let i = 0, n = lower.length; i < n; ) {
    if (!isWordChar(lower.charCodeAt(i))) {
      if (MARKS.includes(lower[i])) add(`p:${lower[i]}`);
      i++;
      continue;
    }
    const start = i;
    while (i < n && isWordChar(lower.charCodeAt(i))) i++;
    const word = lower.slice(start, i).replace(/[0-9]+/g, '0');
    add(`w:${word}`);
    if (word.length > STEM) add(`s:${word.slice(0, STEM)}`);
    if (prev) add(`b:${prev}_${word}`);
    prev = word;
  }
}

// FNV-1a, 32 bits
const FNV_OFFSET = 0x811c9dc5 | 0;
const step = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);
export function hashFeature(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = step(h, s.charCodeAt(i));
  return h;
}
const SEED_W = hashFeature('w:');
const SEED_S = hashFeature('s:');
const SEED_B = hashFeature('b:');
const SEED_P = hashFeature('p:');
const UNDERSCORE = 95;

/** The hashed scanner's output for one note: parallel arrays, reused from note to note (scoring is synchronous). */
export const scanned = { count: 0, hash: new Int32Array(256), word: new Uint8Array(256), start: new Int32Array(256), end: new Int32Array(256) };

function push(h: number, isWord: boolean, start: number, end: number): void {
  const out = scanned;
  if (out.count === out.hash.length) {
    const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    out.hash = grow(out.hash);
    out.word = grow(out.word);
    out.start = grow(out.start);
    out.end = grow(out.end);
  }
  const i = out.count++;
  out.hash[i] = h;
  out.word[i] = isWord ? 1 : 0;
  out.start[i] = start;
  out.end[i] = end;
}

/** The text `scanned` was last filled from, and its count of features (the role model appends to them). */
let scannedText: string | null = null;
let scannedCount = 0;

/**
 * The hashed scanner: fills `scanned` with `hashFeature(feature)` of the same features as
 * forEachWordFeature, in the same order, each with its span in the original text (duplicates
 * included: the caller skips them). Returns the count. The word model and the role model read the
 * same note in turn: a text scanned last time is not scanned again (only its count is restored).
 */
export function scanWordHashes(lower: string): number {
  if (lower === scannedText) {
    scanned.count = scannedCount;
    return scannedCount;
  }
  scanned.count = 0;
  let prevPair = 0; // hash state of `b:<previous word>_`
  let prevStart = -1;
  for (let i = 0, n = lower.length; i < n; ) {
    const c = lower.charCodeAt(i);
    if (!isWordChar(c)) {
      if (c < 128 && IS_MARK[c] === 1) push(step(SEED_P, c), false, i, i + 1);
      i++;
      continue;
    }
    const start = i;
    let hw = SEED_W;
    let hs = SEED_S;
    let hb = prevPair;
    let next = SEED_B;
    let len = 0;
    let lastDigit = false;
    for (; i < n; i++) {
      let ch = lower.charCodeAt(i);
      if (!isWordChar(ch)) break;
      if (isDigit(ch)) {
        if (lastDigit) continue;
        lastDigit = true;
        ch = 48;
      } else lastDigit = false;
      hw = step(hw, ch);
      if (len < STEM) hs = step(hs, ch);
      hb = step(hb, ch);
      next = step(next, ch);
      len++;
    }
    push(hw, true, start, i);
    if (len > STEM) push(hs, false, start, i);
    if (prevStart >= 0) push(hb, false, prevStart, i);
    prevPair = step(next, UNDERSCORE);
    prevStart = start;
  }
  scannedText = lower;
  scannedCount = scanned.count;
  return scannedCount;
}


/** A model ready to score: per feature hash, its row of log-probabilities in `logp`. */
interface CompiledWordModel extends FeatureIndex {
  prior: Float64Array;
  /** Log-probabilities, K per feature; a row is computed on its first lookup (`ready`) until the model is indexed. */
  logp: Float64Array;
  /** Per row: its `logp` is computed. */
  ready: Uint8Array;
  counts: Uint32Array;
  alpha: number;
  /** Per class: log(total count + alpha × rows). */
  denom: Float64Array;
  /** Per row (offset / K): may the feature be shown as evidence (a word seen in a few notes, not in most: not a one-off, not a function word). */
  telling: Uint8Array;
}

/**
 * Where a model's feature hashes are found. A model read for a few notes (`aoi check`: one) looks
 * them up by binary search in its sorted hashes, and computes only the rows it meets; after
 * INDEX_AFTER lookups (a batch) it builds the open-addressing table (hashTable) once. The row a
 * hash is found at is the same either way (the hashes are distinct: pooled when packed).
 */
interface FeatureIndex {
  /** Feature hashes, in order of unsigned hash. */
  hashes: Int32Array;
  /** Lookups so far, until the table is built. */
  lookups: number;
  /** Open-addressing table: feature hash → `value(row)` of hashTable (0: empty slot); null until built. */
  keys: Int32Array | null;
  rows: Int32Array | null;
}
const INDEX_AFTER = 4096;
/**
 * Lookups to start a model's index at: 0 (search until INDEX_AFTER) for a model read from its file
 * (its hashes are in order: decoded from ascending deltas), and for one handed over whose hashes
 * are in order; a model whose hashes are not builds its table on its first lookup.
 */
function firstLookups(model: object, hashes: Int32Array): number {
  if ('load' in model) return 0;
  for (let r = 1; r < hashes.length; r++) if (hashes[r - 1] >>> 0 > hashes[r] >>> 0) return INDEX_AFTER;
  return 0;
}

/** The first row of hash `h` in `hashes` (in order of unsigned hash), or -1: the row hashTable finds. */
export function searchRow(hashes: Int32Array, h: number): number {
  const u = h >>> 0;
  let lo = 0;
  let hi = hashes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hashes[mid] >>> 0 < u) lo = mid + 1;
    else hi = mid;
  }
  return lo < hashes.length && hashes[lo] === (h | 0) ? lo : -1;
}

/** Evidence words occur in at least this many training notes, and in at most this share of them. */
const TELLING_MIN_NOTES = 2;
const TELLING_MAX_SHARE = 0.08;
/** Words that count as features but explain nothing to a reader (function words and greetings, folded; EN/ES/DE/FR/PT/IT/NL). */
const NOT_EVIDENCE = new Set(
  (
    'a an the and or but if so as at by for from in into of on to up with about after before where when what which who why how ' +
    'this that these those there here it its is are was were be been being am do does did have has had having can could would should will shall may might must ' +
    'i me my we our us you your yours he she they them their his her just also very really too more most some any all no not one ' +
    'hi hey hello dear hiya thanks ' + GREETING_WORDS.join(' ') + ' ' +
    'el la los las un una unos unas y o pero de del al en con por para que como muy mas su sus tu tus mi mis nuestro nuestra nuestros nuestras es son fue esta estoy ' +
    'der die das den dem des ein eine einen einem und oder aber zu mit fur von bei auf im ist sind war ich wir sie ihr ihre ihnen du dich dir sehr auch ' +
    'le les des une et ou mais pour avec sur dans par que qui est sont etait je nous vous votre vos nos mon ma mes tres aussi ' +
    'o os as um uma e ou mas para com por que em no na nos nas seu sua meu minha nosso nossa voce muito ' +
    'il lo gli di da per con che non sono io noi tu voi ' +
    'het een en van voor met op te is zijn ik wij je jij u'
  ).split(' '),
);

const slotOf = (h: number, mask: number) => (h ^ (h >>> 15)) & mask;

/**
 * An open-addressing table of a model's feature hashes (load ≤ 1/3: short probes; a power of two,
 * at least 1024 slots): `rows[i]` is `value(r)` (never 0: 0 marks an empty slot) for the feature of
 * row `r` whose hash is `keys[i]`.
 */
function hashTable(hashes: ArrayLike<number>, value: (r: number) => number): { keys: Int32Array; rows: Int32Array } {
  let size = 1024;
  while (size < hashes.length * 3) size *= 2;
  const keys = new Int32Array(size);
  const rows = new Int32Array(size);
  for (let r = 0; r < hashes.length; r++) {
    const h = hashes[r];
    let i = slotOf(h, size - 1);
    while (rows[i] !== 0) i = (i + 1) & (size - 1);
    keys[i] = h;
    rows[i] = value(r);
  }
  return { keys, rows };
}

/** The offset of a feature's row in `logp` (its row computed), or -1 when the model does not know it. */
function rowOf(c: CompiledWordModel, h: number): number {
  const K = c.prior.length;
  if (c.keys === null) {
    if (++c.lookups <= INDEX_AFTER) {
      const r = searchRow(c.hashes, h);
      if (r >= 0 && c.ready[r] === 0) logpRow(c, r);
      return r < 0 ? -1 : r * K;
    }
    for (let r = 0; r < c.ready.length; r++) if (c.ready[r] === 0) logpRow(c, r);
    ({ keys: c.keys, rows: c.rows } = hashTable(c.hashes, (r) => r * K + 1));
  }
  const keys = c.keys;
  const rows = c.rows!;
  const mask = keys.length - 1;
  for (let i = slotOf(h, mask); ; i = (i + 1) & mask) {
    const r = rows[i];
    if (r === 0) return -1;
    if (keys[i] === h) return r - 1;
  }
}

function logpRow(c: CompiledWordModel, r: number): void {
  const K = c.prior.length;
  for (let k = 0, at = r * K; k < K; k++) c.logp[at + k] = Math.log(c.counts[at + k] + c.alpha) - c.denom[k];
  c.ready[r] = 1;
}

const compiled = new WeakMap<WordModel, CompiledWordModel>();

/** A feature's counts may be shown as evidence: a word seen in a few notes, not in most, and not a function word. */
function isTelling(word: string | undefined, notes: number, all: number): boolean {
  return notes >= TELLING_MIN_NOTES && notes <= TELLING_MAX_SHARE * all && word !== undefined && !NOT_EVIDENCE.has(word);
}

/** The trained model (feature names) as scoring reads it: features hashed, collisions pooled, evidence flags set. */
export function packWordModel(model: TrainedWordModel): PackedWordModel {
  const K = model.classes.length;
  const rows = new Map<number, number[]>();
  const wordOf = new Map<number, string>();
  for (const line of model.features) {
    const tab = line.indexOf('\t');
    const h = hashFeature(line.slice(0, tab));
    if (line.startsWith('w:')) wordOf.set(h, line.slice(2, tab));
    const n = line.slice(tab + 1).split(',').map(Number);
    const row = rows.get(h);
    if (row) for (let k = 0; k < K; k++) row[k] += n[k]; // a hash collision: the two features pool
    else rows.set(h, n);
  }
  const all = model.notes.reduce((a, b) => a + b, 0);
  const order = [...rows.keys()].sort((a, b) => (a >>> 0) - (b >>> 0));
  const hashes = Int32Array.from(order);
  const counts = new Uint32Array(order.length * K);
  const telling = new Uint8Array(order.length);
  order.forEach((h, r) => {
    const n = rows.get(h)!;
    counts.set(n, r * K);
    telling[r] = isTelling(wordOf.get(h), n.reduce((a, b) => a + b, 0), all) ? 1 : 0;
  });
  return { classes: [...model.classes], notes: [...model.notes], alpha: model.alpha, hashes, counts, telling };
}

/**
 * fitted/word-model.bin, little endian: "AOIW", version 1, K, 2 bytes zero, alpha (float64),
 * notes per class (K × uint32), the class names (uint8 length + ASCII, K times), rows (uint32);
 * then per row, in order of unsigned hash: the hash's difference to the previous one (LEB128), one
 * byte (bit k: class k's count is not 0; bit 7: telling), the counts that are not 0 (LEB128).
 * About 5 bytes a feature (16k features: 85 KB), against 24 as JSON text.
 */
const MAGIC = 0x57494f41; // "AOIW"
export function encodeWordModel(p: PackedWordModel): Uint8Array {
  const K = p.classes.length;
  const head: number[] = [];
  const u32 = (x: number) => head.push(x & 255, (x >>> 8) & 255, (x >>> 16) & 255, (x >>> 24) & 255);
  u32(MAGIC);
  head.push(1, K, 0, 0);
  head.push(...new Uint8Array(Float64Array.of(p.alpha).buffer));
  for (const n of p.notes) u32(n);
  for (const c of p.classes) head.push(c.length, ...Array.from(c, (ch) => ch.charCodeAt(0) & 255));
  u32(p.hashes.length);
  const body: number[] = [];
  const leb = (x: number) => {
    while (x > 127) {
      body.push((x & 127) | 128);
      x = Math.floor(x / 128);
    }
    body.push(x);
  };
  let prev = 0;
  for (let r = 0; r < p.hashes.length; r++) {
    const h = p.hashes[r] >>> 0;
    leb(h - prev);
    prev = h;
    let mask = p.telling[r] ? 128 : 0;
    for (let k = 0; k < K; k++) if (p.counts[r * K + k] !== 0) mask |= 1 << k;
    body.push(mask);
    for (let k = 0; k < K; k++) if (p.counts[r * K + k] !== 0) leb(p.counts[r * K + k]);
  }
  return Uint8Array.from([...head, ...body]);
}

export function decodeWordModel(bytes: Uint8Array): PackedWordModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC || bytes[4] !== 1) throw new Error('word model: not an AOIW version 1 file');
  const K = bytes[5];
  const alpha = view.getFloat64(8, true);
  let at = 16;
  const notes: number[] = [];
  for (let k = 0; k < K; k++, at += 4) notes.push(view.getUint32(at, true));
  const classes: WordClass[] = [];
  for (let k = 0; k < K; k++) {
    const len = bytes[at++];
    classes.push(String.fromCharCode(...bytes.subarray(at, at + len)) as WordClass);
    at += len;
  }
  const rows = view.getUint32(at, true);
  at += 4;
  const leb = () => {
    let x = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[at++];
      x += (b & 127) * scale;
      if (b < 128) return x;
      scale *= 128;
    }
  };
  const hashes = new Int32Array(rows);
  const counts = new Uint32Array(rows * K);
  const telling = new Uint8Array(rows);
  let h = 0;
  // (most counts take one byte: read in place, without the call)
  for (let r = 0; r < rows; r++) {
    h += leb();
    hashes[r] = h | 0;
    const mask = bytes[at++];
    telling[r] = mask >> 7;
    for (let k = 0; k < K; k++) {
      if ((mask & (1 << k)) === 0) continue;
      const b = bytes[at];
      counts[r * K + k] = b < 128 ? (at++, b) : leb();
    }
  }
  if (at !== bytes.length) throw new Error('word model: trailing bytes');
  return { classes, notes, alpha, hashes, counts, telling };
}

function packedOf(model: WordModel): PackedWordModel {
  if ('load' in model) return model.load();
  if ('features' in model) return packWordModel(model);
  return model;
}

function compile(model: WordModel): CompiledWordModel {
  let c = compiled.get(model);
  if (c) return c;
  const p = packedOf(model);
  const K = p.classes.length;
  const R = p.hashes.length;
  const totals = new Float64Array(K);
  for (let r = 0; r < R; r++) for (let k = 0; k < K; k++) totals[k] += p.counts[r * K + k];
  const denom = Float64Array.from(totals, (t) => Math.log(t + p.alpha * R));
  const all = p.notes.reduce((a, b) => a + b, 0);
  const prior = Float64Array.from(p.notes, (n) => Math.log((n + 1) / (all + K)));
  // the rows' log-probabilities and the hash table: as the notes need them (rowOf)
  const logp = new Float64Array(R * K);
  c = { prior, logp, ready: new Uint8Array(R), counts: p.counts, alpha: p.alpha, denom, telling: p.telling, hashes: p.hashes, lookups: firstLookups(model, p.hashes), keys: null, rows: null };
  compiled.set(model, c);
  return c;
}

export interface WordVerdict {
  cls: WordClass;
  /** Posterior of `cls` among the word classes. */
  p: number;
  /** The note's telling words that leaned hardest towards `cls`, as written, strongest first (may be empty). */
  evidence: string[];
}

/** Which hashes this note has seen: open addressing stamped per note (a Set of numbers costs more than the rest of the scoring). */
let seenHash = new Int32Array(1024);
let seenStamp = new Uint32Array(1024);
let stamp = 0;
function firstTime(h: number): boolean {
  const mask = seenHash.length - 1;
  let i = slotOf(h, mask);
  while (seenStamp[i] === stamp) {
    if (seenHash[i] === h) return false;
    i = (i + 1) & mask;
  }
  seenStamp[i] = stamp;
  seenHash[i] = h;
  return true;
}
function newNote(features: number): void {
  if (features * 4 > seenHash.length) {
    let size = seenHash.length;
    while (features * 4 > size) size *= 2;
    seenHash = new Int32Array(size);
    seenStamp = new Uint32Array(size);
    stamp = 0;
  }
  if (++stamp === 0xffffffff) {
    seenStamp.fill(0);
    stamp = 1;
  }
}
const score = new Float64Array(WORD_CLASSES.length);
/**
 * The note's evidence candidates as a model reads them (readWords, readRoleWords: one note at a
 * time): per candidate word, where its row starts in the model's weights and its feature's index in
 * `scanned`. Typed and reused: Arrays emptied per note gave up their storage and grew it again.
 */
let candidateAt = new Int32Array(256);
let candidateIndex = new Int32Array(256);
/** Room for `n` candidates (a note's features bound them). */
function candidatesFor(n: number): void {
  if (candidateAt.length >= n) return;
  candidateAt = new Int32Array(2 * n);
  candidateIndex = new Int32Array(2 * n);
}

/** What the words of a note say, or null when none of its features is known to the model. */
export function readWords(text: string, model: WordModel, maxEvidence = 3): WordVerdict | null {
  const c = compile(model);
  const { prior, logp } = c;
  const K = prior.length;
  const s = score;
  for (let k = 0; k < K; k++) s[k] = prior[k];
  let known = 0;
  const n = scanWordHashes(wordText(text));
  newNote(n);
  candidatesFor(n);
  let candidates = 0;
  const { hash, word, start, end } = scanned;
  for (let i = 0; i < n; i++) {
    const h = hash[i];
    if (!firstTime(h)) continue;
    const at = rowOf(c, h);
    if (at < 0) continue;
    known++;
    for (let k = 0; k < K; k++) s[k] += logp[at + k];
    // words of 3+ letters are the evidence (pairs, stems and marks repeat a word or say little)
    if (word[i] === 1 && end[i] - start[i] > 2) {
      candidateAt[candidates] = at;
      candidateIndex[candidates++] = i;
    }
  }
  if (known === 0) return null;
  const { best, z } = winnerOf(s, K);
  // evidence: the telling words by how much likelier they are under the winner than under the best
  // other class. None: the lean rests on function words and greetings (the note's language or
  // register, not what it says), and the word rules do not fire.
  const top: { lean: number; j: number }[] = [];
  for (let j = 0; j < candidates; j++) {
    const at = candidateAt[j];
    if (c.telling[at / K] === 0) continue;
    let other = -Infinity;
    for (let k = 0; k < K; k++) if (k !== best && logp[at + k] > other) other = logp[at + k];
    const lean = logp[at + best] - other;
    if (lean <= 0 || (top.length === maxEvidence && lean <= top[top.length - 1].lean)) continue;
    let p = top.length;
    while (p > 0 && top[p - 1].lean < lean) p--;
    top.splice(p, 0, { lean, j });
    if (top.length > maxEvidence) top.pop();
  }
  return { cls: WORD_CLASSES[best], p: 1 / z, evidence: top.map(({ j }) => text.slice(start[candidateIndex[j]], end[candidateIndex[j]])) };
}

/**
 * The word rules a note fires: its word class's rule when the words lean (≥ LEAN) and telling words
 * say so (evidence), and the `_sure` one too when they leave no doubt.
 */
export function fireWordRules(text: string, model: WordModel, out: { id: string; evidence: string }[]): void {
  const v = readWords(text, model);
  if (!v || v.p < LEAN || v.evidence.length === 0) return;
  const evidence = v.evidence.join(', ');
  out.push({ id: WORD_RULE[v.cls], evidence });
  if (v.p >= SURE) out.push({ id: WORD_RULE_SURE[v.cls], evidence });
}

// ---------------------------------------------------------------- the role model (issue 16)

/**
 * The role model: who is writing, read from the note's words (the same features as the word model
 * above: folded words, word pairs, 5-letter stems, marks; plus the role cues, forEachRoleCue below), as a multinomial logistic regression
 * over the seven roles, `unknown` included. Fitted by `npm run fit` (scripts/training/roles.ts) on
 * every role-labelled set it may train on, shipped as data (fitted/role-model.bin: encodeRoleModel)
 * and read on first use (fitted.ts ROLE_MODEL). Where the role rules (role.ts) know the phrasing,
 * they decide; the model reads the notes they do not know, and its evidence is the note's own words
 * that leaned hardest towards the role it chose.
 */
export interface RoleWordModel {
  /** The roles, in the order of each row's weights. */
  classes: readonly string[];
  /** Per class. */
  bias: Float64Array;
  /** A weight is `scale × int8`. */
  scale: number;
  /** Feature hashes (hashFeature), in order of unsigned hash. */
  hashes: Int32Array;
  /** K int8 weights per row (centred: they sum to about 0 over the classes). */
  weights: Int8Array;
}

/** A role model read on first use. */
export interface LazyRoleWordModel {
  load(): RoleWordModel;
}

/** Whether a folded word may be shown as evidence: not a function word or a greeting. */
export function isEvidenceWord(folded: string): boolean {
  return folded.length > 2 && !NOT_EVIDENCE.has(folded) && !/^[0-9]+$/.test(folded);
}

/**
 * fitted/role-model.bin, little endian: "AOIR", version 1, K, 2 bytes zero, scale (float64), bias
 * (K × float64), the class names (uint8 length + ASCII, K times), rows (uint32); then per row, in
 * order of unsigned hash: the hash's difference to the previous one (LEB128) and K int8 weights.
 */
const ROLE_MAGIC = 0x52494f41; // "AOIR"
export function encodeRoleModel(m: RoleWordModel): Uint8Array {
  const K = m.classes.length;
  const out: number[] = [];
  const u32 = (x: number) => out.push(x & 255, (x >>> 8) & 255, (x >>> 16) & 255, (x >>> 24) & 255);
  const f64 = (x: number) => out.push(...new Uint8Array(Float64Array.of(x).buffer));
  u32(ROLE_MAGIC);
  out.push(1, K, 0, 0);
  f64(m.scale);
  for (const b of m.bias) f64(b);
  for (const c of m.classes) out.push(c.length, ...Array.from(c, (ch) => ch.charCodeAt(0) & 255));
  u32(m.hashes.length);
  let prev = 0;
  for (let r = 0; r < m.hashes.length; r++) {
    const h = m.hashes[r] >>> 0;
    let x = h - prev;
    prev = h;
    while (x > 127) {
      out.push((x & 127) | 128);
      x = Math.floor(x / 128);
    }
    out.push(x);
    for (let k = 0; k < K; k++) out.push(m.weights[r * K + k] & 255);
  }
  return Uint8Array.from(out);
}

export function decodeRoleModel(bytes: Uint8Array): RoleWordModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 16 || view.getUint32(0, true) !== ROLE_MAGIC || bytes[4] !== 1) throw new Error('role model: not an AOIR version 1 file');
  const K = bytes[5];
  const scale = view.getFloat64(8, true);
  let at = 16;
  const bias = new Float64Array(K);
  for (let k = 0; k < K; k++, at += 8) bias[k] = view.getFloat64(at, true);
  const classes: string[] = [];
  for (let k = 0; k < K; k++) {
    const len = bytes[at++];
    classes.push(String.fromCharCode(...bytes.subarray(at, at + len)));
    at += len;
  }
  const rows = view.getUint32(at, true);
  at += 4;
  const hashes = new Int32Array(rows);
  const weights = new Int8Array(rows * K);
  // the weights read as int8 straight from the bytes (one copy per row, not a DataView call per weight)
  const int8 = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let h = 0;
  for (let r = 0; r < rows; r++) {
    let x = 0;
    let mul = 1;
    for (;;) {
      const b = bytes[at++];
      x += (b & 127) * mul;
      if (b < 128) break;
      mul *= 128;
    }
    h += x;
    hashes[r] = h | 0;
    if (at + K > bytes.length) throw new Error('role model: truncated');
    weights.set(int8.subarray(at, at + K), r * K);
    at += K;
  }
  if (at !== bytes.length) throw new Error('role model: trailing bytes');
  return { classes, bias, scale, hashes, weights };
}

/** The role model's running scores, reused from note to note (scoring is synchronous). */
const roleScore = new Float64Array(16);

interface CompiledRoleModel extends FeatureIndex {
  model: RoleWordModel;
}

/** The row of a feature in the role model, or -1 when it does not know it (see FeatureIndex). */
function roleRowOf(c: CompiledRoleModel, h: number): number {
  if (c.keys === null) {
    if (++c.lookups <= INDEX_AFTER) return searchRow(c.hashes, h);
    ({ keys: c.keys, rows: c.rows } = hashTable(c.hashes, (r) => r + 1));
  }
  const keys = c.keys;
  const rows = c.rows!;
  const mask = keys.length - 1;
  for (let j = slotOf(h, mask); rows[j] !== 0; j = (j + 1) & mask) if (keys[j] === h) return rows[j] - 1;
  return -1;
}
const compiledRoles = new WeakMap<object, CompiledRoleModel>();

function compileRoleModel(m: RoleWordModel | LazyRoleWordModel): CompiledRoleModel {
  let c = compiledRoles.get(m);
  if (c) return c;
  const model = 'load' in m ? m.load() : m;
  if (model.classes.length > roleScore.length) throw new Error(`role model: ${model.classes.length} classes, at most ${roleScore.length}`);
  c = { model, hashes: model.hashes, lookups: firstLookups(m, model.hashes), keys: null, rows: null };
  compiledRoles.set(m, c);
  return c;
}

export interface RoleWordVerdict {
  /** The role the words lean to (one of the model's classes). */
  cls: string;
  /** Its probability among the roles. */
  p: number;
  /** The note's words that leaned hardest towards `cls`, as written, strongest first (may be empty). */
  evidence: string[];
}

/** The role model's feature for a note the owner sent (their own notes are read apart: an owner asks and offers otherwise). */
export const SENT_FEATURE = 'd:sent';
const SENT_HASH = hashFeature(SENT_FEATURE);
const pushCue = (_: string, h: number) => push(h, false, 0, 0);

/**
 * Role cues (issue 16): features of the role model beside the words, each a family of phrasings (EN,
 * ES, DE, FR, PT, IT) of one thing a sender does, so that what one training note says in one wording
 * teaches the model every wording of it. The model learns how far each cue leans to each role (the
 * cues are no rules: a note may have several, and what they mean together is fitted):
 *   - offers_people: offers people to the recipient (candidates, profiles, CVs, developers available,
 *     bench, placement, a rate per hour or month for a person): staffing, a recruiter;
 *   - sells_service: sells a product or service (demo, pricing, our platform, we build, free trial);
 *   - job_offer: a recruiter's offer (we are hiring, the role, your profile fits, the client, salary);
 *   - job_ask: a first-person job ask (I am looking for a job, open to work, refer me, internship, my CV);
 *   - help_me: the sender asks for help, guidance or advice for themselves;
 *   - invite: invites the recipient to join or to speak (our community, members, speak at our summit);
 *   - expert_call: a paid expert call (honorarium, expert network, a project with a client, a paid
 *     30-minute call);
 *   - self_peer: a self-introduction as one of the recipient's field (I'm also a…, fellow…, like you).
 * Matched on the folded note; every pattern is linear (bounded repeats only).
 */
export const ROLE_CUE_SOURCES: Record<string, string> = {
  offers_people: [
    String.raw`\b(?:candidates?|cvs|resumes|profiles (?:that|of|for|available|ready)|(?:\d+|some|a few|two|three) (?:\S+ )?profiles|shortlist(?:ed)?|pre-?vetted|vetted|pre-?screened|bench|placements?|we place|placing|talent pool|staffing|staff augmentation|augment your|outstaff\w*|outsourc\w*|offshore|nearshore|dedicated (?:developers|engineers|team|resources)|(?:developers|engineers|devs|testers|nurses|staff|accountants|bookkeepers|consultants|technicians|workers|drivers) (?:\S+ ){0,3}(?:available|ready to start|on demand|from (?:india|latam|poland|ukraine|the philippines|eastern europe)|at [$€£]|starting at|from [$€£])|per (?:hour|hr|month) per (?:developer|engineer|person|head|resource)|\/(?:hr|hour|month) per|monthly rate|fixed monthly|suppl(?:y|ying) (?:\S+ ){0,2}(?:staff|nurses|workers|engineers|developers|drivers|carers|rgns|hcas)|placement fee|(?:no|zero) upfront (?:cost|fee)|replacement guarantee|\d+%? fee|contract (?:role|position)s?|temp(?:orary)? staff|locum)\b`,
    String.raw`\b(?:perfiles (?:de|disponibles|cualificados|para)|candidat[oa]s|curr[ií]culums|cvs|bolsa de (?:talento|candidatos)|trabajamos perfiles|subcontrataci[oó]n|externalizaci[oó]n|profesionales (?:disponibles|cualificados)|kandidat(?:en|innen)|lebensl[aä]ufe|profile (?:von|f[uü]r)|fachkr[aä]fte (?:aus|f[uü]r|verf[uü]gbar)|arbeitnehmer[uü]berlassung|personalvermittlung|zeitarbeit|candidats|profils (?:disponibles|qualifi[eé]s|de)|int[eé]rim\w*|r[eé]gie|prestataires? (?:disponibles?)|candidatos|perfis|curr[ií]culos|aloca[cç][aã]o de|terceiriza[cç][aã]o|profissionais (?:dispon[ií]veis|qualificados)|candidati|profili (?:disponibili|qualificati)|somministrazione)\b`,
  ].join('|'),
  sells_service: [
    String.raw`\b(?:demo|pricing|price list|quote|our (?:\S+ )?(?:platform|software|tool|solution|app|product|saas|service|services|agency|studio)|we (?:build|develop|design|automate|sell|deliver|offer)|free (?:trial|audit|consultation|assessment)|subscription|roi|integrat\w+ with|book a (?:call|demo|meeting)|case stud(?:y|ies)|our clients|leads|appointments|per month|plans? (?:start|from))\b`,
    String.raw`\b(?:demostraci[oó]n|precios?|presupuesto|nuestr[oa] (?:\S+ )?(?:plataforma|soluci[oó]n|herramienta|software|servicio|agencia|app)|desarrollamos|ofrecemos|prueba gratuita|demo|preise|angebot|unsere? (?:\S+ )?(?:l[oö]sung|plattform|software|tool|agentur|dienstleistung)|wir (?:entwickeln|bieten|automatisieren)|kostenlose?n? (?:test|analyse|beratung)|d[eé]mo(?:nstration)?|tarifs?|devis|not(?:re|s) (?:\S+ )?(?:plateforme|solution|outil|logiciel|agence|offre)|nous (?:d[eé]veloppons|proposons|offrons)|essai gratuit|demonstra[cç][aã]o|pre[cç]os?|or[cç]amento|nossa (?:\S+ )?(?:plataforma|solu[cç][aã]o|ferramenta|ag[eê]ncia)|desenvolvemos|oferecemos|teste gr[aá]tis|prezzi|preventivo|la nostra (?:\S+ )?(?:piattaforma|soluzione|agenzia)|sviluppiamo|offriamo|prova gratuita)\b`,
  ].join('|'),
  job_offer: [
    String.raw`\b(?:we(?:'re| are) hiring|(?:i'?m|i am|we(?:'re| are)) (?:currently )?(?:recruiting|hiring|looking for) (?:a|an|two|several)|the (?:role|position|opening|vacancy)|this (?:role|position|opportunity)|(?:a|an) (?:\S+ ){0,3}(?:role|position|vacancy) (?:at|with|in|for)|your (?:profile|background|experience) (?:\S+ ){0,3}(?:fits?|matches|aligns?|stood out)|(?:my|our|the) client|a client of (?:ours|mine)|salary|compensation|package|(?:are you|would you be) (?:open|interested) (?:to|in) (?:a |new |hearing)|job description|hiring manager|interview process for|relocation)\b`,
    String.raw`\b(?:estamos (?:buscando|contratando|seleccionando)|estoy buscando (?:un|una|un\/a)|vacante|la posici[oó]n|el puesto|tu perfil|(?:nuestro|mi) cliente|salario|banda salarial|te interesar[ií]a|wir suchen|ich suche f[uü]r|die (?:stelle|position)|ihr profil|(?:unser|mein) (?:kunde|mandant)|gehalt|verg[uü]tung|offene stelle|nous recrutons|je recrute|le poste|votre profil|(?:notre|mon) client|salaire|r[eé]mun[eé]ration|estamos (?:com uma vaga|contratando)|uma vaga|a vaga|seu perfil|(?:nosso|meu) cliente|sal[aá]rio|stiamo (?:cercando|assumendo)|la posizione|il tuo profilo|(?:nostro|mio) cliente|retribuzione|\bral\b)\b`,
  ].join('|'),
  job_ask: [
    String.raw`\b(?:(?:i'?m|i am) (?:\S+ ){0,2}(?:looking|searching|seeking) for (?:a |an |my )?(?:\S+ ){0,3}(?:job|role|position|internship|opportunit\w*|opening|work)|open to work|#opentowork|refer me|a referral|my (?:cv|resume|portfolio)|internship|intern (?:role|position)|fresher|(?:recent|fresh|new) grad\w*|final[- ]year|can i apply|how (?:can|do) i apply|(?:do|does) (?:you|your (?:team|company)) (?:have any|hire)|are you hiring|any (?:openings|vacancies|opportunities)|hire me|job hunting|laid off|notice period|(?:i'?m|i am) (?:a )?(?:student|graduate))\b`,
    String.raw`\b(?:busco (?:trabajo|empleo|pr[aá]cticas|una oportunidad)|mi (?:cv|curr[ií]culum)|pr[aá]cticas|est[aá]n contratando|me (?:podr[ií]as|puedes) (?:referir|recomendar)|reci[eé]n (?:egresad[oa]|graduad[oa])|ich suche (?:\S+ ){0,2}(?:stelle|job|praktikum|arbeit)|mein(?:en)? lebenslauf|bewerbung|praktikum|stellen sie (?:\S+ )?ein|je (?:cherche|recherche|suis [aà] la recherche d)(?:\S+ ){0,2}(?:emploi|poste|stage|alternance)|mon cv|candidature|stage|recrutez-vous|procuro (?:\S+ ){0,2}(?:emprego|vaga|est[aá]gio|trabalho)|meu (?:cv|curr[ií]culo)|voc[eê]s contratam|est[aã]o contratando|me indicar|est[aá]gio|cerco (?:lavoro|uno stage|un impiego)|il mio cv|candidatura|tirocinio|assumete)\b`,
  ].join('|'),
  help_me: [
    String.raw`\b(?:help me|guide me|advise me|(?:your|any) (?:advice|guidance|tips)|mentor(?:ship|ing)?|mock interview|how (?:did|do) you (?:get|break|land)|pick your brain|please (?:help|guide|suggest))\b`,
    String.raw`\b(?:ay[uú]dame|me (?:ayudas|ayudar[ií]as|orientas)|consejos?|orientaci[oó]n|mentor[ií]a|hilf mir|helfen sie mir|tipps|rat(?:schl[aä]ge)?|m'aider|conseils?|orientation|mentorat|me ajudar|me ajuda|dicas|conselhos?|orienta[cç][aã]o|mentoria|aiutarmi|consigli)\b`,
  ].join('|'),
  invite: [
    String.raw`\b(?:join (?:us|our|my|the)|our (?:\S+ )?(?:community|group|club|chapter|association|network|members|meetup|summit|conference|podcast|panel|cohort)|members|speak(?:er|ing)? at|as (?:a )?(?:speaker|panelist|panellist|guest|judge|mentor)|have you on|call for (?:speakers|papers)|free (?:event|meetup|workshop|webinar)|rsvp|volunteer\w*|invite you to)\b`,
    String.raw`\b(?:[uú]nete|nuestra comunidad|comunidad|miembros|socios|ponente|evento gratuito|te invitamos|invitarte|community|mitglied(?:er)?|beitreten|verein|referent(?:in)?|stammtisch|laden sie ein|rejoignez|rejoindre|communaut[eé]|membres|intervenant|association|vous inviter|comunidade|membros|palestrante|participar|convidar|convite|comunit[aà]|unisciti|membri|relatore|associazione|invitarti)\b`,
  ].join('|'),
  expert_call: [
    String.raw`\b(?:honorarium|expert network|paid (?:\S+ ){0,2}(?:call|consultation|interview|survey|project)|compensated|consultation|(?:\d+|thirty|forty[- ]five|sixty)[- ]?(?:minute|min) (?:\S+ )?(?:call|chat|consultation|interview)|(?:project|engagement) (?:with|for) (?:a|an|our) (?:\S+ )?client|our client,? (?:a|an) (?:\S+ ){0,2}(?:fund|investor|firm)|industry experts?|your (?:insights|expertise|perspective) on|[$€£]\s?\d+\s?(?:\/|per |an? )(?:hour|hr)|investors? (?:\S+ ){0,3}(?:insights|perspective))\b`,
    String.raw`\b(?:remunerad[oa]|honorarios|red de expertos|experto|consulta (?:de|remunerada)|honorar|expertengespr[aä]ch|verg[uü]tet|expertennetzwerk|r[eé]mun[eé]r[eé]e?|honoraires|r[eé]seau d'experts|expert|honor[aá]rios|especialista|rede de especialistas|retribuit[oa]|compenso|esperto|rete di esperti)\b`,
  ].join('|'),
  self_peer: [
    String.raw`\b(?:(?:i'?m|i am) (?:also|too|another) |fellow |like you,? i |as (?:a|another) (?:fellow )?\S+ (?:myself|too)|same (?:field|industry|profession|space)|we(?:'re| are) both|i (?:also )?work (?:in|as))`,
    String.raw`\b(?:tambi[eé]n soy|como t[uú]|yo tambi[eé]n|ich bin (?:auch|selbst)|wie sie|ebenfalls|moi aussi|comme vous|je suis aussi|tamb[eé]m sou|como voc[eê]|eu tamb[eé]m|anch'io|come te|anche io)\b`,
  ].join('|'),
};
const ROLE_CUES = Object.entries(ROLE_CUE_SOURCES).map(([name, src]) => lazyRule({ feature: `c:${name}`, hash: hashFeature(`c:${name}`) }, foldNonAscii(src), 'u'));
/**
 * Behind the word prefilter (gate.ts, issue 15), like the role phrase families: each cue's regex split at
 * its top-level `|` and each `\b(?:…|…)\b` part at its group's (gate.ts distributed: a cue is there
 * when one part matches), and a part runs only when each of its gate groups has a word starting a
 * word of the note (AndGate; its regex built on its first run: gate.ts lazyRule).
 * Built when this module loads, so `npm run fit` writes their gates down (fitted/gates.json).
 */
const ROLE_CUE_ALTS = ROLE_CUES.flatMap((c, cue) => alternatives(c.source).flatMap(distributed).map((src) => lazyRule({ cue }, src, 'u')));
const ROLE_CUE_GATE = new AndGate(ROLE_CUE_ALTS.map((a) => a.source), 3);
const cueOn = new Uint8Array(ROLE_CUES.length);

/** Calls `visit` with each role cue the folded note has (its feature name and hash), in a fixed order. */
export function forEachRoleCue(lower: string, visit: (feature: string, hash: number) => void): void {
  cueOn.fill(0);
  const enabled = ROLE_CUE_GATE.scan(lower);
  for (let q = 0; q < enabled; q++) {
    const a = ROLE_CUE_ALTS[ROLE_CUE_GATE.enabledIds[q]];
    if (cueOn[a.cue] === 0 && a.re.test(lower)) cueOn[a.cue] = 1;
  }
  for (let k = 0; k < ROLE_CUES.length; k++) if (cueOn[k] === 1) visit(ROLE_CUES[k].feature, ROLE_CUES[k].hash);
}

/** What the words of a note say of who is writing (`sent`: the owner sent it), or null when the model knows none of them. */
export function readRoleWords(text: string, model: RoleWordModel | LazyRoleWordModel, sent = false, maxEvidence = 3): RoleWordVerdict | null {
  const c = compileRoleModel(model);
  const { classes, bias, scale, weights } = c.model;
  const K = classes.length;
  const s = roleScore;
  for (let k = 0; k < K; k++) s[k] = bias[k];
  const lower = wordText(text);
  scanWordHashes(lower);
  if (sent) push(SENT_HASH, false, 0, 0);
  forEachRoleCue(lower, pushCue);
  const n = scanned.count;
  const { hash, word, start, end } = scanned;
  newNote(n);
  candidatesFor(n);
  let candidates = 0;
  let known = 0;
  for (let i = 0; i < n; i++) {
    const h = hash[i];
    if (!firstTime(h)) continue;
    const row = roleRowOf(c, h);
    if (row < 0) continue;
    known++;
    for (let k = 0, at = row * K; k < K; k++) s[k] += scale * weights[at + k];
    if (word[i] === 1 && end[i] - start[i] > 2) {
      candidateAt[candidates] = row * K;
      candidateIndex[candidates++] = i;
    }
  }
  if (known === 0) return null;
  const { best, z } = winnerOf(s, K);
  // evidence: the words whose weight for the winner most exceeds their best weight for another role
  const top: { lean: number; i: number }[] = [];
  for (let j = 0; j < candidates; j++) {
    const at = candidateAt[j];
    let other = -Infinity;
    for (let k = 0; k < K; k++) if (k !== best && weights[at + k] > other) other = weights[at + k];
    const lean = weights[at + best] - other;
    if (lean <= 0 || (top.length === maxEvidence && lean <= top[top.length - 1].lean)) continue;
    const i = candidateIndex[j];
    if (!isEvidenceWord(lower.slice(start[i], end[i]))) continue;
    let p = top.length;
    while (p > 0 && top[p - 1].lean < lean) p--;
    top.splice(p, 0, { lean, i });
    if (top.length > maxEvidence) top.pop();
  }
  return { cls: classes[best], p: 1 / z, evidence: top.map(({ i }) => text.slice(start[i], end[i])) };
}

/** The highest of K log-scores and the softmax normaliser relative to it (its probability is 1 / z). */
function winnerOf(s: ArrayLike<number>, K: number): { best: number; z: number } {
  let best = 0;
  for (let k = 1; k < K; k++) if (s[k] > s[best]) best = k;
  let z = 0;
  for (let k = 0; k < K; k++) z += Math.exp(s[k] - s[best]);
  return { best, z };
}
