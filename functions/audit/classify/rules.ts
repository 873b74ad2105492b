/**
 * The per-note rules, SpamAssassin-style: each rule is a small named pattern family with a
 * category and a description. A rule fires with the exact words that made it fire (the evidence).
 * Patterns are matched against a lower-cased copy of the note (same length), so the evidence is
 * sliced from the original text. Each family carries its phrases in EN, ES, DE, FR and PT: the
 * weights are shared across languages (fitted on whatever language the labelled data holds).
 */
import type { Category } from '../model.ts';
import { foldNonAscii } from './text.ts';

/** The categories the scorer chooses between (no_message is decided before scoring). */
export const SCORED_CATEGORIES = [
  'sales_pitch',
  'swing_and_miss',
  'irrelevant',
  'bot',
  'too_much_too_soon',
  'coworker_template',
  'good',
] as const satisfies readonly Category[];
export type ScoredCategory = (typeof SCORED_CATEGORIES)[number];

export interface RuleDef {
  id: string;
  category: ScoredCategory;
  description: string;
  /** Prior weight for its own category (default 2): strong structural evidence gets more. */
  prior?: number;
}

export interface TextRule extends RuleDef {
  /** Matched against the folded note (`foldSameLength`; no `g` flag: the first match is the evidence). */
  re: RegExp;
}

/**
 * Patterns are written with accents for readability (`[eé]`, `gratuit`, `añadir`) and folded with
 * the same one-to-one table as the notes (see `foldSameLength`), so matching runs on ASCII-like
 * text with the fast `\\b`, and match offsets still point at the original words.
 */
const r = (id: string, category: ScoredCategory, description: string, ...parts: string[]): TextRule => ({
  id,
  category,
  description,
  re: new RegExp(foldNonAscii(parts.join('|')), 'u'),
});

const DAYS = '(?:monday|tuesday|wednesday|thursday|friday|tomorrow|next week|this week)';
const CONTENT =
  '(?:posts?|article|comments?|talk|webinar|podcast|episode|newsletter|thread|chapter|book|piece|presentation|keynote|session|panel|video|answer|paper|reply|research|interview|workshop|course|issue|study|lecture|speech|blog|essay|report|rounds|slides|deck|demo|masterclass|tutorial|guide|case study|op-ed|column|write-?up|linkedin live|live|livestream|stream|ama|carousel|story)';

