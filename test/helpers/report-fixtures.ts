/**
 * Hand-built ClassifiedRequest fixtures (the reader and the classifier are tested elsewhere).
 * `cr()` makes one; `sampleRequests()` makes a realistic owner's year, with notes in the seed's style.
 */
import { createHash } from 'node:crypto';
import { verdictOf, type Category, type ClassifiedRequest, type Coverage, type Kept, type Person, type Reason, type Role, type RoleReason } from '../../functions/audit/model.ts';

export const OWNER: Person = { name: 'Dana Whitfield', profileUrl: 'https://www.linkedin.com/in/dana-whitfield' };

export interface CrSpec {
  category: Category;
  message?: string;
  /** [rule, evidence, weight?] */
  reasons?: [string, string, number?][];
  direction?: 'INCOMING' | 'OUTGOING';
  name?: string;
  company?: string;
  profileUrl?: string | null;
  sentAt?: string;
  outcome?: ClassifiedRequest['outcome'];
  confidence?: number;
  advice?: string;
  cluster?: ClassifiedRequest['cluster'];
  year?: number;
  /** Default `unknown`. */
  role?: Role;
  /** [rule, evidence, weight?] for `role`. */
  roleReasons?: [string, string, number?][];
  /** The job seeker's view kept it: the verdict becomes ACCEPT, the category stays. */
  kept?: Kept;
}

let counter = 0;

export function cr(spec: CrSpec): ClassifiedRequest {
  counter++;
  const name = spec.name ?? `Person ${counter}`;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const sentAt = spec.sentAt ?? '2025-06-15T17:00:00.000Z';
  const message = spec.message ?? (spec.category === 'no_message' ? '' : `A note number ${counter}`);
  const direction = spec.direction ?? 'INCOMING';
  const reasons: Reason[] = (spec.reasons ?? []).map(([rule, evidence, weight]) => ({
    rule,
    category: spec.category,
    weight: weight ?? 1,
    evidence,
    description: `Rule ${rule} fired`,
  }));
  return {
    id: createHash('sha256').update(`${counter}|${name}|${sentAt}|${message}`).digest('hex').slice(0, 24),
    owner: OWNER,
    direction,
    counterpart: {
      name,
      profileUrl: spec.profileUrl === undefined ? `https://www.linkedin.com/in/${slug}` : spec.profileUrl,
      key: `in:${slug}`,
      ...(spec.company ? { company: spec.company } : {}),
    },
    sentAt,
    year: spec.year ?? Number(sentAt.slice(0, 4)),
    message,
    outcome: spec.outcome ?? (direction === 'OUTGOING' ? 'pending' : 'unknown'),
    source: { file: 'Invitations.csv', row: counter + 1 },
    category: spec.category,
    verdict: spec.kept ? 'ACCEPT' : verdictOf(spec.category),
    confidence: spec.confidence ?? 0.8,
    reasons,
    ...(spec.advice ? { advice: spec.advice } : {}),
    ...(spec.cluster ? { cluster: spec.cluster } : {}),
    role: spec.role ?? 'unknown',
    roleReasons: (spec.roleReasons ?? []).map(([rule, evidence, weight]): RoleReason => ({ rule, role: spec.role ?? 'unknown', weight: weight ?? 1, evidence, description: `Role rule ${rule} fired` })),
    ...(spec.kept ? { kept: spec.kept } : {}),
  };
}

export function coverage(source: string, exportDate: string): Coverage {
  const end = new Date(`${exportDate}T00:00:00Z`).getTime();
  return {
    source,
    exportDate,
    windowStart: new Date(end - 180 * 86_400_000).toISOString().slice(0, 10),
    oldestSentAt: null,
    newestSentAt: null,
  };
}

const month = (m: number, d = 10) => `2025-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T16:30:00.000Z`;

