/**
 * The text banks of the sample data, as data files beside this module (invented people only):
 *   - `people.json`: first and last names, companies, job titles, display-name suffixes
 *     ("", ", PhD", emoji), and the titles coworkers sending a template note have.
 *   - `notes.json`: the note templates. `incoming` holds one bank per category, each body sent to
 *     one inbox at most once: `sales_pitch` (pitches a data engineer in Oakland could plausibly buy),
 *     `swing_and_miss` (pitches for unrelated industries and roles), `irrelevant` (personal trivia,
 *     no reason to connect), `too_much_too_soon` (asks for a like, vote, endorsement, follow... before
 *     any relationship), `good` (a specific shared activity, a detail of it and a reason to connect).
 *     `bot` notes go out word for word from several senders (their `{first_name}`, `%FIRSTNAME%` are
 *     part of the text, not slots); `default` is LinkedIn's stock text (listed twice in English, to
 *     weigh it); `coworkerGroups` are slight variations of one text from one company;
 *     `ownerNotes` are the owner's own sent notes (he may reuse one with different people);
 *     `greetings` and `signoffs` dress an incoming body (`english` sign-offs only under an English
 *     note, `thanks` ones only under a note that does not already thank).
 *   - `owners.json`: the two owners: Jonah (Profile.csv, Positions.csv, Skills.csv rows, and the
 *     notes of his hand-made requests) and Inés (her own good notes and pitches).
 * Slots in the templates, filled by `fill`: {{owner}} the owner's first name, {{ownerCompany}} the
 * owner's employer as people write it, {{senderCompany}} the sender's company, {{sender}} the
 * sender's first name (sign-offs), {{recipient}} the first name of the person the owner invites.
 */
import notesJson from './notes.json' with { type: 'json' };
import ownersJson from './owners.json' with { type: 'json' };
import peopleJson from './people.json' with { type: 'json' };

export type BankCat = 'sales_pitch' | 'swing_and_miss' | 'irrelevant' | 'too_much_too_soon' | 'good';

export interface NoteBanks {
  incoming: Record<BankCat, readonly string[]>;
  bot: readonly string[];
  default: readonly string[];
  coworkerGroups: readonly { company: string; texts: readonly string[] }[];
  ownerNotes: readonly { cat: 'good' | 'pitch'; text: string }[];
  greetings: readonly string[];
  signoffs: readonly { english?: true; thanks?: true; text: string }[];
}

export interface PeopleBanks {
  firstNames: readonly string[];
  lastNames: readonly string[];
  companies: readonly string[];
  titles: readonly string[];
  nameSuffixes: readonly string[];
  coworkerTitles: readonly string[];
}

interface OwnerData {
  first: string;
  last: string;
  name: string;
  company: string;
  title: string;
  /** the employer as people write it in notes ("Brightwater") */
  companyAsWritten: string;
}

export interface OwnerOne extends OwnerData {
  slug: string;
  email: string;
  /** the one row of Profile.csv and the rows of Positions.csv, column name -> value, in column order */
  profile: Record<string, string>;
  positions: readonly Record<string, string>[];
  skills: readonly string[];
  crossingInvitationNote: string;
  newYearsEveNote: string;
}

export interface OwnerTwo extends OwnerData {
  goodNotes: readonly string[];
  pitches: readonly string[];
}

export const NOTES: NoteBanks = notesJson as NoteBanks;
export const PEOPLE: PeopleBanks = peopleJson;
export const JONAH: OwnerOne = ownersJson.jonah;
export const INES: OwnerTwo = ownersJson.ines;

export type Slot = 'owner' | 'ownerCompany' | 'senderCompany' | 'sender' | 'recipient';

/** `template` with each {{slot}} replaced by its value; a slot without a value is an error. */
export function fill(template: string, values: Partial<Record<Slot, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, slot: string) => {
    const value = values[slot as Slot];
    if (value === undefined) throw new Error(`no value for {{${slot}}} in "${template}"`);
    return value;
  });
}
