/**
 * LinkedIn's own invitation texts: when the note is one of them, the sender wrote nothing.
 * Matched on the folded note (lower case, no accents, no punctuation), allowing the optional
 * "Hi <name>," greeting and "- <name>" signature LinkedIn added in older versions.
 */
import { foldSameLength, RepeatedTexts } from './text.ts';

/** Folded, punctuation-free bodies of the default invitations (current and older, several languages). */
const DEFAULT_BODIES = [
  // English
  "i'd like to add you to my professional network on linkedin",
  "i would like to add you to my professional network on linkedin",
  "i'd like to add you to my professional network",
  "i'd like to join your linkedin network",
  "i would like to join your linkedin network",
  "i'd like to connect with you on linkedin",
  "i'd like to include you in my network to share updates and stay in touch",
  'since you are a person i trust i wanted to invite you to join my network on linkedin',
  "i'd like to add you to my network",
  'please accept my invitation to connect on linkedin',
  // Spanish
  'me gustaria anadirte a mi red profesional en linkedin',
  'me gustaria agregarte a mi red profesional en linkedin',
  'quisiera anadirte a mi red profesional en linkedin',
  'me gustaria unirme a tu red en linkedin',
  'me gustaria anadirle a mi red profesional en linkedin',
  // German
  'ich mochte sie gerne zu meinem beruflichen netzwerk auf linkedin hinzufugen',
  'ich mochte sie zu meinem beruflichen netzwerk auf linkedin hinzufugen',
  'ich mochte dich gerne zu meinem beruflichen netzwerk auf linkedin hinzufugen',
  'ich mochte mich gerne mit ihnen auf linkedin vernetzen',
  'ich wurde mich gerne mit ihnen auf linkedin vernetzen',
  'gerne mochte ich sie zu meinem beruflichen netzwerk auf linkedin hinzufugen',
  // French
  "j'aimerais vous inviter a rejoindre mon reseau professionnel en ligne sur le site linkedin",
  'je souhaite vous ajouter a mon reseau professionnel sur linkedin',
  "j'aimerais vous ajouter a mon reseau professionnel sur linkedin",
  "j'aimerais rejoindre votre reseau linkedin",
  // Portuguese
  'gostaria de adiciona-lo a minha rede profissional no linkedin',
  'gostaria de adiciona-la a minha rede profissional no linkedin',
  'gostaria de adiciona-lo(a) a minha rede profissional no linkedin',
  'gostaria de incluir voce na minha rede profissional no linkedin',
  'gostaria de inclui-lo em minha rede profissional no linkedin',
  'gostaria de participar da sua rede no linkedin',
  // Italian, Dutch
  'vorrei aggiungerti alla mia rete professionale su linkedin',
  'ik wil je graag toevoegen aan mijn professionele netwerk op linkedin',
  'Jag vill gärna lägga till dig i mitt professionella nätverk på LinkedIn',
  'Chciałabym dodać Cię do mojej sieci kontaktów zawodowych na LinkedIn',
  'Chciałbym dodać Cię do mojej sieci kontaktów zawodowych na LinkedIn',
  "Sizi LinkedIn'deki profesyonel ağıma eklemek istiyorum",
  'Jeg vil gerne tilføje dig til mit professionelle netværk på LinkedIn',
  'Jeg vil gjerne legge deg til i mitt profesjonelle nettverk på LinkedIn',
];

