import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ItemKind, ItemStatus, ItemView, Page } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { formatDateTime, kindPath } from '../components/catalogue';
import { applyApiError } from '../components/form-errors';
import { ItemStatusTag, useTaxonomyLabels } from '../components/labels';
import { EDITABLE } from './ItemDetailPage';
import { useI18n } from '../i18n/i18n';

const PAGE_SIZE = 20;

/** 我的需求 / 我的成果: the items of the caller's organisations. */
export function MyItemsPage({ kind }: { kind: ItemKind }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const labels = useTaxonomyLabels();
  const path = kindPath(kind);
  const [status, setStatus] = useState<ItemStatus | undefined>();
  const [current, setCurrent] = useState(1);

  const params = new URLSearchParams({ page: String(current), pageSize: String(PAGE_SIZE) });
  if (status) params.set('status', status);
  const { data: page, error } = useApiQuery<Page<ItemView>>(['items', 'mine', kind, { status, current }], `/my/${path}?${params.toString()}`, { keepPrevious: true });

  return (
    <Card
      title={t(kind === 'need' ? 'nav.myNeeds' : 'nav.myAchievements')}
      extra={
        <Space wrap>
          <Select<ItemStatus>
            allowClear
            placeholder={t('my.statusFilter')}
            aria-label={t('my.statusFilter')}
            style={{ width: 160 }}
            value={status}
            onChange={(v) => {
              setCurrent(1);
              setStatus(v);
            }}
            options={Object.values(ItemStatus).map((s) => ({ value: s, label: t(`item.status.${s}`) }))}
            data-testid="status-filter"
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/${path}/new`)} data-testid={`new-${kind}`}>
            {t(kind === 'need' ? 'need.new' : 'achievement.new')}
          </Button>
        </Space>
      }
    >
      {!!error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={applyApiError(null, error)} />}
      <Table<ItemView>
        rowKey="id"
        loading={!page && !error}
        dataSource={page?.items ?? []}
        locale={{ emptyText: t(kind === 'need' ? 'my.emptyNeeds' : 'my.emptyAchievements') }}
        pagination={{ current, total: page?.total ?? 0, pageSize: PAGE_SIZE, onChange: setCurrent, showSizeChanger: false }}
        data-testid={`my-${path}`}
        columns={[
          {
            title: t('item.title'),
            dataIndex: 'title',
            render: (title: string, r) => (
              <Space direction="vertical" size={0}>
                <Link to={`/${path}/${r.id}`} data-testid={`my-item-${r.id}`}>
                  {title}
                </Link>
                {r.rejectionReason && r.status === ItemStatus.Draft && (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {t('item.rejectionReason')}：{r.rejectionReason}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('item.org'), dataIndex: 'ownerOrgName' },
          {
            title: t('item.chains'),
            dataIndex: 'chains',
            render: (cs: string[]) => cs.map((c) => <Tag key={c}>{labels.chain(c)}</Tag>),
          },
          { title: t('common.status'), dataIndex: 'status', render: (s: ItemStatus) => <ItemStatusTag status={s} /> },
          { title: t('item.updatedAt'), dataIndex: 'updatedAt', render: (d: string) => formatDateTime(d) },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => navigate(`/${path}/${r.id}`)}>
                  {t('item.view')}
                </Button>
                {r.canEdit && EDITABLE.includes(r.status) && (
                  <Button size="small" onClick={() => navigate(`/${path}/${r.id}/edit`)} data-testid={`edit-${r.id}`}>
                    {t('item.edit')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
