import { TAXONOMY } from '@ztt/contracts';

/**
 * Chinese-aware text analysis for Meilisearch, which segments Chinese with jieba and matches
 * word prefixes only (对虾 would not find 南美白对虾). Documents carry character bigrams of their
 * text as an extra field, queries are turned into the same bigrams, so any two-character piece
 * of a word matches. Synonym groups from the taxonomy widen the query. Queries are cut into
 * chunks small enough for Meilisearch's 10-word limit and searched together (federated).
 */

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+(?:[.\-+][a-z0-9]+)*/g;

/** Full-width letters and digits to half-width, lower case, trimmed. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim();
}

/** Bigrams of every CJK run (a lone character stays as itself) and whole Latin/number tokens. */
export function grams(text: string): string[] {
  const out: string[] = [];
  for (const run of normalise(text).match(RUN) ?? []) {
    if (!CJK.test(run[0] as string)) {
      out.push(run);
      continue;
    }
    const chars = Array.from(run);
    if (chars.length === 1) out.push(run);
    for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  }
  return out;
}

export function uniqueGrams(text: string): string[] {
  return [...new Set(grams(text))];
}

const SYNONYMS: string[][] = TAXONOMY.synonyms.map((g) => g.map(normalise));

/** The query and its variants with each synonym swapped in (at most `max`). */
export function synonymVariants(query: string, max = 6): string[] {
  const q = normalise(query);
  const out = [q];
  for (const group of SYNONYMS) {
    for (const term of group) {
      if (!q.includes(term)) continue;
      for (const other of group) {
        if (other === term) continue;
        const v = q.split(term).join(other);
        if (!out.includes(v)) out.push(v);
      }
    }
  }
  return out.slice(0, max);
}

/** The words a highlight should mark: the query's tokens, synonyms and their bigrams. */
export function highlightTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const v of synonymVariants(query, 12)) {
    for (const t of normalise(v).match(RUN) ?? []) terms.add(t);
    for (const g of grams(v)) terms.add(g);
  }
  return [...terms].filter((t) => Array.from(t).length >= (CJK.test(t) ? 2 : 2)).sort((a, b) => b.length - a.length);
}

/**
 * Query chunks of at most `size` bigrams. jieba may split a bigram into two words again, so
 * chunks of 5 stay within Meilisearch's 10-word window.
 */
export function queryChunks(query: string, size = 5): string[] {
  const g = uniqueGrams(query);
  const chunks: string[] = [];
  for (let i = 0; i < g.length; i += size) chunks.push(g.slice(i, i + size).join(' '));
  return chunks;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/**
 * `text` HTML-escaped with every occurrence of the terms wrapped in <mark>; with `window`, an
 * excerpt of about that many characters around the first match.
 */
export function highlight(text: string, terms: string[], window?: number): string {
  const lower = text.normalize('NFKC').toLowerCase();
  // NFKC can change lengths for rare characters; then match on the text as it is.
  const hay = lower.length === text.length ? lower : text.toLowerCase();
  const marked = new Array<boolean>(text.length).fill(false);
  for (const t of terms) {
    if (!t) continue;
    let at = hay.indexOf(t);
    while (at >= 0) {
      for (let i = at; i < at + t.length; i++) marked[i] = true;
      at = hay.indexOf(t, at + 1);
    }
  }
  let start = 0;
  let end = text.length;
  if (window && text.length > window) {
    const first = marked.indexOf(true);
    start = first < 0 ? 0 : Math.max(0, first - Math.floor(window / 4));
    end = Math.min(text.length, start + window);
  }
  let out = start > 0 ? '…' : '';
  let open = false;
  for (let i = start; i < end; i++) {
    if (marked[i] !== open) {
      out += open ? '</mark>' : '<mark>';
      open = !open;
    }
    out += escapeHtml(text[i] as string);
  }
  if (open) out += '</mark>';
  if (end < text.length) out += '…';
  return out;
}
