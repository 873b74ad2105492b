/**
 * Issue 13 for the report: redaction and the report's regexes are linear in their input. A shared
 * report masks every note, name and position; a 64 KiB position cell or a pasted wall of text must
 * not stall it. Before this, one run of 100,000 letters took 15 s to mask, 'a.' repeated 27 s (the
 * e-mail and linkedin-URL patterns tried every start of a run). Deadlines, not speeds: figures
 * belong to `npm run bench`.
 */
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ADVERSARIAL, literalPatterns, sweep } from '../../helpers/regex-sweep.ts';

const ROOT = join(import.meta.dirname, '../../..');
const REPORT = join(ROOT, 'functions/audit/report');

describe('every regex literal of the report is linear in its input', () => {
  const patterns = literalPatterns(REPORT, ROOT);

  it('finds them, the redaction patterns among them', () => {
    const where = patterns.map((p) => p.where).join('\n');
    expect(patterns.length).toBeGreaterThan(20);
    expect(where).toContain('report/redact.ts:');
  });

  it('each gets through the adversarial 200,000-character texts within its deadline', { timeout: 240_000 }, async () => {
    const stuck = await sweep(patterns, ADVERSARIAL, 3_000);
    const what = stuck && `${stuck.pattern.where}: /${stuck.pattern.source.slice(0, 200)}/${stuck.pattern.flags} on ${JSON.stringify(stuck.text.slice(0, 40))}…`;
    expect(what).toBeNull();
  });

  it('the sweep catches the e-mail pattern as it was (every start of a run tried)', { timeout: 30_000 }, async () => {
    const old = { where: 'old e-mail', source: '[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}', flags: 'gu' };
    expect((await sweep([old], ADVERSARIAL, 3_000))?.pattern.where).toBe('old e-mail');
  });
});

/**
 * The whole masker on 300 KB texts, in a child process (tsx loads the TypeScript) with a deadline
 * per text: one that stalls fails the test by its shape instead of hanging the run.
 */
function maskAll(texts: Record<string, string>, deadlineMs: number): Promise<string | null> {
  const code = `
    import { readFileSync } from 'node:fs';
    const { textMasker } = await import(${JSON.stringify(join(REPORT, 'redact.ts'))});
    const texts = JSON.parse(readFileSync(0, 'utf8'));
    const mask = textMasker(['Anna Berg', 'Jo Ng'], ['Acme Health']);
    for (const [shape, text] of Object.entries(texts)) {
      process.stdout.write(JSON.stringify(shape) + '\\n');
      if (typeof mask(text) !== 'string') throw new Error('no text back for ' + shape);
    }
    process.stdout.write('"(done)"\\n');`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    let shape = '(loading)';
    let timer = setTimeout(() => stop(shape), 30_000);
    const stop = (s: string | null) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(s);
    };
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffered.slice(0, nl)) as string;
        buffered = buffered.slice(nl + 1);
        clearTimeout(timer);
        if (line === '(done)') return stop(null);
        shape = line;
        timer = setTimeout(() => stop(shape), deadlineMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== null && code !== 0) reject(new Error(`the masker exited with ${code} while masking ${shape}`));
    });
    child.stdin.on('error', () => {}); // the child may be gone already; its exit says why
    child.stdin.end(JSON.stringify(texts));
  });
}

const SIZE = 300_000;
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

describe('masking a 300 KB text', () => {
  it('ends within a deadline whatever its shape', { timeout: 120_000 }, async () => {
    const texts = {
      'one long word': 'a'.repeat(SIZE),
      'dotted letters': fill('a.'),
      'a hyphen run': fill('a-'),
      'plus and digits': fill('+1'),
      'spaced digits': fill('1 ') + 'x',
      'only spaces': ' '.repeat(SIZE) + 'x',
      'e-mail-like tokens': fill('a@b@c@d.'),
      'repeated names and links': fill('Anna Berg of Acme Health, anna@acme.io, www.acme.io/x, +1 (555) 010-2000. '),
      'capitalised words': fill('Big Word '),
    };
    expect(await maskAll(texts, 5_000)).toBeNull();
  });
});