export const TEXT_RULES: TextRule[] = [
  // ---------------------------------------------------------------- good: real shared activity
  r('good.saw_your_content', 'good', 'cites something specific the recipient wrote, said or made',
    `\\b(?:saw|seen|read|reading|loved|enjoyed|liked|watched|listened to|heard|caught|finished|attended|appreciated|found|took|completed|used|tried|followed|downloaded|joined)\\b(?:[\\s,]+[^\\s.!?,]+){0,6}?[\\s,]+your\\b(?:[\\s,]+[^\\s.!?,]+){0,5}?[\\s,]+${CONTENT}\\b`,
    `\\byour (?:recent |latest |last )?${CONTENT}\\b(?:[\\s,]+[^\\s.!?,]+){0,5}?[\\s,]+(?:was|is|were)\\b`,
    `\\byour (?:recent |latest |last |new )?${CONTENT} (?:on|about|at|in|for|with)\\b`,
    `\\b(?:le[ií]|vi|escuch[eé]|me gust[oó]|disfrut[eé])\\b(?:[\\s,]+[^\\s.!?,]+){0,5}?[\\s,]+(?:tu|su)\\s(?:publicaci[oó]n|post|art[ií]culo|comentario|charla|ponencia|webinar|podcast|libro|presentaci[oó]n|entrevista|episodio|hilo|bolet[ií]n|video|v[ií]deo)`,
    `\\b(?:ihren|ihr|ihre|deinen|dein|deine)\\s(?:beitrag|post|artikel|kommentar|vortrag|webinar|podcast|buch|newsletter|pr[aä]sentation|interview|folge|episode|keynote|video)\\b`,
    `\\b(?:lu|vu|[eé]cout[eé]|aim[eé]|appr[eé]ci[eé]|assist[eé] [aà])\\b(?:[\\s,]+[^\\s.!?,]+){0,5}?[\\s,]+(?:votre|ton|ta)\\s(?:publication|post|article|commentaire|conf[eé]rence|intervention|webinaire|podcast|livre|pr[eé]sentation|[eé]pisode|vid[eé]o|r[eé]ponse|newsletter)`,
    `\\b(?:li|vi|ouvi|gostei|assisti)\\b(?:[\\s,]+[^\\s.!?,]+){0,5}?[\\s,]+(?:seu|sua|teu|tua)\\s(?:publica[cç][aã]o|post|artigo|coment[aá]rio|palestra|webinar|podcast|livro|apresenta[cç][aã]o|epis[oó]dio|v[ií]deo|newsletter)`),
  r('good.your_activity', 'good', 'refers to something the recipient did or said',
    `\\byou (?:presented|spoke|shared|wrote|posted|gave|asked|mentioned|published|led|hosted|moderated|organi[sz]ed|explained|built|rebuilt|ran|moved|made|won|launched|started|taught|handled|framed|described|answered|put together|designed|coached|mentored)\\b`,
    `\\byour (?:team'?s? )?\\w+(?: \\w+)? (?:was|were) (?:the |so |really )?(?:cleanest|best|great|excellent|impressive|brilliant|fantastic|outstanding|inspiring|helpful)\\b`,
    `\\b(?:usted|t[uú]) (?:present[oó]|present[aá]ste|compartiste|escribiste|publicaste)\\b|\\b(?:sie|du) (?:haben|hast) .{0,30}(?:vorgestellt|geteilt|geschrieben|pr[aä]sentiert)\\b|\\bvous avez (?:pr[eé]sent[eé]|partag[eé]|publi[eé]|[eé]crit)\\b|\\bvoc[eê] (?:apresentou|compartilhou|escreveu|publicou)\\b`),
  r('good.met_in_person', 'good', 'refers to a real meeting or shared event',
    `\\bwe (?:met|spoke|chatted|talked|shared a|sat|volunteered|studied|worked together|played)\\b|\\bwe both (?:mentor|work|worked|volunteer|teach|study|studied|serve|attended|spoke|sat|coach|ran|run|play|went|presented)\\b|\\bmet you\\b|\\bgreat (?:chatting|meeting|talking|speaking)\\b|\\bnice (?:meeting|chatting|to meet)\\b|\\bsat (?:at|next to|beside)\\b`,
    `\\bwe (?:both )?(?:attended|were (?:both )?(?:at|on|in))\\b|\\bwere at your\\b|\\bat your (?:booth|table|session|stand)\\b|\\bnext to yours\\b|\\bfellow (?:\\S+ ){0,2}(?:volunteer|alum|alumni|alumnus|alumna|attendee|panelist|speaker|mentor|classmate|grad|graduate)s?\\b|\\bsame table\\b`,
    `\\bnos conocimos\\b|\\bcoincidimos en\\b|\\bun gusto conocer`,
    `\\bkennengelernt\\b|\\bwir haben uns (?:\\S+ ){0,8}(?:unterhalten|gesprochen|gesehen)\\b|\\bgetroffen\\b|\\bsch[oö]n,? (?:sie|dich) .{0,20}kennenzulernen`,
    `\\bnous nous sommes rencontr[eé]s\\b|\\bravie? d'avoir (?:[eé]chang[eé]|discut[eé]|parl[eé])|\\bnous [eé]tions (?:voisins|ensemble|tous les deux)\\b|\\bon s'est (?:rencontr[eé]s|crois[eé]s)\\b|\\bravie? de vous avoir rencontr[eé]`,
    `\\bnos conhecemos\\b|\\bprazer (?:em )?conhec[eê]-l|\\bfoi [oó]timo conversar\\b`),
  r('good.thanks_engagement', 'good', 'thanks the recipient for a real interaction',
    `\\bthanks?(?: you)? (?:so much )?for (?:engaging|commenting|answering|replying|responding|taking the time|the (?:thoughtful |great |kind )?(?:comment|reply|question|feedback|answer|help|tip|shout-?out|mention|kind words|intro|introduction|recommendation|endorsement)|your (?:comment|reply|question|feedback|help|answer|insight))`,
    `\\bgracias por (?:tu|su) (?:comentario|respuesta|ayuda)|\\bdanke f[uü]r (?:ihren|deinen|ihre|deine) (?:kommentar|antwort|hilfe)|\\bmerci pour (?:votre|ton) (?:commentaire|r[eé]ponse|aide)|\\bobrigad[oa] pel[oa] (?:seu |sua )?(?:coment[aá]rio|resposta|ajuda)`),
  r('good.referral', 'good', 'a mutual contact suggested the connection',
    `\\b(?:suggested|recommended) (?:that )?(?:i|we) (?:reach out|connect|contact|get in touch|talk|meet)|\\breferred me\\b|\\b(?:recommended|suggested) you (?:as|for|to)\\b|\\bintroduced us\\b|\\b(?:said|told me|mentioned) (?:that )?you\\b`,
    `\\bme (?:recomend[oó]|sugiri[oó]) (?:que )?(?:te|le) contact|\\bhat mir (?:empfohlen|geraten)|\\bm'a (?:recommand[eé]|conseill[eé]) de vous|\\bme (?:recomendou|indicou|sugeriu)\\b`),
  r('good.specific_detail', 'good', 'mentions a specific detail of the recipient\'s work',
    `\\b(?:your|the) (?:point|idea|take|tips?|example|bit|part|section|question|breakdown|checklist|insight|advice|framework|data|results?) (?:about|on|regarding|around)\\b|\\bstuck with me\\b|\\bstill thinking about\\b|\\bmade it click\\b|\\bgave me (?:a lot )?to think|\\bspot on\\b|\\bwas (?:brilliant|fascinating|great|excellent|super helpful)\\b|\\bextremely (?:useful|helpful)\\b|\\bsaved (?:me|my team|us)\\b|\\bthe highlight\\b`,
    `\\btu (?:punto|idea|comentario) sobre\\b|\\bihr(?:e)? (?:punkt|idee|gedanke) (?:zu|[uü]ber)\\b|\\bvotre (?:point|id[eé]e|remarque) sur\\b|\\bseu (?:ponto|coment[aá]rio) sobre\\b|\\bsua ideia sobre\\b`),
  r('good.shared_context', 'good', 'states a genuine shared context or experience',
    `\\bas someone who also\\b|\\bi (?:also|too) (?:work|run|lead|manage|practice)\\b|\\bwe (?:also|too) (?:run|use|tried|had)\\b|\\bwe run a similar\\b|\\b(?:had|have|faced) the same (?:audit|problem|issue|challenge|finding)|\\bat another \\w+\\b|\\b(?:a|an) \\w+ (?:shop|firm|team|label|plant|company) too\\b|\\bi practice\\b`,
    `\\byo tambi[eé]n (?:trabajo|dirijo|gestiono)\\b|\\bich arbeite (?:auch|ebenfalls)\\b|\\bje travaille (?:aussi|[eé]galement)\\b|\\btamb[eé]m trabalho\\b`),
  r('good.clear_reason', 'good', 'gives a clear, mutual reason to connect',
    `\\b(?:love|like|glad|happy|good|useful|great) to (?:learn from|swap|compare|trade|exchange|stay in touch|keep in touch|keep learning|share what)|\\bstay in touch\\b|\\bkeep in touch\\b|\\blose touch\\b|\\bswap notes\\b|\\bcompare notes\\b|\\btrade (?:notes|materials|ideas)\\b|\\blearn from (?:you|your)\\b|\\bi mentioned\\b|\\bwanted to say thanks\\b`,
    `\\bseguir en contacto\\b|\\baprender de (?:ti|usted)\\b|\\bintercambiar (?:ideas|experiencias|notas)\\b|\\bin kontakt bleiben\\b|\\bvon (?:ihnen|dir) lernen\\b|\\bmich austauschen\\b|\\brester en contact\\b|\\bapprendre de vous\\b|\\b[eé]changer (?:nos|des) (?:id[eé]es|exp[eé]riences)\\b|\\bmanter contato\\b|\\baprender com voc[eê]\\b|\\btrocar (?:ideias|experi[eê]ncias)\\b`),
  r('good.no_ask', 'good', 'explicitly asks for nothing',
    `\\bno ask\\b|\\bno pitch\\b|\\bnot selling\\b|\\bnothing to sell\\b|\\bsin (?:venta|vender nada)\\b|\\bkein verkauf|\\bpas de vente\\b|\\bsem vender nada\\b`),

  // ---------------------------------------------------------------- sales_pitch
  r('pitch.we_help', 'sales_pitch', 'describes what the sender sells or does for clients',
    `\\bwe(?:'ve| have)? (?:help|helped|work with|specialize|specialise|provide|offer|install|handle|produce|stock|place|build|deliver)\\b|\\bwe(?:'re| are) (?:offering|a leading|the leading|an? (?:award|full-service|boutique))|\\bi help (?:\\w+ ){0,2}(?:companies|businesses|brands|teams|founders|leaders|firms|practices|startups)\\b|\\bour (?:clients|customers)\\b|\\bmost clients\\b|\\bwe (?:run|build|design|develop|sell|supply|manufacture|distribute|implement|automate|manage) \\w+|\\bi help (?:\\w+ ){1,4}(?:land|get|find|grow|win|book|close|scale|generate|hire)\\b|\\bi (?:build|design|create|develop|offer|provide|sell) (?:\\S+ ){0,5}for (?:small |local )?(?:businesses|companies|brands|startups|teams|firms|agencies)\\b|\\bour (?:\\w+ )?(?:firm|agency|studio|company) (?:places|offers|helps|builds|provides|delivers|specializes)\\b|\\bi (?:run|own|lead|founded) an? (?:\\S+ ){0,3}(?:agency|studio|firm|consultancy|company|shop|practice)\\b|\\bwe (?:make|create|produce|design) (?:\\S+ ){0,4}for\\b|\\bi'?m an? (?:\\S+ ){0,2}(?:coach|consultant|advisor|adviser|broker|agent|designer|developer|recruiter|freelancer|copywriter) (?:for|to|who helps|helping)\\b|\\b(?:i'?m|we'?re) offering\\b|\\bour company (?:manufactures|produces|supplies|provides|offers|sells|distributes)\\b|\\bwe'?ve partnered with\\b|\\b\\d+\\+ (?:firms|clients|companies|customers|brands|businesses)\\b|\\bich bin (?:experte|expertin|spezialist|spezialistin) f[uü]r\\b|\\bsoy (?:experto|experta|especialista) en\\b|\\bje suis (?:expert|experte|sp[eé]cialiste) en\\b|\\bsou (?:especialista|expert[oa]) em\\b|\\btenemos una soluci[oó]n\\b|\\bwe (?:just )?(?:launched|released) (?:an?|our)\\b|\\bi represent an?\\b|\\bj'accompagne\\b|\\bje suis consultante? en\\b|\\bvendemos\\b|\\bwir verkaufen\\b|\\bnous vendons\\b|\\bvendemos\\b|\\bnous avons une solution\\b|\\btemos uma solu[cç][aã]o\\b`,
    `\\bayudamos a\\b|\\bofrecemos\\b|\\bnos especializamos\\b|\\bsomos (?:una|l[ií]deres)\\b|\\bwir (?:helfen|bieten|unterst[uü]tzen|sind (?:ein|der) f[uü]hrend)|\\bunsere kunden\\b|\\bnous (?:aidons|proposons|offrons|accompagnons)\\b|\\bnos clients\\b|\\bajudamos\\b|\\boferecemos\\b|\\bnossos clientes\\b`),
  r('pitch.product', 'sales_pitch', 'names the sender\'s product or service',
    `\\bour (?:\\w+ ){0,2}(?:product|services?|platform|solutions?|software|tool|agency|system|dashboard|offer|package|catalog(?:ue)?|rates|pricing|app|program)\\b|\\bmy (?:\\w+ )?(?:coaching|consulting) (?:program|service|package)|\\bmy (?:\\S+ ){0,2}(?:program|programme|service|offer) (?:helps|gets|will)\\b`,
    `\\bnuestr[oa]s? (?:servicios?|productos?|plataforma|soluci[oó]n|herramienta|agencia)\\b|\\bunser(?:e|en)? (?:produkt|service|plattform|l[oö]sung|angebot|software|agentur)\\b|\\bnotre (?:produit|service|plateforme|solution|offre|agence|logiciel)\\b|\\bnoss[oa] (?:produto|servi[cç]o|plataforma|solu[cç][aã]o|ag[eê]ncia)\\b`),
  r('pitch.meeting_ask', 'sales_pitch', 'asks for a call, demo or meeting',
    `\\b(?:quick|short|brief|intro|introductory|discovery|\\d+[- ]?min(?:ute)?s?) (?:call|chat|demo|meeting|intro)\\b|\\bbook (?:a|an|some) (?:call|demo|meeting|time)\\b|\\bbook (?:\\d+|ten|fifteen) min|\\bhop on a call\\b|\\bset up a (?:call|meeting|demo)\\b|\\bschedule (?:a|yours|some|an?)\\b|\\bcalendar\\b|\\bcalendly\\b|\\bdoes ${DAYS} work\\b|\\bdo you have \\d+ min|\\bwalk you through\\b|\\bshow you (?:how|our|a)\\b|\\bdemo\\b`,
    `\\b(?:breve|peque[nñ]a) (?:llamada|reuni[oó]n)\\b|\\bagendar\\b|\\bagenda (?:una|um)\\b|\\bdemostraci[oó]n\\b|\\bkurze[sn]? (?:gespr[aä]ch|telefonat|call|termin)\\b|\\bterminvorschlag\\b|\\bun (?:court |bref )?(?:appel|[eé]change t[eé]l[eé]phonique|rendez-vous)\\b|\\bune d[eé]mo\\b|\\buma (?:breve |r[aá]pida )?(?:chamada|reuni[aã]o|conversa)\\b|\\bdemonstra[cç][aã]o\\b`),
  r('pitch.price', 'sales_pitch', 'quotes a price',
    `[$€£]\\s?\\d[\\d,.]*(?:k\\b)?(?:\\s?(?:\\/|per |a )(?:mo(?:nth)?|month|year|yr)\\b)?|\\d[\\d,.]*\\s?(?:€|eur\\b|usd\\b|dollars\\b)|\\/mo\\b|\\/month\\b|\\bper month\\b|\\bpricing\\b|\\bprice list\\b|\\bstarting at\\b|\\bhigh-ticket\\b|\\bfixed[- ]fee\\b|\\bprecios?\\b|\\bpreise?\\b|\\bprix\\b|\\bpre[cç]os?\\b`),
  r('pitch.free_offer', 'sales_pitch', 'offers something free to open a sale',
    `\\bfree (?:estimate|audit|trial|consult|consultation|review|assessment|quote|sample|demo|analysis|strategy)s?\\b|\\bcomplimentary\\b|\\bno (?:upfront|placement|setup) (?:fee|cost)|\\$0 upfront\\b|\\bor you don'?t pay\\b|\\brisk[- ]free\\b|\\b(?:first (?:month|week)|\\d+ days?) free\\b|\\bfree for new\\b|\\bfree shipping\\b|\\benv[ií]o gratis\\b`,
    `\\b(?:auditor[ií]a|consulta|prueba|demo) gratuita\\b|\\bgratis\\b|\\bkostenlose[snr]? (?:beratung|analyse|test|demo|erstgespr[aä]ch)|\\bunverbindlich|\\b(?:audit|essai|diagnostic|devis) gratuit|\\bsans engagement\\b|\\b(?:consultoria|avalia[cç][aã]o|an[aá]lise|demonstra[cç][aã]o) gratuita\\b|\\bsem compromisso\\b`),
  r('pitch.results_claim', 'sales_pitch', 'promises measurable results',
    `\\b\\d+(?:[.,]\\d+)?\\s?%|\\b\\d+x\\b|\\broi\\b|\\bqualified (?:leads|meetings|appointments)\\b|\\bbooked (?:consults|meetings|calls|appointments)\\b|\\bnew (?:patients|clients|customers|leads) (?:a|per|every) (?:month|week)\\b|\\b(?:cut|boost|increase|lift|double|triple|grow|recover) (?:your |their )?(?:\\w+ ){0,2}(?:by|in half)\\b`,
    `\\baumentar (?:tus|sus) (?:ventas|clientes)|\\bsteigern sie\\b|\\baugmenter (?:vos|votre) (?:ventes|chiffre)|\\baumentar (?:suas|seus) (?:vendas|clientes)`),
  r('pitch.send_material', 'sales_pitch', 'offers to send sales material',
    `\\b(?:can|could|may|shall|mind if) i send (?:you |over )?(?:a |an |our |the |my )?(?:\\d+[- ]min(?:ute)? )?(?:proposal|deck|case study|demo|video|sample|catalog|catalogue|brochure|info|link|quote|one-pager|reel|pricing)|\\bsend (?:you )?(?:our|a|the) (?:reel|catalog|catalogue|brochure|case study|deck|proposal|rates|price list)|\\bcase stud(?:y|ies)\\b|\\bshare your email\\b|\\bsample case\\b|\\bin the next message\\b|\\bcan i (?:share|send|show) (?:you )?(?:a few |some )?(?:examples|samples|references|our work|my work)\\b|\\bsend you (?:the |our |a )?(?:playbook|guide|portfolio|offer|quote|proposal|report)\\b|\\bhappy to (?:share|send) (?:a |our |the )?(?:sample|case|demo|deck|report|brochure|portfolio|proposal)`,
    `\\bpuedo (?:enviarte|enviarle|mandarte)\\b|\\bdarf ich ihnen .{0,30}(?:schicken|senden|zusenden)|\\bpuis-je vous (?:envoyer|faire parvenir)\\b|\\bposso (?:te |lhe )?enviar\\b`),
  r('pitch.interest_check', 'sales_pitch', 'checks interest in a purchase',
    `\\b(?:interested|open to|worth) (?:a |in a |an )?(?:quick |short |brief )?(?:chat|call|demo|conversation|hearing|intro)\\b|\\binterested\\?|\\blmk\\b|\\bwould you be open to\\b|\\bconvenient time\\b|\\bif you qualify\\b|\\bdiscuss your needs\\b|\\bwant one\\?|\\bif you'?re (?:hiring|looking for|in the market)\\b|\\blet me know if you (?:need|want|are interested)\\b|\\blet'?s talk\\b|\\bdm me\\b|\\bwant (?:a|the) link\\?|\\bvous int[eé]resserait\\b|\\ble (?:env[ií]o|mando) (?:nuestro|el) cat[aá]logo\\b|\\brate card\\b|\\bcompetitive rates\\b|\\breply '?(?:yes|interested|info)'?\\b|\\bquotation\\b|\\bfactory prices?\\b|\\b(?:are you|is this) the right person\\b|\\bkindly let me know if you have any requirements?\\b|\\bany requirements?\\b`,
    `\\b(?:te|le) interesa\\b|\\bh[aä]tten sie interesse\\b|\\binteress(?:e|iert)\\b|\\bseriez-vous (?:int[eé]ress[eé]|ouvert)|\\bint[eé]ress[eé]\\b|\\btem interesse\\b|\\binteressad[oa]\\b`),
  r('pitch.scarcity', 'sales_pitch', 'pressure tactics (limited spots, deadlines)',
    `\\b\\d+ spots? left\\b|\\bspots? left\\b|\\blimited (?:time|spots|offer|availability)\\b|\\bthis month only\\b|\\bact now\\b|\\bnormally \\$|\\bplazas limitadas\\b|\\bnur noch \\d+|\\bplaces limit[eé]es\\b|\\bvagas limitadas\\b`),
  r('pitch.pain_hook', 'sales_pitch', 'opens with a pain point to sell a fix',
    `\\bneed an? \\w+\\?|\\bare you still (?:doing|using|handling|paying)\\b|\\bstill struggling\\b|\\btired of\\b|\\bstruggl(?:e|ing) with\\b|\\bmost (?:new )?\\w+ struggle\\b|\\bleave money on the table\\b|\\bkilling (?:your )?margins\\b|\\bpainful\\b|\\bcosts? add up\\b|\\bwho (?:handles|manages|runs|is (?:in charge of|responsible for)) your\\b`,
    `\\b¿?sigues (?:haciendo|usando)\\b|\\bcansad[oa] de\\b|\\bimmer noch\\b|\\bvous en avez assez\\b|\\bainda (?:faz|usa)\\b|\\bcansad[oa] de\\b`),

  // ---------------------------------------------------------------- too_much_too_soon
  r('ask.engage_post', 'too_much_too_soon', 'asks the recipient to engage with the sender\'s content',
    `(?<!(?:the|your|thoughtful|great|kind|nice|helpful|insightful) )\\b(?:like|comment on|comment|share|repost|reshare|upvote|engage with|boost)\\b(?: and (?:comment(?: on)?|share|like))? (?:on )?(?:my|our|this) (?:\\S+ ){0,2}(?:post|video|article|content|launch|reel|publication)\\b|\\bupvotes?\\b|\\bproduct hunt\\b|\\bliking and commenting\\b|\\bgive it a like\\b|\\blikes? away\\b|\\bhelp (?:me with )?the algorithm\\b|\\bleave (?:us |me )?(?:a|an) (?:upvote|like|comment)\\b|\\ba like \\+|\\+ comment\\b|\\bcan you share my\\b|\\bevery (?:share|like|comment) helps\\b`,
    `\\b(?:dale|darle) (?:like|me gusta)\\b|\\bcomenta(?:r)? (?:en )?mi (?:publicaci[oó]n|post)\\b|\\bcomparte mi\\b|\\b(?:liken|kommentieren|teilen) sie (?:meinen|unseren) (?:beitrag|post)|\\bmeinen beitrag (?:liken|teilen|kommentieren)|\\b(?:likez|commentez|partagez|liker|commenter|partager) (?:mon|ma|notre) (?:post|publication|vid[eé]o)\\b|\\b(?:compartir|comentar) (?:mi|nuestra) (?:publicaci[oó]n|post)\\b|\\bmeinen beitrag\\b|\\b(?:compartilhar|curtir|comentar) (?:meu|minha) (?:post|publica[cç][aã]o)\\b|\\b(?:curta|comente|compartilhe) (?:meu|minha|nosso) (?:post|publica[cç][aã]o)\\b`),
  r('ask.endorse', 'too_much_too_soon', 'asks for an endorsement or recommendation',
    `\\bendors(?:e|ing) (?:me|my)\\b|\\bendorse you back\\b|\\b(?:write|give) me a recommendation\\b|\\brecommendation on my profile\\b`,
    `\\bvalida(?:r)? mis (?:aptitudes|habilidades)\\b|\\brecomi[eé]ndame\\b|\\bbest[aä]tigen sie meine (?:kenntnisse|f[aä]higkeiten)|\\bvalidez? mes comp[eé]tences\\b|\\brecommandez-moi\\b|\\b(?:valide|endosse) minhas (?:compet[eê]ncias|habilidades)\\b`),
  r('ask.vote', 'too_much_too_soon', 'asks for a vote',
    `\\bvote for (?:me|us|my|our)\\b|\\bvotar (?:no|na|em|en) (?:meu|minha|nosso|nossa|mi|nuestro)\\b|\\bvoter pour (?:mon|ma|notre)\\b|\\bvoting (?:closes|ends)\\b|\\bcast (?:your|a) vote\\b|\\bvota(?:r)? por (?:m[ií]|nosotros)\\b|\\bstimmen sie f[uü]r (?:mich|uns)\\b|\\bvotez pour (?:moi|nous)\\b|\\bvote (?:em mim|na gente)\\b`),
  r('ask.follow_join', 'too_much_too_soon', 'asks to follow, subscribe or join the sender\'s page, group or event',
    `\\bfollow (?:our|my) (?:company )?(?:page|account|channel|newsletter|podcast|profile)\\b|\\bsubscribe to (?:my|our)\\b|\\b\\d[\\d,.]* followers\\b|\\bjoin (?:my|our) (?:free |new )?(?:linkedin )?(?:group|community|webinar|event|newsletter|masterclass|challenge)\\b|\\brequest to join\\b|\\b(?:give|giving) (?:my|our) (?:\\S+ ){0,2}(?:page|profile|channel|post) a (?:follow|like|share)\\b|\\binvite your (?:connections|network|friends|followers)\\b|\\bpromote (?:it|this|my|our) (?:\\S+ )?to your\\b|\\bsave your seat\\b|\\bsubscribe\\b|\\bcheck out my (?:new )?(?:\\w+ )?(?:channel|page|podcast|post|video|website|shop|store)\\b|\\bregister (?:here|now)\\b|\\bsign up (?:here|now)\\b`,
    `\\bsigue (?:nuestra|mi) p[aá]gina\\b|\\bseguir (?:nuestra|mi) p[aá]gina\\b|\\b\\d[\\d,.]* (?:seguidores|abonn[eé]s|follower)\\b|\\b[uú]nete a (?:mi|nuestro) (?:grupo|webinar|evento)\\b|\\bsuscr[ií]bete\\b|\\bfolgen sie (?:unserer|meiner)\\b|\\babonnieren sie\\b|\\btreten sie (?:meiner|unserer) gruppe\\b|\\bsuivez (?:notre|ma) page\\b|\\brejoignez (?:mon|notre) (?:groupe|webinaire)\\b|\\babonnez-vous\\b|\\bsiga (?:nossa|minha) p[aá]gina\\b|\\binscreva-se\\b|\\bparticipe do (?:meu|nosso) (?:grupo|webinar)\\b`),
  r('ask.review_rate', 'too_much_too_soon', 'asks for a review, rating or promotion',
    `\\b(?:rate|review) (?:our|my) (?:app|product|book|page|business|course)\\b|\\bleave (?:us )?(?:a|an) (?:review|rating)\\b|\\b(?:5|five)[- ]stars?\\b|\\bwrite a (?:short |quick )?review\\b|\\bleaving (?:us |me )?(?:a|an) (?:review|rating)\\b|\\bbuy(?:ing)? (?:a copy|my (?:book|course|album))\\b|\\b(?:your )?honest review\\b|\\bpost about it\\b`,
    `\\bd[eé]janos una rese[nñ]a\\b|\\bbewerten sie (?:unsere|meine)\\b|\\blaissez(?:-nous)? un avis\\b|\\bdeixe (?:uma )?avalia[cç][aã]o\\b`),
  r('ask.refer_intro', 'too_much_too_soon', 'asks a stranger for a referral or an introduction',
    `\\b(?:refer|recommend) me\\b|\\bintroduce me to\\b|\\bput in a (?:good )?word\\b|\\b(?:pass|forward) (?:along |on )?my (?:resume|cv)\\b|\\byour hiring manager\\b|\\ba referral\\b`,
    `\\bme (?:recomiendas|refieres)\\b|\\bme (?:podr[ií]as|puedes|podr[ií]a) (?:recomendar|referir|presentar)\\b|\\bpoderia me (?:indicar|recomendar|apresentar)\\b|\\bpourriez-vous me (?:recommander|pr[eé]senter)\\b|\\bk[oö]nnten sie mich .{0,30}(?:empfehlen|vorstellen)\\b|\\bpres[eé]ntame\\b|\\bempfehlen sie mich\\b|\\bstellen sie mich .{0,30}vor\\b|\\bpr[eé]sentez-moi\\b|\\bme (?:indicar|apresentar)\\b`),
  r('ask.job_seeking', 'too_much_too_soon', 'turns the request into a job-search ask',
    `\\bi'?m (?:applying|job hunting|job-hunting|looking for (?:a )?(?:new )?(?:job|role|position|opportunit))|\\bmy job search\\b|\\bmy (?:resume|cv) is\\b|\\bopen to work\\b|\\bi'?d be a perfect fit\\b|\\b(?:attached|attaching|adjunto|anexo|ci-joint) (?:is )?(?:mi |my |meu |mon )?(?:cv|resume|curr[ií]culum|lebenslauf)\\b|\\bmon cv\\b|\\bmeu curr[ií]culo\\b|\\bla vacante\\b|\\bmeinen lebenslauf\\b|\\bi'?m raising (?:funds|money|a round)\\b`,
    `\\bbusco (?:trabajo|empleo)\\b|\\bsuche (?:einen job|eine stelle|arbeit)\\b|\\bje cherche (?:un emploi|un poste|du travail)\\b|\\bprocuro (?:emprego|trabalho)\\b`),
  r('ask.reciprocity', 'too_much_too_soon', 'bargains or leans on the recipient for a favour',
    `\\breturn the favou?r\\b|\\b(?:could|can|would) you (?:please |kindly )?(?:fill|share|forward|send me|help me|introduce|refer|recommend|vote|sign|donate|review|rate|leave|check out|follow|like|comment|endorse|subscribe|join|support|give me|promote)\\b|\\bappreciate your (?:vote|support|share|like|endorsement)\\b|\\bi'?d love it if you could\\b|\\bif you could (?:\\S+ ){0,2}(?:leave|share|vote|like|follow|review|rate|endorse|refer|fill)\\b|\\btestimonial\\b|\\bvoting is open\\b|\\byour vote\\b|\\b(?:endorse|follow|like) you back\\b|\\bmeans the world\\b|\\b(?:would )?means? a lot\\b|\\bit would (?:really )?help (?:me|us|a lot)\\b|\\bwould really help\\b|\\bthanks in advance\\b|\\bshare it with your (?:team|network)\\b|\\bspread the word\\b|\\bsign (?:my|our) petition\\b`,
    `\\bme ayudar[ií]a mucho\\b|\\bw[uü]rde mir sehr helfen\\b|\\bm'aiderait beaucoup\\b|\\bme ajudaria muito\\b`),

  // ---------------------------------------------------------------- irrelevant
  r('irrelevant.personal_trivia', 'irrelevant', 'personal trivia with no link to the recipient',
    `\\bmy (?:dog|cat|puppy|kitten|kids?|hobby|hobbies|favou?rite|zodiac)\\b|\\b(?:a|named) (?:cat|dog) named\\b|\\bcat named\\b|\\bi'?m a (?:scorpio|leo|virgo|libra|gemini|taurus|aries|cancer|sagittarius|capricorn|aquarius|pisces)\\b|\\bmom of\\b|\\bdad of\\b|\\bfavou?rite (?:colou?r|food|movie|band|animal)\\b|\\bsourdough\\b|\\bpineapple\\b|\\bhouseplants?\\b|\\bi collect\\b|\\bvintage \\w+\\b|\\bplayed (?:college |high school )?(?:baseball|football|soccer|basketball|hockey|tennis|rugby)\\b|\\bborn in the same\\b|\\b(?:half )?marathon\\b|\\bjust got back from\\b|\\bi love (?:hiking|fishing|fly fishing|golf|surfing|skiing|baking|cooking|gaming|knitting|yoga|running|cycling|chess)\\b|\\b\\d'\\d+"?`,
    `\\bmi (?:perro|gato|signo|hobby|color favorito)\\b|\\bmein (?:hund|hobby|sternzeichen)\\b|\\bmeine (?:katze|lieblingsfarbe)\\b|\\bmon (?:chien|chat|signe|hobby)\\b|\\bma couleur pr[eé]f[eé]r[eé]e\\b|\\bmeu (?:cachorro|gato|signo|hobby)\\b|\\bminha cor favorita\\b`),
  r('irrelevant.survey_experiment', 'irrelevant', 'uses the request for a poll, survey or experiment',
    `\\bexperiment\\b|\\bhypothesis\\b|\\bfor my research\\b|\\b(?:\\d+-question )?survey\\b|\\bpolling\\b|\\bquestionnaire\\b|\\breply (?:a|b|yes or no)\\b|\\bwould you rather\\b|\\bwhat do you think\\?|\\bdo you think\\b|\\bquick question for my\\b`,
    `\\bencuesta\\b|\\bexperimento\\b|\\bhip[oó]tesis\\b|\\bumfrage\\b|\\bhypothese\\b|\\bsondage\\b|\\bexp[eé]rience sociale\\b|\\bhypoth[eè]se\\b|\\bpesquisa\\b|\\benquete\\b|\\bhip[oó]tese\\b`),
  r('irrelevant.non_sequitur', 'irrelevant', 'random remark instead of a reason to connect',
    `\\banyway\\b|\\bthought you should know\\b|\\bsmall world\\b|\\brandom (?:question|thought)\\b|\\bfun fact\\b|\\bjust saying\\b|\\bno need to reply\\b|\\blol\\b|\\bhaha\\b|\\blife is good\\b|\\byou are #\\d+\\b`,
    `\\bpor cierto\\b|\\bde todos modos\\b|\\b[uü]brigens\\b|\\bwie auch immer\\b|\\bau fait\\b|\\bbref\\b|\\bali[aá]s\\b|\\benfim\\b`),

  // ---------------------------------------------------------------- bot
  r('bot.generic_network', 'bot', 'generic "grow my network" text that fits anyone',
    `\\b(?:expand|grow|build|broaden|extend)(?:ing)? (?:my|our) (?:professional )?network\\b|\\b(?:expand|grow|build|broaden|extend)\\w* (?:\\w+ ){0,2}network\\b|\\b(?:honou?red|delighted|pleased) to connect with (?:a )?(?:professional|inspiring|talented)|\\bconnect with (?:inspiring|talented|amazing|great) (?:professionals|people|minds)\\b|\\bprofessional like you\\b|\\blike-?minded (?:professionals|people|individuals|leaders)\\b|\\bprofessionals (?:across|from (?:all|various|different)) (?:industries|fields|sectors)\\b|\\b(?:always )?(?:happy|looking|glad) to connect with (?:fellow )?(?:professionals|people|leaders)\\b|\\bboth members of linkedin\\b|\\bshare (?:similar|common) interests\\b|\\bconnect with fellow (?:leaders|professionals)\\b|\\bconnect with (?:\\w+ ){0,2}professionals (?:in|from|across) (?:your|my|the|various|different|all|many)\\b|\\bbe part of your network\\b|\\bjoin my (?:professional )?network\\b|\\blike minded\\b|\\bgrow together\\b|\\bother professionals\\b|\\bhave a blessed day\\b|\\badd you to my professional network\\b|\\bprofessionals like you\\b`,
    `\\b(?:ampliar|expandir|hacer crecer) mi red\\b|\\b(?:ampli|expand)\\w* (?:\\w+ ){0,2}red (?:profesional|de contactos)\\b|\\b(?:erweitere|vergr[oö][sß]ere) (?:\\w+ ){0,2}netzwerk\\b|\\bnetzwerk (?:\\w+ ){0,2}(?:auszubauen|zu erweitern|erweitern|ausbauen|vergr[oö][sß]ern)\\b|\\b(?:[eé]largi|agrandi|d[eé]velopp)\\w* (?:\\w+ ){0,2}r[eé]seau\\b|\\b(?:expandi|ampli|aument)\\w* (?:\\w+ ){0,2}rede\\b|\\bpersonas afines\\b|\\bmein (?:berufliches )?netzwerk (?:zu )?(?:erweitern|ausbauen|vergr[oö][sß]ern)\\b|\\bgleichgesinnte|\\b(?:[eé]largir|agrandir|d[eé]velopper) mon r[eé]seau\\b|\\bpartageant les m[eê]mes\\b|\\b(?:expandir|ampliar|aumentar) (?:a )?minha rede\\b|\\binteresses em comum\\b`),
  r('bot.generic_opener', 'bot', 'stock opener or filler that a tool can send to anyone',
    `\\bi came across your profile\\b|\\bhope this (?:message )?finds you well\\b|\\bhope you'?re having a great (?:day|week)\\b|\\bhope (?:you are|you're|all is) (?:well|doing well)\\b|\\b(?:profile|experience|background) (?:really )?(?:stood out|caught my eye)\\b|\\bimpressed (?:by|with) your (?:experience|profile|background)\\b|\\bthought (?:we should|it would be great to|i'?d) connect\\b|\\bgreat to connect\\b|\\bsynerg(?:y|ies)\\b|\\bplease accept (?:my )?(?:invitation|request)\\b|\\baccept my (?:invitation|request)\\b|\\bhave a great day\\b|\\bi see we are both\\b`,
    `\\bespero que (?:est[eé]s|este mensaje|se encuentre)\\b|\\b(?:he visto|vi|encontr[eé]) tu perfil\\b|\\bsinergias\\b|\\bbin auf (?:ihr|dein) profil gesto[sß]en\\b|\\bich hoffe,? (?:es geht ihnen|sie hatten)\\b|\\bsynergien\\b|\\bje suis tomb[eé] sur votre profil\\b|\\bj'esp[eè]re que vous allez bien\\b|\\bsynergies\\b|\\bvi (?:o )?seu perfil\\b|\\bespero que (?:esteja|voc[eê] esteja) bem\\b`),
  r('bot.impersonal_greeting', 'bot', 'impersonal greeting: the sender does not know who you are',
    `^\\s*(?:dear (?:valued|linkedin|sir|madam|friend|dear|member|user|professional|connection|colleague)|hello dear|hi dear|to whom it may concern|hi there|hello there|greetings(?=[,!.]))|\\bdear sir(?:\\/| or )madam\\b`,
    `^\\s*(?:estimad[oa] (?:señor|señora|amigo|profesional)|sehr geehrte damen und herren|madame,? monsieur|madame \\/ monsieur|prezad[oa] (?:senhor|senhora|amigo|profissional))`),

  // ---------------------------------------------------------------- coworker hint (per note)
  r('coworker.team_outreach', 'coworker_template', 'speaks for a team or company outreach effort',
    `\\bmy (?:colleagues|coworkers|co-workers|team) and i\\b|\\bi'?m (?:with|on the (?:\\w+ ){0,3}team|on the team at)\\b|\\bon behalf of\\b|\\bmis (?:colegas|compa[nñ]eros) y yo\\b|\\bmeine kollegen und ich\\b|\\bmes coll[eè]gues et moi\\b|\\bmeus colegas e eu\\b`),
];

