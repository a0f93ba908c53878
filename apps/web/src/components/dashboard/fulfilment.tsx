import { Alert, Card, Col, Empty, Space, Statistic, Table, Typography } from 'antd';
import type { EquityDealFigures, FulfilmentFigures, FulfilmentQuarter, ModelFigures, OverdueLine, TransferModel } from '@ztt/contracts';
import { groupDigits, OVERDUE_LIST_LIMIT, sumAmounts } from '@ztt/contracts';
import { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/i18n';
import { ChartData } from './charts';

/** Small SVG charts as in charts.tsx: every mark testable by data-testid. */
const COLORS = ['#1677ff', '#52c41a'];

/** Contracted against received per quarter: two columns side by side, in 万元. */
export function ContractedReceivedChart({ quarters, testId, labels }: { quarters: FulfilmentQuarter[]; testId: string; labels: { contracted: string; received: string } }) {
  const wan = (s: string) => Number(s) / 10_000;
  const max = Math.max(1, ...quarters.flatMap((q) => [wan(q.contracted), wan(q.received)]));
  const width = 560;
  const height = 240;
  const plot = { x: 60, y: 16, w: 470, h: 180 };
  const colW = plot.w / Math.max(1, quarters.length);
  const barW = colW * 0.3;
  const yOf = (v: number) => plot.y + plot.h - (v / max) * plot.h;
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(2));
  return (
    <div data-testid={testId}>
      <ChartData testId={testId} head={['', labels.contracted, labels.received]} rows={quarters.map((q) => [q.quarter, fmt(wan(q.contracted)), fmt(wan(q.received))])} />
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" aria-hidden="true">
        <line x1={plot.x} y1={plot.y + plot.h} x2={plot.x + plot.w} y2={plot.y + plot.h} stroke="#ccc" />
        <text x={plot.x - 6} y={plot.y + 8} textAnchor="end" fontSize={10} fill="#666">
          {fmt(max)}
        </text>
        <text x={plot.x - 6} y={plot.y + plot.h} textAnchor="end" fontSize={10} fill="#666">
          0
        </text>
        {quarters.map((q, i) => (
          <g key={q.quarter} data-testid={`${testId}-quarter`} data-contracted={q.contracted} data-received={q.received}>
            {[q.contracted, q.received].map((amount, j) => {
              const v = wan(amount);
              const y = yOf(v);
              const x = plot.x + colW * i + colW * 0.2 + j * barW;
              return (
                <g key={j}>
                  <rect x={x} y={y} width={barW - 2} height={plot.y + plot.h - y} fill={COLORS[j]}>
                    <title>{`${q.quarter} · ${j === 0 ? labels.contracted : labels.received}: ${amount}`}</title>
                  </rect>
                  <text x={x + barW / 2} y={Math.max(plot.y + 10, y - 4)} textAnchor="middle" fontSize={9} fill="#333">
                    {fmt(v)}
                  </text>
                </g>
              );
            })}
            <text x={plot.x + colW * i + colW / 2} y={plot.y + plot.h + 14} textAnchor="middle" fontSize={11} fill="#333">
              {q.quarter}
            </text>
          </g>
        ))}
        <g transform={`translate(${plot.x}, ${height - 14})`}>
          {[labels.contracted, labels.received].map((l, j) => (
            <g key={l} transform={`translate(${j * 130}, 0)`}>
              <rect width={10} height={10} fill={COLORS[j]} />
              <text x={14} y={9} fontSize={11}>
                {l}
              </text>
            </g>
          ))}
        </g>
      </svg>
    </div>
  );
}

/**
 * The dashboard's fulfilment cards (issue 15): contracted against received per quarter, overdue
 * lines, 先用后转 trials with their conversion rate, 作价入股 contracts, and the transfer models.
 * `exportButton` gives each card the .xlsx export of its chart, as the other cards have.
 */
