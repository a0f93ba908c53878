import { Card, Grid, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ExpertPublicView, Page } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { TaxonomyLabels, useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

/**
 * /experts: the public 专家库 (verified experts: names, kinds, titles, chains, keywords; no contacts,
 * no conflicts). A table on a wide screen; on a phone a list of cards, as five columns squeezed to a
 * phone's width are a character wide.
 */
export function ExpertsPage() {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const screens = Grid.useBreakpoint();
  const phone = screens.xs === true && screens.md === false;
  const [page, setPage] = useState(1);
  const { data, isLoading } = useApiQuery<Page<ExpertPublicView>>(['experts', 'public', page], `/experts?page=${page}&pageSize=20`, { keepPrevious: true });
  const pagination = { current: page, total: data?.total ?? 0, pageSize: 20, onChange: setPage };
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('expert.directory.title')}</h1>}>
      <Typography.Paragraph type="secondary">{t('expert.directory.hint')}</Typography.Paragraph>
      {phone ? (
        <List<ExpertPublicView>
          loading={isLoading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('expert.none') }}
          pagination={pagination}
          data-testid="expert-directory"
          renderItem={(e) => (
            <List.Item key={e.id}>
              <Card size="small" style={{ width: '100%' }} title={e.name} extra={<KindTag expert={e} />} data-testid="expert-card">
                {e.titles.length > 0 && <Typography.Paragraph style={{ marginBottom: 4 }}>{e.titles.join('、')}</Typography.Paragraph>}
                {e.affiliations && (
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                    {e.affiliations}
                  </Typography.Paragraph>
                )}
                <ExpertiseTags expert={e} labels={labels} />
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<ExpertPublicView>
          rowKey="id"
          loading={isLoading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('expert.none') }}
          pagination={pagination}
          data-testid="expert-directory"
          columns={[
            { title: t('expert.name'), dataIndex: 'name' },
            { title: t('expert.kind'), render: (_, e) => <KindTag expert={e} /> },
            { title: t('expert.titles'), render: (_, e) => e.titles.join('、') },
            { title: t('expert.affiliations'), dataIndex: 'affiliations' },
            { title: t('expert.chains'), render: (_, e) => <ExpertiseTags expert={e} labels={labels} /> },
          ]}
        />
      )}
    </Card>
  );
}

function KindTag({ expert }: { expert: ExpertPublicView }) {
  const { t } = useI18n();
  return <Tag color={expert.kind === 'practitioner' ? 'green' : undefined}>{t(`expert.kind.${expert.kind}`)}</Tag>;
}

/** The chains an expert knows (taxonomy labels) and their keywords (blue). */
function ExpertiseTags({ expert, labels }: { expert: ExpertPublicView; labels: TaxonomyLabels }) {
  return (
    <Space wrap size={4}>
      {expert.chains.map((ch) => (
        <Tag key={ch}>{labels.chain(ch)}</Tag>
      ))}
      {expert.keywords.map((k) => (
        <Tag key={k} color="blue">
          {k}
        </Tag>
      ))}
    </Space>
  );
}
