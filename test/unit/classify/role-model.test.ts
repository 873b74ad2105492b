/**
 * Issue 16: the role model (words.ts readRoleWords, fitted by `npm run fit` into fitted/role-model.bin)
 * and how role.ts combines it with the role rules. The notes are invented for the test; none is taken
 * from the labelled sets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLE_MODEL, ROLE_MODEL_FILE } from '../../../functions/audit/classify/fitted.ts';
import { classifyNote } from '../../../functions/audit/classify/index.ts';
import { decideRole, fireRoleRules, readRoleModel, ROLE_BLEND } from '../../../functions/audit/classify/role.ts';
import { decodeRoleModel, encodeRoleModel, readRoleWords } from '../../../functions/audit/classify/words.ts';
import { ROLES, type Role, type RoleReason } from '../../../functions/audit/model.ts';
import { trainRoleModel } from '../../../scripts/training/roles.ts';

const NOTES: { text: string; gold: Role; direction?: string }[] = [
  { text: 'Our invoicing software cuts month-end close in half, happy to share pricing', gold: 'vendor' },
  { text: 'We sell invoicing software to accounting teams, pricing starts low', gold: 'vendor' },
  { text: 'Unsere Software spart Ihrem Team Zeit, gerne schicke ich Preise', gold: 'vendor' },
  { text: 'Our software and pricing could help your accounting team', gold: 'vendor' },
  { text: 'I have a permanent vacancy for a payroll lead, salary is strong', gold: 'recruiter' },
  { text: 'Permanent vacancy for an accountant in Leeds, good salary and hybrid', gold: 'recruiter' },
  { text: 'A vacancy for a controller, permanent, salary up to 70k', gold: 'recruiter' },
  { text: 'I am looking for an internship in audit, could you refer me please', gold: 'job_seeker' },
  { text: 'Final year student looking for an internship, would you refer me', gold: 'job_seeker' },
  { text: 'Join our free meetup group for bookkeepers, we meet monthly', gold: 'community' },
  { text: 'Our free monthly meetup group for bookkeepers would love you there', gold: 'community' },
  { text: 'Fellow auditor here, we were at the same training in Bristol', gold: 'peer' },
  { text: 'We were at the same training, fellow auditor, glad to connect', gold: 'peer' },
  { text: 'Hello, nice to connect', gold: 'unknown' },
  { text: 'Hello there, nice profile', gold: 'unknown' },
];

describe('the role model, trained and read', () => {
  const model = trainRoleModel(NOTES);

  it('learns the words of each role and reads unseen notes by them', () => {
    expect(model.classes).toEqual([...ROLES]);
    expect(readRoleWords('Could I send you our pricing for the software?', model)?.cls).toBe('vendor');
    expect(readRoleWords('There is a permanent vacancy with a great salary', model)?.cls).toBe('recruiter');
    expect(readRoleWords('I am a student looking for an internship', model)?.cls).toBe('job_seeker');
    expect(readRoleWords('Come to our meetup group next month', model)?.cls).toBe('community');
    // nothing it knows: no reading at all
    expect(readRoleWords('zyxw qvvv', model)).toBeNull();
  });

  it("quotes the note's own words, as written, that leaned towards its role", () => {
    const text = 'Could I send you our PRICING for the Software?';
    const v = readRoleWords(text, model)!;
    expect(v.cls).toBe('vendor');
    expect(v.evidence.length).toBeGreaterThan(0);
    for (const w of v.evidence) expect(text).toContain(w);
    // function words and greetings are never evidence
    for (const w of v.evidence) expect(['for', 'you', 'our', 'the', 'Could']).not.toContain(w);
  });

  it('survives its file format: the same readings after encode and decode', () => {
    const bytes = encodeRoleModel(model);
    const back = decodeRoleModel(bytes);
    expect(Buffer.from(encodeRoleModel(back)).equals(Buffer.from(bytes))).toBe(true);
    for (const n of NOTES) expect(readRoleWords(n.text, back), n.text).toEqual(readRoleWords(n.text, model));
    expect(() => decodeRoleModel(bytes.subarray(0, 10))).toThrow();
  });

  it('is deterministic: the same notes give the same bytes', () => {
    expect(Buffer.from(encodeRoleModel(trainRoleModel(NOTES))).equals(Buffer.from(encodeRoleModel(model)))).toBe(true);
  });

  it("reads the owner's sent notes with a feature of their own", () => {
    const sent = NOTES.map((n) => ({ ...n, direction: n.gold === 'job_seeker' ? 'OUTGOING' : 'INCOMING' }));
    const m = trainRoleModel(sent);
    const text = 'glad to connect';
    expect(readRoleWords(text, m, true)!.p).not.toBe(readRoleWords(text, m, false)!.p);
  });
});

describe('the shipped role model (fitted/role-model.bin)', () => {
  const bytes = readFileSync(join(import.meta.dirname, '../../../functions/audit/classify', ROLE_MODEL_FILE));

  it('is compact data over every role, read once on first use', () => {
    const m = decodeRoleModel(bytes);
    expect(m.classes).toEqual([...ROLES]);
    expect(m.hashes.length).toBeGreaterThan(1000);
    expect(bytes.length).toBeLessThan(160 * 1024);
    expect(ROLE_MODEL.load()).toBe(ROLE_MODEL.load());
  });

  // notes the role phrase families say nothing about: the role comes from the model, with its words
  it.each([
    // (2026-12-06: "I run the Leeds product meetup" is now a phrase family's, role.community.organiser; and since
    // tune8.jsonl's staffing notes the model reads "how crews fix it" as a recruiter's, p 0.55: the examples changed)
    ['community', 'Hey, Leeds product folks get together monthly at the Brewery, would love to see you at the next one'],
    ['vendor', 'Hi Dana, is timesheet chasing still eating your Fridays? Worth a quick look at how site managers fix it in a week.'],
    ['job_seeker', "Hi Priya, I'm a final year nursing student hoping to land my first ward job in Manchester, any advice would mean a lot"],
  ] as [Role, string][])('%s: %s', (role, text) => {
    const rules = fireRoleRules(text, undefined, false, null);
    expect(rules.filter((r) => r.role === role).reduce((a, r) => a + r.weight, 0)).toBeLessThan(ROLE_BLEND.strong);
    const c = classifyNote(text);
    expect(c.role, JSON.stringify(c.roleReasons)).toBe(role);
    const words = c.roleReasons.find((r) => r.rule === `role.words.${role}`)!;
    expect(words.description).toMatch(/^reads like an? /);
    for (const w of words.evidence.split(', ')) expect(text).toContain(w);
  });

  it('leaves a note that says nothing unknown', () => {
    for (const text of ["Hi, let's connect", 'Impressive profile! Let us connect.', 'Hello from Lisbon 👋']) expect(classifyNote(text).role, text).toBe('unknown');
  });
});

describe('rules and model combined (decideRole)', () => {
  const reason = (rule: string, role: Role, weight: number, evidence = 'words'): RoleReason => ({ rule, role, weight, evidence });
  const model = (role: Role, p: number) => reason(`role.words.${role}`, role, p, role === 'unknown' ? '' : 'pricing, demo');

  it('strong role phrases decide, whatever the model says; the model agreeing is shown last', () => {
    const d = decideRole([reason('role.recruiter.self', 'recruiter', 3), model('vendor', 0.99)], [], 'sales_pitch', true);
    expect(d.role).toBe('recruiter');
    expect(d.roleReasons.map((r) => r.rule)).toEqual(['role.recruiter.self']);
    const agree = decideRole([reason('role.vendor.offer', 'vendor', 2), model('vendor', 0.9)], [], 'sales_pitch', true);
    expect(agree.roleReasons.map((r) => r.rule)).toEqual(['role.vendor.offer', 'role.category.sales_pitch', 'role.words.vendor']);
  });

  it('a sure model outweighs what the category alone implies', () => {
    // a staffing pitch: the category and its pitch rules say vendor, the words say recruiter
    const fired = [{ id: 'pitch.we_offer', evidence: 'we provide' }];
    const d = decideRole([model('recruiter', 0.995)], fired, 'sales_pitch', true);
    expect(d.role).toBe('recruiter');
    expect(d.roleReasons[0].rule).toBe('role.words.recruiter');
    // not sure enough: the category's vendor stands
    expect(decideRole([model('recruiter', 0.9)], fired, 'sales_pitch', true).role).toBe('vendor');
  });

  it('where the rules say nothing, the model leans; below its lean, unknown', () => {
    expect(decideRole([model('peer', ROLE_BLEND.lean + 0.05)], [], 'irrelevant', true).role).toBe('peer');
    expect(decideRole([model('peer', ROLE_BLEND.lean - 0.05)], [], 'irrelevant', true).role).toBe('unknown');
    expect(decideRole([model('unknown', 0.99)], [], 'irrelevant', true)).toEqual({ role: 'unknown', roleReasons: [] });
    // a lean without telling words is no reason to show
    expect(decideRole([{ ...model('peer', 0.9), evidence: '' }], [], 'irrelevant', true).role).toBe('unknown');
  });

  it('the model never speaks for a CR without a note, nor over the Position of an invitee', () => {
    expect(decideRole([model('vendor', 1)], [], 'no_message', false).role).toBe('unknown');
    const d = decideRole([model('vendor', 1)], [], 'sales_pitch', true, { direction: 'OUTGOING', counterpartPosition: 'Senior Recruiter' });
    expect(d.role).toBe('recruiter');
  });

  it('the rules and the model, read apart, are what fireRoleRules returns together', () => {
    const text = 'Hi Sam, our platform books physio appointments for clinics like yours. Want a demo?';
    const all = fireRoleRules(text);
    const rules = fireRoleRules(text, undefined, false, null);
    expect(all.slice(0, -1)).toEqual(rules);
    expect(all.at(-1)).toEqual(readRoleModel(text));
  });
});
