/**
 * Who sent what to whom, and when: the requests of the two owners, drawn from a run's `Generator`.
 * Owner 1 (Jonah): an old tail of 2023-2024, the first and second half of 2025, each with the edge
 * cases the README lists, and the connections he made before 2025. Owner 2 (Inés): Feb-Aug 2022.
 */
import { INES, JONAH, NOTES } from './banks.ts';
import type { CR, Generator, Inbox, PersonRec } from './generator.ts';
import { addDays, randomWall, utcDateOf } from './time.ts';

export const JONAH_INBOX: Inbox = { first: JONAH.first, at: JONAH.companyAsWritten };
export const INES_INBOX: Inbox = { first: INES.first, at: INES.companyAsWritten };

export interface Connection {
  who: PersonRec;
  on: string;
}

export interface OwnerOneHistory {
  /** still pending 2023-2024 requests, in both exports */
  old: CR[];
  /** 2 Jan - 1 Jul 2025 (export 1) */
  h1: CR[];
  /** 2 Jul 2025 - 5 Jan 2026 (export 2) */
  h2: CR[];
  /** connections made before 2025 (not in any Invitations.csv window) */
  earlier: Connection[];
}

/** Owner 1's requests and earlier connections (the first draws of a run, in this order). */
export function ownerOneHistory(g: Generator): OwnerOneHistory {
  g.usedSlugs.add(JONAH.slug);
  const old = oldTail(g);
  const h1 = firstHalf(g);
  const h2 = secondHalf(g);
  const earlier = Array.from({ length: 140 }, () => ({ who: g.person(), on: addDays('2019-01-01', g.rng.int(0, 2150)) }));
  return { old, h1, h2, earlier };
}

function oldTail(g: Generator): CR[] {
  const old: CR[] = [
    ...Array.from({ length: 6 }, () => ({ ...g.incoming('2023-03-01', '2024-11-30', JONAH_INBOX), acceptedOn: null })),
    ...Array.from({ length: 2 }, () => ({ ...g.outgoing('2024-05-01', '2024-12-15'), acceptedOn: null })),
  ];
  old[0] = { ...old[0], acceptedOn: '2025-09-14' }; // an old request accepted much later: pending in export 1, accepted in export 2
  return old;
}

function firstHalf(g: Generator): CR[] {
  const h1: CR[] = [
    ...Array.from({ length: 180 }, () => g.incoming('2025-01-02', '2025-07-01', JONAH_INBOX)),
    ...Array.from({ length: 95 }, () => g.outgoing('2025-01-02', '2025-07-01')),
    ...g.coworkers(0, '2025-03-03', '2025-03-20', JONAH_INBOX),
  ];
  // an invitation sent to the owner's e-mail address (To is the address, not the name)
  h1.push({ ...g.incoming('2025-02-01', '2025-02-28', JONAH_INBOX), toText: JONAH.email });
  // bulk sends: three outgoing in the same minute
  const w = { y: 2025, mo: 4, d: 17, h: 10, mi: 42 };
  for (let i = 0; i < 3; i++) h1.push({ ...g.outgoing('2025-04-17', '2025-04-17'), wall: w });
  // a re-invite: the same person invited again 3 months later, after the first went unanswered
  const first = { ...g.outgoing('2025-01-10', '2025-01-20'), note: '', cat: 'none' as const, acceptedOn: null };
  h1.push(first, { ...first, wall: { ...first.wall, mo: first.wall.mo + 3 }, acceptedOn: addDays(utcDateOf({ ...first.wall, mo: first.wall.mo + 3 }), 2) });
  return h1;
}

function secondHalf(g: Generator): CR[] {
  const h2: CR[] = [
    ...Array.from({ length: 190 }, () => g.incoming('2025-07-02', '2026-01-05', JONAH_INBOX)),
    ...Array.from({ length: 100 }, () => g.outgoing('2025-07-02', '2026-01-05')),
    ...g.coworkers(1, '2025-10-06', '2025-10-20', JONAH_INBOX),
  ];
  // crossing invitations: both sent the same day
  const who = g.person('Ingrid', 'Halvorsen', 'Cobalt Data', 'Analytics Engineer');
  h2.push({ direction: 'OUTGOING', who, wall: { y: 2025, mo: 9, d: 9, h: 9, mi: 12 }, note: '', cat: 'none', acceptedOn: '2025-09-09' });
  h2.push({ direction: 'INCOMING', who, wall: { y: 2025, mo: 9, d: 9, h: 9, mi: 14 }, note: JONAH.crossingInvitationNote, cat: 'good', acceptedOn: '2025-09-09' });
  // New Year's Eve: Dec 31 evening Pacific is already Jan 1 in UTC; and one just after midnight
  h2.push({ direction: 'INCOMING', who: g.person('Zoë', 'Achterberg'), wall: { y: 2025, mo: 12, d: 31, h: 23, mi: 48 }, note: JONAH.newYearsEveNote, cat: 'good', acceptedOn: '2026-01-02' });
  h2.push({ direction: 'OUTGOING', who: g.person('Mateo', 'Quispe'), wall: { y: 2025, mo: 12, d: 31, h: 21, mi: 15 }, note: '', cat: 'none', acceptedOn: null });
  h2.push({ direction: 'INCOMING', who: g.person('Kenji', 'Nakamura'), wall: { y: 2026, mo: 1, d: 1, h: 0, mi: 20 }, note: '', cat: 'none', acceptedOn: null });
  // the fall-back night: 1:17 AM happened twice on Nov 2 2025
  h2.push({ direction: 'INCOMING', who: g.person(), wall: { y: 2025, mo: 11, d: 2, h: 1, mi: 17 }, note: '', cat: 'none', acceptedOn: null });
  return h2;
}

const INES_CATS = ['sales_pitch', 'irrelevant', 'too_much_too_soon', 'bot', 'default'] as const;

/** Owner 2 as a person record (drawn like anyone else's), and her 70 requests of 2022. */
export function ownerTwoRequests(g: Generator): { owner: PersonRec; crs: CR[] } {
  const owner = { ...g.person(INES.first, INES.last, INES.company, INES.title), name: INES.name };
  // her own notes, each used once (popped from the end); the data pitches of the bank are not for her
  const good = [...INES.goodNotes];
  const pitches = [...INES.pitches];
  const crs: CR[] = [];
  for (let i = 0; i < 70; i++) {
    const outgoing = g.rng.chance(0.3);
    const who = g.person();
    let cat: CR['cat'] = outgoing || !g.rng.chance(0.45) ? 'none' : good.length && g.rng.chance(0.25) ? 'good' : g.rng.pick(INES_CATS);
    const note = cat === 'good' ? good.pop()! : cat === 'sales_pitch' ? (pitches.pop() ?? '') : cat === 'bot' ? NOTES.bot[2] : cat === 'default' ? g.rng.pick(NOTES.default) : cat === 'none' ? '' : g.uniqueNote(cat as 'irrelevant' | 'too_much_too_soon', INES_INBOX, who);
    if (!note) cat = 'none';
    crs.push(g.settle({ direction: outgoing ? 'OUTGOING' : 'INCOMING', who, wall: randomWall(g.rng, '2022-02-10', '2022-08-20'), note, cat }));
  }
  return { owner, crs };
}
