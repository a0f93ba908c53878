import { DELETED_USER_NAME } from '@ztt/contracts';
import { Erasure, scrubJson, scrubText } from './scrub';

const who: Erasure = { userId: '00000000-0000-4000-8000-000000000001', email: 'lin@example.cn', phone: '13912345678', displayName: '林小满' };

describe('scrubText', () => {
  it('replaces the e-mail in any case and a long phone number inside text', () => {
    expect(scrubText('请联系 LIN@Example.cn 或 13912345678。', who)).toBe(`请联系 ${DELETED_USER_NAME} 或 ${DELETED_USER_NAME}。`);
  });
  it('never matches a short phone number inside other text', () => {
    expect(scrubText('专利号 ZL2023123456', { ...who, phone: '123456' })).toBe('专利号 ZL2023123456');
  });
});

describe('scrubJson', () => {
  it('anonymises a team member by user id, whatever their name', () => {
    const team = [
      { name: '林老师', role: '负责人', userId: who.userId },
      { name: '王工', role: '成员', userId: null },
    ];
    expect(scrubJson(team, who, false)).toEqual([{ name: DELETED_USER_NAME, role: '负责人', userId: who.userId }, team[1]]);
  });
  it('replaces a name key equal to the name only for documents known to concern the person', () => {
    const contact = { name: '林小满', phone: '13912345678', email: 'lin@example.cn' };
    expect(scrubJson(contact, who, true)).toEqual({ name: DELETED_USER_NAME, phone: null, email: null });
    expect(scrubJson({ name: '林小满', phone: '0759-1234567' }, who, false)).toEqual({ name: '林小满', phone: '0759-1234567' });
  });
  it('leaves values that only contain the name (titles, organisation names) alone, and returns the same object when nothing changed', () => {
    const doc = { title: '林小满团队的成果', ipItems: [{ status: '已授权' }] };
    expect(scrubJson(doc, who, true)).toBe(doc);
  });
});
