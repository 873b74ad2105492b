/**
 * The broad (paraphrase-level) rule families, positive and negative, in EN/ES/DE/FR/PT. Every note
 * here is hand-written for this test (none comes from a labelled set).
 */
import { describe, expect, it } from 'vitest';
import { fireAll } from '../../../functions/audit/classify/engine.ts';
import { classifyNote, linkedInDefault } from '../../../functions/audit/classify/index.ts';

const ids = (text: string, to?: string) => fireAll(text, { recipientProfile: to }).map((f) => f.id);

interface Family {
  rule: string;
  positive: string[];
  negative: string[];
}

const FAMILIES: Family[] = [
  {
    rule: 'pitch.business_intro',
    positive: [
      "We're a small bookkeeping firm in Leeds and we take payroll off founders' plates.",
      'Trabajo con clínicas veterinarias para ordenar su facturación mensual.',
      'Mit unserer Software planen Handwerksbetriebe ihre Einsätze in Minuten.',
      'Notre agence accompagne les PME dans leur passage au e-commerce.',
      'Nossa empresa desenvolve sistemas de ponto eletrônico para indústrias.',
    ],
    negative: [
      'I enjoyed your talk on mentoring junior analysts at the Lisbon meetup.',
      'Vi tu charla sobre logística inversa, muy clara.',
      'Ihr Artikel über Pflegepersonal hat mir sehr gefallen.',
      "J'ai lu votre billet sur le télétravail, très juste.",
      'Li o seu texto sobre liderança feminina, gostei muito.',
    ],
  },
  {
    rule: 'pitch.time_ask',
    positive: [
      'Could we grab 20 minutes next week to walk through it?',
      '¿Tendrías 10 minutos el martes para verlo juntos?',
      'Hätten Sie nächste Woche kurz Zeit für ein 15-minütiges Gespräch?',
      'Auriez-vous un créneau jeudi pour en parler ?',
      'Podemos marcar uma conversa rápida na quinta?',
    ],
    negative: [
      'Your keynote on soil health was the best part of the summit.',
      'Me gustó mucho tu análisis del mercado de alquiler.',
      'Ihr Beitrag zur Energiewende war sehr differenziert.',
      'Merci pour votre réponse sur le forum React.',
      'Parabéns pelo novo cargo na Embraer!',
    ],
  },
  {
    rule: 'pitch.offer_to_show',
    positive: [
      'I recorded a short teardown of your signup flow. Want me to send it over?',
      'Si quieres te muestro cómo lo hacen otras tiendas.',
      'Gerne würde ich Ihnen unsere Lösung kurz vorstellen.',
      'Je peux vous montrer comment nos clients gagnent du temps.',
      'Posso te mostrar como funciona em cinco minutos.',
    ],
    negative: [
      'Thanks for showing us the lab during the open day.',
      'Coincidimos en el curso de fotografía del sábado.',
      'Wir haben uns beim Stammtisch in Leipzig unterhalten.',
      'Nous étions voisins de table au dîner des anciens.',
      'Estávamos na mesma turma de inglês em Curitiba.',
    ],
  },
  {
    rule: 'pitch.benefit_claim',
    positive: [
      'Our scheduling tool saves clinics hours of phone time every week.',
      'Ayudamos a reducir los costos de envío hasta un 30 por ciento.',
      'Damit sparen Sie jeden Monat bares Geld.',
      'Nous pouvons réduire vos coûts énergétiques rapidement.',
      'Conseguimos reduzir custos de frete para lojas online.',
    ],
    negative: [
      'I run the local Python user group and loved your lightning talk.',
      'Hola Ana, somos vecinos de oficina en el coworking.',
      'Hallo Tim, schön, dass wir uns auf der Messe gesehen haben.',
      'Bonjour, votre podcast sur la permaculture est passionnant.',
      'Olá, adorei conversar com você no meetup de dados.',
    ],
  },
  {
    rule: 'ask.favor',
    positive: [
      'Would you mind sharing my fundraiser with your network?',
      '¿Me podrías compartir la oferta de empleo con tus contactos?',
      'Könnten Sie bitte meine Umfrage in Ihrem Team teilen?',
      "Pourriez-vous partager mon projet avec vos contacts ? Merci d'avance !",
      'Você poderia divulgar minha campanha com sua rede?',
    ],
    negative: [
      'We met at the hospital volunteer fair; your stand on blood drives was great.',
      'Nos conocimos en la boda de Marta, fue un placer.',
      'Danke für den Tipp zur Steuererklärung beim Stammtisch.',
      'Nous avons travaillé ensemble chez Renault en 2018.',
      'Trabalhamos juntos na Natura há alguns anos.',
    ],
  },
  {
    rule: 'ask.job_referral',
    positive: [
      'I just applied for the data engineer opening; could you pass my resume to the hiring team?',
      'Te adjunto mi CV por si hay una entrevista en tu empresa.',
      'Ich schicke Ihnen meinen Lebenslauf für die offene Stelle.',
      'Je vous envoie mon CV pour le poste de juriste.',
      'Segue meu currículo para a vaga de analista.',
    ],
    negative: [
      'Your breakdown of the new tax rules saved my team a lot of time.',
      'Gracias por tu ayuda con la mudanza de la oficina.',
      'Ihre Präsentation in Hamburg war sehr inspirierend.',
      'Votre conférence sur la biodiversité urbaine était passionnante.',
      'Sua palestra sobre acessibilidade foi ótima.',
    ],
  },
  {
    rule: 'good.shared_experience',
    positive: [
      'I was in the front row at your workshop on accessible forms, and the screen reader demo stuck.',
      'Coincidimos en el taller de cerámica; tu consejo sobre el esmalte funcionó.',
      'Wir haben letzte Woche auf dem Meetup zusammen über Rust diskutiert.',
      "J'ai suivi votre atelier sur la négociation à Lille, très concret.",
      'Estávamos na mesma turma do curso de design em Recife.',
    ],
    negative: [
      'We help dental practices fill their calendars with our booking app.',
      'Ofrecemos un servicio de contabilidad para autónomos.',
      'Wir bieten Schulungen für Vertriebsteams an.',
      'Nous proposons des audits de sécurité pour les PME.',
      'Oferecemos consultoria tributária para pequenas empresas.',
    ],
  },
  {
    rule: 'good.past_together',
    positive: [
      'We worked together at the county library years ago, great to find you here.',
      'Fuimos compañeros de piso en Salamanca, ¡qué alegría verte!',
      'Wir haben damals bei Siemens zusammen gearbeitet.',
      'Nous avons étudié ensemble à Grenoble, quel plaisir de te retrouver.',
      'Trabalhamos juntos no hospital de Campinas.',
    ],
    negative: [
      'Our payroll platform is now free for teams under ten people.',
      'Necesito que votes por mi proyecto en el concurso.',
      'Bitte abonnieren Sie meinen Kanal.',
      'Découvrez notre nouvelle gamme de chaises de bureau.',
      'Conheça nossa nova plataforma de cobrança.',
    ],
  },
  {
    rule: 'irrelevant.generic_connect',
    positive: [
      'I noticed we have mutual connections and thought it would be great to connect.',
      'Me encantaría formar parte de tu red de contactos.',
      'Ich freue mich, mich mit Fachleuten aus verschiedenen Branchen zu vernetzen.',
      'Je serais heureux de vous compter parmi mes relations.',
      'Gostaria de fazer parte da sua rede de contatos.',
    ],
    negative: [
      'Your answer on the Postgres mailing list about vacuum tuning fixed our nightly job.',
      'Gracias por presentarme a Luis en la feria.',
      'Ihr Podcast über Imkerei hat mich zum Nachdenken gebracht.',
      "Merci pour l'invitation au séminaire de jeudi.",
      'Obrigado pela indicação do livro na aula.',
    ],
  },
  {
    rule: 'irrelevant.personal_life',
    positive: [
      'My grandmother just learned to use a tablet and now sends me memes.',
      'Hoy llueve en Bilbao y mi hija está de vacaciones.',
      'Mein Sohn hat heute seinen ersten Zahn verloren.',
      "Ma fille vient d'avoir son permis, il pleut et on reste à la maison.",
      'Meu filho está de férias e fomos à praia.',
    ],
    negative: [
      'Your post on hiring apprentices matched what we see at our bakery.',
      'Tu hilo sobre precios de software me aclaró mucho.',
      'Ihr Vortrag zur Logistik war spannend.',
      'Votre article sur le recrutement était très juste.',
      'Seu artigo sobre logística reversa foi muito útil.',
    ],
  },
  // who writes in real inboxes (taxonomy.md): recruiters, expert networks, favour askers, communities, partners
  {
    rule: 'pitch.job_offer',
    positive: [
      "I'm a tech recruiter with Brightpath. I have an exciting remote Staff Engineer role, are you open to new opportunities?",
      'Hola, soy reclutadora y tenemos una vacante de Jefe de Planta en Monterrey.',
      'Guten Tag, ich bin Personalberater und habe eine spannende Position als Einkaufsleiter für Sie.',
      "Bonjour, je suis chargée de recrutement et j'ai un poste de DRH à pourvoir à Lyon.",
      'Olá! Temos uma vaga de coordenadora de marketing em Campinas, posso te mandar os detalhes?',
    ],
    negative: [
      'I applied to the analyst role at your company last week; could you refer me?',
      'Your talk on hiring juniors at DevDays was the best of the day.',
      'Vi tu charla sobre selección de personal en el congreso de RRHH.',
      'Ich habe Ihren Artikel über Fachkräftemangel gelesen.',
      'Nous nous sommes rencontrés au salon de l’emploi de Nantes.',
    ],
  },
  {
    rule: 'ask.expert_call',
    positive: [
      'I work with GLG on a project about grid batteries; would you take a paid 45-minute phone consultation?',
      'We are an expert network looking for former procurement leads, honorarium $250 per hour.',
      'Buscamos expertos para una llamada remunerada de una hora sobre logística en frío.',
      'Wir suchen Experten für ein bezahltes Telefonat zum Thema Pflegeheime.',
      'Nous cherchons des experts pour un entretien rémunéré sur la banque de détail.',
    ],
    negative: [
      'We help clinics cut no-shows with paid reminders for patients.',
      'Loved your podcast episode on expert witnesses in patent cases.',
      'Ofrecemos consultoría de logística en frío para supermercados.',
      'Danke für das Telefonat gestern, sehr hilfreich!',
      'Votre conférence sur la banque de détail était passionnante.',
    ],
  },
  {
    rule: 'ask.pick_brain',
    positive: [
      "Could I pick your brain for 15 minutes about moving from QA into product?",
      'Would you be my mentor? I am just starting out in UX research.',
      'Is Northwind Academy legit? I saw you studied there and I got an offer from them.',
      '¿Podrías ser mi mentora? Estoy empezando en ciberseguridad y admiro tu trayectoria.',
      'Queria seus conselhos para entrar na área de dados, pode me ajudar?',
    ],
    negative: [
      'I enjoyed your webinar on brain imaging pipelines.',
      'We mentor startups through our accelerator: apply by Friday.',
      'Nos conocimos en el taller de mentoría de la universidad.',
      'Ihr Vortrag über Gehirnforschung war faszinierend.',
      'Votre livre sur le mentorat m’a beaucoup appris.',
    ],
  },
  {
    rule: 'ask.speak_join',
    positive: [
      'We would love you to speak at our Women in Logistics summit in May.',
      'Would you be a guest on our podcast about supply chain careers?',
      'Join our WhatsApp group for Lagos product managers!',
      'Could you fill out this short survey about remote work? It takes 3 minutes.',
      'Únete a nuestra comunidad de analistas de datos en Madrid.',
    ],
    negative: [
      'Your talk at the logistics summit was excellent.',
      'I joined the group you mentioned at the meetup, thanks for the tip.',
      'We spoke after your panel at the HR summit in Porto.',
      'Ich war auf Ihrem Vortrag beim Logistiktag.',
      'J’ai écouté votre podcast sur la chaîne logistique.',
    ],
  },
  {
    rule: 'ask.job_hunt',
    positive: [
      'Hello sir, I am a fresher looking for a job in data analytics, any openings in your team?',
      'I am looking for an internship in mechanical design this summer.',
      'Could you help me find a job in your company? I have 2 years of experience.',
      'Final year student here, looking for opportunities in cloud engineering.',
      'Please consider me for any role in your finance team.',
    ],
    negative: [
      'We are hiring a data analyst in our Lagos office.',
      'Loved your post about interviewing freshers fairly.',
      'Great meeting you at the career fair, your booth was the busiest.',
      'We help companies find interns faster with our platform.',
      'Congrats on the new job at Kite!',
    ],
  },
  {
    rule: 'pitch.partnership',
    positive: [
      "Let's explore synergies between our agencies.",
      'Looking for partnership opportunities with logistics firms like yours.',
      'Me encantaría explorar sinergias entre nuestras empresas.',
      'Wir sehen Synergien und würden gerne über eine Zusammenarbeit sprechen.',
      'Nous cherchons un partenariat avec des cabinets comme le vôtre.',
    ],
    negative: [
      'We worked together at Kite on the billing migration.',
      'Your article on partnership law in Texas was very clear.',
      'Nos conocimos en el congreso de alianzas educativas.',
      'Danke für Ihren Beitrag zur Energiewende.',
      'Votre intervention au salon était passionnante.',
    ],
  },
];

