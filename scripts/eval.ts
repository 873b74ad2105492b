/**
 * `npm run eval`: classification report on every tuning set (eval/dev.jsonl and every
 * eval/tune*.jsonl, see `tuningSetFiles`), each classified as one inbox (template clustering runs
 * across the set; it never reads labels). Per set, three figures, most honest first:
 *   - leave one set out (LOSO): the set predicted by weights fitted on the OTHER sets only. The rules
 *     were still written while reading every tuning set, so even this is optimistic for unseen notes;
 *   - k-fold CV: each fold predicted by weights fitted on the other folds plus all other sets;
 *   - in-sample with the shipped weights (fitted on every set).
 * Then the pooled LOSO figure, a reliability table of the confidence on pooled held-out (LOSO)
 * scores, and, unless `--no-holdout`, the holdout set (eval/holdout.jsonl) with the shipped weights:
 * the only never-tuned figure. With `--no-holdout` the holdout file is never opened.
 * Usage: tsx scripts/eval.ts [--dir eval] [--only dev.jsonl,tune3.jsonl] [--holdout eval/holdout.jsonl] [--no-holdout]
 *                            [--folds 5] [--lambda 0.02] [--errors] [--details]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CATEGORIES, type Category } from '../functions/audit/model.ts';
import {
  confidenceOf,
  crossFittedFeatures,
  crossValidateDetailed,
  devFeatures,
  examplesOf,
  fitCalibration,
  FIRST_LOOK,
  leaveOneSetOut,
  metrics,
  predict,
  reliability,
  tuningSetFiles,
  type HeldOut,
  type Metrics,
} from '../functions/audit/classify/evaluate.ts';
import { parseNotesJsonl, type LabelledNote } from '../functions/audit/classify/jsonl.ts';
import { decide } from '../functions/audit/classify/engine.ts';
import { WEIGHTS } from '../functions/audit/classify/weights.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'eval' },
    only: { type: 'string' },
    holdout: { type: 'string', default: 'eval/holdout.jsonl' },
    'no-holdout': { type: 'boolean', default: false },
    folds: { type: 'string', default: '5' },
    lambda: { type: 'string', default: '0.02' },
    errors: { type: 'boolean', default: false },
    details: { type: 'boolean', default: false },
  },
});
const k = Number(values.folds);
const fit = { lambda: Number(values.lambda) };

/** What each tuning set is, as the report names it. */
const ROLE: Record<string, string> = {
  'dev.jsonl': 'dev set: the phrase families were written while reading it',
  'tune.jsonl': 'blind tuning set 1, used for tuning since session 1',
  'tune2.jsonl': 'blind tuning set 2, used for tuning since its first measurement',
  'tune3.jsonl': 'retired holdout, used for tuning since session 2',
  'tune4.jsonl': 'blind tuning set 4, used for tuning since its first measurement (session 2)',
  'tune5.jsonl': 'blind tuning set 5 (real-inbox voice), used for tuning since its first measurement (session 2)',
  'tune6.jsonl': 'blind tuning set 6 (half not in English), used for tuning since its first measurement (session 2)',
  'tune7.jsonl': 'blind tuning set 7 (mostly not in English; good notes in template wording), used for tuning from the start (session 2)',
};

function load(file: string): LabelledNote[] {
  const notes: LabelledNote[] = parseNotesJsonl(readFileSync(file, 'utf8'), file).filter((n) => n.label);
  for (const n of notes) if (!(CATEGORIES as readonly string[]).includes(n.label!)) throw new Error(`${file}: note ${n.id} has an unknown label "${n.label}"`);
  return notes;
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const short: Record<Category, string> = {
  sales_pitch: 'pitch', swing_and_miss: 'swing', irrelevant: 'irrel', bot: 'bot',
  too_much_too_soon: 'tmts', coworker_template: 'cowrk', good: 'good', no_message: 'nomsg',
};

function report(title: string, notes: LabelledNote[], pred: Category[], details: boolean): Metrics {
  const truth = notes.map((n) => n.label as Category);
  const m = metrics(truth, pred);
  if (!details) return m;
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
    notes.forEach((n, i) => {
      if (pred[i] !== truth[i]) console.log(`  error ${n.id} ${truth[i]} -> ${pred[i]}: ${n.text.replace(/\s+/g, ' ').slice(0, 140)} [to: ${typeof n.recipientProfile === 'string' ? n.recipientProfile.slice(0, 60) : ''}]`);
    });
  }
  return m;
}

const perClass = (m: Metrics) =>
  CATEGORIES.filter((c) => m.perClass[c].support > 0).map((c) => `${short[c]} ${(100 * m.perClass[c].f1).toFixed(0)}`).join(', ');
const line = (name: string, m: Metrics) =>
  `${name.padEnd(44)} macro-F1 ${pct(m.macroF1)}%  accuracy ${pct(m.accuracy)}%  ACCEPT-vs-IGNORE ${pct(m.acceptIgnoreAccuracy)}%  (F1: ${perClass(m)})`;

const dir = values.dir!;
const names = values.only ? values.only.split(',') : tuningSetFiles(readdirSync(dir));
const labelled = names.map((n) => load(join(dir, n)));
// each set read by a word model trained on the other sets (CV and reliability score these)
const sets = crossFittedFeatures(labelled);
console.log(`tuning sets (${dir}): ${names.map((n, i) => `${n} (${sets[i].notes.length})`).join(', ')}; ${k}-fold CV, lambda ${fit.lambda}`);
for (const n of names) console.log(`  ${n}: ${ROLE[n] ?? 'tuning set'}`);

