import { describe, expect, it } from 'vitest';
import { buildReportModel, highlight, renderYearReport, safeProfileUrl } from '../../../functions/audit/report/index.ts';
import { IGNORE_CATEGORIES } from '../../../functions/audit/model.ts';
import { computeYearStats } from '../../../functions/audit/stats/index.ts';
import { coverage, cr, OWNER, sampleCoverages, sampleRequests } from '../../helpers/report-fixtures.ts';

const base = { coverages: [coverage('x.zip', '2025-12-31')], year: 2025, owner: OWNER, generatedAt: '2026-01-02T00:00:00.000Z' };

describe('buildReportModel: hall of shame', () => {
  it('picks the highest-scoring received example of each IGNORE category', () => {
    const weak = cr({ category: 'sales_pitch', message: 'We sell CRMs.', reasons: [['pitch.offer', 'We sell', 1]], confidence: 0.99 });
    const worst = cr({ category: 'sales_pitch', message: 'We sell CRMs. Book a call now!', reasons: [['pitch.offer', 'We sell', 1], ['pitch.call', 'Book a call', 2]], confidence: 0.6 });
    const sentWorse = cr({ category: 'sales_pitch', direction: 'OUTGOING', message: 'Buy buy buy', reasons: [['pitch.offer', 'Buy', 9]] });
    const bot = cr({ category: 'bot', message: 'Hi {name}', reasons: [['bot.placeholder', '{name}', 3]] });
    const m = buildReportModel({ ...base, requests: [weak, worst, sentWorse, bot] });
    expect(m.hallOfShame.map((s) => s.category)).toEqual(['sales_pitch', 'bot']);
    expect(m.hallOfShame[0].worst.id).toBe(worst.id);
    expect(m.hallOfShame[0].count).toBe(2);
    expect(m.hallOfShame[1].worst.id).toBe(bot.id);
    // The evidence is highlighted inside the note.
    expect(m.hallOfShame[0].worst.segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['We sell', 'Book a call']);
    // Without advice from the classifier, the seed's lesson is given.
    expect(m.hallOfShame[0].worst.advice).toMatch(/learn more/);
  });

  it('breaks score ties by confidence and keeps the classifier advice', () => {
    const a = cr({ category: 'irrelevant', message: 'I like baseball', reasons: [['r', 'baseball', 1]], confidence: 0.5 });
    const b = cr({ category: 'irrelevant', message: 'I like golf', reasons: [['r', 'golf', 1]], confidence: 0.7, advice: 'Say why you want to connect.' });
    const m = buildReportModel({ ...base, requests: [a, b] });
    expect(m.hallOfShame[0].worst.id).toBe(b.id);
    expect(m.hallOfShame[0].worst.advice).toBe('Say why you want to connect.');
  });

  it('lists template clusters by number of distinct senders', () => {
    const note = 'Same note for everyone';
    const cluster = { id: 'c1', kind: 'many_senders' as const, size: 3, senders: 3, recipients: 1, example: note, pattern: note };
    const requests = [
      ...['A One', 'B Two', 'C Three'].map((name) => cr({ category: 'bot', name, message: note, cluster })),
      cr({ category: 'bot', name: 'A One', message: note, cluster, sentAt: '2025-08-01T00:00:00Z' }),
      ...['D Four', 'E Five'].map((name) => cr({ category: 'coworker_template', name, company: 'Acme', message: 'Acme says hi', cluster: { id: 'c2', kind: 'coworker', size: 2, senders: 2, recipients: 1, company: 'Acme', example: 'Acme says hi', pattern: 'Acme says hi' } })),
      cr({ category: 'bot', name: 'Lonely', cluster: { id: 'c3', kind: 'many_senders', size: 1, senders: 1, recipients: 1, example: 'x', pattern: 'x' } }),
      // A good note shared by two people is not a copy-paste to shame.
      ...['F Six', 'G Seven'].map((name) => cr({ category: 'good', name, message: 'Great talk', cluster: { id: 'c4', kind: 'many_senders', size: 2, senders: 2, recipients: 1, example: 'Great talk', pattern: 'Great talk' } })),
    ];
    const m = buildReportModel({ ...base, requests });
    expect(m.clusters.map((c) => [c.id, c.senders, c.requests, c.category, c.company])).toEqual([
      ['c1', 3, 4, 'bot', null],
      ['c2', 2, 2, 'coworker_template', 'Acme'],
    ]);
  });
});

