/**
 * Role figures (issue 16): how well the shipped classifier says who is writing, per labelled set.
 *
 * Sets and honesty: the role rules (functions/audit/classify/role.ts) were written while reading the
 * TUNING sets only, `tune.jsonl` … `tune7.jsonl` (ROLE_TUNING_SETS). The HELD-OUT sets (`dev.jsonl`,
 * `holdout.jsonl`, the export sets such as `real-voice/`) were never read for roles: their role
 * figures are measured once (`npm run eval -- --role-first-look`), recorded in
 * eval/role-first-looks.json, and `npm run eval` prints them only after that (the first look, and
 * "now" beside it). Per-note role errors are printed for tuning sets only.
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
import { classifyInbox } from '../../functions/audit/classify/index.ts';
import { parseNotesJsonl } from '../../functions/audit/classify/jsonl.ts';
import { ROLES, type Role } from '../../functions/audit/model.ts';
import { auditExportSet, exportFolders } from './export-sets.ts';

export const ROLE_FIRST_LOOKS_FILE = 'role-first-looks.json';

/** The sets the role rules were tuned on (read while writing them). Everything else is held out. */
export const isRoleTuningSet = (name: string) => /^tune\d*\.jsonl$/.test(name);

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

/** Every set with role labels: note sets (`*.jsonl`) and export sets (folders), tuning sets first. */
export function roleSetNames(dir: string, exportSets: readonly string[]): { tuning: string[]; heldOut: string[] } {
  const jsonl = readdirSync(dir).filter((n) => n.endsWith('.jsonl'));
  const num = (n: string) => Number(/^tune(\d*)/.exec(n)?.[1] || '1');
  const tuning = jsonl.filter(isRoleTuningSet).sort((a, b) => num(a) - num(b));
  const heldOut = [...jsonl.filter((n) => !isRoleTuningSet(n)).sort(), ...exportSets];
  return { tuning, heldOut };
}

export async function rolePairsOf(dir: string, name: string): Promise<RolePair[]> {
  return name.endsWith('.jsonl') ? roleJsonlPairs(join(dir, name)) : roleExportPairs(join(dir, name));
}
