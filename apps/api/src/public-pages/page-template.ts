import { escapeHtml, jsonLdScript } from './markup';
import { PublicPage, SITE_NAME } from './public-pages.service';

const TITLE = /<title>[^<]*<\/title>/;
const ROOT = '<div id="root"></div>';

/**
 * The built index.html with a page's head and content put in: its <title> replaced by the page's
 * title, description, canonical URL, Open Graph tags and JSON-LD, and the content inside
 * <div id="root"> (marked data-server-page, which the app takes over: apps/web/src/server-page.ts).
 */
export class PageTemplate {
  constructor(private readonly shell: string) {}

  /** Whether this index.html has the <title> and empty root the pages are written into. */
  get usable(): boolean {
    return TITLE.test(this.shell) && this.shell.includes(ROOT);
  }

  /** The app's shell as built, for a client route with no server content. */
  plain(): string {
    return this.shell;
  }

  /** The shell for a public address that names nothing published: kept out of indexes. */
  missing(): string {
    return this.shell.replace(TITLE, (title) => `${title}\n    <meta name="robots" content="noindex" />`);
  }

  render(page: PublicPage, canonical: string): string {
    const meta = (attr: 'name' | 'property', key: string, value: string) => `<meta ${attr}="${key}" content="${escapeHtml(value)}" />`;
    const head = [
      `<title>${escapeHtml(page.title)}</title>`,
      meta('name', 'description', page.description),
      `<link rel="canonical" href="${escapeHtml(canonical)}" />`,
      meta('property', 'og:title', page.title),
      meta('property', 'og:description', page.description),
      meta('property', 'og:url', canonical),
      meta('property', 'og:type', page.ogType),
      meta('property', 'og:site_name', SITE_NAME),
      meta('property', 'og:locale', 'zh_CN'),
      ...(page.jsonLd ? [jsonLdScript({ ...page.jsonLd, url: canonical })] : []),
    ].join('\n    ');
    const withHead = this.shell.replace(TITLE, () => head);
    if (page.body === null) return withHead;
    const body = `<div id="root"><article data-server-page lang="zh-CN" style="max-width:1200px;margin:0 auto;padding:24px;font-family:system-ui,sans-serif;line-height:1.6"><nav><a href="/">${escapeHtml(SITE_NAME)}</a></nav>${page.body}</article></div>`;
    return withHead.replace(ROOT, () => body);
  }
}
