/**
 * `aoi audit` progress (cli/audit.ts through cli/output.ts createProgress): every phase of a long
 * audit on stderr when it is a terminal, nothing at all when it is a pipe, stdout the same either way.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../cli/audit.ts';
import { samplePath } from '../../helpers/sample-data.ts';

function sink(tty: boolean) {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      writes.push(chunk.toString('utf8'));
      cb();
    },
  });
  if (tty) Object.assign(stream, { isTTY: true });
  return { stream, writes, text: () => writes.join('') };
}

const ZIP = samplePath('Basic_LinkedInDataExport_07-02-2025.zip');

describe('aoi audit progress', () => {
  it.each(['jsonl', 'text'] as const)('--format %s: every phase on a terminal, in order, erased at the end; nothing on a pipe', async (format) => {
    const run = async (tty: boolean) => {
      const stdout = sink(false);
      const stderr = sink(tty);
      const code = await runAudit([ZIP], { format, tz: 'America/Los_Angeles' }, { stdout: stdout.stream, stderr: stderr.stream });
      expect(code, stderr.text()).toBe(0);
      return { stdout: stdout.text(), stderr: stderr.writes };
    };
    const piped = await run(false);
    expect(piped.stderr.filter((w) => !w.startsWith('warning: '))).toEqual([]);
    expect(piped.stderr.join('')).not.toContain('\r');

    const tty = await run(true);
    expect(tty.stdout).toBe(piped.stdout);
    const lines = tty.stderr.filter((w) => w.startsWith('\r\x1b[K') && w.length > 4).map((w) => w.slice(4));
    const phases = [...new Set(lines.map((l) => l.split(/[ :…]/)[0]))];
    expect(phases).toEqual(['reading', 'grouping', 'classifying', 'writing']);
    expect(lines).toContain('grouping templates Basic_LinkedInDataExport_07-02-2025.zip: ' + lines.find((l) => l.startsWith('grouping'))!.split(': ')[1]);
    expect(lines.find((l) => l.startsWith('classifying'))).toMatch(/^classifying Basic_LinkedInDataExport_07-02-2025\.zip: 0 of [\d,]+ requests…$/);
    // the last word on stderr erases the progress line
    expect(tty.stderr.at(-1)).toBe('\r\x1b[K');
  });
});
