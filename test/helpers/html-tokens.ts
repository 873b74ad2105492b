/**
 * A minimal HTML tokenizer for tests (no HTML parser is installed): enough for the output of
 * preact-render-to-string, which quotes every attribute value with " and escapes & < > " inside.
 * A tag whose attributes this cannot read is reported as `unreadable`, so a test fails on it.
 */
export interface Tag {
  name: string;
  attrs: Record<string, string>;
  raw: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

export function tags(html: string): { tags: Tag[]; unreadable: string[] } {
  const out: Tag[] = [];
  const unreadable: string[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"]|"[^"]*")*)>/g)) {
    const [raw, name, rest] = m;
    const attrs: Record<string, string> = {};
    let body = rest.replace(/\/\s*$/, '').trim();
    while (body.length) {
      const a = /^([^\s"'=<>/]+)(?:="([^"]*)")?\s*/.exec(body);
      if (!a) {
        unreadable.push(raw);
        break;
      }
      attrs[a[1].toLowerCase()] = decodeEntities(a[2] ?? '');
      body = body.slice(a[0].length);
    }
    out.push({ name: name.toLowerCase(), attrs, raw });
  }
  return { tags: out, unreadable };
}

/** The text a reader sees: tags removed (style content dropped), entities decoded. */
export function visibleText(html: string): string {
  return decodeEntities(html.replace(/<style[^>]*>[\s\S]*?<\/style>/g, '').replace(/<[^>]*>/g, ''));
}
