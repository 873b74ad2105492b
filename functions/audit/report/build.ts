/**
 * The page model: everything the yearly page shows, computed from the owner's classified CRs.
 * Pure data (JSON-serialisable), unit-tested apart from the HTML.
 */
import {
  IGNORE_CATEGORIES,
  type Category,
  type ClassifiedRequest,
  type Coverage,
  type Direction,
  type IgnoreCategory,
  type KeepableRole,
  type Outcome,
  type Person,
  type Reason,
  type Role,
  type Verdict,
  ROLES,
  VERDICTS,
  isUnsure,
  verdictOf,
} from '../model.ts';
import { evidenceInNote, isMeaningfulEvidence } from './evidence.ts';
import { CATEGORY_TEXT } from './labels.ts';
import { maskCompany, maskName, type People, Redactor, redactSource, type TextRedactor } from './redact.ts';
import { computeYearStats, DEFAULT_TIME_ZONE, hasNote, monthOf, roleOf, yearsOf, type YearStats } from '../stats/index.ts';
import { gradeSentTemplates, isMassTemplate, type OneByOne, type TemplateGrade } from './templates.ts';

export interface ReportInput {
  /** The CRs of this year at least; of all years for year over year (or give `history`). */
  requests: ClassifiedRequest[];
  coverages: Coverage[];
  year: number;
  /** Stats of other years computed earlier (e.g. stored ones), for year over year when their CRs are not in `requests`. */
  history?: YearStats[];
  owner: Person | null;
  /** IANA zone dates are shown in (default America/Los_Angeles). */
  timeZone?: string;
  /** Mask names, profile URLs and companies (the shareable variant). */
  redact?: boolean;
  /** ISO instant; default now. */
  generatedAt?: string;
  /** The user's view the verdicts were graded under (`['recruiter']`: the job seeker's view); default the standard view. */
  keep?: readonly KeepableRole[];
}

/** A piece of a note; `mark` when it is evidence a rule fired on. */
export interface NoteSegment {
  text: string;
  mark: boolean;
}

export interface ExampleView {
  id: string;
  direction: Direction;
  category: Category;
  verdict: Verdict;
  /** Sum of the weights of the reasons for its category: how strongly it is what it is. */
  score: number;
  confidence: number;
  /** Confidence below UNSURE_BELOW: the page shows the verdict as "unsure", not as a fact. */
  unsure: boolean;
  /** For a note the owner sent as a template (one sender's cluster): how many people got it; else null. */
  sentTo: number | null;
  /** "14 Mar 2026" in the report's zone. */
  date: string;
  counterpart: { name: string; company: string | null; position: string | null; /** Only https://www.linkedin.com/… URLs, never when redacted. */ profileUrl: string | null };
  message: string;
  segments: NoteSegment[];
  reasons: { rule: string; category: Category; description: string | null; evidence: string; inNote: boolean }[];
  advice: string | null;
  outcome: Outcome;
  /** Who is writing (or, sent, whom the owner wrote to). */
  role: Role;
  /** Why the user's view graded it ACCEPT (the job seeker's view), or null. */
  kept: string | null;
}

export interface ShameEntry {
  category: IgnoreCategory;
  title: string;
  lesson: string;
  /** Received CRs of this category this year. */
  count: number;
  worst: ExampleView;
}

export interface ClusterView {
  id: string;
  category: Category;
  /** CRs of this year carrying this note. */
  requests: number;
  /** Distinct people who sent it. */
  senders: number;
  /** The senders' shared company, for coworker templates only. */
  company: string | null;
  example: string;
}

/** A sent template as the page shows it (pattern masked when redacted). */
export type TemplateView = TemplateGrade;

export interface TemplatesView {
  /** Most sent first. */
  rows: TemplateView[];
  oneByOne: OneByOne;
  withNote: number;
  outcomesKnown: boolean;
}

