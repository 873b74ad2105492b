import { describe, expect, it } from 'vitest';
import { fireAll } from '../../../functions/audit/classify/engine.ts';
import { classifyNote } from '../../../functions/audit/classify/index.ts';
import { CASES, evidencePieces, MORE_CASES } from '../../helpers/classify-examples.ts';

const firedIds = (text: string, to?: string) => fireAll(text, { recipientProfile: to }).map((f) => f.id);

describe('rule families, each language', () => {
  it.each([...CASES, ...MORE_CASES].map((c) => [c.expect, c.lang, c.text, c.to] as const))('%s (%s): %s', (expect_, _lang, text, to) => {
    const c = classifyNote(text, { recipientProfile: to });
    expect(c.category).toBe(expect_);
    expect(c.reasons.length).toBeGreaterThan(0);
    for (const r of c.reasons) expect(r.evidence.trim()).not.toBe('');
  });
});

describe('positive and negative cases per family', () => {
  const families: { prefix: string; positive: string[]; negative: string[] }[] = [
    {
      prefix: 'pitch.',
      positive: [
        'We offer a free audit of your cloud bill; can I book a 20-minute call?',
        'Ofrecemos precios especiales este mes.',
        'Wir bieten eine kostenlose Analyse Ihrer Website.',
        'Nous proposons un audit gratuit de votre site.',
        'Oferecemos uma consultoria gratuita.',
      ],
      negative: [
        'I enjoyed your post about onboarding new nurses; the checklist idea was great.',
        'Me encantó tu charla en el congreso de Madrid.',
        'Ich habe Ihren Vortrag in Hamburg sehr genossen.',
        "J'ai aimé votre article sur le télétravail.",
        'Gostei muito do seu artigo sobre liderança.',
      ],
    },
    {
      prefix: 'ask.',
      positive: [
        'Could you endorse my skills in Excel?',
        '¿Podrías comentar en mi publicación de hoy? Vota por mí en el concurso.',
        'Bitte folgen Sie unserer Seite und stimmen Sie für mich ab.',
        'Abonnez-vous à ma newsletter et votez pour moi !',
        'Inscreva-se no meu canal e vote em mim!',
      ],
      negative: [
        'Thanks for sharing your slides after the panel, they were useful.',
        'Gracias por tu comentario en el foro.',
        'Danke für Ihren Kommentar zu meinem Beitrag.',
        'Merci pour votre commentaire sur mon article.',
        'Obrigado pelo seu comentário no meu post.',
      ],
    },
    {
      prefix: 'irrelevant.generic_',
      positive: [
        'I came across your profile and want to grow my network.',
        'Hola, quiero ampliar mi red con personas afines.',
        'Ich möchte mein Netzwerk erweitern.',
        "Je souhaite élargir mon réseau.",
        'Quero expandir minha rede profissional.',
      ],
      negative: [
        'Hi Priya, we met at the Denver QA meetup; your talk on flaky tests helped my team.',
        'Hola Pedro, nos conocimos en la feria de Bilbao.',
        'Hallo Jana, wir haben uns auf der Messe in Köln kennengelernt.',
        "Bonjour Léa, nous nous sommes rencontrés au forum de Lyon.",
        'Olá Bruno, nos conhecemos no evento de Porto.',
      ],
    },
    {
      prefix: 'irrelevant.',
      positive: [
        'I collect vintage cameras, anyway hello.',
        'Mi gato se llama Luna, por cierto.',
        'Übrigens, mein Hund heißt Bello.',
        'Au fait, mon chien adore la neige.',
        'Aliás, meu gato se chama Tom.',
      ],
      negative: [
        'We both spoke at the fintech panel in Austin; I would love to learn from your work on fraud models.',
        'Coincidimos en el panel de Sevilla.',
        'Ich würde gerne von Ihnen lernen.',
        'Je voudrais apprendre de vous.',
        'Gostaria de aprender com você.',
      ],
    },
    {
      prefix: 'good.',
      positive: [
        'I loved your article on pricing experiments.',
        'Leí tu artículo sobre precios y me encantó.',
        'Ich habe Ihren Beitrag zu Preismodellen gelesen.',
        "J'ai lu votre article sur les prix.",
        'Li seu artigo sobre preços.',
      ],
      negative: [
        'We help SaaS teams grow revenue 3x. Want a demo?',
        'Ofrecemos consultoría gratuita.',
        'Wir helfen Ihnen, Kosten zu senken.',
        'Nous aidons les entreprises à vendre plus.',
        'Ajudamos empresas a vender mais.',
      ],
    },
  ];
  for (const fam of families) {
    it.each(fam.positive)(`${fam.prefix}* fires on: %s`, (text) => {
      expect(firedIds(text).some((id) => id.startsWith(fam.prefix))).toBe(true);
    });
    it.each(fam.negative)(`${fam.prefix}* does not fire on: %s`, (text) => {
      expect(firedIds(text).filter((id) => id.startsWith(fam.prefix))).toEqual([]);
    });
  }
});

describe('evidence', () => {
  it('is the exact words of the note, with original casing and accents', () => {
    const text = 'Hola Marta, OFRECEMOS una Auditoría Gratuita de su web.';
    const c = classifyNote(text);
    expect(c.category).toBe('sales_pitch');
    for (const r of c.reasons) for (const piece of evidencePieces(text, r.evidence)) expect(text).toContain(piece);
    expect(c.reasons.map((r) => r.evidence)).toContain('Auditoría Gratuita');
  });
  it('gives every IGNORE verdict advice and none to good notes', () => {
    expect(classifyNote('We help law firms cut billing time 40%. Quick demo Thursday?').advice).toMatch(/\w/);
    expect(classifyNote('I enjoyed your keynote at PyCon on typing; the migration example made it click for me.').advice).toBeUndefined();
  });
});
