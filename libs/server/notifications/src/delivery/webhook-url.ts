import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { blockedAddressReason } from './address-policy';

export type WebhookUrlProblem = 'webhook_url_invalid' | 'webhook_https_required' | 'webhook_unsafe' | 'webhook_unresolvable';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type WebhookUrlCheck =
  { ok: true; url: URL; hostname: string; port: number; addresses: ResolvedAddress[] | null } | { ok: false; problem: WebhookUrlProblem; detail?: string };

export interface WebhookUrlPolicy {
  env: 'development' | 'production' | 'test';
  /** `host:port` authorities reachable over http and exempt from the address checks; honoured under NODE_ENV=test only. */
  allowHosts: readonly string[];
  lookup?: (host: string) => Promise<ResolvedAddress[]>;
}

export const WEBHOOK_URL_MAX_LENGTH = 2048;

const defaultLookup = async (host: string): Promise<ResolvedAddress[]> =>
  (await dns.lookup(host, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/**
 * Checks a webhook URL before it is saved and again right before each send: https only, no
 * credentials in the URL, and neither a literal address nor any address the name resolves to may
 * be loopback, private, link-local, CGNAT, multicast or reserved. The addresses returned are the
 * ones the sender connects to (it does not resolve the name again, so DNS rebinding cannot
 * swap in another address between the check and the connection).
 */
export async function checkWebhookUrl(raw: string, policy: WebhookUrlPolicy): Promise<WebhookUrlCheck> {
  if (typeof raw !== 'string' || raw.length > WEBHOOK_URL_MAX_LENGTH) return { ok: false, problem: 'webhook_url_invalid' };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'webhook_url_invalid' };
  }
  if (!['https:', 'http:'].includes(url.protocol) || url.username || url.password || !url.hostname) return { ok: false, problem: 'webhook_url_invalid' };
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;

  if (policy.env === 'test' && policy.allowHosts.includes(`${hostname.toLowerCase()}:${port}`)) {
    return { ok: true, url, hostname, port, addresses: null };
  }
  if (url.protocol !== 'https:') return { ok: false, problem: 'webhook_https_required' };

  if (isIP(hostname)) {
    const reason = blockedAddressReason(hostname);
    return reason ? { ok: false, problem: 'webhook_unsafe', detail: `${hostname} is ${reason}` } : { ok: true, url, hostname, port, addresses: null };
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (policy.lookup ?? defaultLookup)(hostname);
  } catch {
    return { ok: false, problem: 'webhook_unresolvable' };
  }
  if (!addresses.length) return { ok: false, problem: 'webhook_unresolvable' };
  for (const a of addresses) {
    const reason = blockedAddressReason(a.address);
    if (reason) return { ok: false, problem: 'webhook_unsafe', detail: `${hostname} resolves to ${a.address} (${reason})` };
  }
  return { ok: true, url, hostname, port, addresses };
}