describe('buildReportModel: fame, sent and year over year', () => {
  it('orders the hall of fame by score and grades the sent CRs', () => {
    const m = buildReportModel({ requests: sampleRequests(), coverages: sampleCoverages(), year: 2025, owner: OWNER, generatedAt: '2025-12-02T00:00:00Z' });
    const fameScores = m.hallOfFame.map((e) => e.score);
    expect(fameScores).toEqual([...fameScores].sort((a, b) => b - a));
    expect(m.hallOfFame.every((e) => e.category === 'good' && e.direction === 'INCOMING')).toBe(true);
    expect(m.sent.total).toBe(6);
    expect(m.sent.neverAgain.every((e) => e.verdict === 'IGNORE' && e.direction === 'OUTGOING')).toBe(true);
    expect(m.sent.neverAgain.length).toBe(2);
    expect(m.sent.best.map((e) => e.counterpart.name)).toEqual(['Hannah Berg', 'Ivan Petrov', 'Julia Ross']);
    const good = m.sent.byCategory.find((c) => c.category === 'good')!;
    expect(good).toEqual({ category: 'good', sent: 3, accepted: 2, rate: 2 / 3 });
    expect(m.headline.sentAcceptanceRate).toBeCloseTo(3 / 6);
    expect(m.headline.worstCategory).toBe('bot');
    expect(m.yearOverYear.map((r) => r.year)).toEqual([2024, 2025]);
    const y2024 = m.yearOverYear[0];
    expect(y2024.received).toBe(6);
    expect(y2024.worstCategory).toBe('sales_pitch');
    expect(y2024.ignoreShare).toBe(3 / 4);
    expect(y2024.receivedWithNoteShare).toBe(4 / 6);
  });

  it('year over year also from stored stats of other years (given as history) when their CRs are not passed', () => {
    const all = sampleRequests();
    const full = buildReportModel({ requests: all, coverages: sampleCoverages(), year: 2025, owner: OWNER, generatedAt: '2025-12-02T00:00:00Z' });
    const stats2024 = computeYearStats(all, sampleCoverages(), 2024);
    const only2025 = all.filter((r) => r.year === 2025);
    const fromHistory = buildReportModel({ requests: only2025, coverages: sampleCoverages(), year: 2025, owner: OWNER, generatedAt: '2025-12-02T00:00:00Z', history: [stats2024] });
    expect(fromHistory.yearOverYear).toEqual(full.yearOverYear);
    const without = buildReportModel({ requests: only2025, coverages: sampleCoverages(), year: 2025, owner: OWNER, generatedAt: '2025-12-02T00:00:00Z' });
    expect(without.yearOverYear).toEqual([]);
  });

  it('has no year-over-year section with a single year, and never a never-again list of good CRs', () => {
    const m = buildReportModel({ ...base, requests: [cr({ category: 'good', direction: 'OUTGOING', reasons: [['g', 'x', 1]] })] });
    expect(m.yearOverYear).toEqual([]);
    expect(m.sent.neverAgain).toEqual([]);
    expect(m.sent.best).toHaveLength(1);
    expect(m.headline.ignoreShare).toBeNull();
    expect(IGNORE_CATEGORIES.length).toBe(6);
  });
});

describe('buildReportModel: distinct examples', () => {
  it('shows a template sent to several people once in never-again and the hall of fame', () => {
    const tpl = (name: string, w: number) => cr({ category: 'sales_pitch', direction: 'OUTGOING', name, message: `Hi ${name.split(' ')[0]}, try our lineage tool. Interested?`, reasons: [['pitch', 'Interested?', w]] });
    const other = cr({ category: 'bot', direction: 'OUTGOING', name: 'Zed Q', message: 'Hi {first_name}', reasons: [['bot', '{first_name}', 1]] });
    const goodTwice = ['Ann Lee', 'Bo Chen'].map((name) => cr({ category: 'good', name, message: `Loved your talk, ${name}!`, reasons: [['good', 'Loved your talk', 2]] }));
    const m = buildReportModel({ ...base, requests: [tpl('Camila Berg', 3), tpl('Björn Ribeiro', 3), tpl('Kim Ro', 2), other, ...goodTwice] });
    expect(m.sent.neverAgain.map((e) => e.counterpart.name)).toEqual(['Camila Berg', 'Zed Q']);
    expect(m.hallOfFame).toHaveLength(1);
  });
});