/** Folded (the one-to-one table the rules use: no Unicode normalisation per note), punctuation to spaces. */
function squash(s: string): string {
  return foldSameLength(s)
    .replace(/[’`´]/g, "'")
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const BODY_SET = new Set(DEFAULT_BODIES.map(squash));
/** Cheap precheck (a superset): every default names LinkedIn or a network. */
const MAYBE_DEFAULT = /linkedin|network|netzwerk|r[ée]seau|\bred\b|\brede\b|\brete\b|netwerk/i;
const GREETING = /^(?:hi|hello|hey|dear|hola|hallo|bonjour|ola|oi|ciao|hoi)(?: [a-z'-]+){0,3} /;

/**
 * The words LinkedIn's default invitations are made of (EN/ES/DE/FR/PT, folded): a short note that
 * names LinkedIn or a network and uses nothing else is a default (or a paraphrase of one).
 */
const DEFAULT_VOCAB = new Set(
  (
    "i i'd id would like to add you my professional network on linkedin join your connect with invite in the online site be please include " +
    'me gustaria anadirte agregarte a mi red profesional en unirme tu conectar contigo invitarte quisiera formar parte de ' +
    'gostaria incluir voce na minha rede profissional no participar da sua inclui-lo em adicionar convidar ' +
    "je j'aimerais aimerais souhaiterais voudrais vous inviter rejoindre mon reseau professionnel ligne sur le ajouter votre connecter avec " +
    'ich mochte wurde sie dich gerne gern zu meinem mein beruflichen netzwerk auf hinzufugen einladen ihrem deinem beitreten mit vernetzen'
  ).split(' '),
);
const NETWORK_WORD = /^(?:linkedin|network|netzwerk|reseau|red|rede)$/;

function onlyDefaultWords(words: string[]): boolean {
  return words.length >= 5 && words.length <= 16 && words.every((w) => DEFAULT_VOCAB.has(w)) && words.some((w) => NETWORK_WORD.test(w)) && words.includes('linkedin');
}

/** Every word a default (or a paraphrase of one) can be made of. */
const ANY_DEFAULT_WORD = new Set([...DEFAULT_VOCAB, ...[...BODY_SET].flatMap((b) => b.split(' '))]);
/** A default may carry a greeting (up to 4 words) and a signature (up to 3): no more foreign words. */
const MAX_FOREIGN_WORDS = 7;

/**
 * A leading name or greeting clause LinkedIn-default senders add ("Dana, …", "Dear Dr. Dana Lee: …"):
 * up to four words before the first comma, colon or dash. Returns how many folded words it holds.
 */
function leadingClauseWords(text: string): number {
  // the clause starts after the leading whitespace (not inside it: one way to split, no backtracking
  // between the two); a clause that would start with whitespace holds no word and counts 0 either way
  const m = /^\s*([^,:;!.\n—–\s-][^,:;!.\n—–-]{0,47})[,:;!—–-]/.exec(text);
  if (!m) return 0;
  const n = squash(m[1]).split(' ').filter(Boolean).length;
  return n <= 4 ? n : 0;
}

/** Returns the default text matched (the note itself) when the note is a LinkedIn default. */
export function linkedInDefault(text: string): string | null {
  if (text.length > 220) return null;
  // a default has at most 16 words, plus a short greeting and signature
  let wordCount = 0;
  // (each character read once: the one before it is remembered)
  for (let i = 0, prev = 32; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && prev <= 32 && ++wordCount > 27) return null;
    prev = c;
  }
  if (!MAYBE_DEFAULT.test(text)) return null;
  const s = squash(text);
  if (BODY_SET.has(s)) return text.trim();
  // try: optional greeting prefix, optional trailing signature (up to 3 name words)
  const words = s.split(' ');
  let foreign = 0;
  for (const w of words) if (!ANY_DEFAULT_WORD.has(w) && ++foreign > MAX_FOREIGN_WORDS) return null;
  const lead = leadingClauseWords(text);
  for (let start = 0; start <= Math.min(4, words.length); start++) {
    const head = words.slice(0, start).join(' ');
    if (start > 0 && start !== lead && !GREETING.test(head + ' ')) continue;
    for (let cut = 0; cut <= 3 && words.length - cut > start; cut++) {
      const body = words.slice(start, words.length - cut).join(' ');
      if (BODY_SET.has(body) || onlyDefaultWords(body.split(' '))) return text.trim();
    }
  }
  return null;
}

/**
 * The note without the sentences that are LinkedIn default texts: a default with a real sentence
 * added is judged by the added sentence. The note itself when it holds no default sentence.
 */
export function withoutDefaults(text: string): string {
  return JUDGED.of(text);
}

function withoutDefaultsUncached(text: string): string {
  if (!MAYBE_DEFAULT.test(text)) return text;
  // a sentence is only tried where a run of non-punctuation starts (the lookbehind): a run that does
  // not end a sentence (one followed by a line break) is scanned once, not once per character
  const sentences = text.match(/(?<![^.!?\n])[^.!?\n]+(?:[.!?]+|$)/g);
  if (!sentences || sentences.length < 2) return text;
  const kept = sentences.filter((s) => !linkedInDefault(s));
  return kept.length === sentences.length || kept.length === 0 ? text : kept.join('').trim();
}
/** withoutDefaults of a text that repeats (a template's copies). */
const JUDGED = new RepeatedTexts(withoutDefaultsUncached);
