/**
 * The classifier's public API: one note (`classifyNote`), one batch of notes with templates found
 * across it (`classifyInbox`), and the CRs of an export (`classifyRequests`). Each note is decided in
 * the labelling standard's order (taxonomy.md): no_message, then the structural rules (templates,
 * mail-merge debris, thanks for connecting), and only then the weighed rules of categories 4–8.
 * Only a note's first CLASSIFIED_CHARS (2,000) characters are read (text.ts): a longer text costs
 * no more than that, and every pattern run over it is linear in its length (linear.test.ts).
 */
import type { Classification, ClassifiedRequest, Connection, ConnectionRequest, KeepableRole, OwnerProfile } from '../model.ts';
import { ADVICE } from './advice.ts';
import { withoutDefaults } from './defaults.ts';
import { decide, decideStructure, fireAll, noMessage, rank } from './engine.ts';
import { SCORED_CATEGORIES } from './rules.ts';
import { WEIGHTS } from './fitted.ts';
import { cachedProfileText } from './relevance.ts';
import { decideRole, fireRoleRules, keptFor, type RoleContext } from './role.ts';
import { findTemplates, type TemplateInput, type TemplateMatch } from './templates.ts';
import { CLASSIFIED_CHARS, classifiedText, firstNameOf } from './text.ts';
import type { Fired, NoteContext, NoteInput, Weights } from './types.ts';
import type { WordModel } from './words.ts';

export { ADVICE };
export type { NoteInput, NoteContext, Weights, TemplateMatch };
export { findTemplates } from './templates.ts';
export { linkedInDefault } from './defaults.ts';
export { ALL_RULES } from './rules.ts';
export { CLASSIFIED_CHARS, classifiedText } from './text.ts';

/** The note as the classifier reads it: its text cut to CLASSIFIED_CHARS characters. */
function readable<T extends { text: string }>(n: T): T {
  return n.text.length > CLASSIFIED_CHARS ? { ...n, text: classifiedText(n.text) } : n;
}

export interface InboxOptions {
  /** Override the fitted weights (used by the fitting and evaluation scripts). */
  weights?: Weights;
  /** Override the word model (null: none): the fitting and evaluation scripts score notes with a model not trained on them. */
  wordModel?: WordModel | null;
  /**
   * Called as each phase of a batch starts, and every PHASE_EVERY notes while classifying, for a
   * progress display (`aoi audit` on a terminal): `grouping templates` (across the whole batch),
   * then `classifying` with `done` of `total` notes.
   */
  onPhase?: (phase: InboxPhase, detail: { done?: number; total: number }) => void;
  /**
   * The user's view (issue 16): roles whose notes this user wants to keep. With `['recruiter']` (the
   * job seeker's view) a recruiter's note that names a concrete role is graded ACCEPT, with `kept`
   * saying why; its category stays the seed's. Default: none (the seed's verdicts).
   */
  keep?: readonly KeepableRole[];
}

export type InboxPhase = 'grouping templates' | 'classifying';
const PHASE_EVERY = 2048;

/**
 * A note as template detection sees it. Identities default to the sender's name and, when the
 * note's recipient is given as text (a batch of notes written to different people, or a sent
 * note's invitee), to that text; the owner's own profile (every received note of an export) is
 * one recipient.
 */
function templateInputOf(n: NoteInput): TemplateInput {
  const recipient = n.recipientKey ?? (typeof n.recipientProfile === 'string' ? n.recipientProfile : undefined);
  return {
    id: n.id,
    text: n.text,
    sender: n.senderKey ?? n.sender,
    names: [n.sender?.replace(/^owner:/, ''), n.recipientName, n.recipientFirstName].filter((x): x is string => Boolean(x)),
    senderCompany: n.senderCompany,
    recipient,
    fromOwner: n.fromOwner,
  };
}

function contextOf(n: NoteInput): NoteContext {
  const { id: _id, text: _text, ...ctx } = n;
  return ctx;
}

/**
 * How one note is decided: by rule 1 or by structure (a Classification), or by the weighed rules
 * (the fired rules, and the template it repeats when it was sent twice).
 */
export type Prepared = ({ decided: Classification } | { fired: Fired[]; template?: TemplateMatch }) & { role: RoleInput };

/** What the role (role.ts) is decided from, beside the category: the note's role phrases, its category rules, its context. */
export interface RoleInput {
  /** The note as judged (without LinkedIn's default sentence); '' when there is none. */
  text: string;
  phrases: ReturnType<typeof fireRoleRules>;
  /** The category rules that fired on the note (for a note decided by structure: its text rules alone). */
  fired: Fired[];
  ctx: RoleContext;
}

function roleContextOf(n: NoteInput): RoleContext {
  return { direction: n.direction, counterpartPosition: n.counterpartPosition, counterpartCompany: n.counterpartCompany };
}

/** Rule 1, then rules 2–3 by structure; otherwise the note's scored rules (on the note without any LinkedIn default sentence in it). */
function prepare(n: NoteInput, template: TemplateMatch | undefined, weights: Weights, wordModel: WordModel | null | undefined): Prepared {
  const nm = noMessage(n.text);
  if (nm) return { decided: nm, role: { text: '', phrases: [], fired: [], ctx: roleContextOf(n) } };
  // a default text with a sentence added: the added sentence is what is judged
  const text = withoutDefaults(n.text);
  const ctx = contextOf(n);
  const role: RoleInput = { text, phrases: fireRoleRules(text, cachedProfileText(n.recipientProfile)), fired: [], ctx: roleContextOf(n) };
  const structural = decideStructure(text, ctx, template, weights);
  if (structural) {
    // a template or a mail merge still says who sent it: its text is read for the role alone
    role.fired = fireAll(text, ctx, wordModel === undefined ? undefined : wordModel);
    return { decided: structural, role };
  }
  const fired = fireAll(text, ctx, wordModel === undefined ? undefined : wordModel);
  role.fired = fired;
  return { fired, template, role };
}

