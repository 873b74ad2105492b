/**
 * Notes that name people the way people write, not the way the export spells them: greetings to
 * "Alexandros" where the CSV says "Alex", sign-offs by "Sam" for "Samantha Reyes", colleagues,
 * doctors and friends mentioned by name, companies, e-mail addresses, phone numbers, profile links;
 * in English, Spanish, Portuguese, German, French, Italian and Dutch. Every person and company is
 * invented. A redacted page must show none of them (redaction.test.ts), and still show the words
 * that say why the note was graded (`keep`).
 */
import { slugOf } from './export-builder.ts';
import { tags, visibleText } from './html-tokens.ts';

export type Lang = 'en' | 'es' | 'pt' | 'de' | 'fr' | 'it' | 'nl';

export interface RedactionCase {
  id: string;
  direction: 'INCOMING' | 'OUTGOING';
  /** The counterpart as the CSV spells them. */
  name: string;
  /** Their company (Connections.csv). */
  company?: string;
  note: string;
  /** The other names, companies, addresses and numbers in the note, as written there. */
  secrets: string[];
  /** Words of the note that must stay readable. */
  keep: string[];
}

/** Each language's export belongs to one owner: the incoming notes greet them, the outgoing ones are signed by them. */
export const OWNERS: Record<Lang, { first: string; last: string }> = {
  en: { first: 'Katherine', last: 'Okafor' },
  es: { first: 'José Luis', last: 'Martínez Ocaña' },
  pt: { first: 'João Pedro', last: 'Gonçalves' },
  de: { first: 'Jürgen', last: 'Müller' },
  fr: { first: 'Hélène', last: 'Lefèvre' },
  it: { first: 'Giulia', last: 'Bianchi' },
  nl: { first: 'Sanne', last: 'de Vries' },
};

