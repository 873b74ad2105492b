/**
 * Rule 3 of the labelling standard (taxonomy.md) read from the note itself: evidence that a machine
 * or a mail merge wrote it. (b) mail-merge debris: a placeholder left in, a greeting to someone else
 * (another name, the sender's own, a company), a field-shaped greeting ("Hi Engineer"), an empty
 * field, a doubled word; (c) an invitation that thanks the recipient for connecting, which only an
 * automation tool pastes into an invitation. Generic wording is never evidence here.
 * Each fired rule's evidence is the words that made it fire.
 */
import { alternatives, AndGate, NOTE_GATES } from './gate.ts';
import { foldNonAscii, foldSameLength, fold, parseGreeting, RepeatedTexts } from './text.ts';
import type { Fired, NoteContext } from './types.ts';

/** The structural bot rules (ids of the reasons). */
export const DEBRIS_RULES = ['bot.placeholder', 'bot.malformed_greeting', 'bot.field_greeting', 'bot.wrong_name', 'bot.own_name', 'bot.thanks_for_connecting'] as const;

/**
 * A mail-merge placeholder left in. Every form is bounded by its delimiters and every repeat is
 * bounded or has one way to split the text ("[Recipient name ]": the name ends with a letter, the
 * spaces before "]" are the `\s*`'s alone), so the search is linear in the note.
 */
const PLACEHOLDER =
  /\{\{?\s*[A-Za-z_][A-Za-z0-9_. -]{0,38}\s*\}\}?|\[\s*(?:first[ _]?name|last[ _]?name|full[ _]?name|name|company|company[ _]?name|title|industry|city|nombre|empresa|vorname|name des empf[äa]ngers|firma|pr[ée]nom|entreprise|nome|Recipient(?:[A-Za-z ]*[A-Za-z])?|[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*){0,3})\s*\]|%[A-Z][A-Z0-9_]{1,29}%|<<?\s*[A-Z][A-Za-z_]*(?: [A-Za-z_]+){0,4}\s*>>?|\b(?:FNAME|LNAME|FIRSTNAME|FIRST_NAME|LASTNAME|LAST_NAME|COMPANYNAME|COMPANY_NAME)\b|\$[a-z_]{3,30}\b(?![.,]?\d)|\{[^{}|\n]{1,30}\|[^{}\n]{1,60}\}|\b(?:[Hh]i|[Hh]ello|[Hh]ey|[Dd]ear|at|from|with|in) (?:nan|NaN|null|undefined|None|N\/A)\b|\*{2,3}[A-Z][A-Z_ ]{1,29}\*{2,3}|@[A-Za-z_]{2,30}@|__[A-Za-z_]{2,30}__|\{![A-Za-z_.]{2,40}\}|^\s*(?:hi|hello|hey|dear|hoi|hallo|hola|bonjour|ol[aá]|oi|ciao|salut)\s+(?:voornaam|vorname|nombre|pr[ée]nom|nome|firstname|first name|name|nan)\b|\|[A-Z][A-Za-z_ ]{1,29}\||#[A-Z][A-Z_]{1,29}#/;
