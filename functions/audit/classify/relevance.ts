/**
 * Recipient relevance for swing_and_miss: which industry niches a note targets, and whether the
 * recipient's profile (headline, industry, positions, skills; or the invitee's position and
 * company) is in that niche. A niche pitch that fits the recipient is not a swing and miss.
 * Terms are matched on folded text (lower case, no accents), in EN/ES/DE/FR/PT.
 */
import type { OwnerProfile } from '../model.ts';
import { Gate } from './gate.ts';
import { fold, foldSameLength } from './text.ts';

interface Vertical {
  id: string;
  re: RegExp;
}

const v = (id: string, terms: string): Vertical => ({ id, re: new RegExp(`\\b(?:${terms})`, 'g') });

/** Industry niches. Each is a family of stems; a note "targets" a niche when it names it. */
export const VERTICALS: Vertical[] = [
  v('ecommerce', 'e-?commerce|online stores?|shopify|cart abandon|abandoned carts?|checkout|dtc\\b|d2c\\b|comercio electronico|tienda online|onlineshop|boutique en ligne|loja virtual'),
  v('clinical', 'physicians?|doctors?\\b|clinics?\\b|clinical|patients?|charting|ehr\\b|emr\\b|nurs(?:e|es|ing)\\b|hospitals?|medic(?:al|ine)|health ?care|medicos?|pacientes?|arzt|arzte|klinik|medecins?|infirmi|hopita|enfermeir|enfermer'),
  v('dental', 'dentists?|dental|orthodont|crowns?\\b|zahnarzt|dentistas?|dentaire'),
  v('veterinary', 'veterinar|vet clinic|animal hospital|tierarzt|veterinaire'),
  v('legal', 'litigation|attorneys?|lawyers?|law firms?|legal\\b|paralegal|discovery costs|abogad|anwalt|kanzlei|avocats?|advogad|juridic|law practice'),
  v('agriculture', 'farms?\\b|farmers?|farming|growers?\\b|harvest|crops?\\b|agronom|irrigation|agricult|landwirt|agricol|fazenda|agro'),
  v('crypto', 'crypto|defi\\b|bitcoin|blockchain|web3|nfts?\\b|altcoins?|l2\\b|token sale'),
  v('trades', 'hvac|plumb(?:er|ing)|roof(?:er|ing)|electricians?|handyman|contractors?\\b'),
  v('k12', 'teachers?\\b|classrooms?|lesson plan|k-12|pta\\b|school districts?|elementary|profesor(?:es|as)?\\b|lehrer|enseignants?|professor(?:es|a|as)?\\b|docentes?\\b|escolas?\\b'),
  v('logistics', 'logistic|freight|ltl\\b|carrier rates|trucking|fleets?\\b|shipping|warehous|3pl\\b|supply chain|dispatch|forklift|spedition|logistica|logistique|transport'),
  v('food', 'restaurants?|restaurat|restaurante|cuisine|kuche|cozinha|chefs?\\b|bakery|bakeries|pastr(?:y|ies)|kitchens?|coffee shop|cafe\\b|brewer(?:y|ies)|catering|gastronom|food service|restaurante|boulangerie'),
  v('wedding', 'weddings?|brides?(?:-to-be)?\\b|grooms?\\b|engagement ring|florists?|bodas?\\b|hochzeit|mariage|casamento'),
  v('pharma', 'oncology|clinical research|clinical trials?|\\bcras?\\b|phase (?:i|ii|iii|1|2|3)\\b|pharma|biotech|drug development|farmac'),
  v('software', 'saas|software|mrr\\b|arr\\b|churn|devops|developers?|engineering teams?|tech professionals|startups?|fintech|programador|entwickler|developpeur|desenvolvedor'),
  v('realestate', 'real estate|property manag|tenants?|landlords?|realtors?|brokerage|inmobiliari|immobilien|immobilier|imobiliari|propert(?:y|ies)'),
  v('energy', 'oil and gas|oil & gas|drilling|offshore|refiner|pipelines?|substations?|utilities|petrol'),
  v('finance', 'banks?\\b|banking|lenders?|lending|mortgages?|credit unions?|wealth|investors?|investment|portfolio|fp&a|accounting|accountants?|accounts (?:payable|receivable)|bookkeep|cfo\\b|financ|banco|finanz|comptab|contabil'),
  v('insurance', 'insurance|claims|underwrit|actuar|seguros?\\b|versicherung|assurance'),
  v('hr', 'recruiters?\\b|recruitment|talent acquisition|human resources|\\bhr\\b|staffing|l&d\\b|learning & development|people team|head of people|recursos humanos|personalabteilung|ressources humaines'),
  v('manufacturing', 'manufactur|factory|factories|plants?\\b|production line|fabrica|fertigung|usine'),
  v('construction', 'construction|builders?\\b|architects?|civil engineer|bridges?\\b|estimators?|construccion|bau(?:gewerbe|unternehmen)|batiment|construcao'),
  v('hospitality', 'hotels?\\b|hospitality|resorts?\\b|guests?\\b|hotel(?:es|aria)'),
  v('nonprofit', 'non-?profits?|charit(?:y|ies)|donors?|fundrais|ngo\\b|ong\\b'),
  v('government', 'government|municipal|city council|public sector|gobierno|behorde|gouvernement|governo'),
  v('fitness', 'gyms?\\b|fitness|personal trainers?|physio|wellness'),
  v('retail', 'retail|grocery|stores?\\b|merchandis|einzelhandel|commerce de detail|varejo|minorista'),
  v('marketing', 'marketing|brand managers?|social media managers?|content marketing|seo\\b|advertis'),
  v('education_higher', 'universit|higher education|students?\\b|faculty|campus|estudiantes|studenten|etudiants|alunos'),
];

