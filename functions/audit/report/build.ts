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
  type Outcome,
  type Person,
  type Reason,
  type Verdict,
  isUnsure,
  verdictOf,
} from '../model.ts';
import { evidenceInNote, isMeaningfulEvidence } from './evidence.ts';
import { CATEGORY_TEXT } from './labels.ts';
import { maskCompany, maskName, Redactor, redactSource } from './redact.ts';
import { computeYearStats, DEFAULT_TIME_ZONE, hasNote, yearsOf, type YearStats } from '../stats/index.ts';
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

/** Highest score first; then confidence, then the longer note, then the earlier CR; then id (stable). */
export function byScore(a: ClassifiedRequest, b: ClassifiedRequest): number {
  return (
    scoreOf(b) - scoreOf(a) ||
    b.confidence - a.confidence ||
    b.message.length - a.message.length ||
    a.sentAt.localeCompare(b.sentAt) ||
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

export function buildReportModel(input: ReportInput): ReportModel {
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const generatedAt = input.generatedAt ?? new Date().toISOString();
  const today = generatedAt.slice(0, 10);
  const redact = input.redact ?? false;
  const year = input.year;
  const stats = computeYearStats(input.requests, input.coverages, year, { timeZone, today });
  const ofYear = input.requests.filter((r) => r.year === year);

  // Redaction masks, in a note, every name and company it shows (redact.ts): those of the people
  // involved (owner and counterpart) in any spelling, everyone else the export knows, and any other
  // name the notes mention, learnt from all the notes of the year first.
  const ownerNames = input.owner ? [input.owner.name] : [];
  const involved = (people: ClassifiedRequest[]) => ({
    names: [...ownerNames, ...people.map((p) => p.counterpart.name)],
    companies: [...people.flatMap((p) => (p.counterpart.company ? [p.counterpart.company] : [])), ...people.flatMap((p) => (p.cluster?.company ? [p.cluster.company] : []))],
  });
  const redactor = redact ? new Redactor(involved(input.requests)) : null;
  if (redactor) {
    const clustersSeen = new Set<string>();
    for (const r of ofYear) {
      const people = involved([r]);
      redactor.learn(r.message, people);
      if (r.cluster && !clustersSeen.has(r.cluster.id)) {
        clustersSeen.add(r.cluster.id);
        redactor.learn(r.cluster.example, people);
        redactor.learn(r.cluster.pattern, people);
      }
    }
  }
  const identity = { text: (t: string) => t, fragment: (_message: string, t: string) => t };
  const maskerFor = (people: ClassifiedRequest[]) => (redactor ? redactor.for(involved(people)) : identity);
  const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' });

  const view = (r: ClassifiedRequest): ExampleView => {
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
    };
  };

  const received = ofYear.filter((r) => r.direction === 'INCOMING');
  const sent = ofYear.filter((r) => r.direction === 'OUTGOING');

  const hallOfShame: ShameEntry[] = [];
  for (const category of IGNORE_CATEGORIES) {
    const members = received.filter((r) => r.category === category && hasNote(r)).sort(byConfidentScore);
    if (members.length === 0) continue;
    const t = CATEGORY_TEXT[category];
    hallOfShame.push({ category, title: t.title, lesson: t.lesson, count: members.length, worst: view(members[0]) });
  }

  const clusterMap = new Map<string, { members: ClassifiedRequest[] }>();
  for (const r of received) {
    if (!r.cluster) continue;
    const c = clusterMap.get(r.cluster.id) ?? { members: [] };
    c.members.push(r);
    clusterMap.set(r.cluster.id, c);
  }
  const clusters: ClusterView[] = [...clusterMap.entries()]
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
    // The hall of shame's copy-paste section: notes from several people that earned an IGNORE.
    .filter((c) => c.senders >= 2 && verdictOf(c.category) === 'IGNORE')
    .sort((a, b) => b.senders - a.senders || b.requests - a.requests || a.id.localeCompare(b.id));

  // The best notes: never a note that went to many people (whatever its category), confident verdicts first.
  const hallOfFame = distinctNotes(received.filter((r) => r.category === 'good' && !isMassTemplate(r)).sort(byConfidentScore), 5).map(view);

  const graded = gradeSentTemplates(sent);
  const templates: TemplatesView = {
    rows: graded.templates.map((t) => {
      const members = sent.filter((r) => r.cluster?.id === t.id);
      return { ...t, pattern: maskerFor(members).text(t.pattern) };
    }),
    oneByOne: graded.oneByOne,
    withNote: graded.withNote,
    outcomesKnown: graded.outcomesKnown,
  };

  const sentByCategory = (Object.entries(stats.sentAcceptance.byCategory) as [Category, { sent: number; accepted: number; rate: number | null }][])
    .map(([category, c]) => ({ category, ...c }))
    .sort((a, b) => b.sent - a.sent || a.category.localeCompare(b.category));

  const inRequests = new Set(yearsOf(input.requests));
  const stored = new Map((input.history ?? []).filter((h) => !inRequests.has(h.year)).map((h) => [h.year, h]));
  const years = [...new Set([...inRequests, ...stored.keys(), year])].sort((a, b) => a - b);
  const yearOverYear: YearOverYearRow[] =
    years.length < 2
      ? []
      : years.map((y) => {
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

  const inc = stats.byDirection.INCOMING;
  return {
    year,
    generatedAt,
    timeZone,
    redacted: redact,
    owner: input.owner
      ? { name: redact ? maskName(input.owner.name) : input.owner.name, profileUrl: redact ? null : safeProfileUrl(input.owner.profileUrl) }
      : null,
    stats: redact ? redactSources(stats) : stats,
    headline: {
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
    },
    hallOfShame,
    clusters,
    hallOfFame,
    sent: {
      total: sent.length,
      withNote: sent.filter(hasNote).length,
      byVerdict: stats.byDirection.OUTGOING.byVerdict,
      byCategory: sentByCategory,
      acceptanceRate: stats.sentAcceptance.rate,
      outcomesKnown: stats.sentAcceptance.accepted + stats.sentAcceptance.pending > 0,
      // The note sent to the most people first: that is the one to stop sending.
      neverAgain: distinctNotes(sent.filter((r) => r.verdict === 'IGNORE').sort((a, b) => Number(isUnsure(a)) - Number(isUnsure(b)) || copies(b) - copies(a) || byScore(a, b)), 3).map(view),
      best: distinctNotes(sent.filter((r) => r.category === 'good' && !isMassTemplate(r)).sort(byConfidentScore), 3).map(view),
      templates,
    },
    yearOverYear,
  };
}
