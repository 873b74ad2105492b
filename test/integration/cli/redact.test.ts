/**
 * `aoi audit <export> --redact` end to end (issue 14): the redaction catalogue's notes in exports
 * built the way LinkedIn writes them, one export per language (each has its own owner), audited by
 * the CLI as a user runs it (a child process), and in process through runAudit (cli/audit.ts), as
 * other tests do. The written pages must hold none of anyone's names, companies, addresses or
 * numbers; the same export audited without --redact must show them (so the check can fail).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../cli/audit.ts';
import { buildExport } from '../../helpers/export-builder.ts';
import { CATALOGUE, forbiddenOf, LANGS, leaks, OWNERS, readable, type Lang } from '../../helpers/redaction-catalogue.ts';

const root = resolve(import.meta.dirname, '../../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const aoiBin = join(root, 'bin/aoi.ts');

async function aoi(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, [aoiBin, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** The language's notes as one export zip on disk, with a Connections.csv naming the counterparts' companies. */
async function writeExport(lang: Lang): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `aoi-redact-${lang}-`));
  const cases = CATALOGUE[lang];
  const zip = buildExport({
    owner: OWNERS[lang],
    rows: cases.map((c) => ({ direction: c.direction, name: c.name, message: c.note })),
    connections: cases.filter((c) => c.company).map((c) => ({ name: c.name, company: c.company, position: 'Head of Sales' })),
  });
  const path = join(dir, zip.name);
  await writeFile(path, zip.data);
  return path;
}

async function pages(out: string): Promise<string[]> {
  const files = (await readdir(out)).filter((f) => f.endsWith('.html')).sort();
  return Promise.all(files.map((f) => readFile(join(out, f), 'utf8')));
}

const sink = () => {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
};

describe.concurrent('aoi audit --redact on the redaction catalogue', () => {
  it.each(LANGS)('%s: the redacted page names nobody; without --redact it shows the names', async (lang) => {
    const zip = await writeExport(lang);
    const forbidden = CATALOGUE[lang].flatMap((c) => forbiddenOf(lang, c));

    const out = await mkdtemp(join(tmpdir(), 'aoi-redact-out-'));
    const run = await aoi('audit', zip, '--redact', '--out', out);
    expect(run.code, run.stderr).toBe(0);
    const redacted = await pages(out);
    expect(redacted.length).toBeGreaterThan(0);
    for (const html of redacted) {
      expect(html).toMatch(/^<!DOCTYPE html>/i);
      expect(leaks(readable(html), forbidden)).toEqual([]);
      expect(html).toContain('Names, profile links and companies are masked, in the notes too');
    }

    // the same export without --redact (in process: one child process per language is enough)
    const plainOut = await mkdtemp(join(tmpdir(), 'aoi-redact-plain-'));
    const err = sink();
    expect(await runAudit([zip], { format: 'text', tz: 'America/Los_Angeles', out: plainOut }, { stdout: sink().stream, stderr: err.stream }), err.text()).toBe(0);
    const plain = (await pages(plainOut)).join('\n');
    expect(leaks(readable(plain), forbidden).length).toBeGreaterThan(0);
  }, 180_000);

  it('in process (runAudit), all languages: no name on any redacted page', async () => {
    for (const lang of LANGS) {
      const zip = await writeExport(lang);
      const out = await mkdtemp(join(tmpdir(), 'aoi-redact-io-'));
      const stdout = sink();
      const stderr = sink();
      const code = await runAudit([zip], { format: 'text', tz: 'America/Los_Angeles', out, redact: true }, { stdout: stdout.stream, stderr: stderr.stream });
      expect(code, stderr.text()).toBe(0);
      const forbidden = CATALOGUE[lang].flatMap((c) => forbiddenOf(lang, c));
      for (const html of await pages(out)) expect(leaks(readable(html), forbidden), lang).toEqual([]);
    }
  }, 180_000);
});
