import { App, Button, Card, Col, Form, InputNumber, List, Progress, Row, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { BrokerFigures, Dashboard, DashboardChart, groupDigits, QuarterlyReportView, quarterOf, quartersUpTo } from '@ztt/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, apiDownload } from '../api/client';
import { useApiQuery } from '../api/queries';
import { BarChart, ContractValueChart, FunnelChart, Heatmap } from '../components/dashboard/charts';
import { CommissionerFiguresCard } from '../components/dashboard/CommissionerFiguresCard';
import { CapacityFiguresCard } from '../components/dashboard/CapacityFiguresCard';
import { FinancingFiguresCard } from '../components/dashboard/FinancingFiguresCard';
import { FulfilmentCards } from '../components/dashboard/fulfilment';
import { KpiSection } from '../components/dashboard/kpis';
import { applyApiError } from '../components/form-errors';
import { TAX, useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

/** The last eight quarters (Beijing time), newest first. */
function recentQuarters(): string[] {
  return quartersUpTo(quarterOf(new Date()), 8).reverse();
}

function query(f: { quarter?: string; industry?: string; region?: string }): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** 科技局数据看板: filters, charts, the quarterly reports; every chart's data exports to .xlsx. */
export function DashboardPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const labels = useTaxonomyLabels();
  const [filters, setFilters] = useState<{ quarter?: string; industry?: string; region?: string }>({ quarter: recentQuarters()[0] });
  // Figures drawn from every part of the platform: each visit reads them afresh.
  const { data } = useApiQuery<Dashboard>(['dashboard', filters], `/admin/dashboard${query(filters)}`, { keepPrevious: true, staleTime: 0 });
  const { data: reports } = useApiQuery<QuarterlyReportView[]>(['dashboard', 'reports'], '/admin/reports');
  const target = useMutation({
    mutationFn: (body: { year: number; amount: string }) => api('PUT', '/admin/dashboard/contract-target', body),
    meta: { invalidates: [['dashboard']] },
    onSuccess: () => message.success(t('dashboard.contractValue.saved')),
    onError: (e) => message.error(applyApiError(targetForm, e)),
  });
  const [targetForm] = Form.useForm<{ amount: number }>();

  const exportButton = (chart: DashboardChart) => (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      data-testid={`export-${chart}`}
      onClick={() => void apiDownload(`/admin/dashboard/export/${chart}${query(filters)}`, `dashboard-${chart}.xlsx`).catch((e: unknown) => message.error(String(e)))}
    >
      {t('dashboard.export')}
    </Button>
  );
  const series = (rows: { needs: number; achievements: number; challenges: number }[], withChallenges = true) => [
    { name: t('dashboard.needs'), values: rows.map((r) => r.needs) },
    { name: t('dashboard.achievements'), values: rows.map((r) => r.achievements) },
    ...(withChallenges ? [{ name: t('dashboard.challenges'), values: rows.map((r) => r.challenges) }] : []),
  ];
  const funnelQuarter = data?.funnel[data.funnel.length - 1];
  const cv = data?.contractValue;
  const cumulative = cv ? Number(cv.quarters[3]?.cumulative ?? '0') : 0;

  const saveTarget = (v: { amount: number }) => cv && target.mutate({ year: cv.year, amount: v.amount.toFixed(2) });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card>
        <Space wrap align="center">
          <Typography.Title level={4} style={{ margin: 0, marginRight: 24 }}>
            {t('dashboard.title')}
          </Typography.Title>
          <span>{t('dashboard.filter.quarter')}</span>
          <Select
            style={{ width: 180 }}
            data-testid="filter-quarter"
            aria-label={t('dashboard.filter.quarter')}
            value={filters.quarter ?? ''}
            onChange={(v: string) => setFilters({ ...filters, quarter: v || undefined })}
            options={[{ value: '', label: t('dashboard.filter.allQuarters') }, ...recentQuarters().map((q) => ({ value: q, label: q }))]}
          />
          <span>{t('dashboard.filter.industry')}</span>
          <Select
            style={{ width: 160 }}
            data-testid="filter-industry"
            aria-label={t('dashboard.filter.industry')}
            value={filters.industry ?? ''}
            onChange={(v: string) => setFilters({ ...filters, industry: v || undefined })}
            options={[{ value: '', label: t('dashboard.filter.all') }, ...TAX.industries.map((i) => ({ value: i.code, label: labels.industry(i.code) }))]}
          />
          <span>{t('dashboard.filter.region')}</span>
          <Select
            style={{ width: 180 }}
            data-testid="filter-region"
            aria-label={t('dashboard.filter.region')}
            value={filters.region ?? ''}
            onChange={(v: string) => setFilters({ ...filters, region: v || undefined })}
            options={[{ value: '', label: t('dashboard.filter.all') }, ...TAX.regions.map((r) => ({ value: r.code, label: labels.region(r.code) }))]}
          />
        </Space>
      </Card>

      <Row gutter={[16, 16]}>
        <Col span={24}>
          <KpiSection quarter={filters.quarter} region={filters.region} />
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.funnel')} extra={exportButton('funnel')} loading={!data}>
            {funnelQuarter && (
              <>
                <Typography.Text type="secondary">{funnelQuarter.quarter}</Typography.Text>
                <FunnelChart
                  testId="chart-funnel"
                  quarter={funnelQuarter}
                  steps={(['matches', 'seen', 'contacted', 'deals', 'signed', 'registered'] as const).map((k) => ({ key: k, label: t(`dashboard.funnel.${k}`) }))}
                />
                <Table
                  size="small"
                  pagination={false}
                  rowKey="quarter"
                  dataSource={data?.funnel ?? []}
                  columns={[
                    { title: t('dashboard.filter.quarter'), dataIndex: 'quarter' },
                    ...(['matches', 'seen', 'contacted', 'deals', 'signed', 'registered'] as const).map((k) => ({ title: t(`dashboard.funnel.${k}`), dataIndex: k })),
                  ]}
                />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={cv ? t('dashboard.contractValue', { year: cv.year }) : ''} extra={exportButton('contract-value')} loading={!data}>
            {cv && (
              <>
                <ContractValueChart
                  testId="chart-contract-value"
                  quarters={cv.quarters}
                  target={cv.target}
                  labels={{ quarter: t('dashboard.contractValue.quarter'), cumulative: t('dashboard.contractValue.cumulative'), target: t('dashboard.contractValue.target') }}
                />
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Text data-testid="contract-cumulative">
                    {t('dashboard.contractValue.cumulative')}：{groupDigits(cv.quarters[3]?.cumulative ?? '0.00')} 元
                    {cv.target ? ` / ${t('dashboard.contractValue.target')} ${groupDigits(cv.target)} 元` : ` · ${t('dashboard.contractValue.noTarget')}`}
                  </Typography.Text>
                  {(filters.industry || filters.region) && (
                    <Typography.Text type="secondary" data-testid="contract-filtered">
                      {t('dashboard.contractValue.filtered')}
                    </Typography.Text>
                  )}
                  {cv.target && Number(cv.target) > 0 && !filters.industry && !filters.region && (
                    <Progress
                      percent={Math.min(100, Math.round((cumulative / Number(cv.target)) * 1000) / 10)}
                      format={(p) => t('dashboard.contractValue.progress', { pct: p ?? 0 })}
                    />
                  )}
                  <Form form={targetForm} layout="inline" onFinish={(v) => saveTarget(v)}>
                    <Form.Item name="amount" label={t('dashboard.contractValue.setTarget')} rules={[{ required: true }]}>
                      <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="target-amount" />
                    </Form.Item>
                    <Button htmlType="submit" data-testid="target-save">
                      {t('campaign.save')}
                    </Button>
                  </Form>
                </Space>
              </>
            )}
          </Card>
        </Col>
        <FulfilmentCards f={data?.fulfilment} exportButton={exportButton} />
        <Col xs={24}>
          <CommissionerFiguresCard />
        </Col>
        <Col xs={24}>
          <FinancingFiguresCard exportButton={exportButton} />
        </Col>
        <Col xs={24}>
          <CapacityFiguresCard />
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.byIndustry')} extra={exportButton('industry')} loading={!data}>
            {data && (
              <BarChart testId="chart-industry" categories={data.byIndustry.map((r) => labels.industry(r.key))} series={series(data.byIndustry)} empty={t('dashboard.noData')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.byRegion')} extra={exportButton('region')} loading={!data}>
            {data && (
              <BarChart
                testId="chart-region"
                categories={data.byRegion.filter((r) => r.needs + r.achievements + r.challenges > 0).map((r) => labels.region(r.key))}
                series={series(data.byRegion.filter((r) => r.needs + r.achievements + r.challenges > 0))}
                empty={t('dashboard.noData')}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.byTrl')} extra={exportButton('trl')} loading={!data}>
            {data && <BarChart testId="chart-trl" categories={data.byTrl.map((r) => `TRL ${r.key}`)} series={series(data.byTrl, false)} empty={t('dashboard.noData')} />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.brokers')} extra={exportButton('brokers')} loading={!data}>
            <Table<BrokerFigures>
              size="small"
              pagination={false}
              rowKey="brokerId"
              dataSource={data?.brokers ?? []}
              data-testid="broker-table"
              columns={[
                { title: t('dashboard.broker.name'), dataIndex: 'name' },
                { title: t('dashboard.broker.matches'), dataIndex: 'matches' },
                { title: t('dashboard.funnel.contacted'), dataIndex: 'contacted' },
                { title: t('dashboard.funnel.deals'), dataIndex: 'deals' },
                { title: t('dashboard.funnel.signed'), dataIndex: 'signed' },
                { title: t('dashboard.funnel.registered'), dataIndex: 'registered' },
                { title: t('dashboard.broker.value'), render: (_: unknown, b) => groupDigits(b.value) },
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('dashboard.heatmap')} extra={exportButton('heatmap')} loading={!data}>
            <Typography.Paragraph type="secondary">{t('dashboard.heatmap.help')}</Typography.Paragraph>
            {data && <Heatmap testId="chart-heatmap" cells={data.heatmap} chainLabel={labels.chain} regionLabel={labels.region} empty={t('dashboard.noData')} />}
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('dashboard.reports')}>
            <List
              data-testid="report-list"
              locale={{ emptyText: t('dashboard.reports.empty') }}
              dataSource={reports ?? []}
              renderItem={(r) => (
                <List.Item
                  actions={[
                    <Button
                      key="pdf"
                      size="small"
                      icon={<DownloadOutlined />}
                      onClick={() => void apiDownload(`/admin/reports/${r.quarter}/pdf`, `report-${r.quarter}.pdf`).catch((e: unknown) => message.error(String(e)))}
                    >
                      {t('dashboard.reports.download')}
                    </Button>,
                  ]}
                >
                  {r.quarter} · {r.sentAt?.slice(0, 10) ?? ''}
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
