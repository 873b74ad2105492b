/**
 * The scorer: fires the rules on one note (plus its context), sums the fitted weights per
 * category, and turns the winner into a Classification with reasons (the exact words).
 */
import type { Category, Classification, Direction, OwnerProfile, Reason } from '../model.ts';
import { verdictOf } from '../model.ts';
import { ADVICE } from './advice.ts';
import type { ClusterResult } from './cluster.ts';
import { linkedInDefault } from './defaults.ts';
import { alternatives, AndGate, requiredLiteral } from './gate.ts';
import { cachedProfileText, relevance } from './relevance.ts';
import { RULE_BY_ID, SCORED_CATEGORIES, TEXT_RULES, type ScoredCategory } from './rules.ts';
import { firstNameOf, firstSentence, fold, foldSameLength, parseGreeting, sameFirstName } from './text.ts';
import { WEIGHTS } from './weights.ts';
import { WORD_MODEL } from './word-model.ts';
import { fireWordRules, WORD_RULE, type WordModel } from './words.ts';

export interface NoteInput {
  id: string;
  text: string;
  direction?: Direction;
  /** Sender identity (name or counterpart key). */
  sender?: string;
  senderCompany?: string;
  /** Free text ("headline | industry") or the owner's profile. */
  recipientProfile?: string | OwnerProfile;
  /** For the wrong-name greeting check, when known. */
  recipientFirstName?: string;
}

export type NoteContext = Omit<NoteInput, 'id' | 'text'>;

export interface Fired {
  id: string;
  evidence: string;
}

/** Fitted weights: per rule, one weight per scored category (order of `classes`). */
export interface Weights {
  classes: readonly string[];
  bias: readonly number[];
  rules: Readonly<Record<string, readonly number[]>>;
  /**
   * Softmax temperature for `confidence` (default 1), fitted on cross-validated scores so that a
   * confidence of 0.8 is right about 80% of the time on notes the weights were not fitted on.
   */
  temperature?: number;
  /**
   * Monotone map from the tempered top probability to the confidence shown (isotonic regression of
   * "the verdict was right" on held-out scores, fitted by `npm run fit`): points (x ascending, y),
   * linear between them, flat outside. Absent: the tempered probability is the confidence.
   */
  calibration?: {
    x: readonly number[];
    y: readonly number[];
    /**
     * Confidence ceiling for a verdict only the fallback decided (no phrase family recognised the
     * note: structure.no_reason / unexplained_ask): on notes nobody tuned on, those are right far
     * less often than their scores say (see scripts/fit.ts).
     */
    fallback?: number;
  };
}

/** True when the winning category rests only on the structural fallback (no family recognised the note). */
export function fallbackDecided(fired: readonly Fired[], best: number, weights: Weights = WEIGHTS): boolean {
  for (const f of fired) {
    if (f.id.startsWith('structure.') || f.id.startsWith('struct.')) continue;
    if ((weightOf(weights, f.id)[best] ?? 0) > 0.05) return false;
  }
  return true;
}

/** The confidence shown for a tempered top probability `p`, capped when only the fallback decided. */
export function confidenceFrom(p: number, fallback: boolean, map: Weights['calibration']): number {
  const c = calibrate(p, map);
  return fallback && map?.fallback !== undefined ? Math.min(c, map.fallback) : c;
}

/** The calibrated confidence of a tempered top probability `p` (see Weights.calibration). */
export function calibrate(p: number, map: Weights['calibration']): number {
  if (!map || map.x.length === 0) return p;
  const { x, y } = map;
  if (p <= x[0]) return y[0];
  const n = x.length;
  if (p >= x[n - 1]) return y[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= p) lo = mid;
    else hi = mid;
  }
  const t = x[hi] === x[lo] ? 0 : (p - x[lo]) / (x[hi] - x[lo]);
  return y[lo] + t * (y[hi] - y[lo]);
}

export const PRIOR_WEIGHT = 2;
const K = SCORED_CATEGORIES.length;
const CLASS_INDEX = new Map<string, number>(SCORED_CATEGORIES.map((c, i) => [c, i]));

/** The prior weight vector of a rule: PRIOR_WEIGHT on its own category, 0 elsewhere. */
export function priorVector(ruleId: string): number[] {
  const v = new Array<number>(K).fill(0);
  const def = RULE_BY_ID.get(ruleId);
  if (def) v[CLASS_INDEX.get(def.category)!] = def.prior ?? PRIOR_WEIGHT;
  return v;
}

