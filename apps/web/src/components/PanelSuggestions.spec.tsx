// The challenge desk's panel suggestions: fitting experts best first with the reason, a note when one lacks the reviewer role, and apart, with the reason, those linked to an applicant.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import type { PanelSuggestionsView } from '@ztt/contracts';
import { ExpertKind, PlatformRole } from '@ztt/contracts';
import { FakeServer, member, Rendered, renderPage, signOut } from '../../test/page';
import { PanelSuggestions } from './PanelSuggestions';

const VIEW: PanelSuggestionsView = {
  suggestions: [
    {
      userId: 'u-fit',
      profileId: 'p-fit',
      name: '甲锚泊专家',
      kind: ExpertKind.External,
      titles: ['研究员'],
      score: 5,
      matchedChains: ['marine.equipment'],
      matchedKeywords: ['锚泊', '台风'],
      reason: '同属产业链：海工装备制造；关键词：锚泊、台风',
      reviewer: true,
    },
    {
      userId: 'u-weak',
      profileId: 'p-weak',
      name: '乙养殖能手',
      kind: ExpertKind.Practitioner,
      titles: [],
      score: 1,
      matchedChains: [],
      matchedKeywords: ['台风'],
      reason: '关键词：台风',
      reviewer: false,
    },
  ],
  excluded: [{ userId: 'u-aff', profileId: 'p-aff', name: '丙海工专家', reason: '与揭榜方 湛江海工装备有限公司 有关联：本人为湛江海工装备有限公司成员' }],
};

describe('the panel suggestions on the challenge desk (PanelSuggestions)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  it('lists fitting experts with their reasons, says when one needs the reviewer role, adds one through onAdd, and shows the left-out expert with the reason', async () => {
    const onAdd = jest.fn();
    const server = new FakeServer().on('GET', '/admin/challenges/c-1/panel-suggestions', VIEW);
    page = renderPage({
      at: '/desk',
      routes: { '/desk': <PanelSuggestions challengeId="c-1" seated={[]} adding={false} onAdd={onAdd} /> },
      server,
      me: member({ platformRoles: [PlatformRole.Admin] }),
    });

    const box = within(await screen.findByTestId('panel-suggestions'));
    const rows = box.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('甲锚泊专家'), expect.stringContaining('乙养殖能手')]);
    expect(box.getByText('同属产业链：海工装备制造；关键词：锚泊、台风')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('需先在用户管理中授予“评审专家”角色')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).queryByRole('button')).toBeNull();

    await page.user.click(box.getByTestId('suggestion-add-u-fit'));
    expect(onAdd).toHaveBeenCalledWith('u-fit');

    const excluded = within(screen.getByTestId('panel-excluded'));
    expect(excluded.getByText('不推荐（与揭榜方有关联）')).toBeTruthy();
    expect(excluded.getByText('丙海工专家：与揭榜方 湛江海工装备有限公司 有关联：本人为湛江海工装备有限公司成员')).toBeTruthy();
  });
});
