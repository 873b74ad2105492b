/**
 * Redaction that holds (issue 14): a `--redact` page identifies nobody. Each note of the catalogue
 * (redaction-catalogue.ts: greetings and signatures that spell names otherwise than the CSV, third
 * people, companies, addresses, in seven languages) goes through the real path: an export built
 * with export-builder, read and classified by auditExport, rendered by renderYearReport. The page's
 * text and its attribute values must hold none of the names, in any case or accent form, and still
 * show the words that say why the note was graded.
 */
import { describe, expect, it } from 'vitest';
import { auditExport } from '../../../functions/audit/audit.ts';
import { buildReportModel, renderYearReport } from '../../../functions/audit/report/index.ts';
import { canon, Redactor, redactSource, textMasker } from '../../../functions/audit/report/redact.ts';
import { buildExport } from '../../helpers/export-builder.ts';
import { CATALOGUE, fold, forbiddenOf, LANGS, leaks, OWNERS, readable, type Lang, type RedactionCase } from '../../helpers/redaction-catalogue.ts';
import { coverage, cr, OWNER } from '../../helpers/report-fixtures.ts';
import { tags, visibleText } from '../../helpers/html-tokens.ts';

const GENERATED_AT = '2026-04-01T00:00:00Z';

async function audit(lang: Lang, cases: RedactionCase[]) {
  const owner = OWNERS[lang];
  const connections = cases.filter((c) => c.company).map((c) => ({ name: c.name, company: c.company, position: 'Head of Sales' }));
  const rows = cases.map((c) => ({ direction: c.direction, name: c.name, message: c.note }));
  return auditExport(buildExport({ owner, rows, connections }));
}

async function render(lang: Lang, cases: RedactionCase[], redact: boolean): Promise<string> {
  const a = await audit(lang, cases);
  const year = a.requests[0].year;
  return renderYearReport({ requests: a.requests, coverages: [a.coverage], year, owner: a.owner, redact, generatedAt: GENERATED_AT });
}

const ALL = LANGS.flatMap((lang) => CATALOGUE[lang].map((c) => [lang, c.id, c] as const));

describe('the catalogue', () => {
  it('has notes in seven languages, more than forty in all, every id once', () => {
    expect(LANGS).toEqual(['en', 'es', 'pt', 'de', 'fr', 'it', 'nl']);
    expect(ALL.length).toBeGreaterThanOrEqual(40);
    for (const lang of ['en', 'es', 'pt', 'de', 'fr'] as const) expect(CATALOGUE[lang].length).toBeGreaterThanOrEqual(6);
    expect(new Set(ALL.map(([, id]) => id)).size).toBe(ALL.length);
  });

  it('names people in every note in a form the CSV does not have verbatim (so masking the CSV\'s names cannot pass)', () => {
    for (const [lang, id, c] of ALL) {
      const csv = new Set(`${c.name} ${OWNERS[lang].first} ${OWNERS[lang].last}`.split(/[\s-]+/u));
      expect(c.secrets.filter((s) => /^\p{L}+$/u.test(s) && !csv.has(s)), id).not.toEqual([]);
    }
    // in other spellings than any of the CSV's, not only in another case or without accents
    const other = ALL.filter(([lang, , c]) => {
      const csv = new Set(`${c.name} ${OWNERS[lang].first} ${OWNERS[lang].last}`.split(/[\s-]+/u).map(fold));
      return c.secrets.some((s) => /^\p{L}+$/u.test(s) && !csv.has(fold(s)));
    });
    expect(other.length).toBeGreaterThanOrEqual(ALL.length - 3);
  });
});

describe.each(ALL)('redacted page, %s: %s', (lang, _id, c) => {
  it('shows none of its names, companies, addresses or numbers, and the words that graded it', async () => {
    const html = await render(lang, [c], true);
    const page = readable(html);
    expect(leaks(page, forbiddenOf(lang, c))).toEqual([]);
    // the same page not redacted shows them: the check above can fail
    expect(leaks(readable(await render(lang, [c], false)), c.secrets).length).toBeGreaterThan(0);
    const text = visibleText(html);
    for (const k of c.keep) expect(text, `"${k}" is readable`).toContain(k);
    expect(tags(html).tags.filter((t) => t.name === 'a' && !t.attrs.href.startsWith('#'))).toEqual([]);
  });
});

