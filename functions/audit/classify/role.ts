/**
 * Who is writing (issue 16): a role for every CR, beside its category, with the rules that chose it
 * and the exact words that made them fire. A second axis: the role never changes the category.
 *
 * Four kinds of evidence (how they combine: decideRole, ROLE_BLEND):
 *   1. role phrase families (ROLE_RULES below), in EN, ES, DE, FR, PT, IT (with a few NL phrases),
 *      like the category rules in rules.ts;
 *   2. the category rules that fired on the note (a recruiter's job offer, an expert-network call,
 *      a job hunt, a pitch, real shared activity...) and the category chosen;
 *   3. the context: the counterpart's Position/Company from Connections.csv. For a CR without a
 *      note it is the only evidence; for the owner's sent CRs (OUTGOING) a position that names a
 *      role (a recruiter, a salesperson...) is the invitee's role, which is what the owner reached;
 *   4. the role model (words.ts readRoleWords, fitted/role-model.bin): what the note's words say,
 *      learnt from every role-labelled set it may train on. The phrase families were written on the
 *      tuning sets' phrasing and miss much of any other; the model reads the notes they do not know
 *      (`role.words.<role>`, its evidence the note's own words that leaned hardest).
 * Issues 15/16: the phrase families run behind a word prefilter (GatedRules): a note pays only for
 * the alternatives whose lead words it has.
 *
 * Every pattern is linear (test/unit/classify/linear.test.ts builds them when this module loads):
 * each starts at a word, and what repeats reads a bounded number of words (`(?:\S+ ){0,3}`) or
 * characters (`[^.!?]{0,60}`).
 */
import type { Category, Direction, KeepableRole, Kept, Role, RoleReason } from '../model.ts';
import { ROLE_MODEL } from './fitted.ts';
import { compiled } from './compiled.ts';
import { alternatives, AndGate, distributed, lazyPattern, lazyRule, NOTE_GATES, requiredLiteral, sourceOf } from './gate.ts';
import { foldNonAscii, foldSameLength, RepeatedTexts } from './text.ts';
import type { Fired } from './types.ts';
import { readRoleWords, type LazyRoleWordModel, type RoleWordModel } from './words.ts';

export interface RoleContext {
  direction?: Direction;
  /** The counterpart's position and company (Connections.csv): the sender (INCOMING) or the invitee (OUTGOING). */
  counterpartPosition?: string;
  counterpartCompany?: string;
}

export interface RoleDecision {
  role: Role;
  roleReasons: RoleReason[];
}

/** The roles a rule can speak for (all but unknown). */
type KnownRole = Exclude<Role, 'unknown'>;

interface RoleRule {
  id: string;
  role: KnownRole;
  weight: number;
  description: string;
  /** Built on first read (gate.ts lazyRule): the gated alternatives run apart. */
  readonly re: RegExp;
  /** `re.source`, known without building `re`. */
  readonly source: string;
  /** `re.flags`. */
  readonly flags: string;
}

const rr = (id: string, role: KnownRole, weight: number, description: string, ...parts: string[]): RoleRule =>
  lazyRule({ id, role, weight, description }, foldNonAscii(parts.join('|')), 'u');

/** Job titles (nouns) in the supported languages: a role named by its title. */
const TITLE =
  '(?:engineers?|developers?|programmers?|designers?|analysts?|scientists?|architects?|managers?|directors?|consultants?|accountants?|controllers?|nurses?|technicians?|specialists?|coordinators?|administrators?|officers?|testers?|devops|sre|product owners?|scrum masters?|project managers?|physicians?|pharmacists?|teachers?|electricians?|welders?|drivers?|operators?|mechanics?|chemists?|paralegals?|attorneys?|lawyers?|auditors?|buyers?|planners?|therapists?|dentists?|surgeons?|executives?|leads?|head of \\S+|vp of \\S+|cfo|cto|coo|cmo|ciso|ingenier[oa]s?|desarrollador(?:a|es)?|programador(?:a|es)?|dise[nñ]ador(?:a|es)?|analistas?|gerentes?|jef[ea]s? de \\S+|consultor(?:a|es)?|contador(?:a|es)?|enfermer[oa]s?|t[eé]cnic[oa]s?|entwickler(?:in)?|ingenieur(?:in)?|berater(?:in)?|leiter(?:in)?|projektleiter(?:in)?|architekt(?:in)?|buchhalter(?:in)?|pflegefachkraft|d[eé]veloppeu(?:r|se)s?|ing[eé]nieur(?:e)?s?|chef de projet|chef(?:fe)? de \\S+|comptables?|infirmi[eè]re?s?|responsables? \\S+|desenvolvedor(?:a|es)?|engenheir[oa]s?|gerentes?|enfermeir[oa]s?|coordenador(?:a)?|ontwikkelaars?|verpleegkundigen?|soldador(?:es|a)?|conductor(?:es|a)?|camioneros?|fahrer(?:innen)?|schwei(?:ss|ß)er(?:innen)?|pflegekr[aä]fte|fachkr[aä]fte|lehrlinge|azubis?|apprentices?|hospitalists?|locums?|cnas?|lpns?|rns?|bookkeepers?|caregivers?|techs?|sdrs?|bdrs?|account executives?|lassers?|monteurs?|secretar(?:y|ies)|segretari[ao]|księgow\w*|tester(?:ka)?)';

/** Words that make an offer a job: a contract, a schedule, a salary. */
const TERMS =
  '(?:full[- ]time|part[- ]time|permanent|fixed[- ]term|contract[- ]to[- ]hire|contract (?:role|position|gig)|freelance (?:role|mission|project)|(?:remote|hybrid|on[- ]?site) (?:role|position|job|opportunity)|w2|c2c|1099|salary|base pay|\\d+k (?:base|salary|\\+)|per annum|relocation|visa sponsorship|indefinido|jornada completa|tiempo completo|media jornada|salario|sueldo|festanstellung|vollzeit|teilzeit|unbefristet|gehalt|jahresgehalt|cdi|cdd|temps plein|temps partiel|salaire|r[eé]mun[eé]ration|clt|pj|tempo integral|sal[aá]rio|remunera[cç][aã]o|vast contract|fulltime|contratto a tempo)';

/** Words for a position (the thing a recruiter offers). */
const POSITION_WORD =
  '(?:role|position|opening|vacancy|opportunity|job|req|requisition|contract|mission|posici[oó]n|puesto|vacante|plaza|oportunidad|stelle|position|vakanz|job|projekt|poste|mission|offre|vaga|posi[cç][aã]o|oportunidade|cargo|vacature|functie|posizione)';

