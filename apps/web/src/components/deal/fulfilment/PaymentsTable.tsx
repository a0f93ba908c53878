import { Alert, Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { compareDecimals, type FulfilmentView, type PaymentDecisionInput, type PaymentStatus, type PaymentView } from '@ztt/contracts';
import { api, apiDownload } from '../../../api/client';
import { useI18n } from '../../../i18n/i18n';
import { formatYuan } from '../deal-ui';
import { isAmount, useFulfilmentWrite } from './shared';

type Decision = PaymentDecisionInput & { id: string };

const STATUS_COLORS: Record<PaymentStatus, string> = { recorded: 'gold', confirmed: 'green', rejected: 'red' };

/** The payments recorded so far; the receiver confirms one (with the inventors' share on a service invention) or returns it with a reason. */
export function PaymentsTable({ dealId, view }: { dealId: string; view: FulfilmentView }) {
  const { t } = useI18n();
  const [confirmForm] = Form.useForm<{ inventorShare: string }>();
  const [rejectForm] = Form.useForm<{ reason: string }>();
  const [confirming, setConfirming] = useState<PaymentView | null>(null);
  const [rejecting, setRejecting] = useState<PaymentView | null>(null);
  const decide = ({ id, ...body }: Decision) => api<PaymentView>('POST', `/deals/${dealId}/payments/${id}/decision`, body);
  const confirm = useFulfilmentWrite(dealId, decide, 'fulfilment.payment.confirmed', view.serviceInvention ? confirmForm : null, () => setConfirming(null));
  const reject = useFulfilmentWrite(dealId, decide, 'fulfilment.payment.rejected', rejectForm, () => setRejecting(null));

  const startConfirm = (p: PaymentView) => (view.serviceInvention ? setConfirming(p) : confirm.mutate({ id: p.id, decision: 'confirm' }));
  const submitConfirm = async () => {
    const v = await confirmForm.validateFields().catch(() => null);
    if (!v || !confirming) return;
    confirm.mutate({ id: confirming.id, decision: 'confirm', inventorShare: v.inventorShare.trim() });
  };
  const submitReject = async () => {
    const v = await rejectForm.validateFields().catch(() => null);
    if (!v || !rejecting) return;
    reject.mutate({ id: rejecting.id, decision: 'reject', reason: v.reason.trim() });
  };

  return (
    <>
      <Table<PaymentView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={view.payments}
        locale={{ emptyText: t('fulfilment.payments.none') }}
        data-testid="fulfilment-payments"
        onRow={(p) => ({ 'data-testid': `payment-row-${p.id}` }) as object}
        columns={[
          { title: t('fulfilment.payments.item'), dataIndex: 'scheduleLabel', key: 'item' },
          { title: t('fulfilment.payments.amount'), key: 'amount', align: 'right', render: (_: unknown, p) => formatYuan(p.amount) },
          { title: t('fulfilment.payments.paidOn'), dataIndex: 'paidOn', key: 'paidOn' },
          {
            title: t('fulfilment.payments.proof'),
            key: 'proof',
            render: (_: unknown, p) =>
              p.proofDocumentId ? <a onClick={() => void apiDownload(`/deal-documents/${p.proofDocumentId}`, p.proofFileName ?? 'proof')}>{p.proofFileName ?? '—'}</a> : '—',
          },
          { title: t('fulfilment.payments.recordedBy'), key: 'by', render: (_: unknown, p) => p.recordedByName ?? '—' },
          {
            title: t('fulfilment.payments.status'),
            key: 'status',
            render: (_: unknown, p) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLORS[p.status]} data-testid={`payment-status-${p.id}`}>
                  {t(`fulfilment.paymentStatus.${p.status}`)}
                </Tag>
                {p.status === 'rejected' && p.rejectReason && (
                  <Typography.Text type="secondary">{t('fulfilment.payments.rejectedBecause', { reason: p.rejectReason })}</Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('fulfilment.payments.inventorShare'),
            key: 'inventorShare',
            align: 'right',
            render: (_: unknown, p) => <span data-testid={`payment-inventor-share-${p.id}`}>{formatYuan(p.inventorShare)}</span>,
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, p) =>
              view.can.confirmPayment && p.status === 'recorded' ? (
                <Space size={4}>
                  <Button
                    size="small"
                    type="primary"
                    loading={confirm.isPending && confirm.variables?.id === p.id}
                    onClick={() => startConfirm(p)}
                    data-testid={`confirm-payment-${p.id}`}
                  >
                    {t('fulfilment.payment.confirm')}
                  </Button>
                  <Button size="small" danger onClick={() => setRejecting(p)} data-testid={`reject-payment-${p.id}`}>
                    {t('fulfilment.payment.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!confirming}
        title={confirming ? t('fulfilment.payment.confirmTitle', { amount: formatYuan(confirming.amount) }) : ''}
        okText={t('fulfilment.payment.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: confirm.isPending, 'data-testid': 'payment-confirm-submit' }}
        onOk={() => void submitConfirm()}
        onCancel={() => setConfirming(null)}
        destroyOnHidden
      >
        <Alert type="info" showIcon message={t('fulfilment.payment.inventorShareHint')} style={{ marginBottom: 12 }} />
        <Form form={confirmForm} layout="vertical" preserve={false}>
          <Form.Item
            name="inventorShare"
            label={t('fulfilment.payment.inventorShare')}
            rules={[
              { required: true, whitespace: true, message: t('fulfilment.payment.inventorShareRequired') },
              {
                validator: async (_, v: string | undefined) => {
                  if (!v?.trim()) return;
                  if (!isAmount(v, true)) throw new Error(t('fulfilment.amountFormat'));
                  if (confirming && compareDecimals(v.trim(), confirming.amount) > 0) throw new Error(t('fulfilment.payment.inventorShareTooMuch'));
                },
              },
            ]}
          >
            <Input suffix={t('deal.yuan')} data-testid="payment-inventor-share" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!rejecting}
        title={rejecting ? t('fulfilment.payment.rejectTitle', { amount: formatYuan(rejecting.amount) }) : ''}
        okText={t('fulfilment.payment.reject')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: reject.isPending, 'data-testid': 'payment-reject-submit' }}
        onOk={() => void submitReject()}
        onCancel={() => setRejecting(null)}
        destroyOnHidden
      >
        <Form form={rejectForm} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('fulfilment.payment.rejectReason')}
            rules={[{ required: true, whitespace: true, message: t('fulfilment.payment.rejectReasonRequired') }, { max: 1000 }]}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="payment-reject-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
