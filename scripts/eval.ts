/**
 * `npm run eval`: classification report (per-class precision/recall/F1, macro-F1, confusion matrix,
 * ACCEPT-vs-IGNORE accuracy) on three labelled sets, each classified as one inbox (template
 * clustering runs across the set; it never reads labels):
 *   (a) the dev set, k-fold cross-validated: each fold predicted by weights fitted on the other dev
 *       folds plus the tune set (coworker/bot groups kept in one fold). The phrase families were
 *       written while reading it, so this figure is optimistic.
 *   (b) the tune set (eval/tune.jsonl), USED FOR TUNING (rules were revised after reading its errors
 *       and the shipped weights are fitted on it): k-fold CV (weights from dev + other tune folds)
 *       and in-sample with the shipped weights.
 *   (b2) the second tune set (eval/tune2.jsonl, written blind to the classifier; its first, untuned
 *       measurement is in the classifier's report), USED FOR TUNING since: k-fold CV and in-sample.
 *   (c) the holdout set (eval/holdout.jsonl) when it exists: the honest, never-tuned figure, with the
 *       shipped weights. Included by default; `--no-holdout` skips it (it is then never opened).
 * Usage: tsx scripts/eval.ts [--input dev.jsonl] [--tune eval/tune.jsonl] [--tune2 eval/tune2.jsonl] [--holdout eval/holdout.jsonl]
 *                            [--no-holdout] [--folds 5] [--lambda 0.02] [--errors]
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CATEGORIES, type Category } from '../functions/audit/model.ts';
import { crossValidate, devFeatures, examplesOf, metrics, predict, type DevFeatures, type Metrics } from '../functions/audit/classify/evaluate.ts';
import type { Example } from '../functions/audit/classify/fit.ts';
import { parseNotesJsonl, type LabelledNote } from '../functions/audit/classify/jsonl.ts';
import { decide } from '../functions/audit/classify/engine.ts';
import { WEIGHTS } from '../functions/audit/classify/weights.ts';

const { values } = parseArgs({
  options: {
    input: { type: 'string', default: 'eval/dev.jsonl' },
    tune: { type: 'string', default: 'eval/tune.jsonl' },
    tune2: { type: 'string', default: 'eval/tune2.jsonl' },
    holdout: { type: 'string', default: 'eval/holdout.jsonl' },
    'no-holdout': { type: 'boolean', default: false },
    folds: { type: 'string', default: '5' },
    lambda: { type: 'string', default: '0.02' },
    errors: { type: 'boolean', default: false },
  },
});
const k = Number(values.folds);
const fit = { lambda: Number(values.lambda) };

function load(file: string): DevFeatures {
  const notes: LabelledNote[] = parseNotesJsonl(readFileSync(file, 'utf8'), file).filter((n) => n.label);
  for (const n of notes) if (!(CATEGORIES as readonly string[]).includes(n.label!)) throw new Error(`${file}: note ${n.id} has an unknown label "${n.label}"`);
  return devFeatures(notes);
}
const truthOf = (d: DevFeatures) => d.notes.map((n) => n.label as Category);

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const short: Record<Category, string> = {
  sales_pitch: 'pitch', swing_and_miss: 'swing', irrelevant: 'irrel', bot: 'bot',
  too_much_too_soon: 'tmts', coworker_template: 'cowrk', good: 'good', no_message: 'nomsg',
};

function report(title: string, d: DevFeatures, pred: Category[]): Metrics {
  const m = metrics(truthOf(d), pred);
  console.log(`\n== ${title} ==`);
  console.log(`${'class'.padEnd(18)} prec%  rec%   F1%  support`);
  for (const c of CATEGORIES) {
    const p = m.perClass[c];
    console.log(`${c.padEnd(18)} ${pct(p.precision)} ${pct(p.recall)} ${pct(p.f1)}  ${String(p.support).padStart(5)}`);
  }
  console.log(`macro-F1 ${pct(m.macroF1)}%   accuracy ${pct(m.accuracy)}%   ACCEPT-vs-IGNORE accuracy ${pct(m.acceptIgnoreAccuracy)}%`);
  console.log(`confusion (rows = truth, columns = predicted):`);
  console.log(' '.repeat(8) + CATEGORIES.map((c) => short[c].padStart(6)).join(''));
  for (const t of CATEGORIES) console.log(short[t].padEnd(8) + CATEGORIES.map((p) => String(m.confusion[t][p]).padStart(6)).join(''));
  if (values.errors) {
    const truth = truthOf(d);
    d.notes.forEach((n, i) => {
      if (pred[i] !== truth[i]) console.log(`  error ${n.id} ${truth[i]} -> ${pred[i]}: ${n.text.replace(/\s+/g, ' ').slice(0, 110)}`);
    });
  }
  return m;
}
/** Calibration of the shipped confidence: mean confidence when right and when wrong, and per band. */
function calibration(d: DevFeatures): string {
  const rows: { conf: number; ok: boolean }[] = [];
  d.notes.forEach((n, i) => {
    const f = d.fired[i];
    if (!f) return;
    const c = decide(f.fired, f.cluster, WEIGHTS);
    rows.push({ conf: c.confidence, ok: c.category === n.label });
  });
  const mean = (xs: number[]) => (xs.length ? (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2) : '-');
  const bands = [0, 0.5, 0.7, 0.9].map((lo, b) => {
    const hi = [0.5, 0.7, 0.9, 1.01][b];
    const inBand = rows.filter((r) => r.conf >= lo && r.conf < hi);
    return `[${lo.toFixed(1)},${Math.min(hi, 1).toFixed(1)}${hi > 1 ? ']' : ')'}: ${inBand.length} notes, ${inBand.length ? ((100 * inBand.filter((r) => r.ok).length) / inBand.length).toFixed(0) : '-'}% right`;
  });
  return `confidence: mean ${mean(rows.filter((r) => r.ok).map((r) => r.conf))} when right, ${mean(rows.filter((r) => !r.ok).map((r) => r.conf))} when wrong; ${bands.join('; ')}`;
}

