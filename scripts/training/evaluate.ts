/** Evaluation helpers: metrics, deterministic group-aware folds, cross-validated predictions. */
import { CATEGORIES, verdictOf, type Category } from '../model.ts';
import { confidenceFrom, decide, rank, softmax, type Fired, type Weights } from './engine.ts';
import { fitWeights, type Example, type FitOptions } from './fit.ts';
import { fireInbox } from './index.ts';
import type { LabelledNote } from './jsonl.ts';
import type { ScoredCategory } from './rules.ts';
import { trainWordModel, type WordModel } from './words.ts';

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

/**
 * Fires every rule on the labelled notes, clustering the whole set as one inbox (labels unused),
 * with the shipped word model unless another one (or none: null) is given.
 */
export function devFeatures(notes: LabelledNote[], wordModel?: WordModel | null): DevFeatures {
  const map = fireInbox(notes, wordModel === undefined ? {} : { wordModel });
  return { notes, fired: notes.map((n) => map.get(n.id) ?? null) };
}

/** A word model trained on labelled notes. */
export function wordModelOf(notes: readonly LabelledNote[]): WordModel {
  return trainWordModel(notes.flatMap((n) => (n.label ? [{ text: n.text, label: n.label }] : [])));
}

/**
 * Each set fired as one inbox with a word model trained on the OTHER sets only, so a note's words
 * never vote on its own label: what the weights are fitted on, and what CV scores.
 */