export const ROLE_RULES: RoleRule[] = [
  // ------------------------------------------------------------------ recruiter
  rr('role.recruiter.self', 'recruiter', 3, 'the sender says they recruit: a recruiter, headhunter, talent-acquisition or staffing firm',
    `\\b(?:recruiters?|recruiting (?:team|partner|firm|agency|lead|manager)|recruitment (?:consultant|agency|firm|partner|specialist|team|manager)|headhunter|headhunting|talent (?:acquisition|partner|scout|sourcer)|technical sourcer|executive search|search firm|staffing (?:firm|agency|company|partner|solutions?|services)|(?:nursing|staffing|recruitment|locum|temp|employment|care) agency (?:\\S+ ){0,2}(?:supplying|placing|providing|that (?:supplies|places|provides))|staff augmentation|staff aug|team augmentation|outstaffing|body ?leasing|nearshore (?:developers|engineers|talent|teams?)|dedicated (?:developers|engineers)|hire (?:pre-?vetted|vetted|remote|offshore|nearshore|dedicated) (?:\\S+ )?(?:developers|engineers|talent|staff|testers))\\b`,
    `\\b(?:reclutador(?:a|es)?|reclutamiento|selecci[oó]n de personal|cazatalentos|headhunters?|consultora de (?:selecci[oó]n|rrhh)|personalberater(?:in)?|personalvermittlung|personaldienstleister|arbeitnehmer[uü]berlassung|recruiting|talent ?acquisition|recruteu(?:r|se)|charg[eé]e? de recrutement|cabinet de recrutement|chasseur de t[eê]tes|recrutador(?:a)?|recrutamento|recrutement|ca[cç]a[- ]talentos|wervings?(?:bureau|specialist)|recruiter|selezione del personale|reclutatore)\\b`),
  rr('role.recruiter.open_role', 'recruiter', 3, 'the sender offers a job: hiring, an open role, a vacancy',
    `\\b(?:we(?:'re| are)|i(?:'m| am)|is|are) (?:currently |actively |now )?(?:hiring|recruiting)\\b|\\b(?:hiring|recruiting) (?:for )?(?:an? |our |my |two |several )?(?:\\S+ ){0,3}${TITLE}\\b|\\b(?:open|exciting|interesting|senior|junior|permanent|remote|hybrid|contract|leadership|unique|confidential) (?:\\S+ ){0,2}(?:role|position|opening|vacancy|job opportunity|career opportunity|req)\\b|\\b(?:working on|recruiting for|filling|retained (?:on|for)) (?:a|an|this) (?:\\S+ ){0,3}(?:role|position|search|opening|vacancy)\\b|\\bclient (?:is )?(?:seeking|looking for|hiring) (?:a|an)\\b|\\b(?:interested in|open to|up for|considering) (?:a )?(?:switch|change|move)\\?|\\b(?:compensation|salary|pay) is (?:\\S+ )?(?:competitive|attractive|excellent)\\b|\\b(?:a|an|the) (?:job|role|position) offer\\b|\\b(?:ofert[aey] pracy|rekrutuj\\w*|na stanowisko|szukamy (?:\\S+ ){0,2}${TITLE})\\b|\\b(?:join(?:ing)? our (?:\\S+ )?team|we(?:'re| are) (?:growing|expanding|building) (?:our|the) (?:\\S+ )?team|(?:share|send) (?:you )?the (?:jd|job description|job spec)|job description)\\b|\\b(?:i[sş] ilan[iı]|a[cç][iı]k pozisyon|i[sş]e al[iı]m|ekibimize kat[iı]l\\w*|hiring kar rah\\w*|vacancy hai|opening hai)\\b|\\b(?:job|career|employment) (?:opportunity|opening|offer)\\b|\\b(?:a|this|the|one) (?:role|position|opening|vacancy) (?:as|for|of|with|at|in|on)\\b|\\b(?:open|interested|considering) (?:to|in) (?:a )?(?:new|next) (?:\\S+ )?(?:role|opportunit\\w*|challenge|position|career move)\\b|\\bopen to (?:new )?opportunities\\b|\\b(?:considering|exploring) (?:a )?(?:move|change|new opportunities)\\b`,
    `\\b(?:vacantes?|oferta (?:de empleo|de trabajo|laboral)|oportunidad (?:laboral|profesional)|proceso de selecci[oó]n|estamos (?:contratando|buscando (?:un|una|perfiles?))|(?:buscamos|estoy buscando|estamos buscando) (?:un|una|un\\/a|a) (?:\\S+ ){0,2}${TITLE}|(?:un|una|el|la) (?:puesto|posici[oó]n|plaza) de|tu perfil (?:\\S+ ){0,3}(?:encaja|cuadra|llam[oó]))\\b`,
    `\\b(?:stellenangebot|offene (?:stelle|position)|spannende[nr]? (?:position|stelle|aufgabe|vakanz|herausforderung)|neue (?:berufliche )?herausforderung|wechselbereit|vakanz|wir suchen (?:eine?n? )?(?:\\S+ ){0,2}${TITLE}|(?:eine|die) (?:position|stelle) als|ihr profil (?:\\S+ ){0,3}(?:passt|interessant))\\b`,
    `\\b(?:offre d'emploi|opportunit[eé] (?:professionnelle|de poste|de carri[eè]re)|nous recrutons|je recrute|(?:un|le|ce) poste (?:de|d'|en)|nous recherchons (?:un|une) (?:\\S+ ){0,2}${TITLE}|votre profil (?:\\S+ ){0,3}(?:correspond|int[eé]resse|m'a interpell[eé]))`,
    `\\b(?:oportunidade (?:de trabalho|de emprego|profissional)|processo seletivo|estamos contratando|(?:temos|tenho|estamos com|estou com) uma vaga|(?:uma|a|esta) vaga (?:de|para|como)|seu perfil (?:\\S+ ){0,3}(?:encaixa|chamou))\\b`,
    `\\b(?:posizione aperta|offerta di lavoro|stiamo assumendo|vacature|we zoeken (?:een )?(?:\\S+ ){0,2}${TITLE}|functie als)\\b`),
  rr('role.recruiter.pay', 'recruiter', 2, 'names the pay or the schedule of a job offered to the recipient',
    `(?:[$€£]\\s?\\d[\\d,.]{0,10}\\s?(?:\\/|per |an? )(?:mile|shift|year|yr|annum)\\b|\\d[\\d.,]{0,10}\\s?(?:€|eur|euros?|k) (?:netos|brutos|netto|brutto|net|bruts?|l[ií]quidos?|b2b)\\b|\\b\\d+k (?:base|salary|ote)\\b|\\bbase \\+ equity\\b|\\bhome (?:weekly|daily|every weekend)\\b|\\bsign[- ]on bonus\\b|\\b\\d+-on\\/\\d+-off\\b)`),
  rr('role.recruiter.profile_fits', 'recruiter', 1, 'says the recipient\'s profile fits something (recruiters\' wording, but also flattery)',
    `\\byour (?:profile|background|experience|cv|skills?) (?:\\S+ ){0,4}(?:fits?|matches|match|aligns?|suits?|stood out|caught my (?:eye|attention))\\b`),
  rr('role.recruiter.offer_terms', 'recruiter', 3, 'a recruiter\'s wording of an offer: roles that fit your background, contracts open in a city, a confidential search, an urgent vacancy',
    `\\b(?:opportunit(?:y|ies) (?:\\S+ ){0,4}(?:align|match|fit)s? (?:with )?your (?:background|profile|experience|skills)|i'?m working on (?:a|an|two|a couple of|several|some) (?:\\S+ ){0,2}(?:roles|positions|opportunities|searches|mandates)|(?:contracts?|roles|positions|vacancies|shifts|sessions|openings) (?:\\S+ ){0,1}(?:available|opening|open) (?:in|across|at|for)|urgent (?:vacanc(?:y|ies)|openings?|requirement)|(?:send|share) (?:me )?(?:your )?(?:updated |latest )(?:cv|resume)|(?:a|an) (?:\\S+ ){1,3}(?:role|position) (?:at|with|in) (?:a|an|one of)|(?:a|an|our|my) (?:\\S+ ){0,2}(?:company|startup|biotech|firm|scale-?up|bank|neobank|fintech|manufacturer|hospital|group|client) (?:\\S+ ){0,3}(?:is|are) (?:looking for|seeking|hiring) (?:a|an)|(?:internship|graduate|grad) (?:\\S+ )?(?:applications|program(?:me)?s?|roles) (?:are )?(?:open|opening)|confidential search|uncapped commission)\\b`,
    `\\b(?:zum n[aä]chstm[oö]glichen (?:zeitpunkt|termin)|m\\/w\\/d|wir suchen (?:\\S+ ){0,3}\\w*(?:kr[aä]fte|[aä]rzt\\w*|pfleger\\w*|ingenieur\\w*|entwickler\\w*|leiter\\w*)|b[uú]squeda (?:confidencial|de un(?:a)?)|mission (?:freelance|de \\d+ mois)|tjm|recherche confidentielle|mandat de recrutement|busca confidencial|ricerca (?:riservata|di personale)|sto seguendo una ricerca)\\b`),
  rr('role.recruiter.staffing', 'recruiter', 3.5, 'offers people by the hour or month: CVs, profiles, placed staff',
    `\\b(?:(?:we|i)(?:'re| are| am|'ve| have)? (?:got |now )?(?:place|placing|placed|source|sourcing|supply|supplying|provide|have|got) (?:\\S+ ){0,4}(?:developers|devs|engineers|nurses|cnas|lpns|rns|rgns|hcas|techs|technicians|testers|candidates|bookkeepers|accountants|hospitalists|locums|drivers|welders|staff|workers|contractors|caregivers|carers|temps|framers|electricians|apprentice techs|virtual assistants)|(?:developers|devs|engineers|nurses|cnas|lpns|techs|technicians|candidates|bookkeepers|staff|workers|squads|crews?|temps) (?:\\S+ ){0,3}(?:ready to|available|looking right now|at [$€£]|from [$€£]|per direct|a partir de|in your time ?zone)|(?:offshore|nearshore|dedicated|outsourced) (?:team|squads?|developers|devs|engineers|bookkeepers|staff)|placement fee|(?:shortlisted|pre-?screened|vetted) (?:\\S+ )?(?:candidates|techs|engineers|developers|nurses|talent)|(?:send|share) (?:you )?(?:some |a few |\\d+ )?(?:cvs|resumes|profiles)|(?:send|share) (?:you )?(?:some |a few |\\d+ )?(?:cvs|resumes|profiles|candidates)|(?:pre-?vetted|qualified|available) (?:candidates|consultants|developers|engineers|profiles|talent)|candidates? (?:for|who|ready)|bench (?:resources|consultants)|(?:seeing|see|review|send you|share) (?:\\S+ ){0,2}(?:profiles|cvs|resumes|candidates) (?:that|who)|hourly rates? for (?:developers|engineers)|(?:developers|engineers|consultants) (?:from|at) [$€£]\\s?\\d)`,
    `\\b(?:vermitteln (?:\\S+ ){0,3}(?:fach|pflege|arbeits)?kr[aä]fte|(?:nos|nossos) (?:\\S+ )?(?:saisonniers|int[eé]rimaires|profissionais) (?:\\S+ )?(?:sont |est[aã]o )?dispon\\w*|profils de (?:\\S+ ){0,3}disponibles|detacheringsbureau|uitzendbureau|per direct inzetbaar|it outsourcing|perfiles (?:disponibles|cualificados)|trabajamos perfiles|(?:presentar|enviar|compartir)te (?:\\S+ ){0,2}(?:perfiles|candidat[oa]s)|(?:apresentar|enviar)(?:-te| a voc[eê])? (?:\\S+ ){0,2}(?:perfis|candidatos)|(?:ihnen )?(?:profile|kandidaten) (?:vorstellen|schicken|senden)|vous (?:pr[eé]senter|envoyer) (?:\\S+ ){0,2}(?:profils|candidats)|(?:presentarti|inviarti|presentarvi|inviarvi) (?:\\S+ ){0,2}(?:profili|candidati)|candidat[oa]s (?:para|disponibles)|kandidat(?:en|innen) (?:f[uü]r|verf[uü]gbar)|profile (?:von|f[uü]r) (?:entwickler|ingenieur)|candidats (?:pour|disponibles)|profils (?:disponibles|qualifi[eé]s)|candidatos (?:para|dispon[ií]veis)|perfis (?:dispon[ií]veis|qualificados))\\b`,
    `\\b(?:(?:supply|supplying|provide|providing|mobilising|mobilizing|cover (?:\\S+ ){0,4}with|ponemos a (?:su|tu) disposici[oó]n) (?:\\S+ ){0,5}(?:operators|pickers|packers|labou?rers|inspectors|welders|techs|forklift drivers|warehouse staff|carretilleros|mozos|operarios|personal de almac[eé]n)|aloca[cç][aã]o de (?:\\S+ ){0,2}(?:desenvolvedores|profissionais|engenheiros|pessoas|m[aã]o de obra)|(?:on|at) day rates|i help (?:\\S+ ){0,3}(?:hire|recruit) (?:their |top |senior )?(?:\\S+ ){0,2}(?:vps?|heads?|engineers|developers|leaders|executives|talent|ctos|cfos|salespeople))\\b`),

  // ------------------------------------------------------------------ expert network
  rr('role.expert_network.paid_call', 'expert_network', 5, 'a paid expert call or market-research interview',
    `\\b(?:expert network|expert call|expert consultation|paid (?:\\S+ ){0,2}(?:consultation|call|engagement|interview|survey|session|project|study)|honorarium|compensated (?:for your time|consultation|call)|(?:glg|gerson lehrman|alphasights|guidepoint|third bridge|tegus|coleman research|dialectica|atheneum|prosapient|capvision|nextlevel research|inex one)|market[- ]research (?:interview|call|study|project)|(?:consultation|call|interview) (?:at|for) (?:a rate of|an honorarium)|(?:for|at|with) (?:a )?(?:rate|fee) of [$€£]|[$€£]\\s?\\d[\\d,.]{0,12}\\s?(?:\\/|per |an? )(?:hour|hr)\\b[^.!?]{0,60}\\b(?:call|consult|interview|insights?|expertise)|(?:insights|perspective|expertise) (?:\\S+ ){0,4}(?:for|with) (?:a |our )?(?:client|investor|fund))\\b`,
    `\\b(?:(?:llamada|consulta|entrevista) (?:remunerada|pagada)|red de expertos|bezahlte[sn]? (?:gespr[aä]ch|telefonat|interview|beratung|expertengespr[aä]ch)|expertengespr[aä]ch|expertennetzwerk|(?:entretien|appel|consultation) r[eé]mun[eé]r[eé]e?|r[eé]seau d'experts|(?:consulta|entrevista|chamada|liga[cç][aã]o) (?:paga|remunerada)|rede de especialistas)\\b`,
    `\\b(?:paid (?:\\S+ ){0,2}(?:interviews|calls|consultations|surveys)|verg[uü]tete[sn]? (?:\\S+ )?(?:telefon)?(?:gespr[aä]ch|interview|telefonat|beratung)|marktforschungsprojekt|conversa (?:paga|remunerada)|projeto para um cliente|conversaci[oó]n (?:remunerada|pagada)|(?:chiamata|intervista|conversazione) (?:retribuita|remunerata|pagata)|(?:un de nos clients|notre client)[^.!?]{0,40}(?:fonds|investisseur)|uno de nuestros clientes[^.!?]{0,40}(?:fondo|inversor)|(?:for|on behalf of) a (?:consulting|investment|pe|private equity|hedge fund) client)\\b`),

  // ------------------------------------------------------------------ job seeker
  rr('role.job_seeker.looking', 'job_seeker', 3, 'the sender is looking for a job, an internship or a placement',
    `\\b(?:i'?m|i am|currently|actively) (?:\\S+ ){0,2}(?:looking|searching|seeking|hunting) for (?:a |an |my )?(?:\\S+ ){0,3}(?:job|role|position|internship|opportunit\\w*|placement|opening|work|employment|co-?op)\\b|\\b(?:seeking|pursuing) (?:a |an )?(?:\\S+ ){0,3}(?:job|role|position|internship|opportunit\\w*|placement|co-?op)\\b|\\b(?:open to work|#opentowork|job hunting|job-hunting|job search|between jobs|recently (?:laid off|graduated)|laid off|fresh graduate|recent graduate|fresher|final[- ]year student|new grad|career (?:switch|change|changer))\\b|\\bi(?:'ve| have)? (?:just |recently )?applied (?:for|to)\\b|\\b(?:my|attached) (?:cv|resume|r[eé]sum[eé])\\b|\\b(?:switch(?:ing)? careers|between (?:roles|jobs)|(?:i'?m|i am|currently) applying|applying (?:to|for|at) (?:\\S+ ){0,3}(?:role|position|job|program|programme|scholarship|internship|school|lab|your company)|(?:an?|my) (?:job )?interview (?:on|next|this|there|thursday|friday|monday|tuesday|wednesday)|hoping to get an interview|(?:trying|hoping|want(?:ing)?|looking) to (?:get|break|move|switch) into|working student|apprenticeship|recommendation letter|serving (?:my )?notice(?: period)?|immediate joiner|(?:can|could) (?:i|students|freshers|graduates|final year students) apply|application (?:link|form)|(?:the|your) interview process|mock interview)\\b|\\b(?:any|some) (?:openings?|vacanc(?:y|ies)|opportunit(?:y|ies)|positions?|roles?) (?:in|at|with|on) your\\b|\\bconsider me for\\b|\\bi(?:'d| would) (?:love|like) to (?:join|work (?:at|for|with)) your (?:team|company|firm)\\b`,
    `\\b(?:busco (?:trabajo|empleo|pr[aá]cticas|una oportunidad|oportunidades)|en b[uú]squeda (?:de|activa)|buscando (?:trabajo|empleo|pr[aá]cticas|mi primer)|reci[eé]n (?:egresad[oa]|graduad[oa])|mi (?:cv|curr[ií]culum)|pasant[ií]a|suche (?:\\S+ ){0,2}(?:job|stelle|praktikum|arbeit|werkstudent\\w*|einstieg)|auf (?:der )?jobsuche|meinen lebenslauf|je (?:suis [aà] la recherche|recherche|cherche) (?:d'|un |une )?(?:\\S+ ){0,2}(?:emploi|poste|stage|alternance|opportunit[eé])|en recherche (?:d'emploi|de stage|active)|mon cv|(?:procuro|busco|buscando|em busca de) (?:\\S+ ){0,2}(?:emprego|trabalho|est[aá]gio|vaga|oportunidade|recoloca[cç][aã]o)|meu curr[ií]culo|rec[eé]m[- ]formad[oa]|candidatei-me|me candidatei|mi sono candidat[ao]|ich bewerbe mich|bewerbe mich|je postule|j'ai postul[eé]|me postul[eé]|estoy postulando|praktikumsplatz|praktikum|alternance|est[aá]gio|pr[aá]cticas|sto cercando lavoro|szukam pracy|szukam sta[zż]u|praktyk\\w*|i[sş] ar[iı]yorum|staj (?:ar[iı]yorum|yeri|imkan\\w*)|job chahiye|naukri|job dila\\w*|refer kar\\w*|guide kar\\w*|koi opening|abeg help me (?:\\S+ ){0,2}(?:job|work)|are you (?:\\S+ )?hiring|is your (?:team|company) hiring|ik ben aan het solliciteren|solliciteer|s[oö]ker jobb|(?:op zoek naar|zoek) (?:een )?(?:baan|stage|job)|cerco (?:lavoro|uno stage))\\b`,
    `\\b(?:(?:i'?m|i am) (?:\\S+ ){0,4}(?:looking|searching|seeking|hunting) for (?:a |an |my )?(?:\\S+ ){0,3}(?:jobs?|roles?|positions?|internships?|opportunit\\w*|placements?|openings?)|(?:actively|currently) (?:looking|searching) for (?:\\S+ ){0,3}(?:jobs|roles|positions|internships)|ich habe mich (?:\\S+ ){0,6}beworben|me interesa (?:mucho )?(?:la|el|su) (?:vacante|puesto|posici[oó]n|oferta)|(?:i'?m|i am) (?:very |really )?interested in (?:the|your) (?:\\S+ ){0,3}(?:role|position|opening|vacancy)|interessiere mich (?:sehr )?f[uü]r (?:die|eine) (?:\\S+ ){0,2}(?:stelle|position|rotation|hospitation|famulatur)|(?:je suis|suis) (?:tr[eè]s )?int[eé]ress[eé]e? par (?:le|votre|ce) poste|(?:tenho interesse|me interesso) (?:na|pela) vaga|sono interessat[oa] (?:alla|a questa) posizione|(?:if|whether) (?:ur|your|you(?:'re| are)) (?:team |company )?(?:is |are )?hiring|(?:love|like) to be considered|(?:love|like) to (?:get|break|move) into|informational (?:interview|call|chat|meeting)|coffee chat|endorse (?:me|my (?:\\S+ ){0,2}skills)|sto cercando (?:\\S+ ){0,2}(?:tirocinio|lavoro|stage|impiego)|laureand[oa]|neolaureat[oa]|saw your (?:job )?posting)\\b`),
  rr('role.job_seeker.saw_vacancy', 'job_seeker', 2, 'the sender saw the recipient\'s job ad or vacancy (a job seeker asking about it)',
    `\\bi (?:saw|noticed|came across) (?:your|the|a) (?:\\S+ ){0,2}(?:job (?:post(?:ing)?|ad|listing|opening)|opening|vacancy) (?:for|at|in|on)\\b`,
    `\\b(?:vi (?:la|tu|su|una) (?:oferta|vacante)|vi (?:a|sua|uma) vaga|j'ai vu (?:votre |une |l')offre|(?:ihre|die|eure) stellen(?:anzeige|ausschreibung) gesehen|ho visto (?:la vostra |l'|un'|il vostro )?(?:offerta|annuncio)|ik zag dat jullie (?:\\S+ ){0,4}zoeken|vacature gezien)`),
  rr('role.job_seeker.referral', 'job_seeker', 3, 'asks for a referral, an introduction to the hiring team, or to pass on a CV',
    `\\b(?:refer me|recommend me to|a referral|referral for|(?:pass|forward) (?:along |on )?my (?:name|cv|resume|profile)|put(?:ting)? (?:in )?a (?:good )?word|good word (?:for me|with|to)|(?:a|one) (?:short )?word from you|put(?:ting)? my name forward|your hiring (?:manager|team)|introduce me to (?:the |your )?(?:hiring|recruit|hr|team))\\b`,
    `\\b(?:me (?:podr[ií]as|puedes|podr[ií]a) (?:recomendar|referir)|referencia para|k[oö]nnten sie mich (?:\\S+ ){0,3}empfehlen|empfehlung f[uü]r|me recommander pour|une recommandation pour|(?:poderia|pode) me indicar|me indica pra|indica[cç][aã]o para|ein gutes wort|intern weiterempfehlen|segnalare il mio nome|mi presenterebbe|przeka[zż]a[cć] moje cv|tipsa din rekryterare)\\b`,
    `\\b(?:(?:who|whom) (?:the|is the) hiring manager|the hiring manager is|transmettre (?:ma|mon) (?:candidature|cv)|hacer llegar mi (?:cv|curr[ií]culum)|meine bewerbung weiterleiten|encaminhar (?:o )?meu (?:cv|curr[ií]culo)|inoltrare (?:il mio cv|la mia candidatura))\\b`),
  rr('role.job_seeker.mentoring', 'job_seeker', 3, 'asks for mentoring, guidance or career advice',
    `\\b(?:mentor(?:ship|ing)?|guidance|career advice|(?:advice|tips|insights?) (?:on|about|for) (?:how|breaking|getting|landing|starting|my|entering|transitioning)|pick your brain|how (?:did )?you (?:got|get|landed|land|broke|break|made it) into|learn (?:more )?(?:about|from) your (?:journey|path|career))\\b`,
    `\\b(?:mentor[ií]a|orientaci[oó]n|consejos? (?:para|sobre)|mentor(?:in)?|rat f[uü]r|(?:vos|tes) conseils|mentorat|(?:seus|teus) conselhos|orienta[cç][aã]o|consigli)\\b`),

  // ------------------------------------------------------------------ community
  rr('role.community.join', 'community', 3, 'invites the recipient to join a group, club, association or community',
    `\\bjoin (?:us|our|my|the) (?:\\S+ ){0,3}(?:group|community|club|chapter|association|network|circle|guild|society|alumni|meetup|slack|discord|forum)\\b|\\b(?:our|my|the) (?:\\S+ ){0,2}(?:alumni (?:network|association|office|relations)|student (?:club|chapter|association|society)|career (?:center|centre|office|services)|(?:local|student|regional|city) chapter|meetup group|user group|community of|professional association|non-?profit|volunteer)\\b|\\b(?:women|students|founders|alumni) in \\S+ (?:group|community|network|chapter)\\b`,
    `\\b(?:[uú]nete a (?:\\S+ ){0,2}(?:grupo|comunidad|club|asociaci[oó]n)|nuestra (?:comunidad|asociaci[oó]n)|asociaci[oó]n de (?:antiguos|exalumnos)|(?:unserer?|unserem) (?:community|gruppe|verein|netzwerk|stammtisch)|alumni-?(?:netzwerk|verein)|rejoi(?:gnez|ndre) (?:\\S+ ){0,2}(?:groupe|communaut[eé]|club|association)|notre (?:communaut[eé]|association|club)|(?:nossa|a nossa) (?:comunidade|associa[cç][aã]o)|participe (?:da|do) (?:nossa|nosso) (?:comunidade|grupo))\\b`),
  rr('role.community.cause', 'community', 2.5, 'asks for a signature, a donation or an RSVP for a cause, a charity, a school or a free event',
    `\\b(?:petition|signatures?|fundraiser|charity|donat(?:e|ion)|chip in|money pot|rsvp|beach cleanup|clean-?up|rotary|lions club|non-?profit|allotments?|community garden|(?:school|club|hospital|shelter|charity|literacy)(?:'s)? (?:\\S+ ){0,3}(?:award|grant|appeal|final round|fundraiser|vote))\\b`,
    `\\b(?:petici[oó]n|firmas (?:para|contra|por)|recogiendo firmas|juntando fondos|recaudando|carrera solidaria|solidari[oa]|petition|unterschrift(?:en)?|spenden\\w*|p[eé]tition|signature pour|collecte|cagnotte|peti[cç][aã]o|assinaturas?|vaquinha|petizione|raccogliendo firme|raccolta fondi|petitie|teken je mee|nossa escola|nuestra escuela|unsere schule|notre [eé]cole)\\b`),
  rr('role.community.group', 'community', 2.5, 'invites the recipient into a group the sender runs (a chat group, a club, a circle)',
    `\\b(?:(?:whatsapp|telegram|slack|discord|facebook|signal) (?:group|community|server|channel|chat)|(?:group|community|club|circle|network) (?:\\S+ ){0,3}(?:i|we) (?:just )?(?:started|founded|launched|created|run)|(?:started|founded|launched|created|run|growing|building) (?:\\S+ ){0,3}(?:group|community|club|circle))\\b`,
    `\\b(?:grupo (?:no |de |do |en )?(?:whatsapp|telegram)|(?:mi|nuestro|meu|nosso) grupo|(?:gruppe|verein) (?:\\S+ ){0,4}gegr[uü]ndet|gegr[uü]ndet[^.!?]{0,40}gruppe|beitreten|criei um grupo|cr[eé]amos un grupo|on lance un groupe|(?:mon|notre) groupe|il mio gruppo|sumate|[uú]nete a mi|entra l[aá]|nous rejoignes|rejoindre (?:notre|mon))\\b`),
  rr('role.community.speak_event', 'community', 2.5, 'invites the recipient to speak at or attend an event, summit or meetup',
    `\\b(?:invite you to (?:speak|attend|present|be)|(?:my|our) (?:pop-up|free) (?:\\S+ )?(?:event|brunch|meetup|workshop)|event page|eventbrite|putting together an event|(?:as|be) (?:a |our )?(?:speaker|panelist|panellist|keynote|guest speaker|mentor|judge|juror)|speak(?:ing)? at (?:our|the|my)|have you on (?:as (?:a|our) guest|my podcast|our podcast|the (?:show|podcast))|(?:as|be) (?:a|our) guest (?:on|at) (?:my|our|the)|call for (?:speakers|papers)|(?:our|the) (?:\\S+ ){0,2}(?:summit|meetup|conference|hackathon|symposium|forum|congress|career fair|job fair)\\b[^.!?]{0,60}\\b(?:speak|speaker|join|attend|invite|rsvp|free|register))\\b`,
    `\\b(?:(?:como|ser) (?:ponente|jurado|mentor[a]?)|invitarte a (?:participar|hablar|dar)|(?:como|ser) invitad[oa] (?:en|de) (?:mi|nuestro)|als gast (?:in|bei|auf) (?:meinem|unserem|unserer)|comme invit[eé]e? (?:dans|sur|de|[aà]) (?:mon|notre)|como convidad[oa] (?:no|do|em|da|na) (?:meu|nosso|minha|nossa)|come ospite (?:nel|del|al|della) (?:mio|nostro|mia|nostra)|(?:als )?(?:speaker|referent(?:in)?|sprecher(?:in)?) (?:bei|auf|f[uü]r)|(?:comme )?(?:intervenant(?:e)?|conf[eé]rencier|jur[eé]) (?:lors|[aà]|pour)|inviter [aà] intervenir|(?:como )?(?:palestrante|jurad[oa]) (?:no|na|em|do|da))\\b`),

  rr('role.community.free_sessions', 'community', 3.5, 'offers the recipient a place in free sessions the sender runs (mentoring, meetups, a cohort)',
    `\\b(?:(?:i|we) (?:run|host|organi[sz]e|lead|hold) (?:\\S+ ){0,3}(?:free|monthly|weekly|volunteer) (?:\\S+ ){0,2}(?:mentoring|mentorship|sessions|meetups?|circles?|office hours|study groups?)|add you to (?:the|our|my) (?:next )?(?:cohort|circle|group|community))\\b`,
    `\\b(?:(?:organizo|organizamos|dirijo|coordino) (?:\\S+ ){0,3}(?:sesiones|mentor[ií]as|encuentros|reuniones) (?:\\S+ )?gratuit[oa]s|(?:ich|wir) (?:organisiere|organisieren|leite|leiten|biete|bieten) (?:\\S+ ){0,3}kostenlose (?:\\S+ ){0,2}(?:mentoring\\w*|treffen|sessions|runden)|(?:j'organise|nous organisons|j'anime|nous animons) (?:\\S+ ){0,3}(?:s[eé]ances|sessions|rencontres|ateliers) (?:\\S+ )?gratuit\\w*|(?:organizo|organizamos|fa[cç]o|facilito) (?:\\S+ ){0,3}(?:sess[oõ]es|mentorias|encontros) (?:\\S+ )?gratuit\\w*|(?:organizzo|organizziamo|conduco) (?:\\S+ ){0,3}(?:sessioni|incontri) (?:\\S+ )?gratuit\\w*)`),

  rr('role.community.organiser', 'community', 3, 'the sender organises a free group, meetup, circle or mentoring scheme and invites the recipient (to join, to talk, to mentor)',
    `\\b(?:(?:starting|organi[sz]ing|hosting|running|launching|kicking off|we run|i run|we host|i host|we organi[sz]e) (?:an? |our |the )?(?:\\S+ ){0,3}(?:meetup|meet-up|club|circle|chapter|discussion group|reading group|book club|alumni (?:circle|network|group)|mentoring (?:scheme|circle|programme|program))|free (?:\\S+ ){0,2}(?:cpd|meetup|evening|get-together)|(?:looking for|seeking|welcom\\w+) (?:new )?members|founding members?|(?:join|be|become|volunteer|serve) as (?:a |one of our )?mentors?|(?:lightning|short|\\d+-minute) talk|give a talk|(?:brings together|gathers) (?:\\S+ ){0,4}(?:every|each|once a) (?:\\S+ )?(?:month|quarter|week|year)|discussion group|non-?profit association)\\b`,
    `\\b(?:organizamos (?:un|una|el|la) (?:\\S+ ){0,2}(?:club|encuentro|meetup|grupo|comunidad|c[ií]rculo)|(?:lo|la|te|les) invito a unirse|unirse a (?:\\S+ ){0,3}(?:comunidad|grupo|club|red)|grupo gratuito|dar una (?:charla|ponencia)|wir (?:organisieren|sind) (?:das|ein|einen|den|eine) (?:\\S+ ){0,2}(?:\\S*meetup|stammtisch|netzwerk|verein|kreis|treffen)|(?:suchen|sucht) (?:wir )?(?:noch )?(?:referent\\w*|speaker|sprecher\\w*)|vortrag (?:zu )?halten|j'organise (?:le|un|notre|la) (?:\\S+ ){0,2}(?:meetup|club|groupe|atelier|rencontre)|(?:cherch|recherch)\\w* (?:des |de nouveaux )?intervenant|adicionar (?:no|ao|na) (?:nosso |nossa )?(?:grupo|comunidade)|comunidade de (?:ex-alunos|egressos|alumni)|dar uma palestra|rede de egressos|associazione (?:no profit|non profit|di professionist\\w*)|sta organizzando (?:un|una) (?:\\S+ ){0,2}(?:ciclo|serie|incontro|seminario)|tenere (?:un|una) (?:intervento|relazione|talk))\\b`),
  // ------------------------------------------------------------------ peer
  rr('role.peer.field_network', 'peer', 1.5, 'wants to know more people of a named field ("other platform folks", "procurement leaders", "líderes de marketing")',
    `\\b(?:connect|network|know|meet|circle|network) (?:\\S+ ){0,3}(?:with |more |other |fellow )(?:other |fellow |more )?(?!(?:like-minded|great|interesting|new|amazing|inspiring|talented|successful|ambitious|smart|good|many|awesome|wonderful|cool|passionate|driven|creative|young|professional|business|linkedin|local|more|other|likeminded|the|you|your|all|such|people|professionals|fellow|senior|top|key|industry|thought|global|successful|experienced|fantastic|brilliant|motivated|impressive)\\b)[a-z][a-z-]+ (?:folks|people|leaders|peers|practitioners|colleagues|professionals)\\b`,
    `\\b(?:(?:minha|a minha) rede (?:\\S+ ){0,2}com (?:outr[oa]s |mais )?(?:l[ií]deres|profissionais|pessoas|gestor(?:e|a)s) de (?!(?:destaque|sucesso|sua|seu|todas|todos|diversas|v[aá]rias|outras|qualidade|alto|excel[eê]ncia|renome)\\b)\\S+|(?:mi red|conectar) con (?:otr[oa]s |m[aá]s )?(?:l[ií]deres|profesionales|personas|colegas) (?:de|del) (?!(?:tu|su|todo|todas|todos|diversos|distintos|otros|alto|[eé]xito|renombre|calidad)\\b)\\S+|mon r[eé]seau (?:rh|it|tech|marketing|finance|juridique|achats|sant[eé]|supply chain|industriel)|(?:netzwerk|kontakte) (?:\\S+ ){0,3}(?:im|in der|mit) (?:\\S+ )?(?:einkauf|vertrieb|marketing|personalwesen|controlling|pflege|logistik)|la mia rete (?:\\S+ ){0,2}con (?:altri |altre )?(?:professionisti|colleghi|persone) (?:del|della|di) (?!(?:tuo|tua|suo|sua|tutti|successo|alto)\\b)\\S+)`),

  // ------------------------------------------------------------------ vendor
  rr('role.vendor.offer', 'vendor', 2, 'sells a product, service, course, platform or agency work',
    `\\b(?:we (?:help|offer|provide|build|deliver|specialize in|specialise in|sell|supply|develop|design|run|manage|automate)|i help (?:\\S+ ){0,3}(?:companies|businesses|brands|teams|founders|leaders|firms|practices|startups|owners|professionals|clinics|agencies)|our (?:\\S+ ){0,3}(?:platform|product|solution|software|service|services|agency|tool|app|course|program|programme|offer|package|packages|pricing|kit|pos|portal|tracker|tracking|robot|system|crm|bot|plans?|funds?|rates|price sheet|reel|eqms|playbook|modules)|(?:want|need) (?:our )?(?:rates|a quote|details|samples|test logins)\\b|send you (?:\\S+ )?(?:test logins|samples|a quote|rates|our (?:rates|price list|catalog))|we(?:'re| are) a (?:\\S+ ){0,2}(?:brand|startup|shop|business|bakery|studio|agency|supplier|manufacturer)|(?:just|recently) (?:opened|launched) (?:my|our|a) (?:\\S+ ){0,2}(?:shop|store|bakery|salon|studio|business|practice|page|app|cafe|restaurant|clinic|office)|(?:launching|launched) (?:my|our) (?:\\S+ ){0,2}(?:book|app|product|course|album)|quote (?:this week|\\?)|(?:may|can|shall) i (?:mail|send|drop off) (?:you )?(?:samples|a trial|our)|(?:group|trade fair|special) (?:rates|price)|on offer|pay per (?:appointment|lead|result)|(?:we|i) (?:book|fill|sync|file|fight|host|pick up|clean|migrate) (?:\\S+ ){0,6}(?:for (?:you|contractors|clients)|a month|monthly|weekly|automatically|on contingency|in \\d+ (?:weeks|days))|i (?:edit|write|build|design|make|create|shoot|film|produce|manage|run|do|help) (?:\\S+ ){0,4}for (?:\\S+ ){0,2}(?:builders|founders|companies|brands|startups|businesses|teams|agencies|creators|clinics|restaurants|hotels|coaches|firms|practices|shops|stores|owners|leaders|professionals|midwives|physicians)|i help (?:\\S+ ){0,2}[a-z]+s (?:with|to|get|grow|cut|save|find|land|build|reach|win|book|turn|fill)|i am (?:a )?(?:wealth|financial|insurance) (?:advisor|adviser|broker|agent)|present you our|(?:free|complimentary) (?:audit|trial|demo|consultation|assessment|estimate|quote|strategy (?:call|session))|book a (?:demo|call|meeting)|lead generation|(?:qualified|more) (?:leads|appointments|meetings)|case stud(?:y|ies))\\b`,
    `\\b(?:ayudamos|ofrecemos|nuestr[oa] (?:plataforma|soluci[oó]n|software|servicio|agencia|empresa|herramienta|curso)|wir (?:helfen|bieten|unterst[uü]tzen|entwickeln)|unsere? (?:l[oö]sung|plattform|software|agentur|dienstleistung|angebot)|nous (?:aidons|proposons|offrons|accompagnons)|notre (?:solution|plateforme|logiciel|agence|offre|service)|ajudamos|oferecemos|nossa (?:plataforma|solu[cç][aã]o|ag[eê]ncia|empresa|consultoria)|notre (?:\\S+ ){0,2}(?:robot|outil|logiciel|plateforme|offre|produit)|unser(?:e|en)? (?:\\S+ ){0,2}(?:tool|software|l[oö]sung|plattform|produkt|app)|nuestr[oa] (?:\\S+ ){0,2}(?:app|software|sistema|plataforma|producto)|il nostro (?:\\S+ ){0,3}(?:registro|gestionale|software|sistema|prodotto)|preisliste|testzugang|tabela|precio especial|a partir de \\d|(?:nos|nuestros|nossos) (?:\\S+ )?(?:programmes|services|servicios|produits|productos|produtos|solutions|soluciones)|lan[cç]amento d[oe] (?:meu|minha|nosso) (?:\\S+ )?(?:livro|produto|curso|app)|wij (?:helpen|bieden)|offriamo|aiutiamo)\\b`),
  rr('role.vendor.we_at', 'vendor', 2, 'writes for a company that works for clients like the recipient ("we at X", "our team at X")',
    `\\b(?:we at|our team at|the team (?:here )?at|here too|we(?:'ve| have)? been (?:helping|working with|chatting with|talking to)|(?:chatting|talking) with (?:\\S+ ){0,2}(?:bakeries|clinics|firms|companies|teams|owners|practices|hospitals|schools|shops|restaurants|stores|retailers|brands|founders)|helping (?:\\S+ ){0,3}(?:farms|firms|companies|teams|businesses|clinics|practices|brands|hospitals|schools|owners|fleets|stores|startups)|keep bumping into|i(?:'m| am) with (?:\\S+ ){0,4}(?:group|team|firm|company|agency)|we(?:'ve| have)? (?:met|spoken|talked) (?:with |to )?(?:a lot of|lots of|many|several|a few|dozens of) (?:\\S+ ){0,3}(?:teams|firms|companies|clinics|hospitals|owners|leaders|practices|brands|shops)|told us (?:\\S+ ){0,3}(?:halved|cut|saved|doubled|reduced)|trust us (?:for|with)|our (?:\\S+ ){0,2}(?:team|firm|agency|studio|company) (?:builds|helps|makes|runs|designs|handles|ships|delivers)|i (?:run|own) (?:a|an) (?:\\S+ ){0,2}(?:crew|shop|studio|agency|firm|business|company)|i (?:work|am) (?:at|for|with) (?:\\S+ ){0,2}(?:and|&) (?:\\S+ ){0,3}(?:clients|customers)|i (?:work|partner) with (?:\\S+ ){0,3}(?:leaders|teams|companies|founders|firms|owners|brands|practices|clinics|cfos|ctos|ceos|cmos|startups|businesses|retailers|manufacturers) (?:\\S+ ){0,3}on (?!(?:hiring|recruiting|building (?:their|the|your) team|growing (?:their|the|your) team|their hiring|talent)\\b)\\S+ing)\\b`,
    `\\b(?:wir (?:bei|von) \\S+|bei \\S+ (?:\\S+ )?(?:begleiten|unterst[uü]tzen|helfen|bieten|haben|entwickeln) wir|ich (?:bin|arbeite) (?:bei|von) (?:der )?\\S+|en \\S+(?: \\S+){0,2} (?:tenemos|llevamos|hacemos|ofrecemos|ayudamos)|desde \\S+ (?:llevamos|ofrecemos|ayudamos|tenemos|hacemos)|(?:o pessoal|a galera|a equipe|a equipa) da \\S+|nous (?:accompagnons|aidons)|chez \\S+ (?:nous|on)|wij bij \\S+|we accompany|pomagamy|temos (?:um|uma) (?:\\S+ ){0,2}(?:crm|sistema|plataforma|app|solu[cç][aã]o)|haben wir (?:\\S+ ){0,4}(?:tool|l[oö]sung|software|system)|h[aä]tten wir (?:\\S+ ){0,2}(?:eine|ein) (?:\\S+ ){0,2}\\w*(?:l[oö]sung|angebot)|sou fornecedor|ich unterst[uü]tze (?:\\S+ ){0,2}(?:mittelst[aä]ndler|unternehmen|kanzleien|praxen)|gestiono|hago (?:\\S+ ){0,3}para|trabajo con (?:\\S+ ){0,3}(?:empresas|equipos|l[ií]deres|directores|marcas|cl[ií]nicas|despachos) (?:\\S+ ){0,3}(?:en|para) (?:automatizar|digitalizar|optimizar|reducir|mejorar|vender)|ich arbeite mit (?:\\S+ ){0,3}(?:unternehmen|teams|f[uü]hrungskr[aä]ften|kanzleien|praxen|mittelst[aä]ndlern) (?:\\S+ ){0,3}(?:an|bei|zur) (?:der )?(?:automatisierung|digitalisierung|optimierung)|j'accompagne (?:des|les) (?:\\S+ ){0,3}(?:entreprises|[eé]quipes|dirigeants|cabinets|marques|pme)|trabalho com (?:\\S+ ){0,3}(?:empresas|l[ií]deres|times|equipes|marcas|cl[ií]nicas) (?:\\S+ ){0,3}(?:na|no|em|para) (?:automa[cç][aã]o|automatizar|digitaliza[cç][aã]o|otimizar|reduzir)|lavoro con (?:\\S+ ){0,3}(?:aziende|team|imprese|studi|marchi) (?:\\S+ ){0,3}(?:per|sull'|nell') ?(?:automatizzare|digitalizzare|ottimizzare|ridurre|automazione))\\b`),
  rr('role.vendor.promote_business', 'vendor', 2, 'asks for a follow, a review, a vote or an upvote for the sender\'s business, product or launch',
    `\\b(?:product hunt|product of the day|app store|play store|google (?:page|review)|yelp|kickstarter|(?:company|business|brand|shop|farm shop) page|(?:my|our|my sister's|my brother's)(?:'s)? (?:\\S+ ){0,2}(?:bakery|salon|startup|start-up|practice|brand|business|app|shop|store|studio|restaurant|cafe|caf[eé]|clinic|kombucha|book|pastry|vet practice|car repair shop)(?:'s)? (?:google |business |company |new )?(?:page|review|listing|launch|is (?:up|nominated|in))|small biz|(?:best|small) (?:new |small )?(?:business|product|drink|brunch|shop|startup|restaurant|brand) (?:of the year|award|poll|in)|nominated for best)\\b`,
    `\\b(?:(?:p[aá]gina|pagina|page) (?:aziendale|da empresa|de (?:la |mi )?empresa|de mi (?:estudio|negocio|emprendimiento)|da minha|de mi)|unternehmensseite|bedrijfspagina|mi emprendimiento|emprendimiento|(?:mon|ma) (?:cabinet|boutique|entreprise|restaurant)|avis google|(?:5|cinco|f[uü]nf)[- ]?(?:sterne|estrelas|estrellas)|lancei (?:meu|minha)|pastelaria|meu sal[aã]o|agriturismo|(?:la mia|della mia) (?:officina|attivit[aà]|azienda)|wir sind ein (?:\\S+ )?startup)\\b`),
  rr('role.vendor.partnership', 'vendor', 2, 'proposes a partnership, synergies or investment',
    `\\b(?:synerg(?:y|ies)|partnership|partner with (?:you|your)|collaboration opportunit\\w*|business opportunit\\w*|white[- ]label|reseller|distributor|investors?|investment|raising (?:a|our) (?:\\S+ )?round|our fund|capital for|introduce me to your (?:\\S+ )?(?:ceo|cto|cfo|coo|owner|founder|director|buyer|purchasing|procurement|head of (?:\\S+ )?(?:purchasing|procurement|operations|it))|apresentar ao seu (?:diretor|ceo|dono)|proposal (?:i|we) want to discuss)\\b`,
    `\\b(?:sinergias?|alianza|parceria|synergien|partenariat|kooperation|inversi[oó]n|inversores|investimento|investidores|investisseurs?|investoren)\\b`),
];

