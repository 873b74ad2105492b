/**
 * Template clustering across one inbox: normalise each note (greeting and names, URLs, e-mails,
 * numbers, placeholders, punctuation, whitespace), then find near-duplicates with MinHash over
 * word tokens and LSH buckets (banding). Each bucket keeps a few representatives and every new
 * note is verified (exact Jaccard) against them only, so the work is O(n · bands · reps):
 * sub-quadratic, a million notes stay feasible. Components are built with union-find.
 */
import type { TemplateCluster } from '../model.ts';
import { fold, foldSameLength, parseGreeting } from './text.ts';

export interface ClusterInput {
  id: string;
  text: string;
  /** Sender identity; when unknown, every note counts as its own sender. */
  sender?: string;
  senderCompany?: string;
  /**
   * Whom the note was written to, when one batch mixes recipients (`aoi classify` on notes sent to
   * different people). Absent: the inbox's owner, or anyone. Coworkers send their template to one
   * person; the same company's pitch sent to different people is judged per recipient.
   */
  recipient?: string;
}

export interface ClusterOptions {
  /** Minimum Jaccard similarity of the normalised token sets (default 0.5). */
  threshold?: number;
  /** Minimum number of distinct senders for a template cluster (default 2). */
  minSenders?: number;
  /** Minimum normalised tokens for a note to take part (default 5). */
  minTokens?: number;
}

export interface ClusterResult {
  cluster: TemplateCluster;
  /** 'coworker' when several senders share one company, else 'bot'. */
  kind: 'bot' | 'coworker';
  /** Evidence: what the senders share (e.g. "5 different senders" or "3 people from Acme"). */
  evidence: string;
}

const NUM_HASHES = 32;
const ROWS = 2;
const BANDS = NUM_HASHES / ROWS;
const MAX_REPS = 6;

const STOP = new Set(['a', 'an', 'the', 'i', 'to', 'and', 'of', 'in', 'is', 'it', 'on', 'at', 'for', 'my', 'me', 'you', 'your', 'we', 'be', 'so', 'or', 'but', 'if', 'with', 'de', 'la', 'el', 'le', 'et', 'und', 'die', 'der', 'das', 'e', 'o', 'y', 'que']);

