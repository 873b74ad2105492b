/** Dates in words, in English, for the report and the coverage advice: "14 March 2026", "March 2026", "January–March, June". */

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** "14 March 2026" */
export function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
}

/** "March 2026" */
export function monthName(month: string, withYear = true): string {
  const [y, m] = month.split('-').map(Number);
  return withYear ? `${MONTH_NAMES[m - 1]} ${y}` : MONTH_NAMES[m - 1];
}

/** "January, February and March" */
export function listMonths(months: string[]): string {
  const names = months.map((m) => monthName(m, false));
  if (names.length <= 1) return names.join('');
  // Collapse runs of consecutive months: "January–March, June".
  const runs: string[][] = [];
  let prev = -2;
  for (const m of months) {
    const n = Number(m.slice(5, 7));
    if (n === prev + 1) runs[runs.length - 1].push(m);
    else runs.push([m]);
    prev = n;
  }
  const parts = runs.map((r) =>
    r.length >= 3 ? `${monthName(r[0], false)}–${monthName(r[r.length - 1], false)}` : r.map((m) => monthName(m, false)).join(', '),
  );
  const flat = parts.join(', ');
  const last = flat.lastIndexOf(', ');
  return last < 0 ? flat : `${flat.slice(0, last)} and ${flat.slice(last + 2)}`;
}
