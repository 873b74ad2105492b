/**
 * Role figures (issue 16): how well the shipped classifier says who is writing, per labelled set, and
 * the role model's training and cross-validation.
 *
 * Sets and honesty: the role rules (functions/audit/classify/role.ts) were written while reading the
 * tuning sets `tune.jsonl` … `tune7.jsonl` only. `dev.jsonl`, `holdout.jsonl` and the export sets
 * (`real-voice/`) were measured once for roles (`npm run eval -- --role-first-look`, recorded in
 * eval/role-first-looks.json). Since then `dev.jsonl` and `real-voice/` are tuning data too: the role
 * model (words.ts readRoleWords) is trained on them and on `tune*.jsonl` (roleTrainingSetNames), and
 * its honest figure is cross-validated (crossValidatedRoles: each note set and each export a fold).
 * `holdout.jsonl` and any other note set stay held out: never trained or tuned on here. Per-note role
 * errors are printed for tuning sets only.
 *
 * Figures, on the notes that have a gold role (every note with text):
 *   - accuracy over all of them;
 *   - "clear" accuracy: over the notes whose gold role is not `unknown` (the note or its context
 *     says who is writing), the target (85%);
 *   - per-role F1 (precision and recall of each role, `unknown` included) and their macro mean over
 *     the roles present in the gold labels.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyInbox, prepareInbox, verdictOf, type Prepared } from '../../functions/audit/classify/index.ts';
import { readRoleModel, ROLE_WORDS_RULE } from '../../functions/audit/classify/role.ts';
import { parseNotesJsonl } from '../../functions/audit/classify/jsonl.ts';
import { ROLES, type Role } from '../../functions/audit/model.ts';
import { forEachRoleCue, forEachWordFeature, hashFeature, SENT_FEATURE, wordText, type RoleWordModel } from '../../functions/audit/classify/words.ts';
import { auditExportSet, exportFolders, loadExportSet } from './export-sets.ts';

export const ROLE_FIRST_LOOKS_FILE = 'role-first-looks.json';

/**
 * The note sets the role decision is tuned on: the rules were written reading `tune*.jsonl`; the role
 * model is trained on those and on `dev.jsonl` (and on export sets whose role first look is recorded:
 * roleTrainingSetNames). Everything else is held out.
 */
export const isRoleTuningSet = (name: string) => /^(?:dev|tune\d*)\.jsonl$/.test(name);

export interface RoleFigures {
  notes: number;
  accuracy: number;
  /** Notes whose gold role is not `unknown`. */
  clearNotes: number;
  clearAccuracy: number;
  macroF1: number;
  /** Per role present in the gold labels or predicted. */
  f1: Record<string, number>;
  /** Gold → predicted counts. */
  confusion?: Record<string, Record<string, number>>;
  /**
   * Notes whose role came from the counterpart's Position/Company (Connections.csv), not from the
   * note, and how many of them match the gold label (which reads the note: for a sent note, the
   * owner's intent; the product gives the invitee's role where Connections.csv names one).
   */
  fromContext?: { notes: number; right: number };
}

export interface RoleFirstLook {
  date: string;
  commit: string;
  figures: RoleFigures;
}

export interface RolePair {
  id: string;
  gold: Role;
  pred: Role;
  text: string;
  direction?: string;
  /** The role came from the counterpart's Position/Company (role.context.*). */
  context?: boolean;
}

const r4 = (x: number) => Math.round(10000 * x) / 10000;

export function roleFigures(pairs: readonly RolePair[], withConfusion = false): RoleFigures {
  const n = pairs.length;
  const ok = pairs.filter((p) => p.gold === p.pred).length;
  const clear = pairs.filter((p) => p.gold !== 'unknown');
  const clearOk = clear.filter((p) => p.gold === p.pred).length;
  const f1: Record<string, number> = {};
  const present = ROLES.filter((role) => pairs.some((p) => p.gold === role));
  for (const role of ROLES) {
    const tp = pairs.filter((p) => p.gold === role && p.pred === role).length;
    const fp = pairs.filter((p) => p.gold !== role && p.pred === role).length;
    const fn = pairs.filter((p) => p.gold === role && p.pred !== role).length;
    if (tp + fp + fn === 0) continue;
    const prec = tp + fp ? tp / (tp + fp) : 0;
    const rec = tp + fn ? tp / (tp + fn) : 0;
    f1[role] = Math.round(1000 * (prec + rec ? (2 * prec * rec) / (prec + rec) : 0)) / 1000;
  }
  const macro = present.length ? present.reduce((s, role) => s + (f1[role] ?? 0), 0) / present.length : 0;
  const out: RoleFigures = {
    notes: n,
    accuracy: r4(n ? ok / n : 0),
    clearNotes: clear.length,
    clearAccuracy: r4(clear.length ? clearOk / clear.length : 0),
    macroF1: r4(macro),
    f1,
  };
  const ctx = pairs.filter((p) => p.context);
  if (ctx.length) out.fromContext = { notes: ctx.length, right: ctx.filter((p) => p.gold === p.pred).length };
  if (withConfusion) {
    const c: Record<string, Record<string, number>> = {};
    for (const p of pairs) {
      c[p.gold] ??= {};
      c[p.gold][p.pred] = (c[p.gold][p.pred] ?? 0) + 1;
    }
    out.confusion = c;
  }
  return out;
}

