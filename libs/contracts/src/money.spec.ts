import { compareDecimals, fenToYuan, fromHundredths, groupDigits, hundredths, yuanToFen, yuanToWan } from './money';

describe('money as exact decimals', () => {
  it('reads an amount as hundredths of its unit, whatever its places', () => {
    expect(hundredths('120.5')).toBe(12050n);
    expect(hundredths('120.05')).toBe(12005n);
    expect(hundredths('7')).toBe(700n);
    expect(yuanToFen('1234567.89')).toBe(123456789n);
  });

  it('refuses what is not a plain decimal with at most two places', () => {
    for (const bad of ['', '1.234', '-1', '1e3', '１２', ' 1', '0x10']) expect(() => hundredths(bad)).toThrow('not an amount');
  });

  it('writes hundredths back with two places, negative ones too', () => {
    expect(fromHundredths(12050n)).toBe('120.50');
    expect(fenToYuan(5n)).toBe('0.05');
    expect(fromHundredths(-150n)).toBe('-1.50');
  });

  it('turns 元 into 万元 rounded down to two places', () => {
    expect(yuanToWan('1234567.89')).toBe('123.45');
    expect(yuanToWan('500000')).toBe('50.00');
    expect(yuanToWan('99.99')).toBe('0.00');
  });

  it('compares decimals exactly where floats would not', () => {
    expect(compareDecimals('0.1', '0.09')).toBe(1);
    expect(compareDecimals('100.5', '100.50')).toBe(0);
    expect(compareDecimals('99.99', '100')).toBe(-1);
    expect(compareDecimals('007', '7.00')).toBe(0);
    // As floats both are 9007199254740993 → 9007199254740992: equal. They are not.
    expect(compareDecimals('9007199254740993', '9007199254740992')).toBe(1);
  });
});

describe('groupDigits: amounts grouped for reading, exactly', () => {
  it('groups the whole part and keeps the places', () => {
    expect(groupDigits('3000000.00')).toBe('3,000,000.00');
    expect(groupDigits('1234567.8')).toBe('1,234,567.8');
    expect(groupDigits('950')).toBe('950');
  });

  it('keeps every digit of an amount beyond a float’s precision', () => {
    expect(groupDigits('99999999999999.99')).toBe('99,999,999,999,999.99');
  });

  it('writes English the same way', () => {
    expect(groupDigits('1234.50', 'en')).toBe('1,234.50');
  });
});
