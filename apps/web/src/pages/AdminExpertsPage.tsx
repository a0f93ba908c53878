import { App, Button, Card, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { EXPERT_LIMITS as L, ExpertProfileStatus, ExpertProfileView, Page } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { applyApiError } from '../components/form-errors';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

const STATUS_COLOUR = { pending: 'gold', verified: 'green', rejected: 'red' } as const;

/** /admin/experts: platform admins verify or send back 专家库 profiles (with a reason; audited). */
export function AdminExpertsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const labels = useTaxonomyLabels();
  const [status, setStatus] = useState<ExpertProfileStatus | 'all'>(ExpertProfileStatus.Pending);
  const [page, setPage] = useState(1);
  const [rejecting, setRejecting] = useState<ExpertProfileView | null>(null);
  const [reason, setReason] = useState('');
  const list = useApiQuery<Page<ExpertProfileView>>(['expert', 'admin', status, page], `/admin/experts?page=${page}&pageSize=20${status === 'all' ? '' : `&status=${status}`}`, {
    keepPrevious: true,
    staleTime: 0,
  });
  const review = useMutation({
    mutationFn: (v: { id: string; decision: 'verify' | 'reject'; reason?: string }) =>
      api<ExpertProfileView>('POST', `/admin/experts/${v.id}/review`, { decision: v.decision, reason: v.reason }),
    meta: { invalidates: [['expert']] },
    onSuccess: (p) => {
      message.success(p.status === ExpertProfileStatus.Verified ? t('expert.admin.verified') : t('expert.admin.rejected'));
      setRejecting(null);
      setReason('');
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('expert.admin.title')}</h1>}>
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => {
          setStatus(v as ExpertProfileStatus | 'all');
          setPage(1);
        }}
        options={[...Object.values(ExpertProfileStatus).map((s) => ({ value: s, label: t(`expert.status.${s}`) })), { value: 'all', label: t('expert.admin.all') }]}
      />
      <Table<ExpertProfileView>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('expert.none') }}
        pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage }}
        data-testid="expert-admin-list"
        expandable={{
          expandedRowRender: (p) => (
            <Space direction="vertical">
              <Typography.Text>{`${t('expert.admin.contact')}：${p.email}`}</Typography.Text>
              {p.bio && <Typography.Text>{`${t('expert.bio')}：${p.bio}`}</Typography.Text>}
              {p.affiliatedOrgs.length > 0 && <Typography.Text>{`${t('expert.affiliatedOrgs')}：${p.affiliatedOrgs.map((o) => o.orgName).join('、')}`}</Typography.Text>}
              {p.conflicts.map((c) => (
                <Typography.Text key={c.orgId} type="warning">{`${t('expert.conflicts')}：${c.orgName}（${c.reason}）`}</Typography.Text>
              ))}
              {p.rejectionReason && <Typography.Text type="danger">{`${t('expert.rejectionReason')}：${p.rejectionReason}`}</Typography.Text>}
            </Space>
          ),
        }}
        columns={[
          { title: t('expert.name'), dataIndex: 'name' },
          { title: t('expert.kind'), render: (_, p) => t(`expert.kind.${p.kind}`) },
          { title: t('expert.titles'), render: (_, p) => p.titles.join('、') },
          { title: t('expert.affiliations'), dataIndex: 'affiliations' },
          {
            title: t('expert.chains'),
            render: (_, p) => (
              <Space wrap size={4}>
                {p.chains.map((ch) => (
                  <Tag key={ch}>{labels.chain(ch)}</Tag>
                ))}
                {p.keywords.map((k) => (
                  <Tag key={k} color="blue">
                    {k}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('expert.admin.reviewer'),
            render: (_, p) => (p.reviewer ? <Tag color="green">✓</Tag> : <Typography.Text type="secondary">{t('expert.admin.noReviewer')}</Typography.Text>),
          },
          { title: t('common.status'), render: (_, p) => <Tag color={STATUS_COLOUR[p.status]}>{t(`expert.status.${p.status}`)}</Tag> },
          {
            title: t('common.actions'),
            render: (_, p) => (
              <Space>
                {p.status !== ExpertProfileStatus.Verified && (
                  <Button
                    size="small"
                    type="primary"
                    loading={review.isPending}
                    onClick={() => review.mutate({ id: p.id, decision: 'verify' })}
                    data-testid={`expert-verify-${p.id}`}
                  >
                    {t('expert.admin.verify')}
                  </Button>
                )}
                {p.status !== ExpertProfileStatus.Rejected && (
                  <Button size="small" danger onClick={() => setRejecting(p)} data-testid={`expert-reject-${p.id}`}>
                    {t('expert.admin.reject')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!rejecting}
        title={`${t('expert.admin.rejectTitle')} · ${rejecting?.name ?? ''}`}
        okText={t('expert.admin.reject')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), 'data-testid': 'expert-reject-confirm' }}
        confirmLoading={review.isPending}
        onOk={() => rejecting && review.mutate({ id: rejecting.id, decision: 'reject', reason })}
        onCancel={() => setRejecting(null)}
      >
        <Input.TextArea
          rows={3}
          maxLength={L.reasonLength}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('expert.rejectionReason')}
          data-testid="expert-reject-reason"
        />
      </Modal>
    </Card>
  );
}
