/**
 * The structural rules of taxonomy.md (rules 1–3), each on an export built in the test and read by
 * the same path `aoi audit` takes (zip → reader → classifier): templates by sender and recipient,
 * names in other spellings, LinkedIn defaults with names around them, thanks-for-connecting.
 */
import { describe, expect, it } from 'vitest';
import { auditExport } from '../../../functions/audit/audit.ts';
import { classifyNote } from '../../../functions/audit/classify/index.ts';
import { sameName } from '../../../functions/audit/classify/structure.ts';
import { sameTemplate, templateWords } from '../../../functions/audit/classify/templates.ts';
import type { ClassifiedRequest } from '../../../functions/audit/model.ts';
import { buildExport, type ExportRow } from '../../helpers/export-builder.ts';

const OWNER = { first: 'Dana', last: 'Whitfield', headline: 'Data engineer at Streamline', industry: 'Software Development' };

async function audit(rows: ExportRow[], connections: { name: string; company?: string }[] = []): Promise<ClassifiedRequest[]> {
  return (await auditExport(buildExport({ owner: OWNER, rows, connections }))).requests;
}
const byName = (crs: ClassifiedRequest[], name: string) => crs.filter((c) => c.counterpart.name === name);
const rules = (c: { reasons: { rule: string }[] }) => c.reasons.map((r) => r.rule);

describe('rule 3a: one sender, one note, three or more people', () => {
  const sent = (name: string, first = name.split(' ')[0]) => ({
    direction: 'OUTGOING' as const,
    name,
    message: `Hi ${first}, thrilled to grow my network with data people. I'd love to add you!`,
  });

  it('the owner sending one note to 3 people is bot, with how many got it and the note as a template', async () => {
    const crs = await audit([sent('Ana Ruiz'), sent('Ben Okafor'), sent('Chloé Martin', 'Chloe')]);
    for (const c of crs) {
      expect(c.category).toBe('bot');
      const r = c.reasons.find((x) => x.rule === 'template.one_sender')!;
      expect(r.evidence).toMatch(/^you sent this note to 3 people; only the name changed/);
      expect(r.evidence).toContain('Hi {name}, thrilled to grow my network');
      expect(c.cluster).toMatchObject({ kind: 'one_sender', recipients: 3, size: 3, senders: 1 });
      expect(c.cluster!.pattern).toBe("Hi {name}, thrilled to grow my network with data people. I'd love to add you!");
    }
  });

  it('the same note to 2 people is not a mass template: it is judged by its text, the pair stays visible', async () => {
    const crs = await audit([sent('Ana Ruiz'), sent('Ben Okafor')]);
    for (const c of crs) {
      expect(c.category).toBe('irrelevant');
      expect(rules(c)).not.toContain('template.one_sender');
      expect(c.cluster).toMatchObject({ kind: 'one_sender', recipients: 2 });
    }
  });

  it('a short merge field (a company) may differ; a different note is not a copy', async () => {
    const pitch = (name: string, company: string) => ({
      direction: 'OUTGOING' as const,
      name,
      message: `Hi ${name.split(' ')[0]}, teams like ${company} use our scheduler to cut rota planning from hours to minutes. Worth a look?`,
    });
    const crs = await audit([
      pitch('Ana Ruiz', 'Globex'),
      pitch('Ben Okafor', 'Initech Systems'),
      pitch('Cara Singh', 'Umbrella'),
      { direction: 'OUTGOING', name: 'Dev Patel', message: 'Hi Dev, loved your PyData talk on DuckDB; the spill-to-disk demo fixed our nightly job. Let us keep in touch.' },
    ]);
    for (const n of ['Ana Ruiz', 'Ben Okafor', 'Cara Singh']) {
      const [c] = byName(crs, n);
      expect(c.category).toBe('bot');
      expect(c.reasons[0].evidence).toMatch(/you sent this note to 3 people; only the name and a short field changed/);
    }
    expect(byName(crs, 'Dev Patel')[0].cluster).toBeUndefined();
    expect(byName(crs, 'Dev Patel')[0].category).toBe('good');
  });

  it('normalisation drops names in any spelling, initials, titles, greetings and sign-offs', () => {
    const names = new Set(['dana', 'whitfield']);
    const a = templateWords('Hi Dana, great to meet you at the summit. Best, Sam', names);
    const b = templateWords('Dear Dr. Whitfield — great to meet you at the summit! Cheers, S.', names);
    expect(a).toEqual(['great', 'to', 'meet', 'you', 'at', 'the', 'summit']);
    expect(b).toEqual(a);
    expect(sameTemplate(['we', 'help', 'acme', 'teams', 'ship', 'faster', 'every', 'week'], ['we', 'help', 'initech', 'corp', 'teams', 'ship', 'faster', 'every', 'week'])).toBe(true);
    expect(sameTemplate(['we', 'help', 'teams', 'ship', 'faster'], ['loved', 'your', 'talk', 'on', 'rust'])).toBe(false);
  });
});