/** What a company does for clients, as BRAND_DOES reads it after the company's name. */
const BRAND_VERBS =
  '(?:helps|handles|builds|supports|automates|saves|cuts|syncs|sends|manda|liest|tiene|could (?:save|cut|help|reduce)|can (?:save|cut|help)|unterstützt|hilft|könnte|pourrait|aide|accompagne|pode ajudar|ajuda|podría|ayuda|helpt|är (?:kassan|appen|tjänsten|verktyget))(?!\\p{L})';
/**
 * A company name (capitalised words, not a pronoun) followed by what it does for clients:
 * "Keystone helps nursing teams…", "Kronberg unterstützt Stadtwerke…". Matched on the note as written
 * (the capitals are the evidence), starting only at a word's first letter.
 */
const BRAND_DOES: RoleRule = lazyRule(
  {
    id: 'role.vendor.brand_does',
    role: 'vendor',
    weight: 2,
    description: 'a company name followed by what it does for clients ("Keystone helps nursing teams...")',
  },
  `(?<!\\p{L})(?!(?:This|That|It|He|She|They|We|You|I|Which|What|Who|Your|My|Our|His|Her|Their|There|Here|Nothing|Everything|Something|Anything|Everyone|Someone|Each|One|Networking|LinkedIn|God)\\b)\\p{Lu}[\\p{L}&'’-]+(?: \\p{Lu}[\\p{L}&'’-]+){0,2} ${BRAND_VERBS}`,
  'u',
);
/**
 * What every BRAND_DOES match ends with (a space, then the verb): a note without it is not run
 * through BRAND_DOES, whose start (a capitalised word, not a pronoun) is tried at every letter.
 */