const SHORT: Record<Role, string> = { recruiter: 'recr', vendor: 'vend', expert_network: 'expert', job_seeker: 'seeker', community: 'comm', peer: 'peer', unknown: 'unk' };
const pct = (x: number) => (100 * x).toFixed(1).padStart(5);

export function roleRow(name: string, f: RoleFigures): string {
  const per = ROLES.filter((role) => f.f1[role] !== undefined)
    .map((role) => `${SHORT[role]} ${Math.round(100 * f.f1[role])}`)
    .join(', ');
  return `${name.padEnd(46)} ${String(f.notes).padStart(5)}  role acc ${pct(f.accuracy)}%  clear ${pct(f.clearAccuracy)}% (${f.clearNotes})  macro-F1 ${pct(f.macroF1)}%  (F1: ${per})`;
}

/** A note set's notes with a gold role, classified as one batch by the shipped classifier. */
export function roleJsonlPairs(file: string): RolePair[] {
  const content = readFileSync(file, 'utf8');
  const gold = new Map<string, Role>();
  for (const line of content.split('\n')) {
    if (!line.trim()) continue;
    const j = JSON.parse(line) as { id: string | number; role?: string };
    if (j.role) {
      if (!(ROLES as readonly string[]).includes(j.role)) throw new Error(`${file}: note ${j.id} has an unknown role "${j.role}"`);
      gold.set(String(j.id), j.role as Role);
    }
  }
  const notes = parseNotesJsonl(content, file);
  const result = classifyInbox(notes);
  return notes.filter((n) => gold.has(n.id)).map((n) => ({ id: n.id, gold: gold.get(n.id)!, pred: result.get(n.id)!.role, text: n.text, direction: n.direction }));
}

