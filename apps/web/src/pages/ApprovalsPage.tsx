import { App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DealApprovalView, Page } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { formatDateTime } from '../components/catalogue';
import { applyApiError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n';

/** The queue holds every pending approval and the recently decided ones; one page of the largest size shows them all. */
const QUEUE = '/approvals?pageSize=100';

type Decision = { id: string; decision: 'approve' | 'refuse'; comment?: string };

/** /my/approvals: the tech-transfer office of an organisation approves or refuses contracts on its service inventions. */
export function ApprovalsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment: string }>();
  const [refusing, setRefusing] = useState<DealApprovalView | null>(null);
  const { data, isLoading } = useApiQuery<Page<DealApprovalView>>(['approvals'], QUEUE, { staleTime: 0 });
  const decide = useMutation({
    mutationFn: ({ id, ...body }: Decision) => api<DealApprovalView>('POST', `/approvals/${id}/decision`, body),
    // The deal's own approval card changes too.
    meta: { invalidates: [['approvals'], ['deal']] },
    onSuccess: (_saved, v) => {
      message.success(t(v.decision === 'approve' ? 'deal.approval.approved' : 'deal.approvals.done'));
      // The dialog's form goes with it (destroyOnHidden, preserve={false}).
      setRefusing(null);
    },
    onError: (e, v) => message.error(applyApiError(v.decision === 'refuse' ? form : null, e)),
  });
  const items = data?.items ?? [];
  const pending = items.filter((a) => a.status === 'pending');
  const decided = items.filter((a) => a.status !== 'pending');

  const dealColumn = {
    title: t('deal.approvals.deal'),
    key: 'deal',
    render: (_: unknown, a: DealApprovalView) => <Link to={`/deals/${a.dealId}`}>{a.dealTitle}</Link>,
  };
  const achievementColumn = {
    title: t('deal.approvals.achievement'),
    key: 'achievement',
    render: (_: unknown, a: DealApprovalView) => (a.achievementId ? <Link to={`/achievements/${a.achievementId}`}>{a.achievementTitle}</Link> : '—'),
  };
  const orgColumn = { title: t('deal.approvals.org'), dataIndex: 'organisationName', key: 'org' };
  const requestedColumns = [
    { title: t('deal.approvals.requestedBy'), dataIndex: 'requestedByName', key: 'by' },
    { title: t('deal.approvals.requestedAt'), key: 'at', render: (_: unknown, a: DealApprovalView) => formatDateTime(a.requestedAt) },
    { title: t('deal.approvals.noticeDays'), dataIndex: 'noticeDays', key: 'days' },
  ];

  const refuse = async () => {
    if (!refusing) return;
    // A missing reason shows under the field.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const { comment } = values;
    decide.mutate({ id: refusing.id, decision: 'refuse', comment: comment.trim() });
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('deal.approvals.title')}>
        <Typography.Paragraph type="secondary">{t('deal.approvals.hint')}</Typography.Paragraph>
        <Typography.Title level={5}>{t('deal.approvals.pending')}</Typography.Title>
        <Table<DealApprovalView>
          rowKey="id"
          size="small"
          loading={isLoading}
          pagination={false}
          dataSource={pending}
          locale={{ emptyText: t('deal.approvals.none') }}
          data-testid="approvals-pending"
          columns={[
            dealColumn,
            achievementColumn,
            orgColumn,
            ...requestedColumns,
            {
              title: '',
              key: 'actions',
              render: (_: unknown, a: DealApprovalView) => (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    loading={decide.isPending && decide.variables?.id === a.id && decide.variables.decision === 'approve'}
                    onClick={() => decide.mutate({ id: a.id, decision: 'approve' })}
                    data-testid="approval-approve"
                  >
                    {t('deal.approvals.approve')}
                  </Button>
                  <Button danger size="small" onClick={() => setRefusing(a)} data-testid="approval-refuse">
                    {t('deal.approvals.refuse')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('deal.approvals.decided')}>
        <Table<DealApprovalView>
          rowKey="id"
          size="small"
          loading={isLoading}
          pagination={false}
          dataSource={decided}
          data-testid="approvals-decided"
          columns={[
            dealColumn,
            achievementColumn,
            orgColumn,
            ...requestedColumns,
            {
              title: t('deal.approvals.result'),
              key: 'result',
              render: (_: unknown, a: DealApprovalView) =>
                a.status === 'approved' ? (
                  <Tag color="green">{a.noticeDays > 0 && a.noticeEndsOn ? t('deal.approval.approvedUntil', { date: a.noticeEndsOn }) : t('deal.approval.approved')}</Tag>
                ) : (
                  <Tag color="red">{t('deal.approval.refused', { reason: a.comment ?? '' })}</Tag>
                ),
            },
            { title: t('deal.approvals.decidedBy'), dataIndex: 'decidedByName', key: 'decidedBy' },
            { title: t('deal.approvals.decidedAt'), key: 'decidedAt', render: (_: unknown, a: DealApprovalView) => formatDateTime(a.decidedAt) },
          ]}
        />
      </Card>
      <Modal
        open={!!refusing}
        title={`${t('deal.approvals.refuse')} · ${refusing?.dealTitle ?? ''}`}
        okText={t('deal.approvals.refuse')}
        okButtonProps={{ danger: true, loading: decide.isPending, 'data-testid': 'approval-refuse-confirm' }}
        onOk={() => void refuse()}
        onCancel={() => setRefusing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="comment" label={t('deal.approvals.comment')} rules={[{ required: true, whitespace: true, message: t('deal.approvals.commentRequired') }, { max: 1000 }]}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="approval-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