export const CATALOGUE: Record<Lang, RedactionCase[]> = {
  en: [
    {
      id: 'en-recruiter-sign-off',
      direction: 'INCOMING',
      name: 'Samantha Reyes',
      company: 'Brightpath Talent',
      note: "Hi Kate, I'm a recruiter at Brightpath and I have an exciting role for you. Let's jump on a call this week! Best, Sam",
      secrets: ['Kate', 'Sam', 'Brightpath'],
      keep: ['recruiter at', 'exciting role'],
    },
    {
      id: 'en-colleague',
      direction: 'INCOMING',
      name: 'William Thornbury',
      note: 'Hey Katie, my colleague Priya Raman said you run the data platform team at your company. Would love to connect and swap notes on dbt. Cheers Bill',
      secrets: ['Katie', 'Priya', 'Raman', 'Bill'],
      keep: ['my colleague', 'data platform team'],
    },
    {
      id: 'en-doctor-and-contacts',
      direction: 'INCOMING',
      name: 'Alexander Petrov',
      company: 'Petrov Digital',
      note: 'Dear Ms. Okafor, Dr. Chen from the Lisbon summit suggested I reach out. Our agency builds Shopify stores for B2B brands. Book a demo: alex.petrov@petrovdigital.io or +1 415 555 0199.\n\nAlex',
      secrets: ['Okafor', 'Chen', 'alex.petrov@petrovdigital.io', 'petrovdigital', '+1 415 555 0199', 'Alex'],
      keep: ['Our agency builds', 'Book a demo'],
    },
    {
      id: 'en-outgoing-dash-signature',
      direction: 'OUTGOING',
      name: 'Jonathan Whitaker',
      note: 'Hi Jon, loved your talk on streaming CSV at DataConf with Marisol Vega. Would be glad to connect. – Kat',
      secrets: ['Jon', 'Marisol', 'Vega', 'Kat'],
      keep: ['loved your talk', 'streaming CSV'],
    },
    {
      id: 'en-lower-case',
      direction: 'INCOMING',
      name: 'Elizabeth Amankwah',
      company: 'Quantive',
      note: 'hi kathy, liz here from Quantive. could you endorse me for Python and share my post? linkedin.com/in/liz-amankwah-42 thanks! liz',
      secrets: ['kathy', 'liz', 'Quantive', 'liz-amankwah-42'],
      keep: ['endorse me for Python', 'share my post'],
    },
    {
      id: 'en-good-morning-company',
      direction: 'INCOMING',
      name: 'Chloé van der Berg',
      company: 'Van der Berg Freight',
      note: 'Good morning Katherine! Greetings from the team at Van der Berg Freight. We help companies like yours cut shipping costs by 40%. Interested? Kind regards, Chloe',
      secrets: ['Katherine', 'Chloe', 'Berg'],
      keep: ['cut shipping costs by 40%'],
    },
    {
      id: 'en-vocative-friend',
      direction: 'OUTGOING',
      name: 'Dwayne Kowalski',
      company: 'Northwind Freight',
      note: 'Dwayne, quick one: are you hiring at Northwind? My friend Tomasz would be a great fit for your team. Thanks, Katherine O.',
      secrets: ['Dwayne', 'Northwind', 'Tomasz', 'Katherine'],
      keep: ['quick one', 'are you hiring'],
    },
    {
      id: 'en-third-people',
      direction: 'INCOMING',
      name: 'Mohammed Al-Sayed',
      note: "Salam Kate! Big fan of your newsletter. I'm building a community for women in data with Fatima Zahra and Jean-Luc Moreau, would you speak at our next meetup in Lagos? Mo",
      secrets: ['Kate', 'Fatima', 'Zahra', 'Jean-Luc', 'Moreau', 'Mo', 'Sayed'],
      keep: ['Big fan of your newsletter', 'speak at our next meetup'],
    },
    {
      id: 'en-all-caps',
      direction: 'INCOMING',
      name: 'Bradley Okonjo',
      company: 'GrowthLoop',
      note: "HI KATE!!! BRAD HERE FROM GROWTHLOOP. WE GET YOU 30 QUALIFIED MEETINGS A MONTH OR YOU DON'T PAY. REPLY YES. - BRADLEY",
      secrets: ['KATE', 'BRAD', 'BRADLEY', 'GROWTHLOOP'],
      keep: ['30 QUALIFIED MEETINGS A MONTH'],
    },
    {
      id: 'en-signature-block',
      direction: 'INCOMING',
      name: "Samuel O'Brien",
      company: 'Ardent Health',
      note: "Hello Katherine,\n\nThanks for the great panel at HealthTech Week. I'd love to stay in touch.\n\nBest regards,\nSammy O'Brien\nHead of Partnerships | Ardent Health\nsam.obrien@ardenthealth.com | @sammyob",
      secrets: ['Katherine', 'Sammy', "O'Brien", 'Brien', 'Ardent', 'sam.obrien@ardenthealth.com', 'ardenthealth', 'sammyob'],
      keep: ['great panel', 'stay in touch', 'Head of Partnerships'],
    },
    {
      id: 'en-nickname-opens',
      direction: 'INCOMING',
      name: 'Robert Lindqvist',
      company: 'Fjordline AB',
      note: 'Hello Kate. Bob Lindqvist, CEO of Fjordline. We met through our mutual friend Grace at the Nordic SaaS dinner. Would love to connect!',
      secrets: ['Kate', 'Bob', 'Lindqvist', 'Fjordline', 'Grace'],
      keep: ['We met through our mutual friend'],
    },
    {
      id: 'en-first-name-opens',
      direction: 'OUTGOING',
      name: 'Patricia Nwosu',
      company: 'Helios Energy',
      note: "Trish, congrats on the new role at Helios! Andrea and I loved working with you. Let's catch up soon.\nKate",
      secrets: ['Trish', 'Helios', 'Andrea', 'Kate', 'Nwosu'],
      keep: ['congrats on the new role', 'loved working with you'],
    },
  ],
  es: [
    {
      id: 'es-recruiter',
      direction: 'INCOMING',
      name: 'María Fernanda Gutiérrez',
      company: 'Grupo Altamira',
      note: 'Hola Jose Luis, soy reclutadora en Altamira y tengo una vacante ideal para ti. ¿Agendamos una llamada esta semana? Saludos, Mafe',
      secrets: ['Jose', 'Luis', 'Altamira', 'Mafe'],
      keep: ['soy reclutadora', 'vacante ideal'],
    },
    {
      id: 'es-colleague-title',
      direction: 'INCOMING',
      name: 'Francisco Javier Ruiz',
      note: 'Buenos días Sr. Martinez, mi colega Lucía Herrera me habló de usted. Ofrecemos consultoría SAP para empresas como la suya. Un saludo, Paco Ruiz',
      secrets: ['Martinez', 'Lucía', 'Herrera', 'Paco', 'Ruiz'],
      keep: ['mi colega', 'Ofrecemos consultoría'],
    },
    {
      id: 'es-outgoing-nicknames',
      direction: 'OUTGOING',
      name: 'Guadalupe Ortega',
      note: 'Hola Lupe! Me encantó tu charla sobre producto en el meetup de Monterrey con Andrés Salinas. ¿Conectamos? Abrazos, Pepe',
      secrets: ['Lupe', 'Andrés', 'Salinas', 'Pepe', 'Ortega'],
      keep: ['Me encantó tu charla'],
    },
    {
      id: 'es-contacts',
      direction: 'INCOMING',
      name: 'Ignacio Beltrán',
      company: 'Beltrán Asociados',
      note: 'Estimado José: le escribo de parte de Beltrán Asociados. Puede escribirme a nacho.beltran@beltranasociados.es o llamarme al +34 612 345 678. Atentamente,\nNacho',
      secrets: ['José', 'Beltrán', 'nacho.beltran@beltranasociados.es', 'beltranasociados', '+34 612 345 678', 'Nacho'],
      keep: ['le escribo de parte de'],
    },
    {
      id: 'es-lower-case',
      direction: 'INCOMING',
      name: 'Valentina Rojas',
      note: 'hola joselu, te vi en el evento de Platzi con mi amigo Santiago. me encantaría conectar!! vale',
      secrets: ['joselu', 'Platzi', 'Santiago', 'vale', 'Rojas'],
      keep: ['te vi en el evento'],
    },
    {
      id: 'es-outgoing-accents',
      direction: 'OUTGOING',
      name: 'Dolores Quintana',
      note: 'Hola Lola, gracias por tu post sobre pagos en México. Trabajo en Nubank con Óscar Ibáñez y nos encantaría hablar contigo. Saludos cordiales, José Luis',
      secrets: ['Lola', 'Nubank', 'Óscar', 'Ibáñez', 'Quintana'],
      keep: ['gracias por tu post', 'nos encantaría hablar contigo'],
    },
    {
      id: 'es-all-caps-name',
      direction: 'INCOMING',
      name: 'Rocío Domínguez',
      note: 'Buenas tardes JOSÉ LUIS, le contacto porque en DOMÍNGUEZ & ASOCIADOS ayudamos a pymes con su contabilidad. ¿Le interesa una demo gratuita? Rocío D.',
      secrets: ['JOSÉ', 'LUIS', 'DOMÍNGUEZ', 'Rocío'],
      keep: ['ayudamos a pymes', 'demo gratuita'],
    },
    {
      id: 'es-boss-mentioned',
      direction: 'INCOMING',
      name: 'Santiago Pérez',
      note: 'Qué tal José Luis. Te escribe Santi, de Rappi. Mi jefa, Carolina Méndez, quiere conocerte. ¿Tienes 15 minutos?',
      secrets: ['José', 'Luis', 'Santi', 'Rappi', 'Carolina', 'Méndez', 'Pérez'],
      keep: ['quiere conocerte'],
    },
  ],
  pt: [
    {
      id: 'pt-recruiter',
      direction: 'INCOMING',
      name: 'Ana Beatriz Carvalho',
      company: 'Vértice Consultoria',
      note: 'Olá Joao, tudo bem? Sou recrutadora na Vértice e tenho uma vaga de engenheiro de dados para você. Podemos conversar? Abraços, Bia',
      secrets: ['Joao', 'Vértice', 'Bia', 'Carvalho'],
      keep: ['vaga de engenheiro de dados'],
    },
    {
      id: 'pt-colleague-signature',
      direction: 'INCOMING',
      name: 'Rodrigo Albuquerque',
      company: 'Insight BI',
      note: 'Oi João Pedro! Meu colega Thiago Nogueira falou muito bem de você. Oferecemos soluções de BI com desconto. Atenciosamente, Rodrigo Albuquerque\nrodrigo@insightbi.com.br',
      secrets: ['João', 'Pedro', 'Thiago', 'Nogueira', 'Rodrigo', 'Albuquerque', 'rodrigo@insightbi.com.br', 'insightbi'],
      keep: ['falou muito bem de você', 'soluções de BI'],
    },
    {
      id: 'pt-outgoing-title',
      direction: 'OUTGOING',
      name: 'Mariana Figueiredo',
      note: 'Olá Mari, vi sua palestra no TDC São Paulo com o Dr. Henrique Lemos e adorei. Vamos conectar? Abs, JP',
      secrets: ['Mari', 'Henrique', 'Lemos', 'JP', 'Figueiredo'],
      keep: ['vi sua palestra', 'Vamos conectar'],
    },
    {
      id: 'pt-company-phone',
      direction: 'INCOMING',
      name: 'Luiz Fernando Sá',
      company: 'Sá & Filhos Logística',
      note: 'Bom dia Sr. Goncalves, somos da Sá & Filhos Logística e queremos apresentar nossa plataforma de fretes. Whatsapp: (11) 98765-4321. Att, Luiz',
      secrets: ['Goncalves', 'Sá', 'Filhos', '(11) 98765-4321', 'Luiz'],
      keep: ['queremos apresentar nossa plataforma'],
    },
    {
      id: 'pt-lower-case',
      direction: 'INCOMING',
      name: 'Gabriela Teixeira',
      note: 'oi joão, sou a gabi, amiga da Camila Rocha do Nubank. posso te mandar meu currículo? obrigada! gabi',
      secrets: ['joão', 'gabi', 'Camila', 'Rocha', 'Nubank', 'Teixeira'],
      keep: ['posso te mandar meu currículo'],
    },
    {
      id: 'pt-prezado',
      direction: 'INCOMING',
      name: 'Marcos Vinícius Prado',
      note: 'Prezado João,\n\nA Prado Tech desenvolve aplicativos sob medida, como fizemos para a Dra. Patrícia Moura. Posso enviar nosso portfólio? Fico no aguardo.\n\nCumprimentos,\nMarcos Vinícius',
      secrets: ['João', 'Prado', 'Marcos', 'Vinícius', 'Patrícia', 'Moura'],
      keep: ['desenvolve aplicativos sob medida'],
    },
  ],
  de: [
    {
      // the issue's own example: the CSV says "Alex", the greeting "Alexandros"
      id: 'de-longer-form',
      direction: 'OUTGOING',
      name: 'Alex Karras',
      note: 'Hallo Alexandros, ich habe Ihren Vortrag über Datenqualität auf der DataCon gesehen. Gerne würde ich mich mit Ihnen vernetzen. Viele Grüße Jürgen',
      secrets: ['Alexandros', 'Karras', 'Jürgen'],
      keep: ['Vortrag über Datenqualität', 'mit Ihnen vernetzen'],
    },
    {
      id: 'de-colleague',
      direction: 'INCOMING',
      name: 'Stefanie Brandtner',
      company: 'Kanzlei Brandtner & Partner',
      note: 'Hallo Herr Mueller, mein Kollege Jonas Wiedemann hat mir Ihr Profil empfohlen. Wir bieten eine kostenlose Erstberatung für Ihr Unternehmen an. Mit freundlichen Grüßen\nSteffi Brandtner',
      secrets: ['Mueller', 'Jonas', 'Wiedemann', 'Steffi', 'Brandtner'],
      keep: ['mein Kollege', 'kostenlose Erstberatung für Ihr Unternehmen'],
    },
    {
      id: 'de-outgoing-doctor',
      direction: 'OUTGOING',
      name: 'Katharina Schröder',
      note: 'Liebe Kathi, danke für den spannenden Workshop mit Frau Dr. Okonkwo in München! Ich würde mich freuen, in Kontakt zu bleiben. LG Jürgen',
      secrets: ['Kathi', 'Okonkwo', 'Jürgen', 'Schröder'],
      keep: ['spannenden Workshop', 'in Kontakt zu bleiben'],
    },
    {
      id: 'de-contacts',
      direction: 'INCOMING',
      name: 'Maximilian Oberhuber',
      company: 'Oberhuber Solutions GmbH',
      note: 'Servus Jürgen! Max von der Oberhuber Solutions GmbH hier. Wir entwickeln Software für Logistik. Rufen Sie mich an: 0171 2345678 oder max@oberhuber-solutions.de. Beste Grüße, Maxi',
      secrets: ['Jürgen', 'Max', 'Maxi', 'Oberhuber', '0171 2345678', 'max@oberhuber-solutions.de'],
      keep: ['Wir entwickeln Software für Logistik'],
    },
    {
      id: 'de-guten-tag',
      direction: 'INCOMING',
      name: 'Annelie Fischer-Domröse',
      note: 'Guten Tag Herr Müller,\nich bin Annelie und arbeite mit Thorsten Gräf bei der Allianz. Hätten Sie Zeit für einen kurzen Austausch?\nHerzliche Grüße\nAnnelie',
      secrets: ['Müller', 'Annelie', 'Thorsten', 'Gräf', 'Allianz', 'Fischer', 'Domröse'],
      keep: ['Zeit für einen kurzen Austausch'],
    },
    {
      id: 'de-lower-case',
      direction: 'INCOMING',
      name: 'Friedrich Wilhelm Lange',
      note: 'moin jürgen, fritz hier von der hafenlogistik. lust auf nen kaffee? gruß fritz',
      secrets: ['jürgen', 'fritz', 'Lange'],
      keep: ['lust auf nen kaffee'],
    },
    {
      id: 'de-formal-letter',
      direction: 'INCOMING',
      name: 'Sabine Kowalczyk-Berger',
      note: 'Sehr geehrter Herr Dr. Müller,\nwir sind ein Team aus Berlin und unterstützen Kanzleien bei der Digitalisierung. Frau Sommer aus unserem Vertrieb meldet sich bei Ihnen.\nMit besten Grüßen\nS. Kowalczyk-Berger',
      secrets: ['Müller', 'Sommer', 'Kowalczyk', 'Berger', 'Sabine'],
      keep: ['unterstützen Kanzleien bei der Digitalisierung'],
    },
  ],
  fr: [
    {
      id: 'fr-consultant',
      direction: 'INCOMING',
      name: 'Jean-Baptiste Moreau',
      company: 'Lumière Conseil',
      note: 'Bonjour Helene, je suis consultant chez Lumière Conseil et nous aidons les PME à automatiser leur prospection. Un appel de 15 minutes cette semaine ? Cordialement, JB Moreau',
      secrets: ['Helene', 'Lumière', 'JB', 'Moreau'],
      keep: ['nous aidons les PME', 'automatiser leur prospection'],
    },
    {
      id: 'fr-colleague',
      direction: 'INCOMING',
      name: 'Céline Dubois-Martin',
      note: "Bonjour Madame Lefebvre, ma collègue Amélie Rousseau m'a parlé de vous. Pourriez-vous partager notre offre d'emploi ? Merci d'avance, Céline",
      secrets: ['Lefebvre', 'Amélie', 'Rousseau', 'Céline', 'Dubois'],
      keep: ['ma collègue', "partager notre offre d'emploi"],
    },
    {
      id: 'fr-outgoing',
      direction: 'OUTGOING',
      name: 'Maxime Chevalier',
      note: 'Salut Max, super rencontre au salon VivaTech avec Nicolas et Inès ! On reste en contact ? Amitiés, Hélène',
      secrets: ['Max', 'Nicolas', 'Inès', 'Hélène', 'Chevalier'],
      keep: ['super rencontre au salon', 'On reste en contact'],
    },
    {
      id: 'fr-contacts',
      direction: 'INCOMING',
      name: 'François Leclerc',
      note: "Chère Hélène,\nj'ai lu votre article sur l'IA générative. Je travaille chez Ubisoft avec Dr Benoît Girard. Écrivez-moi : francois.leclerc@gmail.com / 06 12 34 56 78.\nBien à vous,\nFrançois",
      secrets: ['Hélène', 'Ubisoft', 'Benoît', 'Girard', 'francois.leclerc@gmail.com', '06 12 34 56 78', 'François', 'Leclerc'],
      keep: ["j'ai lu votre article", 'IA générative'],
    },
    {
      id: 'fr-lower-case',
      direction: 'INCOMING',
      name: 'Gwenaëlle Le Goff',
      note: "coucou hélène ! c'est gwen, on s'est croisées chez Doctolib. tu recrutes ? bisous, gwen",
      secrets: ['hélène', 'gwen', 'Doctolib', 'Goff'],
      keep: ['tu recrutes'],
    },
    {
      id: 'fr-monsieur',
      direction: 'OUTGOING',
      name: 'Thibault Marchand',
      note: "Bonjour Monsieur Marchand, votre intervention avec Mme Dupuis sur la RSE m'a beaucoup plu. Au plaisir d'échanger. H. Lefèvre",
      secrets: ['Marchand', 'Dupuis', 'Lefèvre', 'Thibault'],
      keep: ['votre intervention', "Au plaisir d'échanger"],
    },
    {
      id: 'fr-agency',
      direction: 'INCOMING',
      name: 'Marie-Claire Fontaine',
      note: "Bonjour Hélène, Marie-Claire de l'agence Pixelune. Nous créons des sites web pour les cabinets d'avocats. Un échange rapide ? Bonne journée !",
      secrets: ['Hélène', 'Marie-Claire', 'Pixelune', 'Fontaine'],
      keep: ['Nous créons des sites web'],
    },
  ],
  it: [
    {
      id: 'it-pitch',
      direction: 'INCOMING',
      name: 'Alessandro Ferraro',
      company: 'Ferraro Consulting',
      note: 'Ciao Giuly, sono Ale di Ferraro Consulting: aiutiamo le aziende a crescere su LinkedIn. Ti va una call? Cordiali saluti, Alessandro',
      secrets: ['Giuly', 'Ale', 'Ferraro', 'Alessandro'],
      keep: ['aiutiamo le aziende a crescere su LinkedIn'],
    },
    {
      id: 'it-outgoing-title',
      direction: 'OUTGOING',
      name: 'Francesca Romano',
      note: 'Buongiorno Dott.ssa Romano, ho letto il suo intervento con il collega Matteo Greco. Mi farebbe piacere restare in contatto. Un saluto, Giulia B.',
      secrets: ['Romano', 'Matteo', 'Greco', 'Giulia', 'Francesca'],
      keep: ['ho letto il suo intervento', 'restare in contatto'],
    },
    {
      id: 'it-lower-case-title',
      direction: 'INCOMING',
      name: 'Lorenzo Esposito',
      note: 'Salve Giulia, sono Lorenzo di Esposito & Figli. Offriamo consulenza fiscale per startup. La contatto perché il dott. Ricci mi ha parlato di lei. Grazie, Lorenzo',
      secrets: ['Giulia', 'Lorenzo', 'Esposito', 'Ricci'],
      keep: ['Offriamo consulenza fiscale'],
    },
  ],
  nl: [
    {
      id: 'nl-recruiter',
      direction: 'INCOMING',
      name: 'Pieter-Jan Jansen',
      company: 'Booking',
      note: 'Hoi Sanne, ik ben recruiter bij Booking en zag je profiel via Lotte van Dijk. Zin in een koffie? Groeten, PJ',
      secrets: ['Sanne', 'Booking', 'Lotte', 'Dijk', 'PJ', 'Jansen'],
      keep: ['ik ben recruiter', 'Zin in een koffie'],
    },
    {
      id: 'nl-outgoing',
      direction: 'OUTGOING',
      name: 'Bram Visser',
      note: 'Beste Bram, leuk je te spreken op de Dutch Design Week met Femke. Laten we contact houden! Groetjes, San',
      secrets: ['Bram', 'Femke', 'San', 'Visser'],
      keep: ['leuk je te spreken'],
    },
    {
      id: 'nl-formal',
      direction: 'INCOMING',
      name: 'Joost Bakker',
      note: 'Goedemiddag mevrouw De Vries, namens Bakker & Co en mijn collega Eva Smit wil ik u graag uitnodigen voor ons event. Met vriendelijke groet, Joost',
      secrets: ['Vries', 'Bakker', 'Joost', 'Eva', 'Smit'],
      keep: ['wil ik u graag uitnodigen'],
    },
  ],
};

