import { Button, Descriptions, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  type FulfilmentView,
  royaltyOf,
  type RoyaltyBase,
  type RoyaltyDecisionInput,
  type RoyaltyReportInput,
  type RoyaltyReportStatus,
  type RoyaltyReportView,
  type ScheduleItemView,
} from '@ztt/contracts';
import { api } from '../../../api/client';
import { useI18n } from '../../../i18n/i18n';
import { formatYuan } from '../deal-ui';
import { isAmount, useFulfilmentWrite } from './shared';

/** The royalty the contract sets: a percentage of the licensee's sales or profit. */
export interface RoyaltyRate {
  rate: string;
  base: RoyaltyBase;
}

/**
 * 提交提成报告 for one reporting period: the period's sales or profit, and the royalty it gives at
 * the contract's rate, worked out as the amount is typed (exact, to the fen).
 */
export function RoyaltyReportDialog({ dealId, item, royalty, onClose }: { dealId: string; item: ScheduleItemView | null; royalty: RoyaltyRate | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ baseAmount: string; note?: string }>();
  const typed = Form.useWatch('baseAmount', form);
  const submit = useFulfilmentWrite(
    dealId,
    (body: RoyaltyReportInput) => api<RoyaltyReportView>('POST', `/deals/${dealId}/royalty-reports`, body),
    'fulfilment.royalty.submitted',
    form,
    onClose,
  );
  const send = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !item) return;
    const note = v.note?.trim();
    submit.mutate({ scheduleItemId: item.id, baseAmount: v.baseAmount.trim(), ...(note ? { note } : {}) });
  };
  const base = t(`fulfilment.royalty.base.${royalty?.base ?? 'sales'}`);
  const computed = royalty && typed && isAmount(typed, true) ? formatYuan(royaltyOf(typed.trim(), royalty.rate)) : '—';
  return (
    <Modal
      open={!!item}
      title={item ? t('fulfilment.royalty.reportTitle', { label: item.label }) : ''}
      okText={t('fulfilment.royalty.report')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: submit.isPending, 'data-testid': 'royalty-submit' }}
      onOk={() => void send()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="baseAmount"
          label={t('fulfilment.royalty.baseAmount', { base })}
          rules={[
            { required: true, message: t('fulfilment.amountFormat') },
            { validator: async (_, v: string | undefined) => (!v || isAmount(v, true) ? undefined : Promise.reject(new Error(t('fulfilment.amountFormat')))) },
          ]}
        >
          <Input suffix={t('deal.yuan')} data-testid="royalty-base" />
        </Form.Item>
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('fulfilment.royalty.rate')}>{royalty ? `${royalty.rate}% × ${base}` : t('fulfilment.royalty.noRate')}</Descriptions.Item>
          <Descriptions.Item label={t('fulfilment.royalty.computed')}>
            <span data-testid="royalty-computed">{computed}</span>
          </Descriptions.Item>
        </Descriptions>
        <Form.Item name="note" label={t('fulfilment.royalty.note')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="royalty-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const STATUS_COLORS: Record<RoyaltyReportStatus, string> = { submitted: 'gold', accepted: 'green', disputed: 'red' };

type Decision = RoyaltyDecisionInput & { id: string };

/** The royalty reports; the licensor accepts one or disputes it with a reason. */
export function RoyaltyReportsTable({ dealId, view }: { dealId: string; view: FulfilmentView }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [disputing, setDisputing] = useState<RoyaltyReportView | null>(null);
  const decide = ({ id, ...body }: Decision) => api<RoyaltyReportView>('POST', `/deals/${dealId}/royalty-reports/${id}/decision`, body);
  const accept = useFulfilmentWrite(dealId, decide, 'fulfilment.royalty.accepted');
  const dispute = useFulfilmentWrite(dealId, decide, 'fulfilment.royalty.disputed', form, () => setDisputing(null));
  const submitDispute = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !disputing) return;
    dispute.mutate({ id: disputing.id, decision: 'dispute', reason: v.reason.trim() });
  };
  return (
    <>
      <Table<RoyaltyReportView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={view.royaltyReports}
        locale={{ emptyText: t('fulfilment.royalties.none') }}
        data-testid="fulfilment-royalties"
        onRow={(r) => ({ 'data-testid': `royalty-row-${r.id}` }) as object}
        columns={[
          { title: t('fulfilment.royalties.item'), dataIndex: 'scheduleLabel', key: 'item' },
          {
            title: t('fulfilment.royalties.baseAmount'),
            key: 'base',
            align: 'right',
            render: (_: unknown, r) => `${t(`fulfilment.royalty.base.${r.base}`)} ${formatYuan(r.baseAmount)}`,
          },
          { title: t('fulfilment.royalty.rate'), key: 'rate', align: 'right', render: (_: unknown, r) => `${r.rate}%` },
          { title: t('fulfilment.royalties.royalty'), key: 'royalty', align: 'right', render: (_: unknown, r) => formatYuan(r.royalty) },
          { title: t('fulfilment.royalties.submittedBy'), key: 'by', render: (_: unknown, r) => r.submittedByName ?? '—' },
          {
            title: t('fulfilment.royalties.status'),
            key: 'status',
            render: (_: unknown, r) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLORS[r.status]} data-testid={`royalty-status-${r.id}`}>
                  {t(`fulfilment.royaltyStatus.${r.status}`)}
                </Tag>
                {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
                {r.status === 'disputed' && r.disputeReason && (
                  <Typography.Text type="danger">{t('fulfilment.royalties.disputedBecause', { reason: r.disputeReason })}</Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, r) =>
              view.can.decideRoyalty && r.status === 'submitted' ? (
                <Space size={4}>
                  <Button
                    size="small"
                    type="primary"
                    loading={accept.isPending && accept.variables?.id === r.id}
                    onClick={() => accept.mutate({ id: r.id, decision: 'accept' })}
                    data-testid={`accept-royalty-${r.id}`}
                  >
                    {t('fulfilment.royalty.accept')}
                  </Button>
                  <Button size="small" danger onClick={() => setDisputing(r)} data-testid={`dispute-royalty-${r.id}`}>
                    {t('fulfilment.royalty.dispute')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!disputing}
        title={disputing ? t('fulfilment.royalty.disputeTitle', { label: disputing.scheduleLabel }) : ''}
        okText={t('fulfilment.royalty.dispute')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: dispute.isPending, 'data-testid': 'royalty-dispute-submit' }}
        onOk={() => void submitDispute()}
        onCancel={() => setDisputing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('fulfilment.royalty.disputeReason')}
            rules={[{ required: true, whitespace: true, message: t('fulfilment.royalty.disputeReasonRequired') }, { max: 1000 }]}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="royalty-dispute-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
