import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderYearReport } from '../../../functions/audit/report/index.ts';
import type { ClassifiedRequest } from '../../../functions/audit/model.ts';
import { coverage, cr, OWNER, sentTemplate } from '../../helpers/report-fixtures.ts';
import { tags, visibleText } from '../../helpers/html-tokens.ts';

const PAYLOADS = [
  '<script>window.__pwned = 1</script>',
  '"><img src=x onerror=alert(1)>',
  "\" onmouseover=\"alert('x')\" data-x=\"",
  "' onfocus='alert(1)' autofocus='",
  '</blockquote></section><svg onload=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '<style>body{background:url(https://evil.example/x.png)}</style>',
  '<!-- comment --> &amp; &lt;b&gt;',
];

function hostileRequests(p: string, i = 0): ClassifiedRequest[] {
  const cluster = { id: `c${i}`, kind: 'coworker' as const, size: 2, senders: 2, recipients: 1, company: p, example: `Cluster ${p}`, pattern: `Cluster ${p}` };
  return [
    cr({
      category: 'sales_pitch',
      name: `${p} Name${i}`,
      company: p,
      profileUrl: i % 3 === 0 ? 'javascript:alert(document.domain)' : i % 3 === 1 ? `https://www.linkedin.com/in/x${p}` : `https://evil.example/${p}`,
      message: `Hello ${p} buy now`,
      reasons: [[`rule.${p}`, p, 5]],
      advice: `Advice ${p}`,
    }),
    ...[1, 2].map((n) => cr({ category: 'coworker_template', name: `Coworker${n} ${p}`, company: p, message: `Cluster ${p}`, reasons: [['tpl', p, 1]], cluster })),
    cr({ category: 'good', name: `Good ${p}`, message: `Great talk ${p}`, reasons: [['good', p, 1]], profileUrl: `https://www.linkedin.com/in/good-${i}` }),
    cr({ category: 'too_much_too_soon', direction: 'OUTGOING', name: `Sent ${p}`, message: `Please like ${p}`, reasons: [['ask', p, 2]], outcome: 'pending' }),
    // The owner's template: its pattern is shown in the templates table.
    ...sentTemplate({ id: `tpl-${i}-${p}`, pattern: `Hi {name}, template ${p}`, names: ['Tia One', 'Uli Two', 'Van Three'], accepted: 1 }),
  ];
}

/** The invariants of a safe page. */
function assertInert(html: string) {
  const { tags: all, unreadable } = tags(html);
  expect(unreadable).toEqual([]);
  const names = new Set(all.map((t) => t.name));
  for (const forbidden of ['script', 'iframe', 'object', 'embed', 'img', 'form', 'input', 'base', 'link', 'textarea']) {
    expect(names.has(forbidden), `<${forbidden}> in output`).toBe(false);
  }
  // Exactly one <style> (ours) and the CSP.
  expect(all.filter((t) => t.name === 'style')).toHaveLength(1);
  const csp = all.find((t) => t.name === 'meta' && t.attrs['http-equiv'] === 'Content-Security-Policy');
  expect(csp?.attrs.content).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; img-src data:/);
  expect(csp?.attrs.content).not.toMatch(/script-src/);
  for (const t of all) {
    for (const [attr, value] of Object.entries(t.attrs)) {
      expect(attr.startsWith('on'), `${attr} on <${t.name}>`).toBe(false);
      expect(['src', 'srcdoc', 'formaction', 'xlink:href', 'autofocus'].includes(attr), `${attr} on <${t.name}>`).toBe(false);
      if (attr === 'href') expect(value.startsWith('#') || value.startsWith('https://www.linkedin.com/'), value).toBe(true);
      if (attr === 'style') expect(value).not.toMatch(/url\(|expression|javascript/i);
    }
  }
}

describe('the page with hostile notes, names, companies and URLs', () => {
  const html = renderYearReport({
    requests: PAYLOADS.flatMap(hostileRequests),
    coverages: [coverage('<script>alert(1)</script>.zip', '2025-12-31')],
    year: 2025,
    owner: { name: '<script>alert("owner")</script>', profileUrl: 'javascript:alert(1)' },
    generatedAt: '2026-01-02T00:00:00Z',
  });

  it('renders no script, no event handler, no foreign link', () => {
    assertInert(html);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/href="javascript:/i);
  });

  it('shows every payload as text, where it was (note, name, company, advice, cluster, sent note)', () => {
    for (const [i, p] of PAYLOADS.entries()) {
      const page = renderYearReport({ requests: hostileRequests(p, i), coverages: [], year: 2025, owner: OWNER, generatedAt: '2026-01-02T00:00:00Z' });
      assertInert(page);
      const text = visibleText(page);
      for (const shown of [`Hello ${p} buy now`, `${p} Name${i}`, `Advice ${p}`, `Cluster ${p}`, `all from ${p}`, `Great talk ${p}`, `Good ${p}`, `Please like ${p}`, `Sent ${p}`, `Hi {name}, template ${p}`]) {
        expect(text).toContain(shown);
      }
    }
    const text = visibleText(html);
    expect(text).toContain('<script>alert("owner")</script>');
    expect(text).toContain('<script>alert(1)</script>.zip');
  });

  it('links only to vetted LinkedIn profiles, with the URL encoded', () => {
    const links = tags(html).tags.filter((t) => t.name === 'a' && !t.attrs.href.startsWith('#'));
    expect(links.length).toBeGreaterThan(0);
    for (const a of links) {
      expect(() => new URL(a.attrs.href)).not.toThrow();
      expect(new URL(a.attrs.href).hostname).toBe('www.linkedin.com');
      expect(a.attrs.href).not.toMatch(/["<> ]/);
      expect(a.attrs.rel).toContain('noreferrer');
    }
  });

  it('the redacted variant is inert too and has no profile link at all', () => {
    const redacted = renderYearReport({ requests: PAYLOADS.flatMap(hostileRequests), coverages: [], year: 2025, owner: OWNER, redact: true, generatedAt: '2026-01-02T00:00:00Z' });
    assertInert(redacted);
    expect(tags(redacted).tags.filter((t) => t.name === 'a' && !t.attrs.href.startsWith('#'))).toEqual([]);
    expect(visibleText(redacted)).not.toContain('Whitfield');
  });

  it('stays inert for arbitrary text in every user field (property)', () => {
    const text = fc.string({ unit: fc.constantFrom(...'<>"\'&=/ :;()`aonjsvcript\n\\x'.split('')), maxLength: 40 });
    fc.assert(
      fc.property(text, text, text, text, text, (message, name, company, url, evidence) => {
        const r = cr({ category: 'sales_pitch', name, company, profileUrl: `https://www.linkedin.com/in/${url}`, message: `${message} ${evidence}`, reasons: [['r', evidence, 1]] });
        const g = cr({ category: 'good', name: url, profileUrl: url, message, reasons: [['g', evidence, 1]] });
        const out = renderYearReport({ requests: [r, g], coverages: [], year: 2025, owner: { name, profileUrl: url }, generatedAt: '2026-01-02T00:00:00Z' });
        assertInert(out);
        expect(visibleText(out)).toContain(`${message} ${evidence}`.trim() === '' ? '' : `${message} ${evidence}`.replace(/\s+$/, ''));
      }),
      { numRuns: 60 },
    );
  });
});
