import { Alert, App, Button, Card, Col, Divider, Form, Input, Popconfirm, Result, Row, Space, Spin, Typography } from 'antd';
import { RemoveRowButton } from '../components/RemoveRowButton';
import { FormSelect } from '../components/FormSelect';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApplicationInput, ApplicationView, ChallengeView, IP_TYPE_CODES, ItemView, MembershipStatus, Page } from '@ztt/contracts';
import { api, ApiError } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { ApplicationStatusTag, useYuan, YUAN_PATTERN } from '../components/challenge/common';
import { ChallengeFiles } from '../components/challenge/Files';
import { applyApiError } from '../components/form-errors';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

interface FormValues {
  orgId?: string;
  technicalRoute: string;
  plans: string[];
  schedule: string;
  budget: string;
  budgetNotes: string;
  team: { name: string; role: string }[];
  achievementIds: string[];
  ipItems: { type: string; number: string; status: string }[];
}

/** 揭榜: the proposal — technical route, how each indicator will be reached, schedule, budget, team, linked achievements and IP. */
export function ChallengeApplyPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const applicationId = params.get('application');
  const { t } = useI18n();
  const { me } = useAuth();
  const labels = useTaxonomyLabels();
  const yuan = useYuan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const challenge = useApiQuery<ChallengeView>(['challenge', id], `/challenges/${id}`);
  // The form starts from the proposal as the server holds it now: it is read again on every visit.
  const application = useApiQuery<ApplicationView>(['challenge-application', applicationId], applicationId ? `/challenge-applications/${applicationId}` : null, {
    refetchOnMount: 'always',
  });
  const achievements = useApiQuery<Page<ItemView>>(['items', 'mine', 'achievement', { pageSize: 100 }], '/my/achievements?pageSize=100');
  const invalidates = [['challenge-application'], ['challenge', id], ['challenges']];
  const store = useMutation({
    mutationFn: ({ current, body, orgId }: { current: ApplicationView | undefined; body: Omit<ApplicationInput, 'orgId'>; orgId?: string }) =>
      current
        ? api<ApplicationView>('PATCH', `/challenge-applications/${current.id}`, { ...body, version: current.version })
        : api<ApplicationView>('POST', `/challenges/${id}/applications`, { ...body, orgId }),
    meta: { invalidates },
    onSuccess: (saved) => {
      message.success(t('challenge.apply.saved'));
      navigate(`/challenges/${id}/apply?application=${saved.id}`, { replace: true });
    },
    onError: (e) => {
      const msg = applyApiError(form, e);
      setError(e instanceof ApiError && e.details.length ? `${msg}${t('challenge.colon')}${e.details.map((d) => d.message).join(t('challenge.semicolon'))}` : msg);
    },
  });
  const withdrawal = useMutation({
    mutationFn: (applicationId: string) => api('POST', `/challenge-applications/${applicationId}/withdraw`),
    meta: { invalidates },
    onSuccess: () => {
      message.success(t('challenge.apply.withdrawn'));
      navigate(`/challenges/${id}`);
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const saving = store.isPending;
  if (challenge.error) return <Result status="404" title="404" />;
  const c = challenge.data;
  const a = applicationId ? application.data : undefined;
  if (!c || (applicationId && (!a || !application.isFetchedAfterMount))) return <Spin style={{ margin: 48 }} />;
  const orgs = (me?.memberships ?? []).filter((m) => m.status === MembershipStatus.Active);
  const editable = a ? a.canEdit : c.can.apply;
  const initial: FormValues = a
    ? {
        orgId: a.orgId,
        technicalRoute: a.technicalRoute,
        plans: c.indicators.map((_, i) => a.indicatorPlans.find((p) => p.indicator === i)?.plan ?? ''),
        schedule: a.schedule,
        budget: a.budget,
        budgetNotes: a.budgetNotes,
        team: a.team.map((m) => ({ name: m.name, role: m.role })),
        achievementIds: a.achievementIds,
        ipItems: a.ipItems,
      }
    : {
        orgId: orgs[0]?.organisationId,
        technicalRoute: '',
        plans: c.indicators.map(() => ''),
        schedule: '',
        budget: '',
        budgetNotes: '',
        team: [{ name: me?.displayName ?? '', role: t('challenge.apply.leadRole') }],
        achievementIds: [],
        ipItems: [],
      };

  const save = async () => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    const body: Omit<ApplicationInput, 'orgId'> = {
      technicalRoute: v.technicalRoute,
      indicatorPlans: v.plans.map((plan, indicator) => ({ indicator, plan })).filter((p) => p.plan?.trim()),
      schedule: v.schedule,
      budget: v.budget,
      budgetNotes: v.budgetNotes ?? '',
      team: v.team,
      achievementIds: v.achievementIds ?? [],
      ipItems: v.ipItems ?? [],
    };
    store.mutate({ current: a, body, orgId: v.orgId });
  };
  const withdraw = () => a && withdrawal.mutate(a.id);

  return (
    <Card
      title={
        <Space wrap>
          {a ? t('challenge.apply.myTitle') : t('challenge.apply.title')}
          <Typography.Text type="secondary">{c.title}</Typography.Text>
          {a && <ApplicationStatusTag status={a.status} />}
        </Space>
      }
      extra={
        <Typography.Text>
          {t('challenge.field.bounty')}
          {t('challenge.colon')}
          {yuan(c.bounty)}
        </Typography.Text>
      }
    >
      {!editable && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('challenge.apply.readOnly')} />}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="apply-error" />}
      <Form form={form} layout="vertical" initialValues={initial} disabled={!editable || saving}>
        <Form.Item name="orgId" label={t('challenge.apply.org')} rules={[{ required: true, message: t('challenge.form.required') }]}>
          <FormSelect
            disabled={!!a}
            options={
              a ? [{ value: a.orgId, label: a.orgName }] : orgs.map((m) => ({ value: m.organisationId, label: `${m.organisationName}（${labels.orgType(m.organisationType)}）` }))
            }
          />
        </Form.Item>
        <Form.Item name="technicalRoute" label={t('challenge.apply.technicalRoute')} rules={[{ required: true, whitespace: true, message: t('challenge.form.required') }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
        <Divider orientation="left">{t('challenge.apply.plans')}</Divider>
        {c.indicators.map((ind, i) => (
          <Form.Item
            key={i}
            name={['plans', i]}
            label={`${i + 1}. ${ind.name}（${ind.target} ${ind.unit}）`}
            rules={[{ required: true, whitespace: true, message: t('challenge.form.required') }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        ))}
        <Form.Item name="schedule" label={t('challenge.apply.schedule')} rules={[{ required: true, whitespace: true, message: t('challenge.form.required') }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="budget"
              label={t('challenge.apply.budget')}
              rules={[
                { required: true, message: t('challenge.form.required') },
                { pattern: YUAN_PATTERN, message: t('challenge.form.money') },
              ]}
            >
              <Input addonAfter={t('challenge.yuanUnit')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="budgetNotes" label={t('challenge.apply.budgetNotes')}>
              <Input maxLength={4000} />
            </Form.Item>
          </Col>
        </Row>
        <Divider orientation="left">{t('challenge.apply.team')}</Divider>
        <Form.List name="team">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('challenge.form.required') }]}>
                    <Input placeholder={t('challenge.apply.memberName')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']} rules={[{ required: true, message: t('challenge.form.required') }]}>
                    <Input placeholder={t('challenge.apply.memberRole')} />
                  </Form.Item>
                  {fields.length > 1 && <RemoveRowButton onRemove={() => remove(f.name)} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', role: '' })}>
                {t('challenge.apply.addMember')}
              </Button>
            </>
          )}
        </Form.List>
        <Divider orientation="left">{t('challenge.apply.achievementsAndIp')}</Divider>
        <Form.Item name="achievementIds" label={t('challenge.apply.achievements')}>
          <FormSelect mode="multiple" options={(achievements.data?.items ?? []).map((x) => ({ value: x.id, label: x.title }))} />
        </Form.Item>
        <Form.List name="ipItems">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'type']} rules={[{ required: true, message: t('challenge.form.required') }]}>
                    <FormSelect style={{ width: 160 }} options={IP_TYPE_CODES.map((code) => ({ value: code, label: labels.ipType(code) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'number']} rules={[{ required: true, message: t('challenge.form.required') }]}>
                    <Input placeholder={t('challenge.apply.ipNumber')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'status']} rules={[{ required: true, message: t('challenge.form.required') }]}>
                    <Input placeholder={t('challenge.apply.ipStatus')} />
                  </Form.Item>
                  <RemoveRowButton onRemove={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: IP_TYPE_CODES[0], number: '', status: '' })}>
                {t('challenge.apply.addIp')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      {a && (
        <>
          <Divider orientation="left">{t('challenge.files.title')}</Divider>
          <ChallengeFiles
            files={a.attachments}
            uploadPath={a.canEdit ? `/challenge-applications/${a.id}/attachments` : undefined}
            invalidates={[['challenge-application', a.id]]}
            testId="application-files"
          />
        </>
      )}
      <Space style={{ marginTop: 24 }}>
        {editable && (
          <Button type="primary" onClick={() => void save()} loading={saving} data-testid="apply-submit">
            {a ? t('challenge.apply.update') : t('challenge.apply.submit')}
          </Button>
        )}
        {a && ['submitted', 'under_review'].includes(a.status) && orgs.some((m) => m.organisationId === a.orgId) && (
          <Popconfirm title={t('challenge.apply.withdrawConfirm')} onConfirm={() => withdraw()}>
            <Button danger data-testid="apply-withdraw">
              {t('challenge.apply.withdraw')}
            </Button>
          </Popconfirm>
        )}
        <Button type="link" onClick={() => navigate(`/challenges/${id}`)}>
          {t('common.back')}
        </Button>
      </Space>
    </Card>
  );
}
