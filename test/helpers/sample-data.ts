/**
 * The sample exports and the counts their generator recorded (sample-data/manifest.json,
 * written by scripts/make-sample-data.ts after checking them against the reader).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SAMPLE_DIR = join(import.meta.dirname, '..', '..', 'sample-data');
export const samplePath = (file: string) => join(SAMPLE_DIR, file);

export interface SampleFile {
  file: string;
  owner: string;
  rows: number;
  requests: number;
  incoming: number;
  outgoing: number;
  withNote: number;
  accepted: number;
  pending: number;
  unknown: number;
  connections: number | null;
  exportDate: string;
  byYear: Record<string, number>;
}

export interface SampleManifest {
  seed: number;
  /** CRs present in both zips of the same owner. */
  overlapRows: number;
  notesByCategory: Record<string, number>;
  files: SampleFile[];
}

export const sampleManifest: SampleManifest = JSON.parse(readFileSync(samplePath('manifest.json'), 'utf8'));

export function sampleFile(file: string): SampleFile {
  const found = sampleManifest.files.find((f) => f.file === file);
  if (!found) throw new Error(`sample-data/manifest.json has no entry for ${file}; run npm run sample-data`);
  return found;
}
