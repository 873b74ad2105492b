/**
 * The classifier's public API: one note (`classifyNote`), one inbox with template clustering
 * across the batch (`classifyInbox`), and the CRs of an export (`classifyRequests`).
 */
import type { Classification, ClassifiedRequest, Connection, ConnectionRequest, OwnerProfile } from '../model.ts';
import { ADVICE } from './advice.ts';
import { clusterTemplates, type ClusterInput, type ClusterOptions, type ClusterResult } from './cluster.ts';
import type { WordModel } from './words.ts';
import { decide, fireAll, noMessage, type NoteContext, type NoteInput, type Weights } from './engine.ts';
import { firstNameOf } from './text.ts';
import { WEIGHTS } from './weights.ts';

export { ADVICE };
export type { NoteInput, NoteContext, Weights, ClusterOptions, ClusterResult };
export { clusterTemplates } from './cluster.ts';
export { linkedInDefault } from './defaults.ts';
export { ALL_RULES } from './rules.ts';

export interface InboxOptions {
  cluster?: ClusterOptions;
  /** Override the fitted weights (used by the fitting and evaluation scripts). */
  weights?: Weights;
  /** Override the word model (null: none): the fitting and evaluation scripts score notes with a model not trained on them. */
  wordModel?: WordModel | null;
}

/**
 * A note as the template clustering sees it. A recipient given as text (a batch of notes written
 * to different people, or a sent note's invitee) keeps notes to different people apart; the
 * owner's own profile (every received note of an export) matches any.
 */
function clusterInputOf(n: NoteInput): ClusterInput {
  const recipient = typeof n.recipientProfile === 'string' ? n.recipientProfile : undefined;
  return { id: n.id, text: n.text, sender: n.sender, senderCompany: n.senderCompany, recipient };
}

function contextOf(n: NoteInput): NoteContext {
  const { id: _id, text: _text, ...ctx } = n;
  return ctx;
}

/** Classifies one note with the per-note rules only (no clustering). */
export function classifyNote(text: string, context: NoteContext = {}, weights: Weights = WEIGHTS): Classification {
  const nm = noMessage(text);
  if (nm) return nm;
  return decide(fireAll(text, context), undefined, weights);
}

/** Classifies one inbox: per-note rules plus template clustering across the whole batch. */
export function classifyInbox(notes: NoteInput[], options: InboxOptions = {}): Map<string, Classification> {
  const weights = options.weights ?? WEIGHTS;
  const out = new Map<string, Classification>();
  const candidates: NoteInput[] = [];
  for (const n of notes) {
    const nm = noMessage(n.text);
    if (nm) out.set(n.id, nm);
    else candidates.push(n);
  }
  const clusters = clusterTemplates(candidates.map(clusterInputOf), options.cluster);
  for (const n of candidates) {
    const c = clusters.get(n.id);
    out.set(n.id, decide(fireAll(n.text, contextOf(n), c, options.wordModel), c, weights));
  }
  return out;
}

/**
 * Classifies the CRs of one export. INCOMING: the owner is the recipient (profile), the
 * counterpart the sender. OUTGOING: the owner is the sender, the counterpart the recipient
 * (position and company from the counterpart or Connections.csv).
 */
export function classifyRequests(
  requests: ConnectionRequest[],
  context: { profile: OwnerProfile | null; connections: Connection[] | null },
  options: InboxOptions = {},
): ClassifiedRequest[] {
  const byKey = new Map<string, Connection>();
  for (const c of context.connections ?? []) byKey.set(c.key, c);
  const ownerFirst = (r: ConnectionRequest) => context.profile?.firstName || firstNameOf(r.owner.name);
  const notes: NoteInput[] = requests.map((r) => {
    const conn = byKey.get(r.counterpart.key);
    const company = r.counterpart.company || conn?.company || undefined;
    const position = r.counterpart.position || conn?.position || undefined;
    if (r.direction === 'INCOMING') {
      return {
        id: r.id,
        text: r.message,
        direction: r.direction,
        // the name reads best for the own-name greeting check; the key when the export has no name
        sender: r.counterpart.name || r.counterpart.key,
        senderCompany: company,
        recipientProfile: context.profile ?? undefined,
        recipientFirstName: ownerFirst(r),
      };
    }
    const prof = [position, company].filter(Boolean).join(' | ');
    return {
      id: r.id,
      text: r.message,
      direction: r.direction,
      sender: `owner:${r.owner.name}`,
      recipientProfile: prof || undefined,
      recipientFirstName: firstNameOf(r.counterpart.name),
    };
  });
  const result = classifyInbox(notes, options);
  return requests.map((r) => ({ ...r, ...result.get(r.id)! }));
}

/**
 * The fired rules of every note of one inbox (null for no_message notes), with the cluster of
 * each note: what the fitting and evaluation scripts train and score on.
 */
export function fireInbox(
  notes: NoteInput[],
  options: InboxOptions = {},
): Map<string, { fired: import('./engine.ts').Fired[]; cluster?: ClusterResult } | null> {
  const out = new Map<string, { fired: import('./engine.ts').Fired[]; cluster?: ClusterResult } | null>();
  const candidates = notes.filter((n) => {
    if (noMessage(n.text)) {
      out.set(n.id, null);
      return false;
    }
    return true;
  });
  const clusters = clusterTemplates(candidates.map(clusterInputOf), options.cluster);
  for (const n of candidates) {
    const c = clusters.get(n.id);
    out.set(n.id, { fired: fireAll(n.text, contextOf(n), c, options.wordModel), cluster: c });
  }
  return out;
}