export interface YearOverYearRow {
  year: number;
  received: number;
  sent: number;
  /** Share of received CRs with a note. */
  receivedWithNoteShare: number | null;
  /** IGNORE among received CRs with a note. */
  ignoreShare: number | null;
  sentAcceptanceRate: number | null;
  worstCategory: IgnoreCategory | null;
  coverageRatio: number;
}

/** Which view the verdicts show: the seed's (standard), or the job seeker's (recruiters naming a role kept). */
export interface ViewInfo {
  name: 'standard' | 'job_seeker';
  keep: KeepableRole[];
  /**
   * Received CRs of the year graded ACCEPT against their category by a user's view (under the
   * standard view: by the view of an earlier upload, until the export is uploaded again).
   */
  kept: number;
}

/** One role among the received notes of the year ("Who writes to you"). */
export interface RoleRow {
  role: Role;
  /** Received CRs with a note from this role. */
  received: number;
  /** Of all received CRs with a note; null when there is none. */
  share: number | null;
  byVerdict: Record<Verdict, number>;
  /** Of `received`, kept by the user's view (ACCEPT against the category). */
  kept: number;
  /** Its best note (an ACCEPT, never a template sent to many), or null. */
  best: ExampleView | null;
  /** Its worst note (an IGNORE), or null. */
  worst: ExampleView | null;
}

export interface RoleMonth {
  /** YYYY-MM */
  month: string;
  /** Received CRs with a note that month. */
  total: number;
  byRole: Record<Role, number>;
}

export interface WhoWritesView {
  /** Received CRs with a note: what the shares are of. */
  withNote: number;
  /** Roles with at least one note, most frequent first (ties: ROLES order). */
  roles: RoleRow[];
  /** 12 entries, January to December. */
  byMonth: RoleMonth[];
  /** Your sent requests by the invitee's role, with their acceptance; only roles you wrote to. */
  sent: { role: Role; sent: number; accepted: number; rate: number | null }[];
  outcomesKnown: boolean;
}

export interface ReportModel {
  year: number;
  generatedAt: string;
  timeZone: string;
  redacted: boolean;
  owner: { name: string; profileUrl: string | null } | null;
  stats: YearStats;
  headline: {
    received: number;
    sent: number;
    receivedWithNote: number;
    receivedWithoutNote: number;
    /** Among received CRs with a note. */
    accept: number;
    ignore: number;
    /** Received notes whose verdict is unsure (confidence below UNSURE_BELOW). */
    unsure: number;
    ignoreShare: number | null;
    worstCategory: IgnoreCategory | null;
    worstCategoryCount: number;
    sentAcceptanceRate: number | null;
  };
  hallOfShame: ShameEntry[];
  clusters: ClusterView[];
  hallOfFame: ExampleView[];
  sent: {
    total: number;
    withNote: number;
    byVerdict: Record<Verdict, number>;
    byCategory: { category: Category; sent: number; accepted: number; rate: number | null }[];
    acceptanceRate: number | null;
    /** Outcomes are known (the export had Connections.csv). */
    outcomesKnown: boolean;
    neverAgain: ExampleView[];
    /** The best notes the owner wrote: never a template sent to many people; confident verdicts first. */
    best: ExampleView[];
    /** The owner's sent notes grouped by template, graded. */
    templates: TemplatesView;
  };
  /** One row per stored year, ascending; empty when only one year is stored. */
  yearOverYear: YearOverYearRow[];
  view: ViewInfo;
  whoWrites: WhoWritesView;
}

/** Only profile links to LinkedIn over https are ever emitted; anything else becomes plain text. */
export function safeProfileUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' || u.hostname !== 'www.linkedin.com' || u.username || u.password || u.port) return null;
    return u.href;
  } catch {
    return null;
  }
}

/** How strongly a CR is what it was classified as: the weights of the reasons for its category. */
export function scoreOf(r: Pick<ClassifiedRequest, 'category' | 'reasons'>): number {
  return r.reasons.filter((x) => x.category === r.category).reduce((s, x) => s + x.weight, 0);
}

