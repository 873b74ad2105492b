import { describe, expect, it } from 'vitest';
import { classifyInbox, classifyNote, classifyRequests, linkedInDefault, type NoteInput } from '../../../functions/audit/classify/index.ts';
import type { ConnectionRequest, OwnerProfile } from '../../../functions/audit/model.ts';

describe('LinkedIn default texts and empty notes', () => {
  it.each([
    "I'd like to add you to my professional network on LinkedIn.",
    "Hi Maria, I'd like to join your LinkedIn network.\n- Tom Baker",
    'Me gustaría añadirte a mi red profesional en LinkedIn.',
    'Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.',
    "J'aimerais vous inviter à rejoindre mon réseau professionnel en ligne, sur le site LinkedIn.",
    'Gostaria de adicioná-lo à minha rede profissional no LinkedIn.',
  ])('%s -> no_message, with a reason saying it is the default', (text) => {
    const c = classifyNote(text);
    expect(c.category).toBe('no_message');
    expect(c.verdict).toBe('NEITHER');
    expect(c.reasons).toHaveLength(1);
    expect(c.reasons[0].description).toMatch(/default/i);
    expect(c.reasons[0].evidence).toBe(text.trim());
  });
  it('an empty or blank note is no_message without reasons', () => {
    for (const t of ['', '   \n ']) {
      const c = classifyNote(t);
      expect(c.category).toBe('no_message');
      expect(c.reasons).toEqual([]);
    }
  });
  it('a written note that borrows the default words is not a default', () => {
    expect(linkedInDefault("I'd like to add you to my professional network on LinkedIn because your talk on Kafka at QCon helped my team.")).toBeNull();
    expect(classifyNote("Hi Jo, loved your talk at QCon. I'd like to add you to my professional network on LinkedIn.").category).not.toBe('no_message');
  });
});

describe('placeholders, greetings, wrong names', () => {
  it.each(['{first_name}', '{{contact.firstname}}', '[Name]', '%FIRSTNAME%', '<First Name>', 'FNAME'])(
    'an unfilled %s is bot evidence, quoted exactly',
    (ph) => {
      const c = classifyNote(`Hi ${ph}, I would love to connect and learn about your work.`);
      expect(c.category).toBe('bot');
      const r = c.reasons.find((x) => x.rule === 'bot.placeholder');
      expect(r?.evidence).toBe(ph);
    },
  );
  it('a greeting to someone else is bot evidence when the recipient is known', () => {
    const text = 'Hi Jennifer, I noticed your work in analytics and thought we should connect.';
    const wrong = classifyNote(text, { recipientFirstName: 'Kofi' });
    expect(wrong.category).toBe('bot');
    expect(wrong.reasons.map((r) => r.rule)).toContain('bot.wrong_name');
    const right = classifyNote(text, { recipientFirstName: 'Jennifer' });
    expect(right.reasons.map((r) => r.rule)).not.toContain('bot.wrong_name');
    const nick = classifyNote('Hi Alex, great chatting at the booth yesterday!', { recipientFirstName: 'Alexandra' });
    expect(nick.reasons.map((r) => r.rule)).not.toContain('bot.wrong_name');
    expect(nick.category).toBe('good');
  });
  it('greeting the recipient with the sender\'s own name is bot evidence', () => {
    const c = classifyNote('Hi Bruno, I noticed we share similar interests. Have a great day!', { sender: 'Bruno Alves' });
    expect(c.category).toBe('bot');
    expect(c.reasons.map((r) => r.rule)).toContain('bot.own_name');
  });
  it('"Dear Sir/Madam" is how people write (no reason: irrelevant); a company-name greeting is bot evidence', () => {
    expect(classifyNote('Dear Sir/Madam, I would like to connect with you.').category).toBe('irrelevant');
    const c = classifyNote('Dear Northwind Traders Group, I would like to connect with you.');
    expect(c.category).toBe('bot');
    expect(c.reasons.map((r) => r.rule)).toContain('bot.malformed_greeting');
  });
});