/** A realistic year (2025) plus a smaller 2024, in the seed's spirit. */
export function sampleRequests(): ClassifiedRequest[] {
  const out: ClassifiedRequest[] = [];
  out.push(
    cr({ category: 'sales_pitch', name: 'Brad Kessler', company: 'GrowthRocket', sentAt: month(7, 3), confidence: 0.95,
      message: 'Hi Dana, we help B2B companies 10x their pipeline with done-for-you lead generation. Book a 15 minute call this week and I will show you how we guarantee 30 meetings a month!',
      reasons: [['pitch.offer_services', 'we help B2B companies', 2], ['pitch.book_call', 'Book a 15 minute call', 2], ['pitch.guarantee', 'guarantee 30 meetings', 1]] }),
    cr({ category: 'sales_pitch', name: 'Lena Ortiz', sentAt: month(8, 12), message: 'We offer affordable offshore developers. Interested?', reasons: [['pitch.offer_services', 'We offer affordable offshore developers', 1]] }),
    cr({ category: 'sales_pitch', name: 'Tom Reyes', sentAt: month(9, 2), message: 'Our SEO agency can get you to page 1 of Google.', reasons: [['pitch.offer_services', 'Our SEO agency', 1]] }),
    cr({ category: 'swing_and_miss', name: 'Priya Nair', sentAt: month(7, 21),
      message: 'Hello! As a fellow e-commerce leader, I would love to swap notes on Shopify conversion rates and cart abandonment.',
      reasons: [['fit.industry_mismatch', 'e-commerce leader', 2], ['fit.specialty_mismatch', 'Shopify conversion rates', 1]] }),
    cr({ category: 'irrelevant', name: 'Kyle Brandt', sentAt: month(8, 5),
      message: 'I played baseball in college and now I coach little league on weekends. Let us connect.',
      reasons: [['relevance.no_reason', 'I played baseball in college', 1]] }),
    cr({ category: 'irrelevant', name: 'Morgan Lee', sentAt: month(10, 14),
      message: 'Quick question: do you think people who drink coffee are more productive than people who drink tea? Testing a hypothesis.',
      reasons: [['relevance.random_question', 'Testing a hypothesis', 2], ['relevance.no_reason', 'people who drink coffee', 1]] }),
    cr({ category: 'too_much_too_soon', name: 'Jasmine Cole', sentAt: month(9, 18),
      message: 'Hi Dana! I just published a post about leadership. Could you comment on it and share it with your network? Every like helps!',
      reasons: [['ask.comment', 'Could you comment on it', 2], ['ask.share', 'share it with your network', 1], ['ask.like', 'Every like helps', 1]] }),
    cr({ category: 'too_much_too_soon', name: 'Sam Patel', sentAt: month(11, 2), message: 'Please endorse me for Project Management.', reasons: [['ask.endorse', 'endorse me', 1]] }),
  );
  const botNote = 'Hi {first_name}, I came across your profile and was impressed. I would love to add you to my network!';
  for (const [i, n] of ['Alex Grant', 'Riley Quinn', 'Jordan Blake', 'Casey Moore'].entries()) {
    out.push(cr({ category: 'bot', name: n, sentAt: month(7 + i, 8 + i), message: botNote,
      reasons: [['bot.placeholder', '{first_name}', 3], ['bot.identical_text', 'I came across your profile and was impressed', 1]],
      cluster: { id: 'cl-bot', kind: 'many_senders', size: 4, senders: 4, recipients: 1, example: botNote, pattern: botNote } }));
  }
  const hedge = 'Hi! Our team at Synergex is connecting with leaders like you. We are all on a mission to hedge risk, one handshake at a time.';
  for (const [i, n] of ['Eva Stone', 'Mark Chu', 'Nina Park'].entries()) {
    out.push(cr({ category: 'coworker_template', name: n, company: 'Synergex', sentAt: month(10, 3 + i), message: hedge,
      reasons: [['template.coworkers', 'Our team at Synergex', 2]],
      cluster: { id: 'cl-synergex', kind: 'coworker', size: 3, senders: 3, recipients: 1, company: 'Synergex', example: hedge, pattern: hedge } }));
  }
  out.push(
    cr({ category: 'good', name: 'Olivia Hart', sentAt: month(8, 20), confidence: 0.9,
      message: 'We both attended the lunch and learn with the Product Guild last week. Your question about pricing pages was so sharp. I would love to connect.',
      reasons: [['good.shared_event', 'We both attended the lunch and learn', 2], ['good.specific', 'Your question about pricing pages', 2]] }),
    cr({ category: 'good', name: 'Ben Adler', sentAt: month(9, 9),
      message: 'I read your recent article on onboarding metrics. Great piece, it gave me a lot to think about. Would be glad to connect.',
      reasons: [['good.read_article', 'I read your recent article', 2]] }),
    cr({ category: 'good', name: 'Chloe Wu', sentAt: month(11, 11), message: 'Thanks for engaging on my recent post. I really appreciate your perspective. Let us connect!',
      reasons: [['good.engagement', 'Thanks for engaging on my recent post', 1]] }),
  );
  for (let i = 0; i < 9; i++) out.push(cr({ category: 'no_message', name: `Quiet Person ${i}`, sentAt: month(7 + (i % 6), 1 + i) }));
  // The owner's own requests.
  out.push(
    cr({ category: 'good', direction: 'OUTGOING', name: 'Hannah Berg', outcome: 'accepted', sentAt: month(8, 1),
      message: 'Loved your webinar on churn with the SaaS Circle; testing your cohort tip this week. Would be glad to connect.',
      reasons: [['good.webinar', 'Loved your webinar on churn', 2], ['good.specific', 'testing your cohort tip', 1]] }),
    cr({ category: 'good', direction: 'OUTGOING', name: 'Ivan Petrov', outcome: 'accepted', sentAt: month(9, 4),
      message: 'Saw your comment on the pricing thread; I work on the same problem. Happy to connect.', reasons: [['good.comment', 'Saw your comment', 1]] }),
    cr({ category: 'good', direction: 'OUTGOING', name: 'Julia Ross', outcome: 'pending', sentAt: month(10, 4),
      message: 'We met at the Denver product meetup. Great talk!', reasons: [['good.shared_event', 'We met at the Denver product meetup', 1]] }),
    cr({ category: 'sales_pitch', direction: 'OUTGOING', name: 'Kevin Ma', outcome: 'pending', sentAt: month(10, 9),
      message: 'Our analytics platform could save your team 20 hours a week. Free demo?', reasons: [['pitch.offer_services', 'Our analytics platform', 2], ['pitch.demo', 'Free demo', 1]] }),
    cr({ category: 'too_much_too_soon', direction: 'OUTGOING', name: 'Laura Kim', outcome: 'pending', sentAt: month(11, 9),
      message: 'Could you vote for my startup in the awards? Link in my profile.', reasons: [['ask.vote', 'vote for my startup', 2]] }),
    cr({ category: 'no_message', direction: 'OUTGOING', name: 'Mia Lopez', outcome: 'accepted', sentAt: month(11, 20) }),
  );
  // A smaller previous year.
  for (let i = 0; i < 6; i++) {
    out.push(cr({ category: i < 3 ? 'sales_pitch' : i < 5 ? 'no_message' : 'good', name: `Old Contact ${i}`, sentAt: `2024-${String(7 + i).padStart(2, '0')}-05T12:00:00.000Z`,
      message: i < 3 ? 'Buy our CRM today.' : i < 5 ? '' : 'Great talk at the 2024 summit.', reasons: i < 3 ? [['pitch.offer_services', 'Buy our CRM', 1]] : i === 5 ? [['good.shared_event', 'talk at the 2024 summit', 1]] : [] }));
  }
  return out;
}