describe('redaction', () => {
  it('masks names, profile URLs and companies, also inside notes, and keeps the notes readable', () => {
    const r = cr({ category: 'sales_pitch', name: 'Brad Kessler', company: 'GrowthRocket', message: 'Hi Dana, Brad from GrowthRocket here: we help SaaS teams grow.', reasons: [['pitch', 'we help SaaS teams', 1]] });
    const m = buildReportModel({ ...base, requests: [r], redact: true });
    const w = m.hallOfShame[0].worst;
    expect(w.counterpart.name).not.toContain('Brad');
    expect(w.counterpart.name).not.toContain('Kessler');
    expect(w.counterpart.profileUrl).toBeNull();
    expect(w.counterpart.company).not.toContain('GrowthRocket');
    expect(w.message).not.toMatch(/Brad|Dana|GrowthRocket/);
    expect(w.message).toContain('we help SaaS teams grow.');
    expect(w.segments.some((s) => s.mark && s.text === 'we help SaaS teams')).toBe(true);
    expect(m.owner?.name).not.toContain('Whitfield');
    expect(m.owner?.profileUrl).toBeNull();
    // Another person's name does not mask ordinary words in this note.
    const other = cr({ category: 'good', name: 'Will Grant', message: 'Hi!', reasons: [['g', 'Hi', 1]] });
    const note = cr({ category: 'bot', name: 'Ann Lee', message: 'I will grant you access, Ann.', reasons: [['b', 'grant you access', 1]] });
    const m2 = buildReportModel({ ...base, requests: [other, note], redact: true });
    expect(m2.hallOfShame[0].worst.message).toBe('I will grant you access, A•••.');
    const plain = buildReportModel({ ...base, requests: [r] });
    expect(plain.hallOfShame[0].worst.message).toContain('Brad from GrowthRocket');
  });
});

describe('helpers', () => {
  it('safeProfileUrl keeps only https://www.linkedin.com URLs', () => {
    expect(safeProfileUrl('https://www.linkedin.com/in/jane')).toBe('https://www.linkedin.com/in/jane');
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'http://www.linkedin.com/in/x', 'https://www.linkedin.com.evil.com/in/x', 'https://evil.com/?https://www.linkedin.com/', 'https://user@www.linkedin.com/in/x', 'data:text/html,<script>', '//www.linkedin.com/in/x', 'not a url', null]) {
      expect(safeProfileUrl(bad)).toBeNull();
    }
  });

  it('highlight marks every case-insensitive occurrence and keeps the text intact', () => {
    const text = 'Book a call. BOOK A CALL! book';
    const segs = highlight(text, ['book a call', '']);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.mark).map((s) => s.text)).toEqual(['Book a call', 'BOOK A CALL']);
    expect(highlight('', ['x'])).toEqual([]);
  });
});

