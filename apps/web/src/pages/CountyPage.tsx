import { Card, Col, Empty, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { CountyKpiLine, CountyNeedListEntry, CountyPublicView } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

const PRIORITY_COLOR = { high: 'red', medium: 'orange', low: 'default' } as const;

/** /counties/:code: the public county page — its counts, its published yearly need list, its KPI allocations. No sign-in. */
export function CountyPage() {
  const { code = '' } = useParams();
  const { t, label } = useI18n();
  const labels = useTaxonomyLabels();
  const { data, isLoading, error } = useApiQuery<CountyPublicView>(['counties', code], `/counties/${encodeURIComponent(code)}`);
  if (error) return <Empty description={t('notFound.title')} />;
  if (isLoading || !data) return <Card loading />;
  const name = label({ code: data.code, label: data.name, en: data.nameEn }, data.code);
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{name}</h1>} data-testid="county-page">
      <Typography.Paragraph type="secondary">{t('county.public.hint')}</Typography.Paragraph>
      <Row gutter={16} style={{ marginBottom: 24 }}>
        <Col xs={12} md={6}>
          <Statistic title={t('county.needs')} value={data.needs} data-testid="county-needs" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('county.achievements')} value={data.achievements} data-testid="county-achievements" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('county.challenges')} value={data.challenges} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('county.deals')} value={data.deals} data-testid="county-deals" />
        </Col>
      </Row>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {data.needList ? t('county.needList', { year: data.needList.year }) : t('county.needList', { year: data.year })}
      </Typography.Title>
      {data.needList ? (
        <Table<CountyNeedListEntry>
          rowKey={(_, i) => String(i)}
          pagination={false}
          dataSource={data.needList.entries}
          data-testid="county-need-list"
          columns={[
            { title: t('county.entry.title'), dataIndex: 'title' },
            { title: t('county.entry.chain'), dataIndex: 'chain', render: (c: string) => labels.chain(c) },
            {
              title: t('county.entry.priority'),
              dataIndex: 'priority',
              render: (p: CountyNeedListEntry['priority']) => <Tag color={PRIORITY_COLOR[p]}>{t(`county.priority.${p}`)}</Tag>,
            },
            { title: t('county.entry.description'), dataIndex: 'description' },
          ]}
        />
      ) : (
        <Typography.Paragraph type="secondary">{t('county.needList.none')}</Typography.Paragraph>
      )}
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        {t('county.kpis')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('county.kpis.hint', { year: data.year, quarter: data.quarter })}</Typography.Paragraph>
      <Table<CountyKpiLine>
        rowKey="code"
        pagination={false}
        dataSource={data.kpis}
        columns={[
          { title: t('county.kpi.name'), render: (_, k) => label({ code: k.code, label: k.name, en: k.nameEn }, k.code) },
          { title: t('county.kpi.allocation'), dataIndex: 'allocation', render: (v: string | null) => v ?? '-' },
          { title: t('county.kpi.actual'), dataIndex: 'actual', render: (v: string | null) => v ?? '-' },
          {
            title: t('county.kpi.reached'),
            dataIndex: 'reached',
            // The number is written out beside the bar, so the bar needs no text alternative of its own.
            render: (v: string | null) =>
              v === null ? (
                '-'
              ) : (
                <Space data-testid="county-kpi-reached">
                  <Progress percent={Math.min(100, Number(v))} showInfo={false} size="small" style={{ width: 80, margin: 0 }} aria-hidden />
                  <span>{`${v}%`}</span>
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}
