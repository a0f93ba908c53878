import { Alert, App, Button, Card, Descriptions, Empty, List, Popconfirm, Progress, Space, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { ReactNode, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { FinancingDisclosureView, FinancingInterestView, FinancingMatchView, FinancingRequestView, PlatformRole } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { formatDateTime } from '../components/catalogue';
import { FinancingStatusTag, useFinanceLabels } from '../components/finance/financing-ui';
import { InterestModal } from '../components/finance/InterestModal';
import { ReferralPanel } from '../components/finance/ReferralPanel';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

/** One section of the page: shown when `show`, in the order of the array. */
export interface FinancingSection {
  key: string;
  show: boolean;
  node: ReactNode;
}

/**
 * /financing/:id: a financing request — its public part; its confidential part for those allowed
 * (applicant, admins, the financing deal's brokers, finance organisations granted disclosure); the
 * matched finance organisations with reasons (applicant, brokers, admins); interests, with the
 * broker's 发起融资对接; disclosure requests for the applicant to decide; a finance member's
 * 申请查看详细资料, watch and interest.
 */
export function FinancingRequestPage() {
  const { id = '' } = useParams();
  const q = useApiQuery<FinancingRequestView>(['financing', id], `/financing-requests/${id}`, { staleTime: 0, retry: false });
  if (q.error) return <Alert type="error" showIcon message={q.error.message} />;
  if (!q.data) return <Card loading />;
  const r = q.data;
  const staff = r.viewerRole === 'applicant' || r.viewerRole === 'broker' || r.viewerRole === 'admin';
  const sections: FinancingSection[] = [
    { key: 'public', show: true, node: <PublicPart r={r} /> },
    { key: 'confidential', show: true, node: <ConfidentialPart r={r} /> },
    { key: 'matches', show: staff && r.status === 'open', node: <Matches id={r.id} /> },
    { key: 'interests', show: r.status !== 'draft', node: <Interests r={r} /> },
    { key: 'disclosures', show: r.viewerRole === 'applicant' || r.viewerRole === 'admin', node: <Disclosures r={r} /> },
    // 科技金融 extras: the policy referral panel (eligibility per programme, the bank, the consent, the referrals sent)
    { key: 'referrals', show: r.viewerRole === 'applicant' || r.viewerRole === 'admin', node: <ReferralPanel requestId={r.id} /> },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="financing-page">
      {sections
        .filter((s) => s.show)
        .map((s) => (
          <div key={s.key} data-testid={`financing-section-${s.key}`}>
            {s.node}
          </div>
        ))}
    </Space>
  );
}

function PublicPart({ r }: { r: FinancingRequestView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const labels = useTaxonomyLabels();
  const f = useFinanceLabels();
  const [interestOpen, setInterestOpen] = useState(false);
  const act = useMutation({
    mutationFn: (what: 'publish' | 'withdraw' | 'disclosure' | 'watch' | 'unwatch') =>
      what === 'disclosure'
        ? api('POST', `/financing-requests/${r.id}/disclosures`)
        : what === 'watch' || what === 'unwatch'
          ? api(what === 'watch' ? 'PUT' : 'DELETE', `/financing-requests/${r.id}/watch`)
          : api('POST', `/financing-requests/${r.id}/${what}`),
    meta: { invalidates: [['financing'], ['finance']] },
    onSuccess: (_x, what) => {
      if (what === 'publish') message.success(t('finance.published'));
      if (what === 'withdraw') message.success(t('finance.withdrawn'));
      if (what === 'disclosure') message.success(t('finance.disclosure.requested'));
    },
    onError: (e) => message.error(e.message),
  });
  const subjectLink = r.subject.kind === 'deal' ? `/deals/${r.subject.id}` : `/${r.subject.kind === 'need' ? 'needs' : 'achievements'}/${r.subject.id}`;
  const editable = r.viewerRole === 'applicant' && (r.status === 'draft' || r.status === 'open');
  return (
    <Card
      title={
        <Space wrap>
          <h1 style={{ fontSize: 20, margin: 0 }} data-testid="financing-title">
            {r.title}
          </h1>
          <FinancingStatusTag status={r.status} />
        </Space>
      }
      extra={
        <Space wrap>
          {editable && (
            <Button onClick={() => navigate(`/my/financing/${r.id}/edit`)} data-testid="financing-edit">
              {t('finance.edit')}
            </Button>
          )}
          {r.viewerRole === 'applicant' && r.status === 'draft' && (
            <Button type="primary" onClick={() => act.mutate('publish')} loading={act.isPending && act.variables === 'publish'} data-testid="financing-publish">
              {t('finance.publish')}
            </Button>
          )}
          {editable && (
            <Popconfirm title={t('finance.withdraw.confirm')} onConfirm={() => act.mutate('withdraw')}>
              <Button danger data-testid="financing-withdraw">
                {t('finance.withdraw')}
              </Button>
            </Popconfirm>
          )}
          {r.viewerRole === 'finance' && r.status === 'open' && (
            <>
              <Button onClick={() => act.mutate(r.watched ? 'unwatch' : 'watch')} data-testid="financing-watch">
                {r.watched ? t('finance.unwatch') : t('finance.watch')}
              </Button>
              {(r.myDisclosure === null || r.myDisclosure === 'refused') && !r.confidential && (
                <Button onClick={() => act.mutate('disclosure')} loading={act.isPending && act.variables === 'disclosure'} data-testid="financing-ask-disclosure">
                  {t('finance.disclosure.request')}
                </Button>
              )}
              {r.myInterest ? (
                <Tag color="green">{t('finance.interest.done')}</Tag>
              ) : (
                <Button type="primary" onClick={() => setInterestOpen(true)} data-testid="financing-interest">
                  {t('finance.interest.express')}
                </Button>
              )}
            </>
          )}
        </Space>
      }
    >
      {r.viewerRole === 'finance' && r.myDisclosure === 'requested' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('finance.disclosure.requested')} />}
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
        <Descriptions.Item label={t('finance.field.org')}>{r.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('finance.field.subject')}>
          <Link to={subjectLink}>{r.subject.title}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.field.amount')}>
          <span data-testid="financing-amount">{f.yuan(r.amount)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.field.raisedSoFar')}>{f.yuan(r.raisedSoFar)}</Descriptions.Item>
        <Descriptions.Item label={t('finance.field.instrument')}>{f.instrument(r.instrument)}</Descriptions.Item>
        <Descriptions.Item label={t('finance.field.stage')}>{f.stage(r.stage)}</Descriptions.Item>
        <Descriptions.Item label={t('finance.field.chains')}>{r.chains.map((c) => labels.chain(c)).join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('finance.field.region')}>{r.region ? labels.region(r.region) : '—'}</Descriptions.Item>
        {r.arrangedAmount && (
          <Descriptions.Item label={t('finance.field.arrangedAmount')} span={2}>
            <span data-testid="financing-arranged">{f.yuan(r.arrangedAmount)}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('finance.field.useOfFunds')} span={2}>
          {r.useOfFunds || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.field.summary')} span={2}>
          {r.summary || '—'}
        </Descriptions.Item>
      </Descriptions>
      {interestOpen && <InterestModal id={r.id} title={r.title} onClose={() => setInterestOpen(false)} />}
    </Card>
  );
}

function ConfidentialPart({ r }: { r: FinancingRequestView }) {
  const { t } = useI18n();
  const f = useFinanceLabels();
  if (!r.confidential)
    return (
      <Card size="small" title={t('finance.request.confidential')}>
        <Typography.Text type="secondary" data-testid="financing-confidential-hidden">
          {t('finance.request.confidentialHidden')}
        </Typography.Text>
      </Card>
    );
  const c = r.confidential;
  const text = (v: string | null | undefined) => v || t('finance.request.confidentialEmpty');
  return (
    <Card size="small" title={t('finance.request.confidential')} data-testid="financing-confidential">
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('finance.field.revenue')}>{c.revenue ? f.yuan(c.revenue) : text(null)}</Descriptions.Item>
        <Descriptions.Item label={t('finance.field.profit')}>{c.profit ? f.yuan(c.profit) : text(null)}</Descriptions.Item>
        <Descriptions.Item label={t('finance.field.valuationBasis')} span={2}>
          {text(c.valuationBasis)}
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.field.collateral')} span={2}>
          {text(c.collateral)}
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.field.capTableNotes')} span={2}>
          {text(c.capTableNotes)}
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.field.other')} span={2}>
          {text(c.other)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function Matches({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const q = useApiQuery<FinancingMatchView[]>(['financing', id, 'matches'], `/financing-requests/${id}/matches`, { staleTime: 0 });
  return (
    <Card size="small" title={t('finance.matches.title')} loading={q.isLoading}>
      {q.data && !q.data.length ? (
        <Empty description={t('finance.matches.none')} />
      ) : (
        <List
          dataSource={q.data ?? []}
          rowKey="orgId"
          renderItem={(m) => (
            <List.Item data-testid="financing-match">
              <List.Item.Meta
                title={
                  <Space wrap>
                    <strong>{m.orgName}</strong>
                    <Progress percent={Math.round(m.score * 100)} size="small" style={{ width: 120 }} />
                  </Space>
                }
                description={
                  <Space wrap>
                    {(locale === 'en' ? m.reasonsEn : m.reasons).map((x) => (
                      <Tag key={x} color="blue">
                        {x}
                      </Tag>
                    ))}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function Interests({ r }: { r: FinancingRequestView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { hasRole } = useAuth();
  const q = useApiQuery<FinancingInterestView[]>(['financing', r.id, 'interests'], `/financing-requests/${r.id}/interests`, { staleTime: 0 });
  const broker = hasRole(PlatformRole.Broker) || hasRole(PlatformRole.Admin);
  const open = useMutation({
    mutationFn: (interestId: string) => api<{ dealId: string }>('POST', `/financing-requests/${r.id}/interests/${interestId}/deal`, {}),
    meta: { invalidates: [['financing']] },
    onSuccess: (x) => {
      message.success(t('finance.deal.opened'));
      navigate(`/deals/${x.dealId}`);
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Card size="small" title={t('finance.interests.title')} loading={q.isLoading}>
      {q.data && !q.data.length ? (
        <Empty description={t('finance.interests.none')} />
      ) : (
        <List
          dataSource={q.data ?? []}
          rowKey="id"
          renderItem={(i) => (
            <List.Item
              data-testid="financing-interest-item"
              actions={[
                i.dealId ? (
                  <Link key="deal" to={`/deals/${i.dealId}`} data-testid="financing-deal-link">
                    {t('finance.deal.view')}
                  </Link>
                ) : broker && r.status === 'open' ? (
                  <Button key="open" type="primary" size="small" loading={open.isPending} onClick={() => open.mutate(i.id)} data-testid="financing-open-deal">
                    {t('finance.deal.open')}
                  </Button>
                ) : null,
              ]}
            >
              <List.Item.Meta title={i.orgName} description={`${i.note || '—'} · ${i.createdByName} · ${formatDateTime(i.createdAt)}`} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function Disclosures({ r }: { r: FinancingRequestView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const q = useApiQuery<FinancingDisclosureView[]>(['financing', r.id, 'disclosures'], `/financing-requests/${r.id}/disclosures`, { staleTime: 0 });
  const decide = useMutation({
    mutationFn: (v: { id: string; decision: 'grant' | 'refuse' }) => api('POST', `/financing-requests/${r.id}/disclosures/${v.id}/decision`, { decision: v.decision }),
    meta: { invalidates: [['financing']] },
    onSuccess: (_x, v) => message.success(t(v.decision === 'grant' ? 'finance.disclosure.granted' : 'finance.disclosure.refused')),
    onError: (e) => message.error(e.message),
  });
  const colour = { requested: 'gold', granted: 'green', refused: 'red' } as const;
  return (
    <Card size="small" title={t('finance.disclosure.title')} loading={q.isLoading}>
      {q.data && !q.data.length ? (
        <Empty description={t('finance.disclosure.none')} />
      ) : (
        <List
          dataSource={q.data ?? []}
          rowKey="id"
          renderItem={(d) => (
            <List.Item
              data-testid="financing-disclosure-item"
              actions={
                d.status === 'requested' && r.viewerRole === 'applicant'
                  ? [
                      <Button key="grant" type="primary" size="small" onClick={() => decide.mutate({ id: d.id, decision: 'grant' })} data-testid="disclosure-grant">
                        {t('finance.disclosure.grant')}
                      </Button>,
                      <Button key="refuse" size="small" onClick={() => decide.mutate({ id: d.id, decision: 'refuse' })} data-testid="disclosure-refuse">
                        {t('finance.disclosure.refuse')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta title={d.orgName} description={`${d.requestedByName} · ${formatDateTime(d.createdAt)}`} />
              <Tag color={colour[d.status]}>{t(`finance.disclosure.status.${d.status}`)}</Tag>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