/** Cheap precheck: every placeholder form above needs one of these characters or words. */
const MAY_HAVE_PLACEHOLDER_CHAR = /[{[%<$*|#@_]/;
const PLACEHOLDER_WORDS = ['name', 'nombre', 'nome', 'prenom', 'voornaam', 'company', 'nan', 'null', 'undefined', 'none', 'n/a'];
function mayHavePlaceholder(text: string): boolean {
  if (MAY_HAVE_PLACEHOLDER_CHAR.test(text)) return true;
  const lower = foldSameLength(text);
  for (const w of PLACEHOLDER_WORDS) if (lower.includes(w)) return true;
  return false;
}

const DOUBLE_GREETING = /^\s*(hi|hello|hey|dear|hola|hallo|bonjour|ol[áa]|oi|ciao)\b[\s,!.]+\1\b/i;
/** The opening clause written twice ("Gentile Dott.ssa Bianchi, Gentile Dott.ssa Bianchi,"): a merge field doubled, any language. */
const DOUBLE_CLAUSE = /^\s*([^,!:\n]{4,40}[,!:])\s*\1/;
/** An empty merge field: "at .", "Hi ,", "the  team", a dangling "at" at the end of a note that was not cut. */
const EMPTY_FIELD = /\b(?:at|in|of|for|on|from|with|bei|chez|en|em)\s+[.,!?](?:\s|$)|\bthe\s{2,}(?:team|company|role|launch|industry)\b|\b(?:at|from) (?:for|and|with|to|as)\b|^\s*(?:hi|hello|hey|dear)\s+,|^\s*dear\s*,|,\s*,/i;
// (the same as `\s*[.!]?\s*$`, written so that no two quantifiers share the spaces: linear)
const DANGLING = /\b(?:at|in)\s*(?:[.!]\s*)?$/i;
/** LinkedIn cuts notes at 300 characters: a note this long may end mid-sentence by itself. */
const CUT_LENGTH = 290;
function mayHaveEmptyField(text: string): boolean {
  if (/\s[.,!?]|\s\s|,\s*,|^\s*dear\s*,/i.test(text)) return true;
  const lower = foldSameLength(text);
  if (/(?:^|[^a-z0-9])(?:at|in)[.!]?$/.test(lower.trimEnd().slice(-5))) return true;
  return (lower.includes('at ') || lower.includes('from ')) && /\b(?:at|from) (?:for|and|with|to|as)\b/.test(lower);
}

/** Capitalised greeting words that are not a name, and that people write themselves ("Hi Team", "Dear Sir"). */
const NOT_A_NAME = new Set(
  'team all everyone everybody there folks friend friends sir sirs madam madame mam maam guys colleague colleagues again todos todas equipo zusammen allerseits tous equipe pessoal gente amigo amiga amigos senor senora signore signora monsieur messieurs dames damen herren hiring mentor doctor doc professor prof teacher profe coach boss chef brother sis sister bro dude mate love dear respected'.split(' '),
);
/** Words a merge field puts where a name belongs ("Hi Engineer", "Hello Connection", "Dear Data Analyst"). */
const FIELD_CORE = new Set(
  'engineer engineers manager director analyst developer designer recruiter founder cofounder ceo cto cfo coo cmo cio vp professional professionals connection connections member members user candidate specialist consultant executive officer architect scientist administrator accountant'.split(' '),
);
const FIELD_WORDS = new Set([...FIELD_CORE, ...'data software marketing sales hr product project head lead senior junior chief linkedin business operations finance it network new'.split(' ')]);
const COMPANY_WORDS = /\b(?:Group|Inc|LLC|Ltd|Logistics|Solutions|Company|Corp|Corporation|Partners|GmbH|Holdings|Consulting|Services|Technologies|Industries|S\.A\.|Ltda)\b/;

/**
 * (c) Thanks for connecting / for accepting, in EN, ES, PT, DE, FR, IT, NL: an invitation is sent
 * before any connection exists, so these words were written for a follow-up and pasted in by a tool.
 */
const THANKS_FOR_CONNECTING = new RegExp(
  foldNonAscii(
    [
      // English
      `\\b(?:thanks?|thank you|thx|tks|ty|many thanks)(?: (?:so|very) much| a lot| a ton| again| kindly)? for (?:the |our |this )?(?:connecting|connection|connect|linking up|link up|add|adding me|accepting|accepting (?:my|the|our) (?:invitation|invite|request|connection(?: request)?)|the (?:invite|invitation) accept)\\b`,
      `\\b(?:thanks?|thank you) for (?:connecting|linking) with me\\b`,
      `\\bappreciate (?:you |your )?(?:connecting|accepting|the connection|the connect|the add)\\b`,
      `\\b(?:glad|great|happy|nice|good) (?:to be|we(?:'re| are)|that we(?:'re| are)|we got) (?:now )?connected[, !.]+(?:and )?(?:thanks?|thank you)\\b`,
      `\\b(?:thanks?|thank you)[, !.]+(?:for )?(?:the |our )?connection\\b`,
      // Spanish
      `\\bgracias (?:por|x) (?:la conexi[oó]n|conectar(?:te|nos)?|conectar conmigo|aceptar(?: mi| la)? (?:invitaci[oó]n|solicitud|conexi[oó]n)|aceptarme|agregarme|a[nñ]adirme|sumarme a tu red)\\b`,
      // Portuguese
      `\\b(?:obrigad[oa]|agrade[cç]o) (?:por |pela |pelo )?(?:(?:se )?conectar|conex[aã]o|aceitar(?: o| meu)? (?:convite|pedido|conex[aã]o)|me adicionar|aceite|adicionar)\\b`,
      // German
      `\\b(?:danke|vielen dank|herzlichen dank|besten dank)(?: dir| ihnen)? (?:f[uü]r(?:s| die| das| deine| ihre)?|f[uü]rs) (?:vernetzung|vernetzen|vernetzungsanfrage|kontaktanfrage|connecten|connect|verbindung|verbinden|annahme|annehmen|akzeptieren|hinzuf[uü]gen)\\b`,
      `\\b(?:danke|vielen dank),? dass (?:du|sie) (?:meine|die) (?:anfrage|einladung|kontaktanfrage) (?:angenommen|akzeptiert)\\b`,
      // French
      `\\bmerci (?:beaucoup )?(?:pour|de) (?:la connexion|cette connexion|la mise en relation|l'ajout|m'avoir ajout[eé]e?|avoir accept[eé]|accepter|votre acceptation|ton acceptation|la connection)\\b`,
      // Italian, Dutch
      `\\bgrazie (?:mille )?(?:per|di) (?:il collegamento|la connessione|aver accettato|avermi aggiunt[oa]|esserti collegat[oa]|esserci collegati)\\b`,
      `\\b(?:bedankt|dank je(?: wel)?|dank u(?: wel)?) (?:voor|om) (?:het connecten|de connectie|het accepteren|te connecten|de uitnodiging te accepteren)\\b`,
    ].join('|'),
  ),
);

/**
 * THANKS_FOR_CONNECTING run alternative by alternative, each only on a note with its words (the
 * gate words of gate.ts): the whole regex cost about 15 ms to compile on its first note, which
 * `aoi check` paid for every note. The same match: the leftmost of the alternatives' matches, and
 * at the same index the first alternative, as the one regex picks.
 */
const THANKS_ALTS = alternatives(THANKS_FOR_CONNECTING.source).map((a) => new RegExp(a, THANKS_FOR_CONNECTING.flags));
const THANKS_GATE = new AndGate(THANKS_ALTS.map((re) => re.source), undefined, NOTE_GATES);

function thanksForConnecting(folded: string): RegExpExecArray | null {
  let best: RegExpExecArray | null = null;
  let bestAlt = 0;
  const enabled = THANKS_GATE.scan(folded);
  for (let q = 0; q < enabled; q++) {
    const j = THANKS_GATE.enabledIds[q];
    const m = THANKS_ALTS[j].exec(folded);
    if (m && (best === null || m.index < best.index || (m.index === best.index && j < bestAlt))) {
      best = m;
      bestAlt = j;
    }
  }
  return best;
}

const NICKNAMES: readonly (readonly string[])[] = [
  ['bob', 'rob', 'robert', 'bobby', 'robbie'],
  ['bill', 'will', 'william', 'billy', 'liam'],
  ['liz', 'beth', 'elizabeth', 'eliza', 'lisa', 'betty'],
  ['kate', 'katie', 'kat', 'katherine', 'catherine', 'kathy', 'cathy', 'katarzyna', 'kasia'],
  ['mike', 'mick', 'michael', 'mikey', 'micha'],
  ['jim', 'jimmy', 'james', 'jamie'],
  ['dick', 'rick', 'richard', 'rich', 'ricky'],
  ['pepe', 'jose'],
  ['paco', 'pancho', 'francisco', 'fran', 'frank', 'francis'],
  ['sasha', 'alexander', 'alexandra', 'alejandro', 'alejandra', 'sandra'],
  ['peggy', 'maggie', 'margaret', 'meg'],
  ['tony', 'anthony', 'antonio'],
  ['chuck', 'charles', 'charlie'],
  ['ted', 'edward', 'ed', 'eddie', 'ned'],
  ['jack', 'john', 'johnny', 'jon'],
  ['sam', 'samuel', 'samantha'],
  ['nick', 'nicholas', 'nicolas', 'niko', 'nikolai'],
  ['dave', 'david'],
  ['steve', 'stephen', 'steven'],
  ['joe', 'joseph', 'jose', 'joey'],
  ['chris', 'christopher', 'christina', 'christine', 'kris'],
  ['pat', 'patrick', 'patricia', 'patty'],
  ['andy', 'andrew', 'andreas', 'andres', 'drew'],
  ['matt', 'matthew', 'mateus', 'matheus'],
  ['tom', 'thomas', 'tommy'],
  ['dan', 'daniel', 'danny'],
  ['ben', 'benjamin'],
  ['greg', 'gregory'],
  ['jeff', 'jeffrey', 'geoffrey'],
  ['gabi', 'gabriela', 'gabriel', 'gabby'],
  ['lupe', 'guadalupe'],
  ['chema', 'josemaria'],
  ['manu', 'manuel', 'manuela', 'emmanuel'],
];
const NICK_GROUPS = new Map<string, Set<number>>();
NICKNAMES.forEach((group, i) => {
  for (const n of group) {
    const s = NICK_GROUPS.get(n) ?? new Set<number>();
    s.add(i);
    NICK_GROUPS.set(n, s);
  }
});

const letters = (s: string) => fold(s).replace(/[^\p{L}]/gu, '');

function editDistanceAtMost1(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/**
 * True when a greeted word and a name plausibly denote the same person: equal without case and
 * accents, one a prefix of the other (Alex / Alexandros), one typo apart, or a known nickname.
 */
export function sameName(greeted: string, name: string): boolean {
  return sameLetters(letters(greeted), letters(name));
}

/** sameName of two names' letters (`letters`). */
function sameLetters(x: string, y: string): boolean {
  if (!x || !y) return false;
  if (x === y) return true;
  const [s, l] = x.length < y.length ? [x, y] : [y, x];
  if (s.length >= 3 && l.startsWith(s)) return true;
  if (s.length >= 4 && editDistanceAtMost1(x, y)) return true;
  const gx = NICK_GROUPS.get(x);
  const gy = NICK_GROUPS.get(y);
  if (gx && gy) for (const g of gx) if (gy.has(g)) return true;
  return false;
}

/** The parts of a display name that can stand in a greeting, as their letters ("Dr. Ana María López-Ruiz" → ana, maria, lopez, ruiz). */
function nameParts(...names: (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const n of names) if (n) out.push(...NAME_PARTS.of(n));
  return out;
}

/** The parts of one name (an export's owner is the recipient of every note it received); shared: never written to. */
const NAME_PARTS = new RepeatedTexts((name: string): readonly string[] => {
  const out: string[] = [];
  for (const w of name.split(/[\s,.()-]+/)) {
    const l = letters(w);
    if (l.length >= 2) out.push(l);
  }
  return out;
});

/** Trailing punctuation, tried only where a run of it starts (a long run is scanned once, not once per character). */
const TRAILING_PUNCT = /(?<![,!.:;])[,!.:;]+$/;

/**
 * Fires rule 3's structural bot rules on one note: (b) mail-merge debris and (c) thanks for
 * connecting. `textDebris`: the note's fireTextDebris, when the caller has it already.
 */
export function fireDebris(text: string, ctx: NoteContext, out: Fired[], textDebris: readonly Fired[] = fireTextDebris(text)): void {
  for (const f of textDebris) out.push(f);
  // the greeted name, unless a placeholder stands in the note (it fires first)
  if (textDebris.length > 0 && textDebris[0].id === 'bot.placeholder') return;
  fireNameDebris(text, ctx, out);
}

/** The debris rules that read the note's text alone: a placeholder, thanks for connecting, a malformed greeting, an empty field. */
export function fireTextDebris(text: string): Fired[] {
  const out: Fired[] = [];
  const ph = mayHavePlaceholder(text) ? PLACEHOLDER.exec(text) : null;
  if (ph) out.push({ id: 'bot.placeholder', evidence: ph[0] });

  const thanks = thanksForConnecting(foldSameLength(text));
  if (thanks) out.push({ id: 'bot.thanks_for_connecting', evidence: text.slice(thanks.index, thanks.index + thanks[0].length) });

  const g = parseGreeting(text);
  const before = out.length;
  const dbl = DOUBLE_GREETING.exec(text) ?? DOUBLE_CLAUSE.exec(text);
  if (dbl) out.push({ id: 'bot.malformed_greeting', evidence: dbl[0].trim() });
  else if (g && g.name) {
    const toks = g.name.split(/\s+/);
    if (toks.length >= 2 && toks[0].toLowerCase() === toks[1].toLowerCase()) {
      out.push({ id: 'bot.malformed_greeting', evidence: text.slice(0, g.nameStart + g.name.length) });
    } else if (COMPANY_WORDS.test(g.name) && toks.length >= 2) {
      out.push({ id: 'bot.malformed_greeting', evidence: text.slice(0, g.nameStart + g.name.length) });
    }
  }
  if (out.length === before && mayHaveEmptyField(text)) {
    const e = EMPTY_FIELD.exec(text) ?? (text.length < CUT_LENGTH ? DANGLING.exec(text) : null);
    if (e) {
      const from = Math.max(0, e.index - 25);
      out.push({ id: 'bot.malformed_greeting', evidence: text.slice(from, e.index + e[0].length).trim() });
    }
  }
  return out;
}

/**
 * What fireNameDebris reads off a note's greeting alone (worked out once per text): nothing to
 * check (null), a merge field where the name belongs, or the greeted words to compare with the
 * note's people.
 */
interface GreetedName {
  /** The greeting up to the end of the name, the evidence. */
  greeting: string;
  /** Every greeted word is a job-title word, one of them a role: a merge field. */
  field: boolean;
  /** The greeted words' letters (`letters`). */
  words: readonly string[];
  /** A title stands between the greeting word and the name ("Dear Dr. Ruiz"). */
  titled: boolean;
}

function greetedNameUncached(text: string): GreetedName | null {
  const g = parseGreeting(text);
  if (!g || !g.name) return null;
  const toks = g.name.split(/\s+/).map((t) => t.replace(TRAILING_PUNCT, '')).filter(Boolean);
  const words = toks.map((t) => letters(t));
  if (words.some((t) => NOT_A_NAME.has(t))) return null;
  const greeting = text.slice(0, g.nameStart + g.name.length);
  // a merge field where a name belongs: every greeted word is a job-title word, one of them a role
  if (words.every((t) => FIELD_WORDS.has(t)) && words.some((t) => FIELD_CORE.has(t))) return { greeting, field: true, words, titled: false };
  if (!toks.every((t) => /^\p{Lu}[\p{Ll}'’-]/u.test(t) || /^\p{Lu}\.?$/u.test(t))) return null;
  return { greeting, field: false, words, titled: g.nameStart > g.word.length + 1 };
}

/** greetedNameUncached per text (a template's copies greet in the same words); shared: never written to. */
const GREETED_NAMES = new RepeatedTexts(greetedNameUncached);

/** The debris rules that compare the greeted name with the note's people (ctx): a job title, the sender's own name, someone else's. */
function fireNameDebris(text: string, ctx: NoteContext, out: Fired[]): void {
  const g = GREETED_NAMES.of(text);
  if (!g) return;
  if (g.field) {
    out.push({ id: 'bot.field_greeting', evidence: g.greeting });
    return;
  }
  const recipient = nameParts(ctx.recipientName, ctx.recipientFirstName);
  const isRecipient = g.words.some((t) => recipient.some((n) => sameLetters(t, n)));
  if (isRecipient) return;
  const sender = !g.titled && ctx.sender && !ctx.sender.includes(':') ? nameParts(ctx.sender) : [];
  if (sender.length && sameLetters(g.words[0], sender[0])) {
    out.push({ id: 'bot.own_name', evidence: g.greeting });
    return;
  }
  // a greeting to someone else: only when the recipient's name is known and no greeted word is part of it
  if (recipient.length && !g.titled && g.words[0].length >= 2) {
    out.push({ id: 'bot.wrong_name', evidence: `${g.greeting} (recipient: ${ctx.recipientName ?? ctx.recipientFirstName})` });
  }
}
