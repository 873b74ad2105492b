/**
 * Recipient relevance for swing_and_miss: which industry niches a note targets, and whether the
 * recipient's profile (headline, industry, positions, skills; or the invitee's position and
 * company) is in that niche. A niche pitch that fits the recipient is not a swing and miss.
 * Terms are matched on folded text (lower case, no accents), in EN/ES/DE/FR/PT.
 */
import type { OwnerProfile } from '../model.ts';
import { AndGate, Gate, gateLater } from './gate.ts';
import { fold, foldSameLength } from './text.ts';

interface Vertical {
  id: string;
  re: RegExp;
}

const v = (id: string, terms: string): Vertical => ({ id, re: new RegExp(`\\b(?:${terms})`, 'g') });

/** Industry niches. Each is a family of stems; a note "targets" a niche when it names it. */
export const VERTICALS: Vertical[] = [
  v('ecommerce', 'e-?commerce|tiktok shop|shopware|allegro\\b|etsy|mercado ?libre|mercado ?livre|sklep internetowy|online stores?|online shops?|shopify|amazon sellers?|amazon fba|fba\\b|etsy|marketplace sellers?|dropship|cart abandon|abandoned carts?|checkout|dtc\\b|d2c\\b|woocommerce|product listings?|comercio electronico|tiendas? online|tiendas? en linea|onlineshops?|online-shops?|boutiques? en ligne|lojas? virtua(?:l|is)|lojas? online|vendedores (?:da|de|en) amazon|negozi online|webshops?'),
  v('clinical', 'physicians?|pflegedienst\\w*|ambulante pflege|pflegeheim\\w*|home care agenc\\w*|ivf\\b|embryolog\\w*|fertility clinics?|huisarts|patient|practice managers?|medici\\b|medico\\b|doctors?\\b|clinics?\\b|clinical|patients?|charting|private practice|medical practice|consultorios?|cabinet medical|ehr\\b|emr\\b|nurs(?:e|es|ing)\\b|hospitals?|medic(?:al|ine)|health ?care|medicos?|pacientes?|arzt|arzte|klinik|medecins?|infirmi|hopita|enfermeir|enfermer|hipaa|podiatr|orthotic|telehealth|telemedic|teleconsult|arztpraxis|arztpraxen|clinicas?'),
  v('dental', 'dentists?|dental|orthodont|odontolog|dentistry|crowns?\\b|zahnarzt|zahn(?:arzt)?praxis|dentistas?|dentaire|aligners?|implants?\\b|hygienists?|tandarts|dentisti|dentist[ai]\\b|cabinet dentaire'),
  v('veterinary', 'veterinar|vet clinic|animal hospital|tierarzt|veterinaire|dierenarts|pets?\\b|mascotas|haustier'),
  v('pos', 'pos\\b|point[- ]of[- ]sale|cash registers?|tpv\\b|kassensystem|caisse enregistreuse|terminal de caixa'),
  v('legal', 'litigation|law offices?|legal services|notar|attorneys?|lawyers?|law firms?|legal\\b|paralegal|discovery costs|abogad|anwalt|kanzlei|avocats?|advogad|advocacia|juridic|law practice|legal[ie]\\b|avvocat|advocaten|advocaat|notai|rechtsanw|counsel\\b|general counsel|in-house counsel|ndas?\\b|contract review|case law|abogacia|despachos? de abogados'),
  v('agriculture', 'farms?\\b|vinedos?|fitosanit\\w*|mildiu|oidio|botritis|fincas?\\b|avocado|aguacat|orchards?|huertas?|frutic|olive groves?|ranch|vineyards?|winer(?:y|ies)|dairy|livestock|farmers?|farming|growers?\\b|harvest|crops?\\b|agronom|irrigation|agricult|landwirt|agricol|fazenda|agro|corn\\b|wheat|soy ?beans?|seed treatments?|bu\\/acre|per acre|acres?\\b|hectares?|\\d+ ha\\b|tractors?|cows?\\b|cattle|herds?\\b|vaches|elevage|eleveurs?|melkvee|veehouder|boeren|boerderij|lavouras?|soja\\b|gado|pecuari|ganader|vacas\\b|milchvieh|kuhe\\b|stall(?:e|ungen)?\\b|greenhouses?|kassen\\b|tuinbouw|serres?\\b|agriculteurs?|agricultores?|bauern\\b|landwirte'),
  v('crypto', 'crypto|defi\\b|bitcoin|blockchain|web3|nfts?\\b|altcoins?|l2\\b|token sale'),
  v('trades', 'hvac|elektriker\\w*|electricistas?|eletricistas?|elettricist\\w*|id06|plumb(?:er|ing)|ducts?\\b|ductwork|electrical contractors?|installateur|sanitar|loodgieter|idraulic|roof(?:er|ing)|electricians?|handyman|contractors?\\b|landscap|carpent|painters?\\b|fontaner|klempner|handwerk|plombier|encanador'),
  v('k12', 'teachers?\\b|homeschool\\w*|phonics|classrooms?|schools?\\b|pupils|turmas?\\b|docentes?\\b|maestr[oa]s\\b|colegios?\\b|schulen?\\b|lehrkr|ecoles?\\b|professeurs?|education\\b|educacion|educacao|bildung|lesson plan|k-12|pta\\b|school districts?|elementary|profesor(?:es|as)?\\b|lehrer|enseignants?|professor(?:es|a|as)?\\b|docentes?\\b|escolas?\\b'),
  v('logistics', 'logistic|freight|eld\\b|ifta\\b|cdl\\b|truck drivers?|cdl drivers?|dispatchers?|vrachtwagen|camioneros?|lkw|ltl\\b|carrier rates|trucking|fleets?\\b|shipping|warehous|3pl\\b|supply chain|dispatch|forklift|spedition|logistica|logistique|transport'),
  v('food', 'restaurants?|cantin[ae]\\b|bodegas?\\b|barricas?|wineries|vinos?\\b|vinhos?\\b|wein(?:gut|guter|bau)|domaines? viticoles?|vineyard|ristorant|horeca|bars?\\b|pubs?\\b|taverns?|bartend|bistros?|cafes\\b|cafeterias?|opentable|food trucks?|restaurat|restaurante|cuisine|kuche|cozinha|chefs?\\b|bakery|bakeries|bakker|backerei|boulanger|padaria|panader|caseific|cheese|queser|fromager|kaserei|beverage|drinks?\\b|wine|sommelier|cider|spirits\\b|distiller|food (?:and|&) beverage|food production|bebidas|getranke|boissons|vinos?\\b|pastr(?:y|ies)|kitchens?|coffee shops?|cafes\\b|brewer(?:y|ies)|catering|gastronom|food service|restaurante|boulangerie'),
  v('wedding', 'weddings?|brides?(?:-to-be)?\\b|grooms?\\b|engagement ring|florists?|bodas?\\b|hochzeit|mariage|casamento'),
  v('pharma', 'oncology|lims\\b|21 cfr|cfr part 11|gmp\\b|eqms\\b|nutraceutical\\w*|supplement brands?|clinical research|clinical trials?|\\bcras?\\b|phase (?:i|ii|iii|1|2|3)\\b|pharma|biotech|drug development|farmac'),
  v('software', 'saas|software|salesforce|soc ?2|pull requests?|repos?\\b|github|mrr\\b|arr\\b|churn|devops|developers?|engineering teams?|tech professionals|startups?|fintech|information technology|it services|cto\\b|programador|entwickler|developpeur|desenvolvedor'),
  v('realestate', 'real estate|corretor(?:es)? de im[oó]veis|imoveis|house flippers?|fix and flip|flippers?\\b|airbnb|short-term rentals?|vacation rentals?|listings?\\b|makelaar|property manag|tenants?|landlords?|realtors?|brokerage|inmobiliari|immobilien|immobilier|imobiliari|propert(?:y|ies)'),
  v('energy', 'oil and gas|oil & gas|drilling|offshore (?:drilling|wind|rigs?|platforms?)|solar|wind farms?|renewable|petroleo|energie|energia|refiner|pipelines?|substations?|utilities|petrol'),
  v('finance', 'banks?\\b|biur(?:a|o)? rachunkow\\w*|rachunkow\\w*|ksiegow\\w*|datev|mandanten|kassenbons?|banking|lenders?|lending|mortgages?|credit unions?|wealth|investors?|investment|fp&a|accounting|contab|steuerberat|buchhalt|expert-comptable|accountants?|accounts (?:payable|receivable)|bookkeep|cfo\\b|financ|banco|finanz|comptab|contabil|steuerkanzlei|steuerbur|tax (?:preparers?|advisers?|advisors?|firms?|offices?)|asesor[ií]as? fiscal|escrit[oó]rios? de contabilidade|cabinets? comptables?'),
  v('insurance', 'insurance|claims|underwrit|actuar|seguros?\\b|versicherung|assurance'),
  v('hr', 'recruiters?\\b|recruitment|talent acquisition|human resources|\\bhr\\b|staffing|l&d\\b|learning & development|people team|head of people|recursos humanos|personalabteilung|ressources humaines'),
  v('manufacturing', 'manufactur|factory|factories|plants?\\b|production line|fabrica|fertigung|usine'),
  v('construction', 'construction|osha|general contractors?|gcs\\b|job ?sites?|crews?\\b|revit|bim\\b|autocad|chantiers?|obras?\\b|baustellen?|bouwplaats|cantier|cranes?\\b|scaffold|excavat|concrete|heavy equipment|gruas?\\b|builders?\\b|architects?|civil engineer|bridges?\\b|estimators?|construccion|bau(?:gewerbe|unternehmen)|batiment|construcao'),
  v('hospitality', 'hotels?\\b|hospitality|resorts?\\b|guests?\\b|hotel(?:es|aria)'),
  v('nonprofit', 'non-?profits?|charit(?:y|ies)|donors?|fundrais|ngo\\b|ong\\b'),
  v('childcare', 'daycares?|day care|child ?care|kinderdagverblij\\w*|kinderopvang|kitas?\\b|guarder[ií]as?|creches?\\b|asilo nido|nurser(?:y|ies)\\b|preschools?'),
  v('cannabis', 'dispensar(?:y|ies)|cannabis|metrc|seed-to-sale|thc\\b|cbd\\b'),
  v('religious', 'churche?s?\\b|congregations?|parish|pastors?\\b|ministr(?:y|ies)\\b|iglesias?|kirchen?(?:gemeinde)?\\b|eglises?|igrejas?|parroquia|chiesa|kerk\\b|synagogues?|mosques?|tithe|online giving'),
  v('government', 'government|municipal|gemeente|comune|prefeitura|ayuntamiento|mairie|rathaus|city council|public sector|gobierno|behorde|gouvernement|governo'),
  v('fitness', 'gyms?\\b|spin studios?|cycling studios?|boutique studios?|class booking|academias?\\b|treinos?\\b|entrenamientos?|sportschool|palestr[ae]\\b|salles? de sport|fitness|yoga|pilates|crossfit|personal trainers?|wellness|fitnessstudio|academias? de ginastica|gimnasios?'),
  v('retail', 'retail|grocery|tiendas?\\b|lojas?\\b|geschaft|magasins?|commer[cç]ants?|comerciantes?|stores?\\b|shop owners?|store owners?|retailers?|einzelhandel|commerce de detail|varejo|minorista'),
  v('marketing', 'marketing|brand managers?|social media managers?|content marketing|seo\\b|advertis'),
  v('education_higher', 'universit|higher education|students?\\b|faculty|campus|research services|researchers?|scientists?|laborator|biolog|estudiantes|studenten|etudiants|alunos'),
  v('optometry', 'optometr|opticians?|eye ?care|ophthalm|optica\\b|augenoptik|opticiens?|myopi'),
  v('physio', 'physical therap|physiotherap|fisioterap|chiropract|kinesither|osteopath'),
  v('pharmacy', 'pharmac(?:y|ies|ists?)|officines?|dispensing|dispensation|apotheken?|farmacias?|apotheke|pharmacie'),
  v('beauty', 'salons?\\b|frisor\\w*|salong\\w*|kappers?\\b|spas?\\b|barbers?|hair ?dress|cosmetic|skincare|beauty|nail (?:salon|studio)|estetica|friseur|coiffeur|cabeleireir|peluquer'),
  v('automotive', 'car dealers?|repair shops?|car lifts?|tyres?\\b|tires?\\b|werkplaats|taller(?:es)? mecanic|oficinas? mecanica|dealerships?|auto repair|body shops?|automotive|mechanics?\\b|garages?\\b|autohaus|concesionari|concessionnaire|oficina mecanica'),
  v('travel', 'travel agenc|tour operators?|tourism|turismo|tourismus'),
  v('aviation', 'airlines?|drones?\\b|part 107|pilots?\\b|uav\\b|aviation|aerospace|aircraft|mro\\b|aog\\b|pma parts|hangars?|avionics|aviacion|luftfahrt|aeronaut'),
  v('media', 'journalis|newsrooms?|publishers?|publishing|editors?\\b|broadcast|periodist|journaliste|jornalist|podcasters?'),
  v('arts', 'photographers?|musicians?|artists?\\b|galler(?:y|ies)|museums?|illustrators?|fotograf|photographe|artistas?'),
  v('sports', 'athletes?|sports? clubs?|coaches\\b|football clubs?|tennis|golf courses?|deportist|sportverein'),
  v('fashion', 'fashion|apparel|clothing|garments?|textile|moda\\b|bekleidung'),
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

/**
 * Prefilter per niche (see gate.ts): one pass of a trie over the note's words says which niches'
 * terms may occur; only those niches' regexes run (a trie lookup instead of one big alternation).
 */
const VERTICAL_SOURCES = VERTICALS.map((vt) => vt.re.source);
/** Built on first use: only a note read against a recipient's profile looks for niches (not `aoi check` without --to). */
let verticalGate: Gate | undefined;
gateLater(VERTICAL_SOURCES);

/** Heads of German compound nouns and their niche. */
const COMPOUND_VERTICAL: Record<string, string> = {
  kanzlei: 'legal', praxis: 'clinical', praxen: 'clinical', klinik: 'clinical', arzt: 'clinical', apotheke: 'pharmacy',
  backerei: 'food', gastronomie: 'food', hotel: 'hospitality', werkstatt: 'automotive', werkstatten: 'automotive',
  schule: 'k12', schulen: 'k12', hof: 'agriculture', hofe: 'agriculture', handwerker: 'trades', betriebe: 'manufacturing',
};
const COMPOUND_HEAD = new RegExp(`\\B(${Object.keys(COMPOUND_VERTICAL).sort((a, b) => b.length - a.length).join('|')})(?![a-z]{3})`, 'g');
const MAY_COMPOUND = /\B(?:kanzlei|praxis|praxen|klinik|arzt|apotheke|backerei|gastronomie|hotel|werkstatt|schule|hof|handwerker|betriebe)/;

/** Every niche term in `s` (folded), in text order; overlapping terms: the leftmost-longest first wins. */
function verticalsIn(s: string): Hit[] {
  const hits: Hit[] = [];
  const may = (verticalGate ??= new Gate(VERTICAL_SOURCES)).scan(s);
  for (let i = 0; i < VERTICALS.length; i++) {
    if (may[i] !== 1) continue;
    const re = VERTICALS[i].re;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      hits.push({ vertical: VERTICALS[i].id, start: m.index, end: m.index + m[0].length, term: m[0] });
    }
  }
  // German compounds name the niche in their last part (Familienkanzlei, Hausarztpraxen,
  // Fahrradwerkstatt): a known head inside a longer word counts for its niche
  if (MAY_COMPOUND.test(s)) {
    COMPOUND_HEAD.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = COMPOUND_HEAD.exec(s))) {
      let start = m.index;
      while (start > 0 && /[a-z]/.test(s[start - 1])) start--;
      let end = m.index + m[0].length;
      while (end < s.length && /[a-z]/.test(s[end])) end++;
      hits.push({ vertical: COMPOUND_VERTICAL[m[1]], start, end, term: s.slice(start, end) });
    }
  }
  if (hits.length < 2) return hits;
  // one term, one niche: drop hits overlapping an earlier one (the earlier niche in list order wins ties)
  hits.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: Hit[] = [];
  let end = -1;
  for (const h of hits) {
    if (h.start < end) continue;
    out.push(h);
    end = h.end;
  }
  return out;
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
 * Niches that share customers, per profile niche: a pitch for a related niche fits the recipient
 * (an e-commerce seller is in Retail; a dentist is in Hospitals and Health Care, so a clinic pitch
 * fits a dentist, while a dental pitch does not fit every health-care worker).
 */
