/**
 * Each category through classifyNote, one describe per category: sales_pitch against
 * swing_and_miss (the pitch's niche against the recipient profile, pitchOrMiss), pitch phrasing in
 * many languages, `good` from shared activity without the usual keywords, favour asks as
 * too_much_too_soon, small talk as irrelevant, bot evidence (placeholders, merged flattery,
 * malformed greetings) and no_message for LinkedIn's default invitation in more languages.
 */
import { describe, expect, it } from 'vitest';
import { fireAll, fireTextRules, pitchOrMiss, type Fired } from '../../../functions/audit/classify/engine.ts';
import { classifyNote } from '../../../functions/audit/classify/index.ts';
import { profileText, relevance } from '../../../functions/audit/classify/relevance.ts';

const cat = (text: string, to?: string) => classifyNote(text, to ? { recipientProfile: to } : {}).category;
/** The ids of every rule that fires (text, word and context rules). */
const ids = (text: string) => fireAll(text, {}).map((f) => f.id);
/** The ids of the text rules alone. */
const textRules = (text: string) => {
  const out: Fired[] = [];
  fireTextRules(text, out);
  return out.map((f) => f.id);
};
/** The rules a classification gives as its reasons. */
const reasonRules = (text: string) => classifyNote(text).reasons.map((r) => r.rule);

describe('swing_and_miss vs sales_pitch: the niche against the profile', () => {
  // the same niche pitch, sent to someone in the niche (sales_pitch) and to someone outside it (swing_and_miss)
  const pairs: { lang: string; text: string; fits: string; misses: string }[] = [
    { lang: 'en', text: 'Hi Ana, we help dental clinics fill empty chairs with automated recall texts. Quick demo next week?', fits: 'Practice owner, family dentistry | Hospitals and Health Care', misses: 'Backend engineer | Software Development' },
    { lang: 'es', text: 'Hola Luis, ofrecemos riego por goteo inteligente para fincas de aguacate. ¿Te paso presupuesto sin compromiso?', fits: 'Agricultor, finca familiar | Farming', misses: 'Abogada laboralista | Law Practice' },
    { lang: 'de', text: 'Hallo Herr Braun, wir liefern Kassensysteme für Restaurants und Cafés. Hätten Sie 15 Minuten für eine Demo?', fits: 'Inhaber, Restaurant am Markt | Restaurants', misses: 'Lehrer, Gymnasium | Primary and Secondary Education' },
    { lang: 'fr', text: "Bonjour Claire, nous proposons un logiciel de dossiers patients pour les cabinets de kinésithérapie. Une démo cette semaine ?", fits: 'Kinésithérapeute libérale | Hospitals and Health Care', misses: 'Cheffe de projet BTP | Construction' },
    { lang: 'pt', text: 'Olá Marta, oferecemos gestão de anúncios para lojas virtuais e vendedores da Amazon. Posso te mostrar os resultados?', fits: 'Vendedora na Amazon, loja virtual de cosméticos | Retail', misses: 'Professora de matemática | Primary and Secondary Education' },
  ];
  for (const p of pairs) {
    it(`${p.lang}: fits the profile -> sales_pitch`, () => expect(cat(p.text, p.fits)).toBe('sales_pitch'));
    it(`${p.lang}: outside the profile -> swing_and_miss`, () => expect(cat(p.text, p.misses)).toBe('swing_and_miss'));
  }

  it('industry families: an e-commerce pitch fits a Retail profile, a clinic pitch fits a dentist', () => {
    expect(relevance('We help e-commerce brands recover abandoned carts.', profileText('Owner | Retail')).nicheFits).toBeDefined();
    expect(relevance('Our software cuts no-shows for clinics.', profileText('Dentist | Hospitals and Health Care')).nicheFits).toBeDefined();
  });
  it('a specialty is not its whole industry: a dental pitch misses a nurse', () => {
    const r = relevance('We help dentists and orthodontists get more reviews.', profileText('Nurse manager | Hospitals and Health Care'));
    expect(r.nicheFits).toBeUndefined();
    expect(r.nicheMismatch).toMatch(/dentist/);
  });
  it('what the sender sells is not a niche: a bookkeeping or software pitch to anyone stays a sales pitch', () => {
    expect(cat('Hi, we offer offshore bookkeeping services at $8/hour. Can I send our price list?', 'Owner, property management firm | Real Estate')).toBe('sales_pitch');
    expect(cat('Hi Tom, our software automates your invoicing. Open to a quick demo?', 'Head chef | Restaurants')).toBe('sales_pitch');
  });
  it('a niche pitch names its audience even when it also names its product', () => {
    // "software" fits a software engineer, but the pitch is for pharmacies
    expect(cat('Hi Jo, our pharmacy software makes inventory counts painless for pharmacists. Demo?', 'Software engineer | Internet')).toBe('swing_and_miss');
  });
  it('a niche named without an offer is not a miss (only a pitch can miss)', () => {
    const r = classifyNote('Hi Marcus, I saw the new bakery opened on Main Street and thought we should connect.', { recipientProfile: 'Data engineer | Software Development' });
    expect(r.category).not.toBe('swing_and_miss');
    expect(r.reasons.some((x) => x.rule === 'relevance.niche_mismatch')).toBe(false);
  });
  it('a pitch with no pitch keywords but a trial or a tour still pitches, and can miss', () => {
    expect(cat('gym owners love GymFlow for memberships and class booking. want a quick tour?', 'Tax attorney | Law Practice')).toBe('swing_and_miss');
    expect(cat('gym owners love GymFlow for memberships and class booking. want a quick tour?', 'Owner, CrossFit box | Wellness and Fitness Services')).toBe('sales_pitch');
  });
  it('"for <audience>" outside the niche list is compared word by word with the profile', () => {
    const text = 'We build booking apps for tattoo studios, live in a week. Want a demo?';
    expect(cat(text, 'Tax accountant | Accounting')).toBe('swing_and_miss');
    expect(cat(text, 'Tattoo artist, own studio | Design Services')).toBe('sales_pitch');
  });
  it('pitchOrMiss: a fit wins, a miss without a fit is a swing and miss, nothing known stays a pitch', () => {
    const f = (...ruleIds: string[]) => ruleIds.map((id) => ({ id, evidence: id }));
    const pitch = pitchOrMiss(f('pitch.we_help'));
    const swing = pitchOrMiss(f('pitch.we_help', 'relevance.niche_mismatch'));
    expect(swing).not.toBe(pitch);
    expect(pitchOrMiss(f('pitch.we_help', 'relevance.niche_mismatch', 'relevance.niche_fits'))).toBe(pitch);
    expect(pitchOrMiss(f('relevance.assumed_audience_mismatch'))).toBe(swing);
  });
});