export function crossFittedFeatures(sets: readonly LabelledNote[][]): DevFeatures[] {
  return sets.map((notes, s) => devFeatures(notes, wordModelOf(sets.filter((_, o) => o !== s).flat())));
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

/** One held-out note's scores (after the pitch-family split), its winning index and its true class index. */
export interface HeldOut {
  scores: number[];
  best: number;
  label: number;
  /** Only the structural fallback decided (see engine.fallbackDecided). */
  fallback: boolean;
}

function heldOut(d: DevFeatures, i: number, w: Weights): HeldOut | null {
  const x = d.fired[i];
  const n = d.notes[i];
  if (!x || !n.label || n.label === 'no_message') return null;
  const r = rank(x.fired, w);
  return { scores: r.scores, best: r.best, label: w.classes.indexOf(n.label), fallback: r.fallback };
}

/**
 * k-fold cross-validated predictions: each fold predicted by weights fitted on the others (plus
 * `extra` examples from other sets), with the held-out scores of every labelled, scored note.
 */
export function crossValidateDetailed(d: DevFeatures, k: number, fit: FitOptions = {}, extra: readonly Example[] = []): { pred: Category[]; heldOut: HeldOut[] } {
  const folds = makeFolds(d.notes, k);
  const pred = new Array<Category>(d.notes.length);
  const out: HeldOut[] = [];
  for (let f = 0; f < k; f++) {
    const w = fitWeights([...examplesOf(d, (i) => folds[i] !== f), ...extra], fit);
    d.notes.forEach((_, i) => {
      if (folds[i] !== f) return;
      pred[i] = predict(d, i, w);
      const h = heldOut(d, i, w);
      if (h) out.push(h);
    });
  }
  return { pred, heldOut: out };
}

/**
 * Leave one set out: each labelled set is predicted as one inbox by weights and a word model fitted
 * on all the other sets only (the closest the tuning sets come to an unseen inbox written by
 * someone else; the phrase families were still written while reading every set).
 */
export function leaveOneSetOut(sets: readonly LabelledNote[][], fit: FitOptions = {}): { pred: Category[]; heldOut: HeldOut[]; weights: Weights }[] {
  return sets.map((notes, s) => {
    // nothing of the left-out set reaches the word model or the weights: the other sets are
    // cross-fitted among themselves, the left-out set is read by a model trained on all of them
    const others = sets.filter((_, o) => o !== s);
    const w = fitWeights(crossFittedFeatures(others).flatMap((d) => examplesOf(d, () => true)), fit);
    const d = devFeatures(notes, wordModelOf(others.flat()));
    const out: HeldOut[] = [];
    const pred = d.notes.map((_, i) => {
      const h = heldOut(d, i, w);
      if (h) out.push(h);
      return predict(d, i, w);
    });
    return { pred, heldOut: out, weights: w };
  });
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

/**
 * Isotonic regression (pool adjacent violators) of "right" (0/1) on the tempered top probability,
 * each block's rate smoothed towards the overall rate (add-2 prior) so that a small block of all
 * right (or all wrong) notes does not claim certainty. Returns the block means as map points.
 */
export function fitIsotonic(rows: readonly { p: number; ok: boolean }[]): { x: number[]; y: number[] } {
  const sorted = [...rows].sort((a, b) => a.p - b.p);
  if (sorted.length === 0) return { x: [], y: [] };
  const base = sorted.filter((r) => r.ok).length / sorted.length;
  const blocks: { sumP: number; ok: number; n: number }[] = [];
  for (const r of sorted) {
    blocks.push({ sumP: r.p, ok: r.ok ? 1 : 0, n: 1 });
    while (blocks.length >= 2) {
      const b = blocks[blocks.length - 1];
      const a = blocks[blocks.length - 2];
      if (a.ok / a.n < b.ok / b.n) break;
      blocks.splice(blocks.length - 2, 2, { sumP: a.sumP + b.sumP, ok: a.ok + b.ok, n: a.n + b.n });
    }
  }
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  const x: number[] = [];
  const y: number[] = [];
  for (const b of blocks) {
    const px = r3(b.sumP / b.n);
    const py = r3((b.ok + 2 * base) / (b.n + 2));
    if (x.length && px <= x[x.length - 1]) {
      y[y.length - 1] = Math.max(y[y.length - 1], py);
      continue;
    }
    x.push(px);
    // smoothing can break monotonicity between small blocks: keep it non-decreasing
    y.push(y.length ? Math.max(py, y[y.length - 1]) : py);
  }
  return { x, y };
}

/**
 * Right/total counts of verdicts first measured on a set nobody had tuned on (the honest kind of
 * held-out data), split by how the verdict was decided: by a phrase family (`rules`) or by the
 * structural fallback alone (`fallback`).
 */
export interface FirstLook {
  rules: { notes: number; right: number };
  fallback: { notes: number; right: number };
}

/**
 * First looks at blind sets, each measured once before anyone tuned on it (2026-11-29), split by how
 * the verdict was decided: eval/tune4.jsonl with the session-3 classifier (222 scored verdicts: 160
 * by a phrase family, 134 right; 62 by the fallback alone, 20 right) and eval/tune5.jsonl +
 * eval/tune6.jsonl with the session-4 classifier, weights fitted on dev..tune4 (561 scored: 420 by a
 * family, 353 right; 141 by the fallback, 43 right). Family verdicts were right 84% of the time on
 * unseen notes, fallback verdicts 31%. Add each new blind set's first look here.
 */
export const FIRST_LOOK: FirstLook = { rules: { notes: 580, right: 487 }, fallback: { notes: 203, right: 63 } };

/**
 * Temperature (NLL) then the isotonic map, both fitted on held-out scores. With `firstLook`, the map
 * is pulled towards what first looks at unseen sets measured (leave-one-set-out scores are still
 * optimistic: the phrase families were written while reading every tuning set): each point is
 * blended with the first-look accuracy of family-decided verdicts, weighted by the note counts, and
 * the fallback ceiling is the pooled accuracy of fallback-decided verdicts (held-out + first looks).
 */
export function fitCalibration(samples: readonly HeldOut[], firstLook?: FirstLook): { temperature: number; calibration: { x: number[]; y: number[]; fallback?: number } } {
  const temperature = fitTemperature(samples);
  const rows = samples.map((s) => ({ p: softmax(s.scores.map((x) => x / temperature))[s.best], ok: s.best === s.label }));
  const iso = fitIsotonic(rows);
  if (!firstLook) return { temperature, calibration: iso };
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  const w = rows.length / (rows.length + firstLook.rules.notes);
  const prior = firstLook.rules.right / Math.max(1, firstLook.rules.notes);
  const y = iso.y.map((v) => r3(w * v + (1 - w) * prior));
  const fb = samples.filter((s) => s.fallback);
  const fallback = r3((fb.filter((s) => s.best === s.label).length + firstLook.fallback.right) / Math.max(1, fb.length + firstLook.fallback.notes));
  return { temperature, calibration: { x: iso.x, y, fallback } };
}

/** The confidence a calibration gives to one held-out note. */
export function confidenceOf(s: HeldOut, c: { temperature: number; calibration?: { x: readonly number[]; y: readonly number[]; fallback?: number } }): number {
  return confidenceFrom(softmax(s.scores.map((x) => x / c.temperature))[s.best], s.fallback, c.calibration);
}

/** Reliability table: per confidence bin, notes, share right, mean confidence. */
export function reliability(rows: readonly { conf: number; ok: boolean }[], edges: readonly number[] = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001]): { lo: number; hi: number; notes: number; right: number; meanConfidence: number }[] {
  const out = [];
  for (let b = 0; b + 1 < edges.length; b++) {
    const inBin = rows.filter((r) => r.conf >= edges[b] && r.conf < edges[b + 1]);
    out.push({
      lo: edges[b],
      hi: Math.min(1, edges[b + 1]),
      notes: inBin.length,
      right: inBin.length ? inBin.filter((r) => r.ok).length / inBin.length : 0,
      meanConfidence: inBin.length ? inBin.reduce((a, r) => a + r.conf, 0) / inBin.length : 0,
    });
  }
  return out;
}

/**
 * The labelled sets the classifier is fitted and evaluated on, from a folder listing: the dev set
 * first, then every `tune*.jsonl` in natural order (tune, tune2, tune3, ...). Never the holdout.
 */
export function tuningSetFiles(names: readonly string[]): string[] {
  const tunes = names.filter((n) => /^tune\d*\.jsonl$/.test(n));
  const num = (n: string) => Number(/^tune(\d*)/.exec(n)![1] || '1');
  tunes.sort((a, b) => num(a) - num(b));
  return [...(names.includes('dev.jsonl') ? ['dev.jsonl'] : []), ...tunes];
}
