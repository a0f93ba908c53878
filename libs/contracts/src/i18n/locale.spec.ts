import { ErrorCode } from '../errors';
import { ERROR_MESSAGES } from './error-messages';
import { pickLocale } from './locale';

describe('locale negotiation', () => {
  it('is Chinese when nothing is asked for or nothing matches', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('fr-FR,de;q=0.8')).toBe('zh-CN');
  });

  it('honours the quality order of Accept-Language', () => {
    expect(pickLocale('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(pickLocale('en;q=0.5,zh-TW;q=0.9')).toBe('zh-CN');
  });

  it('has a Chinese and an English message for every error code', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(ERROR_MESSAGES[code]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(ERROR_MESSAGES[code].en).toMatch(/[a-z]/);
    }
  });
});
