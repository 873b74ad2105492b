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
 * The CRs of the rows, in row order, made from the rows in place (`rows` is returned, shortened):
 * deterministic ids, exact duplicate rows collapsed, outcome `accepted` / `pending` from
 * Connections.csv (`unknown` without it).
 */
export function buildRequests(rows: InvitationRow[], owner: Person | null, connections: readonly Connection[] | null): ConnectionRequest[] {
  const index = connections ? new ConnectionIndex(connections) : null;
  const ownerKey = owner ? counterpartKey(owner.profileUrl, owner.name) : '';
  const requestOwner = owner ?? { name: '', profileUrl: null };
  const requestId = createRequestIds(ownerKey);
  const seen = new Set<string>();
  let kept = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const { name, profileUrl, key } = r.counterpart;
    const id = requestId(r.direction, key, r.sentAt, r.message);
    if (seen.has(id)) continue; // exact duplicate row
    seen.add(id);
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
