/** Evaluation helpers: metrics, deterministic group-aware folds, cross-validated predictions. */
import { CATEGORIES, verdictOf as verdictOfCategory, type Category } from '../../functions/audit/model.ts';
import { confidenceFrom, rank, softmax } from '../../functions/audit/classify/engine.ts';
import { prepareInbox, verdictOf, type Prepared } from '../../functions/audit/classify/index.ts';
import type { LabelledNote } from '../../functions/audit/classify/jsonl.ts';
import { SCORED_CATEGORIES, type ScoredCategory } from '../../functions/audit/classify/rules.ts';
import type { Weights } from '../../functions/audit/classify/types.ts';
import type { TrainedWordModel, WordModel } from '../../functions/audit/classify/words.ts';
import { fitWeights, type Example, type FitOptions } from './fit-weights.ts';
import { trainWordModel } from './train-words.ts';

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
    const tv = verdictOfCategory(truth[i]);
    if (tv !== 'NEITHER') {
      ai++;
      if (verdictOfCategory(pred[i]) === tv) aiOk++;
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

/** A labelled set prepared as one batch: per note, decided by structure or left to the weighed rules. */
export interface SetFeatures {
  notes: LabelledNote[];
  prepared: Prepared[];
}

/**
 * Prepares every labelled note of one set as one batch (templates across the set; labels unused),
 * with the shipped word model unless another one (or none: null) is given.
 */
export function setFeatures(notes: LabelledNote[], wordModel?: WordModel | null): SetFeatures {
  const map = prepareInbox(notes, wordModel === undefined ? {} : { wordModel });
  return { notes, prepared: notes.map((n) => map.get(n.id)!) };
}

/** A word model trained on labelled notes. */
export function wordModelOf(notes: readonly LabelledNote[]): TrainedWordModel {
  return trainWordModel(notes.flatMap((n) => (n.label ? [{ text: n.text, label: n.label }] : [])));
}

/**
 * Each set prepared as one batch with a word model trained on the OTHER sets only, so a note's
 * words never vote on its own label: what the weights are fitted on, and what CV scores.
 */
export function crossFittedFeatures(sets: readonly LabelledNote[][]): SetFeatures[] {
  return sets.map((notes, s) => setFeatures(notes, wordModelOf(sets.filter((_, o) => o !== s).flat())));
}

const isScored = (label: string | undefined): label is ScoredCategory => Boolean(label) && (SCORED_CATEGORIES as readonly string[]).includes(label!);

/** Training examples: the notes left to the weighed rules whose label is one of the weighed categories. */
export function examplesOf(d: SetFeatures, keep: (i: number) => boolean): Example[] {
  const out: Example[] = [];
  d.notes.forEach((n, i) => {
    const p = d.prepared[i];
    if (!keep(i) || !('fired' in p) || !isScored(n.label)) return;
    out.push({ fired: p.fired, label: n.label });
  });
  return out;
}

export function predict(d: SetFeatures, i: number, weights: Weights): Category {
  return verdictOf(d.prepared[i], weights).category;
}

/** One held-out note's scores (after the pitch-family split), its winning index and its true class index. */
export interface HeldOut {
  scores: number[];
  best: number;
  label: number;
  /** No phrase family decided: only the word model or the structural fallback (see engine.fallbackDecided). */
  fallback: boolean;
}

function heldOut(d: SetFeatures, i: number, w: Weights): HeldOut | null {
  const p = d.prepared[i];
  const n = d.notes[i];
  if (!('fired' in p) || !isScored(n.label)) return null;
  const r = rank(p.fired, w);
  return { scores: r.scores, best: r.best, label: w.classes.indexOf(n.label), fallback: r.fallback };
}

/** Right/total of the verdicts each structural rule decided (the first rule of the verdict's reasons). */
export function structuralTally(d: SetFeatures, into: Map<string, { notes: number; right: number }> = new Map()): Map<string, { notes: number; right: number }> {
  d.notes.forEach((n, i) => {
    const p = d.prepared[i];
    if (!('decided' in p) || p.decided.category === 'no_message' || !n.label) return;
    for (const r of p.decided.reasons) {
      const t = into.get(r.rule) ?? { notes: 0, right: 0 };
      t.notes++;
      if (p.decided.category === n.label) t.right++;
      into.set(r.rule, t);
    }
  });
  return into;
}

/**
 * k-fold cross-validated predictions: each fold predicted by weights fitted on the others (plus
 * `extra` examples from other sets), with the held-out scores of every labelled, scored note.
 */
export function crossValidateDetailed(d: SetFeatures, k: number, fit: FitOptions = {}, extra: readonly Example[] = []): { pred: Category[]; heldOut: HeldOut[] } {
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
 * Leave one set out: each labelled set is predicted as one batch by weights and a word model fitted
 * on all the other sets only (the closest the tuning sets come to an unseen inbox written by
 * someone else; the phrase families were still written while reading every set).
 */
export function leaveOneSetOut(sets: readonly LabelledNote[][], fit: FitOptions = {}): { pred: Category[]; heldOut: HeldOut[]; weights: Weights }[] {
  return sets.map((notes, s) => {
    // nothing of the left-out set reaches the word model or the weights: the other sets are
    // cross-fitted among themselves, the left-out set is read by a model trained on all of them
    const others = sets.filter((_, o) => o !== s);
    const w = fitWeights(crossFittedFeatures(others).flatMap((d) => examplesOf(d, () => true)), fit);
    const d = setFeatures(notes, wordModelOf(others.flat()));
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
 * One verdict measured at a first look (a set measured once, before anyone tuned on it): the
 * tempered top probability it had then (scored verdicts), whether it was right, and how it was
 * decided. Stored in eval/first-looks.json; no text, no ids.
 */
export interface FirstLookRow {
  /** Tempered top probability (scored verdicts only). */
  p?: number;
  ok: boolean;
  /** Scored verdict that rested on no phrase family. */
  fallback?: boolean;
  /** The structural rule that decided it (structural verdicts only). */
  rule?: string;
}

/** Prior for a structural rule's precision: this many pseudo-verdicts at 0.9. */
const STRUCTURAL_PRIOR = { notes: 4, right: 3.6 };
/** Scored verdicts resting on no phrase family never read as sure: at most this. */
export const FALLBACK_CEILING = 0.55;

/**
 * Confidence that means something on real notes: the temperature is fitted on held-out scores;
 * the isotonic map, the fallback ceiling and each structural rule's confidence on first-look rows
 * (verdicts measured on sets nobody had tuned on), not on the sets the rules were written from.
 * Without first-look rows the held-out scores are used.
 */
export function fitCalibration(
  samples: readonly HeldOut[],
  firstLooks: readonly FirstLookRow[] = [],
): { temperature: number; calibration: { x: number[]; y: number[]; fallback: number }; structural: Record<string, number> } {
  const temperature = fitTemperature(samples);
  const scored = firstLooks.filter((r) => r.p !== undefined && !r.fallback);
  const rows = scored.length >= 50 ? scored.map((r) => ({ p: r.p!, ok: r.ok })) : samples.filter((s) => !s.fallback).map((s) => ({ p: softmax(s.scores.map((x) => x / temperature))[s.best], ok: s.best === s.label }));
  const iso = fitIsotonic(rows);
  const fb = firstLooks.filter((r) => r.fallback);
  const fbSamples = fb.length ? fb.map((r) => r.ok) : samples.filter((s) => s.fallback).map((s) => s.best === s.label);
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  const fallback = r3(Math.min(FALLBACK_CEILING, (fbSamples.filter(Boolean).length + 1) / (fbSamples.length + 2)));
  const structural: Record<string, number> = {};
  const byRule = new Map<string, { notes: number; right: number }>();
  for (const r of firstLooks) {
    if (!r.rule) continue;
    const t = byRule.get(r.rule) ?? { notes: 0, right: 0 };
    t.notes++;
    if (r.ok) t.right++;
    byRule.set(r.rule, t);
  }
  for (const [rule, t] of byRule) structural[rule] = r3((t.right + STRUCTURAL_PRIOR.right) / (t.notes + STRUCTURAL_PRIOR.notes));
  return { temperature, calibration: { x: iso.x, y: iso.y, fallback }, structural };
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