describe('broad rule families: positive and negative cases in each language', () => {
  for (const f of FAMILIES) {
    it.each(f.positive)(`${f.rule} fires: %s`, (text) => {
      expect(ids(text)).toContain(f.rule);
    });
    it.each(f.negative)(`${f.rule} stays silent: %s`, (text) => {
      expect(ids(text)).not.toContain(f.rule);
    });
  }
});

describe('fallback and structure', () => {
  it('a note with no reason to connect falls to irrelevant, with the note as evidence', () => {
    const c = classifyNote('Hello, the tram was late again this morning.');
    expect(c.category).toBe('irrelevant');
    expect(c.reasons.some((r) => r.rule === 'structure.no_reason' && r.evidence.length > 0)).toBe(true);
  });

  it('an offer in unfamiliar words is not irrelevant: the business intro and the time ask carry it', () => {
    const c = classifyNote("Hi Jo, we're a two-person studio that films product videos for craft brands. Worth a chat on Friday?");
    expect(c.category).toBe('sales_pitch');
    expect(c.verdict).toBe('IGNORE');
  });

  it('a favour asked of a stranger is too_much_too_soon, in several languages', () => {
    for (const text of [
      'Hi! Would you mind posting about my new podcast to your network? Every share counts.',
      'Hola, ¿podrías compartir mi campaña con tus contactos? ¡Gracias!',
      "Bonjour, pourriez-vous relayer mon offre de stage à votre réseau ? Merci d'avance !",
    ]) {
      expect(classifyNote(text).category).toBe('too_much_too_soon');
    }
  });

  it('a specific shared past is good, in several languages', () => {
    for (const text of [
      'Hi Lee, I was in the audience at your PyData talk last Thursday; the slide on missing-data plots changed how I review notebooks.',
      'Hallo Eva, wir haben letzte Woche auf dem Barcamp in Bremen zusammen über Datenschutz diskutiert. Gerne bleiben wir in Verbindung.',
      'Olá Rita, estávamos na mesma turma do curso de UX em Porto. Adorei trabalhar com você no projeto final.',
    ]) {
      expect(classifyNote(text).verdict).toBe('ACCEPT');
    }
  });

  it('a question put to the recipient, with no reason to connect, is an unexplained ask, not irrelevant', () => {
    for (const text of ['Hi Bea, are you around for a word about pensions, maybe Tuesday?', 'Hola Luis, ¿puedo escribirte sobre un tema de seguros?']) {
      const fired = ids(text);
      expect(fired).toContain('structure.unexplained_ask');
      expect(fired).not.toContain('structure.no_reason');
      expect(classifyNote(text).category).not.toBe('irrelevant');
    }
  });

  it('small talk with a question stays a note with no reason', () => {
    const fired = ids('Did you know my grandmother still bakes bread every Sunday?');
    expect(fired).not.toContain('structure.unexplained_ask');
    expect(classifyNote('Did you know my grandmother still bakes bread every Sunday?').category).toBe('irrelevant');
  });

  it('confidence is a probability and reasons carry evidence', () => {
    for (const text of ['Quick question?', 'We do gutters. Free quote this week.', 'Great to meet you at the bike repair café on Saturday!']) {
      const c = classifyNote(text);
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      expect(c.reasons.length).toBeGreaterThan(0);
      for (const r of c.reasons) expect(r.evidence.trim()).not.toBe('');
    }
  });
});