describe('sales_pitch: pitch phrasing in many languages', () => {
  const pitches: [string, string][] = [
    ['en', 'Hi Tom, we build explainer videos. 90 seconds, 3 weeks, fixed price. Would you like to see our reel?'],
    ['es', 'Hola Jorge, traduzco fichas técnicas para exportadores. Si os encaja, os paso tarifas sin compromiso.'],
    ['de', 'Guten Tag, wir bieten Reinigungsdienste für Büros an. Gerne sende ich Ihnen ein unverbindliches Angebot.'],
    ['fr', 'Bonjour, nous proposons des audits énergétiques. Je vous envoie un devis sans engagement ?'],
    ['pt', 'Olá, oferecemos tradução técnica. Posso enviar um orçamento sem compromisso?'],
  ];
  for (const [lang, text] of pitches) it(`${lang}: ${text.slice(0, 60)}`, () => expect(cat(text)).toBe('sales_pitch'));
  it('pitches in Polish, Swedish, Dutch and Italian are sales pitches', () => {
    for (const text of [
      'Dzień dobry, oferujemy leasing maszyn budowlanych, decyzja w 24h. Czy mogę przesłać szczegóły?',
      'Hej! Vi säljer solpaneler, installation inom 3 veckor. Vill du ha en kostnadsfri offert?',
      'Goedemorgen, wij zijn een detacheringsbureau voor lassers. Kan ik u ons tarievenoverzicht mailen?',
      'Buongiorno, gestiamo il recupero crediti per imprese edili. Le mando una proposta?',
    ]) {
      expect(classifyNote(text).category).toBe('sales_pitch');
    }
  });
});