describe('recipient relevance', () => {
  const pitch = 'Hi Kim, as a dental practice owner you know no-shows hurt. Our reminder software cuts them by 40%. Quick demo next week?';
  it('a niche pitch that misses the recipient is a swing and miss', () => {
    const c = classifyNote(pitch, { recipientProfile: 'Data engineer | Software Development' });
    expect(c.category).toBe('swing_and_miss');
    expect(c.reasons.some((r) => r.rule.startsWith('relevance.') && /dental/i.test(r.evidence))).toBe(true);
  });
  it('the same pitch to someone in that niche is a sales pitch', () => {
    expect(classifyNote(pitch, { recipientProfile: 'Owner, family dentistry clinic | Medical Practices' }).category).toBe('sales_pitch');
  });
  it('without a profile there is no relevance judgement', () => {
    expect(classifyNote(pitch).category).toBe('sales_pitch');
  });
  it('reads an OwnerProfile: positions and skills count', () => {
    const owner: OwnerProfile = {
      firstName: 'Kim', lastName: 'Lee', headline: 'Operations', industry: 'Health', summary: '',
      positions: [{ company: 'Smile Dental Group', title: 'Practice manager', current: true }], skills: ['Dentistry'],
    };
    expect(classifyNote(pitch, { recipientProfile: owner }).category).toBe('sales_pitch');
    expect(classifyNote(pitch, { recipientProfile: { ...owner, positions: [], skills: ['Kubernetes'], industry: 'Software' } }).category).toBe('swing_and_miss');
  });
});

describe('templates across an inbox', () => {
  const template = (name: string) => `Hi ${name}, I'm reaching out to professionals in your area to build meaningful relationships. Happy to connect!`;
  it('the same template from several different senders is bot, and the cluster says so', () => {
    const notes: NoteInput[] = ['Ana', 'Ben', 'Chen', 'Dora'].map((n, i) => ({ id: `b${i}`, text: template(n), sender: `Sender ${i}` }));
    notes.push({ id: 'other', text: 'Hi Ana, your talk at the Berlin robotics meetup on grasp planning was great. Would love to stay in touch.', sender: 'Eve Ng' });
    const out = classifyInbox(notes);
    for (let i = 0; i < 4; i++) {
      const c = out.get(`b${i}`)!;
      expect(c.category).toBe('bot');
      expect(c.cluster?.senders).toBe(4);
      expect(c.cluster?.size).toBe(4);
      expect(c.reasons.some((r) => r.rule === 'template.many_senders' && r.evidence.includes('4'))).toBe(true);
    }
    expect(out.get('other')!.cluster).toBeUndefined();
    expect(out.get('other')!.category).toBe('good');
  });
  it('the same template from several people of one company is coworker_template', () => {
    const text = (n: string) => `Hello ${n}, our team has been helping companies like yours modernise their data stack. Would be great to connect either way!`;
    const notes: NoteInput[] = [
      { id: 'c1', text: text('Sam'), sender: 'Ivy Stone', senderCompany: 'Brightdata Inc.' },
      { id: 'c2', text: text('Sam'), sender: 'Raj Patel', senderCompany: 'Brightdata' },
      { id: 'c3', text: text('Sam').replace('great', 'nice'), sender: 'Lou Berg', senderCompany: 'BrightData Inc' },
    ];
    const out = classifyInbox(notes);
    for (const id of ['c1', 'c2', 'c3']) {
      const c = out.get(id)!;
      expect(c.category).toBe('coworker_template');
      expect(c.cluster?.company).toMatch(/brightdata/i);
    }
  });
  it('a company named in the notes (no sender company known) also makes a coworker template', () => {
    const notes: NoteInput[] = ['Mia Cole', 'Noah Park', 'Zoe Quinn'].map((s, i) => ({
      id: `n${i}`, sender: s,
      text: `Hi Sam, I'm with Larkspur Analytics and we partner with retail teams on forecasting. Open to connecting, no pressure at all.`,
    }));
    const out = classifyInbox(notes);
    expect(out.get('n0')!.category).toBe('coworker_template');
    expect(out.get('n0')!.cluster?.company).toBe('Larkspur Analytics');
  });
  it('one sender repeating himself is not a template cluster', () => {
    const notes: NoteInput[] = [1, 2, 3].map((i) => ({ id: `r${i}`, text: template('Sam'), sender: 'Same Person' }));
    const out = classifyInbox(notes);
    for (const c of out.values()) {
      expect(c.cluster).toBeUndefined();
      expect(c.reasons.map((r) => r.rule)).not.toContain('template.many_senders');
    }
  });
  it('different notes are not clustered', () => {
    const notes: NoteInput[] = [
      { id: 'x1', text: 'Hi Sam, loved your post on kanban for legal teams; the WIP limits example was gold.', sender: 'A' },
      { id: 'x2', text: 'We help logistics firms cut fuel costs 15% with route optimisation. Demo Thursday?', sender: 'B' },
      { id: 'x3', text: 'Could you endorse me for project management? I will endorse you back.', sender: 'C' },
    ];
    for (const c of classifyInbox(notes).values()) expect(c.cluster).toBeUndefined();
  });
});

