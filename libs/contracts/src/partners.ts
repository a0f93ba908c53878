/** What a partner organisation's API key may do (docs/security.md #29). */
export enum PartnerScope {
  /** the public catalogue: published needs and achievements, and their changes */
  CatalogueRead = 'catalogue:read',
  /** the public 揭榜挂帅 board and its changes */
  ChallengesRead = 'challenges:read',
  /** submit needs or achievements as the organisation: they go to review, never straight to the catalogue */
  ItemsSubmit = 'items:submit',
  /** new published items are POSTed to the key's webhook URL */
  Webhooks = 'webhooks',
}

export const PARTNER_SCOPES: readonly PartnerScope[] = Object.values(PartnerScope);

/** How a key reads in the admin's list: never its secret. */
export interface PartnerKeyView {
  id: string;
  /** the visible part of the key (`ztt_<keyId>_…`), to tell keys apart in logs */
  keyId: string;
  orgId: string;
  orgName: string;
  name: string;
  scopes: PartnerScope[];
  ratePerMinute: number;
  webhookUrl: string | null;
  expiresAt: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

/** The answer to creating a key: the only time the whole key is ever shown. */
export interface CreatedPartnerKey {
  key: PartnerKeyView;
  secret: string;
}

export interface PartnerUsageEntry {
  id: string;
  keyId: string;
  method: string;
  route: string;
  status: number;
  at: string;
}

/** The visible prefix of every partner key. */
export const PARTNER_KEY_PREFIX = 'ztt_';
/** `ztt_<12 hex>_<43 base64url>`: the key id, then the secret. */
export const PARTNER_KEY_PATTERN = /^ztt_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** What a partner's webhook is told about an item: it became public, it changed while public, or it left the public catalogue. */
export type PartnerWebhookEvent = 'published' | 'updated' | 'withdrawn';

/**
 * The event a change of an item makes for one key, given the item's state now and the last event
 * that key was sent about it: null when there is nothing to tell (a draft it never saw, a version
 * it already has, an item it was already told is gone).
 */
export function partnerWebhookEvent(now: { published: boolean; version: number }, last: { event: PartnerWebhookEvent; version: number } | null): PartnerWebhookEvent | null {
  const known = !!last && last.event !== 'withdrawn';
  if (now.published) {
    if (!known) return 'published';
    return now.version > (last as { version: number }).version ? 'updated' : null;
  }
  return known ? 'withdrawn' : null;
}
