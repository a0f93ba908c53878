import { Card, Col, Row, Statistic, Table, Tag } from 'antd';
import { ReactNode } from 'react';
import { DashboardChart, FINANCING_INSTRUMENT_LABELS, FinancingFigures, groupDigits } from '@ztt/contracts';
import { useApiQuery } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { BarChart } from './charts';

type Row = FinancingFigures['quarters'][number];

/** The built-in programmes' names (a programme added in configuration shows its code). */
const PROGRAMME_KEYS: Record<string, MessageKey> = {
  risk_compensation_pool: 'referral.programme.risk_compensation_pool',
  ip_pledge_whitelist: 'referral.programme.ip_pledge_whitelist',
  conversion_insurance: 'referral.programme.conversion_insurance',
};

/**
 * The dashboard's 科技金融 card: per quarter and instrument, the financing requested against the
 * financing arranged (a bar chart in 万元 and the exact table in 元), the policy referrals by
 * programme and status, and the roadshows held with their projects and follow-ups.
 */
export function FinancingFiguresCard({ exportButton }: { exportButton?: (chart: DashboardChart) => ReactNode }) {
  const { t, locale } = useI18n();
  const { data, isLoading } = useApiQuery<FinancingFigures>(['dashboard', 'financing'], '/admin/dashboard/financing', { staleTime: 0 });
  const instrument = (code: string) => {
    const l = FINANCING_INSTRUMENT_LABELS[code];
    return l ? (locale === 'en' ? l.en : l['zh-CN']) : code;
  };
  // Bars in 万元 (whole), from the exact amounts in 元: the chart shows the scale, the table the figures.
  const wan = (yuan: string) => Math.round(Number(yuan) / 10_000);
  const rows = data?.quarters ?? [];
  return (
    <Card title={t('financeFigures.title')} extra={exportButton?.('financing')} loading={isLoading} data-testid="financing-figures">
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <BarChart
              testId="financing-chart"
              empty={t('financeFigures.empty')}
              categories={rows.map((r) => `${r.quarter} ${instrument(r.instrument)}`)}
              series={[
                { name: `${t('financeFigures.requested')} ÷ 10⁴`, values: rows.map((r) => wan(r.requested)) },
                { name: `${t('financeFigures.arranged')} ÷ 10⁴`, values: rows.map((r) => wan(r.arranged)) },
              ]}
            />
          </Col>
          <Col xs={24} lg={12}>
            <Table<Row>
              size="small"
              rowKey={(r) => `${r.quarter}-${r.instrument}`}
              pagination={false}
              dataSource={rows}
              data-testid="financing-table"
              locale={{ emptyText: t('financeFigures.empty') }}
              columns={[
                { title: t('financeFigures.quarter'), dataIndex: 'quarter' },
                { title: t('financeFigures.instrument'), render: (_, r) => instrument(r.instrument) },
                { title: t('financeFigures.requestedCount'), dataIndex: 'requestedCount', align: 'right' },
                { title: t('financeFigures.requested'), render: (_, r) => groupDigits(r.requested, locale), align: 'right' },
                { title: t('financeFigures.arrangedCount'), dataIndex: 'arrangedCount', align: 'right' },
                { title: t('financeFigures.arranged'), render: (_, r) => groupDigits(r.arranged, locale), align: 'right' },
              ]}
            />
          </Col>
          <Col xs={24} md={12}>
            <Table
              size="small"
              rowKey={(r) => `${r.programme}-${r.status}`}
              pagination={false}
              title={() => t('financeFigures.referrals')}
              dataSource={data.referrals}
              data-testid="financing-referrals"
              columns={[
                { title: t('referral.programme'), render: (_, r) => (PROGRAMME_KEYS[r.programme] ? t(PROGRAMME_KEYS[r.programme] as MessageKey) : r.programme) },
                { title: t('roadshow.status'), render: (_, r) => <Tag>{t(`referral.status.${r.status}`)}</Tag> },
                { title: t('financeFigures.count'), dataIndex: 'count', align: 'right' },
              ]}
            />
          </Col>
          <Col xs={8} md={4}>
            <Statistic title={t('financeFigures.roadshowsHeld')} value={data.roadshows.held} />
          </Col>
          <Col xs={8} md={4}>
            <Statistic title={t('financeFigures.roadshowProjects')} value={data.roadshows.projects} />
          </Col>
          <Col xs={8} md={4}>
            <Statistic title={t('financeFigures.followUps')} value={data.roadshows.followUps} />
          </Col>
        </Row>
      )}
    </Card>
  );
}