export function FulfilmentCards({
  f,
  exportButton,
}: {
  f: FulfilmentFigures | undefined;
  exportButton: (chart: 'fulfilment' | 'overdue' | 'trials' | 'equity' | 'models') => ReactNode;
}) {
  const { t } = useI18n();
  const sum = (k: 'contracted' | 'received' | 'inventorShare') => groupDigits(sumAmounts((f?.quarters ?? []).map((q) => q[k])));
  const period = f ? (f.period === null ? t('dashboard.period.all') : t('dashboard.period.year', { year: f.period })) : '';
  const modelLabel = (m: TransferModel | null) => t(m ? (`dashboard.model.${m}` as const) : 'dashboard.model.none');
  return (
    <>
      <Col xs={24} lg={12}>
        <Card title={f ? t('dashboard.fulfilment', { year: f.year }) : ''} extra={exportButton('fulfilment')} loading={!f}>
          {f && (
            <>
              <ContractedReceivedChart
                testId="chart-fulfilment"
                quarters={f.quarters}
                labels={{ contracted: t('dashboard.fulfilment.contracted'), received: t('dashboard.fulfilment.received') }}
              />
              <Typography.Text data-testid="fulfilment-totals">
                {t('dashboard.fulfilment.totals', { contracted: sum('contracted'), received: sum('received'), share: sum('inventorShare') })}
              </Typography.Text>
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('dashboard.overdue')} extra={exportButton('overdue')} loading={!f}>
          {f && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space size="large">
                <Statistic title={t('dashboard.overdue.count')} value={f.overdue.count} data-testid="overdue-count" />
                <Statistic title={t('dashboard.overdue.outstanding')} value={groupDigits(f.overdue.outstanding)} data-testid="overdue-outstanding" />
              </Space>
              {f.overdue.count === 0 ? (
                <Empty description={t('dashboard.overdue.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
              ) : (
                <Table<OverdueLine>
                  size="small"
                  pagination={false}
                  rowKey={(l) => `${l.dealId}|${l.label}|${l.dueOn}`}
                  dataSource={f.overdue.lines}
                  data-testid="overdue-table"
                  columns={[
                    { title: t('dashboard.overdue.deal'), render: (_: unknown, l) => <Link to={`/deals/${l.dealId}?tab=fulfilment`}>{l.dealTitle}</Link> },
                    { title: t('dashboard.overdue.line'), dataIndex: 'label' },
                    { title: t('dashboard.overdue.dueOn'), dataIndex: 'dueOn' },
                    { title: t('dashboard.overdue.amount'), align: 'right', render: (_: unknown, l) => groupDigits(l.outstanding) },
                  ]}
                />
              )}
              {f.overdue.count > f.overdue.lines.length && <Typography.Text type="secondary">{t('dashboard.overdue.more', { n: OVERDUE_LIST_LIMIT })}</Typography.Text>}
            </Space>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('dashboard.trials')} extra={exportButton('trials')} loading={!f}>
          {f && (
            <Space direction="vertical" style={{ width: '100%' }} data-testid="trials">
              <Typography.Text type="secondary">{period}</Typography.Text>
              <Space size="large" wrap>
                {(['started', 'converted', 'returned', 'lapsed', 'running'] as const).map((k) => (
                  <Statistic key={k} title={t(`dashboard.trials.${k}`)} value={f.trials[k]} data-testid={`trials-${k}`} />
                ))}
                <Statistic
                  title={t('dashboard.trials.rate')}
                  value={f.trials.conversionRate === null ? '—' : f.trials.conversionRate}
                  suffix={f.trials.conversionRate === null ? undefined : '%'}
                  data-testid="trials-rate"
                />
              </Space>
              <Typography.Text type="secondary">{t('dashboard.trials.rateHelp')}</Typography.Text>
            </Space>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('dashboard.models')} extra={exportButton('models')} loading={!f}>
          {f && (
            <>
              <Typography.Text type="secondary">{period}</Typography.Text>
              <Table<ModelFigures>
                size="small"
                pagination={false}
                rowKey={(m) => m.model ?? 'none'}
                dataSource={f.byModel}
                data-testid="models-table"
                columns={[
                  { title: t('dashboard.models.model'), render: (_: unknown, m) => modelLabel(m.model) },
                  { title: t('dashboard.models.contracts'), dataIndex: 'contracts', align: 'right' },
                  { title: t('dashboard.models.value'), align: 'right', render: (_: unknown, m) => groupDigits(m.value) },
                ]}
              />
            </>
          )}
        </Card>
      </Col>
      <Col span={24}>
        <Card title={t('dashboard.equity')} extra={exportButton('equity')} loading={!f}>
          {f && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Alert
                type="info"
                showIcon
                data-testid="equity-summary"
                message={`${period} · ${t('dashboard.equity.summary', { n: f.equity.count, valuation: groupDigits(f.equity.valuation) })}`}
              />
              <Table<EquityDealFigures>
                size="small"
                pagination={false}
                rowKey="dealId"
                dataSource={f.equity.deals}
                data-testid="equity-table"
                locale={{ emptyText: t('dashboard.noData') }}
                columns={[
                  { title: t('dashboard.overdue.deal'), render: (_: unknown, e) => <Link to={`/deals/${e.dealId}`}>{e.dealTitle}</Link> },
                  { title: t('dashboard.equity.signedOn'), dataIndex: 'signedOn' },
                  { title: t('dashboard.equity.valuation'), align: 'right', render: (_: unknown, e) => groupDigits(e.valuation) },
                  { title: t('dashboard.equity.share'), align: 'right', render: (_: unknown, e) => `${e.sharePercent}%` },
                  {
                    title: t('dashboard.equity.holder'),
                    render: (_: unknown, e) => `${t(`dashboard.equity.holder.${e.holder}`)}${e.holderName ? `（${e.holderName}）` : ''}`,
                  },
                  { title: t('dashboard.equity.valuedBy'), dataIndex: 'valuedBy' },
                ]}
              />
            </Space>
          )}
        </Card>
      </Col>
    </>
  );
}