describe('recipient relevance in the note\'s own words', () => {
  const note = 'Hi Sam, beekeepers like you are switching to our hive sensors. Want the spec sheet?';

  it('an audience the profile does not share is a swing and miss', () => {
    const c = classifyNote(note, { recipientProfile: 'Tax attorney | Legal Services' });
    expect(c.category).toBe('swing_and_miss');
    expect(c.reasons.some((r) => r.rule === 'relevance.assumed_audience_mismatch' && /beekeepers like you/i.test(r.evidence))).toBe(true);
  });

  it('the same pitch to someone in that audience is a plain sales pitch', () => {
    const c = classifyNote(note, { recipientProfile: 'Beekeeper and honey producer | Farming' });
    expect(c.category).toBe('sales_pitch');
  });

  it('a note citing real shared activity is not checked against the profile', () => {
    const c = classifyNote('Hi Sam, I attended your workshop on crypto custody for estate lawyers last Tuesday; the checklist on seed phrases was useful.', {
      recipientProfile: 'Estate planning attorney | Legal Services',
    });
    expect(c.verdict).toBe('ACCEPT');
  });
});

describe('mail-merge leftovers and default texts', () => {
  it.each([
    'Hi $first_name, saw you work in $industry and wanted to connect.',
    '{Hi|Hello} there, {great|nice} profile! Let us connect.',
    'Hello nan, I noticed you work at nan. Would love to connect!',
  ])('an unfilled template is bot evidence: %s', (text) => {
    const c = classifyNote(text);
    expect(c.reasons.map((r) => r.rule)).toContain('bot.placeholder');
    expect(c.category).toBe('bot');
  });

  it('a price in dollars is not a placeholder', () => {
    expect(classifyNote('Our plan is $49 a month.').reasons.map((r) => r.rule)).not.toContain('bot.placeholder');
  });

  it.each([
    'Je souhaiterais vous ajouter à mon réseau professionnel sur LinkedIn.',
    'Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.',
    "Hi Maria, I'd like to join your professional network on LinkedIn. - Tom",
  ])('a paraphrase of LinkedIn\'s default invitation is no_message: %s', (text) => {
    expect(linkedInDefault(text)).not.toBeNull();
    expect(classifyNote(text).category).toBe('no_message');
  });

  it('a note that adds its own words to the default is not a default', () => {
    expect(linkedInDefault("I'd like to add you to my professional network on LinkedIn because your post on warehouse safety helped us.")).toBeNull();
  });
});
