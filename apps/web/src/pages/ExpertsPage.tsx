import { Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ExpertPublicView, Page } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

/** /experts: the public 专家库 (verified experts: names, kinds, titles, chains, keywords; no contacts, no conflicts). */
export function ExpertsPage() {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const [page, setPage] = useState(1);
  const { data, isLoading } = useApiQuery<Page<ExpertPublicView>>(['experts', 'public', page], `/experts?page=${page}&pageSize=20`, { keepPrevious: true });
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('expert.directory.title')}</h1>}>
      <Typography.Paragraph type="secondary">{t('expert.directory.hint')}</Typography.Paragraph>
      <Table<ExpertPublicView>
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('expert.none') }}
        pagination={{ current: page, total: data?.total ?? 0, pageSize: 20, onChange: setPage }}
        data-testid="expert-directory"
        columns={[
          { title: t('expert.name'), dataIndex: 'name' },
          { title: t('expert.kind'), render: (_, e) => <Tag color={e.kind === 'practitioner' ? 'green' : undefined}>{t(`expert.kind.${e.kind}`)}</Tag> },
          { title: t('expert.titles'), render: (_, e) => e.titles.join('、') },
          { title: t('expert.affiliations'), dataIndex: 'affiliations' },
          {
            title: t('expert.chains'),
            render: (_, e) => (
              <Space wrap size={4}>
                {e.chains.map((ch) => (
                  <Tag key={ch}>{labels.chain(ch)}</Tag>
                ))}
                {e.keywords.map((k) => (
                  <Tag key={k} color="blue">
                    {k}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
