import { App, Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { OrganisationView, Page } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { applyApiError } from '../components/form-errors';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';
import { formatDateTime } from '../components/catalogue';

export function AdminVerificationsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const labels = useTaxonomyLabels();
  const [current, setCurrent] = useState(1);
  const [rejecting, setRejecting] = useState<OrganisationView | null>(null);
  const [reason, setReason] = useState('');

  const { data: page } = useApiQuery<Page<OrganisationView>>(['verifications', current], `/admin/verifications?page=${current}&pageSize=20`, { keepPrevious: true });
  const decision = useMutation({
    mutationFn: ({ org, decision, why }: { org: OrganisationView; decision: 'approve' | 'reject'; why?: string }) =>
      api('POST', `/admin/verifications/${org.id}/decision`, { decision, reason: why }),
    meta: { invalidates: [['verifications'], ['org'], ['orgs']] },
    onSuccess: (_, { decision }) => {
      message.success(t(decision === 'approve' ? 'admin.verifications.approved' : 'admin.verifications.rejected'));
      setRejecting(null);
      setReason('');
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const decide = (org: OrganisationView, d: 'approve' | 'reject', why?: string) => decision.mutate({ org, decision: d, why });

  return (
    <Card title={t('admin.verifications.title')}>
      <Table<OrganisationView>
        rowKey="id"
        dataSource={page?.items ?? []}
        loading={!page}
        locale={{ emptyText: t('admin.verifications.empty') }}
        pagination={{ current, total: page?.total ?? 0, pageSize: 20, onChange: setCurrent }}
        columns={[
          {
            title: t('org.name'),
            dataIndex: 'name',
            render: (n: string, o) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{n}</Typography.Text>
                <Typography.Text type="secondary">{o.description}</Typography.Text>
              </Space>
            ),
          },
          { title: t('org.type'), dataIndex: 'type', render: labels.orgType },
          { title: t('org.creditCode'), dataIndex: 'creditCode', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
          { title: t('org.region'), dataIndex: 'region', render: labels.region },
          { title: t('org.industries'), dataIndex: 'industries', render: (xs: string[]) => xs.map((i) => <Tag key={i}>{labels.industry(i)}</Tag>) },
          { title: t('admin.verifications.submittedAt'), dataIndex: 'submittedAt', render: (d: string | null) => (d ? formatDateTime(d) : '') },
          {
            title: t('common.actions'),
            render: (_, o) => (
              <Space>
                <Button type="primary" size="small" data-testid={`approve-${o.creditCode}`} onClick={() => decide(o, 'approve')}>
                  {t('common.approve')}
                </Button>
                <Button danger size="small" onClick={() => setRejecting(o)}>
                  {t('common.reject')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!rejecting}
        title={`${t('common.reject')}：${rejecting?.name ?? ''}`}
        okText={t('common.reject')}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        cancelText={t('common.cancel')}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && decide(rejecting, 'reject', reason)}
      >
        <Input.TextArea rows={3} value={reason} placeholder={t('admin.verifications.reasonRequired')} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Modal>
    </Card>
  );
}
