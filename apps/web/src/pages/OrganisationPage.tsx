import { Alert, App, Button, Card, Descriptions, Form, Modal, Popconfirm, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { BROKER_FIRM_TYPE, MemberView, OrganisationPublicView, OrganisationView, OrgRole, PlatformRole, VerificationStatus } from '@ztt/contracts';
import { api, ApiError } from '../api/client';
import { useAuth } from '../auth/auth';
import { applyApiError } from '../components/form-errors';
import { useTaxonomyLabels, VerificationTag } from '../components/labels';
import { OrganisationForm, OrganisationFormValues } from '../components/OrganisationForm';
import { PublicOrganisationCard } from '../components/PublicOrganisationCard';
import { FirmBrokers } from '../components/broker/FirmBrokers';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** Members and platform admins get every field (the credit code among them); others the public card. */
const isFullView = (o: OrganisationView | OrganisationPublicView): o is OrganisationView => 'creditCode' in o;

/** "My organisation": the first one the user belongs to, or onboarding when there is none. */
export function MyOrganisationRedirect() {
  const { me } = useAuth();
  const first = me?.memberships.find((m) => m.status === 'active') ?? me?.memberships[0];
  return <Navigate to={first ? `/orgs/${first.organisationId}` : '/onboarding'} replace />;
}

/** An organisation's page: its public card for visitors and outsiders, the full page for its members and the platform's admins. */
export function OrganisationPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { me, hasRole, reload: reloadMe } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const labels = useTaxonomyLabels();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<OrganisationFormValues>();

  const { data, error } = useQuery({
    queryKey: ['org', id, me?.id ?? null],
    queryFn: async () => {
      const o = await api<OrganisationView | OrganisationPublicView>('GET', `/orgs/${id}`);
      // Outsiders (and visitors) get the public card only, and no member list.
      const members = isFullView(o) ? await api<MemberView[]>('GET', `/orgs/${id}/members`).catch((): MemberView[] => []) : [];
      return { org: o, members };
    },
  });
  // A change of membership or verification changes the signed-in person's memberships too.
  const change = useMutation({
    mutationFn: ({ fn }: { fn: () => Promise<unknown>; ok?: string }) => fn(),
    meta: { invalidates: [['org', id]] },
    onSuccess: async (_, { ok }) => {
      if (ok) message.success(ok);
      await reloadMe();
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const update = useMutation({
    mutationFn: ({ values, version }: { values: OrganisationFormValues; version: number }) => api('PATCH', `/orgs/${id}`, { ...values, version }),
    meta: { invalidates: [['org', id], ['orgs']] },
    onSuccess: () => {
      setEditing(false);
      message.success(t('common.saved'));
    },
    onError: (e) => message.error(applyApiError(form, e)),
  });
  const card = data?.org ?? null;
  const members = data?.members ?? [];

  if (error instanceof ApiError && error.status === 404) return <Result status="404" title="404" subTitle={t('notFound.title')} />;
  if (error) return <Result status="error" title={applyApiError(null, error)} />;
  if (!card) return <Spin style={{ margin: 48 }} />;
  if (!isFullView(card) && card.type === BROKER_FIRM_TYPE)
    return (
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <PublicOrganisationCard org={card} />
        <FirmBrokers orgId={card.id} canManage={false} />
      </Space>
    );
  if (!isFullView(card)) return <PublicOrganisationCard org={card} />;
  const org = card;

  const isOrgAdmin = org.myRole === OrgRole.Admin;
  const canSubmit = isOrgAdmin && (org.verificationStatus === VerificationStatus.Unverified || org.verificationStatus === VerificationStatus.Rejected);
  /** Resolves when the change is done, whether it worked or not (its message is shown). */
  const act = (fn: () => Promise<unknown>, ok?: string) => change.mutateAsync({ fn, ok }).catch(() => undefined);
  const save = async () => update.mutate({ values: await form.validateFields(), version: org.version });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <span data-testid="org-name">{org.name}</span>
            <VerificationTag status={org.verificationStatus} />
          </Space>
        }
        extra={
          <Space>
            {canSubmit && (
              <Button type="primary" data-testid="submit-verification" onClick={() => void act(() => api('POST', `/orgs/${id}/verification`), t('org.submitted'))}>
                {t('org.submitVerification')}
              </Button>
            )}
            {isOrgAdmin && <Button onClick={() => setEditing(true)}>{t('org.edit')}</Button>}
          </Space>
        }
      >
        {org.verificationStatus === VerificationStatus.Rejected && org.rejectionReason && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} message={`${t('org.rejectionReason')}：${org.rejectionReason}`} />
        )}
        {org.verificationStatus === VerificationStatus.Verified && <Alert type="success" showIcon style={{ marginBottom: 16 }} message={t('org.verifiedHint')} />}
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('org.type')}>{labels.orgType(org.type)}</Descriptions.Item>
          <Descriptions.Item label={t('org.creditCode')}>
            <Typography.Text code>{org.creditCode}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('org.region')}>{labels.region(org.region)}</Descriptions.Item>
          <Descriptions.Item label={t('org.industries')}>
            {org.industries.length ? org.industries.map((i) => <Tag key={i}>{labels.industry(i)}</Tag>) : t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('org.website')}>{org.website ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('org.credentials')}>
            {org.credentials?.length ? org.credentials.map((c) => <Tag key={c}>{t(`org.credential.${c}` as MessageKey)}</Tag>) : t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('org.description')} span={2}>
            {org.description || t('common.none')}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {org.type === BROKER_FIRM_TYPE && <FirmBrokers orgId={org.id} canManage={isOrgAdmin || hasRole(PlatformRole.Admin)} />}

      <Card title={t('org.members')}>
        <Table<MemberView>
          rowKey="userId"
          dataSource={members}
          pagination={false}
          columns={[
            { title: t('auth.displayName'), dataIndex: 'displayName' },
            { title: t('auth.email'), dataIndex: 'email' },
            { title: t('org.member.role'), dataIndex: 'role', render: (r: OrgRole) => t(`org.member.role.${r}`) },
            {
              title: t('common.status'),
              dataIndex: 'status',
              render: (s: MemberView['status']) => <Tag color={s === 'pending' ? 'orange' : 'green'}>{t(`org.member.status.${s === 'pending' ? 'pending' : 'active'}`)}</Tag>,
            },
            {
              title: t('common.actions'),
              render: (_, m) => {
                if (m.userId === me?.id) {
                  return (
                    <Popconfirm title={t('org.member.removeConfirm')} onConfirm={() => void act(() => api('DELETE', `/orgs/${id}/members/${m.userId}`)).then(() => navigate('/'))}>
                      <Button size="small">{t('org.leave')}</Button>
                    </Popconfirm>
                  );
                }
                if (!isOrgAdmin) return null;
                if (m.status === 'pending') {
                  return (
                    <Space>
                      <Button size="small" type="primary" onClick={() => void act(() => api('POST', `/orgs/${id}/members/${m.userId}/decision`, { decision: 'approve' }))}>
                        {t('common.approve')}
                      </Button>
                      <Button size="small" danger onClick={() => void act(() => api('POST', `/orgs/${id}/members/${m.userId}/decision`, { decision: 'reject' }))}>
                        {t('common.reject')}
                      </Button>
                    </Space>
                  );
                }
                const next = m.role === OrgRole.Admin ? OrgRole.Member : OrgRole.Admin;
                return (
                  <Space>
                    <Button size="small" onClick={() => void act(() => api('PATCH', `/orgs/${id}/members/${m.userId}`, { role: next }))}>
                      {t(next === OrgRole.Admin ? 'org.member.makeAdmin' : 'org.member.makeMember')}
                    </Button>
                    <Popconfirm title={t('org.member.removeConfirm')} onConfirm={() => void act(() => api('DELETE', `/orgs/${id}/members/${m.userId}`))}>
                      <Button size="small" danger>
                        {t('org.member.remove')}
                      </Button>
                    </Popconfirm>
                  </Space>
                );
              },
            },
          ]}
        />
        {hasRole(PlatformRole.Admin) && !org.myRole && <Typography.Text type="secondary">{t('role.admin')}</Typography.Text>}
      </Card>

      <Modal
        open={editing}
        title={t('org.edit')}
        onCancel={() => setEditing(false)}
        onOk={() => void save()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <OrganisationForm
          form={form}
          initial={{
            name: org.name,
            type: org.type,
            creditCode: org.creditCode,
            region: org.region,
            town: org.town ?? undefined,
            industries: org.industries,
            credentials: org.credentials ?? [],
            website: org.website ?? undefined,
            description: org.description,
          }}
        />
      </Modal>
    </Space>
  );
}
