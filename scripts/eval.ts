/**
 * `npm run eval`: how good the verdicts are, per labelled set, as 8-class accuracy, macro-F1 and
 * ACCEPT-vs-IGNORE accuracy (among notes whose true verdict is ACCEPT or IGNORE).
 *   - Each tuning set (eval/dev.jsonl, eval/tune*.jsonl, and export sets after their first look) three
 *     ways, most honest first: leave one set out (weights and word model fitted on the OTHER sets), k-fold
 *     CV, in-sample with the shipped weights. All optimistic: the phrase families were written while
 *     reading these sets.
 *   - Each export set (eval/real-voice/: whole synthetic exports, templates visible across rows)
 *     audited exactly as `aoi audit` runs, on its notes and on all its rows, with its FIRST LOOK (the
 *     figure measured once, before anyone tuned on it: the one that predicts real inboxes) beside it.
 *   - The holdout (eval/holdout.jsonl) with the shipped weights, unless `--no-holdout`.
 * `--first-look SET` measures an export set that has none yet and records it in eval/first-looks.json
 * (aggregate figures and per-verdict probability/right rows, no text); it refuses a second one.
 * Roles (issue 16, scripts/training/roles.ts): role accuracy, "clear" accuracy (notes whose gold role is
 * not `unknown`), per-role F1 and macro-F1. First the CROSS-VALIDATED figures on the sets the role model
 * trains on (dev.jsonl, tune*.jsonl, real-voice/): each note set and each export is a fold, decided by
 * the rules and a role model trained on the other folds, beside the rules alone; then a stricter
 * leave-one-set-out; then each set as shipped (in-sample) beside its role first look; then the held-out
 * sets (holdout.jsonl, any new set) only once their role first look is recorded (`--role-first-look`,
 * once, in eval/role-first-looks.json), their figure "now" not with `--no-holdout`. `--roles-only`
 * prints the role figures alone; `--role-errors SET` lists a tuning set's role errors.
 * Usage: tsx scripts/eval.ts [--dir eval] [--no-holdout] [--folds 5] [--details] [--errors SET] [--first-look real-voice]
 *        [--roles-only] [--role-errors tune3.jsonl] [--role-first-look]
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { rank, softmax } from '../functions/audit/classify/engine.ts';
import { WEIGHTS } from '../functions/audit/classify/fitted.ts';
import { CATEGORIES, type Category } from '../functions/audit/model.ts';
import {
  confidenceOf,
  crossFittedFeatures,
  crossValidateDetailed,
  examplesOf,
  fitCalibration,
  leaveOneSetOut,
  metrics,
  predict,
  reliability,
  setFeatures,
  type FirstLookRow,
  type Metrics,
} from './training/evaluate.ts';
import { auditExportSet, loadExportSet } from './training/export-sets.ts';
import { crossValidatedRoles, readRoleFirstLooks, roleFigures, rolePairsOf, roleRow, roleSetNames, roleTrainingNotes, writeRoleFirstLook, type RolePair } from './training/roles.ts';
import { exportSetNames, firstLookRows, loadJsonlSet, loadTuningSets, readFirstLooks, tuningSetFiles, writeFirstLook, type Figures } from './training/sets.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'eval' },
    'no-holdout': { type: 'boolean', default: false },
    folds: { type: 'string', default: '5' },
    lambda: { type: 'string', default: '0.02' },
    details: { type: 'boolean', default: false },
    errors: { type: 'string' },
    'first-look': { type: 'string' },
    'roles-only': { type: 'boolean', default: false },
    'role-errors': { type: 'string' },
    'role-first-look': { type: 'boolean', default: false },
  },
});
const dir = values.dir!;
const k = Number(values.folds);
const fit = { lambda: Number(values.lambda) };

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const short: Record<Category, string> = {
  sales_pitch: 'pitch', swing_and_miss: 'swing', irrelevant: 'irrel', bot: 'bot',
  too_much_too_soon: 'tmts', coworker_template: 'cowrk', good: 'good', no_message: 'nomsg',
};

function figures(m: Metrics, notes: number): Figures {
  const f1: Record<string, number> = {};
  for (const c of CATEGORIES) if (m.perClass[c].support > 0) f1[c] = Math.round(1000 * m.perClass[c].f1) / 1000;
  const r = (x: number) => Math.round(10000 * x) / 10000;
  return { notes, accuracy: r(m.accuracy), macroF1: r(m.macroF1), acceptIgnoreAccuracy: r(m.acceptIgnoreAccuracy), f1 };
}
const row = (name: string, f: Figures) =>
  `${name.padEnd(46)} ${String(f.notes).padStart(5)}  acc ${pct(f.accuracy)}%  macro-F1 ${pct(f.macroF1)}%  ACCEPT-vs-IGNORE ${pct(f.acceptIgnoreAccuracy)}%  (F1: ${Object.entries(f.f1)
    .map(([c, v]) => `${short[c as Category]} ${Math.round(100 * v)}`)
    .join(', ')})`;

function details(title: string, m: Metrics): void {
  if (!values.details) return;
  console.log(`\n== ${title} ==\nconfusion (rows = truth, columns = predicted):`);
  console.log(' '.repeat(8) + CATEGORIES.map((c) => short[c].padStart(6)).join(''));
  for (const t of CATEGORIES) console.log(short[t].padEnd(8) + CATEGORIES.map((p) => String(m.confusion[t][p]).padStart(6)).join(''));
}

const summary: string[] = [];

// ---------------------------------------------------------------- roles (issue 16)
/**
 * Role figures: the honest one first, cross-validated (the role model trained on the other folds,
 * the rules as written), then each set as shipped (in-sample for the sets the model was trained on)
 * beside its recorded first look, then the held-out sets: their first look, and their figure now only
 * without `--no-holdout`.
 */
