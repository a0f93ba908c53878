import { Card, Table, Typography } from 'antd';
import { SpecialtyTags } from '../components/commissioner/SpecialtyTags';
import { useState } from 'react';
import { CommissionerPublicView, Page } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

/** /commissioners: the public roster of 科技特派员 (names, institutions, specialties, counties; no contacts). */
export function CommissionersPage() {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const [page, setPage] = useState(1);
  const { data, isLoading } = useApiQuery<Page<CommissionerPublicView>>(['commissioners', 'public', page], `/commissioners?page=${page}&pageSize=20`, { keepPrevious: true });
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('commissioner.roster.title')}</h1>}>
      <Typography.Paragraph type="secondary">{t('commissioner.roster.hint')}</Typography.Paragraph>
      <Table<CommissionerPublicView>
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('commissioner.none') }}
        pagination={{ current: page, total: data?.total ?? 0, pageSize: 20, onChange: setPage }}
        data-testid="commissioner-roster"
        columns={[
          { title: t('commissioner.name'), dataIndex: 'name' },
          { title: t('commissioner.institution'), dataIndex: 'institutionName' },
          {
            title: t('commissioner.chains'),
            render: (_, c) => <SpecialtyTags chains={c.chains} keywords={c.keywords} />,
          },
          { title: t('commissioner.regions'), render: (_, c) => c.regions.map((r) => labels.region(r)).join('、') },
        ]}
      />
    </Card>
  );
}