/** Deterministic per-hash-function seeds. */
const SEEDS_A = new Uint32Array(NUM_HASHES);
const SEEDS_B = new Uint32Array(NUM_HASHES);
{
  let x = 0x9e3779b9;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  for (let i = 0; i < NUM_HASHES; i++) {
    SEEDS_A[i] = next() | 1;
    SEEDS_B[i] = next();
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Normalised content tokens of a note: what stays the same when a template is filled in. */
export function templateTokens(text: string, names: string[] = []): string[] {
  const g = parseGreeting(text);
  const body = g ? text.slice(g.end) : text;
  const s = foldSameLength(body)
    .replace(/https?:\/\/\S+|www\.\S+/g, ' url ')
    .replace(/\S+@\S+\.\S+/g, ' email ')
    .replace(/\{\{?[^}]*\}\}?|\[[^\]]*\]|%[a-z_]+%|<[^>]*>/g, ' ph ')
    .replace(/\d+(?:[.,]\d+)*/g, ' 0 ')
    .replace(/[’`´]/g, "'")
    .replace(/[^a-z0-9' ]+/g, ' ');
  const nameParts = names.length ? new Set(names.flatMap((n) => fold(n).split(/[^a-z0-9']+/)).filter((x) => x.length >= 2)) : null;
  const out: string[] = [];
  for (const t of s.split(' ')) {
    if (!t) continue;
    const w = t.charCodeAt(0) === 39 || t.charCodeAt(t.length - 1) === 39 ? t.replace(/^'+|'+$/g, '') : t;
    if (w.length < 2 && w !== '0') continue;
    if (STOP.has(w) || (nameParts && nameParts.has(w))) continue;
    out.push(w);
  }
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

class UnionFind {
  private parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const x = this.find(a);
    const y = this.find(b);
    if (x !== y) this.parent[Math.max(x, y)] = Math.min(x, y);
  }
}

const COMPANY_IN_TEXT = /\b(?:at|with|from|of|for|on the|bei|von|chez|de|da|do|na|no|en)\s+((?:\p{Lu}[\p{L}\p{N}&'’.-]*)(?:\s+(?:&\s+)?\p{Lu}[\p{L}\p{N}&'’.-]*){0,3})/gu;
const NOT_COMPANY = new Set(['linkedin', 'i', 'the', 'a', 'we', 'our', 'my']);

function normCompany(c: string): string {
  return fold(c)
    .replace(/\b(?:inc|llc|ltd|gmbh|sa|sl|sas|ltda|co|corp|corporation|company|group|systems|solutions|partners|brokers)\b\.?/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function companiesInText(text: string): string[] {
  const out: string[] = [];
  COMPANY_IN_TEXT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = COMPANY_IN_TEXT.exec(text))) {
    const c = m[1].replace(/[.’']+$/, '');
    if (!NOT_COMPANY.has(fold(c))) out.push(c);
  }
  return out;
}

/**
 * Clusters one inbox. Returns, for each note in a template cluster (≥ minSenders distinct senders),
 * the cluster and whether it is a coworker template (one company) or a bot template.
 */
export function clusterTemplates(notes: ClusterInput[], options: ClusterOptions = {}): Map<string, ClusterResult> {
  const threshold = options.threshold ?? 0.5;
  const minSenders = options.minSenders ?? 2;
  const minTokens = options.minTokens ?? 5;
  const n = notes.length;
  const sets: (Set<string> | null)[] = new Array(n);
  const uf = new UnionFind(n);
  const buckets: Map<string, number[]>[] = Array.from({ length: BANDS }, () => new Map());
  const sig = new Uint32Array(NUM_HASHES);
  const hashes: number[] = [];

  for (let i = 0; i < n; i++) {
    const note = notes[i];
    const names = note.sender ? [note.sender] : [];
    const toks = templateTokens(note.text, names);
    const set = new Set(toks);
    if (set.size < minTokens) {
      sets[i] = null;
      continue;
    }
    sets[i] = set;
    hashes.length = 0;
    for (const t of set) hashes.push(fnv1a(t));
    for (let k = 0; k < NUM_HASHES; k++) {
      let min = 0xffffffff;
      const a = SEEDS_A[k];
      const b = SEEDS_B[k];
      for (let j = 0; j < hashes.length; j++) {
        const h = mix((Math.imul(hashes[j], a) + b) >>> 0);
        if (h < min) min = h;
      }
      sig[k] = min;
    }
    for (let band = 0; band < BANDS; band++) {
      const key = `${sig[band * ROWS]}:${sig[band * ROWS + 1]}`;
      const bucket = buckets[band].get(key);
      if (!bucket) {
        buckets[band].set(key, [i]);
        continue;
      }
      let matched = false;
      for (const rep of bucket) {
        if (uf.find(rep) === uf.find(i)) {
          matched = true;
          break;
        }
        if (jaccard(set, sets[rep]!) >= threshold) {
          uf.union(rep, i);
          matched = true;
          break;
        }
      }
      if (!matched && bucket.length < MAX_REPS) bucket.push(i);
    }
  }

  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (!sets[i]) continue;
    const root = uf.find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  }

  const out = new Map<string, ClusterResult>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const senderOf = (i: number) => (notes[i].sender ? `s:${fold(notes[i].sender!).trim()}` : `id:${notes[i].id}`);
    const senders = new Set(members.map(senderOf));
    if (senders.size < minSenders) continue;
    // company shared by several senders writing to one recipient: from sender_company, else named in the notes
    const byCompany = new Map<string, { label: string; byRecipient: Map<string, Set<string>>; anyRecipient: Set<string> }>();
    const add = (label: string, i: number) => {
      const key = normCompany(label);
      if (!key) return;
      const e = byCompany.get(key) ?? { label, byRecipient: new Map(), anyRecipient: new Set<string>() };
      const to = notes[i].recipient;
      if (to === undefined) e.anyRecipient.add(senderOf(i));
      else {
        const set = e.byRecipient.get(to) ?? new Set<string>();
        set.add(senderOf(i));
        e.byRecipient.set(to, set);
      }
      byCompany.set(key, e);
    };
    for (const i of members) {
      const c = notes[i].senderCompany?.trim();
      const named = new Set<string>();
      if (c) {
        add(c, i);
        named.add(normCompany(c));
      }
      for (const t of companiesInText(notes[i].text)) {
        const key = normCompany(t);
        if (named.has(key)) continue;
        // a company named in the note counts when it matches another member's sender_company or text
        named.add(key);
        add(t, i);
      }
    }
    let best: { label: string; senders: Set<string> } | undefined;
    for (const e of byCompany.values()) {
      const groups = e.byRecipient.size ? [...e.byRecipient.values()].map((to) => new Set([...to, ...e.anyRecipient])) : [e.anyRecipient];
      for (const senders of groups) if (senders.size >= 2 && (!best || senders.size > best.senders.size)) best = { label: e.label, senders };
    }
    // one company's senders only, to different people: a campaign judged per recipient, not a bot
    const companies = new Set(members.map((i) => normCompany(notes[i].senderCompany ?? '')));
    if (!best && companies.size === 1 && !companies.has('')) continue;
    // order-independent identity: the member with the smallest id
    let first = members[0];
    for (const i of members) if (notes[i].id < notes[first].id) first = i;
    const example = notes[first].text;
    const cluster: TemplateCluster = {
      id: `tpl-${fnv1a([...sets[first]!].sort().join(' ')).toString(16).padStart(8, '0')}`,
      size: members.length,
      senders: senders.size,
      example,
    };
    let result: ClusterResult;
    if (best) {
      cluster.company = best.label;
      result = { cluster, kind: 'coworker', evidence: `${best.senders.size} people from ${best.label} sent this same message` };
    } else {
      result = { cluster, kind: 'bot', evidence: `${senders.size} different senders sent this same message` };
    }
    for (const i of members) out.set(notes[i].id, result);
  }
  return out;
}
