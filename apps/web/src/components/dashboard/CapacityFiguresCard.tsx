import { Card, Col, Row, Table, Typography } from 'antd';
import { CapacityDashboardView, CapacityProviderFigures, TrlMove, beijingDate } from '@ztt/contracts';
import { useApiQuery } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { BarChart } from './charts';

/** The dashboard's 中试与仪器共享 section: utilisation and satisfaction per provider this quarter, and achievements that moved up in TRL after a run. */
export function CapacityFiguresCard() {
  const { t } = useI18n();
  const { data, isLoading } = useApiQuery<CapacityDashboardView>(['dashboard', 'capacity'], '/admin/dashboard/capacity', { staleTime: 0 });
  const kindLabel = (p: CapacityProviderFigures) => (p.kind === 'instruments' ? t('capacity.dashboard.instrumentsOnly') : t(`capacity.kind.${p.kind}`));
  return (
    <Card title={`${t('capacity.dashboard.title')}${data ? ` · ${data.quarter}` : ''}`} loading={isLoading} data-testid="capacity-figures">
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={24}>
            <Typography.Paragraph type="secondary">{t('capacity.dashboard.hint')}</Typography.Paragraph>
          </Col>
          <Col xs={24} lg={14}>
            <Table<CapacityProviderFigures>
              size="small"
              rowKey={(p) => p.providerId ?? `org:${p.name}`}
              pagination={false}
              dataSource={data.providers}
              scroll={{ x: true }}
              columns={[
                { title: t('capacity.dashboard.provider'), render: (_, p) => `${p.name} ${kindLabel(p)}` },
                { title: t('capacity.dashboard.utilisation'), render: (_, p) => (p.utilisation === null ? '—' : `${p.utilisation}%`) },
                { title: t('capacity.dashboard.bookedHours'), dataIndex: 'bookedHours' },
                { title: t('capacity.dashboard.openHours'), dataIndex: 'openHours' },
                { title: t('capacity.dashboard.runs'), dataIndex: 'runs' },
                { title: t('capacity.dashboard.satisfaction'), render: (_, p) => (p.ratingAverage ? `${p.ratingAverage}（${p.ratingCount}）` : '—') },
              ]}
            />
          </Col>
          <Col xs={24} lg={10}>
            <BarChart
              testId="capacity-utilisation"
              categories={data.providers.map((p) => p.name)}
              series={[{ name: t('capacity.dashboard.utilisation'), values: data.providers.map((p) => Number(p.utilisation ?? 0)) }]}
              empty={t('capacity.mine.none')}
            />
          </Col>
          <Col xs={24}>
            <Table<TrlMove>
              size="small"
              rowKey="runId"
              pagination={false}
              title={() => t('capacity.dashboard.moves')}
              dataSource={data.trlMoves}
              columns={[
                { title: t('capacity.dashboard.achievement'), dataIndex: 'achievementTitle' },
                { title: t('capacity.dashboard.provider'), dataIndex: 'providerName' },
                { title: t('capacity.run.trl'), render: (_, m) => `TRL ${m.trlBefore} → ${m.trlReached}` },
                { title: t('capacity.dashboard.completedAt'), render: (_, m) => beijingDate(new Date(m.completedAt)) },
              ]}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
