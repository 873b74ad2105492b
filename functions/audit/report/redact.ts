/**
 * The `--redact` variant: a page meant to be shared, so it must identify nobody. Names, profile URLs
 * and companies are masked in the page's fields, and in the notes every person's name is masked
 * wherever it stands, whatever its spelling, while the rest of the note stays readable enough to
 * show why it was graded ("Hi A•••, I'm a recruiter at C••• …").
 *
 * In a note, a word is masked when:
 * - it is a name the export knows (the owner's, the counterpart's, any other counterpart's) in any
 *   spelling or part: first or last name alone, a longer or shorter form (Alex/Alexandros,
 *   Kate/Katherine, Jo/Johanna), a nickname (Bill/William, Pepe/José), initials (JB), with or
 *   without accents (José/Jose, Müller/Mueller/Muller), in any case;
 * - it stands where a name stands: after a greeting ("Hola X", "Hallo X"), a title ("Dr. X",
 *   "Herr X"), a sign-off ("Best, X", "Viele Grüße X"), "I'm X", "X here", a dash at the end, or
 *   alone on the last line; after a word like "colleague", "amiga", "Kollege";
 * - it is capitalised in the middle of a sentence and is not an ordinary capitalised word (a
 *   pronoun, a title, a job title, a tech term, a month…; in a German note, a noun): a third
 *   person ("with Priya Raman"), a company, a product, a city. Redaction prefers masking too much
 *   to leaking a name;
 * - it opens a sentence and is a common first name, is next to another masked name ("Priya Raman
 *   said"), or comes before "told", "said", "is", "and I", "'s"…;
 * - it was masked so elsewhere in the note or in another note of the report (`learn`).
 * E-mail addresses, links (linkedin.com/in/… included), phone numbers and @handles are replaced
 * whole; the export's companies become "[company]"; merge fields ({first_name}) stay.
 *
 * Known leaks: a name written in lower case with nothing around it that says it is a name ("i
 * talked to priya yesterday", a company "at acme"); a name that opens a sentence, is no common
 * first name and has none of the words above after it ("Okonkwo will join us."), unless the report
 * shows it elsewhere; in a German note, a name that is also a German noun of the lists.
 */
import {
  ABBREVIATIONS,
  COMMON,
  COMPANY_AFTER,
  COMPANY_BEFORE,
  FIRST_NAMES,
  GERMAN_MARKERS,
  GERMAN_NOUN_ENDINGS,
  GERMAN_NOUNS,
  GREETING_PHRASES,
  GREETINGS,
  HERE_WORDS,
  INTRO_PHRASES,
  NICKNAMES,
  NOT_A_NAME,
  OK_CAPITALISED,
  OK_CAPITALISED_WEAK,
  PERSON_TRIGGERS,
  PERSON_VERBS,
  PREPOSITION_TRIGGERS,
  SIGN_OFF_PHRASES,
  SIGN_OFFS,
  TITLES,
} from './redact-words.ts';

export const MASK = '•••';
export const COMPANY_MASK = '[company]';

/** "Jane van Doe" → "J••• v••• D•••": initials only, no length leak. */
export function maskName(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return MASK;
  return words.map((w) => `${[...w][0] ?? ''}${MASK}`).join(' ');
}

export function maskCompany(company: string | undefined): string | undefined {
  return company === undefined || company.trim() === '' ? company : COMPANY_MASK;
}

/**
 * An export's file name as a redacted page shows it: LinkedIn's own names ("Basic_LinkedInDataExport_03-31-2026.zip",
 * "Invitations.csv") as they are, any other ("jane-doe-linkedin.zip") as "export 2.zip".
 */
export function redactSource(source: string, index: number): string {
  if (/^(?:(?:Basic|Complete)_)?LinkedInDataExport_\d{2}-\d{2}-\d{4}(?: ?\(\d+\))?\.zip$/iu.test(source)) return source;
  if (/^(?:Invitations|Connections|Profile)(?: ?\(\d+\))?\.csv$/iu.test(source)) return source;
  const ext = /\.(zip|csv)$/iu.exec(source)?.[0] ?? '';
  return `export ${index + 1}${ext}`;
}

/** One word masked: its first letter, then •••. */
function maskWord(w: string): string {
  const first = [...w][0] ?? '';
  return `${first}${MASK}`;
}

const MARKS = /\p{M}+/gu;

/**
 * A word as redaction compares it: lower case, accents removed, ß → ss, and the German umlaut
 * spellings folded ("Müller", "Mueller" and "Muller" are one; so are "José" and "Jose").
 */
const CANON_CACHE = new Map<string, string>();

export function canon(word: string): string {
  let c = CANON_CACHE.get(word);
  if (c === undefined) {
    c = canonUncached(word);
    if (CANON_CACHE.size >= 100_000) CANON_CACHE.clear();
    CANON_CACHE.set(word, c);
  }
  return c;
}

