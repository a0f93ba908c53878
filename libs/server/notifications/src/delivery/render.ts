import { DELIVERY_MESSAGES, Locale, notificationText, WebhookKind } from '@ztt/contracts';

export interface RenderInput {
  type: string;
  params: Record<string, string>;
  link: string | null;
  locale: Locale;
  publicUrl: string;
}

export interface Rendered {
  title: string;
  body: string;
  /** Absolute link into the web app. */
  link: string;
}

export function renderNotification(n: RenderInput): Rendered {
  const path = n.link && n.link.startsWith('/') ? n.link : '/notifications';
  return {
    title: notificationText(n.type, 'title', n.locale, n.params),
    body: notificationText(n.type, 'body', n.locale, n.params),
    link: `${n.publicUrl}${path}`,
  };
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderEmail(r: Rendered, locale: Locale): { subject: string; text: string; html: string } {
  const open = DELIVERY_MESSAGES.open[locale];
  const footer = DELIVERY_MESSAGES.footer[locale];
  const text = `${r.title}\n\n${r.body}\n\n${open}: ${r.link}\n\n--\n${footer}\n`;
  const html = [
    `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.6;color:#1f1f1f">`,
    `<h2 style="font-size:18px">${escapeHtml(r.title)}</h2>`,
    `<p>${escapeHtml(r.body)}</p>`,
    `<p><a href="${escapeHtml(r.link)}">${escapeHtml(open)}</a></p>`,
    `<hr><p style="font-size:12px;color:#888">${escapeHtml(footer)}</p>`,
    `</body></html>`,
  ].join('\n');
  return { subject: r.title.replace(/[\r\n]+/g, ' '), text, html };
}

/** The JSON body each kind of robot accepts (WeCom and DingTalk group robots, or a generic receiver). */
export function renderWebhook(kind: WebhookKind, r: Rendered, locale: Locale): unknown {
  const open = DELIVERY_MESSAGES.open[locale];
  switch (kind) {
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: `**${r.title}**\n${r.body}\n[${open}](${r.link})` } };
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title: r.title, text: `#### ${r.title}\n\n${r.body}\n\n[${open}](${r.link})` } };
    default:
      return { title: r.title, body: r.body, link: r.link };
  }
}