async function roleSection(): Promise<void> {
  const { tuning, heldOut } = roleSetNames(dir, exportSetNames(dir));
  console.log(`\nroles (issue 16): rules written on tune*.jsonl; role model trained on ${tuning.join(', ')}; held out ${heldOut.join(', ') || 'none'}`);
  console.log('("clear": notes whose gold role is not unknown; the target is 85% there)');
  // cross-validated: each fold's notes decided with a role model trained on the other folds
  const notes = await roleTrainingNotes(dir, tuning);
  const groups: [string, (p: { set: string }) => boolean][] = [
    ['tune*.jsonl pooled (rules written on them)', (p) => /^tune\d*\.jsonl$/.test(p.set)],
    ...tuning.filter((t) => !/^tune\d*\.jsonl$/.test(t)).map((t): [string, (p: { set: string }) => boolean] => [t, (p) => p.set === t]),
    ['all pooled', () => true],
  ];
  for (const by of ['fold', 'set'] as const) {
    const cv = crossValidatedRoles(notes, by);
    const how = by === 'fold' ? 'CROSS-VALIDATED by set and export (model trained on the other note sets and exports)' : 'leave-one-set-out (model trained on the other sets only; stricter)';
    console.log(`role ${how}:`);
    for (const [name, sel] of groups) {
      const before = roleFigures(cv.rules.filter(sel));
      const after = roleFigures(cv.model.filter(sel), values.details);
      console.log(`  ${roleRow(`${name}: rules alone`, before)}`);
      console.log(`  ${roleRow(`${name}: rules + role model`, after)}`);
      if (values.details) console.log(`    confusion ${JSON.stringify(after.confusion)}`);
      if (by === 'fold' && name === 'all pooled') {
        summary.push(roleRow('roles, cross-validated, all pooled: rules alone', before));
        summary.push(roleRow('roles, cross-validated, all pooled: rules + model', after));
      }
      if (by === 'fold' && name === 'real-voice') summary.push(roleRow('roles, cross-validated, real-voice: rules + model', after));
    }
  }
  const looks = readRoleFirstLooks(dir);
  const pooled: RolePair[] = [];
  console.log('role now, as shipped (the role model was trained on these sets: in-sample, optimistic):');
  for (const name of tuning) {
    const pairs = await rolePairsOf(dir, name);
    pooled.push(...pairs);
    const f = roleFigures(pairs, values.details);
    if (looks[name]) console.log(`  ${roleRow(`${name}: role FIRST LOOK (rules only)`, looks[name].figures)}   (${looks[name].date}, ${looks[name].commit})`);
    console.log(`  ${roleRow(`${name}: now (trained on)`, f)}`);
    if (values.details) console.log(`    confusion (gold: predicted counts) ${JSON.stringify(f.confusion)}`);
    if (values['role-errors'] === name) {
      for (const p of pairs) if (p.gold !== p.pred) console.log(`  error ${p.id} ${p.direction ?? ''} ${p.gold} -> ${p.pred}: ${p.text.replace(/\s+/g, ' ').slice(0, 170)}`);
    }
  }
  if (values['role-errors'] && !tuning.includes(values['role-errors'])) console.log(`  (--role-errors: ${values['role-errors']} is held out for roles: its errors are not shown)`);
  console.log(`  ${roleRow('tuning sets pooled (trained on: optimistic)', roleFigures(pooled))}`);
  for (const name of heldOut) {
    const look = looks[name];
    if (!look) {
      console.log(`${name}: no role first look yet. Measure it once, before any tuning on it: npm run eval -- --role-first-look`);
      summary.push(`roles: ${name}: no role first look yet`);
      continue;
    }
    console.log(`  ${roleRow(`${name}: role FIRST LOOK`, look.figures)}   (${look.date}, ${look.commit})`);
    summary.push(roleRow(`roles: ${name}: FIRST LOOK`, look.figures));
    // --no-holdout: no held-out set is measured now (holdout.jsonl, and fresh.jsonl since its first look)
    if (values['no-holdout']) console.log(`  ${name}: now: skipped (--no-holdout)`);
    else console.log(`  ${roleRow(`${name}: now`, roleFigures(await rolePairsOf(dir, name)))}`);
  }
}