const RELATED: Record<string, readonly string[]> = {
  ecommerce: ['retail', 'fashion'],
  retail: ['ecommerce', 'fashion', 'pos'],
  fashion: ['retail', 'ecommerce'],
  // a specialty is in its broad industry, not the reverse: a dental pitch misses a nurse
  dental: ['clinical'],
  optometry: ['clinical'],
  physio: ['clinical', 'fitness'],
  pharmacy: ['clinical', 'pharma'],
  pharma: ['clinical'],
  veterinary: ['clinical'],
  food: ['hospitality', 'agriculture', 'pos'],
  hospitality: ['food', 'travel', 'pos'],
  travel: ['hospitality'],
  agriculture: ['food'],
  realestate: ['construction'],
  construction: ['realestate', 'trades'],
  trades: ['construction'],
  finance: ['insurance'],
  insurance: ['finance'],
  k12: ['education_higher', 'childcare'],
  childcare: ['k12'],
  education_higher: ['k12'],
  media: ['marketing', 'arts'],
  marketing: ['media'],
  arts: ['media'],
};

/**
 * What the sender sells rather than who it is for: software, bookkeeping, marketing, staffing are
 * offered to any business, so naming one is not a niche and cannot make a swing and miss (it can
 * still show a fit, e.g. bookkeeping software pitched to an accountant).
 */