/** Rules computed from structure or context (greetings, placeholders, recipient, templates). */
export const CONTEXT_RULES: RuleDef[] = [
  { id: 'bot.placeholder', category: 'bot', description: 'an unfilled mail-merge placeholder', prior: 8 },
  { id: 'bot.malformed_greeting', category: 'bot', description: 'a broken mail-merge greeting (doubled word or name, company name, empty field)', prior: 3 },
  { id: 'bot.wrong_name', category: 'bot', description: 'greets someone other than the recipient', prior: 4 },
  { id: 'bot.own_name', category: 'bot', description: 'greets the recipient with the sender\'s own name', prior: 4 },
  { id: 'cluster.many_senders', category: 'bot', description: 'the same template was sent by several different people', prior: 5 },
  { id: 'cluster.same_company', category: 'coworker_template', description: 'the same template was sent by several people of one company', prior: 7 },
  { id: 'relevance.assumed_audience_mismatch', category: 'swing_and_miss', description: 'assumes an industry or role the recipient does not have', prior: 4 },
  { id: 'relevance.pitch_to_wrong_audience', category: 'swing_and_miss', description: 'a pitch aimed at an audience the recipient is not part of' },
  { id: 'relevance.niche_mismatch', category: 'swing_and_miss', description: 'pitches a niche that does not appear in the recipient\'s profile' },
  { id: 'relevance.niche_fits', category: 'sales_pitch', description: 'the note\'s niche matches the recipient\'s profile', prior: 0.5 },
  { id: 'structure.no_reason', category: 'irrelevant', description: 'no shared activity, no offer, no ask: no clear reason to connect' },
];

export const ALL_RULES: RuleDef[] = [...TEXT_RULES, ...CONTEXT_RULES];
export const RULE_BY_ID: ReadonlyMap<string, RuleDef> = new Map(ALL_RULES.map((x) => [x.id, x]));