const BRAND_VERB = new RegExp(` ${BRAND_VERBS}`, 'u');
const BRAND_RULES = [BRAND_DOES];

/**
 * The same asks in scripts whose letters JavaScript's `\\b` does not see (Arabic, Bengali): no word
 * boundaries, whole phrases only.
 */
const SCRIPT_RULES: RoleRule[] = [
  rr('role.job_seeker.looking_script', 'job_seeker', 3, 'the sender is looking for a job or an internship (Arabic, Bengali)',
    `(?:أبحث|ابحث|أدور) عن (?:\\S+ ){0,2}(?:وظيفة|عمل|فرصة|تدريب)|(?:أرجو|ممكن) (?:\\S+ ){0,2}(?:ترشيحي|توصية)|চাকরি (?:খুঁজছি|দরকার|চাই)|চাকরির (?:জন্য|খোঁজে)|ইন্টার্নশিপ`),
  rr('role.recruiter.open_role_script', 'recruiter', 3, 'the sender offers a job (Arabic, Bengali)',
    `فرصة عمل|وظيفة شاغرة|(?:نبحث|نحن نبحث) عن (?:\\S+ ){0,2}(?:مهندس|مطور|محاسب|مدير|مصمم|موظف)|نوظف|(?:লোক|কর্মী) নিয়োগ|নিয়োগ (?:দিচ্ছি|চলছে)`),
];

