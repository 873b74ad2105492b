/**
 * "Your templates, graded" (gradeSentTemplates), the best-three and hall-of-fame exclusion of
 * templates sent to many people, and "unsure" verdicts in the report model and page.
 */
import { describe, expect, it } from 'vitest';
import { buildReportModel, gradeSentTemplates, isMassTemplate, renderYearReport } from '../../../functions/audit/report/index.ts';
import type { ClassifiedRequest } from '../../../functions/audit/model.ts';
import { coverage, cr, OWNER, sentTemplate } from '../../helpers/report-fixtures.ts';
import { visibleText } from '../../helpers/html-tokens.ts';

const base = { coverages: [coverage('x.zip', '2025-12-31')], year: 2025, owner: OWNER, generatedAt: '2026-01-02T00:00:00.000Z' };

const TWELVE = ['Ana Silva', 'Ben Okafor', 'Cleo Marsh', 'Dev Rao', 'Eli Stone', 'Fay Lund', 'Gus Hale', 'Hana Ito', 'Ivo Berg', 'Jo Park', 'Kai Moss', 'Lia Chen'];
const BOT_PATTERN = 'Hi {name}, thanks for connecting! I help founders scale their outbound. Open to a quick chat?';

function twelveBot(accepted = 4): ClassifiedRequest[] {
  return sentTemplate({ id: 'tpl-bot', pattern: BOT_PATTERN, names: TWELVE, accepted });
}

function oneByOne(): ClassifiedRequest[] {
  return [
    cr({ category: 'good', direction: 'OUTGOING', name: 'Mo Adams', outcome: 'accepted', message: 'Loved your DataConf talk on CSV parsing; I maintain a parser too. Would be glad to connect.', reasons: [['good.talk', 'Loved your DataConf talk', 2]] }),
    cr({ category: 'good', direction: 'OUTGOING', name: 'Nia Bell', outcome: 'pending', message: 'We met at the Berlin product meetup; your pricing question stuck with me.', reasons: [['good.event', 'We met at the Berlin product meetup', 2]] }),
    cr({ category: 'too_much_too_soon', direction: 'OUTGOING', name: 'Oz Kerr', outcome: 'accepted', message: 'Could you refer me for the data role at your company?', reasons: [['ask.refer', 'refer me', 2]] }),
  ];
}

