/** Text put between tags or inside a quoted attribute, with every character HTML gives meaning escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Text inside an XML element (the sitemap). */
export const escapeXml = escapeHtml;

/**
 * A schema.org object as a JSON-LD script. JSON alone is not safe inside <script>: "</script>" or
 * "<!--" in a title would end or change the element, so every <, > and & is written as a JSON
 * escape (which JSON parsers read back as the same character), and so are U+2028 and U+2029.
 */
export function jsonLdScript(data: Record<string, unknown>): string {
  const json = JSON.stringify({ '@context': 'https://schema.org', ...data }).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<script type="application/ld+json">${json}</script>`;
}

/** A description: the text on one line, cut at `max` characters with an ellipsis. */
export function describe(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** Paragraphs of a long text, one <p> per blank-line-separated part, line breaks kept. */
export function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p style="white-space:pre-wrap">${escapeHtml(p)}</p>`)
    .join('');
}