/** A job offer that names a concrete role: a job title, or contract and pay terms. */
const CONCRETE_ROLE: RoleRule[] = [
  rr('role.recruiter.names_title', 'recruiter', 0, 'names the job: a title offered',
    `\\b(?:hiring|recruiting|placing|seeking|looking for|searching for|need) (?:an? |two |several |our next |a senior |a junior )?(?:\\S+ ){0,3}${TITLE}\\b|\\b${POSITION_WORD} (?:as|for|of) (?:an? |the )?(?:\\S+ ){0,3}${TITLE}\\b|\\b${TITLE} (?:role|position|opening|vacancy|opportunity|job|contract)\\b`,
    `\\b(?:buscamos|buscando|contratando|busco) (?:un |una )?(?:\\S+ ){0,3}${TITLE}\\b|\\b(?:wir suchen|suchen) (?:eine?n? )?(?:\\S+ ){0,3}${TITLE}\\b|\\b(?:nous recherchons|recherchons|je recherche|recrutons) (?:un |une )?(?:\\S+ ){0,3}${TITLE}\\b|\\b(?:procuramos|buscamos|contratando) (?:um |uma )?(?:\\S+ ){0,3}${TITLE}\\b|\\b${POSITION_WORD} (?:de|als|d'|para|como) (?:\\S+ ){0,3}${TITLE}\\b`),
  rr('role.recruiter.names_terms', 'recruiter', 0, 'names the terms of the job: contract, schedule or pay', `\\b${TERMS}\\b|\\bcomp(?:ensation)? (?:up to|of|around|from) [$€£]?\\d|\\+ equity\\b`),
];

