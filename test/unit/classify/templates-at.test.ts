import { describe, expect, it } from 'vitest';
import { findTemplates, findTemplatesAt, type TemplateInput } from '../../../functions/audit/classify/templates.ts';

const body = 'I help founders like you book more qualified demos every single week with our outbound team';
const notes: TemplateInput[] = [
  ...['Ana', 'Ben', 'Cleo', 'Dev'].map((to, i) => ({ id: `s${i}`, text: `Hi ${to}, ${body}`, sender: 'Sam Seller', names: [to], recipient: `r:${to}` })),
  ...['Eli', 'Fay'].map((from, i) => ({ id: `u${i}`, text: `Hello, ${body}. ${from}`, sender: from, names: [from], senderCompany: i === 0 ? 'Acme' : 'Other' })),
  { id: 'alone', text: 'Loved your talk on query planners at PGConf last week, would like to stay in touch', sender: 'Gus', names: ['Gus'] },
  { id: 'short', text: 'hi', sender: 'Hal' },
];

describe('findTemplatesAt (notes made on demand)', () => {
  it('finds what findTemplates finds on the same notes', () => {
    const made: number[] = [];
    const onDemand = findTemplatesAt(notes.length, (i) => {
      made.push(i);
      return { ...notes[i], names: [...(notes[i].names ?? [])] };
    });
    const all = findTemplates(notes);
    expect(all.size).toBeGreaterThan(0);
    // by position: each note's template, undefined where findTemplates has none for its id
    expect(onDemand).toHaveLength(notes.length);
    notes.forEach((n, i) => expect(onDemand[i]).toEqual(all.get(n.id)));
    expect(onDemand.filter((m) => m !== undefined)).toHaveLength(all.size);
    // every note is made once to find the keys; only notes of a template are made again
    const again = made.slice(notes.length);
    expect(again.every((i) => all.has(notes[i].id))).toBe(true);
  });
});
