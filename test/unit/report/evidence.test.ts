/**
 * Which evidence the report highlights in a note: spans that carry meaning, never a lone "?" or a
 * single common word; and where a highlight lands (whole words, stems, " / " pieces).
 */
import { describe, expect, it } from 'vitest';
import { evidenceInNote, isMeaningfulEvidence } from '../../../functions/audit/report/evidence.ts';
import { buildReportModel, highlight, renderYearReport } from '../../../functions/audit/report/index.ts';
import { coverage, cr, OWNER } from '../../helpers/report-fixtures.ts';
import { tags, visibleText } from '../../helpers/html-tokens.ts';

const marked = (text: string, evidence: string[]) => highlight(text, evidence).filter((s) => s.mark).map((s) => s.text);

describe('isMeaningfulEvidence', () => {
  it.each([
    // Phrases a rule fired on, even of short, function or greeting words
    'Hi there', 'Thank you', 'Book a call', 'We sell', 'free demo', "Let's connect", 'we met at', 'we were in the same', 'glad to connect', 'Thanks for connecting', 'Do you have 15 min',
    // A word of four letters or more that is not a stop word, in any language; a stem
    'demo', 'Angebot', 'gratis', 'orçamento', 'devis', 'preventivo', 'langskomen', 'veterinar', 'interested?', "j'accompagne", "m'aiderait",
    // Figures
    '30%', '$45', '149€', '10x', '$19/mo', '2.3%',
    // Mail-merge debris
    '{first_name}', '{{entreprise}}', '%firstname%', '[Name]', '$company', '______', '{hi|hello|hey}', '***name***',
  ])('highlights %j', (e) => {
    expect(isMeaningfulEvidence(e)).toBe(true);
  });

  it.each([
    // Punctuation alone
    '?', '¿', '!!!', '...', '', '   ',
    // One common word, whatever its case or punctuation
    'hi', 'Hi!', 'the', 'you', 'You?', 'work', 'connect', 'Connect!', 'network', 'LinkedIn', 'love', 'thanks',
    // Stop words and greetings of the supported languages (es, pt, de, fr, it, nl)
    'hola', '¡Hola!', 'conectemos', 'también', 'todo', 'trabajo', 'olá!', 'você', 'rede', 'conexão', 'Hallo!', 'vernetzen', 'Netzwerk', 'über',
    'bonjour !', 'réseau', 'être', 'ciao!', 'collegarmi', 'lavoro', 'perché', 'goedemorgen!', 'netwerk', 'werk',
    // Short words (under four letters) and contractions of function words
    'lol', 'cto', 'bug', "it's", "let's", "don't", 'Good!', 'merci', 'Danke',
  ])('does not highlight %j', (e) => {
    expect(isMeaningfulEvidence(e)).toBe(false);
  });
});

describe('highlight', () => {
  it('never marks a lone "?" or a single common word, and keeps the text intact', () => {
    const text = 'Hi Sam, do you work here? Could we connect? Book a call: I think you would like it?';
    const segs = highlight(text, ['?', 'Hi', 'you', 'work', 'connect', 'the', 'Book a call']);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.mark).map((s) => s.text)).toEqual(['Book a call']);
  });

  it('marks whole words, not the same letters inside another word', () => {
    expect(marked('A free demo: let me demonstrate. DEMO!', ['demo'])).toEqual(['demo', 'DEMO']);
  });

  it('marks the whole word a stem begins when the stem stands nowhere alone', () => {
    expect(marked('We help veterinary clinics automate reminders', ['veterinar'])).toEqual(['veterinary']);
    expect(marked('Wir bieten Anlagen für landwirtschaftliche Betriebe', ['für landwirt'])).toEqual(['für landwirtschaftliche']);
  });

  it('marks evidence inside an unbroken word when nothing else fits (as before)', () => {
    expect(marked('Supercalifragilisticexpialidocious networking', ['fragilistic'])).toEqual(['fragilistic']);
  });

  it('marks placeholders and figures', () => {
    expect(marked('Hi {first_name}, we saved clients 30% last year', ['{first_name}', '30%'])).toEqual(['{first_name}', '30%']);
  });
});