/** ISO 8601 instants of one format sort as plain strings (no locale collation needed). */
function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Highest score first; then confidence, then the longer note, then the earlier CR; then id (stable). */
export function byScore(a: ClassifiedRequest, b: ClassifiedRequest): number {
  return (
    scoreOf(b) - scoreOf(a) ||
    b.confidence - a.confidence ||
    b.message.length - a.message.length ||
    compareIso(a.sentAt, b.sentAt) ||
    a.id.localeCompare(b.id)
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Where an evidence span stands in a note, as [start, end) ranges: as a whole word or phrase when
 * it stands so somewhere ("demo" in "a free demo", not in "demonstrate"); else, for a rule that
 * matched a stem ("veterinar"), the words it begins, whole ("veterinary"); else wherever it is.
 */
function occurrences(message: string, needle: string): [number, number][] {
  const startsWord = WORD_CHAR.test(needle[0]);
  const endsWord = WORD_CHAR.test(needle[needle.length - 1]);
  const before = startsWord ? '(?<![\\p{L}\\p{N}])' : '';
  const tiers = [
    new RegExp(`${before}${escapeRegExp(needle)}${endsWord ? '(?![\\p{L}\\p{N}])' : ''}`, 'giu'),
    ...(endsWord ? [new RegExp(`${before}${escapeRegExp(needle)}[\\p{L}\\p{N}]*`, 'giu')] : []),
    new RegExp(escapeRegExp(needle), 'giu'),
  ];
  for (const re of tiers) {
    const found = [...message.matchAll(re)].map((m): [number, number] => [m.index, m.index + m[0].length]);
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * Splits a note into plain and highlighted parts: every occurrence (case-insensitive) of every
 * evidence that carries meaning. A lone "?", one common word ("hi", "you", "connect") or a phrase
 * of function words is not highlighted (see isMeaningfulEvidence).
 */
export function highlight(message: string, evidence: string[]): NoteSegment[] {
  const marks = new Array<boolean>(message.length).fill(false);
  for (const e of evidence) {
    const needle = e.trim();
    if (needle === '' || !isMeaningfulEvidence(needle)) continue;
    for (const [from, to] of occurrences(message, needle)) {
      for (let i = from; i < to; i++) marks[i] = true;
    }
  }
  const segments: NoteSegment[] = [];
  for (let i = 0; i < message.length; i++) {
    const last = segments[segments.length - 1];
    if (last && last.mark === marks[i]) last.text += message[i];
    else segments.push({ text: message[i], mark: marks[i] });
  }
  return segments;
}

/** A note's text with the counterpart's name taken out: the same template to two people gives the same key. */
export function noteKey(r: Pick<ClassifiedRequest, 'message' | 'counterpart'>): string {
  const names = new Set((r.counterpart.name.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.toLocaleLowerCase()));
  return (r.message.toLocaleLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => (names.has(w) ? '{name}' : w)).join(' ');
}

/** Confident verdicts before unsure ones; then byScore. For the lists that show examples as the best or worst of a kind. */
export function byConfidentScore(a: ClassifiedRequest, b: ClassifiedRequest): number {
  return Number(isUnsure(a)) - Number(isUnsure(b)) || byScore(a, b);
}

/** The first `n` requests with different notes (a template sent to many counts once). */
function distinctNotes(sorted: ClassifiedRequest[], n: number): ClassifiedRequest[] {
  const seen = new Set<string>();
  const out: ClassifiedRequest[] = [];
  for (const r of sorted) {
    const key = r.cluster ? `cluster:${r.cluster.id}` : noteKey(r);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
    if (out.length === n) break;
  }
  return out;
}

/** How many people got this note from its sender (1 unless it is one sender's template). */
function copies(r: ClassifiedRequest): number {
  return r.cluster?.kind === 'one_sender' ? r.cluster.recipients : 1;
}

function rate(n: number, d: number): number | null {
  return d === 0 ? null : n / d;
}

/** The stats with the exports' file names that could name someone ("jane-doe.zip") replaced (redaction). */
function redactSources(stats: YearStats): YearStats {
  const names = new Map(stats.coverage.exports.map((e, i) => [e.source, redactSource(e.source, i)]));
  const of = (s: string) => names.get(s) ?? redactSource(s, names.size);
  return {
    ...stats,
    coverage: {
      ...stats.coverage,
      exports: stats.coverage.exports.map((e) => ({ ...e, source: of(e.source) })),
      ranges: stats.coverage.ranges.map((r) => ({ ...r, sources: r.sources.map(of) })),
    },
  };
}

/** What every section of the page is computed from: the year's CRs, its stats, the zone and the redaction. */
interface ReportContext {
  input: ReportInput;
  year: number;
  timeZone: string;
  generatedAt: string;
  /** YYYY-MM-DD of generatedAt: "today" for the coverage advice. */
  today: string;
  redact: boolean;
  stats: YearStats;
  received: ClassifiedRequest[];
  sent: ClassifiedRequest[];
  /** The masker of the texts that involve these people (the identity when not redacting). */
  maskerFor: (people: ClassifiedRequest[]) => TextRedactor;
  /** One CR as the page shows it. */
  view: (r: ClassifiedRequest) => ExampleView;
}

const NO_MASK: TextRedactor = { text: (t: string) => t, fragment: (_message: string, t: string) => t };

/** The people a text involves, for redaction: the owner and the counterparts, their companies and their clusters' companies. */
function peopleOf(owner: Person | null, people: ClassifiedRequest[]): People {
  return {
    names: [...(owner ? [owner.name] : []), ...people.map((p) => p.counterpart.name)],
    companies: [...people.flatMap((p) => (p.counterpart.company ? [p.counterpart.company] : [])), ...people.flatMap((p) => (p.cluster?.company ? [p.cluster.company] : []))],
  };
}

/**
 * Redaction masks, in a note, every name and company it shows (redact.ts): those of the people
 * involved (owner and counterpart) in any spelling, everyone else the export knows, and any other
 * name the notes mention, learnt from all the notes of the year first.
 */
function learnRedactor(input: ReportInput, ofYear: ClassifiedRequest[]): Redactor {
  const redactor = new Redactor(peopleOf(input.owner, input.requests));
  const clustersSeen = new Set<string>();
  for (const r of ofYear) {
    const people = peopleOf(input.owner, [r]);
    redactor.learn(r.message, people);
    if (r.cluster && !clustersSeen.has(r.cluster.id)) {
      clustersSeen.add(r.cluster.id);
      redactor.learn(r.cluster.example, people);
      redactor.learn(r.cluster.pattern, people);
    }
  }
  return redactor;
}

/** One CR as the page shows it: masked when redacting, its evidence highlighted in the note. */
function exampleViewer(maskerFor: ReportContext['maskerFor'], redact: boolean, timeZone: string): (r: ClassifiedRequest) => ExampleView {
  const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' });
  return (r) => {
    const mask = maskerFor([r]);
    const message = mask.text(r.message);
    const spans: string[] = [];
    const reasons = r.reasons.map((x: Reason) => {
      const evidence = mask.fragment(r.message, x.evidence);
      const found = evidenceInNote(message, evidence);
      if (x.category === r.category) spans.push(...found.spans);
      return { rule: x.rule, category: x.category, description: x.description ?? null, evidence, inNote: found.inNote };
    });
    return {
      id: r.id,
      direction: r.direction,
      category: r.category,
      verdict: r.verdict,
      score: scoreOf(r),
      confidence: r.confidence,
      unsure: isUnsure(r),
      sentTo: r.direction === 'OUTGOING' && r.cluster?.kind === 'one_sender' ? r.cluster.recipients : null,
      date: dateFormat.format(new Date(r.sentAt)),
      counterpart: {
        name: redact ? maskName(r.counterpart.name) : r.counterpart.name,
        company: (redact ? maskCompany(r.counterpart.company) : r.counterpart.company) || null,
        position: redact ? null : r.counterpart.position || null,
        profileUrl: redact ? null : safeProfileUrl(r.counterpart.profileUrl),
      },
      message,
      segments: highlight(message, spans),
      reasons,
      advice: r.advice ? mask.fragment(r.message, r.advice) : CATEGORY_TEXT[r.category].advice || null,
      outcome: r.outcome,
      role: roleOf(r),
      kept: r.kept ? keptReason(r.kept.reason, r.message, mask) : null,
    };
  };
}

/**
 * Why the user's view kept a note, masked as the note is when redacting: the words it quotes from
 * the note ("…") are masked like the note; a reason that quotes nothing is masked as a whole.
 */
function keptReason(reason: string, message: string, mask: TextRedactor): string {
  if (!/"[^"]*"/.test(reason)) return mask.fragment(message, reason);
  return reason.replace(/"([^"]*)"/g, (_, quoted: string) => `"${mask.fragment(message, quoted)}"`);
}

function reportContext(input: ReportInput): ReportContext {
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const generatedAt = input.generatedAt ?? new Date().toISOString();
  const today = generatedAt.slice(0, 10);
  const redact = input.redact ?? false;
  const year = input.year;
  const stats = computeYearStats(input.requests, input.coverages, year, { timeZone, today });
  const ofYear = input.requests.filter((r) => r.year === year);
  const redactor = redact ? learnRedactor(input, ofYear) : null;
  const maskerFor = (people: ClassifiedRequest[]) => (redactor ? redactor.for(peopleOf(input.owner, people)) : NO_MASK);
  return {
    input,
    year,
    timeZone,
    generatedAt,
    today,
    redact,
    stats,
    received: ofYear.filter((r) => r.direction === 'INCOMING'),
    sent: ofYear.filter((r) => r.direction === 'OUTGOING'),
    maskerFor,
    view: exampleViewer(maskerFor, redact, timeZone),
  };
}

function ownerView({ input, redact }: ReportContext): ReportModel['owner'] {
  if (!input.owner) return null;
  return { name: redact ? maskName(input.owner.name) : input.owner.name, profileUrl: redact ? null : safeProfileUrl(input.owner.profileUrl) };
}

function headlineSection({ stats, received }: ReportContext): ReportModel['headline'] {
  const inc = stats.byDirection.INCOMING;
  return {
    received: inc.total,
    sent: stats.totals.sent,
    receivedWithNote: inc.withNote,
    receivedWithoutNote: inc.total - inc.withNote,
    accept: inc.byVerdict.ACCEPT,
    ignore: inc.byVerdict.IGNORE,
    unsure: received.filter((r) => hasNote(r) && isUnsure(r)).length,
    ignoreShare: rate(inc.byVerdict.IGNORE, inc.byVerdict.ACCEPT + inc.byVerdict.IGNORE),
    worstCategory: stats.worstCategory,
    worstCategoryCount: stats.worstCategory ? inc.byCategory[stats.worstCategory] : 0,
    sentAcceptanceRate: stats.sentAcceptance.rate,
  };
}

/** The worst received note of each IGNORE category, in the taxonomy's order. */
function hallOfShameSection({ received, view }: ReportContext): ShameEntry[] {
  const hallOfShame: ShameEntry[] = [];
  for (const category of IGNORE_CATEGORIES) {
    // A note the user's view kept (ACCEPT for them) is not shamed, whatever its category.
    const members = received.filter((r) => r.category === category && hasNote(r) && !r.kept).sort(byConfidentScore);
    if (members.length === 0) continue;
    const t = CATEGORY_TEXT[category];
    hallOfShame.push({ category, title: t.title, lesson: t.lesson, count: members.length, worst: view(members[0]) });
  }
  return hallOfShame;
}

/** The hall of shame's copy-paste section: notes from several people that earned an IGNORE. */
function clustersSection({ received, redact, maskerFor }: ReportContext): ClusterView[] {
  const clusterMap = new Map<string, { members: ClassifiedRequest[] }>();
  for (const r of received) {
    if (!r.cluster) continue;
    const c = clusterMap.get(r.cluster.id) ?? { members: [] };
    c.members.push(r);
    clusterMap.set(r.cluster.id, c);
  }
  return [...clusterMap.entries()]
    .map(([id, { members }]) => {
      const counts = new Map<Category, number>();
      for (const m of members) counts.set(m.category, (counts.get(m.category) ?? 0) + 1);
      const category = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
      const cluster = members[0].cluster!;
      const company = category === 'coworker_template' ? (cluster.company ?? null) : null;
      const mask = maskerFor(members);
      return {
        id,
        category,
        requests: members.length,
        senders: new Set(members.map((m) => m.counterpart.key)).size,
        company: redact ? (maskCompany(company ?? undefined) ?? null) : company,
        example: mask.text(cluster.example || members[0].message),
      };
    })
    .filter((c) => c.senders >= 2 && verdictOf(c.category) === 'IGNORE')
    .sort((a, b) => b.senders - a.senders || b.requests - a.requests || a.id.localeCompare(b.id));
}

/** The best notes: never a note that went to many people (whatever its category), confident verdicts first. */
function hallOfFameSection({ received, view }: ReportContext): ExampleView[] {
  return distinctNotes(received.filter((r) => r.category === 'good' && !isMassTemplate(r)).sort(byConfidentScore), 5).map(view);
}

/** The owner's sent notes grouped by template and graded, each pattern masked when redacting. */
function sentTemplatesView({ sent, maskerFor }: ReportContext): TemplatesView {
  const graded = gradeSentTemplates(sent);
  return {
    rows: graded.templates.map((t) => {
      const members = sent.filter((r) => r.cluster?.id === t.id);
      return { ...t, pattern: maskerFor(members).text(t.pattern) };
    }),
    oneByOne: graded.oneByOne,
    withNote: graded.withNote,
    outcomesKnown: graded.outcomesKnown,
  };
}

function sentSection(ctx: ReportContext): ReportModel['sent'] {
  const { stats, sent, view } = ctx;
  const templates = sentTemplatesView(ctx);
  const byCategory = (Object.entries(stats.sentAcceptance.byCategory) as [Category, { sent: number; accepted: number; rate: number | null }][])
    .map(([category, c]) => ({ category, ...c }))
    .sort((a, b) => b.sent - a.sent || a.category.localeCompare(b.category));
  return {
    total: sent.length,
    withNote: sent.filter(hasNote).length,
    byVerdict: stats.byDirection.OUTGOING.byVerdict,
    byCategory,
    acceptanceRate: stats.sentAcceptance.rate,
    outcomesKnown: stats.sentAcceptance.accepted + stats.sentAcceptance.pending > 0,
    // The note sent to the most people first: that is the one to stop sending.
    neverAgain: distinctNotes(sent.filter((r) => r.verdict === 'IGNORE').sort((a, b) => Number(isUnsure(a)) - Number(isUnsure(b)) || copies(b) - copies(a) || byScore(a, b)), 3).map(view),
    best: distinctNotes(sent.filter((r) => r.category === 'good' && !isMassTemplate(r)).sort(byConfidentScore), 3).map(view),
    templates,
  };
}

/** One row per year the requests or the stored history know, ascending; empty when there is only this one. */
function yearOverYearSection({ input, year, stats, timeZone, today }: ReportContext): YearOverYearRow[] {
  const inRequests = new Set(yearsOf(input.requests));
  const stored = new Map((input.history ?? []).filter((h) => !inRequests.has(h.year)).map((h) => [h.year, h]));
  const years = [...new Set([...inRequests, ...stored.keys(), year])].sort((a, b) => a - b);
  if (years.length < 2) return [];
  return years.map((y) => {
    const s = y === year ? stats : (stored.get(y) ?? computeYearStats(input.requests, input.coverages, y, { timeZone, today }));
    const inc = s.byDirection.INCOMING;
    const noted = inc.byVerdict.ACCEPT + inc.byVerdict.IGNORE;
    return {
      year: y,
      received: s.totals.received,
      sent: s.totals.sent,
      receivedWithNoteShare: rate(inc.withNote, inc.total),
      ignoreShare: rate(inc.byVerdict.IGNORE, noted),
      sentAcceptanceRate: s.sentAcceptance.rate,
      worstCategory: s.worstCategory,
      coverageRatio: s.coverage.ratio,
    };
  });
}

/**
 * The view the page names: the one given (`keep`), or, when none is given, the one the verdicts
 * show (their `kept` roles). Kept notes under the standard view were graded by an earlier view.
 */
function viewInfo({ input, received }: ReportContext): ViewInfo {
  const kept = received.filter((r) => r.kept);
  const keep = [...new Set(input.keep ?? kept.map((r) => r.kept!.role))].sort();
  return { name: keep.includes('recruiter') ? 'job_seeker' : 'standard', keep, kept: kept.length };
}

/** "Who writes to you": the roles of the received notes, their share per month, verdicts, best and worst note. */
function whoWritesSection({ received, stats, year, timeZone, view }: ReportContext): WhoWritesView {
  const noted = received.filter(hasNote);
  const zero = () => Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
  const byMonth: RoleMonth[] = Array.from({ length: 12 }, (_, i) => ({ month: `${year}-${String(i + 1).padStart(2, '0')}`, total: 0, byRole: zero() }));
  for (const r of noted) {
    // As in the stats: the zone may put an instant near New Year in the neighbouring year.
    const [y, m] = monthOf(r.sentAt, timeZone).split('-').map(Number);
    const month = byMonth[y < year ? 0 : y > year ? 11 : m - 1];
    month.total++;
    month.byRole[roleOf(r)]++;
  }
  const roles: RoleRow[] = ROLES.map((role) => {
    const members = noted.filter((r) => roleOf(r) === role);
    const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, members.filter((r) => r.verdict === v).length])) as Record<Verdict, number>;
    const best = members.filter((r) => r.verdict === 'ACCEPT' && !isMassTemplate(r)).sort(byConfidentScore)[0];
    const worst = members.filter((r) => r.verdict === 'IGNORE').sort(byConfidentScore)[0];
    return {
      role,
      received: members.length,
      share: rate(members.length, noted.length),
      byVerdict,
      kept: members.filter((r) => r.kept).length,
      best: best ? view(best) : null,
      worst: worst ? view(worst) : null,
    };
  })
    .filter((row) => row.received > 0)
    .sort((a, b) => b.received - a.received || ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
  const sa = stats.sentAcceptance;
  const sent = ROLES.flatMap((role) => {
    const c = sa.byRole[role];
    return c ? [{ role, sent: c.sent, accepted: c.accepted, rate: c.rate }] : [];
  });
  return { withNote: noted.length, roles, byMonth, sent, outcomesKnown: sa.accepted + sa.pending > 0 };
}

/** The page model, section by section (each section a function of the shared context). */
export function buildReportModel(input: ReportInput): ReportModel {
  const ctx = reportContext(input);
  return {
    year: ctx.year,
    generatedAt: ctx.generatedAt,
    timeZone: ctx.timeZone,
    redacted: ctx.redact,
    owner: ownerView(ctx),
    stats: ctx.redact ? redactSources(ctx.stats) : ctx.stats,
    headline: headlineSection(ctx),
    hallOfShame: hallOfShameSection(ctx),
    clusters: clustersSection(ctx),
    hallOfFame: hallOfFameSection(ctx),
    sent: sentSection(ctx),
    yearOverYear: yearOverYearSection(ctx),
    view: viewInfo(ctx),
    whoWrites: whoWritesSection(ctx),
  };
}
