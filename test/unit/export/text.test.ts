import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { own } from '../../../functions/audit/export/text.ts';

/** What own() did before its Latin-1 round trip: the UTF-8 one for every string (lone surrogates flattened). */
function ownByUtf8(s: string): string {
  if (s.length < 13) return s;
  if (!(s as unknown as { isWellFormed(): boolean }).isWellFormed()) return (' ' + s).slice(1);
  return Buffer.from(s, 'utf8').toString('utf8');
}

describe('own', () => {
  it('gives the same text as the UTF-8 round trip, for cells cut from 1-byte and 2-byte chunks', () => {
    const cells = [
      '',
      'short',
      'exactly 13 ch',
      'https://www.linkedin.com/in/aiyana-0',
      'Zoë Ñandú, café crème, NBSP\u00a0and ÿ\u00ff and \u0080\u009f C1',
      'emoji 🙏 and ✓ check',
      'lone \ud800 high and \udc00 low surrogates',
      'Ж'.repeat(30),
      'x'.repeat(70_000), // over the scratch buffer
      'é'.repeat(70_000),
      '日'.repeat(30_000),
    ];
    for (const cell of cells) {
      for (const chunk of [`${cell}, and text around it`, `${cell}, and an emoji 🙏 making the chunk 2-byte`]) {
        const slice = chunk.slice(0, cell.length);
        expect(slice).toBe(cell);
        expect(own(slice)).toBe(ownByUtf8(slice));
        expect(own(slice)).toBe(cell);
      }
    }
  });
});