if (values['role-first-look']) {
  const { heldOut } = roleSetNames(dir, exportSetNames(dir));
  const looks = readRoleFirstLooks(dir);
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'functions/audit/classify'], { encoding: 'utf8' }).trim() !== '';
  const commit = `classifier at ${head}${dirty ? ' + uncommitted changes' : ''}`;
  for (const name of heldOut) {
    if (looks[name]) {
      console.log(`${name}: role first look already recorded (${looks[name].date}); not measured again`);
      continue;
    }
    const figures = roleFigures(await rolePairsOf(dir, name), true);
    writeRoleFirstLook(dir, name, { date: new Date().toISOString().slice(0, 10), commit, figures });
    console.log(roleRow(`${name}: role FIRST LOOK`, figures));
  }
  process.exit(0);
}
if (values['roles-only']) {
  await roleSection();
  console.log('\nsummary:');
  for (const s of summary) console.log(`  ${s}`);
  process.exit(0);
}

// ---------------------------------------------------------------- a first look, recorded once
if (values['first-look']) {
  const set = values['first-look'];
  if (readFirstLooks(dir)[set]) throw new Error(`${set} already has a first look in ${dir}/first-looks.json`);
  if (set.endsWith('.jsonl')) {
    // A held-out note set: each note classified alone with the shipped weights, as holdout.jsonl is
    // (no verdict rows: only export sets, audited whole, feed the calibration).
    if (tuningSetFiles([set]).length > 0 || set === 'holdout.jsonl') throw new Error(`${set} is not a new held-out note set`);
    const notes = loadJsonlSet(join(dir, set));
    const d = setFeatures(notes);
    const pred = notes.map((_, i) => predict(d, i, WEIGHTS));
    const noted = notes.flatMap((n, i) => (n.text.trim() !== '' ? [i] : []));
    const mNotes = metrics(noted.map((i) => notes[i].label as Category), noted.map((i) => pred[i]));
    const mRows = metrics(notes.map((n) => n.label as Category), pred);
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const look = { date: new Date().toISOString().slice(0, 10), commit, notes: figures(mNotes, noted.length), rows: figures(mRows, notes.length), verdicts: [] };
    writeFirstLook(dir, set, look);
    console.log(`first look at ${set} recorded in ${dir}/first-looks.json (classifier at ${commit}):`);
    console.log(`  ${row(`${set}: notes`, look.notes)}\n  ${row(`${set}: all rows`, look.rows)}`);
    details(`${set} first look (all rows)`, mRows);
    process.exit(0);
  }
  const audited = await auditExportSet(join(dir, set));
  const noted = audited.filter((a) => a.request.message.trim() !== '');
  const mNotes = metrics(noted.map((a) => a.label), noted.map((a) => a.request.category));
  const mRows = metrics(audited.map((a) => a.label), audited.map((a) => a.request.category));
  // per verdict: how it was decided and, for weighed ones, the probability it had (for calibration)
  const notes = await loadExportSet(join(dir, set));
  const d = setFeatures(notes);
  const verdicts: FirstLookRow[] = [];
  d.prepared.forEach((p, i) => {
    const label = notes[i].label!;
    if ('decided' in p) {
      if (p.decided.category !== 'no_message' || label !== 'no_message') verdicts.push({ ok: p.decided.category === label, rule: p.decided.reasons[0]?.rule ?? 'no_message' });
      return;
    }
    const r = rank(p.fired, WEIGHTS);
    const prob = softmax(r.scores.map((x) => x / (WEIGHTS.temperature ?? 1)))[r.best];
    verdicts.push({ p: Math.round(prob * 1000) / 1000, ok: predict(d, i, WEIGHTS) === label, fallback: r.fallback });
  });
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const look = { date: new Date().toISOString().slice(0, 10), commit, notes: figures(mNotes, noted.length), rows: figures(mRows, audited.length), verdicts };
  writeFirstLook(dir, set, look);
  console.log(`first look at ${set} recorded in ${dir}/first-looks.json (classifier at ${commit}):`);
  console.log(`  ${row(`${set}: notes`, look.notes)}\n  ${row(`${set}: all rows`, look.rows)}`);
  details(`${set} first look (notes)`, mNotes);
  process.exit(0);
}

