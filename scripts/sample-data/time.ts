/** Times and dates as the export files print them. */
import { parseSentAt } from '../../functions/audit/export/index.ts';
import type { Random } from './random.ts';

/** A wall-clock time in the owner's zone, as "Sent At" prints it (no offset). */
export interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
}

/** "3/7/25, 9:05 PM" */
export const sentAtText = (w: Wall) => `${w.mo}/${w.d}/${String(w.y % 100).padStart(2, '0')}, ${w.h % 12 === 0 ? 12 : w.h % 12}:${String(w.mi).padStart(2, '0')} ${w.h < 12 ? 'AM' : 'PM'}`;
/** A number that orders walls. */
export const wallKey = (w: Wall) => Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi);
/** The wall's own date, YYYY-MM-DD. */
export const wallDate = (w: Wall) => `${w.y}-${String(w.mo).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;
/** The UTC date of the wall, read the way the reader reads it. */
export const utcDateOf = (w: Wall) => parseSentAt(sentAtText(w))!.sentAt.slice(0, 10);
export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "Connected On" of Connections.csv: "07 Mar 2025" */
export const connectedOnText = (iso: string) => `${iso.slice(8, 10)} ${MON[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

/** A time on a day of [from, to], mostly in working hours. */
export function randomWall(rng: Random, from: string, to: string): Wall {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  const day = new Date(a + Math.floor(rng.next() * ((b - a) / 86_400_000 + 1)) * 86_400_000);
  const h = rng.chance(0.85) ? rng.int(7, 19) : rng.pick([0, 5, 6, 20, 21, 22, 23]);
  return { y: day.getUTCFullYear(), mo: day.getUTCMonth() + 1, d: day.getUTCDate(), h, mi: rng.int(0, 59) };
}
