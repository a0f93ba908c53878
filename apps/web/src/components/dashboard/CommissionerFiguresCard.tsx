import { Card, Col, Row, Statistic, Table } from 'antd';
import { CommissionerFigures } from '@ztt/contracts';
import { useApiQuery } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { useTaxonomyLabels } from '../labels';

/** The dashboard's 科技特派员 card: the roster, commissioners per county, services logged and confirmed, the average rating. */
export function CommissionerFiguresCard() {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const { data, isLoading } = useApiQuery<CommissionerFigures>(['dashboard', 'commissioners'], '/admin/dashboard/commissioners', { staleTime: 0 });
  return (
    <Card title={t('commissioner.figures.title')} loading={isLoading} data-testid="commissioner-figures">
      {data && (
        <>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic title={t('commissioner.figures.commissioners')} value={data.commissioners} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('commissioner.figures.logged')} value={data.servicesLogged} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('commissioner.figures.confirmed')} value={data.servicesConfirmed} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('commissioner.figures.rating')} value={data.averageRating ?? '—'} />
            </Col>
          </Row>
          <Table
            size="small"
            style={{ marginTop: 16 }}
            rowKey="region"
            pagination={false}
            title={() => t('commissioner.figures.perCounty')}
            dataSource={data.perCounty}
            columns={[
              { title: t('commissioner.assignment.region'), render: (_, r) => labels.region(r.region) },
              { title: t('commissioner.figures.commissioners'), dataIndex: 'commissioners' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
