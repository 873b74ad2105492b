/**
 * Fits the classifier on every tuning set (see scripts/training/sets.ts: eval/dev.jsonl, every
 * eval/tune*.jsonl, and every export set once its first look is recorded) and writes the fitted data
 * files in functions/audit/classify/fitted/: word-model.bin (the word model, trained on all of them,
 * packed as scoring reads it: words.ts encodeWordModel), weights.json (rule weights, confidence
 * calibration, structural confidences) and gates.json (the gate words of every rule's regex,
 * gate.ts: derived here so that start-up need not). Each set is prepared as its own batch
 * (templates across that set), its word rules read by a word model trained on the other sets, so
 * the weights learn how far to trust the words on notes they were not trained on. The temperature is fitted on leave-one-set-out scores; the
 * confidence map, the fallback ceiling and each structural rule's confidence on the first looks
 * (eval/first-looks.json: verdicts measured on sets nobody had tuned on). The role model (role-model.bin,
 * issue 16) on every role-labelled set it may train on (scripts/training/roles.ts roleTrainingSetNames).
 * Deterministic: `npm run fit`.
 * The holdout set (eval/holdout.jsonl) is never read here.
 * Usage: tsx scripts/fit.ts [--dir eval] [--lambda 0.02]
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Weights } from '../functions/audit/classify/types.ts';
import { derivedGates, encodeGates } from '../functions/audit/classify/gate.ts';
import { encodeRoleModel, encodeWordModel, packWordModel } from '../functions/audit/classify/words.ts';
import { crossFittedFeatures, examplesOf, fitCalibration, leaveOneSetOut, structuralTally, wordModelOf } from './training/evaluate.ts';
import { fitWeights } from './training/fit-weights.ts';
import { roleTrainingNotes, roleTrainingSetNames, trainRoleModel } from './training/roles.ts';
import { exportSetNames, firstLookRows, loadTuningSets } from './training/sets.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'eval' },
    lambda: { type: 'string', default: '0.02' },
  },
});
const dir = values.dir!;
const tuning = await loadTuningSets(dir);
const sets = tuning.map((t) => t.notes);
const names = tuning.map((t) => t.name);
// the weights learn how far to trust the word model from notes it was not trained on
const features = crossFittedFeatures(sets);
const examples = features.flatMap((d) => examplesOf(d, () => true));
const fit = { lambda: Number(values.lambda) };
const weights: Weights = fitWeights(examples, fit);
const looks = firstLookRows(dir);
const { temperature, calibration, structural } = fitCalibration(leaveOneSetOut(sets, fit).flatMap((r) => r.heldOut), looks);
// structural rules no first look has measured yet: their precision on the tuning sets, smoothed
const tally = new Map<string, { notes: number; right: number }>();
for (const d of features) structuralTally(d, tally);
for (const [rule, t] of tally) structural[rule] ??= Math.round((1000 * (t.right + 3.6)) / (t.notes + 4)) / 1000;
weights.temperature = temperature;
weights.calibration = calibration;
weights.structural = Object.fromEntries(Object.entries(structural).sort());

const dataDir = new URL('../functions/audit/classify/fitted/', import.meta.url);
// one rule a line: a refit diffs line by line
const w = JSON.stringify(weights, null, 1).replace(/\n\s*(-?[\d.]+,?)/g, ' $1').replace(/\n\s*\]/g, ' ]');
writeFileSync(fileURLToPath(new URL('weights.json', dataDir)), `${w}\n`);
const model = wordModelOf(sets.flat());
// data, not source: the model packed as scoring reads it (hashes, counts, evidence flags), ~5 bytes a feature
writeFileSync(fileURLToPath(new URL('word-model.bin', dataDir)), encodeWordModel(packWordModel(model)));
// what every gate of the classifier derives from its rules' regexes (gate.ts), so start-up need not
const gates = derivedGates();
writeFileSync(fileURLToPath(new URL('gates.json', dataDir)), encodeGates(gates));
// the role model (issue 16): on every role-labelled set it may train on (never holdout.jsonl, no other *.jsonl)
const roleSets = roleTrainingSetNames(dir, exportSetNames(dir));
const roleNotes = (await roleTrainingNotes(dir, roleSets)).filter((n) => n.text);
const roleModel = encodeRoleModel(trainRoleModel(roleNotes));
writeFileSync(fileURLToPath(new URL('role-model.bin', dataDir)), roleModel);
console.log(`role model: ${roleNotes.length} notes with a role and a text (${roleSets.join(' + ')}); role-model.bin ${(roleModel.length / 1024).toFixed(0)} KiB`);
console.log(
  `fitted ${Object.keys(weights.rules).length} rules on ${examples.length} weighed notes (${names.join(' + ')}); temperature ${temperature}, ` +
    `calibration map of ${calibration.x.length} points (${looks.length ? `${looks.length} first-look verdicts` : 'held-out scores: no first look yet'}), fallback ceiling ${calibration.fallback}; ` +
    `structural confidences ${Object.entries(weights.structural).map(([r, c]) => `${r} ${c}`).join(', ')}; word model of ${model.features.length} features (word-model.bin, ${(encodeWordModel(packWordModel(model)).length / 1024).toFixed(0)} KiB)`,
);