describe('good: shared activity without the usual keywords', () => {
  const good: [string, string][] = [
    ['en', 'Hi Claire, we did the first-aid refresher together on Saturday, you kept everyone calm. Connecting!'],
    ['en', 'Kofi - you replied to my question in the Airflow forum and it worked first try. Would like to keep following what you build.'],
    ['en', 'Hi Noor, we were table neighbours at the comic fair and you lent me your tape. Would love to keep up with your work.'],
    ['es', 'Hola profe Ruiz, soy alumno de su curso de logística. Me gustó mucho la clase sobre cross-docking. ¡Saludos!'],
    ['de', 'Hallo Jana, nach Ihrem Vortrag auf der Wasserbau-Tagung haben wir kurz gesprochen. Gerne würde ich Ihre Arbeit verfolgen.'],
    ['fr', "Bonjour Inès, on a discuté cinq minutes au salon Sirha de farines anciennes. Je serais ravi de garder le contact."],
    ['pt', 'Oi Rita, depois da sua palestra sobre dados abertos conversamos no café. Quero acompanhar seu trabalho.'],
  ];
  for (const [lang, text] of good) it(`${lang}: ${text.slice(0, 60)}`, () => expect(cat(text)).toBe('good'));
  it('the same activity phrase used to open a pitch is not good', () => {
    expect(cat('After your session on pricing I thought of you: we help SaaS teams cut churn by 30%. Demo on Tuesday?')).toBe('sales_pitch');
  });

  const accepted = [
    'Your ROS 2 costmap tutorial fixed our bug. Thanks!',
    'vi tu PR al repo de pgvector, el fix del índice nos salvó la semana',
    'Oi Juliana, fizemos juntas o curso de amamentação do hospital em março',
    'Hoi Joris, we zaten samen in de werkgroep fietsparkeren bij het station',
    'Salut Étienne, t’as sauvé la charpente avec ton idée pour les fermes',
    'Lieber Jonas, danke fürs Aushelfen beim Konzert, war ein Vergnügen',
  ];
  it.each(accepted)('%s', (text) => expect(classifyNote(text).verdict).toBe('ACCEPT'));
  it('flattery of the firm is not shared activity', () => {
    expect(ids('great to see your firm growing! Firms your size use our intake bot. Open to a walkthrough?').some((r) => r.startsWith('good.'))).toBe(false);
  });
  it('podcast guests, mutual contacts and alumni are shared activity', () => {
    for (const text of [
      'Heard you on the Dock to Door podcast going through detention fees line by line.',
      'Hola Mateo, soy el nuevo jefe de cocina, Rosa me dijo que tú montaste el servicio de banquetes.',
      'Bom dia Dra. Inês, fui sua aluna na pós de Enfermagem em 2020.',
      'Ciao Giulia, eravamo allo stesso tavolo alla cena dell’Ordine. Piacere di averti conosciuta!',
    ]) {
      expect(classifyNote(text).verdict).toBe('ACCEPT');
    }
  });
});

describe('too_much_too_soon: favour asks, not irrelevant', () => {
  const asks: [string, string][] = [
    ['en', 'Hey there! Mind giving me a skill endorsement for SEO? Trying to get to 99+'],
    ['en', 'Hi Jens, saw the job for your team. Any chance you could put my name forward internally?'],
    ['es', 'Hola, me nominaron a un premio de fotografía. ¿Me darías tu voto? Solo es un clic'],
    ['de', 'Hallo! Würden Sie unsere Petition gegen die Schließung der Bibliothek unterschreiben?'],
    ['fr', 'Bonjour, une petite signature pour notre pétition contre la fermeture de la maternité ?'],
    ['pt', 'Boa tarde! Por favor curta e compartilhe meu último post sobre o lançamento do meu livro.'],
  ];
  for (const [lang, text] of asks) it(`${lang}: ${text.slice(0, 60)}`, () => expect(cat(text)).toBe('too_much_too_soon'));

  const morePhrasings = [
    'hey! if you have a sec, a thumbs up on my latest reel would help it get seen',
    'Hola! Te invito a seguir la página de mi estudio, estamos empezando y cada seguidor cuenta',
    'Hallo Herr Lang, wäre schön, wenn Sie unserer Gruppe beitreten und Kollegen einladen',
    'Bonjour ! Je lance ma chaîne YouTube, un petit abonnement m’aiderait vraiment',
    'Oi! Criei um grupo de mães empreendedoras, entra lá e chama as amigas?',
    'Ciao Giulia! Mi faresti un favore? Un mi piace e una condivisione mi aiuterebbero un sacco',
    'Hoi! Zou je de vacature even willen delen in je netwerk?',
  ];
  it.each(morePhrasings)('%s', (text) => {
    expect(ids(text).some((r) => r.startsWith('ask.'))).toBe(true);
    expect(classifyNote(text).category).toBe('too_much_too_soon');
  });
  it('returning a favour is not asking for one', () => {
    expect(ids('Good to meet you at the conference! You helped me troubleshoot my rover; connecting so I can return the favour.')).not.toContain('ask.reciprocity');
  });
  it('more favour asks: a like, a vote, joining a group, in several languages', () => {
    for (const text of [
      'Hola Inés, ¿le das like a la publicación de mi emprendimiento? cada like suma',
      "Salut Hugo ! mon projet est en finale du concours, un petit vote ça me ferait trop plaisir",
      'Hey Jens, folg doch gern unserer neuen Unternehmensseite, wir brauchen Reichweite',
      'Ciao Sara, mi dai una mano? Basta cliccare su partecipa nel mio gruppo',
    ]) {
      expect(classifyNote(text).category).toBe('too_much_too_soon');
    }
  });
});