/** Phrases that state who the recipient is assumed to be: "as a X", "X like you", "fellow X"... */
const FORWARD = /\b(?:as (?:a|an|the)|fellow|most|many|every|all|we help|i help|given your|deep in|you'?re (?:a|an|in)|you are (?:a|an|in)|in your|for (?:\w+ )?(?:like yours)?|your|como|als|en tant qu'?e?|pour les|para (?:os|as|los|las)?|fur)\b/g;
const BACKWARD = /\blike (?:you|yours)\b|\bcomo (?:tu|usted|voce)\b|\bwie sie\b|\bcomme vous\b/g;

export interface Hit {
  vertical: string;
  /** Offsets in the (folded) text, which has the same length as the note only when folding kept it; callers slice the original with care. */
  start: number;
  end: number;
  term: string;
}

/** All niches in one scan: one capture group per vertical. */
const ALL_VERTICALS = new RegExp(VERTICALS.map((vt) => `(${vt.re.source})`).join('|'), 'g');

/** Prefilter: a note none of whose words can start a niche term has no niche (see gate.ts). */
const VERTICAL_GATE = new Gate(VERTICALS.map((vt) => vt.re.source));

function verticalsIn(s: string): Hit[] {
  const hits: Hit[] = [];
  if (VERTICAL_GATE.scan(s).indexOf(1) < 0) return hits;
  ALL_VERTICALS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ALL_VERTICALS.exec(s))) {
    if (m[0].length === 0) {
      ALL_VERTICALS.lastIndex++;
      continue;
    }
    let g = 1;
    while (g <= VERTICALS.length && m[g] === undefined) g++;
    hits.push({ vertical: VERTICALS[g - 1].id, start: m.index, end: m.index + m[0].length, term: m[0] });
  }
  return hits;
}

/** The recipient's profile as one folded text. */
export function profileText(p: string | OwnerProfile | undefined | null): string {
  if (!p) return '';
  if (typeof p === 'string') return fold(p);
  return fold(
    [p.headline, p.industry, p.summary, ...p.positions.flatMap((x) => [x.title, x.company]), ...p.skills].join(' | '),
  );
}

const profileCache = new Map<string, Set<string>>();
function profileVerticals(profile: string): Set<string> {
  let pv = profileCache.get(profile);
  if (!pv) {
    pv = new Set(verticalsIn(profile).map((h) => h.vertical));
    if (profileCache.size > 2000) profileCache.clear();
    profileCache.set(profile, pv);
  }
  return pv;
}

const textCache = new Map<string, string>();
const objectCache = new WeakMap<OwnerProfile, string>();

/** profileText, memoised (an inbox has one owner profile, or a few invitee profiles repeated). */
export function cachedProfileText(p: string | OwnerProfile | undefined | null): string {
  if (!p) return '';
  if (typeof p === 'string') {
    let t = textCache.get(p);
    if (t === undefined) {
      t = profileText(p);
      if (textCache.size > 2000) textCache.clear();
      textCache.set(p, t);
    }
    return t;
  }
  let t = objectCache.get(p);
  if (t === undefined) {
    t = profileText(p);
    objectCache.set(p, t);
  }
  return t;
}

export interface Relevance {
  /** Audience the note assumes, not found in the profile: evidence phrase. */
  assumedMismatch?: string;
  /** Niche term of the note not found in the profile. */
  nicheMismatch?: string;
  /** Niche term of the note that the profile shares. */
  nicheFits?: string;
}

const stem = (t: string) => t.replace(/[^a-z0-9&]/g, '').slice(0, 5);

/**
 * Compares the note's niches with the recipient's profile. `note` is the original text; matching
 * is on the folded copy and evidence is sliced from the original when lengths agree.
 */