/** An export set's noted rows with a gold role, audited exactly as `aoi audit` runs. */
export async function roleExportPairs(dir: string): Promise<RolePair[]> {
  const gold = new Map<string, Role>();
  for (const folder of exportFolders(dir)) {
    for (const line of readFileSync(join(dir, folder, 'labels.jsonl'), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const j = JSON.parse(line) as { row: number; role?: string };
      if (j.role) gold.set(`${folder}#${j.row}`, j.role as Role);
    }
  }
  const out: RolePair[] = [];
  for (const { request, folder } of await auditExportSet(dir)) {
    const key = `${folder}#${request.source.row}`;
    const g = gold.get(key);
    if (g) out.push({ id: key, gold: g, pred: request.role, text: request.message, direction: request.direction, context: request.roleReasons[0]?.rule.startsWith('role.context.') ?? false });
  }
  return out;
}

export function readRoleFirstLooks(dir: string): Record<string, RoleFirstLook> {
  const file = join(dir, ROLE_FIRST_LOOKS_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, RoleFirstLook>) : {};
}

export function writeRoleFirstLook(dir: string, set: string, look: RoleFirstLook): void {
  const all = readRoleFirstLooks(dir);
  if (all[set]) throw new Error(`${set} already has a role first look (${all[set].date}): a set is looked at first only once`);
  all[set] = look;
  writeFileSync(join(dir, ROLE_FIRST_LOOKS_FILE), `${JSON.stringify(all, null, 1)}\n`);
}

/** Every set with role labels: note sets (`*.jsonl`) and export sets (folders), the tuning sets (roleTrainingSetNames) first. */
export function roleSetNames(dir: string, exportSets: readonly string[]): { tuning: string[]; heldOut: string[] } {
  const tuning = roleTrainingSetNames(dir, exportSets);
  const jsonl = readdirSync(dir).filter((n) => n.endsWith('.jsonl') && !tuning.includes(n));
  const heldOut = [...jsonl.sort(), ...exportSets.filter((s) => !tuning.includes(s))];
  return { tuning, heldOut };
}

export async function rolePairsOf(dir: string, name: string): Promise<RolePair[]> {
  return name.endsWith('.jsonl') ? roleJsonlPairs(join(dir, name)) : roleExportPairs(join(dir, name));
}

// ---------------------------------------------------------------- the role model (words.ts readRoleWords)

export interface RoleTrainOptions {
  /** Passes over the notes (Adagrad, one note at a time, in a fixed pseudo-random order). */
  epochs?: number;
  /** Weight decay per pass. */
  decay?: number;
  /** A feature is kept when at least this many training notes have it. */
  minNotes?: number;
  /** A feature is shipped when its weights spread at least this much over the roles. */
  prune?: number;
  /** Whether the owner's sent notes carry a feature of their own. */
  sent?: boolean;
  /** Whether the role cues (words.ts forEachRoleCue: offers people, sells a service, a job ask...) are features. */
  cues?: boolean;
}
export const ROLE_TRAIN_DEFAULTS: Required<RoleTrainOptions> = { epochs: 10, decay: 1e-3, minNotes: 2, prune: 0.5, sent: true, cues: true };

/**
 * Fits the role model: multinomial logistic regression over the note's word features (forEachWordFeature,
 * each once per note) and its role cues (forEachRoleCue), every role a class (`unknown` included). Deterministic: the same notes in the same
 * order give the same model. Weights are centred per feature (the softmax does not see a shift shared by
 * every role) and stored as int8 times one scale.
 */
export function trainRoleModel(examples: readonly { text: string; gold: Role; direction?: string }[], options: RoleTrainOptions = {}): RoleWordModel {
  const o = { ...ROLE_TRAIN_DEFAULTS, ...options };
  const K = ROLES.length;
  const feats = examples.map((e) => {
    const f: string[] = [];
    forEachWordFeature(e.text, (x) => f.push(x));
    if (o.sent && e.direction === 'OUTGOING') f.push(SENT_FEATURE);
    if (o.cues) forEachRoleCue(wordText(e.text), (x) => f.push(x));
    return f;
  });
  const df = new Map<string, number>();
  for (const f of feats) for (const x of f) df.set(x, (df.get(x) ?? 0) + 1);
  const names = [...df.keys()].filter((x) => df.get(x)! >= o.minNotes).sort();
  const index = new Map(names.map((x, i) => [x, i]));
  const X = feats.map((f) => f.map((x) => index.get(x)).filter((v): v is number => v !== undefined));
  const Y = examples.map((e) => ROLES.indexOf(e.gold));
  const V = names.length;
  const W = new Float64Array(V * K);
  const G = new Float64Array(V * K).fill(1e-8);
  const b = new Float64Array(K);
  const Gb = new Float64Array(K).fill(1e-8);
  const rate = 0.5;
  const order = X.map((_, i) => i);
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const s = new Float64Array(K);
  for (let e = 0; e < o.epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      const x = X[i];
      let m = -Infinity;
      for (let k = 0; k < K; k++) {
        s[k] = b[k];
        for (const v of x) s[k] += W[v * K + k];
        m = Math.max(m, s[k]);
      }
      let z = 0;
      for (let k = 0; k < K; k++) z += (s[k] = Math.exp(s[k] - m));
      for (let k = 0; k < K; k++) {
        const g = s[k] / z - (Y[i] === k ? 1 : 0);
        Gb[k] += g * g;
        b[k] -= (rate * g) / Math.sqrt(Gb[k]);
        for (const v of x) {
          G[v * K + k] += g * g;
          W[v * K + k] -= (rate * g) / Math.sqrt(G[v * K + k]);
        }
      }
    }
    for (let j = 0; j < W.length; j++) W[j] *= 1 - o.decay;
  }
  // centre each feature's weights, hash the names (collisions pool), drop the features that say little
  const rows = new Map<number, number[]>();
  for (let v = 0; v < V; v++) {
    let mean = 0;
    for (let k = 0; k < K; k++) mean += W[v * K + k] / K;
    const w = Array.from({ length: K }, (_, k) => W[v * K + k] - mean);
    if (Math.max(...w) - Math.min(...w) < o.prune) continue;
    const h = hashFeature(names[v]);
    const row = rows.get(h);
    if (row) for (let k = 0; k < K; k++) row[k] += w[k];
    else rows.set(h, w);
  }
  let maxAbs = 1e-9;
  for (const w of rows.values()) for (const x of w) maxAbs = Math.max(maxAbs, Math.abs(x));
  const scale = maxAbs / 127;
  const hashes = Int32Array.from([...rows.keys()].sort((a, c) => (a >>> 0) - (c >>> 0)));
  const weights = new Int8Array(hashes.length * K);
  hashes.forEach((h, r) => rows.get(h)!.forEach((x, k) => (weights[r * K + k] = Math.round(x / scale))));
  return { classes: [...ROLES], bias: Float64Array.from(b), scale, hashes, weights };
}

// ---------------------------------------------------------------- the sets the role model trains on, cross-validated

/**
 * The sets the role model may be trained and tuned on: `dev.jsonl`, every `tune*.jsonl`, and every
 * export set whose role first look is recorded (`real-voice/`). Their role first looks were recorded
 * before the model existed, so they are tuning data now. Nothing else: never `holdout.jsonl`, and no
 * other `*.jsonl` (a set being written as a blind first look must stay unseen).
 */
