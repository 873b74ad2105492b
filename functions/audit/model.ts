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
