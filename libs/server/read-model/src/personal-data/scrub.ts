import { DELETED_USER_NAME } from '@ztt/contracts';

/** Who is being erased: their id and the personal values that identify them. */
export interface Erasure {
  userId: string;
  /** lower-cased */
  email: string;
  phone: string | null;
  displayName: string;
}

/** JSON keys that hold a person's name in stored documents (contacts, teams, notification params, report figures). */
const NAME_KEYS = new Set(['name', 'contactName', 'actor', 'broker', 'author', 'displayName', 'leadName', 'reviewerName', 'acceptorName']);
const EMAIL_KEYS = new Set(['email', 'contactEmail']);
const PHONE_KEYS = new Set(['phone', 'contactPhone']);
/** Keys that say an object describes a platform user. */
const USER_ID_KEYS = ['userId', 'brokerId', 'reviewerId', 'leadUserId', 'authorId'];

/** A phone number short enough to occur by chance inside other text is only ever matched as a whole value. */
export const MIN_PHONE_SUBSTRING = 7;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces the person's e-mail (any case) and, when long enough, phone number inside free text. */
export function scrubText(text: string, who: Erasure): string {
  let out = text.replace(new RegExp(escapeRegExp(who.email), 'gi'), DELETED_USER_NAME);
  if (who.phone && who.phone.length >= MIN_PHONE_SUBSTRING) out = out.split(who.phone).join(DELETED_USER_NAME);
  return out;
}

/**
 * Walks a stored JSON document and removes the person from it: an object that names them by id
 * (a team member, a broker's figures) loses its name, e-mail and phone; a name key equal to their
 * name is replaced when `byName` (only for documents known to concern them); contact e-mails and
 * phones equal to theirs become null; their e-mail anywhere in text is replaced.
 * Returns the same value when nothing changed, so callers write only what changed.
 */
export function scrubJson(value: unknown, who: Erasure, byName: boolean): unknown {
  if (typeof value === 'string') return scrubText(value, who);
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const s = scrubJson(v, who, byName);
      if (s !== v) changed = true;
      return s;
    });
    return changed ? out : value;
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const isThem = USER_ID_KEYS.some((k) => obj[k] === who.userId);
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      let next: unknown = v;
      if (typeof v === 'string') {
        if (NAME_KEYS.has(k) && (isThem || (byName && v.trim() === who.displayName))) next = DELETED_USER_NAME;
        else if (EMAIL_KEYS.has(k) && (isThem || v.trim().toLowerCase() === who.email)) next = null;
        else if (PHONE_KEYS.has(k) && (isThem || (who.phone !== null && v.trim() === who.phone))) next = null;
        else next = scrubText(v, who);
      } else {
        next = scrubJson(v, who, byName);
      }
      if (next !== v) changed = true;
      out[k] = next;
    }
    return changed ? out : value;
  }
  return value;
}

/** Whether a JSON document mentions the person at all (a cheap pre-filter before scrubbing). */
export function mentions(text: string, who: Erasure): boolean {
  const lower = text.toLowerCase();
  return lower.includes(who.email) || lower.includes(who.userId) || (!!who.phone && text.includes(who.phone)) || (!!who.displayName && text.includes(who.displayName));
}
