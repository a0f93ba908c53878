import { BEIJING_TIME_ZONE, type ItemKind, type SearchHit } from '@ztt/contracts';
import { currentLocale } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** URL segment of a kind: /needs/…, /achievements/… */
export function kindPath(kind: ItemKind): 'needs' | 'achievements' {
  return kind === 'need' ? 'needs' : 'achievements';
}

/** "50" → "50", "12.50" → "12.5"; money stays a string (万元), never a float we compute with. */
function trimMoney(v: string): string {
  return v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
}

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Budget of a need: "50–100 万元", "≥ 50 万元", "面议". */
export function budgetText(t: T, min: string | null | undefined, max: string | null | undefined, negotiable: boolean | undefined): string {
  if (negotiable || (!min && !max)) return t('item.negotiable');
  if (min && max) return min === max ? t('money.wan', { v: trimMoney(min) }) : t('money.range', { min: trimMoney(min), max: trimMoney(max) });
  if (min) return t('money.atLeast', { v: trimMoney(min) });
  return t('money.atMost', { v: trimMoney(max ?? '') });
}

/** Asking price of an achievement: "200 万元" or "面议". */
export function priceText(t: T, price: string | null | undefined, negotiable: boolean | undefined): string {
  if (negotiable || !price) return t('item.negotiable');
  return t('money.wan', { v: trimMoney(price) });
}

export function hitMoney(t: T, hit: SearchHit): string {
  return hit.kind === 'need' ? budgetText(t, hit.budgetMin, hit.budgetMax, hit.budgetNegotiable) : priceText(t, hit.askingPrice, hit.priceNegotiable);
}

/** A date as the reader's language writes it, on the Beijing calendar (a bare YYYY-MM-DD is shown as it is). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return iso.length === 10 ? iso : new Date(iso).toLocaleDateString(currentLocale(), { timeZone: BEIJING_TIME_ZONE });
}

/** An instant in Beijing time, as the reader's language writes it. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(currentLocale(), { timeZone: BEIJING_TIME_ZONE, hour12: false });
}

/** Labels of fields that can appear in the review diff; unknown fields show their raw name. */
export const FIELD_LABELS: Record<string, MessageKey> = {
  title: 'item.title',
  summary: 'item.summary',
  confidentialDetails: 'item.confidentialDetails',
  chains: 'item.chains',
  industries: 'item.industries',
  keywords: 'item.keywords',
  region: 'item.region',
  trl: 'item.trl',
  cooperationModes: 'item.cooperationModes',
  contact: 'item.contact',
  category: 'need.category',
  budgetMin: 'need.budgetMin',
  budgetMax: 'need.budgetMax',
  budgetNegotiable: 'need.budgetNegotiable',
  deadline: 'need.deadline',
  acceptanceCriteria: 'need.acceptanceCriteria',
  maturityStage: 'achievement.maturityStage',
  ipItems: 'achievement.ipItems',
  team: 'achievement.team',
  askingPrice: 'achievement.askingPrice',
  priceNegotiable: 'achievement.priceNegotiable',
  priceTerms: 'achievement.priceTerms',
  applicationFields: 'achievement.applicationFields',
  provenResults: 'achievement.provenResults',
  attachments: 'item.attachments',
};

/** Accepted attachment types (PDF, images, Office). */
export const ATTACHMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx';

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
