/**
 * The sample exports and the counts their generator recorded (sample-data/manifest.json,
 * written by scripts/make-sample-data.ts after checking them against the reader).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SampleFile, SampleManifest } from '../../scripts/sample-manifest.ts';

export type { SampleFile, SampleManifest };

export const SAMPLE_DIR = join(import.meta.dirname, '..', '..', 'sample-data');
export const samplePath = (file: string) => join(SAMPLE_DIR, file);

export const sampleManifest: SampleManifest = JSON.parse(readFileSync(samplePath('manifest.json'), 'utf8'));

export function sampleFile(file: string): SampleFile {
  const found = sampleManifest.files.find((f) => f.file === file);
  if (!found) throw new Error(`sample-data/manifest.json has no entry for ${file}; run npm run sample-data`);
  return found;
}
