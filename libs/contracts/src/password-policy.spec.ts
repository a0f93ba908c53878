import { passwordLength, passwordProblem } from './password-policy';

describe('password policy', () => {
  it('refuses 7 characters and accepts 8', () => {
    expect(passwordProblem('abcdefg')).toBe('too_short');
    expect(passwordProblem('k9#mQ2!x')).toBeNull();
  });

  it('refuses the most common passwords whatever their case', () => {
    expect(passwordProblem('12345678')).toBe('too_common');
    expect(passwordProblem('Password1')).toBe('too_common');
    expect(passwordProblem('woaini1314')).toBe('too_common');
    expect(passwordProblem('aaaaaaaaaa')).toBe('too_common');
  });

  it('counts a Chinese passphrase by characters and accepts 64 of them', () => {
    const phrase = '湛江港的海风吹过红树林与金鲳鱼网箱'.repeat(4).slice(0, 64);
    expect(passwordLength(phrase)).toBe(64);
    expect(passwordProblem(phrase)).toBeNull();
  });

  it('accepts 128 characters and refuses 129, with no truncation', () => {
    expect(passwordProblem('x'.repeat(127) + 'y')).toBeNull();
    expect(passwordProblem('x'.repeat(128) + 'y')).toBe('too_long');
  });

  it('has no composition rules: lower-case words alone are fine', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
  });
});
