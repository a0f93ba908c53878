import { Card, Col, Row, Space, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import { COUNTY_CODES, PublicStats } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { BarChart } from '../components/dashboard/charts';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

/** The public statistics: published counts by industry and county, registered contracts (no amounts). */
export function PublicStatsPage() {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const { data } = useApiQuery<PublicStats>(['stats', 'public'], '/public/stats', { staleTime: 0 });
  const series = (rows: PublicStats['byIndustry']) => [
    { name: t('dashboard.needs'), values: rows.map((r) => r.needs) },
    { name: t('dashboard.achievements'), values: rows.map((r) => r.achievements) },
    { name: t('dashboard.challenges'), values: rows.map((r) => r.challenges) },
  ];
  return (
    <Card title={t('dashboard.public.title')} loading={!data}>
      {data && (
        <>
          <Row gutter={16} style={{ marginBottom: 24 }}>
            <Col span={6}>
              <Statistic title={t('dashboard.public.needs')} value={data.needs} data-testid="stat-needs" />
            </Col>
            <Col span={6}>
              <Statistic title={t('dashboard.public.achievements')} value={data.achievements} data-testid="stat-achievements" />
            </Col>
            <Col span={6}>
              <Statistic title={t('dashboard.public.challenges')} value={data.challenges} />
            </Col>
            <Col span={6}>
              <Statistic title={t('dashboard.public.contracts')} value={data.registeredContracts} />
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card type="inner" title={t('dashboard.byIndustry')}>
                <BarChart testId="public-industry" categories={data.byIndustry.map((r) => labels.industry(r.key))} series={series(data.byIndustry)} empty={t('dashboard.noData')} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card type="inner" title={t('dashboard.byRegion')}>
                <BarChart testId="public-region" categories={data.byRegion.map((r) => labels.region(r.key))} series={series(data.byRegion)} empty={t('dashboard.noData')} />
                <Space wrap size={[12, 4]} style={{ marginTop: 8 }} data-testid="county-links">
                  <span>{t('county.pages')}</span>
                  {COUNTY_CODES.map((c) => (
                    <Link key={c} to={`/counties/${c}`}>
                      {labels.region(c)}
                    </Link>
                  ))}
                </Space>
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Card>
  );
}
