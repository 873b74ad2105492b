/**
 * The fitted data, written by `npm run fit` (scripts/fit.ts) as data files beside this module:
 * `fitted/weights.json` (rule weights, confidence calibration, structural confidences) and
 * `fitted/word-model.bin` (the word model as scoring reads it: feature hashes and counts, packed at
 * fit time; words.ts encodeWordModel). The word model is read from its file on the first note
 * scored, not when this module loads: `aoi check` pays ~1 ms for it, and a bundle that never
 * scores a note (the API's) never reads it. Bundles carry the file beside their code: the CLI's
 * build copies it into dist/fitted/, the Lambda bundling (lib/functions.ts) beside index.mjs.
 * `fitted/role-model.bin` (issue 16: who is writing, words.ts encodeRoleModel) is read and shipped
 * the same way.
 */
import { readFileSync } from 'node:fs';
import type { Weights } from './types.ts';
import { decodeRoleModel, decodeWordModel, type LazyRoleWordModel, type LazyWordModel, type PackedWordModel, type RoleWordModel } from './words.ts';
import weights from './fitted/weights.json' with { type: 'json' };

export const WEIGHTS: Weights = weights as Weights;

/** Where the fitted word model is, relative to this module (and to the bundle it ends up in). */
export const WORD_MODEL_FILE = 'fitted/word-model.bin';

let packed: PackedWordModel | undefined;
export const WORD_MODEL: LazyWordModel = {
  load: () => (packed ??= decodeWordModel(readFileSync(new URL(`./${WORD_MODEL_FILE}`, import.meta.url)))),
};

/** Where the fitted role model is (issue 16: who is writing; words.ts encodeRoleModel), relative to this module. */
export const ROLE_MODEL_FILE = 'fitted/role-model.bin';

let roleModel: RoleWordModel | undefined;
export const ROLE_MODEL: LazyRoleWordModel = {
  load: () => (roleModel ??= decodeRoleModel(readFileSync(new URL(`./${ROLE_MODEL_FILE}`, import.meta.url)))),
};
