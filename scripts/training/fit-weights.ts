/**
 * Fits the rule weights: multinomial logistic regression over rule-firing features (binary),
 * one weight per (rule, category) plus a bias per category, L2-regularised towards the prior
 * (each rule votes PRIOR_WEIGHT for its own category). Rules that never fire in the training
 * data keep their prior, so rules for other languages stay active. Full-batch gradient descent
 * with a fixed schedule: deterministic.
 */
import { priorVector } from '../../functions/audit/classify/engine.ts';
import type { Fired, Weights } from '../../functions/audit/classify/types.ts';
import { SCORED_CATEGORIES, SCORED_RULES, type ScoredCategory } from '../../functions/audit/classify/rules.ts';

/** The most a word-model rule may weigh for any category (a phrase family weighs about 1.5–2). */
export const WORD_RULE_CAP = 0.6;
/**
 * The fallback ("no family recognised the note": no reason to connect) weighs at most this: when the
 * word model is sure (both its rules fire), it may tip that close call, with a low confidence.
 */
const FALLBACK_RULE = 'structure.no_reason';
const FALLBACK_RULE_CAP = 1;

export interface Example {
  fired: readonly Fired[];
  label: ScoredCategory;
}

export interface FitOptions {
  /** L2 strength towards the prior (default 0.02). */
  lambda?: number;
  /** L2 strength of the per-category bias towards 0 (default 0.05): a verdict should rest on evidence, not on the class mix. */
  biasLambda?: number;
  iterations?: number;
  learningRate?: number;
}

export function fitWeights(examples: Example[], options: FitOptions = {}): Weights {
  const lambda = options.lambda ?? 0.02;
  const biasLambda = options.biasLambda ?? 0.05;
  const iterations = options.iterations ?? 1500;
  const lr = options.learningRate ?? 0.5;
  const K = SCORED_CATEGORIES.length;
  const ids = SCORED_RULES.map((r) => r.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const R = ids.length;
  const IRRELEVANT = SCORED_CATEGORIES.indexOf('irrelevant');
  const cap = ids.map((id) => (id.startsWith('words.') ? WORD_RULE_CAP : id === FALLBACK_RULE ? FALLBACK_RULE_CAP : Infinity));
  const W = ids.map((id) => priorVector(id));
  const P = ids.map((id) => priorVector(id));
  const b = new Array<number>(K).fill(0);
  const feats = examples.map((e) => e.fired.map((f) => index.get(f.id)!).filter((x) => x !== undefined));
  const ys = examples.map((e) => SCORED_CATEGORIES.indexOf(e.label));
  const N = Math.max(1, examples.length);
  for (let it = 0; it < iterations; it++) {
    const gW = Array.from({ length: R }, () => new Array<number>(K).fill(0));
    const gb = new Array<number>(K).fill(0);
    for (let n = 0; n < examples.length; n++) {
      const s = b.slice();
      for (const f of feats[n]) for (let c = 0; c < K; c++) s[c] += W[f][c];
      const max = Math.max(...s);
      let z = 0;
      for (let c = 0; c < K; c++) {
        s[c] = Math.exp(s[c] - max);
        z += s[c];
      }
      for (let c = 0; c < K; c++) {
        const g = s[c] / z - (c === ys[n] ? 1 : 0);
        gb[c] += g;
        for (const f of feats[n]) gW[f][c] += g;
      }
    }
    for (let c = 0; c < K; c++) b[c] -= lr * (gb[c] / N + 2 * biasLambda * b[c]);
    // rule 8 is the default: with no evidence either way, no category may outrank irrelevant
    for (let c = 0; c < K; c++) if (c !== IRRELEVANT && b[c] > b[IRRELEVANT]) b[c] = b[IRRELEVANT];
    for (let r = 0; r < R; r++) {
      for (let c = 0; c < K; c++) {
        W[r][c] -= lr * (gW[r][c] / N + 2 * lambda * (W[r][c] - P[r][c]));
        // the word model may tip a close call, never outvote a phrase family: its votes stay small
        if (W[r][c] > cap[r]) W[r][c] = cap[r];
      }
    }
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const rules: Record<string, number[]> = {};
  for (let r = 0; r < R; r++) rules[ids[r]] = W[r].map(round);
  return { classes: [...SCORED_CATEGORIES], bias: b.map(round), rules };
}
