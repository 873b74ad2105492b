/**
 * The fitted data, written by `npm run fit` (scripts/fit.ts) as data files beside this module:
 * `fitted/weights.json` (rule weights, confidence calibration, structural confidences) and
 * `fitted/word-model.json` (the word model's counts, one feature a line).
 */
import type { Weights } from './types.ts';
import type { WordModel } from './words.ts';
import weights from './fitted/weights.json' with { type: 'json' };
import wordModel from './fitted/word-model.json' with { type: 'json' };

export const WEIGHTS: Weights = weights as Weights;
// plain casts, no code at load time: a bundle that never reads them (the API's) leaves the data out
export const WORD_MODEL: WordModel = wordModel as unknown as WordModel;
