import { ReactNode, useMemo } from 'react';
import { I18nextProvider, initReactI18next, useTranslation } from 'react-i18next';
import { type Locale, type TaxonomyItem } from '@ztt/contracts';
import { createI18n, toLocale, translator, type Translate } from './setup';

/** Where the chosen language is kept between visits. */
const STORAGE_KEY = 'ztt.locale';

interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: Translate;
  /** A taxonomy item's label in the current language (English gloss when there is one). */
  label: (item: TaxonomyItem | undefined, fallback?: string) => string;
}

const i18n = createI18n(toLocale(localStorage.getItem(STORAGE_KEY)), initReactI18next);
document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng: string) => {
  document.documentElement.lang = lng;
});

/** The reader's language, for code outside React: the API client's Accept-Language, date formatting. */
export function currentLocale(): Locale {
  return toLocale(i18n.language);
}

function setLocale(l: Locale): void {
  localStorage.setItem(STORAGE_KEY, l);
  void i18n.changeLanguage(l);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  return <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}

/** The app's one way to text: react-i18next re-renders the caller when the language changes. */
export function useI18n(): I18n {
  const { i18n: instance } = useTranslation();
  const locale = toLocale(instance.language);
  return useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: translator(instance),
      label: (item, fallback = '') => (item ? (locale === 'en' && item.en ? item.en : item.label) : fallback),
    }),
    [instance, locale],
  );
}
