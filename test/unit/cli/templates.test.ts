/** `aoi audit`'s text block "your templates" and the `unsure` field of --format json/jsonl. */
import { describe, expect, it } from 'vitest';
import { templateLines, withUnsure } from '../../../cli/audit.ts';
import { gradeSentTemplates } from '../../../functions/audit/report/templates.ts';
import { cr, sentTemplate } from '../../helpers/report-fixtures.ts';

const TWELVE = ['Ana Silva', 'Ben Okafor', 'Cleo Marsh', 'Dev Rao', 'Eli Stone', 'Fay Lund', 'Gus Hale', 'Hana Ito', 'Ivo Berg', 'Jo Park', 'Kai Moss', 'Lia Chen'];
const PATTERN = 'Hi {name}, thanks for connecting! I help founders scale their outbound with a done-for-you SDR team. Open to a quick chat next week?';

describe('aoi audit text: your templates', () => {
  it('one line per template (sent, accepted, rate, verdict, pattern), then the notes written one by one', () => {
    const requests = [
      ...sentTemplate({ id: 'big', pattern: PATTERN, names: TWELVE, accepted: 3 }),
      ...sentTemplate({ id: 'two', pattern: 'Hi {name}, nice profile.', names: ['Pia Roth', 'Quinn Yu'], category: 'irrelevant', confidence: 0.52, accepted: 1 }),
      cr({ category: 'good', direction: 'OUTGOING', outcome: 'accepted', message: 'Loved your DataConf talk.', reasons: [['good.talk', 'DataConf talk', 1]] }),
      cr({ category: 'sales_pitch', direction: 'OUTGOING', outcome: 'pending', message: 'Try our CRM.', reasons: [['pitch', 'our CRM', 1]] }),
    ];
    const lines = templateLines(gradeSentTemplates(requests, 2025));
    expect(lines[0]).toBe('  your templates');
    expect(lines[1]).toMatch(/^ {4}\s*12 sent\s+3 accepted\s+25%\s+IGNORE bot, to 12 people$/);
    // The pattern, on one line, cut with an ellipsis.
    expect(lines[2]).toMatch(/^ +"Hi \{name\}, thanks for connecting! I help founders .*…"$/);
    expect(lines[3]).toMatch(/^\s+2 sent\s+1 accepted\s+50%\s+IGNORE irrelevant \(unsure — 0\.52\)$/);
    expect(lines[4]).toBe('           "Hi {name}, nice profile."');
    expect(lines[5]).toMatch(/^\s+2 sent\s+1 accepted\s+50%\s+written one by one: ACCEPT 1 · IGNORE 1$/);
    expect(lines).toHaveLength(6);
  });

  it('says when outcomes are unknown, and when there is no template; nothing without a sent note', () => {
    const unknown = templateLines(gradeSentTemplates([cr({ category: 'good', direction: 'OUTGOING', outcome: 'unknown', reasons: [['g', 'x', 1]] })]));
    expect(unknown[0]).toBe('  your templates (accepted: unknown, the export has no Connections.csv)');
    expect(unknown[1]).toMatch(/^\s+1 sent\s+written one by one: ACCEPT 1$/);
    expect(unknown[2]).toBe('    no template: every note was written one by one');
    expect(templateLines(gradeSentTemplates([cr({ category: 'bot', message: 'Hi {first_name}' })]))).toEqual([]);
  });

  it('json/jsonl rows carry `unsure`, derived from the confidence', () => {
    expect(withUnsure(cr({ category: 'irrelevant', confidence: 0.52 })).unsure).toBe(true);
    expect(withUnsure(cr({ category: 'irrelevant', confidence: 0.6 })).unsure).toBe(false);
    expect(withUnsure(cr({ category: 'no_message', confidence: 0.1 })).unsure).toBe(false);
  });
});