describe('irrelevant: small talk; a plain question is not a pitch', () => {
  const talk: [string, string][] = [
    ['en', 'Hello friend, how are you doing today? Hope you are fine.'],
    ['es', 'Hola, ¿cómo estás? Aquí un saludo desde Valencia.'],
    ['fr', 'Salut, comment ça va ? Belle journée à Lyon.'],
    ['pt', 'Oi, tudo bem? Um abraço de Recife.'],
  ];
  for (const [lang, text] of talk) it(`${lang}: ${text}`, () => expect(cat(text)).toBe('irrelevant'));
  it('a pitch that opens with small talk is still a pitch', () => {
    expect(cat('Hi, how are you? We offer SEO audits for $199, want one?')).toBe('sales_pitch');
  });
  it('a question about tastes is small talk, a question that requests something is an ask', () => {
    expect(classifyNote("What's the best sandwich you've ever had? asking everyone, for science").category).toBe('irrelevant');
    expect(classifyNote('Anche tu tifi Napoli? Ho visto la sciarpa nella tua foto').category).toBe('irrelevant');
    expect(ids('Hi Bea, could you spare a word about pensions?')).toContain('structure.unexplained_ask');
  });
});

describe('bot: placeholder syntaxes, merged flattery, malformed greetings', () => {
  it.each([
    'Hi Marcus, I see you are based in ***CITY***. We should connect!',
    'Hi |Name|, hope your week at |Company| is going great!',
    'Hello #FIRSTNAME#, great to find you here.',
  ])('placeholder: %s', (text) => {
    const c = classifyNote(text);
    expect(c.category).toBe('bot');
    expect(c.reasons.some((r) => r.rule === 'bot.placeholder')).toBe(true);
  });
  it('generic flattery fires in each language, not on a specific compliment', () => {
    for (const t of [
      'Your expertise in Software Development is remarkable.',
      'Felicidades por tu nuevo puesto, conectemos.',
      'Glückwunsch zur neuen Position!',
      'Félicitations pour votre nouveau poste !',
      'Parabéns pelo novo cargo!',
    ]) expect(textRules(t)).toContain('irrelevant.generic_flattery');
    expect(textRules('Your talk on tide gauges was remarkable, especially the calibration part.')).not.toContain('irrelevant.generic_flattery');
  });
  it('@placeholder@ merge fields, a doubled opening clause and an empty field before a full stop', () => {
    expect(reasonRules('Bonjour @prenom@, votre parcours m’a impressionné')).toContain('bot.placeholder');
    expect(reasonRules('Gentile Dott.ssa Bianchi, Gentile Dott.ssa Bianchi, è un piacere connettermi')).toContain('bot.malformed_greeting');
    expect(reasonRules('Hello, great to connect with professionals in the field of .')).toContain('bot.malformed_greeting');
    expect(reasonRules('Hello Anna, I enjoyed your talk. See you soon.')).not.toContain('bot.malformed_greeting');
  });
  it("someone else's title is not bot evidence by itself: the note is judged by what it says", () => {
    const text = "Hi Michelle, I'm so impressed by your work as Director of Marketing at Greenfield Foods! Would love to connect.";
    const c = classifyNote(text, { recipientProfile: 'Geotechnical engineer | Civil Engineering' });
    expect(c.category).toBe('irrelevant');
    expect(c.reasons.map((r) => r.rule).filter((r) => r.startsWith('bot.'))).toEqual([]);
  });
});

describe("no_message: LinkedIn's default invitation in more languages", () => {
  it("LinkedIn's default invitation in Swedish, Polish, Turkish is no_message", () => {
    for (const text of [
      'Jag vill gärna lägga till dig i mitt professionella nätverk på LinkedIn.',
      'Chciałabym dodać Cię do mojej sieci kontaktów zawodowych na LinkedIn.',
      "Sizi LinkedIn'deki profesyonel ağıma eklemek istiyorum.",
    ]) {
      expect(classifyNote(text).category).toBe('no_message');
    }
    expect(classifyNote('Jag vill gärna lägga till dig i mitt nätverk, vi träffades på mässan i Malmö och pratade om skogsbruk i en timme.').category).not.toBe('no_message');
  });
});