export function relevance(note: string, profile: string): Relevance {
  if (!profile.trim()) return {};
  const folded = foldSameLength(note);
  const slice = (a: number, b: number) => note.slice(a, b);
  const hits = verticalsIn(folded);
  const pv = profileVerticals(profile);
  if (hits.length === 0) {
    const a = lexicalAudienceMismatch(folded, profile, pv);
    return a ? { assumedMismatch: slice(a.start, a.end) } : {};
  }
  const fits = (h: Hit) => pv.has(h.vertical) || (stem(h.term).length >= 4 && profile.includes(stem(h.term)));
  const out: Relevance = {};
  const fitting = hits.find(fits);
  if (fitting) out.nicheFits = slice(fitting.start, fitting.end);
  // audience: niche terms right after a forward marker or right before "like you"
  const audience: { start: number; end: number; hit: Hit }[] = [];
  FORWARD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FORWARD.exec(folded))) {
    const from = m.index;
    const to = m.index + m[0].length + 20;
    for (const h of hits) if (h.start >= m.index + m[0].length - 1 && h.start <= to) audience.push({ start: from, end: h.end, hit: h });
  }
  BACKWARD.lastIndex = 0;
  while ((m = BACKWARD.exec(folded))) {
    for (const h of hits) if (h.end <= m.index && h.end >= m.index - 35) audience.push({ start: h.start, end: m.index + m[0].length, hit: h });
  }
  audience.sort((x, y) => x.start - y.start || x.end - y.end);
  if (audience.length > 0 && !audience.some((a) => fits(a.hit))) {
    out.assumedMismatch = slice(audience[0].start, audience[0].end);
  } else if (audience.length === 0) {
    const a = lexicalAudienceMismatch(folded, profile, pv);
    if (a) out.assumedMismatch = slice(a.start, a.end);
  }
  if (!fitting) out.nicheMismatch = slice(hits[0].start, hits[0].end);
  return out;
}

/**
 * Who the note says the recipient is, in its own words ("optometrists like you", "as a litigation
 * partner", "en tant que caviste", "als Landwirt wissen Sie", "como experta en comercio exterior"),
 * for audiences outside the niche list: the phrase's content words are looked up in the profile.
 */
const AUDIENCE: RegExp[] = [
  /\b((?:[a-z][a-z-]+ ){0,2}[a-z][a-z-]+) like (?:you|yours|yourself)\b/g,
  /\b(?:as|being) (?:a|an|the|one of the) (?:fellow )?((?:[a-z][a-z&-]* ){0,3}[a-z][a-z&-]+)/g,
  /\ben tant que ((?:[a-z][a-z-]* ){0,2}[a-z][a-z-]+)/g,
  /\bals ([a-z][a-z-]+(?: [a-z][a-z-]+)?) (?:wissen|kennen|sind|haben|brauchen) sie\b/g,
  /\bcomo ((?:experta?|especialista|duen[oa]|director[a]?|gerente|responsable|profesional|dono|dona|gestor[a]?)(?: (?:en|de|em|do|da) [a-z]+(?: [a-z]+)?)?)/g,
  /\b([a-z][a-z-]+s) (?:in your area|near you|in your city)\b/g,
];
const NOT_CONTENT = new Set(['fellow', 'busy', 'someone', 'person', 'people', 'professional', 'professionals', 'leader', 'leaders', 'expert', 'experts', 'you', 'your', 'yours', 'with', 'that', 'this', 'most', 'many', 'other', 'others', 'like', 'great', 'successful', 'smart', 'driven', 'member', 'result', 'reminder', 'thank', 'token', 'well', 'owner', 'owners', 'manager', 'managers', 'team', 'teams', 'companies', 'company', 'businesses', 'business', 'firms', 'brands', 'organizations', 'organisations', 'minded', 'amazing', 'folks', 'experta', 'experto', 'especialista', 'profesional', 'responsable', 'gerente', 'director', 'directora']);

const MAY_NAME_AUDIENCE = /like (?:you|yours)|\b(?:as|being) (?:a|an|one)\b|en tant que|\bals \w+ \w+ sie\b|\bcomo\b|in your (?:area|city)|near you/;

function lexicalAudienceMismatch(folded: string, profile: string, pv: Set<string>): { start: number; end: number } | null {
  if (!MAY_NAME_AUDIENCE.test(folded)) return null;
  for (const re of AUDIENCE) {
    re.lastIndex = 0;
    const m = re.exec(folded);
    if (!m) continue;
    const words = m[1].split(/[\s-]+/).filter((w) => w.length >= 3 && !NOT_CONTENT.has(w));
    if (words.length === 0) continue;
    const stems = words.map((w) => w.replace(/[^a-z0-9&]/g, '').slice(0, 5)).filter((x) => x.length >= 3);
    if (stems.some((st) => profile.includes(st))) return null;
    for (const h of verticalsIn(m[0])) if (pv.has(h.vertical)) return null;
    return { start: m.index, end: m.index + m[0].length };
  }
  return null;
}
