/**
 * The labelled sets of eval/ and their first looks. Tuning sets: eval/dev.jsonl, every
 * eval/tune*.jsonl, and every export set (a folder of whole synthetic exports, e.g.
 * eval/real-voice/) once its first look is recorded in eval/first-looks.json: a set is measured once,
 * untuned, before it may tune anything. The holdout (eval/holdout.jsonl) is never a tuning set.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNotesJsonl, type LabelledNote } from '../../functions/audit/classify/jsonl.ts';
import { CATEGORIES } from '../../functions/audit/model.ts';
import type { FirstLookRow } from './evaluate.ts';
import { loadExportSet } from './export-sets.ts';

export interface Figures {
  notes: number;
  accuracy: number;
  macroF1: number;
  acceptIgnoreAccuracy: number;
  /** Per-category F1 (categories present in the set). */
  f1: Record<string, number>;
}

/** One set's first look: measured once, before anyone tuned on it. */
export interface FirstLook {
  date: string;
  /** The commit whose classifier was measured. */
  commit: string;
  /** On the notes (rows with a non-empty note). */
  notes: Figures;
  /** On every row (empty notes are no_message). */
  rows: Figures;
  /** Per verdict on a note: probability, right or not, how decided (no text, no ids). */
  verdicts: FirstLookRow[];
}

export const FIRST_LOOKS_FILE = 'first-looks.json';

export function readFirstLooks(dir: string): Record<string, FirstLook> {
  const file = join(dir, FIRST_LOOKS_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, FirstLook>) : {};
}

export function writeFirstLook(dir: string, set: string, look: FirstLook): void {
  const all = readFirstLooks(dir);
  if (all[set]) throw new Error(`${set} already has a first look (${all[set].date}): a set is looked at first only once`);
  all[set] = look;
  // one verdict a line: the file diffs and reads line by line
  const token = (name: string) => `"@verdicts:${name}@"`;
  let body = JSON.stringify(Object.fromEntries(Object.entries(all).map(([name, l]) => [name, { ...l, verdicts: `@verdicts:${name}@` }])), null, 1);
  for (const [name, l] of Object.entries(all)) body = body.replace(token(name), `[\n${l.verdicts.map((v) => `  ${JSON.stringify(v)}`).join(',\n')}\n ]`);
  writeFileSync(join(dir, FIRST_LOOKS_FILE), `${body}\n`);
}

/** The export sets of a folder: sub-folders holding export folders (e.g. eval/real-voice). */
export function exportSetNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => statSync(join(dir, n)).isDirectory())
    .sort();
}

/** The JSONL tuning sets: the dev set first, then every `tune*.jsonl` in natural order. */
export function tuningSetFiles(names: readonly string[]): string[] {
  const tunes = names.filter((n) => /^tune\d*\.jsonl$/.test(n));
  const num = (n: string) => Number(/^tune(\d*)/.exec(n)![1] || '1');
  tunes.sort((a, b) => num(a) - num(b));
  return [...(names.includes('dev.jsonl') ? ['dev.jsonl'] : []), ...tunes];
}

export function loadJsonlSet(file: string): LabelledNote[] {
  const notes = parseNotesJsonl(readFileSync(file, 'utf8'), file).filter((n) => n.label);
  for (const n of notes) if (!(CATEGORIES as readonly string[]).includes(n.label!)) throw new Error(`${file}: note ${n.id} has an unknown label "${n.label}"`);
  return notes;
}

export interface NamedSet {
  name: string;
  notes: LabelledNote[];
}

/** Every tuning set of `dir` (JSONL sets, then export sets whose first look is recorded). */
export async function loadTuningSets(dir: string, only?: readonly string[]): Promise<NamedSet[]> {
  const looks = readFirstLooks(dir);
  const files = only ?? [...tuningSetFiles(readdirSync(dir)), ...exportSetNames(dir).filter((s) => looks[s])];
  const out: NamedSet[] = [];
  for (const name of files) {
    const path = join(dir, name);
    out.push({ name, notes: name.endsWith('.jsonl') ? loadJsonlSet(path) : await loadExportSet(path) });
  }
  return out;
}

/** The first-look verdict rows of every recorded first look. */
export function firstLookRows(dir: string): FirstLookRow[] {
  return Object.values(readFirstLooks(dir)).flatMap((l) => l.verdicts);
}
