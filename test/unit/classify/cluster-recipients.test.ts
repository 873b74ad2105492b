import { describe, expect, it } from 'vitest';
import { classifyInbox, type NoteInput } from '../../../functions/audit/classify/index.ts';
import { clusterTemplates } from '../../../functions/audit/classify/cluster.ts';

const pitch = (name: string) =>
  `Hi ${name}, our HIPAA-ready texting app lets your front desk confirm patient appointments in one tap. Worth a look this week?`;

describe('template clusters in a batch of notes written to different people', () => {
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

  it('a template from senders of different companies is a bot cluster whoever it was sent to', () => {
    const text = 'Hi there! your profile came up in my feed and I was truly impressed by your journey. Let us connect and grow together';
    const res = clusterTemplates([
      { id: '1', text, sender: 'A One', senderCompany: 'Kinsale Growth', recipient: 'Nurse | Hospitals' },
      { id: '2', text, sender: 'B Two', senderCompany: 'Orbisphere Media', recipient: 'Welder | Manufacturing' },
      { id: '3', text, sender: 'C Three', senderCompany: 'Valemont Trading', recipient: 'Teacher | Education' },
    ]);
    expect([...res.values()].map((r) => r.kind)).toEqual(['bot', 'bot', 'bot']);
  });

  it('notes without a recipient (an export: every received note is to the owner) cluster as before', () => {
    const res = clusterTemplates(
      ['Devon Hale', 'Brianna Colt'].map((sender, i) => ({ id: String(i), text: pitch('Wendy'), sender, senderCompany: 'Textwise Health' })),
    );
    expect(res.get('0')?.kind).toBe('coworker');
  });
});
