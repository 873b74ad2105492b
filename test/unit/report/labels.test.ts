import { describe, expect, it } from 'vitest';
import { CATEGORIES, VERDICTS } from '../../../functions/audit/model.ts';
import { CATEGORY_COLOR, CATEGORY_TEXT, VERDICT_COLOR } from '../../../functions/audit/report/labels.ts';

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('the page colours and words', () => {
  it('white text on every verdict and category colour (badges, tags) meets WCAG AA (4.5:1)', () => {
    for (const v of VERDICTS) expect(contrast(VERDICT_COLOR[v], '#ffffff'), v).toBeGreaterThanOrEqual(4.5);
    for (const c of CATEGORIES) expect(contrast(CATEGORY_COLOR[c], '#ffffff'), c).toBeGreaterThanOrEqual(4.5);
  });

  it('every IGNORE category has a title, a lesson and advice', () => {
    for (const c of CATEGORIES) {
      expect(CATEGORY_TEXT[c].title.length, c).toBeGreaterThan(2);
      expect(CATEGORY_TEXT[c].lesson.length, c).toBeGreaterThan(10);
      if (c !== 'good') expect(CATEGORY_TEXT[c].advice.length, c).toBeGreaterThan(10);
    }
  });
});
