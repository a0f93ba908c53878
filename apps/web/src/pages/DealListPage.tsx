import { Card, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DealStage, DealView, Page } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { DealStageTag, formatYuan } from '../components/deal/deal-ui';
import { useI18n } from '../i18n/i18n';

/** My deals (the parties' view, and a broker's list), or every deal for platform admins (`all`). */
export function DealListPage({ all = false }: { all?: boolean }) {
  const { t } = useI18n();
  const [stage, setStage] = useState<DealStage | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const params = new URLSearchParams({ page: String(page), pageSize: '20' });
  if (stage) params.set('stage', stage);
  if (q) params.set('q', q);
  const { data } = useApiQuery<Page<DealView>>(['deals', { all, stage, q, page }], `${all ? '/admin/deals' : '/deals'}?${params}`, { keepPrevious: true });
  return (
    <Card title={all ? t('deal.admin.title') : t('deal.mine.title')}>
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('deal.stage')}
          style={{ width: 180 }}
          value={stage}
          onChange={(v: DealStage | undefined) => {
            setPage(1);
            setStage(v);
          }}
          options={Object.values(DealStage).map((s) => ({ value: s, label: t(`deal.stage.${s}`) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('deal.search')}
          onSearch={(v) => {
            setPage(1);
            setQ(v);
          }}
          style={{ width: 280 }}
          data-testid="deal-search"
        />
      </Space>
      <Table<DealView>
        rowKey="id"
        loading={!data}
        dataSource={data?.items ?? []}
        pagination={{ current: page, total: data?.total ?? 0, pageSize: 20, onChange: setPage }}
        columns={[
          {
            title: t('deal.title'),
            dataIndex: 'title',
            render: (_: string, d) => (
              <Link to={`/deals/${d.id}`} data-testid="deal-link">
                {d.title}
              </Link>
            ),
          },
          { title: t('deal.stage'), dataIndex: 'stage', render: (s: DealStage) => <DealStageTag stage={s} /> },
          { title: t('deal.demand'), render: (_: unknown, d) => d.demand.orgName },
          { title: t('deal.supply'), render: (_: unknown, d) => d.supply.orgName },
          { title: t('deal.brokers'), render: (_: unknown, d) => d.leadBroker.name },
          { title: t('deal.expectedValue'), render: (_: unknown, d) => formatYuan(d.expectedValue) },
        ]}
      />
    </Card>
  );
}
