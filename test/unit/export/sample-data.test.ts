import { describe, expect, it } from 'vitest';
import { readExport, type ExportData } from '../../../functions/audit/export/index.ts';
import { sampleManifest, samplePath } from '../../helpers/sample-data.ts';

const manifest = sampleManifest;
const load = (file: string) => readExport({ name: file, path: samplePath(file) });

describe('sample-data', () => {
  it.each(manifest.files.map((f) => [f.file, f] as const))('%s reads with the counts the README promises', async (file, want) => {
    const d = await load(file);
    const count = (p: (r: ExportData['requests'][number]) => boolean) => d.requests.filter(p).length;
    const byYear: Record<string, number> = {};
    for (const r of d.requests) byYear[r.year] = (byYear[r.year] ?? 0) + 1;
    expect({
      owner: d.owner?.name,
      requests: d.requests.length,
      incoming: count((r) => r.direction === 'INCOMING'),
      outgoing: count((r) => r.direction === 'OUTGOING'),
      withNote: count((r) => r.message !== ''),
      accepted: count((r) => r.outcome === 'accepted'),
      pending: count((r) => r.outcome === 'pending'),
      unknown: count((r) => r.outcome === 'unknown'),
      connections: d.connections?.length ?? null,
      exportDate: d.coverage.exportDate,
      byYear,
    }).toEqual({ ...want, file: undefined, rows: undefined });
    expect(d.problems).toEqual([]);
    expect(d.files.some((f) => /learning_coach/i.test(f))).toBe(false);
    for (const r of d.requests) expect([...r.message].length).toBeLessThanOrEqual(300);
  });

  it('the two zips of one owner merge into all of 2025, with overlapping rows sharing ids', async () => {
    const [a, b] = await Promise.all([load('Basic_LinkedInDataExport_07-02-2025.zip'), load('Basic_LinkedInDataExport_01-06-2026.zip')]);
    const idsA = new Set(a.requests.map((r) => r.id));
    const shared = b.requests.filter((r) => idsA.has(r.id));
    expect(shared.length).toBe(manifest.overlapRows);
    expect(shared.length).toBeGreaterThan(0);
    const merged = new Map([...a.requests, ...b.requests].map((r) => [r.id, r]));
    const months = new Set([...merged.values()].filter((r) => r.year === 2025).map((r) => new Date(r.sentAt).getUTCMonth()));
    expect(months.size).toBe(12);
    // some CRs pending in the first export were accepted by the second
    const later = shared.filter((r) => r.outcome === 'accepted' && a.requests.find((x) => x.id === r.id)?.outcome === 'pending');
    expect(later.length).toBeGreaterThan(0);
  });

  it('has material for every category: templates from several senders, accented slugs joined, New Year’s Eve', async () => {
    const d = await load('Basic_LinkedInDataExport_01-06-2026.zip');
    const a = await load('Basic_LinkedInDataExport_07-02-2025.zip');
    const all = [...a.requests, ...d.requests];
    const sendersOf = (pred: (m: string) => boolean) => new Set(all.filter((r) => r.direction === 'INCOMING' && pred(r.message)).map((r) => r.counterpart.key)).size;
    expect(sendersOf((m) => m.includes('{first_name}'))).toBeGreaterThanOrEqual(2);
    expect(sendersOf((m) => m.includes('%FIRSTNAME%'))).toBeGreaterThanOrEqual(2);
    expect(sendersOf((m) => m.includes('Quantivo team'))).toBeGreaterThanOrEqual(3);
    expect(sendersOf((m) => m.includes('Northwind Talent Partners'))).toBeGreaterThanOrEqual(3);
    expect(sendersOf((m) => m.startsWith("I'd like to add you to my professional network"))).toBeGreaterThanOrEqual(1);
    const accentedJoined = all.filter((r) => r.outcome === 'accepted' && r.counterpart.profileUrl !== null && /[^\x00-\x7f]/.test(r.counterpart.profileUrl));
    expect(accentedJoined.length).toBeGreaterThan(0);
    const nye = d.requests.find((r) => r.counterpart.name.startsWith('Zoë Achterberg'));
    expect(nye).toMatchObject({ sentAt: '2026-01-01T07:48:00.000Z', year: 2025, direction: 'INCOMING' });
    const share = all.filter((r) => r.message !== '').length / all.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.45);
    expect(all.some((r) => /[¿¡äöüßéèçãõ]/.test(r.message))).toBe(true);
    expect(all.some((r) => /\p{Extended_Pictographic}/u.test(r.message))).toBe(true);
  });

  it('the standalone Connections.csv is refused as an upload, with a clear reason', async () => {
    await expect(load('Connections.csv')).rejects.toMatchObject({ code: 'not_invitations' });
  });
});
