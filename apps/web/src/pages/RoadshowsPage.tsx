import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PlatformRole, RoadshowStatus, RoadshowSummaryView } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { formatDateTime } from '../components/catalogue';
import { RoadshowForm } from '../components/finance/RoadshowForm';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

export const ROADSHOW_STATUS_COLOUR: Record<RoadshowStatus, string> = { draft: 'default', published: 'blue', held: 'green', cancelled: 'red' };

/** /roadshows: the roadshows a person may see; admins and brokers create them. */
export function RoadshowsPage() {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const navigate = useNavigate();
  const { hasRole } = useAuth();
  const manager = hasRole(PlatformRole.Admin) || hasRole(PlatformRole.Broker);
  const [creating, setCreating] = useState(false);
  const list = useApiQuery<RoadshowSummaryView[]>(['roadshows', 'list'], '/roadshows', { staleTime: 0 });
  return (
    <Card
      title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('roadshow.list.title')}</h1>}
      extra={
        manager && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="roadshow-new">
            {t('roadshow.new')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('roadshow.list.hint')}</Typography.Paragraph>
      {list.error && <Alert type="error" message={list.error.message} />}
      <Table<RoadshowSummaryView>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        data-testid="roadshow-list"
        locale={{ emptyText: t('roadshow.none') }}
        columns={[
          { title: t('roadshow.title'), render: (_, r) => <Link to={`/roadshows/${r.id}`}>{r.title}</Link> },
          { title: t('roadshow.when'), render: (_, r) => formatDateTime(r.startsAt) },
          { title: t('roadshow.place'), render: (_, r) => r.place ?? r.onlineLink ?? '' },
          { title: t('roadshow.chains'), render: (_, r) => r.chains.map((c) => <Tag key={c}>{labels.chain(c)}</Tag>) },
          { title: t('roadshow.projects'), dataIndex: 'projects' },
          { title: t('roadshow.investors'), dataIndex: 'investors' },
          { title: t('roadshow.signUps'), dataIndex: 'signUps' },
          { title: t('roadshow.status'), render: (_, r) => <Tag color={ROADSHOW_STATUS_COLOUR[r.status]}>{t(`roadshow.status.${r.status}`)}</Tag> },
        ]}
      />
      {manager && <RoadshowForm open={creating} onClose={() => setCreating(false)} onSaved={(r) => navigate(`/roadshows/${r.id}`)} />}
    </Card>
  );
}
