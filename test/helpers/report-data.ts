/**
 * Realistic report input for e2e tests: the sample exports (sample-data/*.zip) read and
 * classified by the real pipeline when they exist, else the hand-built fixtures.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { classifyRequests } from '../../functions/audit/classify/index.ts';
import { readExport } from '../../functions/audit/export/index.ts';
import type { ClassifiedRequest, ConnectionRequest, Coverage, Person } from '../../functions/audit/model.ts';
import { yearsOf } from '../../functions/audit/stats/index.ts';
import { coverage, cr, OWNER, sampleCoverages, sampleRequests, sentTemplate } from './report-fixtures.ts';

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

/** The people the owner sent one note to (only the first name changed). */
export const TEMPLATE_RECIPIENTS = [
  'Ana Silva', 'Ben Okafor', 'Cleo Marsh', 'Dev Rao', 'Eli Stone', 'Fay Lund', 'Gus Hale', 'Hana Ito', 'Ivo Berg', 'Jo Park', 'Kai Moss', 'Lia Chen',
];
export const TEMPLATE_PATTERN = 'Hi {name}, thanks for connecting! I help B2B founders book more demos with a done-for-you SDR team. Open to a quick chat next week?';

/**
 * A year in which the owner sent one note to 12 people (bot: 4 accepted), one note to 2 people
 * (irrelevant, unsure: 1 accepted) and 3 notes written one by one (2 accepted), and received a few.
 */
export function templatesReportData(): ReportData {
  const year = 2025;
  const requests: ClassifiedRequest[] = [
    ...sentTemplate({ id: 'tpl-sdr', pattern: TEMPLATE_PATTERN, names: TEMPLATE_RECIPIENTS, accepted: 4, category: 'bot', confidence: 0.95 }),
    ...sentTemplate({ id: 'tpl-profile', pattern: 'Hello {name}, impressive profile! Let us connect.', names: ['Pia Roth', 'Quinn Yu'], accepted: 1, category: 'irrelevant', confidence: 0.52,
      reasons: [['irrelevant.flattery', 'impressive profile', 1]] }),
    cr({ category: 'good', direction: 'OUTGOING', name: 'Mo Adams', outcome: 'accepted', sentAt: '2025-04-02T16:00:00.000Z', confidence: 0.9,
      message: 'Hi Mo, loved your DataConf talk on streaming CSV; I maintain a parser with the same quoting problem. Would be glad to connect.', reasons: [['good.talk', 'loved your DataConf talk on streaming CSV', 2]] }),
    cr({ category: 'good', direction: 'OUTGOING', name: 'Nia Bell', outcome: 'pending', sentAt: '2025-05-09T16:00:00.000Z', confidence: 0.85,
      message: 'Nia, we met at the Berlin product meetup; your question on usage-based pricing stuck with me.', reasons: [['good.event', 'we met at the Berlin product meetup', 2]] }),
    cr({ category: 'too_much_too_soon', direction: 'OUTGOING', name: 'Oz Kerr', outcome: 'accepted', sentAt: '2025-06-11T16:00:00.000Z', confidence: 0.8,
      message: 'Oz, could you refer me for the data engineer role on your team?', reasons: [['ask.refer', 'could you refer me', 2]] }),
    cr({ category: 'sales_pitch', name: 'Brad Kessler', sentAt: '2025-03-03T16:00:00.000Z', message: 'We help SaaS teams 10x their pipeline. Book a call?', reasons: [['pitch.offer_services', 'We help SaaS teams', 2]] }),
    cr({ category: 'good', name: 'Olivia Hart', sentAt: '2025-03-20T16:00:00.000Z', message: 'We both spoke at the Lisbon data meetup; your retry demo was great. Glad to connect.', reasons: [['good.shared_event', 'We both spoke at the Lisbon data meetup', 2]] }),
  ];
  return { from: 'fixtures', requests, coverages: [coverage('Basic_LinkedInDataExport_12-20-2025.zip', '2025-12-20')], owner: OWNER, year, generatedAt: '2025-12-20T12:00:00.000Z' };
}
