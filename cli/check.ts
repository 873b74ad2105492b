/** `aoi check "<note>" [--to "<recipient headline | industry>"]`: lints a note before you send it. */
import { classifyNote } from '../functions/audit/classify/index.ts';
import type { Classification } from '../functions/audit/model.ts';
import type { CliIO } from './io.ts';

export type { CliIO };

export function formatClassification(c: Classification): string {
  const lines = [`verdict:    ${c.verdict}`, `category:   ${c.category}`, `confidence: ${c.confidence.toFixed(2)}`];
  if (c.reasons.length) {
    lines.push('reasons:');
    for (const r of c.reasons) lines.push(`  - ${r.description ?? r.rule} [${r.rule}, ${r.weight}]: "${r.evidence}"`);
  }
  if (c.cluster) lines.push(`template:   ${c.cluster.senders} senders sent this message${c.cluster.company ? ` (${c.cluster.company})` : ''}`);
  if (c.advice) lines.push(`advice:     ${c.advice}`);
  else if (c.category === 'good') lines.push('advice:     Good note: it shows you know who they are and why you want to connect.');
  else if (c.category === 'no_message') lines.push('advice:     Add a note: say what you have in common and why you want to connect.');
  return lines.join('\n') + '\n';
}

export async function runCheck(note: string, opts: { to?: string; format?: 'text' | 'json' }, io: CliIO): Promise<number> {
  const c = classifyNote(note ?? '', { direction: 'OUTGOING', recipientProfile: opts.to || undefined });
  if (opts.format === 'json') io.stdout.write(JSON.stringify(c) + '\n');
  else io.stdout.write(formatClassification(c));
  return 0;
}
