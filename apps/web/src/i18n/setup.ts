/**
 * The i18next instance behind `useI18n` and `currentLocale`, without React or the DOM, so the unit
 * tests can build one in Node and read exactly what the pages read.
 */
import i18next, { type i18n as I18next, type Module } from 'i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@ztt/contracts';
import { en, type MessageKey, type PluralKey, zhCN } from './messages';

export type Params = Record<string, string | number>;

/**
 * `t` as the pages call it. An unknown key is a type error, and a message that takes a count
 * (a plural, see docs/style.md#language) must be given `count`.
 */
export type Translate = <K extends MessageKey>(key: K, ...params: CountIfPlural<K>) => string;

/** Not distributed over a union: a key computed at run time (a union, or `never` from a cast) is not held to a count. */
type CountIfPlural<K> = [K] extends [never] ? [params?: Params] : [K] extends [PluralKey] ? [params: Params & { count: number }] : [params?: Params];

export function toLocale(v: string | null | undefined): Locale {
  return LOCALES.find((l) => l === v) ?? DEFAULT_LOCALE;
}

/**
 * One i18next instance holding both catalogues, ready at once (the messages are bundled, so
 * nothing loads asynchronously). Keys are flat strings with dots ('nav.home'), so neither `.` nor
 * `:` separates anything; placeholders keep the catalogues' `{name}` form, with `{count, number}`
 * for a count written with the reader's digit grouping (Intl.NumberFormat). Values are not
 * HTML-escaped: React escapes what it renders.
 */
export function createI18n(locale: Locale, ...modules: Module[]): I18next {
  const instance = i18next.createInstance();
  for (const m of modules) instance.use(m);
  void instance.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    load: 'currentOnly',
    keySeparator: false,
    nsSeparator: false,
    interpolation: { prefix: '{', suffix: '}', escapeValue: false },
    initAsync: false,
    react: { useSuspense: false },
  });
  return instance;
}

/** The typed `t` over an instance, in its current language. */
export function translator(i18n: I18next): Translate {
  const t = i18n.t as unknown as (key: string, options: object) => string;
  return (key, ...[params]) => t(key, params?.count === undefined ? { replace: params } : { replace: params, count: params.count });
}
