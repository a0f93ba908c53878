/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters —
 * 1 registration-authority code, 1 organisation-type code, 6 administrative-division digits,
 * 9 organisation-code characters, 1 check character.
 * The alphabet has 31 characters: digits and capitals without I, O, Z, S, V.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'charset' | 'division' | 'check';

/** The check character for the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) throw new Error(`invalid credit-code character at ${i}`);
    sum += v * (WEIGHTS[i] as number);
  }
  const c = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[c] as string;
}

/** Returns null when the code is valid, else what is wrong with it. Input is trimmed and upper-cased. */
export function creditCodeProblem(raw: string): CreditCodeProblem | null {
  const code = normaliseCreditCode(raw);
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!CREDIT_CODE_ALPHABET.includes(ch)) return 'charset';
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return 'division';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return 'check';
  return null;
}

export function isValidCreditCode(raw: string): boolean {
  return creditCodeProblem(raw) === null;
}

export function normaliseCreditCode(raw: string): string {
  return raw.trim().toUpperCase();
}