describe('buildReportModel: who writes to you', () => {
  const KEPT = { role: 'recruiter' as const, reason: 'you are looking for a job; this recruiter names a role ("hiring a data engineer at Northwind")' };
  const requests = () => [
    cr({ category: 'sales_pitch', role: 'recruiter', name: 'Rita Vance', company: 'Northwind', sentAt: '2025-03-03T16:00:00.000Z', message: 'Rita from Northwind here: we are hiring a data engineer at Northwind. Open to a chat?', reasons: [['pitch.job_offer', 'we are hiring', 2]], kept: KEPT }),
    cr({ category: 'sales_pitch', role: 'recruiter', sentAt: '2025-03-10T16:00:00.000Z', message: 'Great opportunities in tech, send me your CV.', reasons: [['pitch.job_offer', 'Great opportunities', 1]] }),
    cr({ category: 'sales_pitch', role: 'vendor', sentAt: '2025-03-20T16:00:00.000Z', message: 'We sell CRMs. Book a call!', reasons: [['pitch.offer', 'We sell', 2], ['pitch.call', 'Book a call', 2]] }),
    cr({ category: 'sales_pitch', role: 'vendor', sentAt: '2025-04-02T16:00:00.000Z', message: 'We sell CRMs.', reasons: [['pitch.offer', 'We sell', 1]] }),
    cr({ category: 'good', role: 'peer', sentAt: '2025-04-05T16:00:00.000Z', message: 'Loved your DataConf talk on CSV parsing.', reasons: [['good.talk', 'Loved your DataConf talk', 2]] }),
    cr({ category: 'no_message', sentAt: '2025-04-06T16:00:00.000Z' }),
    cr({ category: 'good', role: 'peer', direction: 'OUTGOING', outcome: 'accepted', sentAt: '2025-04-07T16:00:00.000Z' }),
    cr({ category: 'good', role: 'recruiter', direction: 'OUTGOING', outcome: 'pending', sentAt: '2025-04-08T16:00:00.000Z' }),
  ];

  it('counts the notes received by role, per month and by verdict, with the best and worst note of each', () => {
    const m = buildReportModel({ ...base, requests: requests(), keep: ['recruiter'] });
    const w = m.whoWrites;
    expect(w.withNote).toBe(5); // no_message is not a note
    expect(w.roles.map((r) => [r.role, r.received, r.share, r.byVerdict.ACCEPT, r.byVerdict.IGNORE, r.kept])).toEqual([
      ['recruiter', 2, 0.4, 1, 1, 1],
      ['vendor', 2, 0.4, 0, 2, 0],
      ['peer', 1, 0.2, 1, 0, 0],
    ]);
    const recruiters = w.roles[0];
    expect(recruiters.best?.kept).toContain('names a role');
    expect(recruiters.best?.category).toBe('sales_pitch'); // the seed's category stays
    expect(recruiters.worst?.message).toBe('Great opportunities in tech, send me your CV.');
    expect(w.roles[1].best).toBeNull();
    expect(w.roles[1].worst?.message).toBe('We sell CRMs. Book a call!'); // the higher score
    expect(w.roles[2].worst).toBeNull();
    expect(w.byMonth).toHaveLength(12);
    expect(w.byMonth[2]).toMatchObject({ month: '2025-03', total: 3, byRole: { recruiter: 2, vendor: 1, peer: 0 } });
    expect(w.byMonth[3]).toMatchObject({ month: '2025-04', total: 2, byRole: { vendor: 1, peer: 1, recruiter: 0 } });
    expect(w.sent).toEqual([
      { role: 'recruiter', sent: 1, accepted: 0, rate: 0 },
      { role: 'peer', sent: 1, accepted: 1, rate: 1 },
    ]);
    expect(m.view).toEqual({ name: 'job_seeker', keep: ['recruiter'], kept: 1 });
    // A kept note is not shamed: only the other recruiter pitch and the vendors' are sales pitches to shame.
    expect(m.hallOfShame.find((s) => s.category === 'sales_pitch')?.count).toBe(3);
  });

  it('says which view it shows, on the page too', () => {
    const standard = buildReportModel({ ...base, requests: requests().map((r) => ({ ...r, kept: undefined, verdict: 'IGNORE' as const })).filter((r) => r.role !== 'peer') });
    expect(standard.view).toEqual({ name: 'standard', keep: [], kept: 0 });
    const html = renderYearReport({ ...base, requests: requests(), keep: ['recruiter'] });
    expect(html).toContain("Job seeker's view");
    expect(html).toContain('id="who"');
    expect(html).toContain('names a role');
    expect(renderYearReport({ ...base, requests: requests(), keep: [] })).toContain('Standard view');
  });

  it('redacts the notes it shows and the kept reason that quotes one', () => {
    const m = buildReportModel({ ...base, requests: requests(), keep: ['recruiter'], redact: true });
    const best = m.whoWrites.roles[0].best!;
    expect(best.message).not.toMatch(/Rita|Northwind/);
    expect(best.kept).not.toMatch(/Northwind/);
    expect(best.kept).toContain('names a role');
    expect(best.counterpart.name).not.toContain('Vance');
    expect(JSON.stringify(m.whoWrites)).not.toMatch(/Rita|Vance|Northwind/);
  });
});

describe('buildReportModel: the view it names', () => {
  const kept = () => cr({ category: 'sales_pitch', role: 'recruiter', message: 'Hiring a data engineer, remote.', kept: { role: 'recruiter', reason: 'you are looking for a job; this recruiter names a role ("Hiring a data engineer")' } });
  it('without `keep`, the view the verdicts show; with it, the one given, saying when verdicts are of an earlier view', () => {
    expect(buildReportModel({ ...base, requests: [kept()] }).view).toEqual({ name: 'job_seeker', keep: ['recruiter'], kept: 1 });
    expect(buildReportModel({ ...base, requests: [cr({ category: 'good' })] }).view).toEqual({ name: 'standard', keep: [], kept: 0 });
    expect(buildReportModel({ ...base, requests: [cr({ category: 'good' })], keep: ['recruiter'] }).view).toEqual({ name: 'job_seeker', keep: ['recruiter'], kept: 0 });
    const stale = buildReportModel({ ...base, requests: [kept()], keep: [] });
    expect(stale.view).toEqual({ name: 'standard', keep: [], kept: 1 });
    expect(renderYearReport({ ...base, requests: [kept()], keep: [] })).toContain("1 note received this year still shows the job seeker's view of an earlier upload");
  });
});
