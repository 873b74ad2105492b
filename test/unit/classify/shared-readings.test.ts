/**
 * What a batch works out once per note text and shares among the notes of that text (index.ts
 * TextReadings and ReadingVerdicts, structure.ts GREETED_NAMES and NAME_PARTS, role.ts
 * POSITION_ROLES) gives exactly what each note worked out on its own gives.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decideStructure, fireAll, type Fired, type NoteContext } from '../../../functions/audit/classify/engine.ts';
import { findTemplates } from '../../../functions/audit/classify/templates.ts';
import { withoutDefaults } from '../../../functions/audit/classify/defaults.ts';
import { classifyInbox, classifyNote, classifyRequests, notesOfRequests, prepareInbox, verdictOf, type NoteInput, type Prepared } from '../../../functions/audit/classify/index.ts';
import type { Connection, ConnectionRequest } from '../../../functions/audit/model.ts';
import { NAMES, requestOf } from '../../helpers/requests.ts';
import { parseNotesJsonl } from '../../../functions/audit/classify/jsonl.ts';
import { decideRole, roleFromPosition } from '../../../functions/audit/classify/role.ts';
import { fireDebris, sameName } from '../../../functions/audit/classify/structure.ts';
import { fold, parseGreeting } from '../../../functions/audit/classify/text.ts';
import { WEIGHTS } from '../../../functions/audit/classify/fitted.ts';
import type { Weights } from '../../../functions/audit/classify/types.ts';

const dev = parseNotesJsonl(readFileSync(new URL('../../../eval/dev.jsonl', import.meta.url), 'utf8'), 'dev.jsonl');

const POSITIONS: (readonly [string | undefined, string | undefined])[] = [
  [undefined, undefined],
  ['Technical Recruiter', 'Acme Talent'],
  ['Account Executive', undefined],
  [undefined, 'GLG'],
];

/** Each of the dev set's texts sent three times (a template's copies), to different people, in both directions, with and without a position or profile. */
function batch(): NoteInput[] {
  const texts = [...new Set(dev.map((n) => n.text))].slice(0, 120);
  const out: NoteInput[] = [];
  texts.forEach((text, t) => {
    for (let k = 0; k < 3; k++) {
      const i = t * 3 + k;
      const [counterpartPosition, counterpartCompany] = POSITIONS[i % POSITIONS.length];
      const outgoing = t % 3 === 0;
      out.push({
        id: `n${i}`,
        text,
        direction: outgoing ? 'OUTGOING' : 'INCOMING',
        sender: outgoing ? 'owner:Robin Example' : NAMES[(t + k) % NAMES.length],
        senderKey: outgoing ? 'owner' : `s${i}`,
        recipientName: outgoing ? NAMES[(t + k + 1) % NAMES.length] : 'Robin Example',
        recipientFirstName: outgoing ? undefined : 'Robin',
        recipientKey: outgoing ? `r${i}` : 'owner',
        recipientProfile: t % 4 === 1 ? 'Structural engineer | Civil Engineering' : undefined,
        counterpartPosition,
        counterpartCompany,
      });
    }
  });
  return out;
}

/** The same prepared note without its shared verdicts: verdictOf works everything out afresh. */
const unshared = (p: Prepared): Prepared => ({ ...p, role: { ...p.role, shared: null } });

