import { outstandingOf, royaltyOf, sumAmounts } from './contract-fulfilment';

describe('royaltyOf: the base times the rate, to the fen, half up, with no float on the way', () => {
  it.each([
    ['1234567.89', '3.5', '43209.88'], // 43,209.87615
    ['2000000', '3.50', '70000.00'],
    ['0.01', '50', '0.01'], // 0.005 rounds up
    ['0.01', '49.99', '0.00'],
    ['99999999999999.99', '100', '99999999999999.99'],
    ['123.45', '0', '0.00'],
    ['1000000.00', '0.01', '100.00'],
  ])('%s × %s%% = %s', (base, rate, royalty) => {
    expect(royaltyOf(base, rate)).toBe(royalty);
  });
});

describe('outstandingOf and sumAmounts', () => {
  it('leaves what is neither confirmed nor pending, never below zero, and nothing on a line without an amount', () => {
    expect(outstandingOf('400000.00', '150000.00', '100000.01')).toBe('149999.99');
    expect(outstandingOf('10.00', '10.00', '5.00')).toBe('0.00');
    expect(outstandingOf(null, '0.00', '0.00')).toBe('0.00');
  });

  it('adds amounts exactly', () => {
    expect(sumAmounts(['0.10', '0.20'])).toBe('0.30');
    expect(sumAmounts([])).toBe('0.00');
  });
});
