/**
 * The classifier's public API: one note (`classifyNote`), one batch of notes with templates found
 * across it (`classifyInbox`), and the CRs of an export (`classifyRequests`). Each note is decided in
 * the labelling standard's order (taxonomy.md): no_message, then the structural rules (templates,
 * mail-merge debris, thanks for connecting), and only then the weighed rules of categories 4–8.
 * Only a note's first CLASSIFIED_CHARS (2,000) characters are read (text.ts): a longer text costs
 * no more than that, and every pattern run over it is linear in its length (linear.test.ts).
 */
import type { Category, Classification, ClassifiedRequest, Connection, ConnectionRequest, Direction, KeepableRole, OwnerProfile, Reason, RoleReason } from '../model.ts';
import { ADVICE } from './advice.ts';
import { withoutDefaults } from './defaults.ts';
import { decide, decideStructure, fireNoteRules, fireProfileRules, noMessage, rank, sharedLists } from './engine.ts';
import { SCORED_CATEGORIES } from './rules.ts';
import { fireTextDebris } from './structure.ts';
import { WEIGHTS } from './fitted.ts';
import { cachedProfileText } from './relevance.ts';
import { fireRoleRules, keptFor, noteRole, roleInContext, type RoleContext, type RoleDecision } from './role.ts';
import { findTemplatesAt, type TemplateInput, type TemplateMatch } from './templates.ts';
import { CLASSIFIED_CHARS, classifiedText, firstNameOf, RepeatedTexts } from './text.ts';
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

/** Shared by every CR whose list is empty (most CRs have no note): never written to. */
const NO_REASONS: Reason[] = Object.freeze([]) as unknown as Reason[];
const NO_ROLE_REASONS: RoleReason[] = Object.freeze([]) as unknown as RoleReason[];
const NO_FIRED: readonly Fired[] = Object.freeze([]);

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

/**
 * How one note is decided: by rule 1 or by structure (a Classification), or by the weighed rules
 * (the fired rules, and the template it repeats when it was sent twice).
 */
export type Prepared = ({ decided: Classification } | { fired: readonly Fired[]; template?: TemplateMatch }) & { role: RoleInput };

/** What the role (role.ts) is decided from, beside the category: the note's role phrases, its category rules, its context. */
export interface RoleInput {
  /** The note as judged (without LinkedIn's default sentence); '' when there is none. */
  text: string;
  phrases: ReturnType<typeof fireRoleRules>;
  /** The category rules that fired on the note (for a note decided by structure: its text rules alone); shared by the notes of one text reading: never written to. */
  fired: readonly Fired[];
  ctx: RoleContext;
  /** What verdictOf works out from the note's text reading, when the reading is shared (a template's copies); else null. */
  shared: ReadingVerdicts | null;
}

function roleContextOf(n: NoteInput): RoleContext {
  return { direction: n.direction, counterpartPosition: n.counterpartPosition, counterpartCompany: n.counterpartCompany };
}

/**
 * What a note's text says to one recipient profile: its role phrases, its scored rules (phrase
 * families, word rules and the context rules, which read the profile alone: fireProfileRules), its
 * mail-merge debris.
 */
interface TextReading {
  phrases: RoleReason[];
  fired: readonly Fired[];
  debris: readonly Fired[];
  /** Set when the reading is kept for the notes that share it (TextReadings). */
  verdicts: ReadingVerdicts | null;
}

/** `profile`: the recipient's profile as cachedProfileText gives it ('' when none). */
function readText(text: string, profile: string, sent: boolean, wordModel: WordModel | null | undefined): TextReading {
  const fired = fireNoteRules(text, wordModel === undefined ? undefined : wordModel);
  fireProfileRules(text, profile, fired);
  return { phrases: fireRoleRules(text, profile, sent), fired, debris: fireTextDebris(text), verdicts: null };
}

/**
 * What verdictOf works out from a shared text reading alone (its notes differ only in their names,
 * template and position): the weighed verdict, the category the text reads as, and the role its
 * words give under each category. Kept with the reading, for one set of weights at a time (the
 * fitting scripts try several); values are shared: never written to.
 */
class ReadingVerdicts {
  constructor(private readonly reading: TextReading) {}

  /**
   * Whether a prepared note still holds its reading's lists (what is kept here was worked out
   * from them): a script may hand verdictOf a copy with other phrases (scripts/training/roles.ts
   * swaps the role model's reading).
   */
  holds(p: Prepared): boolean {
    const r = this.reading;
    return p.role.phrases === r.phrases && p.role.fired === r.fired && ('decided' in p || p.fired === r.fired);
  }

