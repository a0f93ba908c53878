import { App, Button, Card, Space, Table, Tabs } from 'antd';
import { BrokerPerformance, CONTRACT_TYPE_LABELS, RegistrationListEntry } from '@ztt/contracts';
import { Link } from 'react-router-dom';
import { apiDownload } from '../api/client';
import { useApiQuery } from '../api/queries';
import { DealStageTag, formatYuan } from '../components/deal/deal-ui';
import { useI18n } from '../i18n/i18n';
import { PerformanceCard } from './BrokerPerformancePage';

/** 技术合同登记: every recorded contract with the .xlsx export, and every broker's performance. */
export function DealRegistrationsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { data } = useApiQuery<RegistrationListEntry[]>(['deals', 'registrations'], '/admin/registrations');
  const { data: perf } = useApiQuery<BrokerPerformance[]>(['deals', 'performance', 'all'], '/admin/deal-performance');
  const exportAll = () => apiDownload('/admin/registrations/export', '技术合同登记.xlsx').catch((e: unknown) => message.error(String(e)));
  return (
    <Card title={t('deal.registrations.title')}>
      <Tabs
        items={[
          {
            key: 'list',
            label: t('deal.registrations.title'),
            children: (
              <>
                <Space style={{ marginBottom: 12 }}>
                  <Button onClick={() => void exportAll()} data-testid="registrations-export">
                    {t('deal.registrations.export')}
                  </Button>
                </Space>
                <Table<RegistrationListEntry>
                  rowKey="dealId"
                  loading={!data}
                  dataSource={data ?? []}
                  columns={[
                    { title: t('deal.contract.name'), render: (_: unknown, r) => <Link to={`/deals/${r.dealId}`}>{r.contractName}</Link> },
                    { title: t('deal.contract.type'), render: (_: unknown, r) => CONTRACT_TYPE_LABELS[r.contractType]?.[locale] ?? r.contractType },
                    { title: t('deal.contract.buyer'), render: (_: unknown, r) => r.buyer.name },
                    { title: t('deal.contract.seller'), render: (_: unknown, r) => r.seller.name },
                    { title: t('deal.contract.total'), render: (_: unknown, r) => formatYuan(r.totalAmount) },
                    { title: t('deal.contract.tech'), render: (_: unknown, r) => formatYuan(r.techAmount) },
                    { title: t('deal.registration.number'), render: (_: unknown, r) => r.registrationNumber ?? '—' },
                    { title: t('deal.stage'), render: (_: unknown, r) => <DealStageTag stage={r.stage} /> },
                    { title: t('deal.brokers'), dataIndex: 'brokerName' },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'performance',
            label: t('deal.performance.broker'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                {(perf ?? []).map((p) => (
                  <PerformanceCard key={p.brokerId} p={p} others />
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