const GENERIC_OFFER = /^(?:saas|software|startups?|marketing|content marketing|seo|advertis|bookkeep|accounting|financ|investment|investors?|wealth|recruit|recruitment|staffing|hr|talent acquisition|insurance|logistic|shipping|transport|retail|stores?|propert(?:y|ies)|wellness|beauty|cosmetic|fashion|apparel|clothing|printing|drinks?|beverage|wine|claims|utilities|developers?|data|3pl|warehous|freight|fulfil|customs|packaging|printing|translation|payroll|cybersecur|cloud|gdpr|mortgages?|homes?\b|houses?\b|solar|life (?:cover|insurance)|mutuelle|prevoyance|contabil|assurance|401k|retirement)/;

/** The profile's niches and the niches related to them: computed once per profile (cached). */
function profileFamilies(profile: string): Set<string> {
  let f = familyCache.get(profile);
  if (!f) {
    f = new Set(profileVerticals(profile));
    for (const x of [...f]) for (const r of RELATED[x] ?? []) f.add(r);
    if (familyCache.size > 2000) familyCache.clear();
    familyCache.set(profile, f);
  }
  return f;
}
const familyCache = new Map<string, Set<string>>();

/**
 * Compares the note's niches with the recipient's profile. `note` is the original text; matching
 * is on the folded copy and evidence is sliced from the original when lengths agree.
 */
