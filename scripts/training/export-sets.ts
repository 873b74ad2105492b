/**
 * Labelled sets made of whole synthetic exports (eval/real-voice/): each sub-folder holds the CSV
 * files of one LinkedIn export (Invitations.csv, Connections.csv, Profile.csv, ...) and
 * `labels.jsonl`, one `{row, label, why}` per data row of Invitations.csv (row = physical line,
 * header = 1). Templates are visible across rows, as in a real export. The folder is zipped in
 * memory and read by the same reader `aoi audit` uses.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { auditExport } from '../../functions/audit/audit.ts';
import { readExport } from '../../functions/audit/export/index.ts';
import { notesOfRequests } from '../../functions/audit/classify/index.ts';
import type { LabelledNote } from '../../functions/audit/classify/jsonl.ts';
import { CATEGORIES, type Category, type ClassifiedRequest } from '../../functions/audit/model.ts';

export interface ExportLabel {
  row: number;
  label: Category;
}

/** The export folders of a set, in name order. */
export function exportFolders(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => statSync(join(dir, n)).isDirectory())
    .sort();
}

/** The folder as a zip named after it (its name carries the export date: `…_MM-DD-YYYY`). */
export function zipFolder(dir: string, folder: string): { name: string; data: Uint8Array } {
  const files: Record<string, Uint8Array> = {};
  for (const f of readdirSync(join(dir, folder))) if (f.toLowerCase().endsWith('.csv')) files[f] = strToU8(readFileSync(join(dir, folder, f), 'utf8'));
  return { name: `${folder}.zip`, data: zipSync(files) };
}

export function readLabels(dir: string, folder: string): Map<number, Category> {
  const out = new Map<number, Category>();
  const file = join(dir, folder, 'labels.jsonl');
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const { row, label } = JSON.parse(line) as { row: number; label: string };
      if (!(CATEGORIES as readonly string[]).includes(label)) throw new Error(`${file}, line ${i + 1}: unknown label "${label}"`);
      out.set(row, label as Category);
    });
  return out;
}

/**
 * The labelled notes of every export of a set, as the classifier reads them from the CSVs (every
 * Invitations.csv row, empty notes included). Sender and recipient identities carry the export's
 * name, so the whole set can be prepared as one batch without mixing two owners' templates.
 */
export async function loadExportSet(dir: string): Promise<LabelledNote[]> {
  const out: LabelledNote[] = [];
  for (const folder of exportFolders(dir)) {
    const data = await readExport(zipFolder(dir, folder));
    const labels = readLabels(dir, folder);
    const notes = notesOfRequests(data.requests, { profile: data.profile, connections: data.connections });
    data.requests.forEach((r, i) => {
      const label = labels.get(r.source.row);
      if (!label) throw new Error(`${join(dir, folder)}: Invitations.csv row ${r.source.row} has no label`);
      const n = notes[i];
      out.push({ ...n, id: `${folder}#${r.source.row}`, senderKey: `${folder}:${n.senderKey}`, recipientKey: `${folder}:${n.recipientKey}`, label });
    });
    if (data.requests.length !== labels.size) console.warn(`warning: ${join(dir, folder)}: ${labels.size} labels for ${data.requests.length} rows read (${data.problems.length} row problems)`);
  }
  return out;
}

/** Every export of the set audited exactly as `aoi audit` does, with each CR's label. */
export async function auditExportSet(dir: string): Promise<{ request: ClassifiedRequest; label: Category; folder: string }[]> {
  const out: { request: ClassifiedRequest; label: Category; folder: string }[] = [];
  for (const folder of exportFolders(dir)) {
    const result = await auditExport(zipFolder(dir, folder));
    const labels = readLabels(dir, folder);
    for (const request of result.requests) out.push({ request, label: labels.get(request.source.row)!, folder });
  }
  return out;
}
