/**
 * Issue 16: who is writing. Every CR carries a role with reasons (rule ids `role.*` and the exact
 * words), decided from the note, the category rules that fired on it, and the counterpart's
 * Position/Company from Connections.csv; the job seeker's view (`keep: ['recruiter']`) grades a
 * recruiter's note that names a concrete role ACCEPT and changes nothing else.
 * Every note here is invented for the test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditExport } from '../../../functions/audit/audit.ts';
import { classifyInbox, classifyNote, classifyRequests } from '../../../functions/audit/classify/index.ts';
import { parseNotesJsonl } from '../../../functions/audit/classify/jsonl.ts';
import { concreteRole, fireRoleRules, KEPT_REASON, ROLE_RULES, roleFromPosition, SELF_TITLE } from '../../../functions/audit/classify/role.ts';
import { foldNonAscii, foldSameLength } from '../../../functions/audit/classify/text.ts';
import { forEachRoleCue, ROLE_CUE_SOURCES, wordText } from '../../../functions/audit/classify/words.ts';
import { ROLES, type Classification, type ConnectionRequest, type Role } from '../../../functions/audit/model.ts';
import { samplePath, sampleManifest } from '../../helpers/sample-data.ts';

function expectRole(c: Classification, role: Role, text: string): void {
  expect(c.role, `${text}\n${JSON.stringify(c.roleReasons)}`).toBe(role);
  if (role === 'unknown') return;
  expect(c.roleReasons.length).toBeGreaterThan(0);
  for (const r of c.roleReasons) {
    expect(r.role).toBe(role);
    expect(r.rule).toMatch(/^role\./);
    expect(r.evidence.length).toBeGreaterThan(0);
  }
}

describe('the role of a note, with its reasons', () => {
  const cases: [Role, string][] = [
    // recruiter: in-house or agency, job or contract offers, staffing
    ['recruiter', "Hi Noor, I'm a talent acquisition partner at Quillby. We're hiring a Senior Platform Engineer (remote, full-time). Would you be open to a chat?"],
    ['recruiter', 'Guten Tag Herr Ostrowski, ich habe ein Stellenangebot als Projektleiter Tiefbau in Kassel, unbefristet. Hätten Sie Interesse?'],
    ['recruiter', 'Hola Inés, buscamos una enfermera de quirófano para una clínica en Valencia, jornada completa. ¿Te interesa la vacante?'],
    ['recruiter', 'We place pre-vetted React developers in your time zone within two weeks. Happy to share three profiles.'],
    // vendor: a product, service, agency, platform sold to the recipient
    ['vendor', 'Hi Priti, we help physiotherapy practices fill their calendars with our booking platform. Free 14-day trial, want the link?'],
    ['vendor', 'Hi Marco, maybe not the right time, but Tessaly helps dental labs track every aligner batch. Either way, glad to connect!'],
    ['vendor', 'Bonjour Claire, notre agence accompagne les cabinets comptables dans leur prospection. Je vous envoie nos tarifs ?'],
    ['vendor', 'Hey! Our tiny coffee roastery just opened a company page, a follow would really help us get going.'],
    // expert network: paid calls
    ['expert_network', 'Hello Dr. Berg, a client of our expert network would value a paid consultation (60 minutes, $300/hour) on hospital procurement.'],
    ['expert_network', 'Guten Tag, wir suchen für ein bezahltes Expertengespräch jemanden mit Erfahrung in der Fensterfertigung.'],
    // job seeker: asks for a job, an internship, a referral, mentoring
    ['job_seeker', "Hi Ama, I'm a final-year student looking for a summer internship in supply chain. Could you refer me to your team?"],
    ['job_seeker', 'Hola Rodrigo, busco prácticas en diseño industrial y me encantaría saber si en tu empresa hay alguna oportunidad.'],
    ['job_seeker', 'Hi Lena, would you be open to mentoring me? I am switching careers from teaching into UX research.'],
    // community: a group, a cause, an event inviting the recipient to join or speak
    ['community', 'Hi Tom, we would love to have you as a speaker at our free Harbour City Data Summit in May. Interested?'],
    ['community', 'Please sign our petition to keep the Larch Street library open, every signature counts!'],
    ['community', 'Oi Bia! Criei um grupo no WhatsApp de marceneiros de Curitiba, entra lá?'],
    // peer: the sender's field or circle, writing as themselves
    ['peer', 'Hi Jo, we sat on the same panel at the Bristol water-quality workshop last week; your point on sensor drift stuck with me. Would be glad to stay in touch.'],
    ['peer', 'Hey Sam, we worked together at Fennick Labs back in 2019. Great to find you here!'],
    ['peer', 'Hi Rosa, fellow paediatric nurse here, always glad to know more people in the field.'],
    // scripts without word boundaries for JavaScript
    ['job_seeker', 'مرحبا، أبحث عن وظيفة في مجال المحاسبة في الرياض، هل يمكنك مساعدتي؟'],
    // unknown: nothing says who is writing
    ['unknown', "Hi, I'd like to connect."],
    ['unknown', 'Impressive profile! Let us connect.'],
  ];
  it.each(cases)('%s: %s', (role, text) => {
    expectRole(classifyNote(text), role, text);
  });

  it('every reason quotes words of the note', () => {
    for (const [, text] of cases) {
      const c = classifyNote(text);
      for (const r of c.roleReasons) {
        if (r.rule.startsWith('role.category.')) continue; // the category itself
        // the role model's evidence: the note's telling words, as written, comma-separated
        const quoted = r.rule.startsWith('role.words.') ? r.evidence.split(', ') : [r.evidence];
        for (const q of quoted) expect(text.toLowerCase(), r.rule).toContain(q.toLowerCase());
      }
    }
  });

  it('a CR without a note is unknown, unless its Position says', () => {
    expect(classifyNote('').role).toBe('unknown');
    expect(classifyNote('   ').roleReasons).toEqual([]);
    const c = classifyNote('', { direction: 'INCOMING', counterpartPosition: 'Senior Technical Recruiter', counterpartCompany: 'Halden Search' });
    expect(c.role).toBe('recruiter');
    expect(c.roleReasons[0]).toMatchObject({ rule: 'role.context.position_recruiter', evidence: expect.stringContaining('Recruiter') });
    // LinkedIn's default text is no note either
    expect(classifyNote("I'd like to add you to my professional network on LinkedIn.").role).toBe('unknown');
  });

  it("the owner's sent CR takes the invitee's role where the Position names one, else the note's", () => {
    const note = 'Hi Kai, I am looking for a data analyst role in Lisbon. Could you point me to the right person?';
    expect(classifyNote(note, { direction: 'OUTGOING' }).role).toBe('job_seeker');
    const toRecruiter = classifyNote(note, { direction: 'OUTGOING', counterpartPosition: 'Talent Acquisition Lead', counterpartCompany: 'Corvel' });
    expect(toRecruiter.role).toBe('recruiter');
    expect(toRecruiter.roleReasons[0].rule).toBe('role.context.position_recruiter');
    // a position that names no role leaves the note to speak
    expect(classifyNote(note, { direction: 'OUTGOING', counterpartPosition: 'Data Engineer', counterpartCompany: 'Corvel' }).role).toBe('job_seeker');
  });

  it("the sender's profession in the recipient's profile makes a peer", () => {
    const text = "I'm a civil engineer at Tarn Water, working on flood defences around Leeds.";
    const c = classifyNote(text, { recipientProfile: 'Senior civil engineer | Environmental Services' });
    expect(c.role).toBe('peer');
    expect(c.roleReasons.map((r) => r.rule)).toEqual(expect.arrayContaining(['role.peer.same_field']));
  });

  it('positions that name a role', () => {
    expect(roleFromPosition('Account Executive', 'Brindle Software')?.role).toBe('vendor');
    expect(roleFromPosition('Research Associate', 'AlphaSights')?.role).toBe('expert_network');
    expect(roleFromPosition('Reclutadora IT', undefined)?.role).toBe('recruiter');
    expect(roleFromPosition('Structural Engineer', 'Arup')).toBeNull();
    expect(roleFromPosition(undefined, undefined)).toBeNull();
  });

  it('the role never changes the category', () => {
    const notes = parseNotesJsonl(readFileSync(new URL('../../../eval/tune5.jsonl', import.meta.url), 'utf8'), 'tune5.jsonl');
    const out = classifyInbox(notes);
    for (const n of notes) {
      const c = out.get(n.id)!;
      expect(ROLES).toContain(c.role);
      // the category rules' reasons are the category's own, untouched by the role
      for (const r of c.reasons) expect(r.rule.startsWith('role.')).toBe(false);
    }
  });
});

describe('a concrete role in a recruiter note', () => {
  it.each([
    ['hiring a Senior Platform Engineer', "We're hiring a Senior Platform Engineer in Leeds."],
    ['a role as', 'I have a role as Lead Data Scientist at a fintech.'],
    ['contract terms', 'It is a 6-month contract role, fully remote.'],
    ['a title in German', 'Wir suchen einen Projektleiter für unser Team in Graz.'],
  ])('%s', (_, text) => {
    expect(concreteRole(text)).not.toBeNull();
  });
  it('none in a vague note', () => {
    expect(concreteRole("I'm a recruiter and would love to keep you in mind for future opportunities.")).toBeNull();
  });
});

describe("the job seeker's view (keep: ['recruiter'])", () => {
  const offer = "Hi Noor, I'm a recruiter at Quillby. We're hiring a Senior Platform Engineer (remote, full-time). Open to a chat?";

  it("grades a recruiter's note that names a role ACCEPT and says why; the category stays", () => {
    const seed = classifyNote(offer, { direction: 'INCOMING' });
    const kept = classifyNote(offer, { direction: 'INCOMING' }, undefined, ['recruiter']);
    expect(seed.role).toBe('recruiter');
    expect(seed.verdict).toBe('IGNORE');
    expect(seed.kept).toBeUndefined();
    expect(kept.verdict).toBe('ACCEPT');
    expect(kept.category).toBe(seed.category);
    expect(kept.reasons).toEqual(seed.reasons);
    expect(kept.kept?.role).toBe('recruiter');
    expect(kept.kept?.reason).toContain(KEPT_REASON);
    expect(kept.roleReasons.some((r) => r.rule.startsWith('role.recruiter.names_'))).toBe(true);
  });

  it('keeps no recruiter that names no role, no staffing offered for your own hiring, and none of your own sent notes', () => {
    const vague = "Hi, I'm a recruiter at Quillby and would love to keep you in mind for future opportunities.";
    expect(classifyNote(vague, { direction: 'INCOMING' }, undefined, ['recruiter']).kept).toBeUndefined();
    const staffing = 'Saw that your company is hiring data engineers: we place vetted Flink contractors within a week. Want three profiles?';
    const s = classifyNote(staffing, { direction: 'INCOMING' }, undefined, ['recruiter']);
    expect(s.role).toBe('recruiter');
    expect(s.kept).toBeUndefined();
    expect(classifyNote(offer, { direction: 'OUTGOING' }, undefined, ['recruiter']).kept).toBeUndefined();
  });

  it('changes nothing but the kept recruiter notes (a tuning set)', () => {
    const notes = parseNotesJsonl(readFileSync(new URL('../../../eval/tune6.jsonl', import.meta.url), 'utf8'), 'tune6.jsonl');
    const seed = classifyInbox(notes);
    const view = classifyInbox(notes, { keep: ['recruiter'] });
    let kept = 0;
    for (const n of notes) {
      const a = seed.get(n.id)!;
      const b = view.get(n.id)!;
      if (!b.kept) {
        expect(b, n.id).toEqual(a);
        continue;
      }
      kept++;
      expect(a.role).toBe('recruiter');
      expect(b.verdict).toBe('ACCEPT');
      const { verdict: _v, kept: _k, roleReasons: _r, ...rest } = b;
      const { verdict: _va, roleReasons: _ra, ...restSeed } = a;
      expect(rest, n.id).toEqual(restSeed);
    }
    expect(kept).toBeGreaterThan(0);
  });

  it('changes nothing but the kept recruiter notes (the sample exports)', async () => {
    let kept = 0;
    for (const f of sampleManifest.files.filter((x) => x.file.endsWith('.zip'))) {
      const seed = await auditExport({ name: f.file, path: samplePath(f.file) });
      const view = await auditExport({ name: f.file, path: samplePath(f.file) }, { keep: ['recruiter'] });
      expect(view.requests).toHaveLength(seed.requests.length);
      seed.requests.forEach((a, i) => {
        const b = view.requests[i];
        expect(b.id).toBe(a.id);
        expect(b.category).toBe(a.category);
        expect(b.role).toBe(a.role);
        if (b.kept) {
          kept++;
          expect(a.role).toBe('recruiter');
          expect(b.direction).toBe('INCOMING');
          expect(b.verdict).toBe('ACCEPT');
        } else expect(b.verdict, a.id).toBe(a.verdict);
      });
    }
    expect(kept).toBeGreaterThan(0);
  });
});

describe('roles of an export', () => {
  const base = { owner: { name: 'Noor Halvorsen', profileUrl: null }, sentAt: '2025-03-04T10:00:00.000Z', year: 2025, outcome: 'accepted' as const, source: { file: 'Invitations.csv', row: 2 } };
  const cr = (id: string, direction: 'INCOMING' | 'OUTGOING', message: string, key: string): ConnectionRequest => ({
    ...base,
    id,
    direction,
    message,
    counterpart: { name: key, profileUrl: null, key: `name:${key}` },
  });
  it("reads the counterpart's Position from Connections.csv, for a CR without a note and for a sent one", () => {
    const requests = [cr('a', 'INCOMING', '', 'ana'), cr('b', 'OUTGOING', '', 'ben'), cr('c', 'INCOMING', '', 'cy'), cr('d', 'OUTGOING', 'Hi Dee, great to connect!', 'dee')];
    const connections = [
      { key: 'name:ana', name: 'ana', profileUrl: null, company: 'Halden Search', position: 'Executive Recruiter', connectedOn: null },
      { key: 'name:ben', name: 'ben', profileUrl: null, company: 'Brindle', position: 'Business Development Manager', connectedOn: null },
      { key: 'name:dee', name: 'dee', profileUrl: null, company: 'GLG', position: 'Project Manager', connectedOn: null },
    ];
    const out = classifyRequests(requests, { profile: null, connections });
    expect(out.map((r) => r.role)).toEqual(['recruiter', 'vendor', 'unknown', 'expert_network']);
    expect(out[0].roleReasons[0].evidence).toContain('Recruiter');
  });
});

describe('the role cues behind their word prefilter (issue 15)', () => {
  it("are the cues each cue's whole regex finds in the note", () => {
    const sets = ['dev', 'tune', 'tune2', 'tune3', 'tune4', 'tune5', 'tune6', 'tune7'];
    const texts = sets.flatMap((name) => parseNotesJsonl(readFileSync(new URL(`../../../eval/${name}.jsonl`, import.meta.url), 'utf8'), `${name}.jsonl`).map((n) => n.text));
    const whole = Object.entries(ROLE_CUE_SOURCES).map(([name, src]) => ({ feature: `c:${name}`, re: new RegExp(foldNonAscii(src), 'u') }));
    let found = 0;
    for (const text of texts) {
      const lower = wordText(text);
      const gated: string[] = [];
      forEachRoleCue(lower, (feature) => gated.push(feature));
      const want = whole.filter((c) => c.re.test(lower)).map((c) => c.feature);
      expect(gated, text).toEqual(want);
      found += want.length;
    }
    expect(found).toBeGreaterThan(300);
  });
});

describe('the role rules behind their word prefilter (issue 15)', () => {
  it('fire exactly as each whole regex run on the note would (the same rules, the same words)', () => {
    // every tuning set: the gate (every gate group of an alternative) and the start at the first gate word are checked on all of them
    const sets = ['dev', 'tune', 'tune2', 'tune3', 'tune4', 'tune5', 'tune6', 'tune7'];
    const texts = [
      ...sets.flatMap((name) => parseNotesJsonl(readFileSync(new URL(`../../../eval/${name}.jsonl`, import.meta.url), 'utf8'), `${name}.jsonl`).map((n) => n.text)),
      "We're hiring a Senior Platform Engineer, remote.",
      'Wir suchen eine Projektleiterin Tiefbau, unbefristet.',
      'Je suis à la recherche d’un stage en comptabilité.',
    ];
    let fired = 0;
    let owns = 0;
    for (const text of texts) {
      const lower = foldSameLength(text);
      const whole = ROLE_RULES.flatMap((rule) => {
        const m = rule.re.exec(lower);
        return m ? [{ rule: rule.id, evidence: text.slice(m.index, m.index + m[0].length).trim() || m[0] }] : [];
      });
      const ids = new Set(ROLE_RULES.map((r) => r.id));
      const gated = fireRoleRules(text, undefined, false, null)
        .filter((r) => ids.has(r.rule))
        .map((r) => ({ rule: r.rule, evidence: r.evidence }));
      expect(gated, text).toEqual(whole);
      fired += whole.length;
      // the sender's own profession (SELF_TITLE behind its own gate)
      const own = SELF_TITLE.re.exec(lower);
      const ownGated = fireRoleRules(text, '', false, null).find((r) => r.rule === 'role.peer.own_profession');
      expect(ownGated?.evidence, text).toBe(own ? text.slice(own.index, own.index + own[0].length).trim() : undefined);
      if (own) owns++;
    }
    expect(fired).toBeGreaterThan(50);
    expect(owns).toBeGreaterThan(5);
  });
});
