/**
 * The `aoi` CLI as a user runs it: a real child process on the sample data, checked against the
 * counts the sample-data generator recorded when it wrote the files (sample-data/manifest.json).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sampleManifest, samplePath } from '../../helpers/sample-data.ts';

const root = resolve(import.meta.dirname, '../../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const aoiBin = join(root, 'bin/aoi.ts');
const sample = samplePath;
const ZIP_A = 'Basic_LinkedInDataExport_07-02-2025.zip';
const ZIP_B = 'Basic_LinkedInDataExport_01-06-2026.zip';

const manifest = sampleManifest;

async function aoi(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, [aoiBin, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe.concurrent('aoi audit on the sample data', () => {
  it.each(manifest.files.map((f) => [f.file, f] as const))('%s: prints the right counts (jsonl)', async (file, m) => {
    const { code, stdout, stderr } = await aoi('audit', sample(file), '--format', 'jsonl');
    expect(code, stderr).toBe(0);
    const rows = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(m.requests);
    expect(rows.filter((r) => r.direction === 'INCOMING')).toHaveLength(m.incoming);
    expect(rows.filter((r) => r.direction === 'OUTGOING')).toHaveLength(m.outgoing);
    expect(rows.filter((r) => r.message.trim() !== '')).toHaveLength(m.withNote);
    for (const outcome of ['accepted', 'pending', 'unknown'] as const) {
      expect(rows.filter((r) => r.outcome === outcome), outcome).toHaveLength(m[outcome]);
    }
    const byYear: Record<string, number> = {};
    for (const r of rows) byYear[r.year] = (byYear[r.year] ?? 0) + 1;
    expect(byYear).toEqual(m.byYear);
    for (const r of rows) {
      expect(r.owner.name).toBe(m.owner);
      expect(r.sentAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'direction', 'owner', 'counterpart', 'sentAt', 'message', 'outcome', 'category', 'verdict', 'confidence', 'reasons', 'unsure']));
      expect(r.unsure).toBe(r.category !== 'no_message' && r.confidence < 0.6);
      expect(r.counterpart).toHaveProperty('name');
      expect(r.counterpart).toHaveProperty('profileUrl');
    }
  });

  it('text summary: the owner, every year, both directions', async () => {
    const m = manifest.files.find((f) => f.file === ZIP_A)!;
    const { code, stdout } = await aoi('audit', sample(ZIP_A));
    expect(code).toBe(0);
    expect(stdout).toContain(m.owner);
    expect(stdout).toContain(`${m.requests} connection requests`);
    for (const year of Object.keys(m.byYear)) expect(stdout).toMatch(new RegExp(`^${year}$`, 'm'));
    expect(stdout).toMatch(/^ {2}received +\d+/m);
    expect(stdout).toMatch(/^ {2}sent +\d+/m);
  });

  it('merges two exports of one person without double counting, and writes one report per year', async () => {
    const out = await mkdtemp(join(tmpdir(), 'aoi-cli-'));
    const { code, stdout, stderr } = await aoi('audit', sample(ZIP_A), sample(ZIP_B), '--format', 'json', '--out', out);
    expect(code, stderr).toBe(0);
    const doc = JSON.parse(stdout);
    const [a, b] = [ZIP_A, ZIP_B].map((f) => manifest.files.find((m) => m.file === f)!);
    expect(doc.requests).toHaveLength(a.requests + b.requests - manifest.overlapRows);
    expect(new Set(doc.requests.map((r: { id: string }) => r.id)).size).toBe(doc.requests.length);
    expect(doc.coverages.map((c: { exportDate: string }) => c.exportDate)).toEqual(['2025-07-02', '2026-01-06']);
    const years = [...new Set([...Object.keys(a.byYear), ...Object.keys(b.byYear)])].sort();
    expect((await readdir(out)).sort()).toEqual(years.map((y) => `report-${y}.html`));
    for (const y of years) expect(stderr).toContain(join(out, `report-${y}.html`));
    const html = await readFile(join(out, 'report-2025.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain(a.owner);
  });

  it('--year keeps only that year, and --redact masks the owner in the page', async () => {
    const out = await mkdtemp(join(tmpdir(), 'aoi-cli-'));
    const { code, stdout } = await aoi('audit', sample(ZIP_A), '--format', 'jsonl', '--year', '2025', '--out', out, '--redact');
    expect(code).toBe(0);
    const rows = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(manifest.files.find((f) => f.file === ZIP_A)!.byYear['2025']);
    expect(rows.every((r) => r.year === 2025)).toBe(true);
    const files = await readdir(out);
    expect(files).toEqual(['report-2025.html']);
    const html = await readFile(join(out, files[0]), 'utf8');
    expect(html).not.toContain('Vermeulen-Osei');
  });
});

describe('aoi audit text: your templates', () => {
  it('prints a per-year block of the sent notes, and says acceptance is unknown without Connections.csv', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aoi-cli-'));
    const csv = [
      'From,To,Sent At,Message,Direction',
      'Ana Owner,Bo Peer,"3/14/25, 9:05 AM","Hi Bo, loved your talk at DataConf on streaming CSV. Would be glad to connect.",OUTGOING',
      'Ana Owner,Cy Peer,"3/16/25, 9:05 AM","Cy, could you refer me for the data engineer role on your team?",OUTGOING',
      'Ana Owner,Di Peer,"3/18/25, 9:05 AM",,OUTGOING',
      'Ed Peer,Ana Owner,"3/15/25, 7:30 PM","Hi Ana, loved your talk at DataConf on streaming CSV.",INCOMING',
      '',
    ].join('\n');
    await writeFile(join(dir, 'Invitations.csv'), csv);
    const { code, stdout, stderr } = await aoi('audit', join(dir, 'Invitations.csv'));
    expect(code, stderr).toBe(0);
    const block = stdout.slice(stdout.indexOf('  your templates'));
    expect(block).toMatch(/^ {2}your templates \(accepted: unknown, the export has no Connections\.csv\)$/m);
    expect(block).toMatch(/^\s+2 sent\s+written one by one: /m);
    expect(block).toMatch(/^ {4}no template: every note was written one by one$/m);
  });

  it('shows one note sent to 12 people as one template: bot, to 12 people, with {name} where the name went', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aoi-cli-'));
    const first = ['Ana', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Joaquim', 'Kai', 'Lia'];
    const csv = [
      'From,To,Sent At,Message,Direction',
      ...first.map((n, i) => `Ana Owner,${n} Peer${i},"4/${i + 1}/25, 9:05 AM","Hi ${n}, I help data teams cut their Snowflake bill by 30%. Open to a quick chat next week?",OUTGOING`),
      'Ana Owner,Bo Solo,"5/14/25, 9:05 AM","Hi Bo, loved your talk at DataConf on streaming CSV. Would be glad to connect.",OUTGOING',
      '',
    ].join('\n');
    await writeFile(join(dir, 'Invitations.csv'), csv);
    const { code, stdout, stderr } = await aoi('audit', join(dir, 'Invitations.csv'));
    expect(code, stderr).toBe(0);
    const block = stdout.slice(stdout.indexOf('  your templates')).split('\n');
    expect(block[1]).toMatch(/^\s+12 sent\s+IGNORE bot( \(unsure — [\d.]+\))?, to 12 people$/);
    // The pattern, cut to one line.
    expect(block[2]).toMatch(/^\s+"Hi \{name\}, I help data teams cut their Snowflake bill by 30%\. Open .*…"$/);
    expect(block[3]).toMatch(/^\s+1 sent\s+written one by one: /);
  });
});

describe.concurrent('aoi audit on bad input', () => {
  it('a missing file: one error line, exit 2', async () => {
    const { code, stderr } = await aoi('audit', 'no-such-export.zip');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^error: cannot read no-such-export\.zip/);
  });

  it('a CSV that is not Invitations.csv: exit 2, says what to upload', async () => {
    const { code, stderr } = await aoi('audit', sample('Connections.csv'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .*Invitations\.csv/);
    noStackTrace(stderr);
  });

  it('exports of two different people: exit 2, names both', async () => {
    const { code, stderr } = await aoi('audit', sample(ZIP_A), sample('Invitations.csv'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .*Inés Carvalho-Brandt.*Jonah Vermeulen-Osei|^error: .*Jonah Vermeulen-Osei.*Inés Carvalho-Brandt/m);
    noStackTrace(stderr);
  });

  it('an unknown time zone: exit 2', async () => {
    const { code, stderr } = await aoi('audit', sample('Invitations.csv'), '--tz', 'Mars/Olympus');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: --tz "Mars\/Olympus" is not a time zone/);
  });

  it('a bad row is skipped with a warning naming file and row; the rest is kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aoi-cli-'));
    const csv = [
      'From,To,Sent At,Message,Direction',
      'Ana Owner,Bo Peer,"3/14/25, 9:05 AM",,OUTGOING',
      'Ana Owner,Cy Peer,"yesterday-ish",,OUTGOING',
      'Di Peer,Ana Owner,"3/15/25, 7:30 PM","Hi Ana, loved your talk at DataConf on streaming CSV.",INCOMING',
      '',
    ].join('\n');
    await writeFile(join(dir, 'Invitations.csv'), csv);
    const { code, stdout, stderr } = await aoi('audit', join(dir, 'Invitations.csv'), '--format', 'jsonl');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(2);
    expect(stderr).toMatch(/^warning: Invitations\.csv row 3: .+/m);
  });

  it('a zip bomb: one error line naming the file, exit 2, nothing on stdout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aoi-cli-'));
    const { zipSync } = await import('fflate');
    const bomb = zipSync({ 'Invitations.csv': [new Uint8Array(20 * 1024 * 1024), { level: 9 }] });
    await writeFile(join(dir, 'Basic_LinkedInDataExport_01-06-2026.zip'), bomb);
    const { code, stdout, stderr } = await aoi('audit', join(dir, 'Basic_LinkedInDataExport_01-06-2026.zip'), '--format', 'jsonl');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^error: Invitations\.csv in Basic_LinkedInDataExport_01-06-2026\.zip is compressed more than 200 to 1/);
  });

  it('an Excel (Windows-1252) re-save: read, with one warning naming file and row, exit 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aoi-cli-'));
    const csv = Buffer.concat([
      Buffer.from('From,To,Sent At,Message,Direction\nAna Owner,Bo Peer,"3/14/25, 9:05 AM",,OUTGOING\n'),
      Buffer.from('Ren\xe9 Peer,Ana Owner,"3/15/25, 7:30 PM",Caf\xe9 \x93DataConf\x94,INCOMING\n', 'latin1'),
    ]);
    await writeFile(join(dir, 'Invitations.csv'), csv);
    const { code, stdout, stderr } = await aoi('audit', join(dir, 'Invitations.csv'), '--format', 'jsonl');
    expect(code, stderr).toBe(0);
    const rows = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.counterpart.name)).toEqual(['Bo Peer', 'René Peer']);
    expect(rows[1].message).toBe('Café “DataConf”');
    expect(stderr).toMatch(/^warning: Invitations\.csv row 3: the file is not UTF-8 \(byte 0xE9 on this row\): it was read as Windows-1252/m);
  });

  it('usage errors exit 2; --help exits 0 with examples', async () => {
    expect((await aoi('audit')).code).toBe(2);
    const help = await aoi('audit', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('--format');
  });
});

describe.concurrent('aoi audit: who is writing (issue 16)', () => {
  const ROLES = ['recruiter', 'vendor', 'expert_network', 'job_seeker', 'community', 'peer', 'unknown'];

  it('--format jsonl writes a role and its reasons on every CR', async () => {
    const { code, stdout, stderr } = await aoi('audit', sample(ZIP_A), '--format', 'jsonl');
    expect(code, stderr).toBe(0);
    const rows = stdout.trim().split('\n').map((l) => JSON.parse(l));
    for (const r of rows) {
      expect(ROLES).toContain(r.role);
      expect(Array.isArray(r.roleReasons)).toBe(true);
      if (r.role !== 'unknown') expect(r.roleReasons.length, r.message).toBeGreaterThan(0);
      for (const reason of r.roleReasons) {
        expect(reason.role).toBe(r.role);
        expect(reason.rule).toMatch(/^role\./);
        expect(typeof reason.evidence).toBe('string');
      }
      expect(r).not.toHaveProperty('kept');
    }
    // a note-less received CR is unknown unless Connections.csv names the sender's role
    expect(rows.filter((r) => r.message.trim() === '' && r.role !== 'unknown').every((r) => r.roleReasons[0].rule.startsWith('role.context.'))).toBe(true);
    expect(new Set(rows.filter((r) => r.message.trim() !== '').map((r) => r.role)).size).toBeGreaterThan(2);
  });

  it('--keep recruiter grades only recruiters naming a role ACCEPT, says why, keeps the category', async () => {
    const [seed, view] = await Promise.all([
      aoi('audit', sample(ZIP_A), sample(ZIP_B), '--format', 'jsonl'),
      aoi('audit', sample(ZIP_A), sample(ZIP_B), '--format', 'jsonl', '--keep', 'recruiter'),
    ]);
    expect(seed.code, seed.stderr).toBe(0);
    expect(view.code, view.stderr).toBe(0);
    const a = seed.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const b = view.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(b.map((r) => r.id)).toEqual(a.map((r) => r.id));
    let kept = 0;
    b.forEach((r, i) => {
      expect(r.category).toBe(a[i].category);
      if (!r.kept) {
        expect(r.verdict).toBe(a[i].verdict);
        return;
      }
      kept++;
      expect(r.role).toBe('recruiter');
      expect(r.direction).toBe('INCOMING');
      expect(r.verdict).toBe('ACCEPT');
      expect(r.kept.reason).toMatch(/^you are looking for a job; this recruiter names a role/);
    });
    expect(kept).toBeGreaterThan(0);
  });

  it('the text summary splits received and sent notes by role, and names the view', async () => {
    const { code, stdout, stderr } = await aoi('audit', sample(ZIP_A), '--keep', 'recruiter');
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^ {11}by role: .*vendor \d+/m);
    expect(stdout).toMatch(/^ {11}by role \(the invitee's where Connections\.csv says it\): /m);
    expect(stdout).toContain('view: keeping recruiter');
    expect(stdout).toMatch(/kept by your view \(recruiter\): \d+ graded ACCEPT/);
  });

  it('--keep with a role that cannot be kept: one usage error, exit 2, nothing on stdout', async () => {
    const { code, stdout, stderr } = await aoi('audit', sample(ZIP_A), '--keep', 'vendor');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^error: --keep "vendor" is not a role you can keep; use recruiter/);
    noStackTrace(stderr);
  });
});