/**
 * The category rules (rules.ts) that also say who is writing, with the weight they carry for that role.
 * Their evidence is the category rule's own.
 */
const FROM_CATEGORY_RULES: Record<string, [KnownRole, number]> = {
  'pitch.job_offer': ['recruiter', 3],
  'ask.expert_call': ['expert_network', 4],
  'ask.job_hunt': ['job_seeker', 2],
  'ask.job_seeking': ['job_seeker', 2],
  'ask.job_referral': ['job_seeker', 1],
  'ask.refer_intro': ['job_seeker', 1],
  'ask.pick_brain': ['job_seeker', 2],
  'ask.speak_join': ['community', 1.5],
  'ask.petition_vote': ['community', 0.5],
  'ask.review_rate': ['vendor', 1],
  'pitch.partnership': ['vendor', 1.5],
  'pitch.we_help': ['vendor', 1],
  'pitch.product': ['vendor', 1],
  'pitch.we_offer': ['vendor', 1],
  'pitch.business_intro': ['vendor', 1],
  'pitch.free_offer': ['vendor', 1],
  'pitch.price': ['vendor', 0.5],
  'pitch.meeting_ask': ['vendor', 0.5],
  'pitch.send_material': ['vendor', 0.5],
  'pitch.results_claim': ['vendor', 0.5],
  'pitch.benefit_claim': ['vendor', 0.5],
  'pitch.pain_hook': ['vendor', 0.5],
  'pitch.scarcity': ['vendor', 0.5],
  'pitch.offer_to_show': ['vendor', 0.5],
  'pitch.interest_check': ['vendor', 0.5],
  'pitch.time_ask': ['vendor', 0.3],
  'good.past_together': ['peer', 1.5],
  'good.met_in_person': ['peer', 1],
  'good.saw_your_content': ['peer', 1],
  'good.your_activity': ['peer', 1],
  'good.shared_experience': ['peer', 1],
  'good.shared_context': ['peer', 1],
  'good.shared_activity': ['peer', 1],
  'good.follow_work': ['peer', 1],
  'good.work_helped': ['peer', 1],
  'good.referral': ['peer', 0.5],
  'good.thanks_engagement': ['peer', 0.5],
};

/** What the chosen category says about the role (weaker than any phrase). */
const FROM_CATEGORY: Partial<Record<Category, [KnownRole, number, string]>> = {
  sales_pitch: ['vendor', 1, 'the note offers something (sales pitch)'],
  swing_and_miss: ['vendor', 1, 'the note offers something (swing and miss)'],
  good: ['peer', 1.5, 'the note cites real shared activity (good)'],
};

