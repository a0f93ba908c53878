import { Alert, App, Button, Card, Form, Input, Rate, Table, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { BrokerRatingView, DealBrokerRatingState } from '@ztt/contracts';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { applyApiError } from '../form-errors';

interface RateForm {
  score: number;
  comment?: string;
}

/**
 * Rating the deal's broker: once the deal is signed or lost, a member of each party's organisation
 * rates the broker once (1–5 and a comment). Admins see the ratings; nothing shows before.
 */
export function DealBrokerRatingPanel({ dealId }: { dealId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RateForm>();
  const key = ['deal', dealId, 'broker-rating'];
  const { data } = useApiQuery<DealBrokerRatingState>(key, `/deals/${dealId}/broker-rating`);
  const rate = useMutation({
    mutationFn: (v: RateForm) => api<DealBrokerRatingState>('POST', `/deals/${dealId}/broker-rating`, { score: v.score, comment: v.comment ?? '' }),
    meta: { invalidates: [key] },
    onSuccess: () => message.success(t('profession.rate.done')),
    onError: (e) => message.error(applyApiError(form, e)),
  });
  if (!data?.open) return null;
  const sides = data.ratedSides.map((s) => t(`profession.rate.side.${s}`)).join('、');
  if (!data.canRateSides.length && !data.ratings.length) {
    return data.ratedSides.length ? <Alert style={{ marginTop: 16 }} type="info" showIcon message={t('profession.rate.ratedSides', { sides })} data-testid="broker-rated" /> : null;
  }
  return (
    <Card type="inner" size="small" style={{ marginTop: 16 }} title={t('profession.rate.title')} data-testid="broker-rating-panel">
      {data.ratedSides.length > 0 && <Typography.Paragraph type="secondary">{t('profession.rate.ratedSides', { sides })}</Typography.Paragraph>}
      {data.canRateSides.length > 0 && (
        <Form<RateForm> form={form} layout="vertical" onFinish={(v) => rate.mutate(v)}>
          <Typography.Paragraph type="secondary">{t('profession.rate.hint')}</Typography.Paragraph>
          <Form.Item name="score" label={t('profession.rate.score')} rules={[{ required: true }]}>
            <Rate data-testid="broker-rate-score" />
          </Form.Item>
          <Form.Item name="comment" label={t('profession.rate.comment')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} data-testid="broker-rate-comment" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={rate.isPending} data-testid="broker-rate-submit">
            {t('profession.rate.submit')}
          </Button>
        </Form>
      )}
      {data.ratings.length > 0 && (
        <Table<BrokerRatingView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data.ratings}
          columns={[
            { title: t('profession.ratings.org'), dataIndex: 'orgName' },
            { title: t('profession.ratings.score'), dataIndex: 'score' },
            { title: t('profession.ratings.comment'), dataIndex: 'comment' },
          ]}
        />
      )}
    </Card>
  );
}
