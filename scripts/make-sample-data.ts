/**
 * Deterministic generator of the sample data (invented people only): `npm run sample-data`.
 * Writes into sample-data/: two Basic-style zips of one owner six months apart (together all of
 * 2025), a bare 5-column Invitations.csv (2022), a standalone Connections.csv, manifest.json (the
 * expected counts, checked here against the reader) and README.md. Same seed -> byte-identical files.
 *
 * This file only writes. The rest lives in scripts/sample-data/:
 *   - people.json, notes.json, owners.json: the text banks (names, companies, note templates, the
 *     two owners' profiles and notes), plain data; banks.ts types them and fills their {{slots}}.
 *   - generator.ts: `Generator`, one per run: the seeded PRNG (random.ts) and every counter and
 *     set a run accumulates; it draws people, notes and requests. time.ts: dates as exports print them.
 *   - scenarios.ts: the requests of both owners, with the edge cases the README lists.
 *   - assemble.ts: the four data files in memory (files.ts writes CSV and zips) with their counts
 *     (counts.ts, which also checks them with the reader); readme.ts: sample-data/README.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assemble } from './sample-data/assemble.ts';
import { checkWithReader } from './sample-data/counts.ts';
import { Generator } from './sample-data/generator.ts';
import { readme } from './sample-data/readme.ts';

const OUT = join(import.meta.dirname, '..', 'sample-data');
const SEED = 20250101;

async function main(): Promise<void> {
  const g = new Generator(SEED);
  const { files, manifest, overlap, notesByCat } = assemble(g);
  await mkdir(OUT, { recursive: true });
  for (const [name, data] of files) await writeFile(join(OUT, name), data);
  // the counts the README promises are what readExport returns
  await checkWithReader(OUT, manifest);
  if (g.exhausted.size) console.warn(`banks used up (CRs left without a note): ${JSON.stringify(Object.fromEntries(g.exhausted))}`);
  await writeFile(join(OUT, 'manifest.json'), JSON.stringify({ seed: SEED, overlapRows: overlap, notesByCategory: notesByCat, files: manifest }, null, 2) + '\n');
  await writeFile(join(OUT, 'README.md'), readme(manifest, overlap, notesByCat));
  console.log(`wrote ${manifest.length + 1} data files, manifest.json and README.md to ${OUT}`);
}

await main();
