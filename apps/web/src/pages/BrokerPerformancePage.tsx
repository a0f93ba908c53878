import { Alert, Card, Col, Descriptions, Row, Statistic, Table } from 'antd';
import { BrokerPerformance, DEAL_OPEN_STAGES, DEAL_PIPELINE } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { formatYuan } from '../components/deal/deal-ui';
import { applyApiError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n';

/** 我的业绩: open deals by stage, conversion match → deal → signed, days per stage, registered contract value. */
export function BrokerPerformancePage() {
  const { data, error } = useApiQuery<BrokerPerformance>(['deals', 'performance', 'mine'], '/deals/performance');
  // A failed load says why (the query retries a network error or 5xx first), instead of loading forever.
  if (error && !data) return <Alert type="error" showIcon message={applyApiError(null, error)} data-testid="performance-error" />;
  if (!data) return <Card loading />;
  return <PerformanceCard p={data} />;
}

export function PerformanceCard({ p, others = false }: { p: BrokerPerformance; others?: boolean }) {
  const { t } = useI18n();
  const pct = (a: number, b: number) => (b ? `${Math.round((a / b) * 100)}%` : '—');
  return (
    <Card title={`${t(others ? 'deal.performance.broker' : 'deal.performance.title')} · ${p.brokerName}`} data-testid="performance">
      <Row gutter={16}>
        <Col span={6}>
          <Statistic title={t('deal.performance.registeredValue')} value={formatYuan(p.registeredValue)} data-testid="performance-value" />
        </Col>
        <Col span={6}>
          <Statistic title={t('deal.performance.registeredContracts')} value={p.registeredContracts} />
        </Col>
        <Col span={6}>
          <Statistic title={t('deal.performance.matchToDeal')} value={`${p.dealsFromMatches} / ${p.matchesAssigned} (${pct(p.dealsFromMatches, p.matchesAssigned)})`} />
        </Col>
        <Col span={6}>
          <Statistic title={t('deal.performance.dealToSigned')} value={`${p.dealsSigned} / ${p.dealsOpened} (${pct(p.dealsSigned, p.dealsOpened)})`} />
        </Col>
      </Row>
      <Descriptions title={t('deal.performance.open')} size="small" column={6} style={{ marginTop: 24 }}>
        {DEAL_OPEN_STAGES.map((s) => (
          <Descriptions.Item key={s} label={t(`deal.stage.${s}`)}>
            {p.openByStage[s] ?? 0}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        rowKey="stage"
        title={() => t('deal.performance.days')}
        dataSource={DEAL_PIPELINE.filter((s) => p.averageDaysPerStage[s] !== undefined).map((s) => ({ stage: s, days: p.averageDaysPerStage[s] }))}
        columns={[
          { title: t('deal.stage'), dataIndex: 'stage', render: (s: string) => t(`deal.stage.${s}` as never) },
          { title: t('deal.performance.avgDays'), dataIndex: 'days' },
        ]}
      />
    </Card>
  );
}
