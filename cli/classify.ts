/** `aoi classify --input notes.jsonl [--format jsonl|text]`: classifies a batch of notes as one inbox. */
import { readFile } from 'node:fs/promises';
import { classifyInbox } from '../functions/audit/classify/index.ts';
import { NotesFileError, parseNotesJsonl } from '../functions/audit/classify/jsonl.ts';
import type { CliIO } from './io.ts';

export type { CliIO };

export async function runClassify(opts: { input: string; format?: 'jsonl' | 'text' }, io: CliIO): Promise<number> {
  let content: string;
  try {
    content = await readFile(opts.input, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'it is a directory' : `it cannot be read (${code ?? 'unknown error'})`;
    io.stderr.write(`error: cannot read ${opts.input}: ${why}. Pass a JSON Lines file with one {"id", "text"} object per line.\n`);
    return 2;
  }
  let notes;
  try {
    notes = parseNotesJsonl(content, opts.input);
  } catch (err) {
    if (err instanceof NotesFileError) {
      io.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const results = classifyInbox(notes);
  for (const n of notes) {
    const c = results.get(n.id)!;
    if (opts.format === 'text') {
      const why = c.reasons.map((r) => `${r.rule}: "${r.evidence}"`).join('; ');
      io.stdout.write(`${n.id}\t${c.verdict}\t${c.category}\t${c.confidence.toFixed(2)}\t${why}\n`);
    } else {
      const line: Record<string, unknown> = { id: n.id, category: c.category, verdict: c.verdict, confidence: c.confidence, reasons: c.reasons };
      if (c.cluster) line.cluster = c.cluster;
      io.stdout.write(JSON.stringify(line) + '\n');
    }
  }
  return 0;
}
