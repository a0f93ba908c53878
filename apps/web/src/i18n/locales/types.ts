/**
 * Types that keep the two catalogues in step. Chinese is the source: its keys are the app's keys.
 * A message that takes a count is written once in Chinese as `key_other` (Chinese has no other
 * plural form) and twice in English, `key_one` and `key_other`; callers name it `key` and pass
 * `count`.
 */

/** The base key of a plural message: 'search.total_other' → 'search.total'. */
export type PluralBase<K> = K extends `${infer B}_other` ? B : never;

/** What English must hold for a Chinese catalogue: every key, plus `_one` for every plural. */
export type English<Zh> = { [K in keyof Zh]: string } & { [K in PluralBase<keyof Zh & string> as `${K}_one`]: string };

/** The keys callers use: plain keys as they are, plurals without their suffix. */
export type KeysOf<Zh> = Exclude<keyof Zh & string, `${string}_other`> | PluralBase<keyof Zh & string>;
