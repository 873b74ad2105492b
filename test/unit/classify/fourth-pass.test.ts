/**
 * Fourth pass: niche extraction (head-noun-first phrases, German compounds, customer types, tools
 * that imply a niche), favour asks and shared activity in more phrasings and languages, the
 * AND-of-OR rule prefilter, confidence calibration and the tuning-set wiring.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrate, decide, fireAll, fireTextRules, type Fired } from '../../../functions/audit/classify/engine.ts';
import { AndGate, Gate } from '../../../functions/audit/classify/gate.ts';
import { classifyNote } from '../../../functions/audit/classify/index.ts';
import { relevance } from '../../../functions/audit/classify/relevance.ts';
import { fold } from '../../../functions/audit/classify/text.ts';
import { confidenceOf, FALLBACK_CEILING, fitCalibration, fitIsotonic, reliability, type FirstLookRow, type HeldOut } from '../../../scripts/training/evaluate.ts';
import { tuningSetFiles } from '../../../scripts/training/sets.ts';

const ids = (text: string, ctx = {}) => fireAll(text, ctx).map((f) => f.id);
const rel = (note: string, profile: string) => relevance(note, fold(profile));

describe('niche extraction', () => {
  it('head-noun-first audiences (ES/PT/FR) are compared with the profile', () => {
    expect(rel('Creamos páginas web para tiendas de bicicletas', 'Profesora de primaria | Educación').nicheMismatch).toBeTruthy();
    expect(rel('Creamos páginas web para tiendas de bicicletas', 'Dueño, tienda de bicicletas | Retail').nicheFits).toBeTruthy();
    expect(rel('Software para escritórios de advocacia', 'Advogada trabalhista | Direito').nicheFits).toBeTruthy();
    expect(rel('Software para escritórios de advocacia', 'Enfermeira | Hospital').nicheMismatch).toBeTruthy();
    expect(rel('Nous accompagnons les cabinets d’avocats', 'Avocate | Juridique').nicheFits).toBeTruthy();
  });
  it('German compounds count for the niche of their head or modifier', () => {
    expect(rel('Wir digitalisieren Familienkanzleien', 'Softwareentwickler | IT').nicheMismatch).toBe('Familienkanzleien');
    expect(rel('Wir digitalisieren Familienkanzleien', 'Rechtsanwältin, Familienrecht | Anwaltskanzlei').nicheFits).toBeTruthy();
    expect(rel('Telefonassistent für Hausarztpraxen', 'Lkw-Fahrer | Transport').nicheMismatch).toBe('Hausarztpraxen');
    expect(rel('Unser Tool für Steuerkanzleien', 'Steuerberater | Buchhaltung').nicheFits).toBe('Steuerkanzleien');
  });
  it('customer types name the audience ("for restaurant owners")', () => {
    expect(rel('We build booking sites for restaurant owners', 'ICU nurse | Hospitals').nicheMismatch).toBeTruthy();
    expect(rel('We build booking sites for restaurant owners', 'Owner, trattoria | Restaurants').nicheFits).toBeTruthy();
  });
  it('tools and rules that imply a niche: POS, HIPAA; a generic offer (GDPR, logistics) is no niche', () => {
    expect(rel('Our cloud POS tracks tables and stock', 'Data engineer | IT Services').nicheMismatch).toBe('POS');
    expect(rel('Our cloud POS tracks tables and stock', 'Owner, café and bar | Restaurants').nicheFits).toBe('POS');
    expect(rel('HIPAA-ready patient texting for your front desk', 'Dentist | Dental practice').nicheFits).toBeTruthy();
    expect(rel('Our GDPR audit takes two days', 'Pastry chef | Restaurants').nicheMismatch).toBeUndefined();
    expect(rel('We are a reliable 3PL provider with warehouses in Poland', 'Procurement manager | Automotive').nicheMismatch).toBeUndefined();
  });
  it('"as a <generic role>" still states an audience, "your time" does not', () => {
    expect(rel('as a SaaS founder you know churn kills MRR', 'Pastor | Religious Institutions').assumedMismatch).toBeTruthy();
    expect(rel('not gonna waste your time: we do bookkeeping for $199/mo', 'Owner, yoga studio | Wellness').assumedMismatch).toBeUndefined();
  });
  it('a niche pitch with only a question as its ask is still checked against the profile', () => {
    const text = 'Hi Paul, corn growers in your county see +12 bu/acre with our seed treatment. Can I drop off a trial bag?';
    expect(classifyNote(text, { recipientProfile: 'Hotel general manager | Hospitality' }).category).toBe('swing_and_miss');
    expect(classifyNote(text, { recipientProfile: 'Corn and soybean farmer | Farming' }).category).toBe('sales_pitch');
  });
});

describe('favour asks in more phrasings (tmts)', () => {
  const asks = [
    'hey! if you have a sec, a thumbs up on my latest reel would help it get seen',
    'Hola! Te invito a seguir la página de mi estudio, estamos empezando y cada seguidor cuenta',
    'Hallo Herr Lang, wäre schön, wenn Sie unserer Gruppe beitreten und Kollegen einladen',
    'Bonjour ! Je lance ma chaîne YouTube, un petit abonnement m’aiderait vraiment',
    'Oi! Criei um grupo de mães empreendedoras, entra lá e chama as amigas?',
    'Ciao Giulia! Mi faresti un favore? Un mi piace e una condivisione mi aiuterebbero un sacco',
    'Hoi! Zou je de vacature even willen delen in je netwerk?',
  ];
  it.each(asks)('%s', (text) => {
    expect(ids(text).some((r) => r.startsWith('ask.'))).toBe(true);
    expect(classifyNote(text).category).toBe('too_much_too_soon');
  });
  it('returning a favour is not asking for one', () => {
    expect(ids('Good to meet you at the conference! You helped me troubleshoot my rover; connecting so I can return the favour.')).not.toContain('ask.reciprocity');
  });
});

describe('shared activity without the usual keywords (good)', () => {
  const good = [
    'Your ROS 2 costmap tutorial fixed our bug. Thanks!',
    'vi tu PR al repo de pgvector, el fix del índice nos salvó la semana',
    'Oi Juliana, fizemos juntas o curso de amamentação do hospital em março',
    'Hoi Joris, we zaten samen in de werkgroep fietsparkeren bij het station',
    'Salut Étienne, t’as sauvé la charpente avec ton idée pour les fermes',
    'Lieber Jonas, danke fürs Aushelfen beim Konzert, war ein Vergnügen',
  ];
  it.each(good)('%s', (text) => expect(classifyNote(text).verdict).toBe('ACCEPT'));
  it('flattery of the firm is not shared activity', () => {
    expect(ids('great to see your firm growing! Firms your size use our intake bot. Open to a walkthrough?').some((r) => r.startsWith('good.'))).toBe(false);
  });
});

describe('small talk and questions', () => {
  it('a question about tastes is small talk, a question that requests something is an ask', () => {
    expect(classifyNote("What's the best sandwich you've ever had? asking everyone, for science").category).toBe('irrelevant');
    expect(classifyNote('Anche tu tifi Napoli? Ho visto la sciarpa nella tua foto').category).toBe('irrelevant');
    expect(ids('Hi Bea, could you spare a word about pensions?')).toContain('structure.unexplained_ask');
  });
});

describe('bot evidence', () => {
  const rules = (text: string, ctx = {}) => classifyNote(text, ctx).reasons.map((r) => r.rule);
  it('@placeholder@ merge fields, a doubled opening clause and an empty field before a full stop', () => {
    expect(rules('Bonjour @prenom@, votre parcours m’a impressionné')).toContain('bot.placeholder');
    expect(rules('Gentile Dott.ssa Bianchi, Gentile Dott.ssa Bianchi, è un piacere connettermi')).toContain('bot.malformed_greeting');
    expect(rules('Hello, great to connect with professionals in the field of .')).toContain('bot.malformed_greeting');
    expect(rules('Hello Anna, I enjoyed your talk. See you soon.')).not.toContain('bot.malformed_greeting');
  });
  it("someone else's title is not bot evidence by itself: the note is judged by what it says", () => {
    const text = "Hi Michelle, I'm so impressed by your work as Director of Marketing at Greenfield Foods! Would love to connect.";
    const c = classifyNote(text, { recipientProfile: 'Geotechnical engineer | Civil Engineering' });
    expect(c.category).toBe('irrelevant');
    expect(c.reasons.map((r) => r.rule).filter((r) => r.startsWith('bot.'))).toEqual([]);
  });
});

describe('AND-of-OR prefilter', () => {
  const sources = ['\\bwe help (?:clinics|dentists)\\b', '\\byour (?:talk|post) (?:was|is)\\b', '\\bfree (?:trial|demo)\\b', '[?]'];
  const gate = new AndGate(sources);
  const or = new Gate(sources);
  it('enables a regex only when every gate group occurs, never fewer than the regex can match', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('we', 'help', 'clinics', 'your', 'talk', 'was', 'free', 'trial', 'demo', 'x', '?', 'dentists', 'post'), { maxLength: 12 }), (words) => {
        const text = words.join(' ');
        const enabled = new Set(gate.scan(text));
        or.scan(text);
        sources.forEach((src, i) => {
          if (new RegExp(src).test(text)) expect(enabled.has(i)).toBe(true);
        });
        for (const i of enabled) expect(or.enabledList).toContain(i);
      }),
    );
    expect(gate.scan('we help you').includes(0)).toBe(false);
    expect(gate.scan('we help clinics').includes(0)).toBe(true);
  });
  it('never changes what the rules find on the tuning sets', () => {
    for (const name of ['tune3', 'tune4']) {
      for (const line of readFileSync(new URL(`../../../eval/${name}.jsonl`, import.meta.url), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const { text } = JSON.parse(line) as { text: string };
        const a: Fired[] = [];
        const b: Fired[] = [];
        fireTextRules(text, a, true);
        fireTextRules(text, b, false);
        expect(a).toEqual(b);
      }
    }
  });
});

describe('confidence calibration', () => {
  it('the isotonic map is monotone and never claims certainty from a small block', () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ p: 0.3 + (0.7 * i) / 199, ok: i % 7 !== 0 && (i > 40 || i % 2 === 0) }));
    const m = fitIsotonic(rows);
    for (let i = 1; i < m.y.length; i++) expect(m.y[i]).toBeGreaterThanOrEqual(m.y[i - 1]);
    for (let i = 1; i < m.x.length; i++) expect(m.x[i]).toBeGreaterThan(m.x[i - 1]);
    expect(Math.max(...m.y)).toBeLessThan(1);
    expect(calibrate(0.1, m)).toBe(m.y[0]);
    expect(calibrate(1, m)).toBe(m.y[m.y.length - 1]);
  });
  it('the map, the fallback ceiling and structural confidences come from first looks when there are enough of them', () => {
    const mk = (s: number[], best: number, label: number, fallback: boolean): HeldOut => ({ scores: s, best, label, fallback });
    const samples = [
      ...Array.from({ length: 50 }, () => mk([4, 0, 0], 0, 0, false)),
      ...Array.from({ length: 10 }, () => mk([2, 1, 0], 0, 1, false)),
      ...Array.from({ length: 20 }, () => mk([2, 0, 0], 0, 0, true)),
    ];
    const plain = fitCalibration(samples);
    // first looks: weighed verdicts right only half the time, whatever their probability
    const looks: FirstLookRow[] = [
      ...Array.from({ length: 60 }, (_, i) => ({ p: 0.9 + (i % 10) / 100, ok: i % 2 === 0 })),
      ...Array.from({ length: 20 }, (_, i) => ({ p: 0.7, ok: i < 4, fallback: true })),
      ...Array.from({ length: 10 }, (_, i) => ({ ok: i < 6, rule: 'bot.wrong_name' })),
    ];
    const measured = fitCalibration(samples, looks);
    expect(Math.max(...measured.calibration.y)).toBeLessThan(Math.max(...plain.calibration.y));
    expect(Math.max(...measured.calibration.y)).toBeLessThan(0.7);
    expect(measured.calibration.fallback).toBeCloseTo((4 + 1) / (20 + 2), 3);
    expect(measured.structural['bot.wrong_name']).toBeCloseTo((6 + 3.6) / (10 + 4), 3);
    expect(plain.calibration.fallback).toBeLessThanOrEqual(FALLBACK_CEILING);
    const fb = confidenceOf(samples[70], measured);
    expect(fb).toBeLessThanOrEqual(measured.calibration.fallback);
  });
  it('the shipped classifier is less confident when only the fallback decided', () => {
    const fallback = decide([{ id: 'structure.no_reason', evidence: 'Hello there friend' }]);
    const family = classifyNote('Hi Jo, we help clinics fill empty slots. Book a 15-min demo: $99/mo.');
    expect(fallback.confidence).toBeLessThan(family.confidence);
  });
  it('reliability bins count every row once', () => {
    const rows = [0.2, 0.55, 0.65, 0.75, 0.85, 0.92, 0.97, 1].map((conf, i) => ({ conf, ok: i % 2 === 0 }));
    expect(reliability(rows).reduce((a, b) => a + b.notes, 0)).toBe(rows.length);
  });
});

describe('tuning sets', () => {
  it('are the dev set and every tune*.jsonl in natural order, never the holdout', () => {
    expect(tuningSetFiles(['tune10.jsonl', 'holdout.jsonl', 'tune2.jsonl', 'README.md', 'tune.jsonl', 'dev.jsonl', 'tune4.jsonl'])).toEqual([
      'dev.jsonl',
      'tune.jsonl',
      'tune2.jsonl',
      'tune4.jsonl',
      'tune10.jsonl',
    ]);
  });
});

describe('more languages and niches (fourth pass, second batch)', () => {
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
  it('childcare and cannabis niches; consumer offers (mortgage, solar for your home) are no niche', () => {
    expect(rel('onze app regelt ouderberichten voor kinderdagverblijven', 'Havenloods | Maritime').nicheMismatch).toBeTruthy();
    expect(rel('our seed-to-sale tracking keeps your dispensary METRC compliant', 'Youth pastor | Religious Institutions').nicheMismatch).toBeTruthy();
    expect(rel("I'm a mortgage broker and rates just dipped, happy to run the numbers", 'HR manager | Human Resources').nicheMismatch).toBeUndefined();
    expect(rel('solar + battery for your home, 0 down', 'Accountant | Accounting').nicheMismatch).toBeUndefined();
  });
  it('"as a hobby" is not an audience; "as a <role> you know" is', () => {
    expect(rel('i make my own hot sauce as a hobby', 'Aerospace engineer | Aviation').assumedMismatch).toBeUndefined();
    expect(rel('as a dentist you know how no-shows hurt', 'Teacher | Education').assumedMismatch).toBeTruthy();
  });
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
