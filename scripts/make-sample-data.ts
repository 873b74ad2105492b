/**
 * Deterministic generator of the sample data (invented people only): `npm run sample-data`.
 * Writes into sample-data/: two Basic-style zips of one owner six months apart (together all of
 * 2025), a bare 5-column Invitations.csv (2022), a standalone Connections.csv, manifest.json (the
 * expected counts) and README.md. Same seed -> byte-identical files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import Papa from 'papaparse';
import { parseSentAt, readExport } from '../functions/audit/export/index.ts';
import type { SampleFile } from './sample-manifest.ts';

const OUT = join(import.meta.dirname, '..', 'sample-data');

// ---------- seeded PRNG (mulberry32) ----------
let state = 20250101;
function rnd(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
const chance = (p: number) => rnd() < p;

// ---------- people ----------
const FIRST = ['Zoë', 'José', 'Łukasz', 'Søren', 'Inés', 'Björn', 'François', 'Aarav', 'Mei', 'Kwame', 'Fatima', 'Liam', 'Olivia', 'Noah', 'Ana', 'João', 'Chloé', 'Matthias', 'Priya', 'Diego', 'Hannah', 'Yusuf', 'Siobhán', 'Nikolai', 'Emeka', 'Camila', 'Lucía', 'Jürgen', 'Anaïs', 'Thabo', 'Keiko', 'Rafael', 'Ingrid', 'Dmitri', 'Amara', 'Malik', 'Elif', 'Tomás', 'Greta', 'Ravi', 'Nora', 'Oluwaseun', 'Santiago', 'Mariana', 'Henrik', 'Leïla', 'Chidi', 'Paulo', 'Beatriz', 'Wen', 'Arjun', 'Sofía', 'Kofi', 'Astrid', 'Ngozi', 'Mateo', 'Elena', 'Rohan', 'Clara', 'Joaquín', 'Marcus', 'Aisha', 'Ben', 'Tanya', 'Kenji', 'Lars', 'Valentina', 'Omar', 'Ruth', 'Hugo'];
const LAST = ['Lindqvist', 'Okafor', 'Nakamura', 'García', 'Müller', 'Dubois', 'Kowalski', 'Haddad', 'Fernández', 'Osei', 'Schmidt', 'Costa', 'Ribeiro', 'Nguyễn', 'Çelik', 'Novák', 'Sørensen', 'Patel', 'Kim', 'Moreau', 'Bianchi', 'Ólafsdóttir', 'Mensah', 'Ivanova', 'Herrera', 'Adeyemi', 'Fischer', 'Santos', 'Rossi', 'Yilmaz', "O'Brien", 'van der Berg', 'Achterberg', 'Chen', 'Singh', 'Kaur', 'Mbeki', 'Larsen', 'Castillo', 'Weber', 'Thornbury', 'Abernathy', 'Quispe', 'Halvorsen', 'Brennan', 'Delacroix'];
const COMPANIES = ['Quantivo', 'Helix Cloudworks', 'Orbital Ledger', 'Tidewater Logistics', 'Kestrel Security', 'Sunpath Solar', 'Verdant Foods', 'Atlas Nearshore', 'Meridian Health', 'Copperleaf Realty', 'Lumen Freight', 'Foxglove Studio', 'Granite Ridge Capital', 'Nimbus Labs', 'Cobalt Data', 'Saffron Media', 'Polaris Robotics', 'Pinecrest Dental Group', 'Bluefin Payments', 'Harborview Hospitality'];
const TITLES = ['Data Engineer', 'Senior Software Engineer', 'Account Executive', 'Founder & CEO', 'Talent Partner', 'Head of Growth', 'Product Manager', 'Analytics Engineer', 'Business Development Representative', 'VP Engineering', 'Machine Learning Engineer', 'Marketing Director', 'Staff Engineer', 'Solutions Architect', 'Engineering Manager, Data Platform'];
const SUFFIXES = ['', '', '', '', '', '', ', PhD', ', MBA', ' 🚀', ' ✨'];

interface PersonRec {
  first: string;
  last: string;
  name: string; // display name as exported
  slug: string; // raw Unicode slug
  company: string;
  title: string;
}
const usedSlugs = new Set<string>();
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[łŁ]/g, 'l').replace(/[øØ]/g, 'o');
function person(first = pick(FIRST), last = pick(LAST), company = pick(COMPANIES), title = pick(TITLES)): PersonRec {
  const base = `${first}-${last}`.toLowerCase().replace(/'/g, '').replace(/\s+/g, '-');
  let slug = chance(0.55) ? fold(base) : base; // many slugs keep their accents (raw Unicode in Invitations.csv)
  if (chance(0.6) || usedSlugs.has(slug)) slug += `-${Math.floor(rnd() * 0xfffffff).toString(16).padStart(7, '0')}`;
  while (usedSlugs.has(slug)) slug += int(0, 9);
  usedSlugs.add(slug);
  const suffix = pick(SUFFIXES);
  return { first, last, name: `${first} ${last}${suffix}`, slug, company, title };
}
const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;
const encodedUrl = (slug: string) => `https://www.linkedin.com/in/${encodeURIComponent(slug)}`;

// ---------- notes ----------
type Cat = 'sales_pitch' | 'swing_and_miss' | 'irrelevant' | 'bot' | 'too_much_too_soon' | 'coworker_template' | 'good' | 'default';
/** A note body: `o` is the owner's first name, `at` the owner's employer as people write it, `p` the sender. */
type Tpl = (o: string, p: PersonRec, at: string) => string;
const BANK: Record<Exclude<Cat, 'bot' | 'coworker_template' | 'default'>, Tpl[]> = {
  // pitches an owner in data engineering (Kafka, Flink, dbt, CDC; Oakland) could plausibly buy
  sales_pitch: [
    (o) => `${o}, I run a nearshore engineering team in Medellín (40+ devs, Python/Kafka/Snowflake). Teams like yours cut delivery costs by 40% with us. Open to a quick 15-min call next week?`,
    (o, p) => `At ${p.company} we help data teams slash their Snowflake bill by up to 60%. Would love to show you a 10-minute demo, no strings attached.`,
    (o, p, at) => `Quick question: who handles vendor decisions for observability at ${at}? We've helped 200+ companies reduce incident response time. Happy to share a case study.`,
    (o, p, at) => `I noticed ${at} is growing fast 🚀 We provide pre-vetted senior data engineers on demand, starting in 48h. Worth a chat?`,
    () => `Hope you're well! I'm reaching out because our AI-powered ETL platform plugs into dbt in minutes. Can I send over a short deck?`,
    (o, p) => `Hola ${o}, en ${p.company} ayudamos a equipos de datos a migrar a la nube en la mitad de tiempo. ¿Tienes 20 minutos esta semana para una llamada?`,
    (o) => `Hallo ${o}, wir unterstützen Data-Teams bei der Einführung von Data Mesh – schnell, günstig, zertifiziert. Hätten Sie nächste Woche Zeit für ein kurzes Gespräch?`,
    () => `Are you still doing all your pipeline monitoring by hand? We built something that fixes that. Let me know a good time for 15 mins.`,
    () => `I help tech leaders like you build a personal brand on LinkedIn that attracts inbound opportunities. I have 2 spots open this month - interested?`,
    (o) => `Bonjour ${o}, notre cabinet accompagne les scale-ups dans le recrutement de profils data. Seriez-vous disponible pour un échange de 15 minutes ?`,
    () => `We're offering a free "data stack audit" this quarter for companies your size (usually worth $5,000). Want me to book you a slot?`,
    (o, p) => `Olá ${o}! A ${p.company} ajuda empresas a reduzir custos de infraestrutura de dados. Podemos marcar uma conversa rápida?`,
    () => `Our managed Kafka is 3x cheaper than Confluent, and migration is free until Q3. Who on your team should I talk to?`,
    () => `I'd love to introduce you to our fractional CTO service - perfect for scaling teams. Free 30-minute strategy session this week?`,
    () => `I saw you're running Flink in production. We built a managed Flink service with autoscaling and checkpoint tuning out of the box; teams typically save 30% on compute. Open to a 20-min demo?`,
    (o, p) => `We help data teams catch broken dbt models before they hit prod (column-level lineage + CI checks). Would love 15 min to show you how other ${p.company} customers use it.`,
    () => `Quick one - are you evaluating CDC tools this year? Our Debezium-compatible connector handles schema changes without restarts. Happy to set up a sandbox for your team.`,
    (o, p) => `I lead partnerships at ${p.company}. We're a data observability platform and a few Bay Area teams your size have cut on-call pages in half with us. Coffee in Oakland sometime? ☕`,
    () => `Your profile says streaming pipelines, so I'll be brief: we offer Kafka consulting (upgrades, tiered storage, KRaft migration) as fixed-price packages. Can I send our one-pager?`,
    () => `congrats on the Data Council talk!! we're hosting a private dinner for staff+ data engineers in SF next month (our treat, 12 seats). interested? we make a warehouse cost optimizer btw`,
    () => `I'm a technical recruiter placing Staff/Principal data engineers at Series B-D startups, comp up to $320k + equity. Are you open to hearing about a streaming-platform role?`,
    () => `Running Kafka on Kubernetes? We do 24/7 managed support with a 15-minute SLA for a flat monthly fee. Worth a conversation before your next renewal?`,
    () => `Most data teams we talk to spend 20% of their week fixing failed backfills. Our orchestration layer makes them one click. Can I grab 15 minutes on your calendar Thursday?`,
    () => `We're a software house in Wrocław with 25 senior Scala/Flink engineers available from next month. Rates from $45/h. Would it make sense to talk?`,
    (o, p) => `Hola ${o}! Soy de ${p.company}, una consultora de datos en Buenos Aires. Tenemos ingenieros con experiencia en Kafka y dbt disponibles ya, con horario compatible con California. ¿Te interesa una llamada?`,
    (o) => `Hallo ${o}, wir haben ein Tool für Datenqualität in dbt-Projekten entwickelt (Open Core, SOC 2). Hätten Sie Lust auf eine 20-minütige Demo? Viele Grüße`,
    (o) => `Bonjour ${o}, nous éditons une plateforme de catalogue de données compatible Snowflake et dbt. Je serais ravi de vous faire une démo de 20 min, quand cela vous arrange.`,
    (o) => `Oi ${o}, tudo bem? Trabalho com outsourcing de engenharia de dados em Recife: times especializados em Kafka e Spark, por um custo bem menor. Topa uma call rápida?`,
    (o, p, at) => `Saw that ${at} is hiring data engineers - instead of 3 months of interviews, we can have a vetted Kafka/Flink contractor in your Slack on Monday. Want profiles?`,
    () => `We're giving Bay Area data leaders early access to our AI copilot for SQL and dbt (it writes the tests for you 😉). Can I add you to the pilot and get your feedback on a call?`,
    () => `Thanks in advance for accepting! I work with engineering leaders on cloud cost. Last month we saved a logistics client $410k/yr on their streaming infra. Want to see how?`,
    (o, p, at) => `Is the ${at} data platform on Confluent Cloud or self-managed? Either way we have a migration offer that ends this month. Who's the best person to talk to?`,
    () => `Do you have budget planned for data governance in H2? We partner with teams running dbt + Snowflake. 15 min to see if there's a fit?`,
    () => `Our webinar next Tuesday: "Cutting Kafka costs by 50% with tiered storage". I saved you a seat 🎟️ and would love to follow up after with a quick call.`,
    () => `Fellow Oakland person here 👋 I run a small agency that builds internal data tools (Retool/Streamlit). Happy to buy you a coffee and show you some of our work.`,
    (o) => `Guten Tag ${o}, als zertifizierter Confluent-Partner helfen wir bei Kafka-Upgrades und Schulungen. Darf ich Ihnen unser Angebot für Teams in den USA zusenden?`,
  ],
  // pitches for industries and roles that have nothing to do with the owner's profile
  swing_and_miss: [
    () => `I specialize in helping dental practices fill their appointment books with Facebook ads. Do you own your practice or work with a group?`,
    () => `Are you looking to invest in multifamily real estate in Austin? I have two off-market deals closing this month.`,
    () => `Our POS system is built for restaurants and bars - table management, tips, inventory, all in one. Would your locations be interested?`,
    () => `As a fellow trucking professional, I wanted to share our new cargo insurance rates for owner-operators. Quotes in 5 minutes!`,
    () => `I help nurses move into aesthetic medicine with our certified Botox training course. Spots fill fast!`,
    () => `Saw you're in the hospitality space - we supply eco-friendly amenities (shampoo, soap, slippers) to boutique hotels worldwide.`,
    (o) => `Hola ${o}, ¿tu despacho de abogados ya usa software de gestión de casos? Te lo puedo mostrar en 10 minutos.`,
    () => `We manufacture custom corrugated packaging for e-commerce brands. Happy to send free samples to your warehouse.`,
    () => `As a wedding photographer you know how hard it is to get reviews 📸 - our app automates it.`,
    (o) => `Guten Tag ${o}, wir bieten Photovoltaik-Anlagen für landwirtschaftliche Betriebe an. Darf ich Ihnen ein Angebot schicken?`,
    () => `Looking for a reliable supplier of frozen seafood for your restaurants? We ship from Vigo every week.`,
    () => `We help veterinary clinics automate appointment reminders by SMS 🐾 How many clinics do you manage?`,
    () => `I'm a mortgage broker in Phoenix - rates just dropped and I'd love to help your clients refinance. Do you work with many first-time buyers?`,
    () => `Our frozen yogurt franchise is expanding to California!! Would you like the investor brochure? Only 6 territories left.`,
    () => `As a school principal you know parent communication is a headache. Our app puts report cards and lunch menus in one place. Free pilot for your district?`,
    () => `We supply industrial forklifts and pallet racks at wholesale prices. Can I quote your next warehouse expansion?`,
    (o) => `Bonjour ${o}, nous proposons des formations en œnologie pour les cavistes et sommeliers. Puis-je vous envoyer notre calendrier 2025 ?`,
    (o) => `Olá ${o}! Vi que você trabalha com agronegócio. Temos sementes de soja certificadas com ótimo preço para a próxima safra. Posso enviar uma cotação?`,
    () => `Are you still doing your clinic's medical billing in-house? Our coding service is HIPAA compliant and 30% cheaper. Free assessment this month.`,
    () => `I coach high-school football coaches on recruiting strategy for D1 scholarships 🏈 Would your program be interested in a free session?`,
    (o) => `Hallo ${o}, suchen Sie noch Reinigungspersonal für Ihre Arztpraxis? Wir stellen zuverlässige Teams in ganz Bayern.`,
  ],
  // personal trivia, no reason to connect
  irrelevant: [
    () => `I love hiking, dogs and good coffee. Let's connect!`,
    () => `Greetings from Lagos! 🌍 Expanding my network across the world.`,
    (o) => `Happy Friday ${o}!!! 🎉🎉`,
    () => `I am a Capricorn, a jazz fan and a proud dad of three. Connecting with amazing people.`,
    () => `Just finished my first half marathon 🏃 - 2:04! Connecting with inspiring people.`,
    () => `My favorite movie is Interstellar. What is yours?`,
    () => `Hola, soy estudiante de turismo y me gusta conocer gente de todo el mundo.`,
    () => `Building the future, one connection at a time. ✨`,
    () => `We are in the same network so I thought why not, haha`,
    () => `Good morning from Ohio, it's snowing here ❄️ Stay warm!`,
    () => `Bonjour ! Je collectionne les cartes postales anciennes, et vous ?`,
    () => `Just got back from 3 weeks in Patagonia 🏔️ no wifi, best trip ever. Anyway, happy to connect!`,
    () => `My cat knocked my coffee onto the keyboard this morning so if this message has tyops that's why 😹`,
    () => `Proud mom of twins, amateur baker and Real Madrid fan since 1998. Nice to meet you!`,
    () => `I'm a third-year accounting student in Manila. I like volleyball and K-dramas.`,
    () => `Olá! Sou de Curitiba, adoro café e viagens. Seguimos conectados!`,
    () => `Guten Morgen! Ich sammle Vinyl-Platten und fahre am Wochenende gern Rad. Schönen Tag noch!`,
    () => `Do you think pineapple belongs on pizza? Asking everyone I connect with this month 🍍🍕`,
    () => `Sending positive vibes your way today. Remember to drink water 💧`,
    () => `Hola! Me encantan los perros, el mate y la música de los 80. Saludos desde Rosario 🇦🇷`,
    () => `Fun fact about me: I have visited 41 countries and eaten crickets in 3 of them.`,
    () => `I grow tomatoes on my balcony in Leeds. This year: 14 kg!! 🍅`,
    () => `Salut ! Je suis nouvelle sur LinkedIn, ma fille m'a dit de m'inscrire 😄`,
  ],
  // asks for a like, comment, share, vote, endorsement, follow, subscription, signature or join before any relationship
  too_much_too_soon: [
    () => `Could you endorse me for Python and SQL? I'd really appreciate it, I'll return the favor!`,
    () => `I just published my first article on data contracts - would mean a lot if you could like and comment on it 🙏`,
    (o, p) => `Our startup is a finalist in the ${p.company} Innovation Awards! Could you vote for us? Link in my profile. Voting closes Friday!`,
    () => `Please follow our company page and share our latest post with your network, thanks in advance!`,
    () => `Would you be willing to write me a recommendation for my profile? I'm applying for data roles.`,
    (o, p, at) => `I'm looking for a referral for the Senior Data Engineer role at ${at}. Could you refer me? My CV is on my profile.`,
    (o) => `Hola ${o}, ¿podrías darle like y compartir mi publicación sobre mi nuevo curso? ¡Gracias!`,
    () => `Please subscribe to my newsletter "Data Bites" and leave a comment on the latest issue 😊`,
    () => `Could you fill out this 5-minute survey for my MBA thesis and share it with your team?`,
    (o) => `Hallo ${o}, könnten Sie meinen Beitrag über KI im Mittelstand liken und kommentieren? Das würde mir sehr helfen!`,
    () => `Can you star our GitHub repo and retweet the launch? We're trying to hit #1 on Product Hunt today!`,
    () => `Would you mind following my page? I'm trying to reach 5,000 followers by the end of the month 🙌`,
    () => `We launch on Product Hunt tomorrow - an upvote and a comment would mean the world to our tiny team!`,
    () => `Could you sign our petition to keep the Oakland public library open on Sundays? Link in my featured section, takes 30 seconds.`,
    () => `Please join my WhatsApp group for data engineers (1,200 members!) and invite your team too, link in my bio.`,
    () => `I'd be grateful if you could endorse me for Apache Kafka - I see you're an expert and it would really help my profile stand out.`,
    (o) => `Oi ${o}! Poderia curtir e comentar o último post da minha página? Estou participando de um concurso. Valeu demais! 🙏`,
    (o) => `Bonjour ${o}, pourriez-vous voter pour notre projet au concours de l'innovation de Lyon et partager le lien ? Merci infiniment !`,
    () => `My podcast "Pipelines & Pancakes" just dropped episode 1 🎙️ Could you subscribe and leave a 5-star review? It helps with the algorithm.`,
    () => `Can you share my job post with your network? I've been looking for 8 months and every share helps.`,
    () => `Please comment "interested" on my latest post so the algorithm shows it to more people - it's my free SQL cheat sheet!`,
    (o) => `Hola ${o}, ¿me ayudas a llegar a 1.000 suscriptores en mi canal de YouTube sobre datos? Solo tienes que suscribirte y activar la campanita 🔔`,
  ],
  // a specific shared activity, a detail of it, and a reason to connect
  good: [
    () => `I was in the room for your talk on exactly-once Kafka consumers at Data Council in Oakland. The bit about idempotent sinks solved a bug we'd chased for weeks. Would love to stay in touch.`,
    (o, p) => `Your post on dbt incremental models with late-arriving data was spot on - we hit the same merge problem. I'm the analytics lead at ${p.company}; would be great to compare notes.`,
    () => `We sat next to each other at the "Streaming in Production" workshop at QCon SF (I was the one with the broken charger 😅). Great chatting about backfills, let's keep in touch.`,
    () => `I read your article "Why your CDC pipeline lies to you" and shared it with my team. Your checklist of ordering guarantees is now in our design reviews. Thanks for writing it!`,
    () => `Thanks for answering my question during the Confluent webinar on schema evolution yesterday. I'd like to follow your work on the registry migration.`,
    () => `We both took part in the Apache Flink docs sprint in March - I reviewed your PR on watermark examples. Connecting so we can keep collaborating.`,
    (o) => `Hola ${o}, vi tu charla sobre "pipelines idempotentes" en el meetup de Data Engineering Madrid (online). Me encantó el ejemplo de los reintentos. ¡Sería un gusto conectar!`,
    (o) => `Hallo ${o}, ich habe deinen Vortrag auf der Berlin Buzzwords über Stream-Joins gesehen. Die Folie zu Late Events war genial. Würde mich freuen, in Kontakt zu bleiben.`,
    (o) => `Bonjour ${o}, j'ai assisté à votre présentation sur Kafka au meetup Paris Data Eng. Votre retour d'expérience sur les rebalances m'a beaucoup aidé. Au plaisir d'échanger !`,
    (o, p) => `Olá ${o}, li seu post sobre testes de contrato de dados e implementamos a ideia aqui na ${p.company}. Obrigado por compartilhar! Vamos nos conectar?`,
    (o, p) => `Ana from your onboarding cohort introduced us on the Data Eng Slack - she said you're the person to ask about Debezium. I'm starting a CDC project at ${p.company}, would love to connect.`,
    () => `I organize PyData Portland. Several attendees mentioned your blog post on Parquet compaction; would you consider giving a talk in the spring? Happy to connect either way.`,
    () => `Great answer on the dbt Slack about snapshot strategies, it saved my afternoon. Connecting to follow your posts.`,
    (o, p, at) => `We met at the ${at} booth at Snowflake Summit - I asked about your lineage tool. Following up as promised!`,
    () => `Your comment on Gwen's post about consumer lag alerts was the clearest explanation I've seen. I work on the same problem at a fintech; would love to swap notes.`,
    () => `Thanks for reviewing my pull request to the kafka-streams-examples repo last week, your feedback on the state store made it much better!`,
    (o, p, at) => `I listened to your episode of The Data Engineering Show about CDC at ${at} - the story of the 3 AM Debezium snapshot had me laughing. We're about to do the same migration, would love to connect.`,
    () => `We chatted in the hallway after your QCon talk on exactly-once; I was the one asking about Flink two-phase commits with Iceberg. Still thinking about your answer. Let's connect!`,
    (o, p) => `Your thread on how you run data on-call (runbooks per source, no pages after 10pm unless revenue is hit) is now printed on our team's wall. Thank you! I lead the data platform at ${p.company}.`,
    () => `I was at the Oakland Data Eng meetup last Thursday when you demoed the lag dashboard. Alerting on lag growth instead of absolute lag is brilliant. Would love to keep in touch.`,
    () => `I'm the one who asked about schema registry compatibility modes in your webinar Q&A on Tuesday - your "FULL_TRANSITIVE or regret it" line made my week. Connecting to follow your posts.`,
    () => `Read your article on backfilling Kafka topics from S3 twice. We used the same replay idea for a 2-year backfill last month and it worked!! Thanks for writing it up, would love to connect.`,
    () => `Hi from the Flink Forward Slack! You answered my question about RocksDB state size yesterday; the checkpoint alignment tip cut our recovery time from 40 to 6 min. Thank you 🙏`,
    (o, p, at) => `Priya Lindqvist suggested I reach out - she said you built the CDC pipelines at ${at}, and I'm scoping something similar at ${p.company}. Would you be open to connecting?`,
    () => `Loved your lightning talk at Coalesce on dbt model contracts. "Break the build, not the dashboard" is now our team motto. Would be great to connect and compare notes on enforcement.`,
    () => `I took your workshop "Kafka for the curious" at PyCon US - the hands-on part with consumer groups was the first time rebalancing actually clicked for me. Thanks, and let's stay connected.`,
    (o, p) => `Your post last week about deleting 200 unused dbt models started a great debate on our team. We're doing the same cleanup at ${p.company}. Mind if I connect?`,
    () => `We were both on the panel at the Streaming Summit in SF (I was the moderator who ran out of time 😅). I still owe you the question about late events we skipped - connecting so I can ask it properly!`,
    (o) => `Hola ${o}! Estuve en tu taller de Flink en Barcelona. Lo de los watermarks con datos tardíos me sirvió muchísimo en el proyecto de mi equipo. ¿Conectamos para seguir en contacto?`,
    (o, p) => `Hola ${o}, escuché tu entrevista en el podcast "Datos en Producción" sobre guardias de datos. Estamos montando algo parecido en ${p.company} y me encantaría conectar.`,
    (o) => `Hallo ${o}, danke für deine ausführliche Antwort im dbt-Forum zu inkrementellen Snapshots! Hat uns viel Zeit gespart. Ich würde mich über die Vernetzung freuen.`,
    (o) => `Hi ${o}, wir haben uns beim Kafka-Meetup in München kurz über CDC mit Debezium unterhalten. Ich würde das Gespräch gern fortsetzen – wir stehen vor derselben Migration.`,
    (o) => `Bonjour ${o}, votre article sur les backfills idempotents a circulé dans toute mon équipe. On a repris l'idée des partitions rejouables. Merci, et au plaisir d'échanger !`,
    (o) => `Salut ${o} ! On s'est croisés au Devoxx France, à ta session sur Flink SQL. Ta démo en direct qui a planté puis marché m'a convaincu 😄 Connectons-nous !`,
    (o, p) => `Oi ${o}! Assisti seu webinar sobre monitoramento de lag no Kafka e apliquei a ideia de alertar pela taxa de crescimento. Funcionou muito bem aqui na ${p.company}. Vamos nos conectar?`,
    (o) => `Olá ${o}, fui à sua palestra no TDC São Paulo sobre pipelines CDC. A parte sobre ordenação de eventos respondeu uma dúvida antiga minha. Adoraria manter contato!`,
    () => `Your Stack Overflow answer about Kafka consumer offsets on rebalance (the one with the diagram) is still the best out there. Just realized you're in Oakland too - would love to connect.`,
    () => `We met at the data engineering happy hour in SF last week - I'm the one starting the data team at a climate startup. You offered to share your on-call runbook template, I'd love to take you up on it!`,
    () => `I'm reading your series "Data contracts in practice" (part 3 on versioning was the best). I maintain an open-source schema linter and would love your feedback sometime. Connecting!`,
    () => `Thanks for the mentoring session through Data Eng Mentors on Saturday. Your advice to write the design doc before the code is already paying off. Hope we can stay connected!`,
    (o, p) => `Watched your Data Council talk on YouTube - the Flink vs. Kafka Streams decision table is exactly what I needed for an RFC at ${p.company}. Would love to connect and maybe ask a question or two.`,
    () => `You reviewed my proposal for the streaming track at Current and left really thoughtful comments, even though it was rejected 🙂 It's much better now. Thanks, and let's connect.`,
    () => `Your GitHub issue on the Flink Kafka connector (idle partitions holding back watermarks) saved me days. I added a repro to it last night - connecting in case you want to pair on a fix.`,
    () => `We were in the same breakout room at the Airflow Summit virtual workshop on sensors; your tip about deferrable operators cut our worker count in half. Would be great to stay in touch.`,
  ],
};
const BOT_TEMPLATES = [
  `Hi {first_name}, I came across your profile and was impressed by your experience at {company}. I'd love to connect and learn more about your work!`,
  `Hi Brandon, I see we share many mutual connections in the tech space. Let's connect and grow our networks together!`,
  `Dear %FIRSTNAME%, I'm expanding my network of professionals in %INDUSTRY%. Looking forward to connecting!`,
  `Hi Jonah, I noticed we're both in the Software Development industry. I'm always looking to connect with like-minded professionals. Let's connect!`,
];
const DEFAULT_TEXTS = [
  `I'd like to add you to my professional network on LinkedIn.`,
  `I'd like to add you to my professional network on LinkedIn.`,
  `Me gustaría añadirte a mi red profesional en LinkedIn.`,
  `Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.`,
  `Gostaria de adicioná-lo à minha rede profissional no LinkedIn.`,
];
const COWORKER_GROUPS = [
  {
    company: 'Quantivo',
    texts: [
      (o: string) => `Hi ${o}! I'm part of the Quantivo team and we're connecting with data leaders in the Bay Area. Would love to have you in my network!`,
      (o: string) => `Hi ${o}, I'm part of the Quantivo team and we're connecting with data leaders across the Bay Area. Would love to have you in my network :)`,
      (o: string) => `Hey ${o}! I'm on the Quantivo team and we are connecting with data leaders in the Bay Area. Would love to have you in my network!`,
      (o: string) => `Hi ${o}! I'm part of the Quantivo team - we're connecting with data leaders in the Bay Area. Would love to have you in my network! 🙂`,
    ],
  },
  {
    company: 'Northwind Talent Partners',
    texts: [
      (o: string) => `Hi ${o}, I'm a recruiter at Northwind Talent Partners. We partner with top startups hiring data engineers, and I'd love to keep you in mind for future roles.`,
      (o: string) => `Hi ${o}, I'm a recruiter with Northwind Talent Partners. We partner with top startups hiring data engineers and I'd love to keep you in mind for future roles!`,
      (o: string) => `Hello ${o}, I'm a recruiter at Northwind Talent Partners - we partner with top startups hiring data engineers, and I'd love to keep you in mind for future roles.`,
    ],
  },
];
// The owner's own sent notes: one person, who may reuse his wording with different people.
const OWNER_NOTES: { cat: 'good' | 'pitch'; tpl: (f: string) => string }[] = [
  { cat: 'good', tpl: (f) => `Hi ${f}, loved your talk on Iceberg table maintenance at Data Council - the compaction numbers were eye-opening. Would be great to connect.` },
  { cat: 'good', tpl: (f) => `${f}, your post about on-call for data teams resonated a lot. We're trying the same rotation at Brightwater. Mind if I connect?` },
  { cat: 'good', tpl: (f) => `Hi ${f}, thanks for the great question at my Kafka talk yesterday! Happy to continue the conversation about consumer lag here.` },
  { cat: 'good', tpl: (f) => `Hola ${f}, gracias por la charla de ayer en el meetup, me gustó mucho la parte de calidad de datos. ¡Conectemos!` },
  { cat: 'good', tpl: (f) => `Hi ${f}, we were on the same panel at the dbt Coalesce meetup - great point about semantic layers, I'd love to hear how it goes.` },
  { cat: 'good', tpl: (f) => `Hi ${f}, I enjoyed your write-up "Backfills without tears" - we borrowed the idempotent partition trick. Thanks for sharing it!` },
  { cat: 'good', tpl: (f) => `Hi ${f}, great meeting you at the Oakland Data Eng meetup last night. You mentioned trying Flink SQL for sessionization - happy to share what worked for us.` },
  { cat: 'good', tpl: (f) => `${f}, your Current talk on tiered storage answered a question we'd argued about for weeks at Brightwater. Would love to connect and hear how the rollout went.` },
  { cat: 'good', tpl: (f) => `Hi ${f}, thanks for the thoughtful comment on my CDC post - you're right about the snapshot ordering edge case. Let's connect, I'd like to credit you in the follow-up.` },
  { cat: 'good', tpl: (f) => `Hi ${f}, just heard your episode of the Data Engineering Podcast on data contracts. The part on versioning was gold. Would be great to stay in touch.` },
  { cat: 'good', tpl: (f) => `Hallo ${f}, danke für den tollen Vortrag über Flink-Checkpoints beim Meetup gestern! Ich würde mich freuen, in Kontakt zu bleiben.` },
  { cat: 'good', tpl: (f) => `Hi ${f}, we spoke at the Coalesce happy hour about dbt model contracts - here's the connection I promised, I'll send over the blog post too.` },
  { cat: 'good', tpl: (f) => `${f} - your PR to the Debezium docs on incremental snapshots helped us a lot at Brightwater. Thanks! Would love to connect.` },
  { cat: 'pitch', tpl: (f) => `Hi ${f}, Brightwater is hiring senior data engineers (remote, US) - would you be open to a chat?` },
  { cat: 'pitch', tpl: (f) => `Hi ${f}! I just launched a newsletter about streaming data, would love it if you subscribed and shared it 🙏` },
  { cat: 'pitch', tpl: (f) => `Hi ${f}, I'm expanding my network with data professionals. Let's connect!` },
  { cat: 'pitch', tpl: (f) => `Hi ${f}, we're looking for beta testers for our lineage tool, open-sourcing soon. Interested?` },
  { cat: 'pitch', tpl: (f) => `Hi ${f}, I'm hosting a Kafka office-hours livestream on Thursday, would love to see you there - please share it with your team!` },
  { cat: 'pitch', tpl: (f) => `Hi ${f}, we're hiring a data platform engineer at Brightwater (Oakland or remote). Know anyone? Happy to chat.` },
  { cat: 'pitch', tpl: (f) => `Hi ${f}, would you mind endorsing me for Apache Flink? Happy to return the favor!` },
  { cat: 'pitch', tpl: (f) => `Hi ${f}! Our Oakland streaming meetup is looking for sponsors for the spring season - any interest from your company?` },
  { cat: 'pitch', tpl: (f) => `Hi ${f}, let's connect - I post every week about streaming data and on-call, give it a follow if that's your thing.` },
];
const GREETINGS: ((o: string) => string)[] = [(o) => `Hi ${o}, `, (o) => `Hello ${o}, `, (o) => `Hey ${o}! `, (o) => `${o} - `, () => '', (o) => `Hi ${o}! `];
// sign-offs: `english` ones only under an English note, "Thanks!" only under a note that does not already thank
const SIGNOFFS: { english?: true; thanks?: true; text: (p: PersonRec) => string }[] = [{ text: () => '' }, { text: () => '' }, { english: true, text: (p) => ` Best, ${p.first}` }, { english: true, thanks: true, text: () => ' Thanks!' }, { english: true, text: () => ' Cheers' }, { text: () => ' 🙂' }, { text: (p) => ` - ${p.first}` }];
const NOT_ENGLISH = /(?<!\p{L})(hola|hallo|olá|oi|salut|bonjour|guten|wir|und|ich|nous|vous|je|você|para|uma|una|los|las|der|die|das|soy|sou)(?!\p{L})/iu;
const THANKS = /thank|merci|danke|gracias|obrigad|valeu/i;
const signoffFor = (body: string) => pick(SIGNOFFS.filter((s) => !(s.english && NOT_ENGLISH.test(body)) && !(s.thanks && THANKS.test(body)))).text;
// a body that opens with its own greeting gets no other one
const OWN_GREETING = /^(Hi|Hey|Hello|Hola|Hallo|Bonjour|Salut|Olá|Oi|Guten (Tag|Morgen))(?=[\s,!])/;
// after "Hi Jonah, " or "Jonah - " the body goes on in lower case, unless it starts with "I" or a name
const KEEPS_CAPITAL = /^(I|I'm|I'd|I've|Ana|Priya|Gwen)\b/;

// Each body goes to one inbox at most once: two different senders with the same words would be a
// template (a bot, by the taxonomy), and only the bot and coworker notes are meant to be templates.
const usedBodies = new Map<string, Set<Tpl>>();
/** A fresh note of `cat` for owner `o` (who works at `at`) from sender `p`, or '' when that category's bank is used up. */
function uniqueNote(cat: keyof typeof BANK, o: string, at: string, p: PersonRec): string {
  const used = usedBodies.get(o) ?? usedBodies.set(o, new Set()).get(o)!;
  const fresh = BANK[cat].filter((t) => !used.has(t));
  for (let attempt = 0; attempt < 40 && fresh.length; attempt++) {
    const tpl = pick(fresh);
    const body = tpl(o, p, at);
    const greets = body.includes(o) || OWN_GREETING.test(body) ? '' : pick(GREETINGS)(o);
    const lower = /[,-] $/.test(greets) && /^[A-Z][a-z]/.test(body) && !KEEPS_CAPITAL.test(body);
    const text = `${greets}${lower ? body[0].toLowerCase() + body.slice(1) : body}${signoffFor(body)(p)}`;
    if ([...text].length <= 300) {
      used.add(tpl);
      return text;
    }
  }
  exhausted.set(cat, (exhausted.get(cat) ?? 0) + 1);
  return '';
}
const exhausted = new Map<string, number>(); // reported by main(): a bank too small for the CRs that wanted a note

// ---------- time ----------
interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
}
const sentAtText = (w: Wall) => `${w.mo}/${w.d}/${String(w.y % 100).padStart(2, '0')}, ${w.h % 12 === 0 ? 12 : w.h % 12}:${String(w.mi).padStart(2, '0')} ${w.h < 12 ? 'AM' : 'PM'}`;
const wallKey = (w: Wall) => Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi);
function randomWall(from: string, to: string): Wall {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  const day = new Date(a + Math.floor(rnd() * ((b - a) / 86_400_000 + 1)) * 86_400_000);
  const h = chance(0.85) ? int(7, 19) : pick([0, 5, 6, 20, 21, 22, 23]);
  return { y: day.getUTCFullYear(), mo: day.getUTCMonth() + 1, d: day.getUTCDate(), h, mi: int(0, 59) };
}
const utcDateOf = (w: Wall) => parseSentAt(sentAtText(w))!.sentAt.slice(0, 10);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const connectedOnText = (iso: string) => `${iso.slice(8, 10)} ${MON[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

// ---------- the CRs of owner 1 ----------
const OWNER: PersonRec = { first: 'Jonah', last: 'Vermeulen-Osei', name: 'Jonah Vermeulen-Osei', slug: 'jonah-vermeulen-osei', company: 'Brightwater Analytics', title: 'Staff Data Engineer' };
usedSlugs.add(OWNER.slug);
const OWNER_EMAIL = 'jonah.v.osei@example.com';

interface CR {
  direction: 'INCOMING' | 'OUTGOING';
  who: PersonRec;
  wall: Wall;
  note: string;
  cat: Cat | 'none' | 'owner_good' | 'owner_pitch';
  acceptedOn: string | null; // UTC date the connection was made, or never
  toText?: string; // INCOMING: what the To cell says (normally the owner's name)
}

function acceptance(cr: Omit<CR, 'acceptedOn'>): string | null {
  const p: Record<string, number> = { good: 0.85, none: 0.5, owner_good: 0.8, owner_pitch: 0.45, default: 0.3, sales_pitch: 0.12, swing_and_miss: 0.05, irrelevant: 0.25, bot: 0.05, too_much_too_soon: 0.15, coworker_template: 0.3 };
  const rate = cr.direction === 'OUTGOING' && cr.cat === 'none' ? 0.6 : p[cr.cat];
  return chance(rate) ? addDays(utcDateOf(cr.wall), chance(0.6) ? int(0, 2) : int(3, 20)) : null;
}

function incomingCategory(): Exclude<Cat, 'coworker_template'> | 'none' {
  if (!chance(0.36)) return 'none';
  const r = rnd();
  if (r < 0.26) return 'good';
  if (r < 0.46) return 'sales_pitch';
  if (r < 0.56) return 'swing_and_miss';
  if (r < 0.66) return 'irrelevant';
  if (r < 0.78) return 'too_much_too_soon';
  if (r < 0.88) return 'bot';
  return 'default';
}

const botSenders = new Map<number, number>();
function makeIncoming(from: string, to: string): CR {
  let cat: CR['cat'] = incomingCategory();
  const who = person();
  let note = '';
  if (cat === 'bot') {
    // each template goes out from several different senders, word for word
    const t = Math.floor(rnd() * BOT_TEMPLATES.length);
    botSenders.set(t, (botSenders.get(t) ?? 0) + 1);
    note = BOT_TEMPLATES[t];
  } else if (cat === 'default') note = pick(DEFAULT_TEXTS);
  else if (cat !== 'none') {
    note = uniqueNote(cat, OWNER.first, 'Brightwater', who);
    if (!note) cat = 'none';
  }
  const base = { direction: 'INCOMING' as const, who, wall: randomWall(from, to), note, cat };
  return { ...base, acceptedOn: acceptance(base) };
}

const ownerNotesUsed = new Set<string>();
function makeOutgoing(from: string, to: string): CR {
  const who = person();
  let note = '';
  let cat: CR['cat'] = 'none';
  if (chance(0.3)) {
    for (let i = 0; i < 20; i++) {
      const n = pick(OWNER_NOTES);
      const text = n.tpl(who.first);
      if (!ownerNotesUsed.has(text)) {
        ownerNotesUsed.add(text);
        note = text;
        cat = n.cat === 'good' ? 'owner_good' : 'owner_pitch';
        break;
      }
    }
  }
  const base = { direction: 'OUTGOING' as const, who, wall: randomWall(from, to), note, cat };
  return { ...base, acceptedOn: acceptance(base) };
}

function coworkers(groupIndex: number, from: string, to: string): CR[] {
  const g = COWORKER_GROUPS[groupIndex];
  const day = randomWall(from, to);
  return g.texts.map((tpl, i) => {
    const who = person(undefined, undefined, g.company, pick(['Account Executive', 'Talent Partner', 'Sales Development Representative', 'Recruiter']));
    const wall = { ...day, d: Math.min(day.d + int(0, 3), 28), h: int(8, 17), mi: int(0, 59) };
    const base = { direction: 'INCOMING' as const, who, wall, note: tpl(OWNER.first), cat: 'coworker_template' as const };
    return { ...base, acceptedOn: i === 0 ? addDays(utcDateOf(wall), 1) : null };
  });
}

// H1 2025 (export 1) and H2 2025 (export 2)
const old: CR[] = [
  ...Array.from({ length: 6 }, () => ({ ...makeIncoming('2023-03-01', '2024-11-30'), acceptedOn: null })),
  ...Array.from({ length: 2 }, () => ({ ...makeOutgoing('2024-05-01', '2024-12-15'), acceptedOn: null })),
];
old[0] = { ...old[0], acceptedOn: '2025-09-14' }; // an old request accepted much later: pending in export 1, accepted in export 2
const h1: CR[] = [...Array.from({ length: 180 }, () => makeIncoming('2025-01-02', '2025-07-01')), ...Array.from({ length: 95 }, () => makeOutgoing('2025-01-02', '2025-07-01')), ...coworkers(0, '2025-03-03', '2025-03-20')];
// an invitation sent to the owner's e-mail address (To is the address, not the name)
h1.push({ ...makeIncoming('2025-02-01', '2025-02-28'), toText: OWNER_EMAIL });
// bulk sends: three outgoing in the same minute
{
  const w = { y: 2025, mo: 4, d: 17, h: 10, mi: 42 };
  for (let i = 0; i < 3; i++) h1.push({ ...makeOutgoing('2025-04-17', '2025-04-17'), wall: w });
}
// a re-invite: the same person invited again 3 months later, after the first went unanswered
{
  const first = { ...makeOutgoing('2025-01-10', '2025-01-20'), note: '', cat: 'none' as const, acceptedOn: null };
  h1.push(first, { ...first, wall: { ...first.wall, mo: first.wall.mo + 3 }, acceptedOn: addDays(utcDateOf({ ...first.wall, mo: first.wall.mo + 3 }), 2) });
}
const h2: CR[] = [...Array.from({ length: 190 }, () => makeIncoming('2025-07-02', '2026-01-05')), ...Array.from({ length: 100 }, () => makeOutgoing('2025-07-02', '2026-01-05')), ...coworkers(1, '2025-10-06', '2025-10-20')];
// crossing invitations: both sent the same day
{
  const who = person('Ingrid', 'Halvorsen', 'Cobalt Data', 'Analytics Engineer');
  h2.push({ direction: 'OUTGOING', who, wall: { y: 2025, mo: 9, d: 9, h: 9, mi: 12 }, note: '', cat: 'none', acceptedOn: '2025-09-09' });
  h2.push({ direction: 'INCOMING', who, wall: { y: 2025, mo: 9, d: 9, h: 9, mi: 14 }, note: 'Hi Jonah, great meeting you at the Kafka Summit happy hour yesterday! Let us keep in touch.', cat: 'good', acceptedOn: '2025-09-09' });
}
// New Year's Eve: Dec 31 evening Pacific is already Jan 1 in UTC; and one just after midnight
h2.push({ direction: 'INCOMING', who: person('Zoë', 'Achterberg'), wall: { y: 2025, mo: 12, d: 31, h: 23, mi: 48 }, note: 'Happy New Year Jonah! 🎆 Loved your year-end post on "12 lessons from 12 outages", especially #7 about retries. Would love to connect for 2026!', cat: 'good', acceptedOn: '2026-01-02' });
h2.push({ direction: 'OUTGOING', who: person('Mateo', 'Quispe'), wall: { y: 2025, mo: 12, d: 31, h: 21, mi: 15 }, note: '', cat: 'none', acceptedOn: null });
h2.push({ direction: 'INCOMING', who: person('Kenji', 'Nakamura'), wall: { y: 2026, mo: 1, d: 1, h: 0, mi: 20 }, note: '', cat: 'none', acceptedOn: null });
// the fall-back night: 1:17 AM happened twice on Nov 2 2025
h2.push({ direction: 'INCOMING', who: person(), wall: { y: 2025, mo: 11, d: 2, h: 1, mi: 17 }, note: '', cat: 'none', acceptedOn: null });

// ---------- writing the files ----------
const INV_HEADER_7 = ['From', 'To', 'Sent At', 'Message', 'Direction', 'inviterProfileUrl', 'inviteeProfileUrl'];
const QUOTE_SENT_AT = [false, false, true, false, false, false, false];

function orderForExport(crs: CR[]): CR[] {
  // OUTGOING block first, then INCOMING; each newest first with a few neighbours out of order
  const block = (d: CR['direction']) => {
    const b = crs.filter((c) => c.direction === d).sort((a, c) => wallKey(c.wall) - wallKey(a.wall));
    for (let i = 1; i < b.length; i++) if (chance(0.05)) [b[i - 1], b[i]] = [b[i], b[i - 1]];
    return b;
  };
  return [...block('OUTGOING'), ...block('INCOMING')];
}

function invitationsCsv(rows: CR[], duplicate?: number): string {
  const data = rows.map((c) =>
    c.direction === 'OUTGOING'
      ? [OWNER.name, c.who.name, sentAtText(c.wall), c.note, 'OUTGOING', url(OWNER.slug), url(c.who.slug)]
      : [c.who.name, c.toText ?? OWNER.name, sentAtText(c.wall), c.note, 'INCOMING', url(c.who.slug), url(OWNER.slug)],
  );
  if (duplicate !== undefined) data.splice(duplicate + 1, 0, data[duplicate]);
  return `${INV_HEADER_7.join(',')}\n${Papa.unparse(data, { newline: '\n', quotes: QUOTE_SENT_AT })}\n`;
}

const CONNECTIONS_PREAMBLE =
  'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n\n';

// connections made before 2025 (not in any Invitations.csv window)
const earlier = Array.from({ length: 140 }, () => ({ who: person(), on: addDays('2019-01-01', int(0, 2150)) }));
function connectionsCsv(crs: CR[], exportDate: string): { text: string; count: number; slugs: Set<string> } {
  const rows: { who: PersonRec; on: string }[] = [...earlier];
  const seen = new Set<string>(rows.map((r) => r.who.slug));
  for (const c of crs) if (c.acceptedOn && c.acceptedOn <= exportDate && !seen.has(c.who.slug)) {
    seen.add(c.who.slug);
    rows.push({ who: c.who, on: c.acceptedOn });
  }
  rows.sort((a, b) => (a.on < b.on ? 1 : a.on > b.on ? -1 : 0));
  const data = rows.map((r) => [r.who.first, r.who.last, encodedUrl(r.who.slug), chance(0.05) ? `${fold(r.who.first).toLowerCase()}@example.org` : '', r.who.company, r.who.title, connectedOnText(r.on)]);
  // hidden or closed profiles: only the date
  data.splice(7, 0, ['', '', '', '', '', '', connectedOnText('2024-02-08')]);
  data.splice(40, 0, ['', '', '', '', '', '', connectedOnText('2021-11-23')]);
  const text = CONNECTIONS_PREAMBLE + Papa.unparse({ fields: ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'], data }, { newline: '\n' }); // no final newline, like LinkedIn
  return { text, count: rows.length, slugs: seen };
}

const PROFILE = Papa.unparse(
  {
    fields: ['First Name', 'Last Name', 'Maiden Name', 'Address', 'Birth Date', 'Headline', 'Summary', 'Industry', 'Zip Code', 'Geo Location', 'Twitter Handles', 'Websites', 'Instant Messengers'],
    data: [['Jonah', 'Vermeulen-Osei', '', '', 'Apr 3', 'Staff Data Engineer at Brightwater Analytics | Streaming pipelines, Kafka, dbt, Flink', 'I build reliable data pipelines: Kafka, Flink and dbt at scale. Speaker at Data Council and QCon, writing about CDC, backfills and on-call for data teams. 🌊', 'Software Development', '94607', 'Oakland, California, United States', '', '[PERSONAL:https://jonah.example.com]', '']],
  },
  { newline: '\n' },
) + '\n';
const POSITIONS = Papa.unparse(
  {
    fields: ['Company Name', 'Title', 'Description', 'Location', 'Started On', 'Finished On'],
    data: [
      ['Brightwater Analytics', 'Staff Data Engineer', 'Own the streaming platform (Kafka, Flink) and the CDC pipelines feeding the warehouse; lead on-call for data.', 'Oakland, California, United States', 'Mar 2022', ''],
      ['Lumen Freight', 'Senior Data Engineer', 'Built the shipment-event pipeline and the dbt project, from 0 to 400 models.', 'San Francisco, California, United States', 'Jun 2018', 'Feb 2022'],
      ['Cobalt Data', 'Data Engineer', '', 'Portland, Oregon, United States', 'Aug 2015', 'May 2018'],
    ],
  },
  { newline: '\n' },
) + '\n';
const SKILLS = Papa.unparse({ fields: ['Name'], data: [['Apache Kafka'], ['Apache Flink'], ['dbt'], ['Python'], ['TypeScript'], ['Data Modeling'], ['PostgreSQL'], ['Stream Processing'], ['Change Data Capture'], ['Ingeniería de datos']] }, { newline: '\n' }) + '\n';
const MSG_HEADER = ['CONVERSATION ID', 'CONVERSATION TITLE', 'FROM', 'SENDER PROFILE URL', 'TO', 'RECIPIENT PROFILE URLS', 'DATE', 'SUBJECT', 'CONTENT', 'FOLDER', 'ATTACHMENTS'];
function messagesCsv(crs: CR[]): string {
  const withNotes = crs.filter((c) => c.note && c.acceptedOn && c.direction === 'INCOMING').slice(0, 6);
  const data = withNotes.map((c, i) => {
    const at = new Date(Date.parse(parseSentAt(sentAtText(c.wall))!.sentAt) + (i + 1) * 60_000).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
    return [`2-${(0x5a3c0 + i * 7919).toString(16)}`, '', c.who.name, url(c.who.slug), OWNER.name, url(OWNER.slug), at, '', c.note, 'INBOX', ''];
  });
  return Papa.unparse({ fields: MSG_HEADER, data }, { newline: '\n' }) + '\n';
}
// a decoy with Invitations-like content: the reader must not pick it up
const LEARNING_COACH = Papa.unparse({ fields: MSG_HEADER, data: [['3-coach', 'LinkedIn Learning Coach', 'LinkedIn Learning Coach', '', OWNER.name, url(OWNER.slug), '2025-05-02 17:04:11 UTC', '', 'Here are 3 courses on Direction, INCOMING requests and "Sent At" dates you might like.', 'INBOX', '']] }, { newline: '\n' }) + '\n';

const MTIME = (date: string) => new Date(`${date}T12:00:00Z`);
function makeZip(files: Record<string, string>, date: string): Uint8Array {
  const z: Zippable = {};
  for (const [k, v] of Object.entries(files)) z[k] = [strToU8(v), { level: 9, mtime: MTIME(date) }];
  return zipSync(z);
}

function expectOf(file: string, owner: string, crs: CR[], exportDate: string, rows: number, connections: { count: number; slugs: Set<string> } | null, yearOf: (c: CR) => number): SampleFile {
  const byYear: Record<string, number> = {};
  for (const c of crs) byYear[yearOf(c)] = (byYear[yearOf(c)] ?? 0) + 1;
  // accepted = the counterpart is a connection in this export (a re-invited person counts for both CRs)
  const accepted = connections === null ? 0 : crs.filter((c) => connections.slugs.has(c.who.slug)).length;
  return {
    file,
    owner,
    rows,
    requests: crs.length,
    incoming: crs.filter((c) => c.direction === 'INCOMING').length,
    outgoing: crs.filter((c) => c.direction === 'OUTGOING').length,
    withNote: crs.filter((c) => c.note !== '').length,
    accepted,
    pending: connections === null ? 0 : crs.length - accepted,
    unknown: connections === null ? crs.length : 0,
    connections: connections?.count ?? null,
    exportDate,
    byYear,
  };
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const manifest: SampleFile[] = [];

  // Export 1: 07-02-2025, files at the root
  const d1 = '2025-07-02';
  const e1 = orderForExport([...h1, ...old]);
  const c1 = connectionsCsv([...h1, ...old], d1);
  const name1 = 'Basic_LinkedInDataExport_07-02-2025.zip';
  await writeFile(join(OUT, name1), makeZip({ 'Invitations.csv': invitationsCsv(e1), 'Connections.csv': c1.text, 'Profile.csv': PROFILE, 'Positions.csv': POSITIONS, 'Skills.csv': SKILLS, 'messages.csv': messagesCsv(e1), 'learning_coach_messages.csv': LEARNING_COACH }, d1));
  manifest.push(expectOf(name1, OWNER.name, e1, d1, e1.length, c1, (c) => c.wall.y));

  // Export 2: 01-06-2026, in a folder; its old tail repeats rows of export 1 (overlap)
  const d2 = '2026-01-06';
  const stillPending = h1.filter((c) => !c.acceptedOn || c.acceptedOn > d1);
  const tail = [...old, ...stillPending.filter(() => chance(0.1))];
  tail.push(...h1.filter((c) => c.acceptedOn && c.acceptedOn > d1 && !tail.includes(c))); // accepted after export 1
  const e2 = orderForExport([...h2, ...tail]);
  const c2 = connectionsCsv([...h1, ...old, ...h2], d2);
  const dupAt = e2.findIndex((c) => c.direction === 'INCOMING' && c.note === '');
  const folder = 'Basic_LinkedInDataExport_01-06-2026/';
  const name2 = 'Basic_LinkedInDataExport_01-06-2026.zip';
  await writeFile(join(OUT, name2), makeZip({ [`${folder}Invitations.csv`]: invitationsCsv(e2, dupAt), [`${folder}Connections.csv`]: c2.text, [`${folder}Profile.csv`]: PROFILE, [`${folder}Positions.csv`]: POSITIONS, [`${folder}Skills.csv`]: SKILLS, [`${folder}messages.csv`]: messagesCsv(e2), [`${folder}learning_coach_messages.csv`]: LEARNING_COACH }, d2));
  manifest.push(expectOf(name2, OWNER.name, e2, d2, e2.length + 1, c2, (c) => c.wall.y));
  const overlap = e2.filter((c) => e1.includes(c)).length;

  // A bare 5-column Invitations.csv of 2022 (another owner) and her Connections.csv (2022 format, preamble, no URL column)
  const OWNER2 = { ...person('Inés', 'Carvalho-Brandt', 'Verdant Foods', 'Head of Marketing'), name: 'Inés Carvalho-Brandt' };
  const INES_GOOD = [
    `Hi Inés, your keynote at Food Marketing Summit in Chicago on plant-based packaging claims was the best session of the day. I lead brand at a snack startup, would love to stay in touch.`,
    `Olá Inés! Li o seu artigo sobre rotulagem sustentável na Meio & Mensagem e partilhei com a equipa. Adoraria trocar ideias.`,
    `Hola Inés, coincidimos en el panel de "marcas con propósito" en Madrid el jueves. Me quedé con ganas de seguir la conversación sobre el caso de las etiquetas. ¡Conectemos!`,
    `Inés - thanks for the webinar on retail media yesterday, the slide comparing in-store and online lift answered exactly what my CMO asked me last week.`,
  ];
  // pitches a head of marketing at a food brand could plausibly buy (the data pitches of the bank are not for her)
  const INES_PITCH = [
    `Hi Inés! We run influencer campaigns for plant-based brands (120+ food creators in Spain and Portugal). Could I send you our 2022 media kit?`,
    `Olá Inés, somos uma agência de packaging design em Lisboa e trabalhamos com marcas de alimentos saudáveis. Tem 15 minutos para uma conversa?`,
    `Hi Inés, our retail media platform gets CPG brands onto the home page of 3 grocery apps. Verdant Foods would be a great fit - open to a demo next week?`,
    `Hola Inés, hacemos estudios de mercado con paneles de consumidores en 9 países. ¿Te interesaría un piloto para vuestro próximo lanzamiento?`,
    `Inés - quick one: who runs sampling events at Verdant Foods? We place product demos in 400 stores across the Midwest. Happy to share results from a similar brand.`,
    `Hi Inés, I help food marketers get shelf placement with TikTok campaigns 📈 Two spots left for Q3. Worth a call?`,
    `Hallo Inés, wir übersetzen und lokalisieren Verpackungstexte für Lebensmittelmarken (DE/AT/CH). Darf ich Ihnen ein Angebot schicken?`,
  ];
  const INES_CATS = ['sales_pitch', 'irrelevant', 'too_much_too_soon', 'bot', 'default'] as const;
  const crs3: CR[] = [];
  for (let i = 0; i < 70; i++) {
    const outgoing = chance(0.3);
    const who = person();
    let cat: CR['cat'] = outgoing || !chance(0.45) ? 'none' : INES_GOOD.length && chance(0.25) ? 'good' : pick(INES_CATS);
    const note = cat === 'good' ? INES_GOOD.pop()! : cat === 'sales_pitch' ? (INES_PITCH.pop() ?? '') : cat === 'bot' ? BOT_TEMPLATES[2] : cat === 'default' ? pick(DEFAULT_TEXTS) : cat === 'none' ? '' : uniqueNote(cat as 'irrelevant' | 'too_much_too_soon', 'Inés', 'Verdant Foods', who);
    if (!note) cat = 'none';
    const base = { direction: outgoing ? ('OUTGOING' as const) : ('INCOMING' as const), who, wall: randomWall('2022-02-10', '2022-08-20'), note, cat };
    crs3.push({ ...base, acceptedOn: acceptance(base) });
  }
  const e3 = orderForExport(crs3);
  const inv3 =
    'From,To,Sent At,Message,Direction\n' +
    Papa.unparse(
      e3.map((c) => (c.direction === 'OUTGOING' ? [OWNER2.name, c.who.name, sentAtText(c.wall), c.note, 'OUTGOING'] : [c.who.name, OWNER2.name, sentAtText(c.wall), c.note, 'INCOMING'])),
      { newline: '\n', quotes: [false, false, true, false, false] },
    ) +
    '\n';
  await writeFile(join(OUT, 'Invitations.csv'), inv3);
  const newest3 = e3.reduce((a, c) => (wallKey(c.wall) > wallKey(a.wall) ? c : a)).wall;
  manifest.push(expectOf('Invitations.csv', OWNER2.name, e3, `${newest3.y}-${String(newest3.mo).padStart(2, '0')}-${String(newest3.d).padStart(2, '0')}`, e3.length, null, (c) => c.wall.y));
  const conn3 = e3.filter((c) => c.acceptedOn).map((c) => [c.who.first, c.who.last, '', c.who.company, c.who.title, connectedOnText(c.acceptedOn!)]);
  conn3.push(...Array.from({ length: 25 }, () => {
    const p = person();
    return [p.first, p.last, '', p.company, p.title, connectedOnText(addDays('2017-06-01', int(0, 1700)))];
  }));
  await writeFile(join(OUT, 'Connections.csv'), CONNECTIONS_PREAMBLE + Papa.unparse({ fields: ['First Name', 'Last Name', 'Email Address', 'Company', 'Position', 'Connected On'], data: conn3 }, { newline: '\n' }));

  // Self-check with the reader: the counts the README promises are what readExport returns.
  for (const m of manifest) {
    const d = await readExport({ name: m.file, path: join(OUT, m.file) });
    const got = {
      owner: d.owner?.name,
      requests: d.requests.length,
      incoming: d.requests.filter((r) => r.direction === 'INCOMING').length,
      outgoing: d.requests.filter((r) => r.direction === 'OUTGOING').length,
      withNote: d.requests.filter((r) => r.message !== '').length,
      accepted: d.requests.filter((r) => r.outcome === 'accepted').length,
      pending: d.requests.filter((r) => r.outcome === 'pending').length,
      unknown: d.requests.filter((r) => r.outcome === 'unknown').length,
      connections: d.connections?.length ?? null,
      problems: d.problems.length,
      exportDate: d.coverage.exportDate,
    };
    const want = { owner: m.owner, requests: m.requests, incoming: m.incoming, outgoing: m.outgoing, withNote: m.withNote, accepted: m.accepted, pending: m.pending, unknown: m.unknown, connections: m.connections, problems: 0, exportDate: m.exportDate };
    if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${m.file}: reader says ${JSON.stringify(got)}, generator expected ${JSON.stringify(want)}`);
  }
  if (exhausted.size) console.warn(`banks used up (CRs left without a note): ${JSON.stringify(Object.fromEntries(exhausted))}`);
  const notesByCat: Record<string, number> = {};
  for (const c of [...e1, ...h2]) if (c.note) notesByCat[c.cat] = (notesByCat[c.cat] ?? 0) + 1;
  await writeFile(join(OUT, 'manifest.json'), JSON.stringify({ seed: 20250101, overlapRows: overlap, notesByCategory: notesByCat, files: manifest }, null, 2) + '\n');
  await writeFile(join(OUT, 'README.md'), readme(manifest, overlap, notesByCat));
  console.log(`wrote ${manifest.length + 1} data files, manifest.json and README.md to ${OUT}`);
}

