import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { ResolvedAddress, WebhookUrlCheck } from './webhook-url';

export const WEBHOOK_TIMEOUT_MS = 5_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

/** A failure that retrying cannot fix (the URL is no longer allowed). */
export class PermanentDeliveryError extends Error {}

/** Answers the socket's name lookup with the addresses that were checked, never asking DNS again. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  }) as unknown as LookupFunction;
}

/**
 * POSTs JSON to a URL that `checkWebhookUrl` has just approved: connects only to the checked
 * addresses, follows no redirects, gives up after 5 s. WeCom and DingTalk answer 200 with
 * `errcode` in the body; a non-zero one is a failure.
 */
export function postWebhook(checked: Extract<WebhookUrlCheck, { ok: true }>, payload: unknown, idempotencyKey: string): Promise<void> {
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  const { url } = checked;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<void>((resolve, reject) => {
    const req = client.request(
      {
        method: 'POST',
        protocol: url.protocol,
        hostname: checked.hostname,
        port: checked.port,
        path: `${url.pathname}${url.search}`,
        // The same key on every try of one delivery: a receiver that saw it already can drop the repeat.
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, 'user-agent': 'ztt-notifications/1', 'idempotency-key': idempotencyKey },
        lookup: checked.addresses ? pinnedLookup(checked.addresses) : undefined,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        timeout: WEBHOOK_TIMEOUT_MS,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_RESPONSE_BYTES) chunks.push(c);
        });
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 300 && status < 400) return reject(new Error(`redirect refused (HTTP ${status})`));
          if (status < 200 || status >= 300) return reject(new Error(`HTTP ${status}`));
          try {
            const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { errcode?: number; errmsg?: string };
            if (typeof answer?.errcode === 'number' && answer.errcode !== 0) return reject(new Error(`errcode ${answer.errcode}: ${answer.errmsg ?? ''}`));
          } catch {
            /* not JSON: a generic receiver */
          }
          resolve();
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${WEBHOOK_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