describe('gradeSentTemplates', () => {
  it('groups the sent notes by one-sender template, with sent, accepted, rate and verdict, most sent first', () => {
    const twice = sentTemplate({ id: 'tpl-two', pattern: 'Hi {name}, your post on dbt tests changed how we test. Glad to connect?', names: ['Pia Roth', 'Quinn Yu'], accepted: 2, category: 'good' });
    const three = sentTemplate({ id: 'tpl-three', pattern: 'Hello {name}, growing my network in fintech.', names: ['Ray Cole', 'Sue Ng', 'Tim Fox'], accepted: 0 });
    const received = cr({ category: 'bot', name: 'Uma Lee', message: 'Hi {first_name}', cluster: { id: 'in-1', kind: 'one_sender', size: 3, senders: 1, recipients: 3, example: 'x', pattern: 'x' } });
    const noNote = cr({ category: 'no_message', direction: 'OUTGOING', name: 'Vic Hart', outcome: 'accepted' });
    const g = gradeSentTemplates([...twice, ...twelveBot(4), ...oneByOne(), ...three, received, noNote]);

    expect(g.templates.map((t) => [t.id, t.sent, t.recipients, t.accepted, t.pending, t.category, t.verdict])).toEqual([
      ['tpl-bot', 12, 12, 4, 8, 'bot', 'IGNORE'],
      ['tpl-three', 3, 3, 0, 3, 'bot', 'IGNORE'],
      ['tpl-two', 2, 2, 2, 0, 'good', 'ACCEPT'],
    ]);
    expect(g.templates[0].rate).toBeCloseTo(4 / 12);
    expect(g.templates[0].pattern).toBe(BOT_PATTERN);
    expect(g.templates[0].recipientsInAll).toBe(12);
    expect(g.templates[1].rate).toBe(0);
    expect(g.templates[2].rate).toBe(1);
    // Neither the received note nor the sent request without a note is counted.
    expect(g.withNote).toBe(12 + 3 + 2 + 3);
    expect(g.oneByOne).toMatchObject({ sent: 3, accepted: 2, pending: 1, unknown: 0, byVerdict: { ACCEPT: 2, IGNORE: 1, NEITHER: 0 }, unsure: 0 });
    expect(g.oneByOne.rate).toBeCloseTo(2 / 3);
    expect(g.outcomesKnown).toBe(true);
  });

  it('a note in a cluster of another kind is written one by one; the category is the majority one', () => {
    const mixed = sentTemplate({ id: 'tpl-mixed', pattern: 'Hi {name}, thanks for connecting!', names: ['A Aa', 'B Bb', 'C Cc'] });
    mixed[2] = { ...mixed[2], category: 'irrelevant', verdict: 'IGNORE', confidence: 0.99 };
    const shared = cr({ category: 'bot', direction: 'OUTGOING', name: 'D Dd', message: 'Same words', cluster: { id: 'many', kind: 'many_senders', size: 2, senders: 2, recipients: 2, example: 'Same words', pattern: 'Same words' } });
    const g = gradeSentTemplates([...mixed, shared]);
    expect(g.templates).toHaveLength(1);
    expect(g.templates[0].category).toBe('bot');
    expect(g.templates[0].confidence).toBeCloseTo(0.9);
    expect(g.oneByOne.sent).toBe(1);
  });

  it('without Connections.csv the outcomes are unknown: no rate, and it says so', () => {
    const g = gradeSentTemplates(sentTemplate({ id: 't', pattern: 'Hi {name}, thanks for connecting!', names: TWELVE.slice(0, 5), outcomesUnknown: true }));
    expect(g.outcomesKnown).toBe(false);
    expect(g.templates[0]).toMatchObject({ sent: 5, accepted: 0, pending: 0, unknown: 5, rate: null });
  });

  it('counts only the year asked for', () => {
    const spread = sentTemplate({ id: 't', pattern: 'Hi {name}!', names: TWELVE.slice(0, 4), sentAt: (i) => `${i < 3 ? 2025 : 2024}-05-0${i + 1}T12:00:00.000Z` });
    expect(gradeSentTemplates(spread, 2025).templates[0].sent).toBe(3);
    expect(gradeSentTemplates(spread, 2024).templates[0]).toMatchObject({ sent: 1, recipients: 1, recipientsInAll: 4 });
    expect(gradeSentTemplates(spread, 2023).withNote).toBe(0);
  });

  it('marks an unsure template verdict', () => {
    const g = gradeSentTemplates(sentTemplate({ id: 't', pattern: 'Hi {name}, nice profile.', names: ['A Aa', 'B Bb'], category: 'irrelevant', confidence: 0.52 }));
    expect(g.templates[0]).toMatchObject({ unsure: true, confidence: 0.52, verdict: 'IGNORE' });
  });
});