describe('evidenceInNote', () => {
  const note = 'Hi Dana, we help architects cut costs. Book a free demo?';
  it('a passage of the note: in the note, highlighted', () => {
    expect(evidenceInNote(note, 'Book a free demo')).toEqual({ inNote: true, spans: ['Book a free demo'] });
  });
  it('a niche and a pitch joined by " / ": both pieces highlighted', () => {
    expect(evidenceInNote(note, 'architect / we help')).toEqual({ inNote: true, spans: ['architect', 'we help'] });
  });
  it("the word model's words: in the note, not highlighted", () => {
    expect(evidenceInNote(note, 'demo, free, cut')).toEqual({ inNote: true, spans: [] });
  });
  it('a fact from the context: not in the note', () => {
    expect(evidenceInNote(note, '3 unrelated senders sent this same note')).toEqual({ inNote: false, spans: [] });
    expect(evidenceInNote(note, 'architect / plumbers')).toEqual({ inNote: false, spans: [] });
    expect(evidenceInNote(note, '')).toEqual({ inNote: false, spans: [] });
  });
});

describe('the page', () => {
  const base = { coverages: [coverage('x.zip', '2025-12-31')], year: 2025, owner: OWNER, generatedAt: '2026-01-02T00:00:00.000Z' };
  const raw = cr({
    category: 'sales_pitch',
    message: 'Hi Dana, are you open to new work? We help architects cut costs. Book a free demo?',
    reasons: [['struct.question', '?', 1], ['pitch.greeting', 'Hi', 1], ['pitch.job_offer', 'work', 1], ['pitch.offer_services', 'architect / we help', 2], ['words.sales_pitch', 'demo, free, cut', 1], ['pitch.free_offer', 'free demo', 2]],
  });
  const pitch = { ...raw, reasons: raw.reasons.map((r) => ({ ...r, description: 'A reason the rule gives' })) };

  it('highlights only the evidence that carries meaning', () => {
    const m = buildReportModel({ ...base, requests: [pitch] });
    const worst = m.hallOfShame[0].worst;
    expect(worst.segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['We help', 'architects', 'free demo']);
    // The word model's words are in the note (not "from the context"), though not highlighted.
    expect(worst.reasons.find((r) => r.rule === 'words.sales_pitch')?.inNote).toBe(true);
  });

  it('keeps rule ids out of the text: a tooltip on the reason', () => {
    const html = renderYearReport({ ...base, requests: [pitch] });
    const text = visibleText(html);
    for (const rule of ['pitch.job_offer', 'pitch.free_offer', 'struct.question', 'words.sales_pitch']) expect(text).not.toContain(rule);
    const reasons = tags(html).tags.filter((t) => t.name === 'li' && t.attrs['data-rule']);
    expect(reasons.map((t) => t.attrs.title)).toContain('Rule: pitch.job_offer');
    expect(reasons.map((t) => t.attrs['data-rule'])).toEqual(['struct.question', 'pitch.greeting', 'pitch.job_offer', 'pitch.offer_services', 'words.sales_pitch', 'pitch.free_offer']);
    // No "?" or common word is marked in the rendered note (shown in the hall of shame, and as its role's worst note, marked alike).
    const marksIn = (section: string) => [...section.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1]);
    const sectionOf = (id: string) => html.slice(html.indexOf(`<section id="${id}"`), html.indexOf('</section>', html.indexOf(`<section id="${id}"`)));
    expect(marksIn(sectionOf('shame'))).toEqual(['We help', 'architects', 'free demo']);
    expect(marksIn(sectionOf('who'))).toEqual(['We help', 'architects', 'free demo']);
  });
});
