import { describe, expect, it } from 'vitest';
import { findTemplates, findTemplatesAt, wordsOfName, type TemplateInput } from '../../../functions/audit/classify/templates.ts';
import { fold } from '../../../functions/audit/classify/text.ts';

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

describe('a note\'s key without its names', () => {
  const text = (to: string, from: string) => `I read what you wrote about pricing pages, ${to}, and it changed how ${from} and I run our onboarding reviews`;
  const evidence = (list: TemplateInput[]) => [...findTemplates(list).values()].map((m) => m.evidence);

  it('drops a name of the note wherever it is (only the name changed), as templateWords with the note\'s name words does', () => {
    const names = ['Ana Lima', 'Ben Okafor', 'Cleo Park'];
    const byOwner = names.map((to, i) => ({ id: `o${i}`, text: text(to.split(' ')[0]!, 'Sam'), sender: 'owner:Sam Seller', names: ['Sam Seller', to], recipient: `r:${i}` }));
    expect(evidence(byOwner)).toEqual(Array(3).fill(expect.stringContaining('only the name changed')));
    // the sender's name is a name too, unless the sender is given as a key (`in:…`)
    const bySender = names.map((to, i) => ({ id: `s${i}`, text: text('there', to.split(' ')[0]!), sender: to, names: [], recipient: 'r:me' }));
    expect(evidence(bySender)).toEqual(Array(3).fill(expect.stringContaining('3 unrelated senders')));
    expect(findTemplates(bySender.map((n) => ({ ...n, sender: `in:${n.sender}` })))).toEqual(findTemplates(bySender.map((n) => ({ ...n, sender: `in:${n.sender}`, names: [] }))));
  });

  it('gives a repeated text the key its words give (the text\'s key kept from its second sighting on)', () => {
    const other = 'Happy to connect with people who care about calm, boring and well tested infrastructure work';
    const batch = (copies: (i: number) => string) =>
      Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, text: i % 3 === 2 ? `${other}${' '.repeat(i)}` : copies(i), sender: `in:sender-${i % 5}`, names: [], recipient: 'r:me' }));
    // the same string each time (its words worked out once, its key looked up once), and texts that differ only in
    // trailing spaces (the same words: each text's key looked up from its words)
    const found = (copies: (i: number) => string) =>
      [...findTemplates(batch(copies))].map(([id, m]) => [id, { ...m, cluster: { ...m.cluster, example: m.cluster.example.trim() } }]);
    const same = found(() => text('there', 'Sam'));
    expect(same.length).toBeGreaterThan(0);
    expect(same).toEqual(found((i) => `${text('there', 'Sam')}${' '.repeat(i + 1)}`));
  });

  it('keeps a word that is no name of the note (only the name and a short field changed)', () => {
    const notNamed = ['Ana', 'Ben', 'Cleo'].map((to, i) => ({ id: `n${i}`, text: text(to, 'Sam'), sender: 'owner:Sam Seller', names: ['', 'Zed'], recipient: `r:${i}` }));
    expect(evidence(notNamed)).toEqual(Array(3).fill(expect.stringContaining('only the name and a short field changed')));
  });
});

/** A word of letters only for each number (digits are one word to template detection). */
const wordOf = (i: number): string => {
  let w = '';
  do {
    w += String.fromCharCode(97 + (i % 26));
    i = Math.floor(i / 26);
  } while (i > 0);
  return `q${w}`;
};

describe('findTemplates past what a 2-byte word id holds', () => {
  it('finds a template whose copies come before and after the 65,536th distinct word', () => {
    const text = (company: string) => `Hi there, we at ${company} build internal tools for finance teams and would love to show you a short demo soon`;
    const copy = (id: string, to: string, company: string): TemplateInput => ({ id, text: text(company), sender: 'Sam Seller', names: [], recipient: `r:${to}` });
    // one sender's 33,000 notes of six words each seen once (198,000 distinct words): no template
    // (notes 0 and 32,768 would be one if ids were cut to 2 bytes)
    const filler: TemplateInput[] = Array.from({ length: 33_000 }, (_, i) => ({
      id: `f${i}`,
      text: Array.from({ length: 6 }, (_, w) => wordOf(6 * i + w)).join(' '),
      sender: 'Sam Filler',
      recipient: `r:${i}`,
    }));
    const found = findTemplates([copy('a1', 'ana', 'Acme'), ...filler, copy('a2', 'ben', 'Globex'), copy('a3', 'cleo', 'Acme')]);
    expect(found.get('a1')?.cluster.size).toBe(3);
    expect(found.get('a2')?.cluster.id).toBe(found.get('a1')?.cluster.id);
    expect(found.get('a3')?.decides).toBe('bot');
    expect([...found.keys()].filter((id) => id.startsWith('f'))).toEqual([]);
  });

  it('keeps a note of more words than a pool chunk holds', () => {
    const long = Array.from({ length: 70_000 }, (_, i) => wordOf(i % 500)).join(' ');
    const notes: TemplateInput[] = ['ana', 'ben', 'cleo'].map((to) => ({ id: to, text: long, sender: 'Sam Seller', names: [], recipient: `r:${to}` }));
    const found = findTemplates([...notes, { id: 'other', text: `${long} and one more`, sender: 'Sam Seller', names: [], recipient: 'r:dev' }]);
    expect(found.get('ana')?.cluster.size).toBe(4);
    expect(found.get('ana')?.decides).toBe('bot');
  });
});

describe('wordsOfName', () => {
  /** The plain path: folded, split on what is no letter, digit or apostrophe, words of two or more characters. */
  const plain = (name: string) => fold(name).split(/[^\p{L}\p{N}']+/u).filter((w) => w.length >= 2);

  it('gives what folding and splitting give, for ASCII names and the others', () => {
    const names = ['Aiyana Nguyen 0', 'ANA  LIMA', "O'Brien, Pat", 'J. R. R. Tolkien', 'Anne-Marie Dubois-Roy', 'x', '', '  ', 'Dr. Who_2 (he/him)', 'a1 b22 c333', "''", "d'Arc", 'Zoë Placeholder', 'Zoe\u0308', 'Łukasz Żółć', '李 小龙', 'Ana\u00a0Lima', 'Renée 🙂 Roy', 'Anna\tBerg\nCole', '~!@#$%^&*()_+{}|:"<>?`-=[]\\;,./'];
    for (const name of names) expect(wordsOfName(name), name).toEqual(plain(name));
  });
});
