import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { FINANCE_EXTRAS_LIMITS as L, FINANCING_INSTRUMENT_LABELS, groupDigits, ReferralStatus, ReferralView } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { formatDateTime } from '../components/catalogue';
import { REFERRAL_STATUS_COLOUR } from '../components/finance/ReferralPanel';
import { applyApiError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n';

/** /finance/referrals: a bank's members see the policy referrals sent to their bank and accept or decline them (with a note). */
export function FinanceReferralsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const [declining, setDeclining] = useState<ReferralView | null>(null);
  const list = useApiQuery<ReferralView[]>(['referrals', 'incoming'], '/finance/referrals', { staleTime: 0 });
  const decide = useMutation({
    mutationFn: (v: { id: string; decision: 'accept' | 'decline'; note?: string }) =>
      api<ReferralView>('POST', `/financing-referrals/${v.id}/decide`, { decision: v.decision, note: v.note }),
    meta: { invalidates: [['referrals']] },
    onSuccess: () => {
      setDeclining(null);
      form.resetFields();
      message.success(t('referral.decided'));
    },
    onError: (e) => message.error(applyApiError(form, e)),
  });
  const text = (x: { 'zh-CN': string; en: string }) => (locale === 'en' ? x.en : x['zh-CN']);
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('referral.incoming.title')}</h1>}>
      <Typography.Paragraph type="secondary">{t('referral.incoming.hint')}</Typography.Paragraph>
      {list.error && <Alert type="error" message={list.error.message} />}
      <Table<ReferralView>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        data-testid="incoming-referrals"
        locale={{ emptyText: t('referral.none') }}
        columns={[
          { title: t('referral.request'), render: (_, r) => <Link to={`/financing/${r.requestId}`}>{r.requestTitle}</Link> },
          { title: t('referral.applicant'), dataIndex: 'applicantOrgName' },
          { title: t('referral.programme'), render: (_, r) => text(r.programmeName) },
          {
            title: t('referral.amount'),
            render: (_, r) => `${groupDigits(r.amount, locale)} · ${FINANCING_INSTRUMENT_LABELS[r.instrument] ? text(FINANCING_INSTRUMENT_LABELS[r.instrument]) : r.instrument}`,
          },
          { title: t('referral.consentAt'), render: (_, r) => `${formatDateTime(r.consentAt)} · ${r.consentByName}` },
          {
            title: t('roadshow.status'),
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Tag color={REFERRAL_STATUS_COLOUR[r.status]}>{t(`referral.status.${r.status}`)}</Tag>
                {r.bankNote && <Typography.Text type="secondary">{r.bankNote}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '',
            render: (_, r) =>
              r.status === ReferralStatus.Sent && (
                <Space>
                  <Button type="primary" size="small" loading={decide.isPending} onClick={() => decide.mutate({ id: r.id, decision: 'accept' })} data-testid="referral-accept">
                    {t('referral.accept')}
                  </Button>
                  <Button size="small" danger onClick={() => setDeclining(r)} data-testid="referral-decline">
                    {t('referral.decline')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={!!declining}
        title={t('referral.decline.title')}
        onCancel={() => setDeclining(null)}
        onOk={() => void form.validateFields().then((v) => declining && decide.mutate({ id: declining.id, decision: 'decline', note: v.note }))}
        confirmLoading={decide.isPending}
        destroyOnClose
      >
        <Form form={form} layout="vertical">
          <Form.Item name="note" label={t('referral.note')} rules={[{ required: true, whitespace: true, message: t('referral.note.required') }, { max: L.noteLength }]}>
            <Input.TextArea rows={3} data-testid="referral-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