function readme(m: SampleFile[], overlap: number, notesByCat: Record<string, number>): string {
  const row = (e: SampleFile) => `| \`${e.file}\` | ${e.owner} | ${e.rows} | ${e.requests} | ${e.incoming} | ${e.outgoing} | ${e.withNote} | ${e.accepted} | ${e.pending} | ${e.unknown} | ${e.connections ?? '—'} | ${Object.entries(e.byYear).map(([y, n]) => `${y}: ${n}`).join(', ')} |`;
  return `# Sample data (invented people only)

Generated by \`npm run sample-data\` (\`scripts/make-sample-data.ts\`, seeded PRNG: the same files every run).
Every person, company, URL and note here is invented; notes are written the way real people write
them and cover every category of the taxonomy (far more notes than in real exports, so reports have material).

| file | what it is |
| --- | --- |
| \`Basic_LinkedInDataExport_07-02-2025.zip\` | Owner Jonah Vermeulen-Osei's Basic export of 2 Jul 2025, files at the zip root: \`Invitations.csv\` (7 columns, CRs of ~2 Jan–1 Jul 2025 plus an old tail of still-pending 2023–2024 rows), \`Connections.csv\` (with the \`Notes:\` preamble, percent-encoded URLs, hidden-profile rows), \`Profile.csv\`, \`Positions.csv\`, \`Skills.csv\`, \`messages.csv\`, and a \`learning_coach_messages.csv\` decoy that must not be read as messages or invitations. |
| \`Basic_LinkedInDataExport_01-06-2026.zip\` | The same owner's export of 6 Jan 2026, inside a \`Basic_LinkedInDataExport_01-06-2026/\` folder: CRs of 2 Jul 2025–5 Jan 2026 plus an old tail that repeats ${overlap} rows of the first export (some pending then and accepted since). Merged with the first zip it covers all of 2025. Its Invitations.csv has one exact duplicate row (so it has one more row than CRs). |
| \`Invitations.csv\` | A bare Invitations.csv of another owner (Inés Carvalho-Brandt), old 5-column format (Feb–Aug 2022, no URLs). Without Connections.csv every outcome is \`unknown\`. |
| \`Connections.csv\` | A standalone Connections.csv of that second owner: 2022 format (no URL column) with the 3-line \`Notes:\` preamble. The reader rejects it as an upload on its own (\`not_invitations\`: it is not Invitations.csv). |
| \`manifest.json\` | The expected counts below, as JSON (checked against the reader by the generator and by \`test/unit/export/sample-data.test.ts\`). |

## Expected counts (\`npx aoi audit <file>\`, default zone America/Los_Angeles)

| file | owner | Invitations rows | CRs | incoming | outgoing | with a note | accepted | pending | unknown | connections | CRs per year (Pacific) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${m.map(row).join('\n')}

Notes by intended category across the two zips (the owner's own sent notes are \`owner_good\` / \`owner_pitch\`; \`default\` is LinkedIn's stock "I'd like to add you to my professional network" text): ${Object.entries(notesByCat).sort().map(([k, v]) => `${k} ${v}`).join(', ')}.

What to look for:
- Bot templates sent word for word by several different senders (\`{first_name}\`, \`%FIRSTNAME%\`, a wrong name "Brandon").
- Every other note body reaches an inbox once at most (notes in English, Spanish, German, French and Portuguese): only the bot templates, the coworker variations and LinkedIn's stock text repeat across senders. The owner's own sent notes reuse his wording with different people (one sender repeating himself is not a bot).
- Coworker templates: 4 people of Quantivo (March 2025) and 3 of Northwind Talent Partners (October 2025), slight variations of one text.
- Names with accents whose slugs are raw Unicode in Invitations.csv and percent-encoded in Connections.csv (the slug join), names with commas ("…, PhD") and emoji.
- New Year's Eve: Zoë Achterberg's note sent 12/31/25 11:48 PM Pacific (2026-01-01 07:48 UTC) counts in 2025; Mateo Quispe invited 12/31/25 9:15 PM.
- The fall-back night: a request at 11/2/25 1:17 AM (read as the first, daylight-time 1:17).
- Crossing invitations (Ingrid Halvorsen, 9/9/25), a re-invite three months later, three sends in the same minute, an invitation addressed to the owner's e-mail address.
`;
}

await main();
