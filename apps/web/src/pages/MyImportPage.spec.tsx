// The organisation admins' import page: choose the organisation and what the rows become, try the
// file, then import the valid rows.
import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { FakeServer, member, Rendered, renderPage, signOut } from '../../test/page';
import { MyImportPage } from './MyImportPage';

const routes = { '/my/import': <MyImportPage /> };

const report = (imported: number) => ({
  total: 3,
  valid: 2,
  imported,
  errors: [{ row: 3, field: '产业链', message: '“不存在的产业链”不是允许的取值，请填写中文名称或代码（见“填写说明”）' }],
  duplicates: [],
});

async function chooseFile(page: Rendered) {
  const input = (await screen.findByText('点击或拖入文件')).closest('.ant-upload')?.querySelector('input[type=file]') as HTMLInputElement;
  await page.user.upload(input, new File(['x'], '成果.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
}

describe('the organisation import page (MyImportPage)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  it('tries the file for the admin’s organisation, shows the row problems, then imports the valid rows as drafts', async () => {
    const server = new FakeServer()
      .on('POST', '/orgs/org-1/import/achievement?mode=dry-run&submit=false', report(0))
      .on('POST', '/orgs/org-1/import/achievement?mode=all-valid&submit=false', report(2));
    page = renderPage({ at: '/my/import', routes, server });

    expect(await screen.findByText('机构自助导入')).toBeTruthy();
    expect(within(screen.getByTestId('import-org')).getByText('湛江海洋科技有限公司')).toBeTruthy();
    await chooseFile(page);
    await page.user.click(screen.getByTestId('import-dry-run'));

    const result = await screen.findByTestId('import-result');
    expect(within(result).getByText('“不存在的产业链”不是允许的取值，请填写中文名称或代码（见“填写说明”）')).toBeTruthy();
    expect(server.sent('POST', '/orgs/org-1/import/achievement?mode=all-valid&submit=false')).toEqual([]);

    await page.user.click(screen.getByTestId('import-run'));
    const confirm = await screen.findByRole('dialog');
    expect(within(confirm).getByText('将导入 2 行有效数据（共 3 行，1 行有错误将跳过）。')).toBeTruthy();
    await page.user.click(within(confirm).getByRole('button', { name: '导入全部有效行' }));

    const done = await screen.findByTestId('import-done');
    expect(within(done).getByText('已存为草稿，可在“我的需求/我的成果”中查看和提交')).toBeTruthy();
    expect(server.sent('POST', '/orgs/org-1/import/achievement?mode=all-valid&submit=false')).toHaveLength(1);
  });

  it('submits the rows for review when the admin chooses so', async () => {
    const server = new FakeServer().on('POST', '/orgs/org-1/import/achievement?mode=dry-run&submit=true', report(0));
    page = renderPage({ at: '/my/import', routes, server });

    await page.user.click(await screen.findByRole('radio', { name: '提交审核' }));
    await chooseFile(page);
    await page.user.click(screen.getByTestId('import-dry-run'));

    expect(await screen.findByTestId('import-result')).toBeTruthy();
    expect(server.sent('POST', '/orgs/org-1/import/achievement?mode=dry-run&submit=true')).toHaveLength(1);
  });

  it('tells a member who is not an admin of a verified organisation that only admins may import', async () => {
    const me = member();
    const plain = member({ memberships: me.memberships.map((m) => ({ ...m, role: 'member' })) as typeof me.memberships });
    page = renderPage({ at: '/my/import', routes, server: new FakeServer(), me: plain });

    expect(await screen.findByText('只有已认证机构的管理员可以批量导入需求或成果。')).toBeTruthy();
    expect(screen.queryByText('点击或拖入文件')).toBeNull();
  });
});