/** Below this total no role is sure enough: `unknown`. */
export const ROLE_THRESHOLD = 1.5;
/** When two roles tie, the more specific one wins. */
const PRIORITY: KnownRole[] = ['expert_network', 'recruiter', 'job_seeker', 'community', 'vendor', 'peer'];

function fire(rules: readonly RoleRule[], text: string, lower: string, out: RoleReason[]): void {
  for (const rule of rules) {
    const m = rule.re.exec(lower);
    if (m) out.push(reasonOf(rule, text, m));
  }
}

const reasonOf = (rule: RoleRule, text: string, m: RegExpExecArray): RoleReason => ({
  rule: rule.id,
  role: rule.role,
  weight: rule.weight,
  evidence: text.slice(m.index, m.index + m[0].length).trim() || m[0],
  description: rule.description,
});

/**
 * Role rules behind a word prefilter (gate.ts, issue 15): each rule's regex is split at its
 * top-level `|`, and an alternative runs only when each of its gate groups has a word starting a
 * word of the note; one whose every match starts at a gate word runs from the first of those. A regex is compiled by V8 on its first run, and the role rules are large (the job titles of
 * every language): a note that names no job never pays for compiling those. The alternatives are
 * built on their first run (gate.ts sourceOf: linear.test.ts still sees them all).
 * Same reasons as running each whole regex: per rule, its leftmost match (at one position, the
 * earlier alternative). Read from the whole note: the gate is one of NOTE_GATES (gate.ts).
 */
class GatedRules {
  /**
   * Per alternative: its rule, its source and flags, and its regex once built (on its first run:
   * most never run), and the literal every match of it contains (gate.ts requiredLiteral, read when
   * it is first enabled): an enabled alternative whose literal is not in the note is not run.
   * `from`: its global copy, run from its first gate word (a leading alternative's).
   */
  private readonly alts: { rule: number; src: string; flags: string; re: RegExp | null; literal: string | null; from: RegExp | null }[];
  /** Every gate group of an alternative (up to 3) must start a word of the note, not just one of its words: "hiring" alone runs no alternative that also needs a job title (AndGate). */
  private readonly gate: AndGate;
  private readonly at: Int32Array;
  private readonly alt: Int32Array;
  private readonly match: (RegExpExecArray | null)[];

  constructor(private readonly rules: readonly RoleRule[]) {
    this.alts = rules.flatMap((r, rule) => alternatives(r.source).flatMap(distributed).map((src) => ({ rule, src: sourceOf(src, r.flags), flags: r.flags, re: null, literal: null, from: null })));
    this.gate = new AndGate(this.alts.map((a) => a.src), 3, NOTE_GATES);
    this.alts.forEach((a, i) => this.gate.leading[i] && lazyPattern(a.src, `${a.flags}g`));
    this.at = new Int32Array(rules.length);
    this.alt = new Int32Array(rules.length);
    this.match = new Array<RegExpExecArray | null>(rules.length).fill(null);
  }

  fire(text: string, lower: string, out: RoleReason[]): void {
    const { at, alt, match, gate } = this;
    match.fill(null);
    const enabled = gate.scan(lower);
    const ids = gate.enabledIds;
    for (let q = 0; q < enabled; q++) {
      const i = ids[q];
      const a = this.alts[i];
      const literal = (a.literal ??= requiredLiteral(a.src));
      if (literal !== '' && !lower.includes(literal)) continue;
      let m: RegExpExecArray | null;
      // every match of a leading alternative starts at one of its gate words: none starts before the first
      if (gate.leading[i] === 1) {
        const from = (a.from ??= compiled(new RegExp(a.src, `${a.flags}g`)));
        from.lastIndex = gate.first[i];
        m = from.exec(lower);
      } else m = (a.re ??= compiled(new RegExp(a.src, a.flags))).exec(lower);
      if (!m) continue;
      const r = a.rule;
      if (match[r] === null || m.index < at[r] || (m.index === at[r] && i < alt[r])) {
        match[r] = m;
        at[r] = m.index;
        alt[r] = i;
      }
    }
    this.rules.forEach((rule, r) => {
      const m = match[r];
      if (m) out.push(reasonOf(rule, text, m));
    });
  }
}

const NON_LATIN = /[\u0600-\u06ff\u0980-\u09ff]/u;

/**
 * A sender who names their own profession: "I'm also a structural engineer", "fellow nurse here",
 * "from one founder to another", "soy ingeniera". Alone a weak sign of a peer; the same profession
 * in the recipient's profile (or "fellow", "also") makes it one.
 */
export const SELF_TITLE = lazyRule(
  {},
  foldNonAscii(
    `\\b(?:(?:i'?m|i am|we(?:'re| are) both|soy|sou|je suis|ich bin|sono) (?:also |too |both |a fellow |another )?(?:an? |un |une |um |uma |una |ein |eine |uno )?(?:\\S+ ){0,2}?|(?:as a )?fellow (?:\\S+ ){0,2}?|from one (?:\\S+ ){0,2}?)(${TITLE}|founders?|nurses?|teachers?|photographers?|writers?|researchers?|farmers?|pilots?|chefs?|journalists?|economists?)(?: here| too| as well| to another|,)?`,
  ),
  'u',
);

/** SELF_TITLE names every job title: it runs only on a note with one of its lead words and one of its titles (gate.ts), and is built on its first run. */
const SELF_TITLE_GATE = new AndGate([SELF_TITLE.source], 3, NOTE_GATES);

function samePeerField(text: string, lower: string, profile: string, out: RoleReason[]): void {
  if (SELF_TITLE_GATE.scan(lower) === 0) return;
  const m = SELF_TITLE.re.exec(lower);
  if (!m) return;
  const phrase = m[0];
  const evidence = text.slice(m.index, m.index + phrase.length).trim();
  const strong = /\b(?:fellow|also|too|both|another|as well|to another)\b/.test(phrase);
  out.push({ rule: 'role.peer.own_profession', role: 'peer', weight: strong ? 1.5 : 0.5, evidence, description: 'the sender names their own profession' });
  const word = m[1].split(' ').pop()!.replace(/(?:es|s)$/, '');
  if (word.length >= 4 && profile.includes(word.slice(0, Math.max(4, word.length - 1)))) {
    out.push({ rule: 'role.peer.same_field', role: 'peer', weight: 1, evidence: `${evidence} (your profile: ${word})`, description: "the sender's profession is in the recipient's profile" });
  }
}

/** Built when this module loads: the alternatives are cheap to build (V8 compiles a regex on its first run), and linear.test.ts sees them. */
const GATED_ROLE_RULES = new GatedRules(ROLE_RULES);

/** The rule id of the role model's reading: `role.words.<role>` (its weight is the model's probability). */
export const ROLE_WORDS_RULE = 'role.words';
const LIKE: Record<Role, string> = {
  recruiter: "a recruiter's",
  vendor: "a vendor's",
  expert_network: "an expert network's",
  job_seeker: "a job seeker's",
  community: "a community's",
  peer: "a peer's",
  unknown: 'nobody in particular:',
};

/**
 * The role model's reading of a note (words.ts readRoleWords, fitted on the role-labelled sets): a
 * reason `role.words.<role>` whose weight is the model's probability and whose evidence is the
 * note's words that leaned hardest towards it, or null when the model knows none of its words.
 */
export function readRoleModel(text: string, model: RoleWordModel | LazyRoleWordModel = ROLE_MODEL, sent = false): RoleReason | null {
  const v = readRoleWords(text, model, sent);
  if (!v) return null;
  const role = v.cls as Role;
  const words = v.evidence.join(', ');
  return {
    rule: `${ROLE_WORDS_RULE}.${role}`,
    role,
    weight: Math.round(v.p * 1000) / 1000,
    evidence: words,
    // one string per role (the words are the evidence): shown as `reads like a vendor's note: "demo, pricing"`
    description: role === 'unknown' ? 'the words say nothing of who is writing' : `reads like ${LIKE[role]} note`,
  };
}

/**
 * The role phrase families that fire on a note (its text as the classifier reads it), and the role
 * model's reading of it (last, `role.words.*`; `model` null: none); `profile`: the recipient's
 * profile, folded; `sent`: the owner sent the note (OUTGOING).
 */
export function fireRoleRules(text: string, profile?: string, sent = false, model: RoleWordModel | LazyRoleWordModel | null = ROLE_MODEL): RoleReason[] {
  const out: RoleReason[] = [];
  if (!text) return out;
  const lower = foldSameLength(text);
  GATED_ROLE_RULES.fire(text, lower, out);
  if (BRAND_VERB.test(text)) fire(BRAND_RULES, text, text, out);
  if (NON_LATIN.test(text)) fire(SCRIPT_RULES, text, text, out);
  if (profile !== undefined) samePeerField(text, lower, profile, out);
  if (model) {
    const m = readRoleModel(text, model, sent);
    if (m) out.push(m);
  }
  return out;
}

/** Position words that name a role (Connections.csv `Position`, or a company that names one). */
const POSITION_RULES: RoleRule[] = [
  rr('role.context.position_recruiter', 'recruiter', 3, 'the counterpart\'s position (Connections.csv) is a recruiter',
    `\\b(?:recruit\\w*|talent (?:acquisition|partner|sourcer|scout)|sourcer|headhunt\\w*|staffing|executive search|reclut\\w*|recrut\\w*|personalberat\\w*|selecci[oó]n|hr business partner)\\b`),
  rr('role.context.position_expert_network', 'expert_network', 3, 'the counterpart works for an expert network (Connections.csv)',
    `\\b(?:expert network|glg|gerson lehrman|alphasights|guidepoint|third bridge|tegus|dialectica|atheneum|coleman research|prosapient)\\b`),
  rr('role.context.position_vendor', 'vendor', 2, 'the counterpart\'s position (Connections.csv) is in sales or business development',
    `\\b(?:sales|business development|account (?:executive|manager)|bdr|sdr|partnerships?|growth (?:consultant|partner)|ventas|vertrieb|commercial|comercial|desenvolvimento de neg[oó]cios|key account)\\b`),
  rr('role.context.position_job_seeker', 'job_seeker', 2, 'the counterpart\'s headline says they are looking for work (Connections.csv)',
    `\\b(?:open to work|seeking|looking for (?:new )?(?:opportunities|a role|work)|job seeker|student|intern|estudiante|student(?:in)?|[eé]tudiant(?:e)?|estudante|aspiring)\\b`),
];

