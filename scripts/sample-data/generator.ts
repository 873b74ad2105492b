/**
 * The generator of one run: the seeded PRNG and everything the run accumulates (slugs handed out,
 * note templates used per inbox, the owner's sent notes used, banks that ran dry) live in one
 * `Generator`, created per run; nothing is kept at module level. Every method draws from
 * `this.rng`, so the order of the calls is the order of the draws: same seed, same calls, same files.
 */
import { type BankCat, fill, NOTES, PEOPLE } from './banks.ts';
import { Random } from './random.ts';
import { addDays, randomWall, utcDateOf, type Wall, wallKey } from './time.ts';

export interface PersonRec {
  first: string;
  last: string;
  name: string; // display name as exported
  slug: string; // raw Unicode slug
  company: string;
  title: string;
}

export type Cat = BankCat | 'bot' | 'coworker_template' | 'default';

export interface CR {
  direction: 'INCOMING' | 'OUTGOING';
  who: PersonRec;
  wall: Wall;
  note: string;
  cat: Cat | 'none' | 'owner_good' | 'owner_pitch';
  acceptedOn: string | null; // UTC date the connection was made, or never
  toText?: string; // INCOMING: what the To cell says (normally the owner's name)
}
/** Whose inbox a note goes to: the owner's first name and his employer as people write it. */
export interface Inbox {
  first: string;
  at: string;
}

export const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[łŁ]/g, 'l').replace(/[øØ]/g, 'o');