describe.each(LANGS)('the %s notes in one export', (lang) => {
  it('redacted: the page shows none of anyone\'s names; not redacted: every shown note is as written', async () => {
    const cases = CATALOGUE[lang];
    const html = await render(lang, cases, true);
    expect(leaks(readable(html), cases.flatMap((c) => forbiddenOf(lang, c)))).toEqual([]);
    const shown = cases.filter((c) => c.keep.every((k) => visibleText(html).includes(k)));
    expect(shown.length).toBeGreaterThanOrEqual(Math.min(2, cases.length));

    const plain = visibleText(await render(lang, cases, false));
    const plainShown = cases.filter((c) => c.note.split('\n').every((line) => plain.includes(line)));
    expect(plainShown.length).toBeGreaterThanOrEqual(shown.length);
    expect(plain).toContain(`${OWNERS[lang].first} ${OWNERS[lang].last}`);
  });
});

describe('not redacted', () => {
  it.each(ALL.filter((_, i) => i % 5 === 0))('%s %s: the page shows the note as written', async (lang, _id, c) => {
    const text = visibleText(await render(lang, [c], false));
    for (const line of c.note.split('\n')) expect(text).toContain(line);
  });
});

describe('what stays readable', () => {
  const masker = textMasker(['Alex Karras', 'Dana Whitfield'], ['Corvina Labs']);

  it('keeps the note readable enough to show why it was graded', () => {
    expect(masker("Hi Alexandros, I'm a recruiter at Corvina and we help SaaS teams hire AI engineers. Free demo?")).toBe(
      "Hi A•••, I'm a recruiter at C••• and we help SaaS teams hire AI engineers. Free demo?",
    );
    expect(masker('Hi there, we met at the meetup in March. Looking forward to it!')).toBe('Hi there, we met at the meetup in March. Looking forward to it!');
    expect(masker('Dear Hiring Manager, I am a Senior Data Engineer with 10 years of Python.')).toBe(
      'Dear Hiring Manager, I am a Senior Data Engineer with 10 years of Python.',
    );
    expect(masker('Hi {first_name}, I came across your profile and was impressed.')).toBe('Hi {first_name}, I came across your profile and was impressed.');
    expect(masker('Hallo zusammen, ich habe Ihren Beitrag über Datenqualität gelesen.')).toBe('Hallo zusammen, ich habe Ihren Beitrag über Datenqualität gelesen.');
    expect(masker('Testing a hypothesis.')).toBe('Testing a hypothesis.');
  });

  it('masks greetings, sign-offs and third people in every language', () => {
    const cases: [string, string][] = [
      ['Hola Alejandro, ¿tienes un minuto?', 'Hola A•••, ¿tienes un minuto?'],
      ['Olá Alexandre, tudo bem?', 'Olá A•••, tudo bem?'],
      ['Bonjour Alexandre, merci !', 'Bonjour A•••, merci !'],
      ['Ciao Alessandro, grazie!', 'Ciao A•••, grazie!'],
      ['Dag Lex, bedankt!', 'Dag L•••, bedankt!'],
      ['Thanks for the talk. Cheers, Dee', 'Thanks for the talk. Cheers, D•••'],
      ['Gracias por todo. Saludos, Chema', 'Gracias por todo. Saludos, C•••'],
      ['Obrigado! Atenciosamente,\nZeca', 'Obrigado! Atenciosamente,\nZ•••'],
      ['Danke! Viele Grüße\nUrsel', 'Danke! Viele Grüße\nU•••'],
      ['Merci. Cordialement, Anaïs', 'Merci. Cordialement, A•••'],
      ['Grazie. Cordiali saluti, Pino', 'Grazie. Cordiali saluti, P•••'],
      ['Bedankt. Groeten, Kees', 'Bedankt. Groeten, K•••'],
      ['I met your CEO Ngozi Adeyemi at the summit.', 'I met your CEO N••• A••• at the summit.'],
      ['Write to a.karras@corvina.io or call +44 20 7946 0958.', 'Write to [email] or call [phone].'],
      ['My profile: https://www.linkedin.com/in/alex-karras-1a2b3c/', 'My profile: [profile]'],
    ];
    for (const [note, redacted] of cases) expect(masker(note)).toBe(redacted);
  });

  it('finds the CSV\'s names in any spelling: case, accents, umlauts, longer and shorter forms, nicknames, initials', () => {
    const m = textMasker(['Jürgen Müller', 'José Álvarez', 'Katherine Okafor', 'William Stone', 'Johanna Berg', 'Jean-Baptiste Roux'], []);
    for (const [note, redacted] of [
      ['Lieber Juergen Mueller, danke.', 'Lieber J••• M•••, danke.'],
      ['Was für ein Tag, MULLER!', 'Was für ein Tag, M•••!'],
      ['jose alvarez se une.', 'j••• a••• se une.'],
      ['Kate and Katie and Kathy and KAT.', 'K••• and K••• and K••• and K•••.'],
      ['Bill will send it.', 'B••• will send it.'],
      ['Jo sent it to Joe.', 'J••• sent it to J•••.'],
      ['Signed: JB', 'Signed: J•••'],
    ] as const) {
      expect(m(note)).toBe(redacted);
    }
  });
});