const line = (name: string, m: Metrics) =>
  `${name}: macro-F1 ${(100 * m.macroF1).toFixed(1)}%, accuracy ${(100 * m.accuracy).toFixed(1)}%, ACCEPT-vs-IGNORE ${(100 * m.acceptIgnoreAccuracy).toFixed(1)}%`;

const dev = load(values.input!);
const hasTune = existsSync(values.tune!);
const tune = hasTune ? load(values.tune!) : null;
const tune2 = existsSync(values.tune2!) ? load(values.tune2!) : null;
const devExamples: Example[] = examplesOf(dev, () => true);
const tune2Examples: Example[] = tune2 ? examplesOf(tune2, () => true) : [];
const tuneExamples: Example[] = tune ? examplesOf(tune, () => true) : [];
const summary: string[] = [];

console.log(`dev set: ${values.input} (${dev.notes.length} labelled notes); tune sets: ${hasTune ? `${values.tune} (${tune!.notes.length})` : 'absent'}, ${tune2 ? `${values.tune2} (${tune2.notes.length})` : 'absent'}; ${k}-fold CV, lambda ${fit.lambda}`);
const devCv = report(`(a) DEV SET, ${k}-fold cross-validation (weights: other dev folds + tune sets; phrase families written on this set: optimistic)`, dev, crossValidate(dev, k, fit, [...tuneExamples, ...tune2Examples]));
summary.push(line(`(a) dev ${k}-fold CV`, devCv));

if (tune) {
  const tuneCv = report(`(b) TUNE SET, USED FOR TUNING, ${k}-fold CV (weights: dev + tune2 + other tune folds)`, tune, crossValidate(tune, k, fit, [...devExamples, ...tune2Examples]));
  const tuneIn = report('(b) TUNE SET, USED FOR TUNING, in-sample with the shipped weights', tune, tune.notes.map((_, i) => predict(tune, i, WEIGHTS)));
  console.log(calibration(tune));
  summary.push(line(`(b) tune ${k}-fold CV (used for tuning)`, tuneCv), line('(b) tune in-sample, shipped weights (used for tuning)', tuneIn));
}

if (tune2) {
  const cv2 = report(`(b2) TUNE2 SET, USED FOR TUNING, ${k}-fold CV (weights: dev + tune + other tune2 folds)`, tune2, crossValidate(tune2, k, fit, [...devExamples, ...tuneExamples]));
  const in2 = report('(b2) TUNE2 SET, USED FOR TUNING, in-sample with the shipped weights', tune2, tune2.notes.map((_, i) => predict(tune2, i, WEIGHTS)));
  console.log(calibration(tune2));
  summary.push(line(`(b2) tune2 ${k}-fold CV (used for tuning)`, cv2), line('(b2) tune2 in-sample, shipped weights (used for tuning)', in2));
}

if (values['no-holdout']) {
  summary.push('(c) holdout: skipped (--no-holdout)');
} else if (existsSync(values.holdout!)) {
  const hold = load(values.holdout!);
  const m = report('(c) HOLDOUT SET: the honest figure (never read while writing rules or fitting), shipped weights', hold, hold.notes.map((_, i) => predict(hold, i, WEIGHTS)));
  console.log(calibration(hold));
  summary.push(line('(c) HOLDOUT, never tuned (honest)', m));
} else {
  summary.push(`(c) holdout: ${values.holdout} not found`);
}

console.log('\nsummary:');
for (const s of summary) console.log(`  ${s}`);
