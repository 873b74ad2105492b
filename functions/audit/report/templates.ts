/**
 * "Your templates, graded": the owner's sent notes grouped by template, with how many were sent,
 * how many were accepted and the verdict of each, so the owner sees which of their templates works.
 * Pure data; used by the yearly report and by `aoi audit`'s text output.
 *
 * A template is a one-sender cluster (`cluster.kind === 'one_sender'`: the same note, after
 * normalising names, greetings and merge fields, sent to two or more people). Every other sent note
 * with a note was "written one by one".
 */
import { isUnsure, verdictOf, type Category, type ClassifiedRequest, type Verdict } from '../model.ts';
import { acceptanceRate, hasNote } from '../stats/index.ts';

/** How often a note went out and what became of it. */
export interface SentOutcomes {
  /** CRs sent (in the year asked for). */
  sent: number;
  accepted: number;
  /** Not (yet) accepted: pending, ignored or withdrawn (LinkedIn does not tell them apart). */
  pending: number;
  /** Outcome unknown: the export had no Connections.csv. */
  unknown: number;
  /** accepted / (accepted + pending); null when no outcome is known. */
  rate: number | null;
}

export interface TemplateGrade extends SentOutcomes {
  /** The cluster id. */
  id: string;
  /** The note as a template: names as `{name}`, a differing merge field as `{…}`. */
  pattern: string;
  /** Distinct people it was sent to in the year asked for. */
  recipients: number;
  /** Distinct people it was sent to in all the exports (the cluster's `recipients`: the evidence for `bot` at 3 or more). */
  recipientsInAll: number;
  /** The category most of its copies got (ties: the more confident), and its verdict. */
  category: Category;
  verdict: Verdict;
  /** Mean confidence of the copies with that category. */
  confidence: number;
  /** The verdict is below UNSURE_BELOW: show it as "unsure", not as a fact. */
  unsure: boolean;
}

export interface OneByOne extends SentOutcomes {
  byVerdict: Record<Verdict, number>;
  /** Of these, verdicts below UNSURE_BELOW. */
  unsure: number;
}

export interface SentTemplates {
  /** Most sent first. */
  templates: TemplateGrade[];
  /** The sent notes that belong to no template. */
  oneByOne: OneByOne;
  /** Sent CRs with a note, in templates or not. */
  withNote: number;
  /** Whether any outcome is known (the export had Connections.csv); without it every rate is null. */
  outcomesKnown: boolean;
}

/** The note of a one-sender template (the owner's, or any sender's). */
export function isOneSenderTemplate(r: Pick<ClassifiedRequest, 'cluster'>): boolean {
  return r.cluster?.kind === 'one_sender';
}

/**
 * A note that evidently went to many people: one sender's template to three or more recipients,
 * or a note shared by several senders (any other kind of cluster). Such a note is never shown as
 * one of the best, whatever its category.
 */
export function isMassTemplate(r: Pick<ClassifiedRequest, 'cluster'>): boolean {
  const c = r.cluster;
  if (!c) return false;
  return c.kind !== 'one_sender' || c.recipients >= 3;
}

function outcomesOf(members: readonly ClassifiedRequest[]): SentOutcomes {
  let accepted = 0;
  let pending = 0;
  let unknown = 0;
  for (const m of members) {
    if (m.outcome === 'accepted') accepted++;
    else if (m.outcome === 'pending') pending++;
    else unknown++;
  }
  return { sent: members.length, accepted, pending, unknown, rate: acceptanceRate(accepted, pending) };
}

function gradeOf(id: string, members: ClassifiedRequest[]): TemplateGrade {
  const byCategory = new Map<Category, ClassifiedRequest[]>();
  for (const m of members) {
    const same = byCategory.get(m.category);
    if (same) same.push(m);
    else byCategory.set(m.category, [m]);
  }
  const mean = (xs: ClassifiedRequest[]) => xs.reduce((s, x) => s + x.confidence, 0) / xs.length;
  const [category, same] = [...byCategory.entries()].sort((a, b) => b[1].length - a[1].length || mean(b[1]) - mean(a[1]) || a[0].localeCompare(b[0]))[0]!;
  const confidence = mean(same);
  const cluster = members[0]!.cluster!;
  return {
    id,
    pattern: cluster.pattern || cluster.example || members[0]!.message,
    recipients: new Set(members.map((m) => m.counterpart.key)).size,
    recipientsInAll: Math.max(...members.map((m) => m.cluster!.recipients)),
    ...outcomesOf(members),
    category,
    verdict: verdictOf(category),
    confidence,
    unsure: isUnsure({ category, confidence }),
  };
}

/**
 * Groups the owner's sent CRs with a note (of `year`, when given) by template and grades each:
 * sent, accepted, acceptance rate, category and verdict; most sent first.
 */
export function gradeSentTemplates(requests: readonly ClassifiedRequest[], year?: number): SentTemplates {
  const sent = requests.filter((r) => r.direction === 'OUTGOING' && hasNote(r) && (year === undefined || r.year === year));
  const groups = new Map<string, ClassifiedRequest[]>();
  const single: ClassifiedRequest[] = [];
  for (const r of sent) {
    if (!isOneSenderTemplate(r)) {
      single.push(r);
      continue;
    }
    const id = r.cluster!.id;
    const g = groups.get(id);
    if (g) g.push(r);
    else groups.set(id, [r]);
  }
  const templates = [...groups.entries()]
    .map(([id, members]) => gradeOf(id, members))
    .sort((a, b) => b.sent - a.sent || b.accepted - a.accepted || a.id.localeCompare(b.id));
  const byVerdict: Record<Verdict, number> = { ACCEPT: 0, IGNORE: 0, NEITHER: 0 };
  for (const r of single) byVerdict[r.verdict]++;
  return {
    templates,
    oneByOne: { ...outcomesOf(single), byVerdict, unsure: single.filter(isUnsure).length },
    withNote: sent.length,
    outcomesKnown: sent.some((r) => r.outcome !== 'unknown'),
  };
}