export function sampleCoverages(): Coverage[] {
  return [coverage('Basic_LinkedInDataExport_12-20-2024.zip', '2024-12-20'), coverage('Basic_LinkedInDataExport_12-01-2025.zip', '2025-12-01')];
}

export interface TemplateSpec {
  /** Cluster id. */
  id: string;
  /** The note with `{name}` where the recipient's first name goes. */
  pattern: string;
  /** Recipients' names: one CR each. */
  names: string[];
  /** How many of them (the first ones) accepted; the rest are pending (or unknown with `outcomesUnknown`). */
  accepted?: number;
  category?: Category;
  confidence?: number;
  reasons?: [string, string, number?][];
  outcomesUnknown?: boolean;
  sentAt?: (i: number) => string;
}

/** The owner's note sent to several people with only the name changed: one CR per recipient, one one_sender cluster. */
export function sentTemplate(spec: TemplateSpec): ClassifiedRequest[] {
  const n = spec.names.length;
  return spec.names.map((name, i) => {
    const message = spec.pattern.replaceAll('{name}', name.split(' ')[0]);
    return cr({
      category: spec.category ?? (n >= 3 ? 'bot' : 'good'),
      direction: 'OUTGOING',
      name,
      message,
      confidence: spec.confidence ?? 0.9,
      outcome: spec.outcomesUnknown ? 'unknown' : i < (spec.accepted ?? 0) ? 'accepted' : 'pending',
      sentAt: spec.sentAt?.(i) ?? `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}T15:00:00.000Z`,
      reasons: spec.reasons ?? [['template.one_sender', `sent to ${n} people; only the name changed`, 3]],
      cluster: { id: spec.id, kind: 'one_sender', size: n, senders: 1, recipients: n, example: message, pattern: spec.pattern },
    });
  });
}
