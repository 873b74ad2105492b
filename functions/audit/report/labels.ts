/** The words of the page: category titles and the seed's IGNORE/ACCEPT lessons. */
import type { Category, Verdict } from '../model.ts';

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
    lesson: 'A pitch in a connection request. An aggressive sales pitch does not make a good first impression.',
    advice: 'Say what you do in a way that makes them want to learn more, show interest in what they do, and open the door.',
  },
  swing_and_miss: {
    label: 'Swing & miss',
    title: 'The Swing & Miss',
    lesson: 'A very specific industry or specialty that has nothing to do with the person receiving it.',
    advice: 'Look at the profile first and make sure they are the right audience for your outreach.',
  },
  irrelevant: {
    label: 'Irrelevant',
    title: 'The “How is that relevant to me?”',
    lesson: 'Random information and no clear reason to connect.',
    advice: 'Say WHY you want to connect: a shared event, a post, an article, a real common interest.',
  },
  bot: {
    label: 'Bot',
    title: 'The Bot',
    lesson: 'Automation: placeholders, mass templates, identical text from different senders. Easy to spot.',
    advice: 'Send an authentic message. Templates are fine as a start, but make each one personal.',
  },
  too_much_too_soon: {
    label: 'Too much, too soon',
    title: 'Too Much, Too Soon',
    lesson: 'Asks for an action that benefits the sender (comment, like, endorse, follow, vote) before any relationship.',
    advice: 'Make it relevant to them; once they accept, comment on one of their posts first.',
  },
  coworker_template: {
    label: 'Coworker template',
    title: 'The (Confused) Bot',
    lesson: 'The same message from several people of one company.',
    advice: 'If your company builds its network together, coordinate targets and write your own words.',
  },
  good: {
    label: 'Good',
    title: 'The ACCEPT',
    lesson: 'Cites real shared activity and gives a clear reason to connect.',
    advice: '',
  },
  no_message: {
    label: 'No message',
    title: 'No message',
    lesson: 'No note at all: neither ACCEPT nor IGNORE on its own.',
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