describe('a text read once for the notes that share it', () => {
  const notes = batch();
  const prepared = prepareInbox(notes);
  const shifted: Weights = { ...WEIGHTS, bias: WEIGHTS.bias.map((b, i) => (i === 1 ? b + 3 : b)) };

  it('shares readings across the copies of a template', () => {
    expect([...prepared.values()].filter((p) => p.role.shared !== null).length).toBeGreaterThan(100);
  });

  it('fires the scored rules each note fires on its own (phrase families, word model, context rules)', () => {
    for (const n of notes) {
      const p = prepared.get(n.id)!;
      if (p.role.text === '') continue;
      const { id: _id, text: _text, ...ctx } = n;
      const fired: readonly Fired[] = 'fired' in p ? p.fired : p.role.fired;
      expect(fired, n.id).toEqual(fireAll(p.role.text, ctx as NoteContext));
    }
  });

  it('gives each note the verdict it gets worked out alone, under any weights and view, in any order', () => {
    for (const weights of [WEIGHTS, shifted, WEIGHTS]) {
      for (const keep of [[], ['recruiter']] as const) {
        for (const n of [...notes].reverse()) {
          const p = prepared.get(n.id)!;
          expect(verdictOf(p, weights, keep), n.id).toEqual(verdictOf(unshared(p), weights, keep));
        }
      }
    }
  });

  it("gives a template's copies that no debris of their own decides the decision each gets alone", () => {
    const templates = findTemplates(notes.map((n) => ({ id: n.id, text: n.text, sender: n.senderKey, recipient: n.recipientKey, fromOwner: n.direction === 'OUTGOING' })));
    let shared = 0;
    for (const weights of [WEIGHTS, shifted]) {
      for (const n of notes) {
        const t = templates.get(n.id);
        if (!t?.decides) continue;
        const text = withoutDefaults(n.text);
        const got = decideStructure(text, n, t, weights);
        // a cluster never seen: decided afresh
        const alone = decideStructure(text, n, { ...t, cluster: { ...t.cluster } }, weights);
        expect(got, n.id).toEqual(alone);
        if (got === decideStructure(text, n, { ...t }, weights)) shared++;
      }
    }
    expect(shared).toBeGreaterThan(50);
  });

  it("works everything out afresh for a note whose lists were swapped (the role model's reading replaced, as the fitting scripts do)", () => {
    for (const n of notes) {
      const p = prepared.get(n.id)!;
      const phrases = p.role.phrases.filter((x) => !x.rule.startsWith('role.words.'));
      const swapped: Prepared = { ...p, role: { ...p.role, phrases } };
      expect(verdictOf(swapped), n.id).toEqual(verdictOf(unshared(swapped)));
      if ('fired' in p) {
        const fewer: Prepared = { ...p, fired: p.fired.slice(1) };
        expect(verdictOf(fewer), n.id).toEqual(verdictOf(unshared(fewer)));
      }
    }
  });

  it('decideRole is the note part and the context part put together', () => {
    for (const n of notes) {
      const p = prepared.get(n.id)!;
      const c = verdictOf(unshared(p));
      // a structural verdict's role reads the text's own category: only compared on weighed notes
      if ('decided' in p) continue;
      expect({ role: c.role, roleReasons: c.roleReasons }, n.id).toEqual(decideRole(p.role.phrases, p.role.fired, c.category, p.role.text !== '', p.role.ctx));
    }
  });
});