  private weights: Weights | null = null;
  private weighed: Classification | null = null;
  private read: Category | null = null;
  private readonly roles = new Map<Category, RoleDecision | null>();

  private under(weights: Weights): void {
    if (weights === this.weights) return;
    this.weights = weights;
    this.weighed = null;
    this.read = null;
  }

  /** decide(fired, weights). */
  decide(fired: readonly Fired[], weights: Weights): Classification {
    this.under(weights);
    return (this.weighed ??= sharedLists(decide(fired, weights)));
  }

  /** The scored category the rules alone give (rank's best). */
  textRead(fired: readonly Fired[], weights: Weights): Category {
    this.under(weights);
    return (this.read ??= SCORED_CATEGORIES[rank(fired, weights).best]);
  }

  /** noteRole(phrases, fired, category). */
  role(phrases: readonly RoleReason[], fired: readonly Fired[], category: Category): RoleDecision | null {
    let d = this.roles.get(category);
    if (d === undefined) {
      d = noteRole(phrases, fired, category);
      this.roles.set(category, d && sharedLists(d));
    }
    return d;
  }
}

/**
 * The text readings of one batch's template copies (the same text to the same profile is read the
 * same): each worked out once. Only notes of a template are kept (a note written once is never
 * read twice); bounded: dropped when full (a new Map: see RepeatedTexts). Nothing kept is ever written to.
 */
class TextReadings {
  private static readonly MAX = 4096;
  /** By direction (sent, received), then profile, then text: no key text is made per note. */
  private sent = new Map<string, Map<string, TextReading>>();
  private received = new Map<string, Map<string, TextReading>>();
  private size = 0;

  of(text: string, profile: string, sent: boolean, wordModel: WordModel | null | undefined): TextReading {
    let byProfile = sent ? this.sent : this.received;
    let byText = byProfile.get(profile);
    let reading = byText?.get(text);
    if (reading === undefined) {
      reading = readText(text, profile, sent, wordModel);
      reading.verdicts = new ReadingVerdicts(reading);
      if (this.size >= TextReadings.MAX) {
        this.sent = new Map();
        this.received = new Map();
        byProfile = sent ? this.sent : this.received;
        this.size = 0;
        byText = undefined;
      }
      if (byText === undefined) byProfile.set(profile, (byText = new Map()));
      byText.set(text, reading);
      this.size++;
    }
    return reading;
  }
}

/**
 * The Prepared of a note without words from a counterpart without a position or company (most
 * CRs: no note, no Connections.csv row), by direction: rule 1 decides it, the role is unknown.
 * Shared by all of them: frozen, lists included (verdictOf copies what it returns).
 */
const NOTELESS: Record<Direction | 'none', Prepared> = {
  INCOMING: notelessOf('INCOMING'),
  OUTGOING: notelessOf('OUTGOING'),
  none: notelessOf(undefined),
};
function notelessOf(direction: Direction | undefined): Prepared {
  const decided = noMessage('')!;
  Object.freeze(decided.reasons);
  Object.freeze(decided.roleReasons);
  const ctx: RoleContext = Object.freeze(direction ? { direction, counterpartPosition: undefined, counterpartCompany: undefined } : { counterpartPosition: undefined, counterpartCompany: undefined });
  return Object.freeze({ decided: Object.freeze(decided), role: Object.freeze({ text: '', phrases: NO_ROLE_REASONS, fired: NO_FIRED, ctx, shared: null }) });
}

/**
 * Rule 1, then rules 2–3 by structure; otherwise the note's scored rules (on the note without any
 * LinkedIn default sentence in it). `nm`: rule 1's answer, when the caller has it already;
 * `readings`: the batch's template readings (a template's copies are read once).
 */
