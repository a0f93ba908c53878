// The need form as a person uses it: what it refuses before sending, what it sends, and where the
// server's field problems show.
import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import type { NeedView } from '@ztt/contracts';
import { failure, FakeServer, Rendered, renderPage, signOut } from '../../test/page';
import { ItemFormPage } from './ItemFormPage';

const routes = {
  '/needs/new': <ItemFormPage key="need-new" kind="need" />,
  '/needs/:id/edit': <ItemFormPage key="need-edit" kind="need" />,
};

function draftNeed(overrides: Partial<NeedView> = {}): NeedView {
  return {
    id: 'need-1',
    kind: 'need',
    title: '对虾养殖水质在线监测',
    summary: '需要一套可在池塘长期运行的溶解氧与氨氮在线监测方案。',
    chains: ['marine.ranching'],
    industries: ['marine'],
    keywords: ['水质'],
    region: 'chikan',
    trl: 4,
    cooperationModes: ['commissioned-dev'],
    status: 'draft',
    ownerOrgId: 'org-1',
    ownerOrgName: '湛江海洋科技有限公司',
    publishedAt: null,
    updatedAt: '2026-03-02T08:00:00.000Z',
    category: 'core',
    budgetMin: '10.00',
    budgetMax: '50.00',
    budgetNegotiable: false,
    deadline: null,
    acceptanceCriteria: '',
    confidentialDetails: '',
    contact: { name: '李娜', phone: '13800000000', email: null },
    attachments: [],
    version: 3,
    createdAt: '2026-03-01T08:00:00.000Z',
    submittedAt: null,
    rejectionReason: null,
    confidentialVisible: true,
    myDisclosure: null,
    canEdit: true,
    ...overrides,
  } as NeedView;
}

// Ant Design spaces out a two-character Chinese label: 保 存.
const SAVE = /^保\s?存$/;

/** The Form.Item (label, field, messages) around a field. */
const fieldItem = (testId: string) => screen.getByTestId(testId).closest('.ant-form-item') as HTMLElement;

describe('the need form (ItemFormPage)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  it('shows Chinese messages under the required fields left empty, and sends nothing', async () => {
    const server = new FakeServer();
    page = renderPage({ at: '/needs/new', routes, server });

    await page.user.click(await screen.findByRole('button', { name: '保存草稿' }));

    expect(await within(fieldItem('field-title')).findByText('请输入标题')).toBeTruthy();
    expect(within(fieldItem('field-summary')).getByText('请输入摘要')).toBeTruthy();
    expect(within(fieldItem('field-region')).getByText('请输入地区')).toBeTruthy();
    expect(await screen.findByText('请检查表单中标红的字段')).toBeTruthy();
    expect(server.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('sends the edited need with the version it read, and says it was saved', async () => {
    const server = new FakeServer()
      .on('GET', '/needs/need-1', draftNeed())
      .on('PATCH', '/needs/need-1', (call: { body: unknown }) => draftNeed({ ...(call.body as Partial<NeedView>), version: 4 }));
    page = renderPage({ at: '/needs/need-1/edit', routes, server });

    const title = await screen.findByTestId('field-title');
    await page.user.clear(title);
    await page.user.type(title, '对虾养殖池塘水质在线监测系统');
    await page.user.click(screen.getByRole('button', { name: SAVE }));

    expect(await screen.findByText('已保存')).toBeTruthy();
    const [patch] = server.sent('PATCH', '/needs/need-1');
    expect(patch.body).toEqual({
      title: '对虾养殖池塘水质在线监测系统',
      summary: '需要一套可在池塘长期运行的溶解氧与氨氮在线监测方案。',
      confidentialDetails: '',
      chains: ['marine.ranching'],
      keywords: ['水质'],
      region: 'chikan',
      trl: 4,
      cooperationModes: ['commissioned-dev'],
      contact: { name: '李娜', phone: '13800000000', email: null },
      category: 'core',
      budgetNegotiable: false,
      budgetMin: '10.00',
      budgetMax: '50.00',
      deadline: null,
      acceptanceCriteria: '',
      version: 3,
    });
  });

  it("shows the server's field problem under the field it names, with the overall message", async () => {
    const server = new FakeServer()
      .on('GET', '/needs/need-1', draftNeed())
      .on(
        'PATCH',
        '/needs/need-1',
        failure(400, 'VALIDATION_FAILED', '提交的内容有误，请检查后重试', [{ field: 'summary', code: 'forbidden-words', message: '摘要不能含联系方式' }]),
      );
    page = renderPage({ at: '/needs/need-1/edit', routes, server });

    await page.user.click(await screen.findByRole('button', { name: SAVE }));

    expect(await within(fieldItem('field-summary')).findByText('摘要不能含联系方式')).toBeTruthy();
    expect(within(fieldItem('field-title')).queryByText('摘要不能含联系方式')).toBeNull();
    expect(await screen.findByText('提交的内容有误，请检查后重试')).toBeTruthy();
    expect(screen.queryByText('已保存')).toBeNull();
  });
});
