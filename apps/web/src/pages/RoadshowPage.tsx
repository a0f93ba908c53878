import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Popconfirm, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  FINANCE_EXTRAS_LIMITS as L,
  FINANCING_INSTRUMENT_LABELS,
  groupDigits,
  RoadshowFollowUpView,
  RoadshowProjectStatus,
  RoadshowProjectView,
  RoadshowStatus,
  RoadshowView,
} from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { formatDateTime } from '../components/catalogue';
import { RoadshowForm } from '../components/finance/RoadshowForm';
import { applyApiError } from '../components/form-errors';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';
import { ROADSHOW_STATUS_COLOUR } from './RoadshowsPage';

const PROJECT_COLOUR: Record<RoadshowProjectStatus, string> = { invited: 'gold', accepted: 'green', declined: 'default' };

interface FollowUpForm {
  investorOrgId: string;
  requestId: string;
  note: string;
  nextStep?: string;
}

/**
 * /roadshows/:id: a roadshow's time and place, its projects and invited investors; admins and
 * brokers edit, publish, mark held or cancel it and log follow-ups; finance members sign up; a
 * presenting applicant accepts or declines its invitation.
 */
export function RoadshowPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const labels = useTaxonomyLabels();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<FollowUpForm>();
  const q = useApiQuery<RoadshowView>(['roadshows', id], `/roadshows/${id}`, { staleTime: 0 });
  const act = useMutation({
    mutationFn: (v: { path: string; body?: unknown }) => api<RoadshowView>('POST', `/roadshows/${id}${v.path}`, v.body ?? {}),
    meta: { invalidates: [['roadshows']] },
    onError: (e) => message.error(e.message),
  });
  const followUp = useMutation({
    mutationFn: (v: FollowUpForm) => api<RoadshowView>('POST', `/roadshows/${id}/follow-ups`, v),
    meta: { invalidates: [['roadshows']] },
    onSuccess: () => {
      form.resetFields();
      message.success(t('roadshow.followUp.saved'));
    },
    onError: (e) => message.error(applyApiError(form, e)),
  });
  if (q.isLoading) return <Spin style={{ margin: 48 }} />;
  if (q.error || !q.data) return <Alert type="error" message={q.error?.message ?? ''} />;
  const r = q.data;
  const instrument = (code: string) => {
    const l = FINANCING_INSTRUMENT_LABELS[code];
    return l ? (locale === 'en' ? l.en : l['zh-CN']) : code;
  };
  const investorChoices = [...r.investorList, ...r.signUpList.map((s) => ({ orgId: s.orgId, name: s.orgName }))].filter(
    (o, i, all) => all.findIndex((x) => x.orgId === o.orgId) === i,
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space>
            <h1 style={{ fontSize: 20, margin: 0 }}>{r.title}</h1>
            <Tag color={ROADSHOW_STATUS_COLOUR[r.status]} data-testid="roadshow-status">
              {t(`roadshow.status.${r.status}`)}
            </Tag>
          </Space>
        }
        extra={<Link to="/roadshows">{t('roadshow.back')}</Link>}
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('roadshow.when')}>
            {formatDateTime(r.startsAt)}
            {r.endsAt ? ` – ${formatDateTime(r.endsAt)}` : ''}
          </Descriptions.Item>
          {r.place && <Descriptions.Item label={t('roadshow.place')}>{r.place}</Descriptions.Item>}
          {r.onlineLink && (
            <Descriptions.Item label={t('roadshow.onlineLink')}>
              <a href={r.onlineLink} target="_blank" rel="noreferrer">
                {r.onlineLink}
              </a>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('roadshow.chains')}>{r.chains.map((c) => labels.chain(c)).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('roadshow.organiser')}>{r.organiserName}</Descriptions.Item>
        </Descriptions>
        {r.description && <Typography.Paragraph style={{ marginTop: 12 }}>{r.description}</Typography.Paragraph>}
        <Space wrap style={{ marginTop: 12 }}>
          {r.canManage && r.status !== RoadshowStatus.Held && (
            <Button onClick={() => setEditing(true)} data-testid="roadshow-edit">
              {t('roadshow.edit')}
            </Button>
          )}
          {r.canManage && r.status === RoadshowStatus.Draft && (
            <Button type="primary" loading={act.isPending} onClick={() => act.mutate({ path: '/publish' })} data-testid="roadshow-publish">
              {t('roadshow.publish')}
            </Button>
          )}
          {r.canManage && r.status === RoadshowStatus.Published && (
            <Button type="primary" loading={act.isPending} onClick={() => act.mutate({ path: '/hold' })} data-testid="roadshow-hold">
              {t('roadshow.hold')}
            </Button>
          )}
          {r.canManage && (r.status === RoadshowStatus.Draft || r.status === RoadshowStatus.Published) && (
            <Popconfirm title={t('roadshow.cancel.confirm')} onConfirm={() => act.mutate({ path: '/cancel' })}>
              <Button danger data-testid="roadshow-cancel">
                {t('roadshow.cancel')}
              </Button>
            </Popconfirm>
          )}
          {r.canSignUp &&
            (r.signedUp ? (
              <Tag color="green" data-testid="roadshow-signed-up">
                {t('roadshow.signedUp')}
              </Tag>
            ) : (
              <Button type="primary" loading={act.isPending} onClick={() => act.mutate({ path: '/signups' })} data-testid="roadshow-sign-up">
                {t('roadshow.signUp')}
              </Button>
            ))}
        </Space>
        {r.projectList
          .filter((p) => r.myInvitations.includes(p.requestId))
          .map((p) => (
            <Alert
              key={p.requestId}
              style={{ marginTop: 12 }}
              type="info"
              message={t('roadshow.invitation', { title: p.title })}
              action={
                <Space>
                  <Button size="small" type="primary" onClick={() => act.mutate({ path: `/projects/${p.requestId}/answer`, body: { accept: true } })} data-testid="roadshow-accept">
                    {t('roadshow.accept')}
                  </Button>
                  <Button size="small" onClick={() => act.mutate({ path: `/projects/${p.requestId}/answer`, body: { accept: false } })}>
                    {t('roadshow.decline')}
                  </Button>
                </Space>
              }
            />
          ))}
      </Card>
      <Card title={t('roadshow.projects')}>
        <Table<RoadshowProjectView>
          rowKey="requestId"
          size="small"
          pagination={false}
          dataSource={r.projectList}
          data-testid="roadshow-projects-table"
          columns={[
            { title: t('referral.request'), render: (_, p) => <Link to={`/financing/${p.requestId}`}>{p.title}</Link> },
            { title: t('referral.applicant'), dataIndex: 'orgName' },
            { title: t('referral.amount'), render: (_, p) => `${groupDigits(p.amount, locale)} · ${instrument(p.instrument)}` },
            { title: t('roadshow.status'), render: (_, p) => <Tag color={PROJECT_COLOUR[p.status]}>{t(`roadshow.project.${p.status}`)}</Tag> },
          ]}
        />
      </Card>
      <Card title={t('roadshow.investors')}>
        {r.investorList.length ? r.investorList.map((o) => <Tag key={o.orgId}>{o.name}</Tag>) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        {r.signUpList.length > 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('roadshow.signUps')}
            </Typography.Title>
            <ul data-testid="roadshow-signups">
              {r.signUpList.map((s) => (
                <li key={s.userId}>
                  {s.name}（{s.orgName}）
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
      {(r.canManage || r.followUps.length > 0) && (
        <Card title={t('roadshow.followUps')}>
          <Table<RoadshowFollowUpView>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={r.followUps}
            data-testid="roadshow-follow-ups"
            locale={{ emptyText: t('roadshow.followUps.none') }}
            columns={[
              { title: t('roadshow.followUp.investor'), dataIndex: 'investorOrgName' },
              { title: t('roadshow.followUp.project'), dataIndex: 'requestTitle' },
              { title: t('roadshow.followUp.note'), dataIndex: 'note' },
              { title: t('roadshow.followUp.nextStep'), dataIndex: 'nextStep' },
              { title: t('roadshow.followUp.by'), render: (_, f) => `${f.createdByName} · ${formatDateTime(f.createdAt)}` },
            ]}
          />
          {r.canManage && r.status === RoadshowStatus.Held && (
            <Form<FollowUpForm> form={form} layout="vertical" style={{ marginTop: 16 }} onFinish={(v) => followUp.mutate(v)}>
              <Space wrap align="start">
                <Form.Item name="investorOrgId" label={t('roadshow.followUp.investor')} rules={[{ required: true }]}>
                  <Select style={{ minWidth: 220 }} options={investorChoices.map((o) => ({ value: o.orgId, label: o.name }))} data-testid="follow-up-investor" />
                </Form.Item>
                <Form.Item name="requestId" label={t('roadshow.followUp.project')} rules={[{ required: true }]}>
                  <Select
                    style={{ minWidth: 220 }}
                    options={r.projectList.filter((p) => p.status === RoadshowProjectStatus.Accepted).map((p) => ({ value: p.requestId, label: p.title }))}
                    data-testid="follow-up-project"
                  />
                </Form.Item>
              </Space>
              <Form.Item name="note" label={t('roadshow.followUp.note')} rules={[{ required: true, whitespace: true }, { max: L.followUpNoteLength }]}>
                <Input.TextArea rows={2} data-testid="follow-up-note" />
              </Form.Item>
              <Form.Item name="nextStep" label={t('roadshow.followUp.nextStep')} rules={[{ max: L.nextStepLength }]}>
                <Input data-testid="follow-up-next" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={followUp.isPending} data-testid="follow-up-save">
                {t('roadshow.followUp.add')}
              </Button>
            </Form>
          )}
        </Card>
      )}
      {r.canManage && <RoadshowForm open={editing} roadshow={r} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
    </Space>
  );
}
