import { Button, DatePicker, Form, Input, Modal, Typography, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import type { DealDocumentView, PaymentView, RecordPaymentInput, ScheduleItemView } from '@ztt/contracts';
import { api, apiUpload } from '../../../api/client';
import { useI18n } from '../../../i18n/i18n';
import { formatYuan } from '../deal-ui';
import { outstandingOfItem } from './ScheduleTable';
import { isAmount, isoDay, today, useFulfilmentWrite } from './shared';

interface Values {
  amount: string;
  paidOn: Dayjs;
}

/**
 * 登记付款 against one money line: the amount (the outstanding by default), the day it was paid,
 * and optionally the bank slip or invoice, uploaded first as a payment_proof document of the deal.
 */
export function RecordPaymentDialog({ dealId, item, onClose }: { dealId: string; item: ScheduleItemView | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  // A proof uploaded by an attempt the server then refused is not uploaded again.
  const uploaded = useRef<{ file: File; id: string } | null>(null);
  const close = () => {
    setFiles([]);
    uploaded.current = null;
    onClose();
  };
  const record = useFulfilmentWrite(
    dealId,
    async ({ line, amount, paidOn, file }: { line: ScheduleItemView; amount: string; paidOn: string; file: File | null }) => {
      let proofDocumentId: string | undefined;
      if (file) {
        if (uploaded.current?.file !== file) {
          const query = new URLSearchParams({ kind: 'payment_proof', title: t('fulfilment.payment.proofTitle', { label: line.label }) });
          const doc = await apiUpload<DealDocumentView>(`/deals/${dealId}/documents?${query}`, file);
          uploaded.current = { file, id: doc.id };
        }
        proofDocumentId = uploaded.current.id;
      }
      const body: RecordPaymentInput = { scheduleItemId: line.id, amount, paidOn, ...(proofDocumentId ? { proofDocumentId } : {}) };
      return api<PaymentView>('POST', `/deals/${dealId}/payments`, body);
    },
    'fulfilment.payment.recorded',
    form,
    close,
  );
  const submit = async () => {
    if (!item) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const file = (files[0]?.originFileObj as File | undefined) ?? null;
    record.mutate({ line: item, amount: v.amount.trim(), paidOn: isoDay(v.paidOn) as string, file });
  };
  const outstanding = item ? outstandingOfItem(item) : '0.00';
  return (
    <Modal
      open={!!item}
      title={item ? t('fulfilment.payment.recordTitle', { label: item.label }) : ''}
      okText={t('fulfilment.payment.record')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: record.isPending, 'data-testid': 'payment-submit' }}
      onOk={() => void submit()}
      onCancel={close}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ amount: outstanding, paidOn: today() }}>
        <Typography.Paragraph type="secondary">{t('fulfilment.payment.outstanding', { amount: formatYuan(outstanding) })}</Typography.Paragraph>
        <Form.Item
          name="amount"
          label={t('fulfilment.payment.amount')}
          rules={[
            { required: true, message: t('fulfilment.amountFormat') },
            { validator: async (_, v: string | undefined) => (!v || isAmount(v) ? undefined : Promise.reject(new Error(t('fulfilment.amountFormat')))) },
          ]}
        >
          <Input suffix={t('deal.yuan')} data-testid="payment-amount" />
        </Form.Item>
        <Form.Item name="paidOn" label={t('fulfilment.payment.date')} rules={[{ required: true, message: t('fulfilment.dateRequired') }]}>
          <DatePicker data-testid="payment-date" />
        </Form.Item>
        <Form.Item label={t('fulfilment.payment.proof')}>
          <Upload maxCount={1} fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList.slice(-1))}>
            <Button icon={<UploadOutlined />} data-testid="payment-proof">
              {t('fulfilment.payment.chooseFile')}
            </Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
