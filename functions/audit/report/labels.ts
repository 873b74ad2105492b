/** The words of the page: category titles and the seed's IGNORE/ACCEPT lessons. */
import type { Category, Role, Verdict } from '../model.ts';

export interface CategoryText {
  /** Short label for charts and tables. */
  label: string;
  /** The seed's section title. */
  title: string;
  /** Why it is an IGNORE (or what makes it an ACCEPT). */
  lesson: string;
  /** What would have made it an ACCEPT, when the classifier gave no advice. */
  advice: string;
}

export const CATEGORY_TEXT: Record<Category, CategoryText> = {
  sales_pitch: {
    label: 'Sales pitch',
    title: 'The Sales Pitch',
    lesson: 'It offers something: a product, a service, a platform, a partnership, a free demo or a job (recruiters included). A pitch in a connection request does not make a good first impression.',
    advice: 'Say what you do in a way that makes them want to learn more, show interest in what they do, and open the door; keep the offer for later.',
  },
  swing_and_miss: {
    label: 'Swing & miss',
    title: 'The Swing & Miss',
    lesson: 'A pitch aimed at an industry, specialty or role the person receiving it does not have.',
    advice: 'Look at the profile first and make sure they are the right audience for your outreach.',
  },
  irrelevant: {
    label: 'Irrelevant',
    title: 'The “How is that relevant to me?”',
    lesson: 'No clear reason to connect: generic flattery, “let’s connect”, a CV, or random facts about the sender.',
    advice: 'Say WHY you want to connect: a shared event, a post, an article, a person you both know.',
  },
  bot: {
    label: 'Bot',
    title: 'The Bot',
    lesson:
      'Evidence of automation: one note sent to three people or more with only the name changed, the same note from unrelated senders, mail-merge debris (a placeholder left in, a greeting to someone else), or an invitation that thanks you for connecting before you have. Generic wording alone is not a bot.',
    advice: 'Write each note for one person: a template with only the name changed reads as a machine, however friendly it is.',
  },
  too_much_too_soon: {
    label: 'Too much, too soon',
    title: 'Too Much, Too Soon',
    lesson:
      'Asks a stranger for something that benefits the sender before any relationship: like, comment, share or endorse, a referral, mentoring, reading a CV, a call as a first step, speaking at an event, a paid expert-network call.',
    advice: 'Connect first and give before you ask: comment on one of their posts, then ask once they know who you are.',
  },
  coworker_template: {
    label: 'Coworker template',
    title: 'The (Confused) Bot',
    lesson: 'The same note from several people of one company.',
    advice: 'If your company builds its network together, coordinate targets and write your own words.',
  },
  good: {
    label: 'Good',
    title: 'The ACCEPT',
    lesson: 'Cites something real the two share (a post, a talk, an event, a person they both know) and gives a clear reason to connect.',
    advice: '',
  },
  no_message: {
    label: 'No message',
    title: 'No message',
    lesson: 'No note at all, or only LinkedIn’s default invitation text: neither ACCEPT nor IGNORE on its own.',
    advice: 'Add a line saying who you are and why you want to connect.',
  },
};

export const VERDICT_TEXT: Record<Verdict, string> = { ACCEPT: 'Accept', IGNORE: 'Ignore', NEITHER: 'No note' };

/** Chart colours (contrast ≥ 4.5:1 against white for text in these colours). */
export const VERDICT_COLOR: Record<Verdict, string> = { ACCEPT: '#0f7b55', IGNORE: '#c0362c', NEITHER: '#6b7280' };

export const CATEGORY_COLOR: Record<Category, string> = {
  sales_pitch: '#c0362c',
  swing_and_miss: '#b4531a',
  irrelevant: '#9a5b00',
  bot: '#8e2f6b',
  too_much_too_soon: '#a8324e',
  coworker_template: '#6d3fa8',
  good: '#0f7b55',
  no_message: '#6b7280',
};

/** Who is writing (issue 16): the words for each role. */
export interface RoleText {
  /** Plural, for tables and headings: "Recruiters". */
  label: string;
  /** What the role covers, in one line. */
  what: string;
}

export const ROLE_TEXT: Record<Role, RoleText> = {
  recruiter: { label: 'Recruiters', what: 'in-house or agency recruiters: a job or contract offer, staffing, staff augmentation' },
  vendor: { label: 'Vendors', what: 'a product, service, course, agency, platform or event sold to you; lead generation' },
  expert_network: { label: 'Expert networks', what: 'paid expert calls and market-research interviews' },
  job_seeker: { label: 'Job seekers', what: 'asks for a job, an internship, a referral, mentoring or guidance' },
  community: { label: 'Communities', what: 'a group, club, school office, summit or event inviting you to join or speak' },
  peer: { label: 'Peers', what: 'people in your field or circle writing as themselves' },
  unknown: { label: 'Unknown', what: 'nothing in the note or its context says who is writing' },
};

/** Chart colours of the roles (contrast ≥ 4.5:1 against white). */
export const ROLE_COLOR: Record<Role, string> = {
  recruiter: '#1d4ed8',
  vendor: '#c0362c',
  expert_network: '#8e2f6b',
  job_seeker: '#9a5b00',
  community: '#0e7490',
  peer: '#0f7b55',
  unknown: '#6b7280',
};
