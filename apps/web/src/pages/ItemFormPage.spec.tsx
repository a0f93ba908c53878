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

describe('the need-quality gate on the need form (issue 16)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  const similarPath = `/search/needs?q=${encodeURIComponent('对虾养殖水质在线监测')}&pageSize=5`;

  it('shows the completeness score and what is missing, and updates both as the poster types', async () => {
    const server = new FakeServer().on('GET', '/needs/need-1', draftNeed({ category: 'frontier' }));
    page = renderPage({ at: '/needs/need-1/edit', routes, server });

    // A budget range and a TRL: 15 + 10.
    expect(await screen.findByText('完整度 25 分')).toBeTruthy();
    expect(screen.getByTestId('quality-check-criteria').getAttribute('data-met')).toBe('false');
    expect(within(screen.getByTestId('quality-check-indicators')).getByText('验收标准含量化指标和单位（如“出水氨氮 ≤ 1 mg/L”）')).toBeTruthy();
    expect(screen.getByTestId('quality-check-budget').getAttribute('data-met')).toBe('true');
    expect(within(screen.getByTestId('quality-check-keywords')).getByText('至少 3 个关键词')).toBeTruthy();

    await page.user.type(screen.getByTestId('field-criteria'), '溶解氧测量误差 ≤ 0.2 mg/L');

    expect(await screen.findByText('完整度 65 分')).toBeTruthy();
    expect(screen.getByTestId('quality-check-indicators').getAttribute('data-met')).toBe('true');
  });

  it('says before sending that a core need needs acceptance criteria, and sends nothing when submitted without them', async () => {
    const server = new FakeServer().on('GET', '/needs/need-1', draftNeed({ category: 'core' }));
    page = renderPage({ at: '/needs/need-1/edit', routes, server });

    expect(await screen.findByTestId('criteria-required')).toBeTruthy();
    await page.user.click(screen.getByTestId('save-and-submit'));

    expect(await within(fieldItem('field-criteria')).findByText('核心技术需求和关键共性技术需求须填写含指标值和单位的验收标准后才能提交审核')).toBeTruthy();
    expect(server.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('adds a suggested indicator of the need category to the acceptance criteria in one click', async () => {
    const server = new FakeServer().on('GET', '/needs/need-1', draftNeed({ category: 'core', acceptanceCriteria: '出水氨氮 ≤ 1 mg/L' }));
    page = renderPage({ at: '/needs/need-1/edit', routes, server });

    await page.user.click(await screen.findByRole('button', { name: /核心部件国产化率/ }));

    expect((screen.getByTestId('field-criteria') as HTMLTextAreaElement).value).toBe('出水氨氮 ≤ 1 mg/L\n核心部件国产化率 ≥ ＿ %');
    expect(screen.queryByTestId('criteria-required')).toBeNull();
  });

  it('flags similar published needs of other organisations and of its own while the title is typed, with links', async () => {
    const hit = (id: string, title: string, ownerOrgName: string) => ({
      id,
      kind: 'need',
      title,
      summary: '',
      highlight: { title, summary: '' },
      ownerOrgName,
      chains: [],
      industries: [],
      keywords: [],
      region: 'chikan',
      trl: 4,
      cooperationModes: [],
      publishedAt: null,
    });
    const server = new FakeServer().on('GET', '/needs/need-1', draftNeed({ category: 'frontier' })).on('GET', similarPath, {
      items: [hit('n-2', '对虾池塘水质在线监测系统', '湛江湾水产有限公司'), hit('n-3', '养殖水质监测需求', '湛江海洋科技有限公司')],
      total: 2,
      page: 1,
      pageSize: 5,
      facets: {},
    });
    page = renderPage({ at: '/needs/need-1/edit', routes, server });

    const similar = await screen.findByTestId('similar-needs');
    expect(within(similar).getByText('已有相似的已发布需求，请确认不是重复发布：')).toBeTruthy();
    expect(within(similar).getByRole('link', { name: '对虾池塘水质在线监测系统' }).getAttribute('href')).toBe('/needs/n-2');
    expect(within(similar).getByText('湛江湾水产有限公司')).toBeTruthy();
    expect(within(similar).getByText('本机构')).toBeTruthy();
  });
});