/**
 * The Classification of a prepared note under the given weights, with its role (role.ts) and, under
 * a user's view (`keep`), the re-grading it gets.
 */
export function verdictOf(p: Prepared, weights: Weights = WEIGHTS, keep: readonly KeepableRole[] = []): Classification {
  let c: Classification;
  if ('decided' in p) c = { ...p.decided };
  else {
    c = decide(p.fired, weights);
    if (p.template) c.cluster = p.template.cluster;
  }
  const r = p.role;
  // a note decided by structure (a template, a mail merge): what its text alone reads as
  // (a pitch only: a template's warm words are no evidence of a peer)
  let read = c.category;
  if ('decided' in p && r.fired.length > 0) {
    const text = SCORED_CATEGORIES[rank(r.fired, weights).best];
    if (text === 'sales_pitch' || text === 'swing_and_miss') read = text;
  }
  const { role, roleReasons } = decideRole(r.phrases, r.fired, read, r.text !== '', r.ctx);
  c.role = role;
  c.roleReasons = roleReasons;
  const k = keep.length > 0 ? keptFor(keep, { role, roleReasons }, r.text, r.ctx.direction) : null;
  if (k) {
    c.verdict = 'ACCEPT';
    c.kept = k.kept;
    c.roleReasons = [...roleReasons, k.evidence];
  }
  return c;
}

/** Classifies one note alone (no templates: there is nothing to compare it with). */
export function classifyNote(text: string, context: NoteContext = {}, weights: Weights = WEIGHTS, keep: readonly KeepableRole[] = []): Classification {
  return verdictOf(prepare({ id: 'note', text: classifiedText(text), ...context }, undefined, weights, undefined), weights, keep);
}

/** Prepares every note of one batch: templates are found across the whole batch. */
export function prepareInbox(input: readonly NoteInput[], options: InboxOptions = {}): Map<string, Prepared> {
  const weights = options.weights ?? WEIGHTS;
  const notes = input.map(readable);
  const withText = notes.filter((n) => !noMessage(n.text));
  const onPhase = options.onPhase;
  onPhase?.('grouping templates', { total: notes.length });
  const templates = findTemplates(withText.map(templateInputOf));
  const out = new Map<string, Prepared>();
  onPhase?.('classifying', { done: 0, total: notes.length });
  for (let i = 0; i < notes.length; i++) {
    const n = notes[i];
    out.set(n.id, prepare(n, templates.get(n.id), weights, options.wordModel));
    if (onPhase && (i + 1) % PHASE_EVERY === 0) onPhase('classifying', { done: i + 1, total: notes.length });
  }
  return out;
}

/** Classifies one batch of notes: structure first (templates across the batch), then the weighed rules. */
export function classifyInbox(notes: readonly NoteInput[], options: InboxOptions = {}): Map<string, Classification> {
  const weights = options.weights ?? WEIGHTS;
  const out = new Map<string, Classification>();
  for (const [id, p] of prepareInbox(notes, options)) out.set(id, verdictOf(p, weights, options.keep));
  return out;
}

/** The owner's current employers (for "the owner's colleagues sent it too"). */
function ownerCompany(profile: OwnerProfile | null): string | undefined {
  return profile?.positions.find((p) => p.current)?.company || undefined;
}

export interface ExportContext {
  profile: OwnerProfile | null;
  connections: Connection[] | null;
}

/**
 * The notes of an export's CRs as the classifier reads them. INCOMING: the owner is the recipient
 * (profile), the counterpart the sender. OUTGOING: the owner is the sender, the counterpart the
 * recipient (position and company from the counterpart or Connections.csv).
 */
export function notesOfRequests(requests: readonly ConnectionRequest[], context: ExportContext): NoteInput[] {
  const byKey = new Map<string, Connection>();
  for (const c of context.connections ?? []) byKey.set(c.key, c);
  const ownerName = (r: ConnectionRequest) =>
    context.profile ? `${context.profile.firstName} ${context.profile.lastName}`.trim() || r.owner.name : r.owner.name;
  const ownerFirst = (r: ConnectionRequest) => context.profile?.firstName || firstNameOf(r.owner.name);
  return requests.map((r): NoteInput => {
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
        senderKey: r.counterpart.key,
        senderCompany: company,
        recipientProfile: context.profile ?? undefined,
        recipientFirstName: ownerFirst(r),
        recipientName: ownerName(r),
        recipientKey: 'owner',
        counterpartPosition: position,
        counterpartCompany: company,
      };
    }
    const prof = [position, company].filter(Boolean).join(' | ');
    return {
      id: r.id,
      text: r.message,
      direction: r.direction,
      sender: `owner:${r.owner.name}`,
      senderKey: 'owner',
      senderCompany: ownerCompany(context.profile),
      fromOwner: true,
      recipientProfile: prof || undefined,
      recipientFirstName: firstNameOf(r.counterpart.name),
      recipientName: r.counterpart.name,
      recipientKey: r.counterpart.key,
      counterpartPosition: position,
      counterpartCompany: company,
    };
  });
}

/** Classifies the CRs of one export: templates are found across all of them (both directions). */
export function classifyRequests(requests: ConnectionRequest[], context: ExportContext, options: InboxOptions = {}): ClassifiedRequest[] {
  const result = classifyInbox(notesOfRequests(requests, context), options);
  return requests.map((r) => ({ ...r, ...result.get(r.id)! }));
}
