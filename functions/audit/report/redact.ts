/**
 * The `--redact` variant: names, profile URLs and companies masked, notes kept readable (the seed
 * blurs the senders' names in its screenshots). Names and companies are also masked where they
 * appear inside a note.
 */

const MASK = '•••';

/** "Jane van Doe" → "J••• v••• D•••": initials only, no length leak. */
export function maskName(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return MASK;
  return words.map((w) => `${[...w][0] ?? ''}${MASK}`).join(' ');
}

export function maskCompany(company: string | undefined): string | undefined {
  return company === undefined || company.trim() === '' ? company : '[company]';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A function masking, in free text, the words of the given names (case-insensitive, whole words
 * of two letters or more) and the given companies (whole phrases).
 */
export function textMasker(names: string[], companies: string[]): (text: string) => string {
  const words = new Set<string>();
  for (const n of names) for (const w of n.match(/[\p{L}\p{N}]+/gu) ?? []) if ([...w].length >= 2 && /\p{L}/u.test(w)) words.add(w.toLocaleLowerCase());
  const phrases = [...new Set(companies.map((c) => c.trim()).filter((c) => c.length >= 2))].sort((a, b) => b.length - a.length);
  // One alternation, longest first, so "Acme Labs" wins over "Acme".
  const companyRe = phrases.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
  return (text) => {
    const t = companyRe ? text.replace(companyRe, '[company]') : text;
    return words.size ? t.replace(/[\p{L}\p{N}]+/gu, (w) => (words.has(w.toLocaleLowerCase()) ? maskName(w) : w)) : t;
  };
}
