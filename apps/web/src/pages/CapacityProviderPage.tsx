import { Alert, Button, Card, Descriptions, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { InstrumentView, MembershipStatus, ProviderDetailView } from '@ztt/contracts';
import { ApiError } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { CapacityStatusTag, KindTag, PriceText, RatingText } from '../components/capacity/capacity-ui';
import { RunRequestModal } from '../components/capacity/RunRequestModal';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

/** /capacity/:id: a provider's capabilities, instruments, public rating rule, and 申请验证 for achievement owners. */
export function CapacityProviderPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { me } = useAuth();
  const labels = useTaxonomyLabels();
  const [asking, setAsking] = useState(false);
  const { data: p, error } = useApiQuery<ProviderDetailView>(['capacity', 'provider', id, !!me], `/capacity/providers/${id}`);
  if (error instanceof ApiError && error.status === 404) return <Result status="404" title="404" subTitle={t('capacity.notFound')} />;
  if (error) return <Result status="error" title={error.message} />;
  if (!p) return <Spin style={{ margin: 48 }} />;
  const memberOfSome = (me?.memberships ?? []).some((m) => m.status === MembershipStatus.Active);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <KindTag kind={p.kind} />
            <h1 style={{ fontSize: 20, margin: 0 }} data-testid="provider-name">
              {p.name}
            </h1>
            {p.status !== 'published' && <CapacityStatusTag status={p.status} />}
          </Space>
        }
        extra={
          me &&
          memberOfSome &&
          p.status === 'published' && (
            <Button type="primary" onClick={() => setAsking(true)} data-testid="request-run">
              {t('capacity.requestRun')}
            </Button>
          )
        }
      >
        {p.rejectionReason && <Alert type="warning" style={{ marginBottom: 16 }} message={`${t('capacity.rejectionReason')}：${p.rejectionReason}`} />}
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('capacity.org')}>
            <Link to={`/orgs/${p.orgId}`}>{p.orgName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('capacity.trlRange')}>{`TRL ${p.trlMin}–${p.trlMax}`}</Descriptions.Item>
          <Descriptions.Item label={t('capacity.capabilities')} span={2}>
            <Typography.Paragraph style={{ marginBottom: 8 }}>{p.capabilities}</Typography.Paragraph>
            <Space wrap size={4}>
              {p.tags.map((k) => (
                <Tag key={k} color="blue">
                  {k}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('capacity.chains')} span={2}>
            <Space wrap size={4}>
              {p.chains.map((c) => (
                <Tag key={c}>{labels.chain(c)}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('capacity.scale')}>{p.scale}</Descriptions.Item>
          <Descriptions.Item label={t('capacity.batchSize')}>{p.batchSize}</Descriptions.Item>
          <Descriptions.Item label={t('capacity.price')}>
            <PriceText basis={p.priceBasis} amount={p.priceAmount} />
          </Descriptions.Item>
          <Descriptions.Item label={t('capacity.region')}>
            {labels.region(p.region)} {p.address}
          </Descriptions.Item>
          <Descriptions.Item label={t('capacity.contact')} span={2}>
            {p.contact ? [p.contact.name, p.contact.phone, p.contact.email].filter(Boolean).join('  ') : <Link to="/login">{t('capacity.contact.signIn')}</Link>}
          </Descriptions.Item>
          <Descriptions.Item label={t('capacity.rating')} span={2}>
            <Space direction="vertical" size={0}>
              <RatingText rating={p.rating} />
              <Typography.Text type="secondary">{t('capacity.rating.rule')}</Typography.Text>
            </Space>
          </Descriptions.Item>
          {p.provincialCode && <Descriptions.Item label={t('capacity.provincial')}>{p.provincialCode}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('capacity.instruments')}>
        <Table<InstrumentView>
          rowKey="id"
          dataSource={p.instruments}
          pagination={false}
          locale={{ emptyText: t('capacity.instruments.none') }}
          scroll={{ x: true }}
          columns={[
            { title: t('capacity.name'), render: (_, i) => <Link to={`/capacity/instruments/${i.id}`}>{i.name}</Link> },
            { title: t('capacity.instrument.model'), render: (_, i) => [i.maker, i.model].filter(Boolean).join(' ') },
            { title: t('capacity.capabilities'), dataIndex: 'capabilities' },
            { title: t('capacity.instrument.rate'), dataIndex: 'hourlyRate' },
          ]}
        />
      </Card>
      {asking && <RunRequestModal providerId={p.id} open={asking} onClose={() => setAsking(false)} />}
    </Space>
  );
}
