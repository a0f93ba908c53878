import { Button, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { type FulfilmentView, hundredths, outstandingOf, PAYABLE_SCHEDULE_KINDS, type ScheduleItemStatus, type ScheduleItemView } from '@ztt/contracts';
import { useI18n } from '../../../i18n/i18n';
import { formatYuan } from '../deal-ui';

const STATUS_COLORS: Record<ScheduleItemStatus, string> = { due: 'processing', overdue: 'error', paid: 'success', done: 'green', lapsed: 'default' };

/** 待履行 / 已逾期 / 已付清 / 已完成 / 已失效, coloured. */
export function ScheduleStatusTag({ item }: { item: ScheduleItemView }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[item.status]} data-testid={`schedule-status-${item.seq}`}>
      {t(`fulfilment.status.${item.status}`)}
    </Tag>
  );
}

/** What is still owed on a money line (nothing on a line that is not the payer's to pay). */
export function outstandingOfItem(item: ScheduleItemView): string {
  return PAYABLE_SCHEDULE_KINDS.includes(item.kind) ? outstandingOf(item.amount, item.paidAmount, item.pendingAmount) : '0.00';
}

/** A royalty report line still waits for a report: none submitted or accepted against it yet. */
export function awaitsReport(view: FulfilmentView, item: ScheduleItemView): boolean {
  if (item.kind !== 'royalty_report' || (item.status !== 'due' && item.status !== 'overdue')) return false;
  return !view.royaltyReports.some((r) => r.scheduleItemId === item.id && r.status !== 'disputed');
}

const money = (v: string) => (hundredths(v) > 0n ? formatYuan(v) : '—');

/** The schedule: one row a line, overdue ones highlighted, with the payer's actions on the lines they concern. */
export function ScheduleTable({
  view,
  onRecordPayment,
  onReportRoyalty,
}: {
  view: FulfilmentView;
  onRecordPayment: (item: ScheduleItemView) => void;
  onReportRoyalty: (item: ScheduleItemView) => void;
}) {
  const { t } = useI18n();
  return (
    <Table<ScheduleItemView>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={view.schedule}
      locale={{ emptyText: t('fulfilment.noItems') }}
      data-testid="fulfilment-schedule"
      onRow={(item) =>
        ({
          'data-testid': `schedule-row-${item.seq}`,
          className: item.status === 'overdue' ? 'fulfilment-overdue' : undefined,
          style: item.status === 'overdue' ? { background: '#fff1f0' } : undefined,
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('fulfilment.schedule.date'),
          key: 'date',
          render: (_: unknown, item) => (item.status === 'overdue' ? <Typography.Text type="danger">{item.dueOn}</Typography.Text> : item.dueOn),
        },
        { title: t('fulfilment.schedule.item'), dataIndex: 'label', key: 'label' },
        { title: t('fulfilment.schedule.amount'), key: 'amount', align: 'right', render: (_: unknown, item) => formatYuan(item.amount) },
        { title: t('fulfilment.schedule.paid'), key: 'paid', align: 'right', render: (_: unknown, item) => money(item.paidAmount) },
        { title: t('fulfilment.schedule.pending'), key: 'pending', align: 'right', render: (_: unknown, item) => money(item.pendingAmount) },
        { title: t('fulfilment.schedule.status'), key: 'status', render: (_: unknown, item) => <ScheduleStatusTag item={item} /> },
        {
          title: t('fulfilment.schedule.actions'),
          key: 'actions',
          render: (_: unknown, item) => (
            <Space size={4}>
              {view.can.recordPayment && hundredths(outstandingOfItem(item)) > 0n && (
                <Button size="small" type="primary" onClick={() => onRecordPayment(item)} data-testid={`record-payment-${item.seq}`}>
                  {t('fulfilment.payment.record')}
                </Button>
              )}
              {view.can.reportRoyalty && awaitsReport(view, item) && (
                <Button size="small" type="primary" onClick={() => onReportRoyalty(item)} data-testid={`report-royalty-${item.seq}`}>
                  {t('fulfilment.royalty.report')}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
