import { containsPattern } from './like-pattern';

describe('containsPattern: text searched as typed', () => {
  it('wraps the text in % so it matches anywhere', () => {
    expect(containsPattern('湛江')).toBe('%湛江%');
  });

  it("escapes the text's own %, _ and backslash, so they match themselves", () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
