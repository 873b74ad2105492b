/**
 * The fitted data, written by `npm run fit` (scripts/fit.ts) as data files beside this module:
 * `fitted/weights.json` (rule weights, confidence calibration, structural confidences) and
 * `fitted/word-model.json` (the word model's counts, one feature a line).
 */
import type { Weights } from './types.ts';
import type { WordModel, WordClass } from './words.ts';
import weights from './fitted/weights.json' with { type: 'json' };
import wordModel from './fitted/word-model.json' with { type: 'json' };

export const WEIGHTS: Weights = weights as Weights;
export const WORD_MODEL: WordModel = { ...wordModel, classes: wordModel.classes as WordClass[] };