export const LANGS = Object.keys(CATALOGUE) as Lang[];

/** Every form the page must not show for this case: the secrets, the counterpart's and the owner's names (each part), the company, the profile slugs. */
export function forbiddenOf(lang: Lang, c: RedactionCase): string[] {
  const owner = `${OWNERS[lang].first} ${OWNERS[lang].last}`;
  const parts = (s: string) => s.split(/[\s&]+/u).filter((w) => w.length >= 2 && !['van', 'der', 'de', 'le', 'la', 'von', 'al'].includes(w.toLowerCase()));
  const companyWords = c.company ? parts(c.company).filter((w) => !['Talent', 'Digital', 'Freight', 'Energy', 'Health', 'Consulting', 'Solutions', 'GmbH', 'Partner', 'Kanzlei', 'Grupo', 'Asociados', 'Consultoria', 'Logística', 'Conseil', 'BI', 'AB'].includes(w)) : [];
  return [
    ...c.secrets,
    ...parts(c.name),
    ...parts(owner),
    c.name,
    owner,
    ...(c.company ? [c.company, ...companyWords] : []),
    slugOf(c.name),
    slugOf(owner),
  ];
}

/** Folded for comparing: lower case, accents removed, ß → ss, umlaut spellings folded (independent of redact.ts's canon). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[’`´]/g, "'")
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u');
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a reader of a page can get at: its text, and every attribute value (title, href, aria-label, data-…). */
export function readable(html: string): string {
  const attrs = tags(html).tags.flatMap((t) => Object.entries(t.attrs).filter(([k]) => k !== 'style' && k !== 'content').map(([, v]) => v));
  return `${visibleText(html)}\n${attrs.join('\n')}`;
}

/** The forbidden forms a page's readable text shows: a word or phrase as a whole word, folded; a phone number by its digits. */
export function leaks(page: string, forbidden: string[]): string[] {
  const text = fold(page);
  const digits = page.replace(/[\s().\/-]/g, '');
  const found = new Set<string>();
  for (const f of forbidden) {
    const phoneDigits = f.replace(/\D/g, '');
    if (phoneDigits.length >= 7) {
      if (digits.includes(phoneDigits)) found.add(f);
      continue;
    }
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(fold(f))}(?![\\p{L}\\p{N}])`, 'u');
    if (re.test(text)) found.add(f);
  }
  return [...found];
}
