/**
 * The web app's two catalogues, assembled from one file per feature and language under
 * `locales/` (Chinese first; English must have every key: a missing one is a type error here and
 * in the feature's own file).
 */
import { en as enMessages } from './locales/en';
import type { English, KeysOf, PluralBase } from './locales/types';
import { zhCN } from './locales/zh-CN';

export { zhCN };
export const en: English<typeof zhCN> = enMessages;

/** Every key a page may pass to `t`. */
export type MessageKey = KeysOf<typeof zhCN>;

/** The keys of messages that take a count: `t(key, { count })`. */
export type PluralKey = PluralBase<keyof typeof zhCN>;

/** Every key as stored, plural suffixes included ('search.total_one'). */
export type StoredKey = keyof typeof en;
