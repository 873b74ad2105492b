/**
 * The scorer: fires the rules on one note (plus its context), sums the fitted weights per
 * category, and turns the winner into a Classification with reasons (the exact words).
 */
import type { Category, Classification, Reason } from '../model.ts';
import { verdictOf } from '../model.ts';
import { ADVICE } from './advice.ts';
import { compiled } from './compiled.ts';
import { linkedInDefault } from './defaults.ts';
import { alternatives, AndGate, NOTE_GATES, lazyPattern, requiredLiteral, sourceOf } from './gate.ts';
import { cachedProfileText, relevance } from './relevance.ts';
import { RULE_BY_ID, SCORED_CATEGORIES, TEXT_RULES, type ScoredCategory } from './rules.ts';
import { fireDebris } from './structure.ts';
import type { TemplateMatch } from './templates.ts';
import { firstSentence, foldSameLength } from './text.ts';
import type { Fired, NoteContext, Weights } from './types.ts';
import { WEIGHTS, WORD_MODEL } from './fitted.ts';
import { fireWordRules, WORD_RULE, type WordModel } from './words.ts';

export type { Fired, NoteContext, NoteInput, Weights } from './types.ts';

/**
 * True when the winning category rests on no phrase family: only the structural fallback or the
 * word model spoke for it (a verdict on word-model evidence alone is shown as low confidence).
 */
