// The web app's catalogues and the i18next set-up behind useI18n(), in Node: what the pages read.
import { describe, expect, it } from '@jest/globals';
import { enFeatures } from './locales/en';
import { zhCNFeatures } from './locales/zh-CN';
import { en, type PluralKey, zhCN } from './messages';
import { createI18n, toLocale, translator } from './setup';

const PLURAL = /_(one|other)$/;
/** The names of a message's placeholders, `{name}` or `{count, number}`. */
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)(?:\s*,[^}]*)?\}/g)].map((m) => m[1]))].sort();
const zhKeys = Object.keys(zhCN);
const enKeys = Object.keys(en);
const pluralKeys = zhKeys.filter((k) => k.endsWith('_other')).map((k) => k.replace(PLURAL, '') as PluralKey);
const zh = translator(createI18n('zh-CN'));
const eng = translator(createI18n('en'));

describe('the web catalogues', () => {
  it('give every Chinese key an English text, and English nothing more (a plural adds only its _one form)', () => {
    const expected = [...zhKeys, ...pluralKeys.map((k) => `${k}_one`)].sort();
    expect([...enKeys].sort()).toEqual(expected);
    for (const k of enKeys) expect(en[k as keyof typeof en].trim()).not.toBe('');
  });

  it("write placeholders the app's way, {name}, never i18next's {{name}}, which would show as typed", () => {
    const doubled = [...Object.entries(zhCN), ...Object.entries(en)].filter(([, text]) => text.includes('{{')).map(([k]) => k);
    expect(doubled).toEqual([]);
  });

  it('keep Chinese to the _other form of a plural (Chinese has no other)', () => {
    expect(zhKeys.filter((k) => /_(zero|one|two|few|many)$/.test(k))).toEqual([]);
    expect(pluralKeys.length).toBeGreaterThan(0);
  });

  it('use the same placeholders in both languages (an English _one may leave out the count)', () => {
    const mismatched: string[] = [];
    for (const key of zhKeys) {
      const want = placeholders(zhCN[key as keyof typeof zhCN]);
      if (JSON.stringify(placeholders(en[key as keyof typeof en])) !== JSON.stringify(want)) mismatched.push(key);
      if (!key.endsWith('_other')) continue;
      const one = `${key.replace(PLURAL, '')}_one` as keyof typeof en;
      const got = JSON.stringify(placeholders(en[one]));
      if (got !== JSON.stringify(want) && got !== JSON.stringify(want.filter((p) => p !== 'count'))) mismatched.push(one);
      expect(want).toContain('count');
    }
    expect(mismatched).toEqual([]);
  });

  it('put each key in one feature file only, in both languages', () => {
    const zhSizes = Object.values(zhCNFeatures).reduce((n, f) => n + Object.keys(f).length, 0);
    const enSizes = Object.values(enFeatures).reduce((n, f) => n + Object.keys(f).length, 0);
    expect(zhSizes).toBe(zhKeys.length);
    expect(enSizes).toBe(enKeys.length);
    expect(Object.keys(enFeatures)).toEqual(Object.keys(zhCNFeatures));
  });

  it('keep each key prefix (nav., search., deal. …) in one feature file', () => {
    const owners = new Map<string, Set<string>>();
    for (const [feature, messages] of Object.entries(zhCNFeatures)) {
      for (const key of Object.keys(messages)) {
        const prefix = key.split('.')[0] as string;
        owners.set(prefix, (owners.get(prefix) ?? new Set()).add(feature));
      }
    }
    expect([...owners].filter(([, features]) => features.size > 1)).toEqual([]);
  });
});

describe('translating through i18next', () => {
  it('finds flat keys with dots and fills {name} placeholders, leaving HTML to React to escape', () => {
    expect(zh('nav.home')).toBe('首页');
    expect(eng('nav.home')).toBe('Home');
    expect(zh('home.welcome', { name: '李<明>' })).toBe('欢迎，李<明>');
    expect(eng('home.welcome', { name: 'Li' })).toBe('Welcome, Li');
    expect(eng('money.range', { min: '50', max: '100' })).toBe('50–100 (10k CNY)');
  });

  it('leaves a placeholder that was not given as it is, as before', () => {
    expect(eng('home.welcome')).toBe('Welcome, {name}');
  });

  it('reads the English plural for 1 and for many, and Chinese the one form for both', () => {
    expect(eng('search.total', { count: 1 })).toBe('1 result');
    expect(eng('search.total', { count: 3 })).toBe('3 results');
    expect(eng('search.total', { count: 0 })).toBe('0 results');
    expect(zh('search.total', { count: 1 })).toBe('共 1 条结果');
    expect(zh('search.total', { count: 3 })).toBe('共 3 条结果');
    expect(eng('challenge.days', { count: 1 })).toBe('1 day');
    expect(eng('challenge.days', { count: 3 })).toBe('3 days');
    expect(zh('challenge.days', { count: 3 })).toBe('3 天');
    expect(eng('campaign.laggards', { count: 1 })).toBe('1 invited organisation has not submitted');
    expect(eng('campaign.laggards', { count: 3 })).toBe('3 invited organisations have not submitted');
  });

  it('resolves every plural to its own form, with the count in it, in both languages', () => {
    for (const key of pluralKeys) {
      expect(eng(key, { count: 1 })).toBe(en[`${key}_one`].replace(/\{count(?:, number)?\}/, '1'));
      expect(eng(key, { count: 3 })).toBe(en[`${key}_other`].replace(/\{count(?:, number)?\}/, '3'));
      for (const n of [1, 3]) expect(zh(key, { count: n })).toBe(zhCN[`${key}_other`].replace(/\{count(?:, number)?\}/, String(n)));
    }
  });

  it('groups the digits of a count as the reader’s language writes them', () => {
    expect(eng('search.total', { count: 12345 })).toBe('12,345 results');
    expect(zh('search.total', { count: 12345 })).toBe('共 12,345 条结果');
  });

  it('switches language on the same instance, which is how the language switch works', async () => {
    const i18n = createI18n('zh-CN');
    const t = translator(i18n);
    expect(t('nav.home')).toBe('首页');
    await i18n.changeLanguage('en');
    expect(t('nav.home')).toBe('Home');
    expect(toLocale(i18n.language)).toBe('en');
  });

  it('takes only a known locale from storage, Chinese otherwise', () => {
    expect(toLocale('en')).toBe('en');
    expect(toLocale('zh-CN')).toBe('zh-CN');
    expect(toLocale('fr')).toBe('zh-CN');
    expect(toLocale(null)).toBe('zh-CN');
  });
});
