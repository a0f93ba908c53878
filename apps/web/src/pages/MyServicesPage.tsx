import { App, Button, Card, Form, Input, List, Modal, Rate, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Page, ServiceLogView } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { ServiceLogItem } from '../components/commissioner/ServiceLogItem';
import { applyApiError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n';

/** /my/services: the services 科技特派员 logged for my organisations; a member confirms and rates each once. */
export function MyServicesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [confirming, setConfirming] = useState<ServiceLogView | null>(null);
  const [form] = Form.useForm<{ rating: number; comment?: string }>();
  const { data, isLoading } = useApiQuery<Page<ServiceLogView>>(['services', 'mine', page], `/my/services?page=${page}&pageSize=20`, { keepPrevious: true, staleTime: 0 });
  const confirm = useMutation({
    mutationFn: ({ id, rating, comment }: { id: string; rating: number; comment?: string }) =>
      api<ServiceLogView>('POST', `/service-logs/${id}/confirmation`, { rating, ...(comment?.trim() ? { comment: comment.trim() } : {}) }),
    meta: { invalidates: [['services']] },
    onSuccess: () => {
      setConfirming(null);
      form.resetFields();
      message.success(t('commissioner.confirm.done'));
    },
    onError: (e) => message.error(applyApiError(form, e)),
  });
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v && confirming) confirm.mutate({ id: confirming.id, ...v });
  };
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('commissioner.services.title')}</h1>}>
      <Typography.Paragraph type="secondary">{t('commissioner.services.hint')}</Typography.Paragraph>
      <List<ServiceLogView>
        bordered
        loading={isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('commissioner.services.none') }}
        pagination={{ current: page, total: data?.total ?? 0, pageSize: 20, onChange: setPage }}
        renderItem={(l) => (
          <List.Item>
            <ServiceLogItem
              log={l}
              extra={
                !l.confirmedAt && (
                  <Button type="primary" size="small" onClick={() => setConfirming(l)} data-testid="service-confirm">
                    {t('commissioner.confirm')}
                  </Button>
                )
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={!!confirming}
        title={t('commissioner.confirm')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onOk={() => void submit()}
        onCancel={() => setConfirming(null)}
        confirmLoading={confirm.isPending}
        okButtonProps={{ 'data-testid': 'service-confirm-ok' }}
        destroyOnClose
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="rating" label={t('commissioner.confirm.rating')} rules={[{ required: true }]}>
            <Rate data-testid="service-rating" />
          </Form.Item>
          <Form.Item name="comment" label={t('commissioner.confirm.comment')}>
            <Input.TextArea rows={3} maxLength={500} data-testid="service-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
