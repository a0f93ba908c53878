import { Button, Card, Descriptions, Empty, List, Result, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Page, PublicBrokerCard } from '@ztt/contracts';
import { ApiError } from '../api/client';
import { useApiQuery } from '../api/queries';
import { BrokerLevelTag, BrokerRating } from '../components/broker/broker-ui';
import { formatYuan } from '../components/deal/deal-ui';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

const PAGE_SIZE = 20;

/** 技术经纪人名录 (public): specialties, level, firm, record and the parties' rating; never an email or a phone. */
export function BrokerDirectoryPage() {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const [page, setPage] = useState(1);
  const { data } = useApiQuery<Page<PublicBrokerCard>>(['brokers', 'public', { page }], `/brokers?page=${page}&pageSize=${PAGE_SIZE}`, { keepPrevious: true });
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('profession.directory.title')}</h1>}>
      <Typography.Paragraph type="secondary">{t('profession.directory.hint')}</Typography.Paragraph>
      <List<PublicBrokerCard>
        loading={!data}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('profession.directory.empty')} /> }}
        pagination={data && data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, showSizeChanger: false } : false}
        renderItem={(b) => (
          <List.Item data-testid="broker-card">
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/brokers/${b.userId}`}>{b.displayName}</Link>
                  <BrokerLevelTag level={b.level} certified={b.certified} />
                  {b.firm ? <Typography.Text type="secondary">{b.firm.name}</Typography.Text> : null}
                </Space>
              }
              description={
                <Space direction="vertical" size={4}>
                  <span>
                    {b.chains.slice(0, 6).map((c) => (
                      <Tag key={c}>{labels.chain(c)}</Tag>
                    ))}
                  </span>
                  <span>
                    {t('profession.dealsSigned')}：{b.dealsSigned} · {t('profession.contractValue')}：{formatYuan(b.registeredContractValue)}
                  </span>
                  <BrokerRating rating={b.rating} />
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** One broker's public card (/brokers/:id). */
export function BrokerCardPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const { data: b, error } = useApiQuery<PublicBrokerCard>(['brokers', 'public', id], `/brokers/${id}`);
  if (error instanceof ApiError && error.status === 404) return <Result status="404" title="404" subTitle={t('notFound.title')} />;
  if (!b) return <Card loading />;
  return (
    <Card
      title={
        <Space>
          <h1 style={{ fontSize: 20, margin: 0 }} data-testid="broker-name">
            {b.displayName}
          </h1>
          <BrokerLevelTag level={b.level} certified={b.certified} />
        </Space>
      }
      extra={
        <Link to="/brokers">
          <Button type="link">{t('profession.back')}</Button>
        </Link>
      }
    >
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
        <Descriptions.Item label={t('profession.firm')}>{b.firm ? <Link to={`/orgs/${b.firm.id}`}>{b.firm.name}</Link> : t('profession.firm.none')}</Descriptions.Item>
        <Descriptions.Item label={t('profession.level')}>{b.certified ? t('profession.certified') : t('profession.notCertified')}</Descriptions.Item>
        <Descriptions.Item label={t('profession.chains')} span={2}>
          {b.chains.length ? b.chains.map((c) => <Tag key={c}>{labels.chain(c)}</Tag>) : t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('profession.regions')} span={2}>
          {b.regions.length ? b.regions.map((r) => <Tag key={r}>{labels.region(r)}</Tag>) : t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('profession.dealsSigned')}>{b.dealsSigned}</Descriptions.Item>
        <Descriptions.Item label={t('profession.contractValue')}>{formatYuan(b.registeredContractValue)}</Descriptions.Item>
        <Descriptions.Item label={t('profession.rating')} span={2}>
          <BrokerRating rating={b.rating} />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