describe('rules 2 and 3a: one note from several senders in the inbox', () => {
  const note = (name: string) => ({
    direction: 'INCOMING' as const,
    name,
    message: `Hi Dana, our platform helps data teams cut warehouse costs by a third without touching their models. Open to a quick look?`,
  });

  it('two unrelated senders with one note are bot', async () => {
    const crs = await audit([note('Rita Moss'), note('Omar Haddad')]);
    for (const c of crs) {
      expect(c.category).toBe('bot');
      expect(c.reasons.find((r) => r.rule === 'template.many_senders')?.evidence).toMatch(/^2 unrelated senders sent this same note/);
    }
  });

  it('senders of one company (their company from Connections.csv) are a coworker template', async () => {
    const crs = await audit([note('Rita Moss'), note('Omar Haddad')], [
      { name: 'Rita Moss', company: 'Lakehouse Labs' },
      { name: 'Omar Haddad', company: 'Lakehouse Labs Inc.' },
    ]);
    for (const c of crs) {
      expect(c.category).toBe('coworker_template');
      expect(c.cluster).toMatchObject({ kind: 'coworker', senders: 2, company: 'Lakehouse Labs' });
    }
  });

  it('one sender re-inviting the owner with the same note is not a template', async () => {
    const crs = await audit([note('Rita Moss'), { ...note('Rita Moss'), sentAt: '1/5/26, 9:00 AM' }]);
    for (const c of crs) {
      expect(c.category).toBe('sales_pitch');
      expect(c.cluster).toBeUndefined();
    }
  });
});

describe('rule 3b: a greeting that spells the recipient\'s name another way is the right name', () => {
  it.each([
    ['Hallo Alexandros, danke für den Vortrag über Kafka in München. Gerne in Kontakt bleiben!', 'Alex Papadopoulos'],
    ['Hi Bob, great chatting at the Denver QA meetup about flaky tests. Let us keep in touch.', 'Robert Lang'],
    ['Hola Jose, me encantó tu charla en PyConES sobre pandas. ¡Sigamos en contacto!', 'José Ortega'],
    ['Dear Ms. Kowalski, your article on cold-chain audits in Food Logistics helped our plant.', 'Anna Kowalski'],
    ['Hi Katarzyna, loved your talk on SRE at Devoxx. Keep in touch!', 'Kasia Nowak'],
  ])('"%s" to %s', async (message, name) => {
    const crs = await auditExport(
      buildExport({ owner: { first: name.split(' ')[0], last: name.split(' ').slice(1).join(' ') }, rows: [{ direction: 'INCOMING', name: 'Sam Reyes', message }] }),
    );
    expect(rules(crs.requests[0])).not.toContain('bot.wrong_name');
    expect(crs.requests[0].category).not.toBe('bot');
  });

  it('a greeting to someone else is bot, the sender\'s own name too', async () => {
    const crs = await audit([
      { direction: 'INCOMING', name: 'Sam Reyes', message: 'Hi Jennifer, I noticed your work in analytics and thought we should connect.' },
      { direction: 'INCOMING', name: 'Bruno Alves', message: 'Hi Bruno, I noticed we share similar interests. Have a great day!' },
    ]);
    expect(rules(byName(crs, 'Sam Reyes')[0])).toContain('bot.wrong_name');
    expect(rules(byName(crs, 'Bruno Alves')[0])).toContain('bot.own_name');
    expect(sameName('Alexandros', 'Alex')).toBe(true);
    expect(sameName('Jennifer', 'Dana')).toBe(false);
  });

  it('a job title where the name belongs is a merge field; "Dear Sir" and "Hi Team" are how people write', () => {
    expect(rules(classifyNote('Hi Data Analyst, I would love to connect with you.', { recipientFirstName: 'Dana' }))).toContain('bot.field_greeting');
    expect(classifyNote('Dear Sir, I would love to connect with you.', { recipientFirstName: 'Dana' }).category).toBe('irrelevant');
    expect(rules(classifyNote('Hi Team, loved your booth at RoboCon. Keep in touch!', { recipientFirstName: 'Dana' }))).not.toContain('bot.wrong_name');
  });
});