const NOT_ENGLISH = /(?<!\p{L})(hola|hallo|olá|oi|salut|bonjour|guten|wir|und|ich|nous|vous|je|você|para|uma|una|los|las|der|die|das|soy|sou)(?!\p{L})/iu;
const THANKS = /thank|merci|danke|gracias|obrigad|valeu/i;
// a body that opens with its own greeting gets no other one
const OWN_GREETING = /^(Hi|Hey|Hello|Hola|Hallo|Bonjour|Salut|Olá|Oi|Guten (Tag|Morgen))(?=[\s,!])/;
// after "Hi Jonah, " or "Jonah - " the body goes on in lower case, unless it starts with "I" or a name
const KEEPS_CAPITAL = /^(I|I'm|I'd|I've|Ana|Priya|Gwen)\b/;
/** How likely a CR of each category is accepted (an OUTGOING one without a note: 0.6). */
const ACCEPT_RATE: Record<CR['cat'], number> = { good: 0.85, none: 0.5, owner_good: 0.8, owner_pitch: 0.45, default: 0.3, sales_pitch: 0.12, swing_and_miss: 0.05, irrelevant: 0.25, bot: 0.05, too_much_too_soon: 0.15, coworker_template: 0.3 };

export class Generator {
  readonly rng: Random;
  /** Every slug handed out, so that no two people share one. */
  readonly usedSlugs = new Set<string>();
  /**
   * Per inbox (owner's first name), the templates already sent to it: two different senders with the
   * same words would be a template (a bot, by the taxonomy); only bot and coworker notes are meant to be.
   */
  readonly usedBodies = new Map<string, Set<string>>();
  /** The owner's own sent notes already used, with the recipient's name filled in. */
  readonly ownerNotesUsed = new Set<string>();
  /** Per category, CRs left without a note because its bank was used up (main reports it). */
  readonly exhausted = new Map<string, number>();

  constructor(seed: number) {
    this.rng = new Random(seed);
  }

  person(first = this.rng.pick(PEOPLE.firstNames), last = this.rng.pick(PEOPLE.lastNames), company = this.rng.pick(PEOPLE.companies), title = this.rng.pick(PEOPLE.titles)): PersonRec {
    const { rng, usedSlugs } = this;
    const base = `${first}-${last}`.toLowerCase().replace(/'/g, '').replace(/\s+/g, '-');
    let slug = rng.chance(0.55) ? fold(base) : base; // many slugs keep their accents (raw Unicode in Invitations.csv)
    if (rng.chance(0.6) || usedSlugs.has(slug)) slug += `-${Math.floor(rng.next() * 0xfffffff).toString(16).padStart(7, '0')}`;
    while (usedSlugs.has(slug)) slug += rng.int(0, 9);
    usedSlugs.add(slug);
    const suffix = rng.pick(PEOPLE.nameSuffixes);
    return { first, last, name: `${first} ${last}${suffix}`, slug, company, title };
  }

  /** A fresh note of `cat` for `inbox` from sender `p`, or '' when that category's bank is used up. */
  uniqueNote(cat: BankCat, inbox: Inbox, p: PersonRec): string {
    const used = this.usedBodies.get(inbox.first) ?? this.usedBodies.set(inbox.first, new Set()).get(inbox.first)!;
    const fresh = NOTES.incoming[cat].filter((t) => !used.has(t));
    for (let attempt = 0; attempt < 40 && fresh.length; attempt++) {
      const tpl = this.rng.pick(fresh);
      const text = this.dress(fill(tpl, { owner: inbox.first, ownerCompany: inbox.at, senderCompany: p.company }), inbox.first, p);
      if ([...text].length <= 300) {
        used.add(tpl);
        return text;
      }
    }
    this.exhausted.set(cat, (this.exhausted.get(cat) ?? 0) + 1);
    return '';
  }

  /** `body` with a greeting to `owner` (unless it has one) and a sign-off of `p` that fits it. */
  private dress(body: string, owner: string, p: PersonRec): string {
    const greets = body.includes(owner) || OWN_GREETING.test(body) ? '' : fill(this.rng.pick(NOTES.greetings), { owner });
    const lower = /[,-] $/.test(greets) && /^[A-Z][a-z]/.test(body) && !KEEPS_CAPITAL.test(body);
    const signoffs = NOTES.signoffs.filter((s) => !(s.english && NOT_ENGLISH.test(body)) && !(s.thanks && THANKS.test(body)));
    const signoff = fill(this.rng.pick(signoffs).text, { sender: p.first });
    return `${greets}${lower ? body[0].toLowerCase() + body.slice(1) : body}${signoff}`;
  }

  /** `cr` with the UTC date it was accepted on, or null when it never was. */
  settle(cr: Omit<CR, 'acceptedOn'>): CR {
    const rate = cr.direction === 'OUTGOING' && cr.cat === 'none' ? 0.6 : ACCEPT_RATE[cr.cat];
    const { rng } = this;
    return { ...cr, acceptedOn: rng.chance(rate) ? addDays(utcDateOf(cr.wall), rng.chance(0.6) ? rng.int(0, 2) : rng.int(3, 20)) : null };
  }

  private incomingCategory(): Exclude<Cat, 'coworker_template'> | 'none' {
    if (!this.rng.chance(0.36)) return 'none';
    const r = this.rng.next();
    if (r < 0.26) return 'good';
    if (r < 0.46) return 'sales_pitch';
    if (r < 0.56) return 'swing_and_miss';
    if (r < 0.66) return 'irrelevant';
    if (r < 0.78) return 'too_much_too_soon';
    if (r < 0.88) return 'bot';
    return 'default';
  }

  /** A request to `inbox` sent between `from` and `to`, with or without a note. */
  incoming(from: string, to: string, inbox: Inbox): CR {
    let cat: CR['cat'] = this.incomingCategory();
    const who = this.person();
    let note = '';
    if (cat === 'bot') note = this.rng.pick(NOTES.bot); // each bot template goes out from several senders, word for word
    else if (cat === 'default') note = this.rng.pick(NOTES.default);
    else if (cat !== 'none') {
      note = this.uniqueNote(cat, inbox, who);
      if (!note) cat = 'none';
    }
    return this.settle({ direction: 'INCOMING', who, wall: randomWall(this.rng, from, to), note, cat });
  }

  /** A request the owner sent between `from` and `to`: mostly without a note, else one of his own. */
  outgoing(from: string, to: string): CR {
    const who = this.person();
    let note = '';
    let cat: CR['cat'] = 'none';
    if (this.rng.chance(0.3)) {
      for (let i = 0; i < 20; i++) {
        const n = this.rng.pick(NOTES.ownerNotes);
        const text = fill(n.text, { recipient: who.first });
        if (!this.ownerNotesUsed.has(text)) {
          this.ownerNotesUsed.add(text);
          note = text;
          cat = n.cat === 'good' ? 'owner_good' : 'owner_pitch';
          break;
        }
      }
    }
    return this.settle({ direction: 'OUTGOING', who, wall: randomWall(this.rng, from, to), note, cat });
  }

  /** The people of coworker group `groupIndex`, each sending a variation of its text within a few days. */
  coworkers(groupIndex: number, from: string, to: string, inbox: Inbox): CR[] {
    const g = NOTES.coworkerGroups[groupIndex];
    const day = randomWall(this.rng, from, to);
    return g.texts.map((tpl, i) => {
      const who = this.person(undefined, undefined, g.company, this.rng.pick(PEOPLE.coworkerTitles));
      const wall = { ...day, d: Math.min(day.d + this.rng.int(0, 3), 28), h: this.rng.int(8, 17), mi: this.rng.int(0, 59) };
      const cr = { direction: 'INCOMING' as const, who, wall, note: fill(tpl, { owner: inbox.first }), cat: 'coworker_template' as const };
      return { ...cr, acceptedOn: i === 0 ? addDays(utcDateOf(wall), 1) : null };
    });
  }

  /** The rows as an export lists them: OUTGOING block first, then INCOMING; each newest first with a few neighbours out of order. */
  orderForExport(crs: CR[]): CR[] {
    const block = (d: CR['direction']) => {
      const b = crs.filter((c) => c.direction === d).sort((a, c) => wallKey(c.wall) - wallKey(a.wall));
      for (let i = 1; i < b.length; i++) if (this.rng.chance(0.05)) [b[i - 1], b[i]] = [b[i], b[i - 1]];
      return b;
    };
    return [...block('OUTGOING'), ...block('INCOMING')];
  }
}