/** fireNameDebris as it was before its per-text part was kept (the reference). */
function nameDebrisReference(text: string, ctx: NoteContext, out: Fired[]): void {
  const letters = (s: string) => fold(s).replace(/[^\p{L}]/gu, '');
  const parts = (...names: (string | undefined)[]) => names.flatMap((n) => (n ? n.split(/[\s,.()-]+/).filter((w) => letters(w).length >= 2) : []));
  const NOT_A_NAME = new Set(['team', 'all', 'sir', 'madam', 'there', 'everyone']);
  const FIELD_CORE = new Set(['engineer', 'manager', 'recruiter', 'connection', 'professional']);
  const FIELD_WORDS = new Set([...FIELD_CORE, 'data', 'software', 'senior', 'sales']);
  const g = parseGreeting(text);
  if (!g || !g.name) return;
  const toks = g.name.split(/\s+/).map((t) => t.replace(/(?<![,!.:;])[,!.:;]+$/, '')).filter(Boolean);
  const folded = toks.map((t) => letters(t));
  if (folded.some((t) => NOT_A_NAME.has(t))) return;
  const greeting = text.slice(0, g.nameStart + g.name.length);
  if (folded.every((t) => FIELD_WORDS.has(t)) && folded.some((t) => FIELD_CORE.has(t))) {
    out.push({ id: 'bot.field_greeting', evidence: greeting });
    return;
  }
  if (!toks.every((t) => /^\p{Lu}[\p{Ll}'’-]/u.test(t) || /^\p{Lu}\.?$/u.test(t))) return;
  const recipient = parts(ctx.recipientName, ctx.recipientFirstName);
  const sender = ctx.sender && !ctx.sender.includes(':') ? parts(ctx.sender) : [];
  if (toks.some((t) => recipient.some((n) => sameName(t, n)))) return;
  const titled = g.nameStart > g.word.length + 1;
  if (!titled && sender.length && sameName(toks[0], sender[0])) {
    out.push({ id: 'bot.own_name', evidence: greeting });
    return;
  }
  if (recipient.length && !titled && letters(toks[0]).length >= 2) out.push({ id: 'bot.wrong_name', evidence: `${greeting} (recipient: ${ctx.recipientName ?? ctx.recipientFirstName})` });
}

describe('greeted names read once per text', () => {
  // (greetings whose words are all in the reference's short word lists, and every kind of name)
  const TEXTS = [
    'Hi Ana, great talk yesterday.',
    'Hola María José, ¿qué tal?',
    'Dear Dr. Ruiz, I read your paper.',
    'Hi Bob, quick question about pricing.',
    'Hello Robert, we met at the meetup.',
    'Hi Samir Samir, our platform cuts costs.',
    'Hi Data Engineer, we are hiring.',
    'Hello Team, thanks!',
    'Hi Zoe, loved your post.',
    'Hi Zoë, loved your post.',
    'Hey Jon. Long time.',
    'Hi J. Smith, hello.',
    'Hi Alexandros, good to see you here.',
    'Hi there, nice profile.',
    'Hi samir, lower case.',
    'Hi Ólafur, welcome.',
    'Hi 山田, こんにちは',
    'Hi Robin, it is me.',
  ];
  const CONTEXTS: NoteContext[] = [
    {},
    { recipientName: 'Ana López', recipientFirstName: 'Ana', sender: 'Robin Example' },
    { recipientName: 'Robert Smith', sender: 'Samir Haddad' },
    { recipientName: 'Zoë Kovač', sender: 'owner:Robin Example' },
    { recipientFirstName: 'Alex', sender: 'Robin Example' },
    { recipientName: 'Jonathan Ruiz', recipientFirstName: 'Jonathan', sender: 'Jane Doe' },
    { recipientName: 'Ólafur Arnalds', sender: 'Bob' },
  ];

  it('fires the same name debris as the reference, the first time and every time after', () => {
    const seen = new Set<string>();
    for (let round = 0; round < 3; round++) {
      for (const text of TEXTS) {
        for (const ctx of CONTEXTS) {
          const got: Fired[] = [];
          fireDebris(text, ctx, got, []);
          const want: Fired[] = [];
          nameDebrisReference(text, ctx, want);
          expect(got, `${text} / ${JSON.stringify(ctx)}`).toEqual(want);
          for (const f of got) seen.add(f.id);
        }
      }
    }
    expect([...seen].sort()).toEqual(['bot.field_greeting', 'bot.own_name', 'bot.wrong_name']);
  });
});

describe('a position read once per text', () => {
  it('gives what it gave the first time, and nothing without a position or company', () => {
    const cases: [string | undefined, string | undefined][] = [
      [undefined, undefined],
      ['', ''],
      ['  ', undefined],
      ['Senior Technical Recruiter', undefined],
      [undefined, 'GLG'],
      ['Account Executive', 'Acme'],
      ['Engineer', 'Acme'],
    ];
    const first = cases.map(([p, c]) => roleFromPosition(p, c));
    for (let round = 0; round < 3; round++) cases.forEach(([p, c], i) => expect(roleFromPosition(p, c)).toEqual(first[i]));
    expect(first.map((r) => r?.rule ?? null)).toEqual([
      null,
      null,
      null,
      'role.context.position_recruiter',
      'role.context.position_expert_network',
      'role.context.position_vendor',
      null,
    ]);
  });
});

describe("an export's classified CRs, their reasons interned", () => {
  it("hold exactly what each note's classification holds (interning shares objects, it changes no field)", () => {
    const texts = [...new Set(dev.map((n) => n.text))].slice(0, 80);
    const requests: ConnectionRequest[] = [];
    texts.forEach((text, t) => {
      for (let k = 0; k < 4; k++) {
        const i = t * 4 + k;
        const outgoing = (t + k) % 3 === 0;
        requests.push(requestOf(i, text, outgoing));
      }
    });
    const connections = [{ key: 'name:1', name: NAMES[1], profileUrl: null, company: 'Acme Talent', position: 'Technical Recruiter', connectedOn: null }];
    const context = { profile: null, connections };
    const plain = classifyInbox(notesOfRequests(requests, context));
    const out = classifyRequests(requests, context);
    expect(out.length).toBe(requests.length);
    for (const r of out) {
      const c = plain.get(r.id)!;
      const { category, verdict, confidence, reasons, role, roleReasons, advice, cluster, kept } = r;
      expect(JSON.stringify({ category, verdict, confidence, reasons, role, roleReasons, advice, cluster, kept }), r.id).toBe(
        JSON.stringify({ category: c.category, verdict: c.verdict, confidence: c.confidence, reasons: c.reasons, role: c.role, roleReasons: c.roleReasons, advice: c.advice, cluster: c.cluster, kept: c.kept }),
      );
    }
    // a decision shared by a template's copies (its lists frozen) is interned once: its copies hold one list
    const byList = new Map<object, Set<object>>();
    for (const c of plain.values()) {
      for (const list of [c.reasons, c.roleReasons]) if (list.length > 0 && Object.isFrozen(list)) byList.set(list, new Set());
    }
    expect(byList.size).toBeGreaterThan(20);
    for (const r of out) {
      const c = plain.get(r.id)!;
      byList.get(c.reasons)?.add(r.reasons);
      byList.get(c.roleReasons)?.add(r.roleReasons);
    }
    for (const interned of byList.values()) expect(interned.size).toBeLessThanOrEqual(1);
  });
});

describe('CRs without a note: one preparation per direction, shared', () => {
  const positions: [string | undefined, string | undefined][] = [
    [undefined, undefined],
    ['Technical Recruiter', 'Acme Talent'],
    [undefined, 'GLG'],
  ];
  /** Empty notes in both directions, some to counterparts with a position; notes with words between them. */
  function requests(): { requests: ConnectionRequest[]; connections: Connection[] } {
    const out: ConnectionRequest[] = [];
    const connections: Connection[] = [];
    for (let i = 0; i < 60; i++) {
      const text = i % 10 === 9 ? 'Hi, we are hiring a Senior Engineer (remote, $150k) at Acme: interested?' : i % 10 === 4 ? '   ' : '';
      out.push(requestOf(i, text, i % 2 === 0));
      const [position, company] = positions[i % positions.length];
      if (position || company) connections.push({ key: `name:${i}`, name: NAMES[i % NAMES.length], profileUrl: null, company: company ?? '', position: position ?? '', connectedOn: null });
    }
    return { requests: out, connections };
  }

  it('shares one frozen preparation among the notes without words and without a position', () => {
    const notes: NoteInput[] = [
      { id: 'a', text: '', direction: 'INCOMING' },
      { id: 'b', text: '', direction: 'INCOMING' },
      { id: 'c', text: ' \u{1F44B} ', direction: 'INCOMING' },
      { id: 'd', text: '', direction: 'OUTGOING' },
      { id: 'e', text: '', direction: 'INCOMING', counterpartPosition: 'Technical Recruiter' },
    ];
    const p = prepareInbox(notes);
    expect(p.get('a')).toBe(p.get('b'));
    expect(p.get('a')).toBe(p.get('c'));
    expect(p.get('d')).not.toBe(p.get('a'));
    expect(p.get('e')).not.toBe(p.get('a')); // a position gives the role: its own preparation
    const shared = p.get('a')! as Prepared & { decided: object };
    expect(Object.isFrozen(shared) && Object.isFrozen(shared.decided) && Object.isFrozen(shared.role) && Object.isFrozen(shared.role.ctx)).toBe(true);
  });

  it('gives each CR the verdict of rule 1 and the role of its position, whatever was classified before it, in any view', () => {
    const { requests: list, connections } = requests();
    const context = { profile: null, connections };
    // a view that re-grades (keep) and results written to afterwards must leave the shared preparation as it was
    for (const keep of [['recruiter'] as const, [] as const]) {
      const out = classifyRequests(list.map((r) => ({ ...r, counterpart: { ...r.counterpart } })), context, { keep: [...keep] });
      for (const r of out) {
        if (r.message.trim() !== '') continue;
        const position = connections.find((c) => c.key === r.counterpart.key);
        const role = roleFromPosition(position?.position || undefined, position?.company || undefined);
        expect({ category: r.category, verdict: r.verdict, confidence: r.confidence, reasons: r.reasons, role: r.role, roleReasons: r.roleReasons, kept: r.kept }, r.id).toEqual({
          category: 'no_message',
          verdict: 'NEITHER',
          confidence: 1,
          reasons: [],
          role: role?.role ?? 'unknown',
          roleReasons: role ? [role] : [],
          kept: undefined,
        });
        // a caller changing its copy changes no other CR's
        r.verdict = 'ACCEPT';
        r.role = 'recruiter';
      }
    }
    const again = classifyNote('', { direction: 'INCOMING' });
    expect(again).toEqual({ category: 'no_message', verdict: 'NEITHER', confidence: 1, reasons: [], role: 'unknown', roleReasons: [] });
    again.category = 'good';
    expect(classifyNote('', { direction: 'INCOMING' }).category).toBe('no_message');
  });
});
