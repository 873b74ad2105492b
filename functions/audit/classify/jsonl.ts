/**
 * Reads a notes file in JSON Lines (the dev-set format as is: id, text, direction, sender,
 * sender_company, recipient_profile; other fields such as label are kept aside, unknown ones
 * ignored). Bad lines become typed errors naming the line.
 */
import { z } from 'zod';
import { DIRECTIONS } from '../model.ts';
import type { NoteInput } from './engine.ts';

const Line = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  text: z.string().nullish().transform((t) => t ?? ''),
  direction: z.enum(DIRECTIONS).nullish(),
  sender: z.string().nullish(),
  sender_company: z.string().nullish(),
  recipient_profile: z.string().nullish(),
  recipient_first_name: z.string().nullish(),
  label: z.string().nullish(),
  group: z.string().nullish(),
});

export class NotesFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}, line ${line}: ${problem}. Each line must be one JSON object with at least "id" and "text".`);
    this.name = 'NotesFileError';
  }
}

export interface LabelledNote extends NoteInput {
  label?: string;
  group?: string;
}

/** Parses JSONL text. Blank lines are skipped; the first bad line throws a NotesFileError. */
export function parseNotesJsonl(content: string, file = 'input'): LabelledNote[] {
  const out: LabelledNote[] = [];
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (!raw) continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new NotesFileError(file, i + 1, 'this is not valid JSON');
    }
    const parsed = Line.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue.path.length ? `field "${issue.path.join('.')}"` : 'the line';
      throw new NotesFileError(file, i + 1, `${where} is invalid (${issue.message})`);
    }
    const d = parsed.data;
    if (seen.has(d.id)) throw new NotesFileError(file, i + 1, `the id "${d.id}" appears twice`);
    seen.add(d.id);
    out.push({
      id: d.id,
      text: d.text,
      direction: d.direction ?? undefined,
      sender: d.sender || undefined,
      senderCompany: d.sender_company || undefined,
      recipientProfile: d.recipient_profile || undefined,
      recipientFirstName: d.recipient_first_name || undefined,
      label: d.label ?? undefined,
      group: d.group ?? undefined,
    });
  }
  return out;
}