describe('classifyRequests', () => {
  const owner = { name: 'Kofi Mensah', profileUrl: null };
  const base = { owner, sentAt: '2026-03-01T10:00:00.000Z', year: 2026, outcome: 'unknown' as const, source: { file: 'Invitations.csv', row: 2 } };
  const profile: OwnerProfile = { firstName: 'Kofi', lastName: 'Mensah', headline: 'Head chef', industry: 'Restaurants', summary: '', positions: [], skills: [] };
  it('INCOMING uses the owner as recipient; OUTGOING uses the counterpart', () => {
    const reqs: ConnectionRequest[] = [
      { ...base, id: 'in1', direction: 'INCOMING', counterpart: { name: 'Lena Ott', profileUrl: null, key: 'in:lena' }, message: 'Hi Jennifer, I noticed your work and thought we should connect.' },
      { ...base, id: 'in2', direction: 'INCOMING', counterpart: { name: 'Mo Ali', profileUrl: null, key: 'in:mo' }, message: 'Hi Kofi, as a SaaS founder you track churn daily. Our dashboard helps; quick demo?' },
      { ...base, id: 'out1', direction: 'OUTGOING', counterpart: { name: 'Rosa Diaz', profileUrl: null, key: 'in:rosa' }, message: 'Hi Rosa, as a restaurant owner you know food waste hurts margins. Our app cuts it by 20%. Demo?' },
      { ...base, id: 'out2', direction: 'OUTGOING', counterpart: { name: 'Ann Bo', profileUrl: null, key: 'in:ann' }, message: '' },
    ];
    const out = classifyRequests(reqs, { profile, connections: [{ key: 'in:rosa', name: 'Rosa Diaz', profileUrl: null, company: 'Acme Cloud', position: 'Platform engineer', connectedOn: null }] });
    const by = new Map(out.map((r) => [r.id, r]));
    expect(by.get('in1')!.reasons.map((r) => r.rule)).toContain('bot.wrong_name');
    expect(by.get('in2')!.category).toBe('swing_and_miss');
    expect(by.get('out1')!.category).toBe('swing_and_miss');
    expect(by.get('out2')!.category).toBe('no_message');
    expect(by.get('out2')!.counterpart.name).toBe('Ann Bo');
  });
});

describe('greeting words that are not names', () => {
  it('"Hi Team" is not a wrong-name greeting', () => {
    const c = classifyNote('Hi Team, loved your booth demo at RoboCon yesterday. Would love to stay in touch.', { recipientFirstName: 'Kofi' });
    expect(c.reasons.map((r) => r.rule)).not.toContain('bot.wrong_name');
  });
});
