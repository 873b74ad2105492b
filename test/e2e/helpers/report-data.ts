/**
 * Realistic report input for e2e tests: the sample exports (sample-data/*.zip) read and
 * classified by the real pipeline when they exist, else the hand-built fixtures.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { classifyRequests } from '../../../functions/audit/classify/index.ts';
import { readExport } from '../../../functions/audit/export/index.ts';
import type { ClassifiedRequest, ConnectionRequest, Coverage, Person } from '../../../functions/audit/model.ts';
import { yearsOf } from '../../../functions/audit/report/stats.ts';
import { OWNER, sampleCoverages, sampleRequests } from '../../unit/report/fixtures.ts';

export interface ReportData {
  from: 'sample-data' | 'fixtures';
  requests: ClassifiedRequest[];
  coverages: Coverage[];
  owner: Person | null;
  /** The year with the most CRs. */
  year: number;
  /** "today" for the coverage advice: the newest export date. */
  generatedAt: string;
}

const SAMPLE_DIR = join(process.cwd(), 'sample-data');

export async function loadReportData(): Promise<ReportData> {
  const zips = existsSync(SAMPLE_DIR) ? readdirSync(SAMPLE_DIR).filter((f) => f.toLowerCase().endsWith('.zip')).sort() : [];
  let requests: ClassifiedRequest[];
  let coverages: Coverage[];
  let owner: Person | null;
  let from: ReportData['from'];
  if (zips.length > 0) {
    // The first owner's exports (sample-data may hold several owners), merged oldest export first
    // so a newer export's row wins (an outcome may have changed); classified once, as a union.
    const exports = await Promise.all(zips.map((name) => readExport({ name, path: join(SAMPLE_DIR, name) })));
    exports.sort((a, b) => (a.coverage.exportDate ?? '').localeCompare(b.coverage.exportDate ?? ''));
    owner = exports.find((e) => e.owner)?.owner ?? null;
    const mine = exports.filter((e) => !owner || !e.owner || e.owner.name === owner.name);
    const byId = new Map<string, ConnectionRequest>();
    for (const e of mine) for (const r of e.requests) byId.set(r.id, r);
    const newest = mine[mine.length - 1];
    requests = classifyRequests([...byId.values()], { profile: newest.profile, connections: newest.connections });
    coverages = mine.map((e) => e.coverage);
    from = 'sample-data';
  } else {
    requests = sampleRequests();
    coverages = sampleCoverages();
    owner = OWNER;
    from = 'fixtures';
  }
  const years = yearsOf(requests);
  const year = years.reduce((best, y) => (requests.filter((r) => r.year === y).length > requests.filter((r) => r.year === best).length ? y : best), years[0]);
  const newest = coverages.map((c) => c.exportDate).filter((d): d is string => !!d).sort().pop();
  return { from, requests, coverages, owner, year, generatedAt: `${newest ?? `${year + 1}-01-15`}T12:00:00.000Z` };
}