// ---------------------------------------------------------------- tuning sets
const tuning = await loadTuningSets(dir);
const labelled = tuning.map((t) => t.notes);
const sets = crossFittedFeatures(labelled);
console.log(`tuning sets (${dir}): ${tuning.map((t) => `${t.name} (${t.notes.length})`).join(', ')}; ${k}-fold CV, lambda ${fit.lambda}`);
console.log('(optimistic: the phrase families were written while reading these sets)\n');
const loso = leaveOneSetOut(labelled, fit);
const allTruth: Category[] = [];
const allLoso: Category[] = [];
sets.forEach((d, s) => {
  const name = tuning[s].name;
  const truth = d.notes.map((n) => n.label as Category);
  const mLoso = metrics(truth, loso[s].pred);
  const cv = crossValidateDetailed(d, k, fit, sets.filter((_, o) => o !== s).flatMap((o) => examplesOf(o, () => true)));
  const shipped = setFeatures(d.notes);
  const mIn = metrics(truth, d.notes.map((_, i) => predict(shipped, i, WEIGHTS)));
  console.log(row(`${name} leave-one-set-out`, figures(mLoso, truth.length)));
  console.log(row(`${name} ${k}-fold CV`, figures(metrics(truth, cv.pred), truth.length)));
  console.log(row(`${name} in-sample (shipped weights)`, figures(mIn, truth.length)));
  details(`${name} leave-one-set-out`, mLoso);
  if (values.errors === name) {
    d.notes.forEach((n, i) => {
      if (loso[s].pred[i] !== n.label) console.log(`  error ${n.id} ${n.label} -> ${loso[s].pred[i]}: ${n.text.replace(/\s+/g, ' ').slice(0, 160)}`);
    });
  }
  allTruth.push(...truth);
  allLoso.push(...loso[s].pred);
});
const pooled = figures(metrics(allTruth, allLoso), allTruth.length);
console.log(row('all tuning sets pooled, leave-one-set-out', pooled));
summary.push(row('tuning sets pooled, leave-one-set-out (optimistic)', pooled));