describe('in the model', () => {
  const base = { coverages: [coverage('Basic_LinkedInDataExport_12-01-2025.zip', '2025-12-01')], year: 2025, owner: OWNER, generatedAt: '2026-01-02T00:00:00Z' };

  it('masks a reason\'s evidence as its note is masked, so the highlight still finds it', () => {
    const r = cr({
      category: 'bot',
      name: 'Alex Karras',
      message: 'Hallo Alexandros Papadakis, tolles Profil! Lass uns vernetzen.',
      reasons: [['bot.wrong_name', 'Hallo Alexandros Papadakis (recipient: Dana Whitfield)', 2], ['bot.identical_text', 'Alexandros Papadakis, tolles Profil', 1]],
    });
    const w = buildReportModel({ ...base, requests: [r], redact: true }).hallOfShame[0].worst;
    expect(w.message).toBe('Hallo A••• P•••, tolles Profil! Lass uns vernetzen.');
    expect(w.reasons.map((x) => x.evidence)).toEqual(['Hallo A••• P••• (recipient: D••• W•••)', 'A••• P•••, tolles Profil']);
    expect(w.segments.some((s) => s.mark && s.text === 'A••• P•••, tolles Profil')).toBe(true);
  });

  it('learns a name from one note and masks it in another where nothing says it is a name', () => {
    const a = cr({ category: 'good', name: 'Ann Lee', message: 'I loved the panel with Okonkwo and the team.', reasons: [['g', 'I loved the panel', 2]] });
    const b = cr({ category: 'sales_pitch', name: 'Bo Chen', message: 'Okonkwo told me you need leads. We sell leads.', reasons: [['p', 'We sell leads', 2]] });
    const m = buildReportModel({ ...base, requests: [a, b], redact: true });
    expect(m.hallOfShame[0].worst.message).toBe('O••• told me you need leads. We sell leads.');
    expect(m.hallOfFame[0].message).toBe('I loved the panel with O••• and the team.');
  });

  it('names no export file that could name someone', () => {
    expect(redactSource('Basic_LinkedInDataExport_03-31-2026.zip', 0)).toBe('Basic_LinkedInDataExport_03-31-2026.zip');
    expect(redactSource('Invitations.csv', 0)).toBe('Invitations.csv');
    expect(redactSource('dana-whitfield-linkedin.zip', 1)).toBe('export 2.zip');
    const r = cr({ category: 'sales_pitch', message: 'Buy now.', reasons: [['p', 'Buy now', 1]] });
    const html = renderYearReport({ ...base, coverages: [coverage('dana_whitfield_2025.zip', '2025-12-01')], requests: [r], redact: true });
    expect(visibleText(html)).not.toMatch(/whitfield/i);
    expect(visibleText(renderYearReport({ ...base, coverages: [coverage('dana_whitfield_2025.zip', '2025-12-01')], requests: [r] }))).toContain('dana_whitfield_2025.zip');
  });

  it('canon folds case, accents and umlaut spellings alike', () => {
    expect(new Set(['Müller', 'Mueller', 'MULLER', 'muller'].map(canon)).size).toBe(1);
    expect(canon('José')).toBe(canon('jose'));
    expect(canon('Grüße')).toBe(canon('Gruesse'));
  });

  it('a Redactor with nobody known still masks what the notes show', () => {
    const r = new Redactor({ names: [], companies: [] }).for({ names: [], companies: [] });
    expect(r.text('Hi Priya, my friend Tomasz from Acme says hi.')).toBe('Hi P•••, my friend T••• from A••• says hi.');
  });
});