describe('rule 1: LinkedIn default texts with names and greetings around them, and notes without words', () => {
  it.each([
    "Dana, I'd like to add you to my professional network on LinkedIn.",
    "Hi Dana, I'd like to join your LinkedIn network.",
    'Since you are a person I trust, I wanted to invite you to join my network on LinkedIn',
    'Dear Dana Whitfield: I’d like to add you to my professional network on LinkedIn. - Sam',
    'Hallo Dana, ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.',
    '🙏🙏',
    '...',
    ' 👋 ',
  ])('%s → no_message', async (message) => {
    const [c] = await audit([{ direction: 'INCOMING', name: 'Sam Reyes', message }]);
    expect(c.category).toBe('no_message');
    expect(c.verdict).toBe('NEITHER');
  });

  it('a default with a real sentence added is judged by the added sentence', async () => {
    const [c] = await audit([
      { direction: 'INCOMING', name: 'Sam Reyes', message: "I'd like to add you to my professional network on LinkedIn. We met at the Denver QA meetup; your flaky-test checklist saved my sprint." },
    ]);
    expect(c.category).toBe('good');
  });
});

describe('rule 3c: an invitation that thanks for connecting is bot, in five languages', () => {
  it.each([
    ['Thanks for connecting, Dana! I help SaaS teams scale outbound. Open to a chat?', 'Thanks for connecting'],
    ['Gracias por conectar, Dana. Te cuento que tenemos una consultora de datos.', 'Gracias por conectar'],
    ['Obrigado por aceitar o convite! Trabalho com automação de marketing.', 'Obrigado por aceitar o convite'],
    ['Danke für die Vernetzung, Dana! Wir sind eine Agentur für Recruiting.', 'Danke für die Vernetzung'],
    ['Merci pour la connexion ! Je serais ravi d’échanger sur vos projets data.', 'Merci pour la connexion'],
  ])('%s', async (message, words) => {
    const [c] = await audit([{ direction: 'INCOMING', name: 'Sam Reyes', message }]);
    expect(c.category).toBe('bot');
    expect(c.reasons.find((r) => r.rule === 'bot.thanks_for_connecting')?.evidence).toBe(words);
  });

  it('thanks for something real is not this rule', () => {
    expect(rules(classifyNote('Thanks for the great chat at the meetup yesterday, your tips on Terraform helped.'))).not.toContain('bot.thanks_for_connecting');
  });
});

describe('generic wording is never bot evidence by itself', () => {
  it.each([
    'I came across your profile and would love to connect.',
    'Hope this message finds you well. I am growing my network in the fintech space.',
    'Dear Sir/Madam, I would like to expand my professional network with like-minded professionals.',
  ])('%s → irrelevant', (text) => {
    const c = classifyNote(text);
    expect(c.category).toBe('irrelevant');
    expect(rules(c).filter((r) => r.startsWith('bot.') || r.startsWith('template.'))).toEqual([]);
  });
});