export function fallbackDecided(fired: readonly Fired[], best: number, weights: Weights = WEIGHTS): boolean {
  for (const f of fired) {
    if (f.id.startsWith('structure.') || f.id.startsWith('struct.') || f.id.startsWith('words.')) continue;
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
  const c = def ? CLASS_INDEX.get(def.category) : undefined;
  if (def && c !== undefined && 'prior' in def) v[c] = def.prior ?? PRIOR_WEIGHT;
  else if (c !== undefined) v[c] = PRIOR_WEIGHT;
  return v;
}

/**
 * A question that requests something (an offer, a favour, a slot), EN/ES/DE/FR/PT/NL/IT: the sentence is the evidence. A question about the recipient's tastes is small talk, not an ask.
 * Linear: a match lies inside one sentence (no `.!?\n` in it), so it is only tried where a sentence
 * starts (the lookbehind), and only when that sentence ends with "?" (the lookahead): a long
 * sentence is scanned a bounded number of times, not once per character or per ask word in it.
 */
const UNEXPLAINED_ASK =
  /(?<![^.!?\n])(?=[^.!?\n]*\?)[^.!?\n]*\b(?:can i|may i|shall i|could i|should i|can we|could we|shall we|could you|can you|would you|will you|do you (?:need|want|have)|are you (?:looking|interested|free|available|open|hiring|still|around|up for|game)|want|wanna|need|interested|keen|open to|quieres|te interesa|le interesa|podrias|puedes|puedo|podemos|le paso|te paso|kann ich|darf ich|konnen sie|konnten sie|hatten sie|mochten sie|willst du|kannst du|soll ich|puis-je|pourriez|pouvez|voulez|veux-tu|seriez|je peux|posso|quer|pode|poderia|mag ik|zal ik|wil je|wilt u|kun je|kunt u|vuoi|potresti|puoi|vorrebbe)\b[^.!?\n]*\?/;
/**
 * Each rule's top-level alternatives as separate small regexes, with one gate trie over all of
 * them: a note runs only the alternatives whose words it contains. The rule's match is the
 * leftmost alternative match (ties: the earlier alternative), exactly what the whole regex finds.
 */
const ALT_SRC: string[] = [];
const ALT_FLAGS: string[] = [];
const ALT_RANGE: [number, number][] = TEXT_RULES.map((rule) => {
  const from = ALT_SRC.length;
  for (const a of alternatives(rule.source)) {
    ALT_SRC.push(sourceOf(a, rule.flags));
    ALT_FLAGS.push(rule.flags);
  }
  return [from, ALT_SRC.length];
});
/** The alternatives' regexes, each built on its first run (a note runs a few of ~1,500: building them all cost start-up time). */
const ALT_RES: (RegExp | undefined)[] = new Array(ALT_SRC.length);
const ALT_GATE = new AndGate(ALT_SRC, 3, NOTE_GATES);
/** Per alternative, literal text every match contains ('' when none): a second, exact prefilter. */
const ALT_LITERAL = ALT_SRC.map((src) => requiredLiteral(src));
/**
 * Per alternative whose every match starts at a gate word (gate.ts `leading`): a global copy that
 * is run from the first gate word on, skipping the text before it (built on first run); null otherwise.
 */
const ALT_FROM: (RegExp | null | undefined)[] = ALT_SRC.map((src, j) => (ALT_GATE.leading[j] ? lazyPattern(src, `${ALT_FLAGS[j]}g`) : null));
const ALT_UNGATED = new Set(ALT_GATE.ungated);
/** Per alternative, the index of its rule in TEXT_RULES. */
const ALT_RULE: number[] = [];
ALT_RANGE.forEach(([from, to], i) => {
  for (let j = from; j < to; j++) ALT_RULE[j] = i;
});
/**
 * The enabled alternatives of the note being read, sorted as numbers by the typed array's own sort
 * (an Array sorted with a comparator called back per comparison: 0.6% of the instructions of an
 * audit of h20k).
 */
const ENABLED = new Int32Array(ALT_SRC.length);

function execAlt(j: number, lower: string): RegExpExecArray | null {
  let from = ALT_FROM[j];
  if (from === null || ALT_UNGATED.has(j)) return (ALT_RES[j] ??= compiled(new RegExp(ALT_SRC[j], ALT_FLAGS[j]))).exec(lower);
  from ??= ALT_FROM[j] = compiled(new RegExp(ALT_SRC[j], `${ALT_FLAGS[j]}g`));
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
  const enabled = ALT_GATE.scan(lower);
  const ids = ALT_GATE.enabledIds;
  // the enabled alternatives, in rule order (alternatives of one rule are contiguous)
  let count = 0;
  for (let q = 0; q < enabled; q++) {
    const j = ids[q];
    const lit = ALT_LITERAL[j];
    if (lit !== '' && !lower.includes(lit)) continue;
    ENABLED[count++] = j;
  }
  const list = ENABLED.subarray(0, count).sort();
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

/** Fires the context rules of rules 4–8: the recipient's profile (relevance) and, when no family spoke, the structural fallback. */
export function fireContextRules(text: string, ctx: NoteContext, out: Fired[]): void {
  fireProfileRules(text, cachedProfileText(ctx.recipientProfile), out);
}

/**
 * fireContextRules given the recipient's profile as relevance.ts reads it (cachedProfileText; ''
 * when none): the profile is all of the context they read, so a text read once for one profile is
 * read once for every note of it (index.ts TextReadings).
 */
export function fireProfileRules(text: string, profile: string, out: Fired[]): void {
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

/** The scored rules of one note (rules 4–8): phrase families, the word model, relevance, fallback. */
export function fireAll(text: string, ctx: NoteContext, wordModel: WordModel | null = WORD_MODEL): Fired[] {
  const out = fireNoteRules(text, wordModel);
  fireContextRules(text, ctx, out);
  return out;
}

/** The scored rules that read the note's text alone (the phrase families and the word model): fireAll before its context rules. */
export function fireNoteRules(text: string, wordModel: WordModel | null = WORD_MODEL): Fired[] {
  const out: Fired[] = [];
  fireTextRules(text, out);
  if (wordModel) fireWordRules(text, wordModel, out);
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

const NO_MESSAGE: Classification = { category: 'no_message', verdict: 'NEITHER', confidence: 1, reasons: [], role: 'unknown', roleReasons: [] };

/**
 * Rule 1: the Classification for a note with no words (empty, whitespace, punctuation, emoji) or
 * LinkedIn's default invitation text (with a name or greeting around it), else null.
 */
export function noMessage(text: string): Classification | null {
  if (!text || !/[\p{L}\p{N}]/u.test(text)) return { ...NO_MESSAGE, reasons: [], roleReasons: [] };
  const d = linkedInDefault(text);
  if (d) {
    return {
      ...NO_MESSAGE,
      roleReasons: [],
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

/** Turns the scored rules of a note (rules 4–8) into a Classification: winner, confidence, reasons, advice. */
export function decide(fired: readonly Fired[], weights: Weights = WEIGHTS): Classification {
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
  const out: Classification = { category, verdict: verdictOf(category), confidence: round(confidenceFrom(p, fallback, weights.calibration)), reasons, role: 'unknown', roleReasons: [] };
  if (category !== 'good') out.advice = ADVICE[category as keyof typeof ADVICE];
  return out;
}

/** The weight a structural reason carries (it decides alone: no fitted weight applies). */
export const STRUCTURAL_WEIGHT = 5;
/** Confidence of a structural rule that `npm run fit` has not measured. */
const STRUCTURAL_DEFAULT = 0.9;

/** The confidence of a verdict decided by structural rules: the best-measured of them. */
export function structuralConfidence(rules: readonly string[], weights: Weights = WEIGHTS): number {
  let c = 0;
  for (const r of rules) c = Math.max(c, weights.structural?.[r] ?? STRUCTURAL_DEFAULT);
  return round(c);
}

/**
 * Rules 2 and 3, decided by structure before any word is weighed: a template (coworker or bot), or
 * mail-merge debris and thanks-for-connecting in the note. Null when none holds. A template's copy
 * with no debris of its own gets the decision every such copy gets (shared: never written to).
 */
export function decideStructure(text: string, ctx: NoteContext, template: TemplateMatch | undefined, weights: Weights = WEIGHTS, textDebris?: readonly Fired[]): Classification | null {
  const fired: Fired[] = [];
  let category: 'coworker_template' | 'bot' | null = null;
  if (template?.decides) {
    category = template.decides;
    fired.push({ id: template.rule, evidence: template.evidence });
  }
  if (category !== 'coworker_template') {
    const before = fired.length;
    fireDebris(text, ctx, fired, textDebris);
    if (fired.length > before) category = 'bot';
  }
  if (!category) return null;
  if (template?.decides && fired.length === 1) return templateDecision(template, weights, category, fired);
  return structural(category, fired, template, weights);
}

/**
 * A decision kept for every note that shares it (a template's copies, a text read once): its lists
 * frozen, which says so (index.ts Interner interns a frozen list once, however many notes hand it
 * over) and keeps anyone from writing to them.
 */
export function sharedLists<T extends { reasons?: readonly object[]; roleReasons: readonly object[] }>(d: T): T {
  if (d.reasons) Object.freeze(d.reasons);
  Object.freeze(d.roleReasons);
  return d;
}

/** A structural Classification from the rules that decided it. */
function structural(category: 'coworker_template' | 'bot', fired: readonly Fired[], template: TemplateMatch | undefined, weights: Weights): Classification {
  const reasons: Reason[] = fired.map((f) => {
    const def = RULE_BY_ID.get(f.id)!;
    return { rule: f.id, category: def.category as Category, weight: STRUCTURAL_WEIGHT, evidence: f.evidence, description: def.description };
  });
  const out: Classification = {
    category,
    verdict: verdictOf(category),
    confidence: structuralConfidence(fired.map((f) => f.id), weights),
    reasons,
    advice: ADVICE[category],
    role: 'unknown',
    roleReasons: [],
  };
  if (template) out.cluster = template.cluster;
  return out;
}

/** Per template cluster, the decision of its copies decided by the template alone (under one set of weights). */
const TEMPLATE_DECISIONS = new WeakMap<object, { template: TemplateMatch; weights: Weights; decided: Classification }>();

/** structural() of a copy that only its template decided (`fired`: the template's rule alone), kept per cluster. */
function templateDecision(template: TemplateMatch, weights: Weights, category: 'coworker_template' | 'bot', fired: readonly Fired[]): Classification {
  const kept = TEMPLATE_DECISIONS.get(template.cluster);
  if (kept && kept.weights === weights && kept.template.decides === template.decides && kept.template.rule === template.rule && kept.template.evidence === template.evidence) return kept.decided;
  const decided = sharedLists(structural(category, fired, template, weights));
  TEMPLATE_DECISIONS.set(template.cluster, { template, weights, decided });
  return decided;
}
