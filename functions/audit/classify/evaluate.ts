/** Evaluation helpers: metrics, deterministic group-aware folds, cross-validated predictions. */
import { CATEGORIES, verdictOf, type Category } from '../model.ts';
import { decide, scores, softmax, type Fired, type Weights } from './engine.ts';
import { fitWeights, type Example, type FitOptions } from './fit.ts';
import { fireInbox } from './index.ts';
import type { LabelledNote } from './jsonl.ts';
import type { ScoredCategory } from './rules.ts';

export interface Metrics {
  perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  macroF1: number;
  accuracy: number;
  /** Among notes whose true verdict is ACCEPT or IGNORE: predicted verdict equals the true one. */
  acceptIgnoreAccuracy: number;
  confusion: Record<string, Record<string, number>>;
}

export function metrics(truth: Category[], pred: Category[]): Metrics {
  const perClass: Metrics['perClass'] = {};
  const confusion: Metrics['confusion'] = {};
  for (const a of CATEGORIES) {
    confusion[a] = {};
    for (const b of CATEGORIES) confusion[a][b] = 0;
  }
  for (let i = 0; i < truth.length; i++) confusion[truth[i]][pred[i]]++;
  let f1sum = 0;
  let classes = 0;
  for (const c of CATEGORIES) {
    const tp = confusion[c][c];
    const support = CATEGORIES.reduce((s, p) => s + confusion[c][p], 0);
    const predicted = CATEGORIES.reduce((s, t) => s + confusion[t][c], 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[c] = { precision, recall, f1, support };
    if (support > 0) {
      f1sum += f1;
      classes++;
    }
  }
  let ok = 0;
  let n = 0;
  let ai = 0;
  let aiOk = 0;
  for (let i = 0; i < truth.length; i++) {
    n++;
    if (truth[i] === pred[i]) ok++;
    const tv = verdictOf(truth[i]);
    if (tv !== 'NEITHER') {
      ai++;
      if (verdictOf(pred[i]) === tv) aiOk++;
    }
  }
  return { perClass, macroF1: classes ? f1sum / classes : 0, accuracy: n ? ok / n : 0, acceptIgnoreAccuracy: ai ? aiOk / ai : 0, confusion };
}

/**
 * Deterministic k folds: units are coworker groups (kept together) or single notes; units are
 * sorted by label then id and dealt round-robin, so each fold gets every class.
 */
export function makeFolds(notes: LabelledNote[], k: number): number[] {
  const units = new Map<string, { label: string; ids: number[] }>();
  notes.forEach((n, i) => {
    const key = n.group ? `g:${n.group}` : `n:${n.id}`;
    const u = units.get(key) ?? { label: n.label ?? '', ids: [] };
    u.ids.push(i);
    units.set(key, u);
  });
  const sorted = [...units.entries()].sort((a, b) => a[1].label.localeCompare(b[1].label) || a[0].localeCompare(b[0]));
  const fold = new Array<number>(notes.length).fill(0);
  sorted.forEach(([, u], j) => {
    for (const i of u.ids) fold[i] = j % k;
  });
  return fold;
}

export interface DevFeatures {
  notes: LabelledNote[];
  fired: ({ fired: Fired[]; cluster?: import('./cluster.ts').ClusterResult } | null)[];
}

/** Fires every rule on the labelled notes, clustering the whole set as one inbox (labels unused). */
export function devFeatures(notes: LabelledNote[]): DevFeatures {
  const map = fireInbox(notes);
  return { notes, fired: notes.map((n) => map.get(n.id) ?? null) };
}

export function examplesOf(d: DevFeatures, keep: (i: number) => boolean): Example[] {
  const out: Example[] = [];
  d.notes.forEach((n, i) => {
    const f = d.fired[i];
    if (!keep(i) || !f || !n.label || n.label === 'no_message') return;
    out.push({ fired: f.fired, label: n.label as ScoredCategory });
  });
  return out;
}

export function predict(d: DevFeatures, i: number, weights: Weights): Category {
  const f = d.fired[i];
  if (!f) return 'no_message';
  return decide(f.fired, f.cluster, weights).category;
}

/** k-fold cross-validated predictions: each fold is predicted by weights fitted on the others (plus `extra` examples from another set). */
export function crossValidate(d: DevFeatures, k: number, fit: FitOptions = {}, extra: readonly Example[] = []): Category[] {
  const folds = makeFolds(d.notes, k);
  const pred = new Array<Category>(d.notes.length);
  for (let f = 0; f < k; f++) {
    const w = fitWeights([...examplesOf(d, (i) => folds[i] !== f), ...extra], fit);
    d.notes.forEach((_, i) => {
      if (folds[i] === f) pred[i] = predict(d, i, w);
    });
  }
  return pred;
}

/**
 * Cross-validated raw scores of the labelled (scored-category) notes: for fitting the confidence
 * temperature on notes the weights did not see.
 */
export function crossValidatedScores(d: DevFeatures, k: number, fit: FitOptions = {}, extra: readonly Example[] = []): { scores: number[]; label: number }[] {
  const folds = makeFolds(d.notes, k);
  const out: { scores: number[]; label: number }[] = [];
  for (let f = 0; f < k; f++) {
    const w = fitWeights([...examplesOf(d, (i) => folds[i] !== f), ...extra], fit);
    d.notes.forEach((n, i) => {
      const x = d.fired[i];
      if (folds[i] !== f || !x || !n.label || n.label === 'no_message') return;
      out.push({ scores: scores(x.fired, w), label: w.classes.indexOf(n.label) });
    });
  }
  return out;
}

/** The temperature (grid 0.3..4) minimising the negative log-likelihood of the true classes. */
export function fitTemperature(samples: readonly { scores: number[]; label: number }[]): number {
  let best = 1;
  let bestNll = Infinity;
  for (let t = 0.3; t <= 4.0001; t += 0.05) {
    let nll = 0;
    for (const s of samples) nll -= Math.log(Math.max(1e-12, softmax(s.scores.map((x) => x / t))[s.label]));
    if (nll < bestNll) {
      bestNll = nll;
      best = Math.round(t * 100) / 100;
    }
  }
  return best;
}