describe('a template sent to many people is never among the best', () => {
  it('isMassTemplate: one sender to 3+ people, or any cluster of several senders', () => {
    const cluster = (kind: 'one_sender' | 'many_senders' | 'coworker', recipients: number) => ({ cluster: { id: 'c', kind, size: recipients, senders: 1, recipients, example: '', pattern: '' } });
    expect(isMassTemplate({})).toBe(false);
    expect(isMassTemplate(cluster('one_sender', 2))).toBe(false);
    expect(isMassTemplate(cluster('one_sender', 3))).toBe(true);
    expect(isMassTemplate(cluster('many_senders', 1))).toBe(true);
    expect(isMassTemplate(cluster('coworker', 1))).toBe(true);
  });

  it('"Your best three" leaves out a good template sent to 12 people, however high it scores, and keeps one sent to 2', () => {
    const massGood = sentTemplate({ id: 'tpl-good', pattern: 'Hi {name}, loved your talk at DataConf! Would be glad to connect.', names: TWELVE, accepted: 10, category: 'good', reasons: [['good.talk', 'loved your talk at DataConf', 50]] });
    const twice = sentTemplate({ id: 'tpl-two', pattern: 'Hi {name}, your post on dbt tests changed how we test.', names: ['Pia Roth', 'Quinn Yu'], category: 'good', reasons: [['good.post', 'your post on dbt tests', 1]] });
    const m = buildReportModel({ ...base, requests: [...massGood, ...twice, ...oneByOne()] });
    const best = m.sent.best.map((e) => e.counterpart.name);
    expect(best).toHaveLength(3);
    expect(best.some((n) => TWELVE.includes(n))).toBe(false);
    expect(best).toEqual(expect.arrayContaining(['Mo Adams', 'Nia Bell']));
    expect(best.filter((n) => n === 'Pia Roth' || n === 'Quinn Yu')).toHaveLength(1);
    // It is still graded in the templates table.
    expect(m.sent.templates.rows[0]).toMatchObject({ id: 'tpl-good', sent: 12, accepted: 10, verdict: 'ACCEPT' });
  });

  it('the hall of fame leaves out good notes that several senders sent, and a sender\'s template to 3+', () => {
    const shared = ['F Six', 'G Seven'].map((name) => cr({ category: 'good', name, message: 'Great talk at the summit!', reasons: [['good.talk', 'Great talk', 90]], cluster: { id: 'c4', kind: 'many_senders', size: 2, senders: 2, recipients: 1, example: 'Great talk at the summit!', pattern: 'Great talk at the summit!' } }));
    const fromOneSender = cr({ category: 'good', name: 'H Eight', message: 'Loved your webinar', reasons: [['good.webinar', 'Loved your webinar', 80]], cluster: { id: 'c5', kind: 'one_sender', size: 5, senders: 1, recipients: 5, example: 'x', pattern: 'x' } });
    const real = cr({ category: 'good', name: 'I Nine', message: 'Your article on CSV quoting saved my week; glad to connect.', reasons: [['good.article', 'Your article on CSV quoting', 1]] });
    const m = buildReportModel({ ...base, requests: [...shared, fromOneSender, real] });
    expect(m.hallOfFame.map((e) => e.counterpart.name)).toEqual(['I Nine']);
  });

  it('prefers confident verdicts: an unsure good note ranks after a confident one, in the best three and the hall of fame', () => {
    const unsureHigh = (direction: 'INCOMING' | 'OUTGOING') => cr({ category: 'good', direction, name: `Unsure ${direction}`, confidence: 0.45, message: 'Saw your post, connect?', reasons: [['good.post', 'Saw your post', 9]] });
    const sureLow = (direction: 'INCOMING' | 'OUTGOING') => cr({ category: 'good', direction, name: `Sure ${direction}`, confidence: 0.9, message: 'We met at the Lisbon meetup; your demo on retries was great.', reasons: [['good.event', 'We met at the Lisbon meetup', 1]] });
    const m = buildReportModel({ ...base, requests: [unsureHigh('INCOMING'), sureLow('INCOMING'), unsureHigh('OUTGOING'), sureLow('OUTGOING')] });
    expect(m.hallOfFame.map((e) => [e.counterpart.name, e.unsure])).toEqual([['Sure INCOMING', false], ['Unsure INCOMING', true]]);
    expect(m.sent.best.map((e) => e.counterpart.name)).toEqual(['Sure OUTGOING', 'Unsure OUTGOING']);
  });

  it('"Never send these again" puts the note sent to the most people first and says how many got it', () => {
    const m = buildReportModel({ ...base, requests: [...twelveBot(), ...oneByOne()] });
    expect(m.sent.neverAgain[0]).toMatchObject({ category: 'bot', sentTo: 12 });
    expect(m.sent.neverAgain).toHaveLength(2); // the template once, and the referral ask
    const text = visibleText(renderYearReport({ ...base, requests: [...twelveBot(), ...oneByOne()] }));
    expect(text).toContain('You sent this note to 12 people; only the name changed.');
  });
});

