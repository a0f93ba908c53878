import { renderEmail, renderNotification, renderWebhook } from './render';

const n = renderNotification({ type: 'item.submitted', params: { title: '对虾<尾水>处理' }, link: '/admin/review?kind=need', locale: 'zh-CN', publicUrl: 'https://kj.example.cn' });

describe('notification rendering for email and webhooks', () => {
  it('renders title, body and an absolute link in the recipient locale', () => {
    expect(n).toEqual({ title: '有新的待审核内容', body: '“对虾<尾水>处理”已提交审核', link: 'https://kj.example.cn/admin/review?kind=need' });
    expect(renderNotification({ type: 'item.submitted', params: { title: 'x' }, link: null, locale: 'en', publicUrl: 'http://h' })).toMatchObject({
      title: 'New item to review',
      link: 'http://h/notifications',
    });
  });

  it('escapes HTML in the email and keeps a plain-text part', () => {
    const mail = renderEmail(n, 'zh-CN');
    expect(mail.subject).toBe('有新的待审核内容');
    expect(mail.text).toContain('查看详情: https://kj.example.cn/admin/review?kind=need');
    expect(mail.html).toContain('对虾&#60;尾水&#62;处理');
    expect(mail.html).not.toContain('<尾水>');
  });

  it('uses the WeCom, DingTalk and generic formats', () => {
    expect(renderWebhook('wecom', n, 'zh-CN')).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining('**有新的待审核内容**') } });
    expect(renderWebhook('dingtalk', n, 'zh-CN')).toEqual({
      msgtype: 'markdown',
      markdown: { title: '有新的待审核内容', text: expect.stringContaining('[查看详情](https://kj.example.cn/admin/review?kind=need)') },
    });
    expect(renderWebhook('generic', n, 'en')).toEqual({ title: n.title, body: n.body, link: n.link });
  });
});
