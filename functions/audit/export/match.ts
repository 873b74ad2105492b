/** Connection matching: Invitations rows + Connections.csv -> CRs with outcomes, ids and duplicates removed. */
import type { Connection, ConnectionRequest, Person } from '../model.ts';
import { counterpartKey, createRequestIds, normaliseName, profileSlug } from './identity.ts';
import type { InvitationRow } from './invitations.ts';

/** Connections by counterpart key, and by normalised name for rows or connections without a URL. */
export class ConnectionIndex {
  private readonly byKey = new Map<string, Connection>();
  private readonly byName = new Map<string, Connection>();

  constructor(connections: readonly Connection[]) {
    for (const c of connections) {
      if (!this.byKey.has(c.key)) this.byKey.set(c.key, c);
      const nk = `name:${c.name.toLowerCase()}`;
      if (!this.byName.has(nk)) this.byName.set(nk, c);
    }
  }

  /** The connection of a counterpart: same key (URL slug, else name), or same name when either side has no URL. */
  match(key: string, name: string, profileUrl: string | null): Connection | undefined {
    const byKey = this.byKey.get(key);
    if (byKey) return byKey;
    const byName = this.byName.get(`name:${normaliseName(name).toLowerCase()}`);
    return byName && (profileSlug(profileUrl) === null || byName.profileUrl === null) ? byName : undefined;
  }
}

/**
 * The ids kept so far, for the exact-duplicate check: an open-addressing table by the id's first 8
 * hex digits (a sha256 digest's: evenly spread), each slot the kept CR's position and those 32 bits,
 * the ids compared as text only where the 32 bits agree. A Set of the id strings took twice the time
 * (each id hashed as a string, the Set rehashed as it grows; measured over 100k ids). The bits are
 * kept beside the position so that a probe past another id's slot does not read that CR and its id
 * (two reads at random places of the heap: with positions alone, the probes were 200 of the 2,978
 * profiled ticks of reading the 100k-row bench file). Memory: 16 to 32 bytes per row while reading.
 */
class IdTable {
  /** Per slot: kept position + 1 (0: empty), then the id's first 32 bits; at most half the slots full. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(maxIds: number) {
    let size = 16;
    while (size < 2 * maxIds) size *= 2;
    this.slots = new Int32Array(2 * size);
    this.mask = size - 1;
  }

  /** False when `kept[..]` already holds a CR with this id; else remembers that `kept[at]` will have it. */
  add(id: string, at: number, kept: readonly ConnectionRequest[]): boolean {
    let h = 0;
    for (let x = 0; x < 8; x++) {
      const c = id.charCodeAt(x);
      h = (h << 4) | (c <= 57 ? c - 48 : c - 87); // '0'-'9', 'a'-'f'
    }
    const slots = this.slots;
    let slot = h & this.mask;
    for (let k = slots[2 * slot]!; k !== 0; k = slots[2 * slot]!) {
      if (slots[2 * slot + 1] === h && kept[k - 1]!.id === id) return false;
      slot = (slot + 1) & this.mask;
    }
    slots[2 * slot] = at + 1;
    slots[2 * slot + 1] = h;
    return true;
  }
}

/**
 * The CRs of the rows, in row order, made from the rows in place (`rows` is returned, shortened):
 * deterministic ids, exact duplicate rows collapsed, outcome `accepted` / `pending` from
 * Connections.csv (`unknown` without it).
 */
export function buildRequests(rows: InvitationRow[], owner: Person | null, connections: readonly Connection[] | null): ConnectionRequest[] {
  const index = connections ? new ConnectionIndex(connections) : null;
  const ownerKey = owner ? counterpartKey(owner.profileUrl, owner.name) : '';
  const requestOwner = owner ?? { name: '', profileUrl: null };
  const requestId = createRequestIds(ownerKey);
  const seen = new IdTable(rows.length);
  let kept = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const { name, profileUrl, key } = r.counterpart;
    const id = requestId(r.direction, key, r.sentAt, r.message);
    if (!seen.add(id, kept, rows)) continue; // exact duplicate row
    r.id = id;
    r.owner = requestOwner;
    if (index) {
      const match = index.match(key, name, profileUrl);
      if (match) {
        r.counterpart = { name, profileUrl, key, company: match.company, position: match.position };
        r.outcome = 'accepted';
      } else r.outcome = 'pending';
    }
    rows[kept++] = r;
  }
  rows.length = kept;
  return rows;
}