function prepare(n: NoteInput, template: TemplateMatch | undefined, weights: Weights, wordModel: WordModel | null | undefined, nm = noMessage(n.text), readings?: TextReadings): Prepared {
  if (nm) {
    // no words and no counterpart position (most CRs): one Prepared per direction, shared
    if (nm.reasons.length === 0 && !n.counterpartPosition && !n.counterpartCompany) return NOTELESS[n.direction ?? 'none'];
    return { decided: nm, role: { text: '', phrases: [], fired: [], ctx: roleContextOf(n), shared: null } };
  }
  // a default text with a sentence added: the added sentence is what is judged
  const text = withoutDefaults(n.text);
  const profile = cachedProfileText(n.recipientProfile);
  const sent = n.direction === 'OUTGOING';
  const reading = template && readings ? readings.of(text, profile, sent, wordModel) : readText(text, profile, sent, wordModel);
  const fired = reading.fired;
  const role: RoleInput = { text, phrases: reading.phrases, fired, ctx: roleContextOf(n), shared: reading.verdicts };
  // the note is its own context (decideStructure reads its names)
  const structural = decideStructure(text, n, template, weights, reading.debris);
  // a template or a mail merge still says who sent it: its text is read for the role alone
  if (structural) return { decided: structural, role };
  return { fired, template, role };
}

/**
 * The Classification of a prepared note under the given weights, with its role (role.ts) and, under
 * a user's view (`keep`), the re-grading it gets.
 */
export function verdictOf(p: Prepared, weights: Weights = WEIGHTS, keep: readonly KeepableRole[] = []): Classification {
  if (p === NOTELESS.INCOMING || p === NOTELESS.OUTGOING || p === NOTELESS.none) {
    // rule 1 weighs nothing and a note-less CR without a position has no role a view could keep:
    // its verdict is worked out once per direction (lists frozen) and copied
    let v = notelessVerdicts.get(p);
    if (v === undefined) notelessVerdicts.set(p, (v = sharedLists(workOut(p, WEIGHTS, []))));
    return { ...v };
  }
  return workOut(p, weights, keep);
}

/** What verdictOf gives each NOTELESS Prepared (its lists frozen: never written to). */
const notelessVerdicts = new Map<Prepared, Classification>();