describe('the templates table in the page', () => {
  it('shows one row per template with sent, accepted, rate and verdict, and the notes written one by one', () => {
    const html = renderYearReport({ ...base, requests: [...twelveBot(4), ...oneByOne()] });
    const section = html.slice(html.indexOf('<section id="templates"'), html.indexOf('</section>', html.indexOf('<section id="templates"')));
    expect(section).not.toBe('');
    const rows = [...section.matchAll(/<tr[^>]*data-template="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)];
    expect(rows.map((r) => r[1])).toEqual(['tpl-bot']);
    const cells = [...rows[0][2].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => visibleText(c[1]).trim());
    expect(cells.slice(0, 3)).toEqual(['12', '4', '33%']);
    expect(cells[3]).toContain('IGNORE');
    expect(cells[3]).toContain('Bot');
    expect(visibleText(rows[0][2])).toContain('Hi {name}, thanks for connecting!');
    const foot = visibleText(section.slice(section.indexOf('<tfoot>'), section.indexOf('</tfoot>')));
    expect(foot).toMatch(/Notes written one by one\s*3\s*2\s*67%/);
    expect(visibleText(section)).toMatch(/Accepted: 33% of your templated notes, 67% of the notes you wrote one by one/);
    expect(html).toContain('href="#templates"');
  });

  it('says the outcomes are unknown without Connections.csv', () => {
    const html = renderYearReport({ ...base, requests: sentTemplate({ id: 't', pattern: BOT_PATTERN, names: TWELVE, outcomesUnknown: true }) });
    const text = visibleText(html);
    expect(text).toContain('Whether they were accepted is unknown: the export has no Connections.csv');
    expect(text).not.toMatch(/Accepted: \d+%/);
  });

  it('has no templates section when the owner sent no note', () => {
    const html = renderYearReport({ ...base, requests: [cr({ category: 'no_message', direction: 'OUTGOING', outcome: 'accepted' })] });
    expect(html).not.toContain('id="templates"');
    expect(html).not.toContain('href="#templates"');
  });

  it('redacted: names and companies in a pattern are masked, the {name} slot stays', () => {
    const pattern = 'Hi {name}, Dana from Acme Robotics here: thanks for connecting, Lia Chen told me about you.';
    const requests = sentTemplate({ id: 't', pattern, names: TWELVE });
    requests[0] = { ...requests[0], counterpart: { ...requests[0].counterpart, company: 'Acme Robotics' } };
    const m = buildReportModel({ ...base, requests, redact: true });
    const p = m.sent.templates.rows[0].pattern;
    expect(p).toContain('{name}');
    expect(p).not.toMatch(/Dana|Acme|Lia|Chen/);
    expect(p).toContain('[company]');
    expect(buildReportModel({ ...base, requests }).sent.templates.rows[0].pattern).toBe(pattern);
  });
});

describe('unsure verdicts', () => {
  it('the model marks verdicts below 0.6 as unsure, never no_message, and counts the received ones', () => {
    const unsure = cr({ category: 'sales_pitch', name: 'Low Conf', confidence: 0.52, message: 'We build apps.', reasons: [['pitch', 'We build apps', 1]] });
    const sure = cr({ category: 'irrelevant', name: 'High Conf', confidence: 0.6, message: 'I like golf.', reasons: [['irr', 'golf', 1]] });
    const empty = cr({ category: 'no_message', confidence: 0.1 });
    const m = buildReportModel({ ...base, requests: [unsure, sure, empty] });
    expect(m.hallOfShame.find((s) => s.category === 'sales_pitch')!.worst.unsure).toBe(true);
    expect(m.hallOfShame.find((s) => s.category === 'irrelevant')!.worst.unsure).toBe(false);
    expect(m.headline.unsure).toBe(1);
  });

  it('the page shows an unsure verdict as "unsure — 0.52" with its lean, not as a bare verdict', () => {
    const unsure = cr({ category: 'sales_pitch', name: 'Low Conf', confidence: 0.52, message: 'We build apps.', reasons: [['pitch', 'We build apps', 1]] });
    const html = renderYearReport({ ...base, requests: [unsure] });
    const card = html.slice(html.indexOf('<article', html.indexOf('id="shame"')), html.indexOf('</article>', html.indexOf('id="shame"')));
    expect(visibleText(card)).toContain('unsure — 0.52');
    expect(visibleText(card)).toContain('leans IGNORE');
    expect(card).not.toContain('class="badge b-IGNORE"');
    expect(visibleText(html)).toContain('1 of these verdicts unsure');
    const sure = renderYearReport({ ...base, requests: [{ ...unsure, confidence: 0.8 }] });
    expect(sure).toContain('class="badge b-IGNORE"');
    expect(visibleText(sure)).not.toContain('unsure');
  });
});