function canonUncached(word: string): string {
  const s = word
    .normalize('NFD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd')
    .replace(/[’`´]/g, "'");
  return s.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
}

const set = (words: readonly string[]) => new Set(words.map(canon));
const COMMON_SET = set(COMMON);
const OK_SET = set(OK_CAPITALISED);
const WEAK_SET = set(OK_CAPITALISED_WEAK);
const GREETING_SET = set(GREETINGS);
const SIGN_OFF_SET = set(SIGN_OFFS);
const PERSON_TRIGGER_SET = set(PERSON_TRIGGERS);
const PERSON_VERB_SET = set(PERSON_VERBS);
const AND = set(['and', '&', 'y', 'e', 'und', 'et', 'en']);
const ME = set(['i', 'yo', 'eu', 'ich', 'moi', 'ik', 'io']);
const PREPOSITION_SET = set(PREPOSITION_TRIGGERS);
const TITLE_SET = set(TITLES);
const ABBREVIATION_SET = set(ABBREVIATIONS);
const HERE_SET = set(HERE_WORDS);
const NOT_A_NAME_SET = set(NOT_A_NAME);
const FIRST_NAME_SET = new Set([...set(FIRST_NAMES)].filter((n) => !COMMON_SET.has(n)));
const GERMAN_NOUN_SET = set(GERMAN_NOUNS);
const GERMAN_NOUN_TAILS = [...GERMAN_NOUN_SET].filter((n) => n.length >= 4);
const GERMAN_ENDINGS = GERMAN_NOUN_ENDINGS.map(canon);
const GERMAN_MARKER_SET = set(GERMAN_MARKERS);
const COMPANY_BEFORE_SET = set(COMPANY_BEFORE);
const COMPANY_AFTER_SET = set(COMPANY_AFTER);
const PARTICLES = set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'das', 'dos', 'do', 'du', 'le', 'la', 'ten', 'ter', 'zu', 'y', 'e', 'bin', 'al', 'el', 'mac', 'mc']);
/** Phrases as word sequences, by their first word, longest first. */
function phrases(list: readonly string[]): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const p of list) {
    const seq = p.split(/\s+/u).map(canon);
    out.set(seq[0], [...(out.get(seq[0]) ?? []), seq].sort((a, b) => b.length - a.length));
  }
  return out;
}
const GREETING_SEQS = phrases([...GREETING_PHRASES, ...GREETINGS]);
const SIGN_OFF_SEQS = phrases([...SIGN_OFF_PHRASES, ...SIGN_OFFS]);
const INTRO_SEQS = phrases(INTRO_PHRASES);
const NICKNAME_FAMILY = new Map<string, number[]>();
NICKNAMES.forEach((line, i) => {
  for (const n of line.split(/\s+/u).map(canon)) NICKNAME_FAMILY.set(n, [...(NICKNAME_FAMILY.get(n) ?? []), i]);
});

/** A word that ends like a German noun or in one (Datenqualität, Vertriebsteam). */
function isGermanNoun(c: string): boolean {
  if (GERMAN_NOUN_SET.has(c)) return true;
  if (c.length >= 6 && GERMAN_ENDINGS.some((e) => c.endsWith(e))) return true;
  return GERMAN_NOUN_TAILS.some((n) => c.length >= n.length + 3 && c.endsWith(n));
}

// ---------------------------------------------------------------------------------------------
// Known names and companies

/** Names as redaction matches them: their parts, the parts' concatenations, initials; prefixes for lookups. */
class NameForms {
  readonly parts = new Set<string>();
  readonly initials = new Set<string>();
  /** The nickname families (NICKNAMES) the parts belong to. */
  private readonly families = new Set<number>();
  private prefixes: Set<string> | null = null;

  constructor(names: readonly string[]) {
    for (const name of names) {
      const words = name.split(/[\s,]+/u).filter((w) => /\p{L}/u.test(w));
      const letters: string[] = [];
      const joined: string[] = [];
      for (const w of words) {
        const c = canon(w.replace(/[^\p{L}\p{M}\p{N}'’-]+/gu, ''));
        if (!c || PARTICLES.has(c)) continue;
        for (const p of c.split(/[-']/u)) {
          if (p.length >= 2 && !PARTICLES.has(p)) this.parts.add(p);
          if (p) letters.push(p[0]);
        }
        if (c.length >= 2) this.parts.add(c);
        const flat = c.replace(/[-']/gu, '');
        if (flat.length >= 2) this.parts.add(flat);
        joined.push(flat);
      }
      // "José Luis" → "joseluis" (so "Joselu" is found)
      for (let i = 0; i + 1 < joined.length; i++) this.parts.add(joined[i] + joined[i + 1]);
      // initials: the whole name's, the first two (JB, JP), first and last (JM)
      if (letters.length >= 2) {
        this.initials.add(letters.join(''));
        this.initials.add(letters.slice(0, 2).join(''));
        this.initials.add(letters[0] + letters[letters.length - 1]);
      }
    }
    for (const p of this.parts) for (const f of NICKNAME_FAMILY.get(p) ?? []) this.families.add(f);
  }

  /** Every prefix (four letters or more) of every part. */
  private prefixSet(): Set<string> {
    if (!this.prefixes) {
      this.prefixes = new Set();
      for (const p of this.parts) for (let k = 4; k <= p.length; k++) this.prefixes.add(p.slice(0, k));
    }
    return this.prefixes;
  }

  /**
   * Whether a word is a form of one of the names: the same word; a nickname of one; a shorter or
   * longer form (one begins the other, four letters at least: Alex/Alexandros). `close` (the
   * people of the note, few): two letters are enough (Jo/Johanna, Mo/Mohammed), and a form that
   * shares the first three letters counts too (Kate/Katherine, Steffi/Stefanie).
   */
  has(c: string, close: boolean, exactOnly: boolean): boolean {
    if (this.parts.has(c)) return true;
    if ((NICKNAME_FAMILY.get(c) ?? []).some((f) => this.families.has(f))) return true;
    if (exactOnly) return false;
    if (!close) {
      if (c.length >= 4 && this.prefixSet().has(c)) return true;
      for (let k = 4; k < c.length; k++) if (this.parts.has(c.slice(0, k))) return true;
      return false;
    }
    for (const p of this.parts) {
      const shorter = Math.min(c.length, p.length);
      const prefix = commonPrefix(c, p);
      if (prefix === shorter && shorter >= 2) return true;
      if (prefix >= 3 && c.length >= 4 && p.length >= 4) return true;
    }
    return false;
  }
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Companies by their first word, as word sequences (punctuation between words ignored). */
class CompanyIndex {
  private readonly byFirst = new Map<string, string[][]>();
  /** Words of the companies that name them on their own ("Northwind" of "Northwind Freight"). */
  readonly words = new Set<string>();

  constructor(companies: readonly string[]) {
    for (const company of new Set(companies.map((c) => c.trim()))) {
      const seq = (company.match(TOKEN) ?? []).map(canon);
      if (seq.length === 0 || seq.join('').length < 2) continue;
      const list = this.byFirst.get(seq[0]) ?? [];
      list.push(seq);
      list.sort((a, b) => b.length - a.length);
      this.byFirst.set(seq[0], list);
      for (const k of seq) {
        if (k.length >= 3 && !COMMON_SET.has(k) && !OK_SET.has(k) && !WEAK_SET.has(k) && !COMPANY_AFTER_SET.has(k) && !COMPANY_BEFORE_SET.has(k)) this.words.add(k);
      }
    }
  }

  /** The number of tokens from `i` that spell a company, or 0. */
  matchAt(tokens: readonly Token[], i: number): number {
    const list = this.byFirst.get(tokens[i].c);
    if (!list) return 0;
    for (const seq of list) {
      if (i + seq.length > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < seq.length && ok; k++) {
        const t = tokens[i + k];
        if (t.c !== seq[k] || /[\p{L}\p{N}\n]/u.test(t.gap) || t.gap.length > 5) ok = false;
      }
      if (ok) return seq.length;
    }
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Spans replaced whole: merge fields kept, contacts masked

interface Span {
  start: number;
  end: number;
  /** Replacement; null: kept as it is (a merge field). */
  text: string | null;
}

const FIELD_WORD = /(?:name|company|first|last|nom|nombre|empresa|firma|vorname|nachname|prenom|prénom|cognome|naam|bedrijf|title|titel|job|role|position|…)/iu;
const PLACEHOLDER = /\{\{?([^{}\n]{1,40})\}\}?|\[\[?([^[\]\n]{1,40})\]\]?|%([A-Za-z_]{2,30})%|<([A-Za-z_ ]{2,30})>/gu;
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const URL_RE = /(?:\bhttps?:\/\/|\bwww\.|(?<![\p{L}\p{N}.-])(?:[\p{L}\p{N}-]+\.)*linkedin\.com\/)[^\s<>"'’”)\]]*/giu;
const DOMAIN =
  /(?<![\p{L}\p{N}@.-])[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|io|ai|net|org|co|de|es|fr|pt|br|it|nl|uk|eu|app|dev|tech|info|biz|me|us|ca|mx|ar|cl|ch|at|be|se|dk|no|pl|in)(?:\.[a-z]{2})?(?![\p{L}\p{N}-])(?:\/[^\s<>"')\]]*)?/giu;
const PHONE = /(?<![\p{L}\p{N}])(?:\+|00)?\(?\d[\d\s().\/-]{5,}\d(?![\p{L}\p{N}])/gu;
const HANDLE = /(?<![\p{L}\p{N}.@])@[\p{L}\p{N}_.]{2,}/gu;

function isPhone(s: string): boolean {
  const digits = s.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  if (/^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(s.trim())) return false; // a date
  if (/^(?:19|20)\d\d\s*[-–/]\s*(?:19|20)\d\d$/.test(s.trim())) return false; // years
  return true;
}

/** `s` without the characters of `chars` at its end (a loop: `[…]+$` is quadratic on a long run). */
function trimEnd(s: string, char: RegExp): string {
  let end = s.length;
  while (end > 0 && char.test(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** A link without the sentence's punctuation after it. */
const trimUrl = (s: string) => trimEnd(s, /[.,;:!?]/u);

function wholeSpans(text: string): Span[] {
  const spans: Span[] = [];
  // characters already inside a span: an overlap check in the span's length, not in the number of spans
  const covered = new Uint8Array(text.length);
  const add = (start: number, end: number, replacement: string | null) => {
    if (end <= start || covered.subarray(start, end).includes(1)) return;
    covered.fill(1, start, end);
    spans.push({ start, end, text: replacement });
  };
  for (const m of text.matchAll(PLACEHOLDER)) {
    const inner = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
    if (/^[\p{Ll}_\s.…-]+$/u.test(inner) || /^[\p{Lu}_\s]+$/u.test(inner) || FIELD_WORD.test(inner)) add(m.index, m.index + m[0].length, null);
  }
  for (const m of text.matchAll(EMAIL)) add(m.index, m.index + m[0].length, '[email]');
  for (const m of text.matchAll(URL_RE)) {
    const u = trimUrl(m[0]);
    add(m.index, m.index + u.length, /linkedin\.com\/(?:in|pub)\//iu.test(u) ? '[profile]' : '[link]');
  }
  for (const m of text.matchAll(DOMAIN)) add(m.index, m.index + trimUrl(m[0]).length, '[link]');
  for (const m of text.matchAll(HANDLE)) add(m.index, m.index + m[0].length, `@${MASK}`);
  for (const m of text.matchAll(PHONE)) {
    const p = trimEnd(m[0], /[\s(./-]/u);
    if (isPhone(p)) add(m.index, m.index + p.length, '[phone]');
  }
  return spans.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Words

interface Token {
  start: number;
  end: number;
  /** The word without a French/Italian elision before it ("l'", "d'") and an "'s" after it. */
  coreStart: number;
  coreEnd: number;
  core: string;
  c: string;
  /** The whole word folded, elision included ("d'avance"). */
  full: string;
  cap: boolean;
  allCaps: boolean;
  /** "eBay", "iPhone". */
  innerCap: boolean;
  lower: boolean;
  /** One letter ("O." of "Katherine O."). */
  single: boolean;
  /** Followed by "'s". */
  possessive: boolean;
  hasLetter: boolean;
  /** The first word of a sentence, of a line, or after a greeting. */
  initial: boolean;
  /** The first word of a sentence or a line. */
  opens: boolean;
  /** The text between the previous word (or the start) and this one; spans replaced whole read as "_". */
  gap: string;
}

const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|dall|dell|all|nell|sull|un)['’](?=\p{L})/iu;

function tokenize(neutral: string): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  for (const m of neutral.matchAll(TOKEN)) {
    const start = m.index;
    const end = start + m[0].length;
    let coreStart = start;
    let coreEnd = end;
    const el = ELISION.exec(m[0]);
    if (el && m[0].length > el[0].length + 1) coreStart += el[0].length;
    const possessive = /['’]s$/iu.test(m[0]) && coreEnd - coreStart > 3;
    if (possessive) coreEnd -= 2;
    const core = neutral.slice(coreStart, coreEnd);
    const letters = core.replace(/[^\p{L}]/gu, '');
    const cap = /^\p{Lu}/u.test(core);
    out.push({
      start,
      end,
      coreStart,
      coreEnd,
      core,
      c: canon(core),
      full: canon(m[0]),
      cap,
      allCaps: letters.length >= 2 && !/\p{Ll}/u.test(letters),
      innerCap: !cap && /\p{Lu}/u.test(core.slice(1)),
      lower: letters.length > 0 && !/\p{Lu}/u.test(letters),
      single: [...core].length === 1,
      possessive,
      hasLetter: letters.length > 0,
      initial: false,
      opens: false,
      gap: neutral.slice(prevEnd, start),
    });
    prevEnd = end;
  }
  return out;
}

type Reason = 'known' | 'context' | 'signature' | 'capital' | 'run' | 'learned' | 'company';

export interface People {
  /** Display names (the owner's, the counterparts'). */
  names: readonly string[];
  companies: readonly string[];
}

export interface TextRedactor {
  /** A note (or a template, a cluster's example) with every name, company and contact masked. */
  text(text: string): string;
  /**
   * A piece of `message` (a reason's evidence, a list of its words): masked as it is masked in the
   * message, so highlights still find it; a piece that is not in the message is masked on its own.
   */
  fragment(message: string, fragment: string): string;
}

interface Context {
  involved: NameForms;
  known: NameForms;
  companies: CompanyIndex;
  otherCompanies: CompanyIndex;
  learnedCap: ReadonlySet<string>;
  learnedAny: ReadonlySet<string>;
}

/**
 * Redaction for one report: knows every name and company of the export, and learns from the notes
 * the names they mention (`learn`), so that a name masked in one note is masked in another where
 * nothing around it says it is a name.
 */
export class Redactor {
  private readonly known: NameForms;
  private readonly knownCompanies: CompanyIndex;
  private readonly learnedCap = new Set<string>();
  private readonly learnedAny = new Set<string>();

  constructor(everyone: People) {
    this.known = new NameForms(everyone.names);
    this.knownCompanies = new CompanyIndex(everyone.companies);
  }

  /** Reads a text of the report (with the people it involves) and remembers the names masked in it. */
  learn(text: string, involved: People): void {
    if (!text) return;
    const r = new NoteRedaction(text, this.context(involved), false);
    for (const [i, reason] of r.masked) {
      const t = r.tokens[i];
      if (reason === 'learned' || reason === 'company' || t.c.length < 2 || COMMON_SET.has(t.c) || OK_SET.has(t.c) || WEAK_SET.has(t.c)) continue;
      this.learnedCap.add(t.c);
      // a name written in lower case ("hola joselu") may be written so in another note
      if ((reason === 'known' || reason === 'context') && t.lower) this.learnedAny.add(t.c);
    }
  }

  /** Redaction of the texts that involve these people (owner and counterpart; a cluster's senders). */
  for(involved: People): TextRedactor {
    const ctx = this.context(involved);
    const plans = new Map<string, Span[]>();
    const planOf = (message: string): Span[] => {
      let p = plans.get(message);
      if (!p) {
        p = new NoteRedaction(message, ctx, false).spans();
        if (plans.size > 50) plans.clear();
        plans.set(message, p);
      }
      return p;
    };
    const alone = (piece: string) => apply(piece, new NoteRedaction(piece, ctx, true).spans(), 0, piece.length);
    const inMessage = (message: string, piece: string): string | null => {
      const p = piece.trim();
      if (!p) return null;
      const lower = message.toLocaleLowerCase('en');
      const needle = p.toLocaleLowerCase('en');
      if (lower.length !== message.length || needle.length !== p.length) return null;
      const at = lower.indexOf(needle);
      if (at < 0) return null;
      const lead = /^\s*/u.exec(piece)![0];
      const trail = piece.slice(piece.trimEnd().length);
      return lead + apply(message, planOf(message), at, at + p.length) + trail;
    };
    return {
      text: (text) => (text ? apply(text, planOf(text), 0, text.length) : text),
      fragment: (message, fragment) => {
        if (!fragment || !fragment.trim()) return fragment;
        const whole = inMessage(message, fragment);
        if (whole !== null) return whole;
        for (const sep of [' / ', ', ']) {
          if (!fragment.includes(sep)) continue;
          const pieces = fragment.split(sep);
          if (pieces.some((p) => inMessage(message, p) !== null)) return pieces.map((p) => inMessage(message, p) ?? alone(p)).join(sep);
        }
        return alone(fragment);
      },
    };
  }

  private context(involved: People): Context {
    return {
      involved: new NameForms(involved.names),
      known: this.known,
      companies: new CompanyIndex(involved.companies.filter((c) => c.trim().length >= 2)),
      otherCompanies: this.knownCompanies,
      learnedCap: this.learnedCap,
      learnedAny: this.learnedAny,
    };
  }
}

/** The replacements of `spans` inside [from, to) of `text`; a replacement cut by the bounds masks the part inside. */
function apply(text: string, spans: readonly Span[], from: number, to: number): string {
  let out = '';
  let at = from;
  for (const s of spans) {
    if (s.end <= from || s.start >= to || s.text === null) continue;
    const a = Math.max(s.start, from);
    const b = Math.min(s.end, to);
    out += text.slice(at, a);
    if (a === s.start && b === s.end) out += s.text;
    else {
      const part = text.slice(a, b);
      out += !/[\p{L}\p{N}]/u.test(part) ? part : s.text.startsWith('[') || s.text.startsWith('@') ? s.text : maskWord(part);
    }
    at = b;
  }
  return out + text.slice(at, to);
}

const ENDS_SENTENCE = /[.!?…]/u;
const isCapital = (t: Token) => t.cap || t.allCaps || t.innerCap;

/** The redaction of one text: which words are masked, and why. */
class NoteRedaction {
  readonly tokens: Token[];
  readonly masked = new Map<number, Reason>();
  private readonly whole: Span[];
  /** Runs of tokens that spell a company: [first, last]. */
  private readonly companyRuns: [number, number][] = [];
  private readonly german: boolean;
  private readonly lowercaseNote: boolean;

  constructor(
    text: string,
    private readonly ctx: Context,
    /** A piece of a note (evidence): no rule that needs the whole note (its last line, its first word). */
    private readonly fragment: boolean,
  ) {
    this.whole = wholeSpans(text);
    // the note with each whole span (sorted, disjoint) blanked out, built in one pass
    const parts: string[] = [];
    let at = 0;
    for (const s of this.whole) {
      parts.push(text.slice(at, s.start), '_'.repeat(s.end - s.start));
      at = s.end;
    }
    parts.push(text.slice(at));
    const neutral = parts.join('');
    this.tokens = tokenize(neutral);
    const words = this.tokens.filter((t) => t.hasLetter);
    const markers = words.filter((t) => GERMAN_MARKER_SET.has(t.c)).length;
    const nouns = words.filter((t) => t.cap && GERMAN_NOUN_SET.has(t.c)).length;
    this.german = (markers >= 2 && markers >= words.length * 0.12) || (markers >= 1 && nouns >= 1 && markers + nouns >= words.length * 0.2);
    const caps = words.filter((t) => t.cap && t.c !== 'i' && !t.c.startsWith("i'")).length;
    this.lowercaseNote = words.length >= 4 && words[0].lower && caps <= words.length * 0.15;
    this.markInitials();
    this.decide();
  }

  /** The replacements, in order. */
  spans(): Span[] {
    const out: Span[] = [...this.whole];
    for (const [a, b] of this.companyRuns) out.push({ start: this.tokens[a].start, end: this.tokens[b].end, text: COMPANY_MASK });
    for (const [i, reason] of this.masked) {
      if (reason === 'company') continue;
      const t = this.tokens[i];
      out.push({ start: t.coreStart, end: t.coreEnd, text: maskWord(t.core) });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  // -- sentences -------------------------------------------------------------------------------

  private markInitials(): void {
    const ts = this.tokens;
    ts.forEach((t, i) => {
      const gap = t.gap;
      if (i === 0) t.initial = true;
      else if (gap.includes('\n')) t.initial = true;
      else if (ENDS_SENTENCE.test(gap)) {
        // "Dr. Chen", "Katherine O. from": no new sentence
        const prev = ts[i - 1];
        t.initial = !(/^\.\s*$/u.test(gap) && (ABBREVIATION_SET.has(prev.c) || TITLE_SET.has(prev.c) || prev.single));
      } else if (/[:;]\s*$/u.test(gap)) t.initial = true;
      t.opens = t.initial;
    });
  }

  /** The sentence a token is in starts with a lower-case word ("oi joão, sou a gabi"): its names may be lower case too. */
  private careless(i: number): boolean {
    if (this.lowercaseNote) return true;
    let j = i;
    while (j > 0 && !this.tokens[j].opens) j--;
    return this.tokens[j].lower;
  }

  // -- helpers ---------------------------------------------------------------------------------

  private mask(i: number, reason: Reason): void {
    if (i >= 0 && i < this.tokens.length && !this.masked.has(i)) this.masked.set(i, reason);
  }

  /** A capitalised word that is rightly capitalised (a job title, a tech term; not a month). */
  private okCapital(t: Token): boolean {
    if (WEAK_SET.has(t.c)) return false;
    return OK_SET.has(t.c) || (t.c.includes('-') && t.c.split(/[-']/u).every((p) => p.length < 2 || OK_SET.has(p) || COMMON_SET.has(p)));
  }

  /** Only spaces (or a hyphen) between this word and the one before, on one line. */
  private adjacent(i: number): boolean {
    return i > 0 && i < this.tokens.length && /^[ \t\u00a0-]*$/u.test(this.tokens[i].gap);
  }

  private seqAt(i: number, byFirst: ReadonlyMap<string, string[][]>): number {
    const t0 = this.tokens[i];
    const seqs = byFirst.get(t0.c) ?? byFirst.get(t0.full);
    if (!seqs) return 0;
    for (const seq of seqs) {
      if (i + seq.length > this.tokens.length) continue;
      let ok = true;
      for (let k = 0; k < seq.length && ok; k++) {
        const t = this.tokens[i + k];
        if ((t.c !== seq[k] && t.full !== seq[k]) || (k > 0 && !/^[\s,]*$/u.test(t.gap))) ok = false;
      }
      if (ok) return seq.length;
    }
    return 0;
  }

  /** A word that may be a name where a name stands: no ordinary word in lower case, no job title in capitals. */
  private nameLike(t: Token): boolean {
    if (!t.hasLetter || NOT_A_NAME_SET.has(t.c) || PARTICLES.has(t.c) && t.lower) return false;
    if (isCapital(t)) return !this.okCapital(t) && !(t.allCaps && COMMON_SET.has(t.c) && !this.isInvolved(t));
    return !COMMON_SET.has(t.c) || this.isInvolved(t);
  }

  /** A form of the name of one of the note's people (owner, counterpart). */
  private isInvolved(t: Token): boolean {
    if (t.c.length < 2 || !t.hasLetter) return false;
    if (t.allCaps && t.c.length <= 3 && this.ctx.involved.initials.has(t.c)) return true;
    const ordinary = COMMON_SET.has(t.c) || OK_SET.has(t.c) || WEAK_SET.has(t.c);
    if (ordinary && t.lower) return false;
    if (t.lower && t.c.length < 3) return false;
    // a lower-case word is a name only as written in the CSV ("case" is no Casey, "versioning" no Vera)
    return this.ctx.involved.has(t.c, true, ordinary || t.lower);
  }

  /** Where only a name can stand (a signature): a form of the name of one of the note's people, ordinary word or not ("vale" for Valentina). */
  private isInvolvedLoose(t: Token): boolean {
    return this.isInvolved(t) || (t.c.length >= 3 && t.hasLetter && this.ctx.involved.has(t.c, true, false));
  }

  /** A form of the name of anyone in the export (capitalised only). */
  private isKnown(t: Token): boolean {
    if (!(t.cap || t.allCaps) || t.c.length < 2) return false;
    const ordinary = COMMON_SET.has(t.c) || OK_SET.has(t.c) || WEAK_SET.has(t.c);
    if (ordinary) return !COMMON_SET.has(t.c) && this.ctx.known.parts.has(t.c);
    return this.ctx.known.has(t.c, false, false);
  }

  /** Masks the name from `from` on (after a greeting, a title, a sign-off…): up to three words, particles skipped. Returns the index after it. */
  private maskNameAfter(from: number, accept: (i: number, first: boolean) => boolean): number {
    const ts = this.tokens;
    let i = from;
    let n = 0;
    while (i < ts.length && n < 3) {
      const t = ts[i];
      if (n > 0 && !this.adjacent(i)) break;
      if (n > 0 && PARTICLES.has(t.c) && t.lower && this.adjacent(i + 1) && isCapital(ts[i + 1])) {
        i++;
        continue;
      }
      if (!(n > 0 && t.single && t.cap) && !accept(i, n === 0)) break;
      this.mask(i, 'context');
      n++;
      i++;
      if (i < ts.length && /[,!?.:;()|]/u.test(ts[i].gap)) break;
    }
    return i;
  }

  // -- the rules -------------------------------------------------------------------------------

  private decide(): void {
    const ts = this.tokens;
    const n = ts.length;

    // 0. the export's companies, whole: any case for the note's people, capitalised for the others
    for (let i = 0; i < n; i++) {
      let len = this.ctx.companies.matchAt(ts, i);
      if (!len && isCapital(ts[i])) len = this.ctx.otherCompanies.matchAt(ts, i);
      if (!len) continue;
      this.companyRuns.push([i, i + len - 1]);
      for (let k = i; k < i + len; k++) this.masked.set(k, 'company');
      i += len - 1;
    }

    // 1. names the export knows, companies' own words, names learned from other notes
    ts.forEach((t, i) => {
      if (!t.hasLetter || this.masked.has(i)) return;
      if (this.isInvolved(t)) this.mask(i, 'known');
      else if (this.ctx.companies.words.has(t.c) && !(t.lower && COMMON_SET.has(t.c))) this.mask(i, 'known');
      else if (isCapital(t) && this.ctx.otherCompanies.words.has(t.c)) this.mask(i, 'known');
      else if (this.isKnown(t)) this.mask(i, 'known');
      else if (isCapital(t) && this.ctx.learnedCap.has(t.c)) this.mask(i, 'learned');
      else if (t.lower && this.ctx.learnedAny.has(t.c) && !COMMON_SET.has(t.c)) this.mask(i, 'learned');
    });

    // 2. where a name stands
    for (let i = 0; i < n; i++) {
      const t = ts[i];
      if (t.initial) this.greetingAt(i);
      this.titleAt(i);
      this.triggerAt(i);
      this.introAt(i);
      this.hereAt(i);
      this.signOffAt(i);
      // "— Sam", "- Sam Lee", "~Sam" at the end
      if (!this.fragment && /(?:^|\s)[-–—~]\s*$/u.test(t.gap) && n - i <= 3) {
        let ok = true;
        for (let k = i + 1; k < n; k++) if (!this.adjacent(k)) ok = false;
        if (ok) for (let k = i; k < n; k++) if (this.isInvolvedLoose(ts[k]) || (this.nameLike(ts[k]) && !COMMON_SET.has(ts[k].c))) this.mask(k, 'signature');
      }
    }

    if (!this.fragment && n > 1) {
      // "Alexandros, loved your talk": a name before a comma, opening the note
      const t = ts[0];
      if (/^\s*,/u.test(ts[1].gap) && this.nameLike(t) && !COMMON_SET.has(t.c) && !GREETING_SET.has(t.c) && !SIGN_OFF_SET.has(t.c)) this.mask(0, 'context');
    }
    if (!this.fragment && n > 0) {
      // the last line or the last sentence, of one to three name-like words: a signature ("\nSam", "… in Lagos? Mo")
      let k = n - 1;
      while (k > 0 && !ts[k].initial && !/[-–—~]\s*$/u.test(ts[k].gap)) k--;
      const last = ts.slice(k);
      const careless = this.lowercaseNote;
      const signature = (x: Token) => {
        if (x.lower && PARTICLES.has(x.c)) return true;
        if (x.single) return x.cap;
        if (this.isInvolvedLoose(x)) return true;
        if (!this.nameLike(x) || COMMON_SET.has(x.c)) return false;
        return isCapital(x) || careless;
      };
      if (last.length <= 3 && last.every(signature) && last.some((x) => !x.single && !(x.lower && PARTICLES.has(x.c)))) {
        for (let j = k; j < n; j++) if (!(PARTICLES.has(ts[j].c) && ts[j].lower) && !ts[j].single) this.masked.set(j, this.masked.get(j) ?? 'signature');
      }
    }

    // 3. companies' shapes: "Grupo X", "X GmbH"
    ts.forEach((t, i) => {
      if (COMPANY_BEFORE_SET.has(t.c) && t.cap && this.adjacent(i + 1) && isCapital(ts[i + 1])) this.mask(i + 1, 'capital');
      if (COMPANY_AFTER_SET.has(t.c) && (t.cap || t.allCaps) && this.adjacent(i)) {
        for (let k = i - 1; k >= 0 && k >= i - 3 && isCapital(ts[k]); k--) {
          if (!this.okCapital(ts[k])) this.mask(k, 'capital');
          if (!this.adjacent(k)) break;
        }
      }
    });

    // 4. capitalised words in the middle of a sentence: a third person, a company, a place
    ts.forEach((t, i) => {
      if (this.masked.has(i) || t.initial || !t.hasLetter || t.single || !isCapital(t)) return;
      if (WEAK_SET.has(t.c)) {
        const prev = ts[i - 1];
        if (this.adjacent(i) && (PERSON_TRIGGER_SET.has(prev.c) || PREPOSITION_SET.has(prev.c))) this.mask(i, 'capital');
        return;
      }
      if (this.okCapital(t) || COMMON_SET.has(t.c)) return;
      if (this.german && t.cap && !t.allCaps && isGermanNoun(t.c)) return;
      this.mask(i, 'capital');
    });

    // 5. a common first name opening a sentence; a word opening one before "told", "said", "and I"…
    ts.forEach((t, i) => {
      if (this.masked.has(i) || !(t.cap || t.allCaps) || OK_SET.has(t.c) || WEAK_SET.has(t.c) || (this.german && isGermanNoun(t.c))) return;
      if (FIRST_NAME_SET.has(t.c)) this.mask(i, 'known');
      else if (t.initial && !COMMON_SET.has(t.c) && !GREETING_SET.has(t.c) && !SIGN_OFF_SET.has(t.c) && this.adjacent(i + 1)) {
        const next = ts[i + 1];
        const andMe = AND.has(next.c) && this.adjacent(i + 2) && ME.has(ts[i + 2].c);
        if (PERSON_VERB_SET.has(next.c) || PERSON_VERB_SET.has(next.full) || andMe) this.mask(i, 'context');
      }
      // "Okoye's talk was great."
      if (!this.masked.has(i) && t.initial && t.possessive && !COMMON_SET.has(t.c)) this.mask(i, 'context');
    });

    // 6. a capitalised word next to a masked name: "Priya Raman said", "Jonas Sommer", "Lotte van Dijk"
    const nameAt = (k: number) => {
      const r = this.masked.get(k);
      return r !== undefined && r !== 'company' && isCapital(ts[k]);
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (let i = 0; i < n; i++) {
        const t = ts[i];
        if (this.masked.has(i) || !(t.cap || t.allCaps) || t.single || !t.hasLetter) continue;
        if (t.allCaps && COMMON_SET.has(t.c)) continue;
        if (this.okCapital(t) || GREETING_SET.has(t.c) || SIGN_OFF_SET.has(t.c) || TITLE_SET.has(t.c) || PERSON_TRIGGER_SET.has(t.c)) continue;
        if (COMPANY_AFTER_SET.has(t.c) || COMPANY_BEFORE_SET.has(t.c)) continue;
        let k = i - 1;
        while (k > 0 && PARTICLES.has(ts[k].c) && ts[k].lower && this.adjacent(k + 1)) k--;
        const after = k >= 0 && this.adjacent(k + 1) && nameAt(k);
        let m = i + 1;
        while (m < n - 1 && PARTICLES.has(ts[m].c) && ts[m].lower && this.adjacent(m)) m++;
        const ordinary = (t.initial && COMMON_SET.has(t.c)) || (this.german && isGermanNoun(t.c));
        const before = m < n && this.adjacent(m) && nameAt(m) && !ordinary;
        if (after || before) {
          this.mask(i, 'run');
          changed = true;
        }
      }
    }

    // 7. a word masked as a name here is masked wherever it stands in the note
    const names = new Set<string>();
    for (const [i, reason] of this.masked) {
      const t = ts[i];
      if (reason !== 'company' && t.c.length >= 2 && !COMMON_SET.has(t.c) && !OK_SET.has(t.c) && !WEAK_SET.has(t.c)) names.add(t.c);
    }
    ts.forEach((t, i) => {
      if (!this.masked.has(i) && names.has(t.c)) this.mask(i, 'run');
    });
  }

  /** "Hi X", "Hola, X", "Dear Ms. X", "Sehr geehrte Frau Dr. X", "hi alex,". */
  private greetingAt(i: number): void {
    const ts = this.tokens;
    const g = this.seqAt(i, GREETING_SEQS);
    if (!g) return;
    let j = i + g;
    while (j < ts.length && TITLE_SET.has(ts[j].c) && isCapital(ts[j]) && /^[ ,.]*$/u.test(ts[j].gap)) j++;
    if (j >= ts.length || !/^[ \t,.]*$/u.test(ts[j].gap)) return;
    const end = this.maskNameAfter(j, (k) => {
      const x = ts[k];
      if (isCapital(x)) return this.nameLike(x);
      // a lower-case name: "hi alex," (never "hi there", "hola a todos")
      const next = ts[k + 1];
      return this.nameLike(x) && (!next || /[,!?.:;\n]/u.test(next.gap) || this.careless(k));
    });
    // "Hi Alex, Great talk": the word after the greeting opens a sentence
    if (end < ts.length && end > j && /[,!.:;—–-]/u.test(ts[end].gap)) ts[end].initial = true;
  }

  /** "Dr. Chen", "Herr Mueller", "Dott.ssa Romano", "M. Dupont". */
  private titleAt(i: number): void {
    const ts = this.tokens;
    const t = ts[i];
    if (!TITLE_SET.has(t.c) || !(t.cap || t.c === 'ssa') || i + 1 >= ts.length) return;
    const next = ts[i + 1];
    if (t.single && !/^\.\s*$/u.test(next.gap)) return;
    if (!/^\.? *$/u.test(next.gap) || TITLE_SET.has(next.c)) return;
    next.initial = false;
    this.maskNameAfter(i + 1, (k) => isCapital(ts[k]) && this.nameLike(ts[k]));
  }

  /** "my colleague Priya", "mi amiga Lucía", "mein Kollege Jonas", "amiga da Camila", "with April". */
  private triggerAt(i: number): void {
    const ts = this.tokens;
    const t = ts[i];
    if (!this.adjacent(i + 1)) return;
    if (PERSON_TRIGGER_SET.has(t.c)) {
      let j = i + 1;
      if (PARTICLES.has(ts[j].c) && ts[j].lower && this.adjacent(j + 1)) j++;
      const careless = this.careless(i);
      const capitalFirst = isCapital(ts[j]);
      this.maskNameAfter(j, (k, first) => (isCapital(ts[k]) ? this.nameLike(ts[k]) : careless && (first || !capitalFirst) && this.nameLike(ts[k])));
    }
  }

  /** "I'm X", "sou a X", "ich bin X", "c'est X". */
  private introAt(i: number): void {
    const ts = this.tokens;
    const len = this.seqAt(i, INTRO_SEQS);
    if (!len || !this.adjacent(i + len)) return;
    const x = ts[i + len];
    const isName = isCapital(x)
      ? this.nameLike(x) && !COMMON_SET.has(x.c) && !(this.german && isGermanNoun(x.c))
      : this.careless(i) && this.nameLike(x);
    if (isName) this.maskNameAfter(i + len, (k, first) => first || (isCapital(ts[k]) && this.nameLike(ts[k])));
  }

  /** "Sam here", "Alex aquí", "liz here". */
  private hereAt(i: number): void {
    const ts = this.tokens;
    if (!HERE_SET.has(ts[i].c) || !this.adjacent(i)) return;
    const x = ts[i - 1];
    const opens = x.initial || /[,:;]\s*$/u.test(x.gap);
    if (opens && this.nameLike(x) && !COMMON_SET.has(x.c) && !(this.german && isGermanNoun(x.c))) this.mask(i - 1, 'context');
  }

  /** "Best, Sam", "Viele Grüße Jürgen", "Atenciosamente,\nRodrigo", "thanks! liz", "Abs, JP". */
  private signOffAt(i: number): void {
    const ts = this.tokens;
    const n = ts.length;
    const len = this.seqAt(i, SIGN_OFF_SEQS);
    if (!len || i + len >= n) return;
    const j = i + len;
    const gap = ts[j].gap;
    if (!/^[\s,!.:;—–-]*$/u.test(gap)) return;
    // the words after the sign-off, to the end of their line
    let last = j;
    while (last + 1 < n && !ts[last + 1].gap.includes('\n') && last - j < 3) last++;
    const wholeLine = last - j < 3 && (last + 1 >= n || ts[last + 1].gap.includes('\n'));
    const opens = ts[i].initial || /,\s*$/u.test(ts[i].gap);
    if (!opens && !wholeLine) return;
    // after "Thanks." a sentence may follow: then only a name that ends the line
    const endsSentence = /[.!?]/u.test(gap);
    if (endsSentence && (!wholeLine || this.fragment)) return;
    this.maskNameAfter(j, (k) => {
      const x = ts[k];
      if (this.isInvolvedLoose(x) && (isCapital(x) || wholeLine)) return true;
      if (!this.nameLike(x) || (COMMON_SET.has(x.c) && (endsSentence || x.lower))) return false;
      // a lower-case name ends its line: "thanks! liz", never "merci d'avance, Céline"
      return isCapital(x) || k + 1 >= n || ts[k + 1].gap.includes('\n');
    });
  }
}

/**
 * A function masking, in free text, the given names (every spelling and part) and companies, and
 * every other name the text shows (see Redactor). For callers that redact a text on its own.
 */
export function textMasker(names: string[], companies: string[]): (text: string) => string {
  const r = new Redactor({ names, companies }).for({ names, companies });
  return (text) => r.text(text);
}