// reliability: each set's held-out scores, calibrated on the OTHER sets' held-out scores and the first looks
const looks = readFirstLooks(dir);
const rows: { conf: number; ok: boolean }[] = [];
loso.forEach((r, s) => {
  const cal = fitCalibration(loso.filter((_, o) => o !== s).flatMap((o) => o.heldOut), firstLookRows(dir));
  for (const h of r.heldOut) rows.push({ conf: confidenceOf(h, cal), ok: h.best === h.label });
});
console.log('\nreliability of weighed verdicts on pooled leave-one-set-out scores (bin: notes, right%, mean confidence):');
for (const b of reliability(rows)) if (b.notes) console.log(`  [${b.lo.toFixed(2)}, ${b.hi.toFixed(2)})  ${String(b.notes).padStart(5)}  ${pct(b.right)}%  ${b.meanConfidence.toFixed(3)}`);

// ---------------------------------------------------------------- export sets, as aoi audit runs
for (const set of exportSetNames(dir)) {
  const look = looks[set];
  if (!look) {
    // a set is measured the first time on purpose, once, and recorded: never in passing
    console.log(`\n${set}: no first look yet. Measure it once, before any tuning on it: npm run eval -- --first-look ${set}`);
    summary.push(`${set}: no first look yet`);
    continue;
  }
  const audited = await auditExportSet(join(dir, set));
  const noted = audited.filter((a) => a.request.message.trim() !== '');
  const now = figures(metrics(noted.map((a) => a.label), noted.map((a) => a.request.category)), noted.length);
  const nowRows = figures(metrics(audited.map((a) => a.label), audited.map((a) => a.request.category)), audited.length);
  console.log(`\n${set}: whole exports audited as aoi audit runs (shipped classifier)`);
  console.log(`  ${row('first look, notes', look.notes)}   (${look.date}, classifier at ${look.commit})`);
  console.log(`  ${row('now, notes (may be tuned on it since: optimistic)', now)}`);
  console.log(`  ${row('first look, all rows', look.rows)}`);
  console.log(`  ${row('now, all rows', nowRows)}`);
  const sure = noted.filter((a) => a.request.confidence >= 0.6);
  console.log(`  verdicts shown as sure (confidence ≥ 0.6): ${sure.length} of ${noted.length} notes, ${sure.length ? pct(sure.filter((a) => a.request.category === a.label).length / sure.length) : '  -  '}% right`);
  summary.push(row(`${set}: FIRST LOOK, notes (predicts real inboxes)`, look.notes));
  summary.push(row(`${set}: now, notes (optimistic)`, now));
  if (values.errors === set) {
    for (const a of noted) {
      if (a.request.category !== a.label) console.log(`  error ${a.request.source.row} ${a.label} -> ${a.request.category}: ${a.request.message.slice(0, 160)}`);
    }
  }
}

// ---------------------------------------------------------------- holdout
const holdout = join(dir, 'holdout.jsonl');
if (values['no-holdout']) summary.push('holdout: skipped (--no-holdout)');
else if (existsSync(holdout)) {
  const notes = loadJsonlSet(holdout);
  const d = setFeatures(notes);
  const m = metrics(notes.map((n) => n.label as Category), notes.map((_, i) => predict(d, i, WEIGHTS)));
  details('holdout', m);
  summary.push(row('holdout.jsonl (team-written, never tuned on)', figures(m, notes.length)));
}

await roleSection();

console.log('\nsummary:');
for (const s of summary) console.log(`  ${s}`);
