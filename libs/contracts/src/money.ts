/**
 * Money as exact decimals, never floats. Amounts travel and are stored as decimal strings with at
 * most two places: budgets and prices in 万元 ("120.5"), contract values and payments in 元
 * ("1234567.89"). Arithmetic and comparison go through hundredths of the amount's own unit, as a
 * bigint (for 元 that is 分, fen).
 */

/** An amount with at most two decimals, as the API accepts it (万元 or 元 alike). */
export const AMOUNT_PATTERN = /^\d{1,14}(\.\d{1,2})?$/;
/** 元 with at most two decimals, as text (stored as numeric: never a float). */
export const YUAN_PATTERN = AMOUNT_PATTERN;

/** "120.5" → 12050n: the amount in hundredths of its unit. Throws on anything but a plain decimal with at most two places. */
export function hundredths(amount: string): bigint {
  if (!AMOUNT_PATTERN.test(amount)) throw new Error(`not an amount: "${amount}"`);
  const [whole, frac = ''] = amount.split('.');
  return BigInt(whole as string) * 100n + BigInt((frac + '00').slice(0, 2));
}

/** 12050n → "120.50" */
export function fromHundredths(h: bigint): string {
  const neg = h < 0n;
  const abs = neg ? -h : h;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** "1234567.89" 元 → 123456789n 分. Throws on anything else. */
export const yuanToFen = hundredths;
/** 123456789n 分 → "1234567.89" 元 */
export const fenToYuan = fromHundredths;

/** 元 as 万元 with two decimals, rounded down: "1234567.89" → "123.45". */
export function yuanToWan(yuan: string): string {
  return fromHundredths(hundredths(yuan) / 10_000n);
}

/** Compares two non-negative decimal strings exactly, whatever their places: -1, 0 or 1. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const split = (s: string) => {
    const [int = '', frac = ''] = s.split('.');
    return [int.replace(/^0+(?=\d)/, ''), frac] as const;
  };
  const [ai, af] = split(a);
  const [bi, bf] = split(b);
  if (ai.length !== bi.length) return ai.length < bi.length ? -1 : 1;
  const width = Math.max(af.length, bf.length);
  const x = ai + af.padEnd(width, '0');
  const y = bi + bf.padEnd(width, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}

/** 万元 as the catalogue takes them (budgets, asking prices): up to 12 digits and two decimals. */
export const WAN_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

/**
 * An exact decimal amount with its digits grouped in the reader's locale ("3000000.00" →
 * "3,000,000.00"), keeping the places it has. Intl formats the decimal string itself, so the
 * amount never passes through a float.
 */
export function groupDigits(amount: string, locale = 'zh-CN'): string {
  const places = amount.split('.')[1]?.length ?? 0;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: places, maximumFractionDigits: places }).format(amount as Intl.StringNumericLiteral);
}