export function relevance(note: string, profile: string): Relevance {
  if (!profile.trim()) return {};
  const folded = foldSameLength(note);
  const slice = (a: number, b: number) => note.slice(a, b);
  const hits = verticalsIn(folded);
  const pv = profileFamilies(profile);
  if (hits.length === 0) {
    const a = lexicalAudienceMismatch(folded, profile, pv);
    return a ? { assumedMismatch: slice(a.start, a.end) } : {};
  }
  const fits = (h: Hit) => pv.has(h.vertical) || (stem(h.term).length >= 4 && profile.includes(stem(h.term)));
  const out: Relevance = {};
  // who the pitch is for decides; what it sells (software, bookkeeping...) only when it names no one
  const niches = hits.filter((h) => !GENERIC_OFFER.test(h.term));
  const fitting = (niches.length > 0 ? niches : hits).find(fits);
  if (fitting) out.nicheFits = slice(fitting.start, fitting.end);
  // audience: niche terms right after a forward marker or right before "like you"
  const audience: { start: number; end: number; hit: Hit }[] = [];
  FORWARD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FORWARD.exec(folded))) {
    const from = m.index;
    const to = m.index + m[0].length + 20;
    // "as a SaaS founder" states who the recipient is even when the niche is a generic offer;
    // "for" / "your" only point at an audience when what follows is a niche, not the offer
    const weak = /^(?:for|your|in your|pour|para|fur|we help|i help)\b/.test(m[0]);
    for (const h of weak ? niches : hits) {
      if (h.start < m.index + m[0].length - 1 || h.start > to) continue;
      // the niche follows the marker directly (one modifier word at most, no punctuation)
      if (!/^\s*(?:[a-z0-9'-]+\s+)?$/.test(folded.slice(m.index + m[0].length, h.start))) continue;
      audience.push({ start: from, end: h.end, hit: h });
    }
  }
  BACKWARD.lastIndex = 0;
  while ((m = BACKWARD.exec(folded))) {
    for (const h of niches) if (h.end <= m.index && h.end >= m.index - 35) audience.push({ start: h.start, end: m.index + m[0].length, hit: h });
  }
  audience.sort((x, y) => x.start - y.start || x.end - y.end);
  if (audience.length > 0 && !audience.some((a) => fits(a.hit))) {
    out.assumedMismatch = slice(audience[0].start, audience[0].end);
  } else if (audience.length === 0) {
    const a = lexicalAudienceMismatch(folded, profile, pv);
    if (a) out.assumedMismatch = slice(a.start, a.end);
  }
  if (!fitting && niches.length > 0) out.nicheMismatch = slice(niches[0].start, niches[0].end);
  return out;
}

/**
 * Who the note says the recipient is, in its own words ("optometrists like you", "as a litigation
 * partner", "en tant que caviste", "als Landwirt wissen Sie", "como experta en comercio exterior"),
 * for audiences outside the niche list: the phrase's content words are looked up in the profile.
 * A word is at most 61 letters (`[a-z][a-z-]{1,60}`): a pattern that starts at every word start
 * then scans a bounded stretch, so a long run of hyphenated letters ("a-a-a-…") costs linear time,
 * not one scan to its end per hyphen; no real word is that long.
 */
const AUDIENCE: RegExp[] = [
  /\b((?:[a-z][a-z-]{1,60} ){0,2}[a-z][a-z-]{1,60}) like (?:you|yours|yourself)\b/g,
  // "as a X" is the recipient only when the sentence goes on about them ("as a SaaS founder you know"),
  // not "as a hobby" or "as a fellow founder, I"
  /\b(?:as|being) (?:a|an|the|one of the) (?:fellow )?((?:[a-z][a-z&-]{0,60} ){0,3}[a-z][a-z&-]{1,60})(?=[^.!?]{0,40}\b(?:you|your|vous|votre|tu|te|usted|sie|ihr|ihre|du|dein|voce|seu|sua|je|jij)\b)/g,
  /\ben tant que ((?:[a-z][a-z-]* ){0,2}[a-z][a-z-]+)/g,
  /\bals ([a-z][a-z-]+(?: [a-z][a-z-]+)?) (?:wissen|kennen|sind|haben|brauchen) sie\b/g,
  /\bcomo ((?:experta?|especialista|duen[oa]|director[a]?|gerente|responsable|profesional|dono|dona|gestor[a]?)(?: (?:en|de|em|do|da) [a-z]+(?: [a-z]+)?)?)/g,
  /\b([a-z][a-z-]{1,60}s) (?:in your (?:area|city|county|region|town|state)|near you)\b/g,
  // Romance languages put the head noun first: "para tiendas de bicicletas", "pour les cabinets
  // d'avocats", "para escritorios de advocacia", "per studi dentistici": the words after it say whose
  /\b(?:para|pour|per|a) (?:les |los |las |os |as |i |le |la |el |o )?(?:tiendas|lojas|magasins|negozi|clinicas|cliniques|cabinets|despachos|escritorios|estudios|studi|talleres|oficinas|ateliers|agencias|agences|empresas|entreprises|negocios|comercios|boutiques|consultorios|centros|centres) (?:de |d'|do |da |dos |das |des |di |del |dei )?((?:[a-z][a-z'-]+ ?){1,2})/g,
  // customer types: "for restaurant owners", "to clinic managers", "fur Hotelbetreiber"
  /\b(?:for|to|helping) ((?:[a-z][a-z-]+ ){0,1}[a-z][a-z-]+) (?:owners|operators|founders|managers|directors)\b/g,
  // "for <audience>": the words before a business noun say whose business ("for yoga studios",
  // "para clinicas veterinarias", "fur Zahnarztpraxen", "pour les caves a vin", "voor bakkerijen")
  /\b(?:for|para|fur|pour|per|voor) (?:les |los |las |os |as |die |de |i |le )?((?:[a-z][a-z-]+ ){1,2}(?:studios|shops|salons|practices|agencies|dealerships|wineries|breweries|bakeries|pharmacies|clinics|labs|workshops|venues|galleries|gyms|restaurants|hotels|farms|schools|firms|stores|boutiques|clinicas|consultorios|tiendas|lojas|praxen|kanzleien|cabinets|boutiques|bakkerijen|winkels|negozi|studi))\b/g,
];
const NOT_CONTENT = new Set(['fellow', 'busy', 'someone', 'person', 'people', 'professional', 'professionals', 'leader', 'leaders', 'expert', 'experts', 'you', 'your', 'yours', 'with', 'that', 'this', 'most', 'many', 'other', 'others', 'like', 'great', 'successful', 'smart', 'driven', 'member', 'result', 'reminder', 'thank', 'token', 'well', 'owner', 'owners', 'manager', 'managers', 'team', 'teams', 'companies', 'company', 'businesses', 'business', 'firms', 'brands', 'organizations', 'organisations', 'minded', 'amazing', 'folks', 'experta', 'experto', 'especialista', 'profesional', 'responsable', 'gerente', 'director', 'directora', 'small', 'local', 'independent', 'busy', 'growing', 'modern', 'the', 'les', 'los', 'las', 'die', 'your', 'our']);

const MAY_NAME_AUDIENCE = /like (?:you|yours)|\b(?:as|being) (?:a|an|one)\b|en tant que|\bals \w+ \w+ sie\b|\bcomo\b|in your (?:area|city|county|region|town|state)|near you|\b(?:for|para|fur|pour|per|voor|a|to|helping) /;

/** Which audience patterns may match a note (every gate group of a pattern must occur): most notes run none. */
const AUDIENCE_SOURCES = AUDIENCE.map((re) => re.source);
/** Built on first use, as the niche gate. */
let audienceGate: AndGate | undefined;
gateLater(AUDIENCE_SOURCES);

function lexicalAudienceMismatch(folded: string, profile: string, pv: Set<string>): { start: number; end: number } | null {
  if (!MAY_NAME_AUDIENCE.test(folded)) return null;
  const gate = (audienceGate ??= new AndGate(AUDIENCE_SOURCES));
  const may = gate.scan(folded);
  if (may === 0) return null;
  const order = gate.enabledIds.slice(0, may).sort();
  for (const k of order) {
    const re = AUDIENCE[k];
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
