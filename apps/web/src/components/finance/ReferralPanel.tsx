import { Alert, App, Button, Card, Checkbox, Collapse, Empty, List, Select, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ReferralPanelView, ReferralStatus, ReferralView } from '@ztt/contracts';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../catalogue';

export const REFERRAL_STATUS_COLOUR: Record<ReferralStatus, string> = { sent: 'blue', accepted: 'green', declined: 'red' };

/**
 * The referral panel of a financing request (its applicant's members and admins): each policy
 * programme with its conditions met or unmet, and for an eligible one a bank to choose, the consent
 * to tick and a send button; the referrals already sent with the bank's answer.
 */
export function ReferralPanel({ requestId }: { requestId: string }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const panel = useApiQuery<ReferralPanelView>(['referrals', 'panel', requestId], `/financing-requests/${requestId}/referral-panel`, { staleTime: 0 });
  const [bank, setBank] = useState<Record<string, string | undefined>>({});
  const [consent, setConsent] = useState<Record<string, boolean>>({});
  const send = useMutation({
    mutationFn: (programme: string) =>
      api<ReferralView>('POST', `/financing-requests/${requestId}/referrals`, { programme, bankOrgId: bank[programme], consent: consent[programme] === true }),
    meta: { invalidates: [['referrals']] },
    onSuccess: (_r, programme) => {
      setConsent((c) => ({ ...c, [programme]: false }));
      message.success(t('referral.sent'));
    },
    onError: (e) => message.error(e.message),
  });
  const p = panel.data;
  const text = (x: { 'zh-CN': string; en: string }) => (locale === 'en' ? x.en : x['zh-CN']);
  return (
    <Card title={t('referral.panel.title')} loading={panel.isLoading} data-testid="referral-panel">
      {panel.error && <Alert type="error" message={panel.error.message} />}
      {p && (
        <>
          <Typography.Paragraph type="secondary">{t('referral.panel.hint')}</Typography.Paragraph>
          <Collapse
            defaultActiveKey={p.eligibility.filter((e) => e.eligible).map((e) => e.code)}
            items={p.eligibility.map((e) => ({
              key: e.code,
              label: (
                <Space data-testid={`programme-${e.code}`}>
                  <strong>{text(e.name)}</strong>
                  <Tag color={e.eligible ? 'green' : 'default'} data-testid={`programme-${e.code}-verdict`}>
                    {e.eligible ? t('referral.eligible') : t('referral.notEligible')}
                  </Tag>
                </Space>
              ),
              children: (
                <>
                  <Typography.Paragraph type="secondary">{text(e.description)}</Typography.Paragraph>
                  <List
                    size="small"
                    dataSource={e.conditions}
                    renderItem={(c) => (
                      <List.Item data-testid={`condition-${e.code}-${c.kind}`} data-met={c.met}>
                        <Space>
                          {c.met ? (
                            <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('referral.met')} />
                          ) : (
                            <CloseCircleFilled style={{ color: '#cf1322' }} aria-label={t('referral.unmet')} />
                          )}
                          {text(c.text)}
                        </Space>
                      </List.Item>
                    )}
                  />
                  {e.eligible &&
                    (p.banks.length ? (
                      <Space direction="vertical" style={{ marginTop: 12, width: '100%' }}>
                        <Select
                          style={{ minWidth: 280 }}
                          aria-label={t('referral.bank')}
                          data-testid={`referral-bank-${e.code}`}
                          placeholder={t('referral.bank.placeholder')}
                          value={bank[e.code]}
                          onChange={(v: string) => setBank((b) => ({ ...b, [e.code]: v }))}
                          options={p.banks.map((b) => ({ value: b.orgId, label: b.name }))}
                        />
                        <Checkbox
                          checked={consent[e.code] === true}
                          onChange={(ev) => setConsent((c) => ({ ...c, [e.code]: ev.target.checked }))}
                          data-testid={`referral-consent-${e.code}`}
                        >
                          {p.consentText}
                        </Checkbox>
                        <Button
                          type="primary"
                          disabled={!bank[e.code]}
                          loading={send.isPending && send.variables === e.code}
                          onClick={() => (consent[e.code] ? send.mutate(e.code) : message.warning(t('referral.consentRequired')))}
                          data-testid={`referral-send-${e.code}`}
                        >
                          {t('referral.send')}
                        </Button>
                      </Space>
                    ) : (
                      <Alert type="info" message={t('referral.noBanks')} />
                    ))}
                </>
              ),
            }))}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('referral.list')}
          </Typography.Title>
          {p.referrals.length ? (
            <Table<ReferralView>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={p.referrals}
              data-testid="referral-list"
              columns={[
                { title: t('referral.programme'), render: (_, r) => text(r.programmeName) },
                { title: t('referral.bank'), dataIndex: 'bankOrgName' },
                {
                  title: t('roadshow.status'),
                  render: (_, r) => (
                    <Tag color={REFERRAL_STATUS_COLOUR[r.status]} data-testid="referral-status">
                      {t(`referral.status.${r.status}`)}
                    </Tag>
                  ),
                },
                { title: t('referral.bankNote'), render: (_, r) => r.bankNote ?? '' },
                { title: t('referral.consentAt'), render: (_, r) => `${formatDateTime(r.consentAt)} · ${r.consentByName}` },
              ]}
            />
          ) : (
            <Empty description={t('referral.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
        </>
      )}
    </Card>
  );
}