export function roleTrainingSetNames(dir: string, exportSets: readonly string[]): string[] {
  const jsonl = readdirSync(dir).filter(isRoleTuningSet);
  const num = (n: string) => (n === 'dev.jsonl' ? 0 : Number(/^tune(\d*)/.exec(n)![1] || '1'));
  const looks = readRoleFirstLooks(dir);
  return [...jsonl.sort((a, b) => num(a) - num(b)), ...exportSets.filter((s) => looks[s])];
}

/** A note with a gold role, prepared by the shipped classifier (its own batch: the set, or the whole export set). */
export interface RoleNote {
  set: string;
  /** The cross-validation fold: the note set, or the export (one owner's folder) of an export set. */
  fold: string;
  id: string;
  gold: Role;
  /** The note as the role is read from it (without LinkedIn's default sentence). */
  text: string;
  direction?: string;
  prepared: Prepared;
}

export async function roleTrainingNotes(dir: string, sets: readonly string[]): Promise<RoleNote[]> {
  const out: RoleNote[] = [];
  for (const set of sets) {
    const gold = new Map<string, Role>();
    const path = join(dir, set);
    let notes;
    if (set.endsWith('.jsonl')) {
      const content = readFileSync(path, 'utf8');
      for (const line of content.split('\n')) {
        if (!line.trim()) continue;
        const j = JSON.parse(line) as { id: string | number; role?: Role };
        if (j.role) gold.set(String(j.id), j.role);
      }
      notes = parseNotesJsonl(content, set);
    } else {
      for (const folder of exportFolders(path)) {
        for (const line of readFileSync(join(path, folder, 'labels.jsonl'), 'utf8').split('\n')) {
          if (!line.trim()) continue;
          const j = JSON.parse(line) as { row: number; role?: Role };
          if (j.role) gold.set(`${folder}#${j.row}`, j.role);
        }
      }
      notes = await loadExportSet(path);
    }
    const prepared = prepareInbox(notes);
    for (const n of notes) {
      const g = gold.get(n.id);
      if (!g) continue;
      if (!(ROLES as readonly string[]).includes(g)) throw new Error(`${set}: note ${n.id} has an unknown role "${g}"`);
      const p = prepared.get(n.id)!;
      out.push({ set, fold: set.endsWith('.jsonl') ? set : `${set}/${n.id.split('#')[0]}`, id: n.id, gold: g, text: p.role.text, direction: n.direction, prepared: p });
    }
  }
  return out;
}

/** The role of a prepared note with the role model's reading replaced (null: the rules alone). */
export function roleWith(n: RoleNote, model: RoleWordModel | null): Role {
  const r = n.prepared.role;
  const phrases = r.phrases.filter((x) => !x.rule.startsWith(`${ROLE_WORDS_RULE}.`));
  const m = model && r.text ? readRoleModel(r.text, model, r.ctx.direction === 'OUTGOING') : null;
  const p: Prepared = { ...n.prepared, role: { ...r, phrases: m ? [...phrases, m] : phrases } };
  return verdictOf(p).role;
}

export interface RoleCrossValidation {
  /** Each note's role with a model trained on the other folds. */
  model: (RolePair & { set: string })[];
  /** Each note's role from the rules alone (no model): the rules were written reading the tune sets. */
  rules: (RolePair & { set: string })[];
  /** Each note's role from the model alone (its most likely role). */
  alone: (RolePair & { set: string })[];
}

/**
 * Cross-validated roles: for each fold (`by`: 'fold', each note set and each export of an export
 * set; 'set', each set whole, a stricter leave-one-set-out), the role model is trained on the notes
 * of every other fold and decides with the rules on this one's notes.
 */
export function crossValidatedRoles(notes: readonly RoleNote[], by: 'fold' | 'set' = 'fold', options: RoleTrainOptions = {}): RoleCrossValidation {
  const key = (n: RoleNote) => (by === 'fold' ? n.fold : n.set);
  const out: RoleCrossValidation = { model: [], rules: [], alone: [] };
  for (const f of [...new Set(notes.map(key))]) {
    const model = trainRoleModel(notes.filter((n) => key(n) !== f && n.text), options);
    for (const n of notes) {
      if (key(n) !== f) continue;
      const base = { id: n.id, set: n.set, gold: n.gold, text: n.text, direction: n.direction };
      out.model.push({ ...base, pred: roleWith(n, model) });
      out.rules.push({ ...base, pred: roleWith(n, null) });
      out.alone.push({ ...base, pred: (n.text && readRoleModel(n.text, model, n.direction === 'OUTGOING')?.role) || 'unknown' });
    }
  }
  return out;
}