/** verdictOf, worked out from the prepared note. */
function workOut(p: Prepared, weights: Weights, keep: readonly KeepableRole[]): Classification {
  const r = p.role;
  const shared = r.shared?.holds(p) ? r.shared : null;
  let c: Classification;
  if ('decided' in p) c = { ...p.decided };
  else {
    c = shared ? { ...shared.decide(p.fired, weights) } : decide(p.fired, weights);
    if (p.template) c.cluster = p.template.cluster;
  }
  // a note decided by structure (a template, a mail merge): what its text alone reads as
  // (a pitch only: a template's warm words are no evidence of a peer)
  let read = c.category;
  if ('decided' in p && r.fired.length > 0) {
    const text = shared ? shared.textRead(r.fired, weights) : SCORED_CATEGORIES[rank(r.fired, weights).best];
    if (text === 'sales_pitch' || text === 'swing_and_miss') read = text;
  }
  const { role, roleReasons } = roleInContext(r.text !== '', r.ctx, shared ? () => shared.role(r.phrases, r.fired, read) : () => noteRole(r.phrases, r.fired, read));
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

/**
 * The templates of one batch by the index of each note, found across every note with words (rule 1
 * decides the others): the notes are made one at a time by `noteAt` (a note is only kept as its template input, and only
 * while the templates are found). `worded`: per note, 1 when rule 1 does not decide it.
 */
function templatesOf(count: number, noteAt: (i: number) => NoteInput, textAt: (i: number) => string, onPhase: InboxOptions['onPhase']): { templates: (TemplateMatch | undefined)[]; worded: Uint8Array } {
  const worded = new Uint8Array(count);
  const hasWords = new RepeatedTexts((text) => text !== '' && !noMessage(text));
  let withText = 0;
  for (let i = 0; i < count; i++) {
    const text = textAt(i);
    if (hasWords.of(text.length > CLASSIFIED_CHARS ? classifiedText(text) : text)) {
      worded[i] = 1;
      withText++;
    }
  }
  // the batch's index of each note with words (template inputs are made from it when asked)
  const index = new Int32Array(withText);
  for (let i = 0, k = 0; i < count; i++) if (worded[i]) index[k++] = i;
  onPhase?.('grouping templates', { total: count });
  const found = findTemplatesAt(withText, (k) => templateInputOf(readable(noteAt(index[k]))));
  // by the batch's index of each note
  const templates = new Array<TemplateMatch | undefined>(count);
  for (let k = 0; k < withText; k++) if (found[k] !== undefined) templates[index[k]] = found[k];
  return { templates, worded };
}

/**
 * Every note of one batch in order, each prepared as soon as it is made and handed to `use`
 * (nothing of a note is kept here once it is used): templates are found across the whole batch
 * first. `textAt`: the text of note `i` (`noteAt(i).text`) without making the note.
 */
function prepareEach(
  count: number,
  noteAt: (i: number) => NoteInput,
  options: InboxOptions,
  use: (i: number, id: string, p: Prepared) => void,
  textAt: (i: number) => string = (i) => noteAt(i).text,
): void {
  const weights = options.weights ?? WEIGHTS;
  const onPhase = options.onPhase;
  const { templates, worded } = templatesOf(count, noteAt, textAt, onPhase);
  const readings = new TextReadings();
  onPhase?.('classifying', { done: 0, total: count });
  for (let i = 0; i < count; i++) {
    const n = readable(noteAt(i));
    use(i, n.id, prepare(n, templates[i], weights, options.wordModel, worded[i] ? null : noMessage(n.text), readings));
    if (onPhase && (i + 1) % PHASE_EVERY === 0) onPhase('classifying', { done: i + 1, total: count });
  }
}

/** As prepareEach, each note classified (its verdict) as soon as it is prepared. */
function classifyEach(count: number, noteAt: (i: number) => NoteInput, options: InboxOptions, use: (i: number, id: string, c: Classification) => void, textAt?: (i: number) => string): void {
  const weights = options.weights ?? WEIGHTS;
  prepareEach(count, noteAt, options, (i, id, p) => use(i, id, verdictOf(p, weights, options.keep)), textAt);
}

/** Prepares every note of one batch: templates are found across the whole batch. */
export function prepareInbox(input: readonly NoteInput[], options: InboxOptions = {}): Map<string, Prepared> {
  const out = new Map<string, Prepared>();
  prepareEach(input.length, (i) => input[i], options, (_i, id, p) => out.set(id, p));
  return out;
}

/** Classifies one batch of notes: structure first (templates across the batch), then the weighed rules. */
export function classifyInbox(notes: readonly NoteInput[], options: InboxOptions = {}): Map<string, Classification> {
  const out = new Map<string, Classification>();
  classifyEach(
    notes.length,
    (i) => notes[i],
    options,
    (_i, id, c) => out.set(id, c),
  );
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
 * The note of one CR as the classifier reads it, made when asked (see notesOfRequests). What is the
 * same for every CR of the export (the owner's names, company, sender identity) is worked out once
 * per owner, not once per CR.
 */
function noteMaker(context: ExportContext): (r: ConnectionRequest) => NoteInput {
  const byKey = new Map<string, Connection>();
  for (const c of context.connections ?? []) byKey.set(c.key, c);
  const profile = context.profile;
  const profileName = profile ? `${profile.firstName} ${profile.lastName}`.trim() : '';
  const company = ownerCompany(profile);
  // per owner name (one per export; a merged batch may hold several spellings)
  let owner: string | null = null;
  let recipientName = '';
  let recipientFirstName: string | undefined;
  let sender = '';
  return (r) => {
    if (r.owner.name !== owner) {
      owner = r.owner.name;
      recipientName = profile ? profileName || owner : owner;
      recipientFirstName = profile?.firstName || firstNameOf(owner);
      sender = `owner:${owner}`;
    }
    const conn = byKey.size === 0 ? undefined : byKey.get(r.counterpart.key); // no Connections.csv: no key to look up
    const company_ = r.counterpart.company || conn?.company || undefined;
    const position = r.counterpart.position || conn?.position || undefined;
    // no note (most CRs): nothing in it to read, greet or compare; rule 1 decides it and its role
    // is the counterpart's position alone (the names and profiles were made for each of them before)
    if (r.message === '') return { id: r.id, text: '', direction: r.direction, counterpartPosition: position, counterpartCompany: company_ };
    if (r.direction === 'INCOMING') {
      return {
        id: r.id,
        text: r.message,
        direction: r.direction,
        // the name reads best for the own-name greeting check; the key when the export has no name
        sender: r.counterpart.name || r.counterpart.key,
        senderKey: r.counterpart.key,
        senderCompany: company_,
        recipientProfile: profile ?? undefined,
        recipientFirstName,
        recipientName,
        recipientKey: 'owner',
        counterpartPosition: position,
        counterpartCompany: company_,
      };
    }
    const prof = position && company_ ? `${position} | ${company_}` : position || company_;
    return {
      id: r.id,
      text: r.message,
      direction: r.direction,
      sender,
      senderKey: 'owner',
      senderCompany: company,
      fromOwner: true,
      recipientProfile: prof || undefined,
      recipientFirstName: firstNameOf(r.counterpart.name),
      recipientName: r.counterpart.name,
      recipientKey: r.counterpart.key,
      counterpartPosition: position,
      counterpartCompany: company_,
    };
  };
}

/**
 * The notes of an export's CRs as the classifier reads them. INCOMING: the owner is the recipient
 * (profile), the counterpart the sender. OUTGOING: the owner is the sender, the counterpart the
 * recipient (position and company from the counterpart or Connections.csv).
 */
export function notesOfRequests(requests: readonly ConnectionRequest[], context: ExportContext): NoteInput[] {
  return requests.map(noteMaker(context));
}

export interface RequestsOptions extends InboxOptions {
  /**
   * The caller keeps only the result (an audit): each CR of `requests` becomes its
   * ClassifiedRequest in place and the same array is returned, so that no CR is held twice.
   * Default: the requests are left as they are and the result is made of copies.
   */
  release?: boolean;
}

/**
 * What the CRs of one batch repeat, interned (one Interner per batch, dropped with it): the rule ids
 * and descriptions role.ts builds per note (`role.from.<rule>`, "the category rule … fired"), and
 * whole reasons and reason lists equal in every field and in key order ("the note is a sales pitch"
 * on 10,000 CRs, every copy of a template: one object). Bounded: its maps are dropped when full (new
 * Maps: see RepeatedTexts).
 *
 * No key is built: a reason is looked up by its rule, then its evidence (strings whose hashes V8
 * keeps), and compared field by field with the few kept under them; a list by its first interned
 * reason, and compared reason by reason (by identity).
 */
class Interner {
  /** Entries kept per map (a few MB at most): what repeats within a few thousand CRs (the category's role reason, a template's copies, a common phrase). */
  private static readonly MAX = 4096;
  private strings = new Map<string, string>();
  /** Interned reasons, and role reasons, by rule, then evidence. */
  private readonly reasons = new Interned();
  private readonly roleReasons = new Interned();
  /** Interned lists by their first reason. */
  private lists = new Map<object, object[] | Several<object[]>>();
  private listCount = 0;
  /**
   * The interned list of each shared list (frozen: a decision kept for the notes that share it,
   * engine.ts sharedLists): a template's copies hand over the same list again and again. Only shared
   * lists are kept here (a note's own lists would be held until the map filled); bounded: dropped
   * when full (a new Map: see RepeatedTexts).
   */
  private ofShared = new Map<readonly object[], object[]>();
  /**
   * The interned items of the list being looked up: a list is made only when no equal one is kept
   * (V8 allocates the lists of this site straight in the old generation once most of them are kept,
   * so a list made and dropped for an equal one was garbage there).
   */
  private readonly items: object[] = [];

  string(s: string): string {
    const t = this.strings.get(s);
    if (t !== undefined) return t;
    if (this.strings.size >= Interner.MAX) this.strings = new Map();
    this.strings.set(s, s);
    return s;
  }

  /**
   * The list with each reason interned, and the list itself when an equal one was seen.
   * `roles`: role reasons, copied with their strings shared (role.ts may hand out shared ones).
   * A list with a reason that is not flat (a field is an object) is kept as it is.
   */
  list<T extends Reason | RoleReason>(list: T[], roles: boolean): T[] {
    if (!Object.isFrozen(list)) return this.listOf(list, roles);
    let out = this.ofShared.get(list) as T[] | undefined;
    if (out === undefined) {
      out = this.listOf(list, roles);
      if (this.ofShared.size >= Interner.MAX) this.ofShared = new Map();
      this.ofShared.set(list, out);
    }
    return out;
  }

  private listOf<T extends Reason | RoleReason>(list: T[], roles: boolean): T[] {
    const interned = roles ? this.roleReasons : this.reasons;
    const items = this.items;
    items.length = 0;
    for (let i = 0; i < list.length; i++) {
      const r = list[i];
      if (!isFlat(r)) return list;
      items.push(interned.of(r, Interner.MAX, (x) => (roles ? this.roleReason(x as RoleReason) : x)));
    }
    const found = keptOf(this.lists.get(items[0]), (c) => sameItems(c, items));
    if (found !== undefined) return found as T[];
    const out = items.slice() as T[];
    if (this.listCount >= Interner.MAX) {
      this.lists = new Map();
      this.listCount = 0;
    }
    addKept(this.lists, out[0], out);
    this.listCount++;
    return out;
  }

  private roleReason(r: RoleReason): RoleReason {
    const copy = { ...r, rule: this.string(r.rule) };
    if (r.description !== undefined) copy.description = this.string(r.description);
    return copy;
  }

  /**
   * A classification as an audit keeps it: empty lists shared, equal reasons and reason lists
   * shared, the repeated strings of role reasons shared. Nothing shared is ever written to.
   */
  compact(c: Classification): Classification {
    c.reasons = c.reasons.length === 0 ? NO_REASONS : this.list(c.reasons, false);
    c.roleReasons = c.roleReasons.length === 0 ? NO_ROLE_REASONS : this.list(c.roleReasons, true);
    return c;
  }
}

/**
 * The values kept under one key when there are several; one is kept as itself. Most keys hold one
 * value (a note's own evidence, a list seen once): a list per key was made for each of them, reached
 * the old generation with its map and was garbage there when the map was dropped (1M rows, every
 * CR a different note: about 140 MB).
 */
class Several<T> {
  constructor(readonly items: T[]) {}
}

/** The value kept under a key (one, or Several) that `same` accepts; else undefined. */
function keptOf<T>(kept: T | Several<T> | undefined, same: (c: T) => boolean): T | undefined {
  if (kept === undefined) return undefined;
  if (!(kept instanceof Several)) return same(kept) ? kept : undefined;
  for (const c of kept.items) if (same(c)) return c;
  return undefined;
}

/** `value` kept under `key` of `map`, beside what is kept there. */
function addKept<K, T>(map: Map<K, T | Several<T>>, key: K, value: T): void {
  const kept = map.get(key);
  if (kept === undefined) map.set(key, value);
  else if (kept instanceof Several) kept.items.push(value);
  else map.set(key, new Several([kept, value]));
}

/** Flat reasons kept by rule, then evidence; bounded: dropped when full (a new Map: see RepeatedTexts). */
class Interned {
  private byRule = new Map<string, Map<string, object | Several<object>>>();
  private count = 0;

  /** The kept reason equal to `r` in every field and key order; else `r` as `keep` makes it, kept. */
  of(r: Reason | RoleReason, max: number, make: (r: object) => object): object {
    const evidence = typeof r.evidence === 'string' ? r.evidence : '';
    let byEvidence = this.byRule.get(r.rule);
    const found = keptOf(byEvidence?.get(evidence), (c) => sameFields(c, r));
    if (found !== undefined) return found;
    if (this.count >= max) {
      this.byRule = new Map();
      this.count = 0;
      byEvidence = undefined;
    }
    const value = make(r);
    if (byEvidence === undefined) this.byRule.set(r.rule, (byEvidence = new Map()));
    addKept(byEvidence, evidence, value);
    this.count++;
    return value;
  }
}

/** No field of the reason is an object. */
function isFlat(r: object): boolean {
  for (const k in r) {
    const v = (r as Record<string, unknown>)[k];
    if (typeof v === 'object' && v !== null) return false;
  }
  return true;
}

const fieldNames: string[] = [];
/** The same fields, in the same order, with the same values. */
function sameFields(a: object, b: object): boolean {
  fieldNames.length = 0;
  for (const k in a) fieldNames.push(k);
  let i = 0;
  for (const k in b) {
    if (k !== fieldNames[i] || (a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
    i++;
  }
  return i === fieldNames.length;
}

/** The same items, by identity. */
function sameItems(a: readonly object[], b: readonly object[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Classifies the CRs of one export: templates are found across all of them (both directions). */
export function classifyRequests(requests: ConnectionRequest[], context: ExportContext, options: RequestsOptions = {}): ClassifiedRequest[] {
  const noteOf = noteMaker(context);
  const interner = new Interner();
  const count = requests.length;
  const out: ClassifiedRequest[] = options.release ? (requests as ClassifiedRequest[]) : new Array<ClassifiedRequest>(count);
  classifyEach(
    count,
    (i) => noteOf(requests[i]),
    options,
    (i, _id, c) => {
      const r = requests[i];
      out[i] = options.release ? Object.assign(r, interner.compact(c)) : { ...r, ...interner.compact(c) };
    },
    (i) => requests[i].message, // a note's text is its CR's message (noteMaker)
  );
  return out;
}
