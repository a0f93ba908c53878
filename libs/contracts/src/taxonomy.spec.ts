import { taxonomyItem, taxonomyLabel } from './taxonomy';

describe('taxonomyItem: the one lookup of a taxonomy code', () => {
  it('finds a county with its Chinese label and English name', () => {
    expect(taxonomyItem('region', 'chikan')).toMatchObject({ label: '赤坎区', en: 'Chikan District' });
  });

  it("finds a chain among every industry's chains", () => {
    expect(taxonomyItem('chain', 'petrochem.oil-gas')?.label).toBe('油气开采炼化');
  });

  it('answers undefined for a code the list does not have, or one of another list', () => {
    expect(taxonomyItem('region', 'atlantis')).toBeUndefined();
    expect(taxonomyItem('region', 'petrochem.oil-gas')).toBeUndefined();
  });
});

describe('taxonomyLabel: a code as a reader sees it', () => {
  it('says a chain in Chinese by default and in English when asked', () => {
    expect(taxonomyLabel('chain', 'petrochem.oil-gas')).toBe('油气开采炼化');
    expect(taxonomyLabel('chain', 'petrochem.oil-gas', 'en')).toBe('Oil and gas extraction and refining');
  });

  it('shows an unknown code as it is', () => {
    expect(taxonomyLabel('industry', 'no-such-industry')).toBe('no-such-industry');
  });
});
