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

  it('the lessons follow the labelling standard (shared/taxonomy.md)', () => {
    const t = (c: keyof typeof CATEGORY_TEXT) => CATEGORY_TEXT[c].lesson.toLowerCase();
    // bot = evidence of automation, never generic wording alone.
    expect(t('bot')).toMatch(/three people or more/);
    expect(t('bot')).toMatch(/unrelated senders/);
    expect(t('bot')).toMatch(/placeholder/);
    expect(t('bot')).toMatch(/thanks you for connecting/);
    expect(t('bot')).toMatch(/generic wording alone is not a bot/);
    // irrelevant = no clear reason: flattery, "let's connect", a CV, random facts.
    for (const w of ['no clear reason', 'flattery', 'connect', 'cv', 'random facts']) expect(t('irrelevant')).toContain(w);
    // too much too soon = asks a stranger for something that benefits the sender.
    for (const w of ['benefits the sender', 'endorse', 'referral', 'mentoring', 'cv', 'a call as a first step', 'speaking at an event', 'expert-network']) expect(t('too_much_too_soon')).toContain(w);
    // sales pitch = offers a product, service or job (recruiters included).
    for (const w of ['product', 'service', 'job', 'recruiters']) expect(t('sales_pitch')).toContain(w);
    // good = real shared activity and a reason to connect.
    expect(t('good')).toMatch(/real .*reason to connect/);
    expect(t('coworker_template')).toMatch(/one company/);
  });
});
