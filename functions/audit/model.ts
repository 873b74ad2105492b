/**
 * The domain vocabulary, shared by the reader, the classifier, the report, the stores and the API.
 * One concept, one name: these field names are also the DynamoDB attribute names and the API fields.
 * Pure data: no AWS, no I/O.
 */

export const DIRECTIONS = ['INCOMING', 'OUTGOING'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** The seed's taxonomy. */
export const CATEGORIES = [
  'sales_pitch',
  'swing_and_miss',
  'irrelevant',
  'bot',
  'too_much_too_soon',
  'coworker_template',
  'good',
  'no_message',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories whose verdict is IGNORE. */
export const IGNORE_CATEGORIES = [
  'sales_pitch',
  'swing_and_miss',
  'irrelevant',
  'bot',
  'too_much_too_soon',
  'coworker_template',
] as const satisfies readonly Category[];
export type IgnoreCategory = (typeof IGNORE_CATEGORIES)[number];

/** ACCEPT for `good`, IGNORE for the six bad categories, NEITHER for `no_message`. */
export const VERDICTS = ['ACCEPT', 'IGNORE', 'NEITHER'] as const;
export type Verdict = (typeof VERDICTS)[number];

export function verdictOf(category: Category): Verdict {
  if (category === 'good') return 'ACCEPT';
  if (category === 'no_message') return 'NEITHER';
  return 'IGNORE';
}

/**
 * What became of a CR, known only from Connections.csv: `accepted` when the counterpart is a
 * connection, `pending` when not (pending, ignored and withdrawn cannot be told apart),
 * `unknown` when the export has no Connections.csv.
 */
export const OUTCOMES = ['accepted', 'pending', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Person {
  /** Display name as exported (NFC, trimmed). */
  name: string;
  /** `https://www.linkedin.com/in/<slug>` with the slug decoded, or null (5-column era, bare Dec-2023 URLs). */
  profileUrl: string | null;
}

export interface Counterpart extends Person {
  /**
   * Identity used for joins and ids: `in:<decoded lower-cased slug>` when there is a slug,
   * else `name:<NFC trimmed lower-cased name>`.
   */
  key: string;
  /** From Connections.csv when the counterpart is a connection. */
  company?: string;
  position?: string;
}

/** Where a CR was read from, for warnings and provenance. */
export interface SourceRef {
  file: string;
  /** 1-based physical row number in that file (header = row 1). */
  row: number;
}

/** One connection request, as read from an export. */
export interface ConnectionRequest {
  /** Deterministic: hash of (owner, direction, counterpart key, sentAt, message). */
  id: string;
  owner: Person;
  direction: Direction;
  counterpart: Counterpart;
  /** UTC ISO 8601, e.g. `2026-03-14T16:05:00.000Z`. */
  sentAt: string;
  /** Calendar year of sentAt in the configured zone (default America/Los_Angeles). */
  year: number;
  /** The note, exactly as exported ('' when none). */
  message: string;
  outcome: Outcome;
  source: SourceRef;
}

/**
 * The order of CRs wherever they are listed: by Sent At, then by id, each in plain string order
 * (an ISO-8601 UTC time and a hex id sort chronologically and stably this way, as with
 * localeCompare, at a fraction of its cost: a locale collation per comparison was 0.4 s of a
 * profiled 100k-row audit, scripts/bench-audit.ts).
 */
export function bySentOrder(a: Pick<ConnectionRequest, 'sentAt' | 'id'>, b: Pick<ConnectionRequest, 'sentAt' | 'id'>): number {
  return a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** One reason a rule fired: the explanation a user reads. */
export interface Reason {
  /** Rule id, e.g. `pitch.offer_services`. */
  rule: string;
  category: Category;
  weight: number;
  /** The exact words (from the note or its context) that made it fire. */
  evidence: string;
  /** Short human description of the rule. */
  description?: string;
}

/**
 * How a template was recognised (taxonomy.md, rules 2 and 3a): one sender's note to several
 * recipients (`one_sender`; three or more make it `bot`, two are judged by their text), the same note
 * from unrelated senders (`many_senders`: `bot`), or from senders of one company (`coworker`:
 * `coworker_template`).
 */
export const TEMPLATE_KINDS = ['one_sender', 'many_senders', 'coworker'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** A template: the same note (after normalising names, greetings, sign-offs, case and punctuation) sent more than once. */
export interface TemplateCluster {
  id: string;
  kind: TemplateKind;
  /** Copies of the note (CRs) in the batch. */
  size: number;
  /** Distinct senders (counterpart keys) in the cluster. */
  senders: number;
  /** Distinct recipients: for one sender's template, the people it was sent to. */
  recipients: number;
  /** Company shared by the senders, when the cluster is a coworker template. */
  company?: string;
  /** One representative note. */
  example: string;
  /** The note as a template: the names shown as `{name}`, a merge field that differs between copies as `{…}`. */
  pattern: string;
}

/**
 * Who is writing (issue 16): a second axis beside the category, from the note and its context.
 * `recruiter`: in-house or agency, a job or contract offer, staffing, staff augmentation.
 * `vendor`: a product, service, course, agency, platform or event sold to the recipient; lead generation.
 * `expert_network`: paid expert calls, market-research interviews.
 * `job_seeker`: asks for a job, an internship, a referral, mentoring or guidance.
 * `community`: a group, club, school office, summit or event inviting the recipient to join or speak.
 * `peer`: a person in the recipient's field or circle writing as themselves.
 * `unknown`: nothing in the note or its context says.
 */
export const ROLES = ['recruiter', 'vendor', 'expert_network', 'job_seeker', 'community', 'peer', 'unknown'] as const;
export type Role = (typeof ROLES)[number];

/** One reason a role rule fired. */
export interface RoleReason {
  /** Rule id, e.g. `role.recruiter.open_role`. */
  rule: string;
  role: Role;
  weight: number;
  /** The exact words (from the note or its context) that made it fire. */
  evidence: string;
  description?: string;
}

/** Roles a user may choose to keep (the job seeker's view: `aoi audit --keep recruiter`). */
export const KEEPABLE_ROLES = ['recruiter'] as const satisfies readonly Role[];
export type KeepableRole = (typeof KEEPABLE_ROLES)[number];

/**
 * Set when a user's view re-grades a CR: the verdict becomes ACCEPT while `category` keeps the
 * seed's judgement, and `reason` says why ("you are looking for a job; this recruiter names a role").
 */
export interface Kept {
  role: KeepableRole;
  reason: string;
}

/** Below this confidence a verdict is shown as "unsure", not as a fact. */
export const UNSURE_BELOW = 0.6;
export function isUnsure(c: { confidence: number; category: Category }): boolean {
  return c.category !== 'no_message' && c.confidence < UNSURE_BELOW;
}

export interface Classification {
  category: Category;
  verdict: Verdict;
  /** 0..1 */
  confidence: number;
  reasons: Reason[];
  /** What would have made it an ACCEPT (IGNORE categories only). */
  advice?: string;
  cluster?: TemplateCluster;
  /** Who is writing; `unknown` when nothing says (and for CRs without a note unless the export tells). */
  role: Role;
  roleReasons: RoleReason[];
  /** Present only when the user's view (`keep`) re-graded this CR to ACCEPT. */
  kept?: Kept;
}

export type ClassifiedRequest = ConnectionRequest & Classification;

/** The owner's profile as far as the export tells it (for relevance). */
export interface OwnerProfile {
  firstName: string;
  lastName: string;
  headline: string;
  industry: string;
  summary: string;
  positions: { company: string; title: string; current: boolean }[];
  skills: string[];
}

/** A row of Connections.csv. */
export interface Connection {
  key: string;
  name: string;
  profileUrl: string | null;
  company: string;
  position: string;
  /** YYYY-MM-DD (UTC date), when parseable. */
  connectedOn: string | null;
}

/** What one export covers: reports must be honest about it. */
export interface Coverage {
  /** The export file name as given. */
  source: string;
  /** YYYY-MM-DD: from the zip name `…_MM-DD-YYYY.zip`, else the newest date in its files. */
  exportDate: string | null;
  /** YYYY-MM-DD: exportDate − 180 days (LinkedIn keeps about the last 180 days of invitations). */
  windowStart: string | null;
  /** Oldest and newest sentAt (UTC ISO) read; old pending rows can predate windowStart. */
  oldestSentAt: string | null;
  newestSentAt: string | null;
}

/** A row-level problem: the row was skipped or kept with a warning; never a crash. */
export interface Problem extends SourceRef {
  reason: string;
}
