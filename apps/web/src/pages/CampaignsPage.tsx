import { Button, Card, Table, Tag } from 'antd';
import { CampaignStatus, CampaignView } from '@ztt/contracts';
import { Link, useNavigate } from 'react-router-dom';
import { useApiQuery } from '../api/queries';
import { useI18n } from '../i18n/i18n';

const STATUS_COLORS: Record<CampaignStatus, string> = { draft: 'default', open: 'processing', closed: 'warning', reported: 'success' };

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="campaign-status">
      {t(`campaign.status.${status}`)}
    </Tag>
  );
}

/** 季度征集批次: every campaign, newest first. */
export function CampaignsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data } = useApiQuery<CampaignView[]>(['campaigns'], '/admin/campaigns');
  return (
    <Card
      title={t('campaign.list.title')}
      extra={
        <Button type="primary" onClick={() => navigate('/admin/campaigns/new')} data-testid="campaign-new">
          {t('campaign.new')}
        </Button>
      }
    >
      <Table<CampaignView>
        rowKey="id"
        loading={!data}
        dataSource={data ?? []}
        locale={{ emptyText: t('campaign.empty') }}
        columns={[
          {
            title: t('campaign.title'),
            render: (_: unknown, c) => (
              <Link to={`/admin/campaigns/${c.id}`} data-testid="campaign-link">
                {c.title}
              </Link>
            ),
          },
          { title: t('campaign.quarter'), dataIndex: 'quarter' },
          { title: t('campaign.period'), render: (_: unknown, c) => `${c.startsOn} ~ ${c.endsOn}` },
          { title: t('campaign.status'), render: (_: unknown, c) => <CampaignStatusTag status={c.status} /> },
          { title: t('campaign.invited'), dataIndex: 'invited' },
          { title: t('campaign.needs'), dataIndex: 'needs' },
          { title: t('campaign.achievements'), dataIndex: 'achievements' },
        ]}
      />
    </Card>
  );
}
