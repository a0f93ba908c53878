import { App, Button, Card, Popconfirm, Space, Table, Tabs, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { DisclosureRequestView, DisclosureStatus, Page } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { formatDateTime, kindPath } from '../components/catalogue';
import { applyApiError } from '../components/form-errors';
import { DisclosureTag } from '../components/labels';
import { useI18n } from '../i18n/i18n';

type Box = 'incoming' | 'outgoing';
const PAGE_SIZE = 20;

/** 保密信息申请: requests to see other organisations' confidential parts, both directions. */
export function DisclosuresPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const box: Box = params.get('box') === 'outgoing' ? 'outgoing' : 'incoming';
  return (
    <Card title={t('disclosure.title')}>
      <Tabs
        activeKey={box}
        onChange={(k) => setParams({ box: k })}
        items={[
          { key: 'incoming', label: <span data-testid="tab-incoming">{t('disclosure.incoming')}</span>, children: <DisclosureTable box="incoming" /> },
          { key: 'outgoing', label: <span data-testid="tab-outgoing">{t('disclosure.outgoing')}</span>, children: <DisclosureTable box="outgoing" /> },
        ]}
        destroyOnHidden
      />
    </Card>
  );
}

function DisclosureTable({ box }: { box: Box }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [current, setCurrent] = useState(1);
  const { data: page } = useApiQuery<Page<DisclosureRequestView>>(['disclosures', box, current], `/disclosure-requests?box=${box}&page=${current}&pageSize=${PAGE_SIZE}`, {
    keepPrevious: true,
  });
  // A decision changes what the item's page shows the requester.
  const decision = useMutation({
    mutationFn: ({ r, decision }: { r: DisclosureRequestView; decision: 'grant' | 'decline' }) => api('POST', `/disclosure-requests/${r.id}/decision`, { decision }),
    meta: { invalidates: [['disclosures'], ['item']] },
    onSuccess: (_, { decision }) => message.success(t(decision === 'grant' ? 'disclosure.granted' : 'disclosure.declined')),
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const busy = decision.isPending ? decision.variables.r.id : null;
  const decide = (r: DisclosureRequestView, d: 'grant' | 'decline') => decision.mutate({ r, decision: d });

  return (
    <Table<DisclosureRequestView>
      rowKey="id"
      loading={!page}
      dataSource={page?.items ?? []}
      locale={{ emptyText: t('disclosure.empty') }}
      pagination={{ current, total: page?.total ?? 0, pageSize: PAGE_SIZE, onChange: setCurrent, showSizeChanger: false }}
      data-testid={`disclosures-${box}`}
      columns={[
        {
          title: t('disclosure.item'),
          dataIndex: 'itemTitle',
          render: (title: string, r) => (
            <Space direction="vertical" size={0}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(r.itemKind === 'need' ? 'item.kind.need' : 'item.kind.achievement')}
              </Typography.Text>
              <Link to={`/${kindPath(r.itemKind)}/${r.itemId}`}>{title}</Link>
            </Space>
          ),
        },
        {
          title: t('disclosure.requester'),
          render: (_, r) => (
            <Space direction="vertical" size={0}>
              <Typography.Text>{r.requesterOrgName}</Typography.Text>
              <Typography.Text type="secondary">{r.requesterName}</Typography.Text>
            </Space>
          ),
        },
        {
          title: t('disclosure.reason'),
          dataIndex: 'reason',
          render: (s: string) => (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, maxWidth: 360 }} ellipsis={{ rows: 3, expandable: true }}>
              {s}
            </Typography.Paragraph>
          ),
        },
        { title: t('common.status'), dataIndex: 'status', render: (s: DisclosureStatus) => <DisclosureTag status={s} /> },
        { title: t('disclosure.createdAt'), dataIndex: 'createdAt', render: (d: string) => formatDateTime(d) },
        { title: t('disclosure.decidedAt'), dataIndex: 'decidedAt', render: (d: string | null) => (d ? formatDateTime(d) : '—') },
        ...(box === 'incoming'
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_: unknown, r: DisclosureRequestView) =>
                  r.status === DisclosureStatus.Pending && (
                    <Space>
                      <Button size="small" type="primary" loading={busy === r.id} onClick={() => decide(r, 'grant')} data-testid={`grant-${r.id}`}>
                        {t('disclosure.grant')}
                      </Button>
                      <Popconfirm title={t('disclosure.declineConfirm')} onConfirm={() => decide(r, 'decline')} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                        <Button size="small" danger loading={busy === r.id} data-testid={`decline-${r.id}`}>
                          {t('disclosure.decline')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}