const PLACEHOLDER =
  /\{\{?\s*[A-Za-z_][A-Za-z0-9_. -]{0,38}\s*\}\}?|\[\s*(?:first[ _]?name|last[ _]?name|full[ _]?name|name|company|company[ _]?name|title|industry|city|nombre|empresa|vorname|name des empf[äa]ngers|firma|pr[ée]nom|entreprise|nome|Recipient[A-Za-z ]*|[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*){0,3})\s*\]|%[A-Z][A-Z0-9_]{1,29}%|<<?\s*[A-Z][A-Za-z_]*(?: [A-Za-z_]+){0,4}\s*>>?|\b(?:FNAME|LNAME|FIRSTNAME|FIRST_NAME|LASTNAME|LAST_NAME|COMPANYNAME|COMPANY_NAME)\b|\$[a-z_]{3,30}\b(?![.,]?\d)|\{[^{}|\n]{1,30}\|[^{}\n]{1,60}\}|\b(?:[Hh]i|[Hh]ello|[Hh]ey|[Dd]ear|at|from|with|in) (?:nan|NaN|null|undefined|None|N\/A)\b|\*{2,3}[A-Z][A-Z_ ]{1,29}\*{2,3}|@[A-Za-z_]{2,30}@|__[A-Za-z_]{2,30}__|\{![A-Za-z_.]{2,40}\}|^\s*(?:hi|hello|hey|dear|hoi|hallo|hola|bonjour|ol[aá]|oi|ciao|salut)\s+(?:voornaam|vorname|nombre|pr[ée]nom|nome|firstname|first name|name|nan)\b|\|[A-Z][A-Za-z_ ]{1,29}\||#[A-Z][A-Z_]{1,29}#/;
/** A question that requests something (an offer, a favour, a slot), EN/ES/DE/FR/PT/NL/IT: the sentence is the evidence. A question about the recipient's tastes is small talk, not an ask. */
const UNEXPLAINED_ASK =
  /[^.!?\n]*\b(?:can i|may i|shall i|could i|should i|can we|could we|shall we|could you|can you|would you|will you|do you (?:need|want|have)|are you (?:looking|interested|free|available|open|hiring|still|around|up for|game)|want|wanna|need|interested|keen|open to|quieres|te interesa|le interesa|podrias|puedes|puedo|podemos|le paso|te paso|kann ich|darf ich|konnen sie|konnten sie|hatten sie|mochten sie|willst du|kannst du|soll ich|puis-je|pourriez|pouvez|voulez|veux-tu|seriez|je peux|posso|quer|pode|poderia|mag ik|zal ik|wil je|wilt u|kun je|kunt u|vuoi|potresti|puoi|vorrebbe)\b[^.!?\n]*\?/;
