import { Alert, Button, Card, Empty, List, Progress, Space, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { FinancingWatchlistItem } from '@ztt/contracts';
import { api, ApiError } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useFinanceLabels } from '../components/finance/financing-ui';
import { InterestModal } from '../components/finance/InterestModal';
import { useI18n } from '../i18n/i18n';

/** /finance/watchlist: a finance member's matched open requests with score and reasons; watch, express interest. */
export function FinanceWatchlistPage() {
  const { t, locale } = useI18n();
  const f = useFinanceLabels();
  const list = useApiQuery<FinancingWatchlistItem[]>(['finance', 'watchlist'], '/finance/watchlist', { staleTime: 0, retry: false });
  const [interestFor, setInterestFor] = useState<FinancingWatchlistItem | null>(null);
  const watch = useMutation({
    mutationFn: (x: FinancingWatchlistItem) => api(x.watched ? 'DELETE' : 'PUT', `/financing-requests/${x.request.id}/watch`),
    meta: { invalidates: [['finance'], ['financing']] },
  });
  if (list.error instanceof ApiError && list.error.status === 404) return <Alert type="info" showIcon message={t('finance.watchlist.noProfile')} />;
  if (list.error) return <Alert type="error" message={list.error.message} />;
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('finance.watchlist.title')}</h1>} loading={list.isLoading}>
      <Typography.Paragraph type="secondary">{t('finance.watchlist.hint')}</Typography.Paragraph>
      {list.data && !list.data.length ? (
        <Empty description={t('finance.watchlist.none')} />
      ) : (
        <List
          dataSource={list.data ?? []}
          rowKey={(x) => x.request.id}
          renderItem={(x) => (
            <List.Item
              data-testid="watchlist-item"
              actions={[
                <Button
                  key="watch"
                  size="small"
                  onClick={() => watch.mutate(x)}
                  loading={watch.isPending && watch.variables?.request.id === x.request.id}
                  data-testid="watch-toggle"
                >
                  {x.watched ? t('finance.unwatch') : t('finance.watch')}
                </Button>,
                x.interested ? (
                  <Tag key="interest" color="green" data-testid="interest-done">
                    {t('finance.interest.done')}
                  </Tag>
                ) : (
                  <Button key="interest" size="small" type="primary" onClick={() => setInterestFor(x)} data-testid="interest-open">
                    {t('finance.interest.express')}
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Link to={`/financing/${x.request.id}`} data-testid="watchlist-title">
                      {x.request.title}
                    </Link>
                    {x.watched && <Tag color="gold">{t('finance.watched')}</Tag>}
                  </Space>
                }
                description={
                  <Space direction="vertical" size={4} style={{ width: '100%' }}>
                    <span>
                      {x.request.orgName} · {f.yuan(x.request.amount)} · {f.instrument(x.request.instrument)} · {f.stage(x.request.stage)}
                    </span>
                    <Space wrap>
                      <span>{t('finance.matches.score')}</span>
                      <Progress percent={Math.round(x.score * 100)} size="small" style={{ width: 120 }} />
                    </Space>
                    <Space wrap data-testid="watchlist-reasons">
                      {(locale === 'en' ? x.reasonsEn : x.reasons).map((r) => (
                        <Tag key={r} color="blue">
                          {r}
                        </Tag>
                      ))}
                    </Space>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      {interestFor && <InterestModal id={interestFor.request.id} title={interestFor.request.title} onClose={() => setInterestFor(null)} />}
    </Card>
  );
}
