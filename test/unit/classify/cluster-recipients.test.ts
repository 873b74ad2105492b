import { describe, expect, it } from 'vitest';
import { classifyInbox, type NoteInput } from '../../../functions/audit/classify/index.ts';
import { findTemplates } from '../../../functions/audit/classify/templates.ts';

const pitch = (name: string) =>
  `Hi ${name}, our HIPAA-ready texting app lets your front desk confirm patient appointments in one tap. Worth a look this week?`;

describe('templates in a batch of notes written to different people', () => {
  it('two people of one company sending their pitch to two different recipients is not a coworker template (nor a bot)', () => {
    const notes: NoteInput[] = [
      { id: 'a', text: pitch('Wendy'), sender: 'Devon Hale', senderCompany: 'Textwise Health', recipientProfile: 'Practice manager | Medical Practices' },
      { id: 'b', text: pitch('Ruth'), sender: 'Brianna Colt', senderCompany: 'Textwise Health', direction: 'OUTGOING', recipientProfile: 'Owner, craft brewery | Beverage Manufacturing' },
    ];
    const out = classifyInbox(notes);
    for (const id of ['a', 'b']) {
      expect(out.get(id)!.cluster).toBeUndefined();
      expect(out.get(id)!.category).not.toBe('coworker_template');
    }
  });

  it('the same people sending it to one recipient are a coworker template, sent copies included', () => {
    const to = 'Practice manager | Medical Practices';
    const notes: NoteInput[] = [
      { id: 'a', text: pitch('Wendy'), sender: 'Devon Hale', senderCompany: 'Textwise Health', recipientProfile: to },
      { id: 'b', text: pitch('Wendy'), sender: 'Brianna Colt', senderCompany: 'Textwise Health', direction: 'OUTGOING', recipientProfile: to },
      { id: 'c', text: pitch('Wendy'), sender: 'Amir Sol', senderCompany: 'Textwise Health', recipientProfile: to },
    ];
    const out = classifyInbox(notes);
    for (const id of ['a', 'b', 'c']) expect(out.get(id)!.category).toBe('coworker_template');
    expect(out.get('a')!.cluster?.senders).toBe(3);
  });

  it('a note from unrelated senders is a bot template when it reached one person, not when each sent it to someone else', () => {
    const text = 'Hi there! your profile came up in my feed and I was truly impressed by your journey. Let us connect and grow together';
    const apart = findTemplates([
      { id: '1', text, sender: 'A One', senderCompany: 'Kinsale Growth', recipient: 'Nurse | Hospitals' },
      { id: '2', text, sender: 'B Two', senderCompany: 'Orbisphere Media', recipient: 'Welder | Manufacturing' },
      { id: '3', text, sender: 'C Three', senderCompany: 'Valemont Trading', recipient: 'Teacher | Education' },
    ]);
    expect([...apart.values()].filter((m) => m.decides)).toEqual([]);
    const together = findTemplates([
      { id: '1', text, sender: 'A One', senderCompany: 'Kinsale Growth', recipient: 'Nurse | Hospitals' },
      { id: '2', text, sender: 'B Two', senderCompany: 'Orbisphere Media', recipient: 'Nurse | Hospitals' },
    ]);
    expect([...together.values()].map((m) => [m.cluster.kind, m.decides])).toEqual([['many_senders', 'bot'], ['many_senders', 'bot']]);
  });

  it('notes without a recipient (an export: every received note is to the owner) are notes to one person', () => {
    const res = findTemplates(
      ['Devon Hale', 'Brianna Colt'].map((sender, i) => ({ id: String(i), text: pitch('Wendy'), sender, senderCompany: 'Textwise Health' })),
    );
    expect(res.get('0')?.cluster.kind).toBe('coworker');
    expect(res.get('0')?.decides).toBe('coworker_template');
  });
});