const summary: string[] = [];
const loso = leaveOneSetOut(labelled, fit);
const allTruth: LabelledNote[] = [];
const allLoso: Category[] = [];
sets.forEach((d, s) => {
  const name = names[s];
  const mLoso = report(`${name}: LEAVE ONE SET OUT (weights fitted on the other sets only)`, d.notes, loso[s].pred, true);
  const cv = crossValidateDetailed(d, k, fit, sets.filter((_, o) => o !== s).flatMap((o) => examplesOf(o, () => true)));
  const mCv = report(`${name}: ${k}-fold CV`, d.notes, cv.pred, values.details);
  const shippedModels = devFeatures(d.notes);
  const mIn = report(`${name}: in-sample, shipped weights and word model`, d.notes, d.notes.map((_, i) => predict(shippedModels, i, WEIGHTS)), values.details);
  summary.push(line(`${name} leave-one-set-out`, mLoso), line(`${name} ${k}-fold CV`, mCv), line(`${name} in-sample (shipped weights)`, mIn));
  allTruth.push(...d.notes);
  allLoso.push(...loso[s].pred);
});
const pooled = report('ALL SETS POOLED: LEAVE ONE SET OUT', allTruth, allLoso, true);
summary.push(line('all sets pooled, leave-one-set-out', pooled));

// confidence on held-out scores: each set's LOSO scores, calibrated by a calibration fitted on the
// OTHER sets' LOSO scores (so the table does not grade the calibration on its own training data)
function table(title: string, rows: { conf: number; ok: boolean }[]): void {
  console.log(`\n== ${title} ==`);
  console.log('confidence bin   notes  right%  mean confidence');
  for (const b of reliability(rows)) {
    if (b.notes === 0) continue;
    console.log(`[${b.lo.toFixed(2)}, ${b.hi.toFixed(2)}${b.hi >= 1 ? ']' : ')'}  ${String(b.notes).padStart(6)}  ${pct(b.right)}  ${b.meanConfidence.toFixed(3)}`);
  }
  const mean = (xs: number[]) => (xs.length ? (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3) : '-');
  const right = rows.filter((r) => r.ok).map((r) => r.conf);
  const wrong = rows.filter((r) => !r.ok).map((r) => r.conf);
  const ece = reliability(rows).reduce((a, b) => a + (b.notes / Math.max(1, rows.length)) * Math.abs(b.right - b.meanConfidence), 0);
  console.log(`mean confidence ${mean(right)} when right (${right.length}), ${mean(wrong)} when wrong (${wrong.length}); expected calibration error ${(100 * ece).toFixed(1)} points`);
  summary.push(`${title}: mean confidence ${mean(right)} right / ${mean(wrong)} wrong, ECE ${(100 * ece).toFixed(1)} pts`);
}
const crossFitted: { conf: number; ok: boolean; fallback: boolean }[] = [];
loso.forEach((r, s) => {
  const cal = fitCalibration(loso.filter((_, o) => o !== s).flatMap((o) => o.heldOut), FIRST_LOOK);
  for (const h of r.heldOut) crossFitted.push({ conf: confidenceOf(h, cal), ok: h.best === h.label, fallback: h.fallback });
});
table('RELIABILITY on pooled leave-one-set-out scores (calibration fitted on the other sets)', crossFitted.map(({ conf, ok }) => ({ conf, ok })));
const fbRows = crossFitted.filter((r) => r.fallback);
console.log(`  of which decided by the fallback alone: ${fbRows.length} notes, ${fbRows.length ? ((100 * fbRows.filter((r) => r.ok).length) / fbRows.length).toFixed(0) : '-'}% right, mean confidence ${fbRows.length ? (fbRows.reduce((a, r) => a + r.conf, 0) / fbRows.length).toFixed(3) : '-'}`);
const shipped = (h: HeldOut) => ({ conf: confidenceOf(h, { temperature: WEIGHTS.temperature ?? 1, calibration: WEIGHTS.calibration }), ok: h.best === h.label });
table('RELIABILITY on pooled leave-one-set-out scores (shipped calibration)', loso.flatMap((r) => r.heldOut.map(shipped)));

if (values['no-holdout']) {
  summary.push('holdout: skipped (--no-holdout)');
} else if (existsSync(values.holdout!)) {
  const hold = devFeatures(load(values.holdout!));
  const m = report('HOLDOUT SET: the honest figure (never read while writing rules or fitting), shipped weights', hold.notes, hold.notes.map((_, i) => predict(hold, i, WEIGHTS)), true);
  const rows = hold.notes.flatMap((n, i) => {
    const f = hold.fired[i];
    if (!f) return [];
    const c = decide(f.fired, f.cluster, WEIGHTS);
    return [{ conf: c.confidence, ok: c.category === n.label }];
  });
  table('RELIABILITY on the holdout (shipped weights and calibration)', rows);
  summary.push(line('HOLDOUT, never tuned (honest)', m));
} else {
  summary.push(`holdout: ${values.holdout} not found`);
}

console.log('\nsummary:');
for (const s of summary) console.log(`  ${s}`);