/** Cheap precheck: every placeholder form above needs one of these. */
const MAY_HAVE_PLACEHOLDER_CHAR = /[{[%<$*|#@_]/;
const PLACEHOLDER_WORDS = ['name', 'nombre', 'nome', 'prenom', 'voornaam', 'company', 'nan', 'null', 'undefined', 'none', 'n/a'];
/** Cheap precheck (a superset): every placeholder form above needs one of these characters or words. */
function mayHavePlaceholder(text: string): boolean {
  if (MAY_HAVE_PLACEHOLDER_CHAR.test(text)) return true;
  const lower = foldSameLength(text);
  for (const w of PLACEHOLDER_WORDS) if (lower.includes(w)) return true;
  return false;
}
const DOUBLE_GREETING = /^\s*(hi|hello|hey|dear|hola|hallo|bonjour|ol[áa]|oi|ciao)\b[\s,!.]+\1\b/i;
/** The opening clause written twice ("Gentile Dott.ssa Bianchi, Gentile Dott.ssa Bianchi,"): a merge field doubled, any language. */
const DOUBLE_CLAUSE = /^\s*([^,!:\n]{4,40}[,!:])\s*\1/;
/**
 * "your work as Director of Marketing at Greenfield Foods": a title merged in from somewhere; when
 * none of its words is in the recipient's profile, it is someone else's (EN/DE/FR/ES/PT).
 */
const TITLE_AT =
  /\b(?:as|als|en tant que|como|you are|you're|promotion to|promoted to) (?:an? |the |la |le |el |o |a )?(\p{Lu}[\p{L}&'-]*(?: (?:of|for|and|de|der|des|du|da|do|y|et|e|&|\p{Lu}[\p{L}&'-]*)){0,5}) (?:at|bei|chez|en|na|no|in|em) \p{Lu}/u;
const TITLE_FILLER = new Set(['of', 'for', 'and', 'de', 'der', 'des', 'du', 'da', 'do', 'y', 'et', 'e', '&', 'senior', 'junior', 'head', 'lead', 'chief']);
const EMPTY_FIELD = /\b(?:at|in|from|with|bei|chez|en|em)\s+[.,!?](?:\s|$)|\bthe\s{2,}\w|\b(?:at|in)\s*$|\b(?:at|from) (?:for|and|with|to|as)\b|^\s*(?:hi|hello|hey|dear)\s+,|[a-z\u00c0-\u024f] [.,](?=\s|$)/i;
/** Cheap precheck for EMPTY_FIELD (a superset): a space before punctuation, a double space, a dangling "at"/"in", "at for". */
function mayHaveEmptyField(text: string): boolean {
  if (/\s[.,!?]|\s\s/.test(text)) return true;
  const lower = foldSameLength(text);
  if (/(?:^|[^a-z0-9])(?:at|in)$/.test(lower.trimEnd().slice(-4))) return true;
  return (lower.includes('at ') || lower.includes('from ')) && /\b(?:at|from) (?:for|and|with|to|as)\b/.test(lower);
}
/** Capitalised greeting words that are not someone's name. */
const NOT_A_NAME = /^(?:Team|All|Everyone|Everybody|There|Folks|Friend|Friends|Sir|Madam|Guys|Linkedin|Colleague|Colleagues|Again|Todos|Equipo|Zusammen|Allerseits|Tous|Equipe|Pessoal)$/;
const COMPANY_WORDS = /\b(?:Group|Inc|LLC|Ltd|Logistics|Solutions|Company|Corp|Corporation|Partners|GmbH|Holdings|Team|Consulting|Services|Technologies|Industries|S\.A\.|Ltda)\b/;

/**
 * Each rule's top-level alternatives as separate small regexes, with one gate trie over all of
 * them: a note runs only the alternatives whose words it contains. The rule's match is the
 * leftmost alternative match (ties: the earlier alternative), exactly what the whole regex finds.
 */
const ALT_RES: RegExp[] = [];
const ALT_RANGE: [number, number][] = TEXT_RULES.map((rule) => {
  const from = ALT_RES.length;
  for (const a of alternatives(rule.re.source)) ALT_RES.push(new RegExp(a, rule.re.flags));
  return [from, ALT_RES.length];
});
const ALT_GATE = new AndGate(ALT_RES.map((re) => re.source), 3);
/** Per alternative, literal text every match contains ('' when none): a second, exact prefilter. */
const ALT_LITERAL = ALT_RES.map((re) => requiredLiteral(re.source));
/**
 * Per alternative whose every match starts at a gate word (gate.ts `leading`): a global copy that
 * is run from the first gate word on, skipping the text before it; null otherwise.
 */
const ALT_FROM: (RegExp | null)[] = ALT_RES.map((re, j) => (ALT_GATE.leading[j] ? new RegExp(re.source, `${re.flags}g`) : null));
const ALT_UNGATED = new Set(ALT_GATE.ungated);
/** Per alternative, the index of its rule in TEXT_RULES. */
const ALT_RULE: number[] = [];
ALT_RANGE.forEach(([from, to], i) => {
  for (let j = from; j < to; j++) ALT_RULE[j] = i;
});
const ENABLED: number[] = [];
const byNumber = (a: number, b: number) => a - b;

function execAlt(j: number, lower: string): RegExpExecArray | null {
  const from = ALT_FROM[j];
  if (from === null || ALT_UNGATED.has(j)) return ALT_RES[j].exec(lower);
  from.lastIndex = ALT_GATE.first[j];
  return from.exec(lower);
}
/** Up to this many enabled alternatives of one rule run one by one (see fireTextRules). */
const ALT_SPLIT_MAX = 64;

/**
 * Fires the per-note text rules. Cheap: one folded copy, one pass of the gate trie, then only the
 * rule alternatives whose words are present. `gated: false` runs every rule's whole regex (used by
 * the tests to check that the prefilter never changes a result).
 */
export function fireTextRules(text: string, out: Fired[], gated = true): void {
  const lower = foldSameLength(text);
  if (!gated) {
    for (const rule of TEXT_RULES) {
      const m = rule.re.exec(lower);
      if (m) out.push({ id: rule.id, evidence: text.slice(m.index, m.index + m[0].length).trim() || m[0] });
    }
    return;
  }
  ALT_GATE.scan(lower);
  // the enabled alternatives, in rule order (alternatives of one rule are contiguous)
  const list = ENABLED;
  list.length = 0;
  for (const j of ALT_GATE.enabledList) {
    const lit = ALT_LITERAL[j];
    if (lit !== '' && !lower.includes(lit)) continue;
    list.push(j);
  }
  list.sort(byNumber);
  for (let k = 0; k < list.length; ) {
    const i = ALT_RULE[list[k]];
    let end = k + 1;
    while (end < list.length && ALT_RULE[list[end]] === i) end++;
    // one alternative alone runs alone; a few run one by one (small regexes are much cheaper than
    // the whole alternation at every position), keeping the leftmost match (ties: the earlier
    // alternative, as the whole regex would); many run as the whole rule
    let best: RegExpExecArray | null = null;
    if (end - k <= ALT_SPLIT_MAX) {
      for (let x = k; x < end; x++) {
        const m = execAlt(list[x], lower);
        if (m && (!best || m.index < best.index)) best = m;
      }
    } else best = TEXT_RULES[i].re.exec(lower);
    if (best) out.push({ id: TEXT_RULES[i].id, evidence: text.slice(best.index, best.index + best[0].length).trim() || best[0] });
    k = end;
  }
}

/** A pitch signal: a pitch phrase family, or the word model reading a pitch. */
const isPitch = (id: string) => id.startsWith('pitch.') || id === WORD_RULE.sales_pitch;

/** Fires the structural rules (placeholders, greetings) and the context rules (recipient, cluster). */
export function fireContextRules(text: string, ctx: NoteContext, cluster: ClusterResult | undefined, out: Fired[]): void {
  const ph = mayHavePlaceholder(text) ? PLACEHOLDER.exec(text) : null;
  if (ph) out.push({ id: 'bot.placeholder', evidence: ph[0] });

  const g = parseGreeting(text);
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
  if (!out.some((f) => f.id === 'bot.malformed_greeting') && mayHaveEmptyField(text)) {
    const e = EMPTY_FIELD.exec(text);
    if (e) {
      const from = Math.max(0, e.index - 25);
      out.push({ id: 'bot.malformed_greeting', evidence: text.slice(from, e.index + e[0].length).trim() });
    }
  }
  if (g && g.name && !ph) {
    const titled = g.nameStart > g.word.length + 1 && /^(?:mr|mrs|ms|miss|dr|prof|herr|frau|sr|sra|m|mme|dra)\.?\s/i.test(text.slice(g.word.length).trim());
    const greeted = g.name.split(/\s+/)[0];
    const senderFirst = ctx.sender && !ctx.sender.includes(':') ? firstNameOf(ctx.sender) : undefined;
    const recipientFirst = ctx.recipientFirstName;
    if (!titled && /^\p{Lu}\p{Ll}/u.test(greeted) && !NOT_A_NAME.test(greeted)) {
      if (senderFirst && sameFirstName(greeted, senderFirst) && !(recipientFirst && sameFirstName(greeted, recipientFirst))) {
        out.push({ id: 'bot.own_name', evidence: text.slice(0, g.nameStart + greeted.length) });
      } else if (recipientFirst && !sameFirstName(greeted, recipientFirst)) {
        out.push({ id: 'bot.wrong_name', evidence: `${text.slice(0, g.nameStart + greeted.length)} (recipient: ${recipientFirst})` });
      }
    }
  }

  const profile = cachedProfileText(ctx.recipientProfile);
  if (profile && !ph) {
    const t = TITLE_AT.exec(text);
    if (t) {
      const stems = fold(t[1])
        .split(/[\s&-]+/)
        .filter((w) => w.length >= 3 && !TITLE_FILLER.has(w))
        .map((w) => w.slice(0, 5));
      if (stems.length > 0 && !stems.some((st) => profile.includes(st))) out.push({ id: 'bot.wrong_title', evidence: t[0].slice(0, -1).trim() });
    }
  }
  // a swing and miss is an offer aimed at the wrong person: a note that cites real shared activity
  // and sells nothing is not checked against the profile (its topic may well be off the profile)
  const pitches = out.some((f) => isPitch(f.id));
  const personal = out.some((f) => f.id.startsWith('good.') && f.id !== 'good.gratitude');
  const rel = profile && (pitches || !personal) ? relevance(text, profile) : null;
  if (rel?.assumedMismatch) {
    out.push({ id: 'relevance.assumed_audience_mismatch', evidence: rel.assumedMismatch });
    // a swing and miss is a pitch that misses: each pitch signal also counts towards the miss
    for (const p of out.filter((f) => isPitch(f.id))) out.push({ id: 'relevance.pitch_to_wrong_audience', evidence: p.evidence });
  }

  if (cluster) {
    out.push({
      id: cluster.kind === 'coworker' ? 'cluster.same_company' : 'cluster.many_senders',
      evidence: cluster.evidence,
    });
  }

  // the word model reads every note: the fallback below is for notes no phrase family recognised
  const substantive = out.some((f) => !f.id.startsWith('irrelevant.') && !f.id.startsWith('relevance.niche') && !f.id.startsWith('struct.') && !f.id.startsWith('words.'));
  if (!substantive) {
    // no family fired: a question put to the recipient is still an ask (for a call, a favour...),
    // which a note with no reason at all is not (unless it is small talk: an irrelevant.* rule fired)
    const trivia = out.some((f) => f.id.startsWith('irrelevant.'));
    const ask = !trivia && out.some((f) => f.id === 'struct.question') ? UNEXPLAINED_ASK.exec(foldSameLength(text)) : null;
    if (ask) out.push({ id: 'structure.unexplained_ask', evidence: text.slice(ask.index, ask.index + ask[0].length).trim() });
    else out.push({ id: 'structure.no_reason', evidence: firstSentence(text) });
  }

  if (rel) {
    // a niche named without any offer, ask or assumed audience ("your expertise in X is remarkable")
    // is not a miss: only a pitch (or an unexplained ask put to a stranger) can miss
    const offer = pitches || out.some((f) => f.id === 'structure.unexplained_ask');
    if (rel.nicheMismatch && (offer || rel.assumedMismatch)) {
      out.push({ id: 'relevance.niche_mismatch', evidence: rel.nicheMismatch });
      if (!rel.nicheFits && !rel.assumedMismatch) {
        // a niche pitch that does not fit the recipient: each pitch signal counts towards the miss
        for (const p of out.filter((f) => isPitch(f.id))) out.push({ id: 'relevance.niche_pitch_mismatch', evidence: `${rel.nicheMismatch} / ${p.evidence}` });
      }
    }
    if (rel.nicheFits) out.push({ id: 'relevance.niche_fits', evidence: rel.nicheFits });
  }
}

/** All rules for one note. Returns null when the note is empty or a LinkedIn default text. */
export function fireAll(text: string, ctx: NoteContext, cluster?: ClusterResult, wordModel: WordModel | null = WORD_MODEL): Fired[] {
  const out: Fired[] = [];
  fireTextRules(text, out);
  if (wordModel) fireWordRules(text, wordModel, out);
  fireContextRules(text, ctx, cluster, out);
  return out;
}

/** Per-category scores for a set of fired rules. */
const priorCache = new Map<string, number[]>();
function weightOf(weights: Weights, id: string): readonly number[] {
  const w = weights.rules[id];
  if (w) return w;
  let p = priorCache.get(id);
  if (!p) {
    p = priorVector(id);
    priorCache.set(id, p);
  }
  return p;
}

export function scores(fired: readonly Fired[], weights: Weights = WEIGHTS): number[] {
  const s = weights.bias.slice(0, K);
  while (s.length < K) s.push(0);
  for (const f of fired) {
    const w = weightOf(weights, f.id);
    for (let c = 0; c < K; c++) s[c] += w[c] ?? 0;
  }
  return s;
}

export function softmax(s: readonly number[]): number[] {
  const max = Math.max(...s);
  const e = s.map((x) => Math.exp(x - max));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/** The Classification for an empty note or a LinkedIn default text, else null. */
export function noMessage(text: string): Classification | null {
  if (!text || !text.trim()) return { category: 'no_message', verdict: 'NEITHER', confidence: 1, reasons: [] };
  const d = linkedInDefault(text);
  if (d) {
    return {
      category: 'no_message',
      verdict: 'NEITHER',
      confidence: 1,
      reasons: [
        {
          rule: 'no_message.linkedin_default',
          category: 'no_message',
          weight: 1,
          evidence: d,
          description: "LinkedIn's default invitation text: the sender wrote nothing",
        },
      ],
    };
  }
  return null;
}

const PITCH = CLASS_INDEX.get('sales_pitch')!;
const SWING = CLASS_INDEX.get('swing_and_miss')!;

/**
 * Within the pitch family, which one the profile says: swing_and_miss when the note's niche or
 * assumed audience is outside the recipient's profile and no niche of the note fits it; otherwise
 * (a niche fits, no niche could be identified, or no profile was given) sales_pitch.
 */
export function pitchOrMiss(fired: readonly Fired[]): number {
  let miss = false;
  let fits = false;
  for (const f of fired) {
    if (f.id === 'relevance.niche_fits') fits = true;
    else if (f.id === 'relevance.niche_mismatch' || f.id === 'relevance.assumed_audience_mismatch') miss = true;
  }
  if (fits) return PITCH;
  if (miss) return SWING;
  return PITCH;
}

/**
 * The per-category scores of a note after the pitch-family split, the winning index, and the
 * tempered top probability (before the calibration map): what decide and the calibration fitting share.
 */
export function rank(fired: readonly Fired[], weights: Weights = WEIGHTS): { scores: number[]; best: number; p: number; fallback: boolean } {
  const s = scores(fired, weights);
  let best = 0;
  for (let c = 1; c < K; c++) if (s[c] > s[best]) best = c;
  // a swing and miss is a pitch that misses: once the pitch family (sales_pitch, swing_and_miss)
  // wins, the recipient profile alone splits it. A niche (or assumed audience) outside the profile
  // is a miss; a niche inside it, or no identifiable niche, stays a sales pitch.
  if (best === PITCH || best === SWING) {
    const split = pitchOrMiss(fired);
    if (split !== best) {
      // the chosen member takes the family's score, the other one the lower score (confidence stays honest)
      const other = split === PITCH ? SWING : PITCH;
      [s[split], s[other]] = [s[other], s[split]];
      best = split;
    }
  }
  const t = weights.temperature ?? 1;
  const p = softmax(t === 1 ? s : s.map((x) => x / t));
  return { scores: s, best, p: p[best], fallback: fallbackDecided(fired, best, weights) };
}

/** Turns fired rules into a Classification (winner, confidence, reasons, advice, cluster). */
export function decide(fired: readonly Fired[], cluster: ClusterResult | undefined, weights: Weights = WEIGHTS): Classification {
  const { best, p, fallback } = rank(fired, weights);
  const category: ScoredCategory = SCORED_CATEGORIES[best];
  const reasons: Reason[] = [];
  const seen = new Set<string>();
  for (const f of fired) {
    if (seen.has(f.id)) continue;
    const w = weightOf(weights, f.id)[best] ?? 0;
    if (w <= 0.05) continue;
    seen.add(f.id);
    const def = RULE_BY_ID.get(f.id)!;
    reasons.push({ rule: f.id, category: def.category as Category, weight: round(w), evidence: f.evidence, description: def.description });
  }
  if (reasons.length === 0) {
    // the bias alone decided: still say what was seen, most telling rule first
    const ranked = [...fired].sort((a, b) => (weightOf(weights, b.id)[best] ?? 0) - (weightOf(weights, a.id)[best] ?? 0));
    for (const f of ranked.slice(0, 2)) {
      const def = RULE_BY_ID.get(f.id)!;
      reasons.push({ rule: f.id, category: def.category as Category, weight: round(weightOf(weights, f.id)[best] ?? 0), evidence: f.evidence, description: def.description });
    }
  }
  reasons.sort((a, b) => b.weight - a.weight);
  const out: Classification = { category, verdict: verdictOf(category), confidence: round(confidenceFrom(p, fallback, weights.calibration)), reasons };
  if (category !== 'good') out.advice = ADVICE[category as keyof typeof ADVICE];
  if (cluster) out.cluster = cluster.cluster;
  return out;
}
