import { TAXONOMY } from '@ztt/contracts';

/**
 * Chinese-aware text analysis for Meilisearch, which segments Chinese with jieba and matches
 * word prefixes only (对虾 would not find 南美白对虾). Documents carry character bigrams of their
 * text as extra fields, queries are turned into the same bigrams, so any two-character piece of a
 * word matches. A taxonomy synonym group is one token (`qy` + two letters), carried by every
 * document holding any of its terms; a query names the group instead of the term it contains, so
 * one query finds them all. Queries are cut into chunks small enough for Meilisearch's ten-word
 * window (jieba may split a bigram that is no word into its two characters, so five bigrams).
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

const LATIN_TERM = /^[a-z0-9]/;
/** Where `term` occurs in `text` (both normalised); a Latin term only as a whole word ("ai" is not in "email"). */
function occurrences(text: string, term: string): number[] {
  const at: number[] = [];
  const word = LATIN_TERM.test(term);
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
    if (word && (/[a-z0-9]/.test(text[i - 1] ?? '') || /[a-z0-9]/.test(text[i + term.length] ?? ''))) continue;
    at.push(i);
  }
  return at;
}

const groupToken = (gi: number) => `qy${String.fromCharCode(97 + Math.floor(gi / 26))}${String.fromCharCode(97 + (gi % 26))}`;

/** The tokens of the synonym groups that `text` (normalised) mentions, with where each term was found. */
function synonymHits(text: string): { token: string; at: number; length: number }[] {
  const hits: { token: string; at: number; length: number }[] = [];
  for (const [gi, group] of SYNONYMS.entries()) {
    for (const term of group) for (const at of occurrences(text, term)) hits.push({ token: groupToken(gi), at, length: term.length });
  }
  return hits.sort((a, b) => a.at - b.at);
}

/**
 * The tokens a document is indexed under: its grams, then the synonym groups it mentions. The
 * same function gives the grams of a query (`queryTerms`), so both always agree.
 */
export function documentTerms(text: string): string[] {
  const t = normalise(text);
  return [...new Set([...grams(t), ...synonymHits(t).map((h) => h.token)])];
}

/**
 * The tokens of a query, in order: a synonym term becomes its group's token (the documents with
 * any term of the group hold it), every other piece of the text its grams. One-letter Latin
 * pieces are dropped: as the last word they would match every token by prefix.
 */
export function queryTerms(query: string): string[] {
  let text = normalise(query);
  const groups = synonymHits(text);
  // Positions are UTF-16 offsets (indexOf's), so the text is masked unit by unit.
  const chars = text.split('');
  for (const h of groups) for (let i = h.at; i < h.at + h.length; i++) chars[i] = ' ';
  text = chars.join('');
  const located: { token: string; at: number }[] = groups.map((h) => ({ token: h.token, at: h.at }));
  let at = 0;
  for (const run of text.match(RUN) ?? []) {
    at = text.indexOf(run, at);
    for (const g of grams(run)) if (g.length > 1 || CJK.test(g)) located.push({ token: g, at });
    at += run.length;
  }
  return [...new Set(located.sort((a, b) => a.at - b.at).map((l) => l.token))];
}

/**
 * The query in chunks of at most `size` tokens: a query of a few words is one chunk; a long text
 * is cut into a few instead of losing its end to the ten-word window.
 */
export function queryChunks(query: string, size = 5): string[] {
  const terms = queryTerms(query);
  const chunks: string[] = [];
  for (let i = 0; i < terms.length; i += size) chunks.push(terms.slice(i, i + size).join(' '));
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
  // Runs of marked and unmarked text, each escaped as a whole.
  let out = start > 0 ? '…' : '';
  for (let i = start; i < end;) {
    const on = marked[i];
    let j = i + 1;
    while (j < end && marked[j] === on) j++;
    const run = escapeHtml(text.slice(i, j));
    out += on ? `<mark>${run}</mark>` : run;
    i = j;
  }
  if (end < text.length) out += '…';
  return out;
}
