import { Button, Card, Empty, Input, List, Select, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApplicationView, BoardGroup, ChallengeSummary, Page } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { ApplicationStatusTag, ChallengeStatusTag, ModeTag, useYuan } from '../components/challenge/common';
import { formatDate } from '../components/catalogue';
import { TAX, useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

/** The public 揭榜挂帅 board: open, closed and awarded challenges, filtered by chain and words. */
export function ChallengeBoardPage() {
  const { t, label } = useI18n();
  const { me } = useAuth();
  const labels = useTaxonomyLabels();
  const yuan = useYuan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'open';
  const chain = params.get('chain') ?? undefined;
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const page = Number(params.get('page') ?? '1');
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };
  const isBoard = ['open', 'closed', 'awarded', 'all'].includes(tab);
  const qs = new URLSearchParams({ page: String(page), pageSize: '10' });
  if (tab !== 'all') qs.set('group', tab as BoardGroup);
  if (chain) qs.set('chain', chain);
  if (q) qs.set('q', q);
  const board = useApiQuery<Page<ChallengeSummary>>(['challenges', 'board', qs.toString()], isBoard ? `/challenges?${qs.toString()}` : null, { keepPrevious: true });
  const mine = useApiQuery<Page<ApplicationView>>(['challenges', 'applications', 'mine', me?.id], me && tab === 'mine' ? '/my/challenge-applications?pageSize=50' : null);
  const owned = useApiQuery<Page<ChallengeSummary>>(['challenges', 'owned', me?.id], me && tab === 'owned' ? '/my/challenges?pageSize=50' : null);

  const summaryList = (data: Page<ChallengeSummary> | undefined, paged: boolean) => (
    <List
      data-testid="challenge-list"
      dataSource={data?.items ?? []}
      loading={!data}
      locale={{ emptyText: <Empty description={t('challenge.board.empty')} /> }}
      pagination={paged && data && data.total > data.pageSize ? { current: page, pageSize: data.pageSize, total: data.total, onChange: (p) => set({ page: String(p) }) } : false}
      renderItem={(c) => (
        <List.Item key={c.id} data-testid="challenge-card">
          <List.Item.Meta
            title={
              <Space wrap>
                <Link to={`/challenges/${c.id}`} data-testid="challenge-link">
                  {c.title}
                </Link>
                <ChallengeStatusTag status={c.status} deadline={c.applicationDeadline} />
                <ModeTag mode={c.mode} />
              </Space>
            }
            description={
              <Space wrap split="·">
                <span>{c.ownerOrgName}</span>
                <span>
                  {t('challenge.field.bounty')}
                  {t('challenge.colon')}
                  <Typography.Text strong>{yuan(c.bounty)}</Typography.Text>
                </span>
                <span>
                  {t('challenge.field.deadline')}
                  {t('challenge.colon')}
                  {formatDate(c.applicationDeadline)}
                </span>
                <span>{t('challenge.board.applications', { n: c.applicationCount })}</span>
                <span>{c.chains.map(labels.chain).join('、')}</span>
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );

  return (
    <Card
      title={t('challenge.board.title')}
      extra={
        me ? (
          <Button type="primary" onClick={() => navigate('/challenges/new')} data-testid="challenge-new">
            {t('challenge.board.new')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('challenge.board.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k, page: undefined })}
        items={[
          { key: 'open', label: t('challenge.board.open') },
          { key: 'closed', label: t('challenge.board.closed') },
          { key: 'awarded', label: t('challenge.board.awarded') },
          { key: 'all', label: t('challenge.board.all') },
          ...(me
            ? [
                { key: 'mine', label: <span data-testid="tab-my-applications">{t('challenge.board.mine')}</span> },
                { key: 'owned', label: t('challenge.board.owned') },
              ]
            : []),
        ]}
      />
      {isBoard && (
        <>
          <Space wrap style={{ marginBottom: 16 }}>
            <Input.Search
              value={text}
              onChange={(e) => setText(e.target.value)}
              onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
              placeholder={t('challenge.board.search')}
              aria-label={t('challenge.board.search')}
              style={{ width: 280 }}
              allowClear
            />
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('challenge.field.chains')}
              aria-label={t('challenge.field.chains')}
              value={chain}
              onChange={(v: string | undefined) => set({ chain: v, page: undefined })}
              style={{ width: 240 }}
              options={TAX.industries.map((i) => ({ label: label(i), options: i.chains.map((c) => ({ value: c.code, label: label(c) })) }))}
            />
          </Space>
          {summaryList(board.data, true)}
        </>
      )}
      {tab === 'owned' && summaryList(owned.data, false)}
      {tab === 'mine' && (
        <List
          data-testid="my-applications"
          dataSource={mine.data?.items ?? []}
          loading={!mine.data}
          locale={{ emptyText: <Empty description={t('challenge.board.noApplications')} /> }}
          renderItem={(a) => (
            <List.Item
              key={a.id}
              actions={[
                <Link key="c" to={`/challenges/${a.challengeId}`}>
                  {t('challenge.action.view')}
                </Link>,
                <Link key="m" to={`/challenges/${a.challengeId}/milestones`} data-testid="my-milestones-link">
                  {t('challenge.action.milestones')}
                </Link>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space>
                    {a.challengeTitle}
                    <ApplicationStatusTag status={a.status} />
                  </Space>
                }
                description={`${a.orgName} · ${a.leadName}`}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
