import { creditCodeCheckChar, creditCodeProblem, isValidCreditCode } from './credit-code';

describe('统一社会信用代码 validator (GB 32100-2015)', () => {
  it('accepts the worked example of the standard and codes whose check character it computes', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('accepts lower-case input and surrounding spaces, as people type them', () => {
    expect(isValidCreditCode(' 91350100m000100y43 ')).toBe(true);
  });

  it('names a wrong check character', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check');
  });

  it('names a wrong length', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M000100Y433')).toBe('length');
  });

  it('refuses the letters the standard leaves out (I, O, Z, S, V)', () => {
    for (const ch of ['I', 'O', 'Z', 'S', 'V']) {
      expect(creditCodeProblem(`91350100M000100${ch}43`)).toBe('charset');
    }
  });

  it('requires digits for the administrative division code (positions 3–8)', () => {
    const first17 = '9135A100M000100Y4';
    expect(creditCodeProblem(first17 + creditCodeCheckChar(first17))).toBe('division');
  });

  it('catches every single-character typo in a valid code', () => {
    const valid = '91440800MA4W8G2K36';
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < 17; i++) {
      for (const ch of alphabet) {
        if (ch === valid[i]) continue;
        const typo = valid.slice(0, i) + ch + valid.slice(i + 1);
        expect(isValidCreditCode(typo)).toBe(false);
      }
    }
  });
});