/** What the counterpart's position/company says (Connections.csv), or null. */
export function roleFromPosition(position: string | undefined, company: string | undefined): RoleReason | null {
  // most CRs have neither (no Connections.csv, or a counterpart not in it)
  if (!position && !company) return null;
  return POSITION_ROLES.of(position && company ? `${position} | ${company}` : position || company!);
}

/** roleFromPosition's answer per position text (a company's people share one); shared: never written to. */
const POSITION_ROLES = new RepeatedTexts((text: string): RoleReason | null => {
  if (!text.trim()) return null;
  const out: RoleReason[] = [];
  fire(POSITION_RULES, text, foldSameLength(text), out);
  return out[0] ?? null;
});

function sum(reasons: readonly RoleReason[]): Map<KnownRole, number> {
  const s = new Map<KnownRole, number>();
  for (const r of reasons) if (r.role !== 'unknown') s.set(r.role, (s.get(r.role) ?? 0) + r.weight);
  return s;
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * How the rules and the role model (`role.words.*`, fitted on the role-labelled sets) are combined:
 *   1. the role phrase families' own total for the rules' best role is at least `strong`: the rules
 *      decide (what the category rules and the category imply does not count here: a staffing
 *      agency's pitch fires pitch rules, yet its words read as a recruiter's);
 *   2. else the model, when its probability is at least `sure` (`unknown` included);
 *   3. else the rules' total at ROLE_THRESHOLD;
 *   4. else the model's role, when its probability is at least `lean` (never `unknown` here);
 *   5. else the counterpart's Position, else `unknown`.
 * Chosen by cross-validation on the role-labelled sets (scripts/training/roles.ts crossValidatedRoles):
 * the figures were flat around these values (README, eval/README.md).
 */
export interface RoleBlend {
  strong: number;
  sure: number;
  lean: number;
}
export const ROLE_BLEND: RoleBlend = { strong: 1.5, sure: 0.98, lean: 0.3 };

/** The rule id and description of a role reason from category rule `id` (made once per rule, not once per note). */
const FROM_RULE_NAMES = new Map<string, { rule: string; description: string }>();
function fromRuleNames(id: string): { rule: string; description: string } {
  let names = FROM_RULE_NAMES.get(id);
  if (names === undefined) FROM_RULE_NAMES.set(id, (names = { rule: `role.from.${id}`, description: `the category rule ${id} fired` }));
  return names;
}
const FROM_CATEGORY_IDS = new Map<Category, string>();
function fromCategoryRule(category: Category): string {
  let rule = FROM_CATEGORY_IDS.get(category);
  if (rule === undefined) FROM_CATEGORY_IDS.set(category, (rule = `role.category.${category}`));
  return rule;
}

/** The rules' reasons (the note's role phrases, its category rules, its category) and their total per role. */
function ruleReasons(phrases: readonly RoleReason[], fired: readonly Fired[], category: Category): RoleReason[] {
  const reasons: RoleReason[] = phrases.filter((r) => !r.rule.startsWith(`${ROLE_WORDS_RULE}.`));
  const seen = new Set(reasons.map((r) => r.rule));
  // a recruiter's or staffing firm's offer is a pitch (rule 5): the pitch rules it fires say nothing of a vendor
  // ("Acme is hiring" is said of the recipient's company, by whoever sells to it: not the sender's offer);
  // a job seeker's own ask names a job too: the job-offer rule it fires says nothing of a recruiter
  const recruits = reasons.some((r) => r.role === 'recruiter' && !/^(?:is|are) /i.test(r.evidence));
  const seeks = reasons.some((r) => r.role === 'job_seeker' && r.rule !== 'role.job_seeker.mentoring');
  for (const f of fired) {
    const m = FROM_CATEGORY_RULES[f.id];
    if (!m || seen.has(`category:${f.id}`) || (recruits && m[0] === 'vendor') || (seeks && m[0] === 'recruiter')) continue;
    seen.add(`category:${f.id}`);
    const names = fromRuleNames(f.id);
    reasons.push({ rule: names.rule, role: m[0], weight: m[1], evidence: f.evidence, description: names.description });
  }
  const cat = FROM_CATEGORY[category];
  if (cat && !(recruits && cat[0] === 'vendor')) reasons.push({ rule: fromCategoryRule(category), role: cat[0], weight: cat[1], evidence: category, description: cat[2] });
  return reasons;
}

/**
 * The role of a CR. `phrases`: the role rules fired on the note and the role model's reading
 * (fireRoleRules); `fired`: the category rules that fired on it (empty when structure decided the
 * category); `category`: the category chosen; `hasNote`: false for a CR without a note (or
 * LinkedIn's default text).
 */
export function decideRole(phrases: readonly RoleReason[], fired: readonly Fired[], category: Category, hasNote: boolean, ctx: RoleContext = {}, blend: RoleBlend = ROLE_BLEND): RoleDecision {
  return roleInContext(hasNote, ctx, () => noteRole(phrases, fired, category, blend));
}

/**
 * decideRole, the note's part given as `ofNote` (noteRole's answer, asked only when the context
 * leaves the role to the note): a note's part depends on its text alone, so the notes of one text
 * reading may share it (index.ts).
 */
export function roleInContext(hasNote: boolean, ctx: RoleContext, ofNote: () => RoleDecision | null): RoleDecision {
  const context = roleFromPosition(ctx.counterpartPosition, ctx.counterpartCompany);
  if (!hasNote) return context ? { role: context.role, roleReasons: [context] } : { role: 'unknown', roleReasons: [] };
  // the owner's sent CR: the invitee's position, where it names a role, is whom the owner reached
  if (ctx.direction === 'OUTGOING' && context) return { role: context.role, roleReasons: [context] };
  const byNote = ofNote();
  if (byNote) return byNote;
  // an incoming note that says nothing: the sender's position may (Connections.csv)
  if (context) return { role: context.role, roleReasons: [context] };
  return { role: 'unknown', roleReasons: [] };
}

/** What a note's role phrases, category rules and category say of its role (see decideRole), or null when they say nothing. */
export function noteRole(phrases: readonly RoleReason[], fired: readonly Fired[], category: Category, blend: RoleBlend = ROLE_BLEND): RoleDecision | null {
  const reasons = ruleReasons(phrases, fired, category);
  const model = phrases.find((r) => r.rule.startsWith(`${ROLE_WORDS_RULE}.`));
  const scores = sum(reasons);
  let best: KnownRole | null = null;
  let top = 0;
  for (const role of PRIORITY) {
    const s = scores.get(role) ?? 0;
    if (s > top) {
      best = role;
      top = s;
    }
  }
  const byRules = (role: KnownRole): RoleDecision => {
    const chosen = reasons.filter((r) => r.role === role).map((r) => ({ ...r, weight: round(r.weight) }));
    chosen.sort((a, b) => b.weight - a.weight);
    // the model agreeing says so too
    if (model?.role === role && model.evidence) chosen.push(model);
    return { role, roleReasons: chosen };
  };
  const byModel = (m: RoleReason): RoleDecision => {
    if (m.role === 'unknown') return { role: 'unknown', roleReasons: [] };
    // the rules that agree with the model back it up
    const backing = reasons.filter((r) => r.role === m.role).map((r) => ({ ...r, weight: round(r.weight) }));
    backing.sort((a, b) => b.weight - a.weight);
    return { role: m.role, roleReasons: [m, ...backing] };
  };
  // the role phrase families' own total (not what the category rules and the category imply)
  const own = best ? reasons.reduce((a, r) => a + (r.role === best && !r.rule.startsWith('role.from.') && !r.rule.startsWith('role.category.') ? r.weight : 0), 0) : 0;
  if (best && own >= blend.strong) return byRules(best);
  if (model && model.weight >= blend.sure && (model.role === 'unknown' || model.evidence)) return byModel(model);
  if (best && top >= ROLE_THRESHOLD) return byRules(best);
  if (model && model.role !== 'unknown' && model.weight >= blend.lean && model.evidence) return byModel(model);
  return null;
}

/** The words that name a concrete role in a recruiter's note (a title, or contract and pay terms), or null. */
export function concreteRole(text: string): RoleReason | null {
  const out: RoleReason[] = [];
  if (!text) return null;
  fire(CONCRETE_ROLE, text, foldSameLength(text), out);
  return out[0] ?? null;
}

export const KEPT_REASON = 'you are looking for a job; this recruiter names a role';

/**
 * A note that offers people TO the recipient (staffing for the recipient's own hiring), not a job:
 * "saw that your company is hiring…", "your open roles". Such a recruiter is not kept.
 */
const FOR_YOUR_HIRING = new RegExp(
  foldNonAscii(
    `\\b(?:saw|see|seen|noticed|heard|read) (?:that )?(?:\\S+ ){0,3}(?:is|are|you'?re|you are|'s|'re) (?:\\S+ )?(?:hiring|growing|scaling|recruiting)\\b|\\byou(?:'re| are) (?:\\S+ )?hiring\\b|\\byour (?:open )?(?:roles|positions|vacancies|reqs|hiring)\\b|\\b(?:struggling|trying) to (?:hire|fill)\\b`,
  ),
  'u',
);

/**
 * The job seeker's view: with `keep` holding 'recruiter', a recruiter's note that names a concrete
 * role becomes ACCEPT-worthy (the category stays the seed's). Returns the Kept and the evidence, or null.
 */
export function keptFor(
  keep: readonly KeepableRole[],
  decision: RoleDecision,
  text: string,
  direction?: Direction,
): { kept: Kept; evidence: RoleReason } | null {
  // the view is about the notes the user receives: their own sent notes are graded as they are
  if (decision.role !== 'recruiter' || !keep.includes('recruiter') || direction === 'OUTGOING') return null;
  // staffing offered for the recipient's own hiring is no job for them
  if (decision.roleReasons.some((r) => r.rule === 'role.recruiter.staffing') || FOR_YOUR_HIRING.test(foldSameLength(text))) return null;
  const named = concreteRole(text);
  if (!named) return null;
  return { kept: { role: 'recruiter', reason: `${KEPT_REASON} ("${named.evidence}")` }, evidence: named };
}
