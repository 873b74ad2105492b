/** Owner inference: whose export this is, from the Invitations rows (and Profile.csv as a check). */
import type { Person, Problem } from '../model.ts';
import { normaliseName } from './identity.ts';
import type { ProfileRow } from './side-files.ts';
import { own } from './text.ts';

/** The most frequent value, counted as values come; a tie goes to the value that reached the top count first. */
export class Mode {
  private readonly counts = new Map<string, { key: string; n: number }>();
  private best: string | null = null;
  private bestN = 0;
  /** The entry of the last value added: the owner's name and URL come row after row (no lookup then). */
  private last: { key: string; n: number } | undefined;

  add(v: string): void {
    let e = this.last !== undefined && this.last.key === v ? this.last : this.counts.get(v);
    if (!e) {
      e = { key: own(v), n: 0 };
      this.counts.set(e.key, e);
    }
    this.last = e;
    e.n++;
    if (e.n > this.bestN) {
      this.best = e.key;
      this.bestN = e.n;
    }
  }

  get value(): string | null {
    return this.best;
  }
}

/**
 * The owner's side of every row: `From` on OUTGOING rows, `To` on INCOMING rows (name and URL),
 * counted while reading so that no row has to keep it.
 */
export class OwnerTally {
  readonly names = new Mode();
  readonly urls = new Mode();

  add(name: string, url: string | null): void {
    this.names.add(name);
    if (url !== null) this.urls.add(url);
  }
}

/**
 * The owner: the most frequent owner name and URL of the rows, else the Profile.csv name. A
 * Profile.csv naming someone else gives a warning (the rows win).
 */
export function inferOwner(tally: OwnerTally, profileRow: ProfileRow | null): { owner: Person | null; mismatch: Problem | null } {
  const profileName = profileRow ? normaliseName(`${profileRow.firstName} ${profileRow.lastName}`) : null;
  let owner: Person | null = null;
  const ownerName = tally.names.value;
  if (ownerName !== null) owner = { name: ownerName, profileUrl: tally.urls.value };
  else if (profileName) owner = { name: profileName, profileUrl: null };
  let mismatch: Problem | null = null;
  if (owner && profileRow && profileName && normaliseName(owner.name).toLowerCase() !== profileName.toLowerCase()) {
    mismatch = { file: profileRow.file, row: profileRow.row, reason: `Profile.csv names "${profileName}" but Invitations.csv names the owner "${owner.name}"; using "${owner.name}"` };
  }
  return { owner, mismatch };
}
