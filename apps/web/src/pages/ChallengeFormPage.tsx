import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Radio, Result, Row, Space, Spin, Typography } from 'antd';
import { RemoveRowButton } from '../components/RemoveRowButton';
import { FormSelect } from '../components/FormSelect';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { Dayjs } from 'dayjs';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  ChallengeInput,
  ChallengeMode,
  ChallengeView,
  CHALLENGE_LIMITS,
  Eligibility,
  Indicator,
  MemberView,
  MembershipStatus,
  MilestoneTemplate,
  OrganisationPublicView,
  Page,
  PlatformRole,
  RubricCriterion,
} from '@ztt/contracts';
import { api, ApiError } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { YUAN_PATTERN } from '../components/challenge/common';
import { applyApiError } from '../components/form-errors';
import { TAX } from '../components/labels';
import { useI18n } from '../i18n/i18n';

interface FormValues {
  ownerOrgId?: string;
  acceptorUserId?: string;
  title: string;
  background: string;
  indicators: Indicator[];
  chains: string[];
  bounty: string;
  fundingSource: string;
  applicationDeadline: Dayjs | null;
  periodMonths: number;
  eligibility: Eligibility;
  mode: ChallengeMode;
  teams: number;
  rubric: RubricCriterion[];
  milestones: MilestoneTemplate[];
  firstTrancheMinPercent: number;
}

const BLANK: FormValues = {
  title: '',
  background: '',
  indicators: [{ name: '', target: '', unit: '', verification: '' }],
  chains: [],
  bounty: '',
  fundingSource: '',
  applicationDeadline: null,
  periodMonths: 24,
  eligibility: { orgTypes: [], regions: [], mustOwnIp: false },
  mode: ChallengeMode.Single,
  teams: 1,
  rubric: [
    { name: '技术路线可行性', weight: 40 },
    { name: '团队能力与基础', weight: 30 },
    { name: '指标实现路径', weight: 20 },
    { name: '经费合理性', weight: 10 },
  ],
  milestones: [
    { title: '签约启动', deliverables: '签订任务书，提交实施方案', dueOffsetDays: 30, sharePercent: 60 },
    { title: '结题验收', deliverables: '达到全部指标，提交验收报告', dueOffsetDays: 720, sharePercent: 40 },
  ],
  firstTrancheMinPercent: 60,
};

function toValues(c: ChallengeView): FormValues {
  return {
    ownerOrgId: c.ownerOrgId,
    acceptorUserId: c.acceptorUserId,
    title: c.title,
    background: c.background,
    indicators: c.indicators,
    chains: c.chains,
    bounty: c.bounty,
    fundingSource: c.fundingSource,
    applicationDeadline: dayjs(c.applicationDeadline),
    periodMonths: c.periodMonths,
    eligibility: c.eligibility,
    mode: c.mode,
    teams: c.teams,
    rubric: c.rubric,
    milestones: c.milestones,
    firstTrancheMinPercent: c.firstTrancheMinPercent,
  };
}

/** The challenge editor: the problem, indicators, bounty, rules, and the rubric and milestone builders. */
export function ChallengeFormPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const { me, hasRole } = useAuth();
  const admin = hasRole(PlatformRole.Admin);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  // The form starts from the challenge as the server holds it now: it is read again on every visit.
  const existing = useApiQuery<ChallengeView>(['challenge', id], id ? `/challenges/${id}` : null, { refetchOnMount: 'always' });
  const directory = useApiQuery<Page<OrganisationPublicView>>(['orgs', 'directory', { pageSize: 100 }], admin ? '/orgs?pageSize=100' : null);
  const ownerOrgId = Form.useWatch('ownerOrgId', form);
  const members = useApiQuery<MemberView[]>(['org', ownerOrgId, 'members'], ownerOrgId ? `/orgs/${ownerOrgId}/members` : null);
  const store = useMutation({
    mutationFn: async ({ body, publish }: { body: ChallengeInput; publish: boolean }) => {
      const saved = existing.data
        ? await api<ChallengeView>('PATCH', `/challenges/${existing.data.id}`, { ...body, ownerOrgId: undefined, version: existing.data.version })
        : await api<ChallengeView>('POST', '/challenges', body);
      if (publish) await api('POST', `/admin/challenges/${saved.id}/publish`);
      return saved;
    },
    meta: { invalidates: [['challenge'], ['challenges']] },
    onSuccess: (saved, { publish }) => {
      message.success(publish ? t('challenge.form.published') : t('common.saved'));
      navigate(`/challenges/${saved.id}`);
    },
    onError: (e) => {
      setError(applyApiError(form, e));
      if (e instanceof ApiError && e.details.length) setError(`${e.message}${t('challenge.colon')}${e.details.map((d) => d.message).join(t('challenge.semicolon'))}`);
    },
  });
  const saving = store.isPending;
  const rubric = Form.useWatch('rubric', form) ?? [];
  const milestones = Form.useWatch('milestones', form) ?? [];
  const mode = Form.useWatch('mode', form);
  const weightSum = rubric.reduce((s, r) => s + (Number(r?.weight) || 0), 0);
  const shareSum = milestones.reduce((s, r) => s + (Number(r?.sharePercent) || 0), 0);

  if (id && existing.error) return <Result status="404" title="404" />;
  if (id && (!existing.data || !existing.isFetchedAfterMount)) return <Spin style={{ margin: 48 }} />;

  const myOrgs = (me?.memberships ?? []).filter((m) => m.status === MembershipStatus.Active).map((m) => ({ value: m.organisationId, label: m.organisationName }));
  const orgOptions = [...myOrgs, ...(directory.data?.items ?? []).filter((o) => !myOrgs.some((m) => m.value === o.id)).map((o) => ({ value: o.id, label: o.name }))];
  const initial = existing.data ? toValues(existing.data) : { ...BLANK, ownerOrgId: myOrgs[0]?.value, acceptorUserId: me?.id };

  const save = async (publish: boolean) => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    const body: ChallengeInput = {
      ...v,
      ownerOrgId: v.ownerOrgId as string,
      acceptorUserId: v.acceptorUserId as string,
      applicationDeadline: (v.applicationDeadline as Dayjs).toISOString(),
      teams: v.mode === ChallengeMode.Single ? 1 : v.teams,
      indicators: v.indicators.map((i) => ({ ...i, unit: i.unit ?? '' })),
    };
    store.mutate({ body, publish });
  };

  return (
    <Card title={id ? t('challenge.form.editTitle') : t('challenge.form.newTitle')}>
      <Typography.Paragraph type="secondary">{admin ? t('challenge.form.introAdmin') : t('challenge.form.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="challenge-form-error" />}
      <Form form={form} layout="vertical" initialValues={initial} disabled={saving}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="ownerOrgId" label={t('challenge.field.ownerOrg')} rules={[{ required: true, message: t('challenge.form.required') }]}>
              <FormSelect options={orgOptions} showSearch optionFilterProp="label" disabled={!!id} onChange={() => form.setFieldValue('acceptorUserId', undefined)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="acceptorUserId"
              label={t('challenge.field.acceptor')}
              extra={t('challenge.form.acceptorHint')}
              rules={[{ required: true, message: t('challenge.form.required') }]}
            >
              <FormSelect
                options={(members.data ?? []).filter((m) => m.status === MembershipStatus.Active).map((m) => ({ value: m.userId, label: `${m.displayName}（${m.email}）` }))}
                showSearch
                optionFilterProp="label"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="title"
          label={t('challenge.field.title')}
          rules={[{ required: true, whitespace: true, message: t('challenge.form.required') }, { max: CHALLENGE_LIMITS.titleMax }]}
        >
          <Input maxLength={CHALLENGE_LIMITS.titleMax} showCount />
        </Form.Item>
        <Form.Item name="background" label={t('challenge.field.background')} rules={[{ required: true, whitespace: true, message: t('challenge.form.required') }]}>
          <Input.TextArea rows={4} maxLength={CHALLENGE_LIMITS.textMax} showCount />
        </Form.Item>

        <Divider orientation="left">{t('challenge.field.indicators')}</Divider>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row key={f.key} gutter={8} align="top">
                  <Col xs={24} md={6}>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('challenge.form.required') }]}>
                      <Input placeholder={t('challenge.indicator.name')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[f.name, 'target']} rules={[{ required: true, message: t('challenge.form.required') }]}>
                      <Input placeholder={t('challenge.indicator.target')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item name={[f.name, 'unit']}>
                      <Input placeholder={t('challenge.indicator.unit')} />
                    </Form.Item>
                  </Col>
                  <Col xs={22} md={10}>
                    <Form.Item name={[f.name, 'verification']} rules={[{ required: true, message: t('challenge.form.required') }]}>
                      <Input placeholder={t('challenge.indicator.verification')} />
                    </Form.Item>
                  </Col>
                  <Col xs={2} md={1}>
                    {fields.length > 1 && <RemoveRowButton onRemove={() => remove(f.name)} />}
                  </Col>
                </Row>
              ))}
              {fields.length < CHALLENGE_LIMITS.indicatorsMax && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', target: '', unit: '', verification: '' })} data-testid="add-indicator">
                  {t('challenge.form.addIndicator')}
                </Button>
              )}
            </>
          )}
        </Form.List>

        <Divider orientation="left">{t('challenge.form.bountyAndRules')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="chains" label={t('challenge.field.chains')} rules={[{ required: true, message: t('challenge.form.required') }]}>
              <FormSelect
                mode="multiple"
                maxCount={3}
                showSearch
                optionFilterProp="label"
                options={TAX.industries.map((i) => ({ label: label(i), options: i.chains.map((c) => ({ value: c.code, label: label(c) })) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="bounty"
              label={t('challenge.form.bountyYuan')}
              rules={[
                { required: true, message: t('challenge.form.required') },
                { pattern: YUAN_PATTERN, message: t('challenge.form.money') },
              ]}
            >
              <Input addonAfter={t('challenge.yuanUnit')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="fundingSource" label={t('challenge.field.fundingSource')} rules={[{ required: true, message: t('challenge.form.required') }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="applicationDeadline" label={t('challenge.field.deadline')} rules={[{ required: true, message: t('challenge.form.required') }]}>
              <DatePicker showTime style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="periodMonths" label={t('challenge.form.periodMonths')} rules={[{ required: true, message: t('challenge.form.required') }]}>
              <InputNumber min={1} max={CHALLENGE_LIMITS.periodMonthsMax} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="mode" label={t('challenge.field.mode')}>
              <Radio.Group>
                <Radio value={ChallengeMode.Single}>{t('challenge.mode.single')}</Radio>
                <Radio value={ChallengeMode.HorseRace} data-testid="mode-horse-race">
                  {t('challenge.mode.horseRace')}
                </Radio>
              </Radio.Group>
            </Form.Item>
            {mode === ChallengeMode.HorseRace && (
              <Form.Item name="teams" label={t('challenge.field.teams')}>
                <InputNumber min={2} max={CHALLENGE_LIMITS.horseRaceTeamsMax} precision={0} />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['eligibility', 'orgTypes']} label={t('challenge.field.orgTypes')} extra={t('challenge.form.emptyIsAny')}>
              <FormSelect mode="multiple" options={TAX.organisationTypes.map((o) => ({ value: o.code, label: label(o) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['eligibility', 'regions']} label={t('challenge.field.regions')} extra={t('challenge.form.emptyIsAny')}>
              <FormSelect mode="multiple" options={TAX.regions.map((r) => ({ value: r.code, label: label(r) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['eligibility', 'mustOwnIp']} valuePropName="checked" label=" ">
              <Checkbox>{t('challenge.field.mustOwnIp')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left">
          {t('challenge.field.rubric')}{' '}
          <Typography.Text type={weightSum === 100 ? 'success' : 'danger'} data-testid="rubric-sum">
            {t('challenge.form.sum', { sum: weightSum })}
          </Typography.Text>
        </Divider>
        <Form.List name="rubric">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('challenge.form.required') }]}>
                    <Input placeholder={t('challenge.rubric.criterion')} style={{ width: 320 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: t('challenge.form.required') }]}>
                    <InputNumber min={1} max={100} precision={0} addonAfter="%" aria-label={t('challenge.rubric.weight')} />
                  </Form.Item>
                  {fields.length > 1 && <RemoveRowButton onRemove={() => remove(f.name)} />}
                </Space>
              ))}
              {fields.length < CHALLENGE_LIMITS.criteriaMax && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', weight: 10 })}>
                  {t('challenge.form.addCriterion')}
                </Button>
              )}
            </>
          )}
        </Form.List>

        <Divider orientation="left">
          {t('challenge.field.milestones')}{' '}
          <Typography.Text type={shareSum === 100 ? 'success' : 'danger'} data-testid="milestone-sum">
            {t('challenge.form.sum', { sum: shareSum })}
          </Typography.Text>
        </Divider>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={8} align="top">
                  <Col xs={24} md={5}>
                    <Form.Item name={[f.name, 'title']} rules={[{ required: true, message: t('challenge.form.required') }]}>
                      <Input placeholder={t('challenge.milestone.title')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={9}>
                    <Form.Item name={[f.name, 'deliverables']} rules={[{ required: true, message: t('challenge.form.required') }]}>
                      <Input placeholder={t('challenge.milestone.deliverables')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[f.name, 'dueOffsetDays']} rules={[{ required: true, message: t('challenge.form.required') }]}>
                      <InputNumber
                        min={0}
                        max={1095}
                        precision={0}
                        addonAfter={t('challenge.form.daysAfter')}
                        style={{ width: '100%' }}
                        aria-label={t('challenge.milestone.dueOffset')}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={10} md={4}>
                    <Form.Item
                      name={[f.name, 'sharePercent']}
                      rules={[{ required: true, message: t('challenge.form.required') }]}
                      extra={i === 0 ? t('challenge.form.firstTranche') : undefined}
                    >
                      <InputNumber min={1} max={100} precision={0} addonAfter="%" style={{ width: '100%' }} aria-label={t('challenge.milestone.share')} />
                    </Form.Item>
                  </Col>
                  <Col xs={2} md={1}>
                    {fields.length > 1 && <RemoveRowButton onRemove={() => remove(f.name)} />}
                  </Col>
                </Row>
              ))}
              {fields.length < CHALLENGE_LIMITS.milestonesMax && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', deliverables: '', dueOffsetDays: 180, sharePercent: 10 })}>
                  {t('challenge.form.addMilestone')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Form.Item name="firstTrancheMinPercent" label={t('challenge.form.firstTrancheMin')} style={{ marginTop: 16 }}>
          <InputNumber min={0} max={100} precision={0} addonAfter="%" />
        </Form.Item>

        <Space>
          <Button onClick={() => void save(false)} loading={saving} data-testid="challenge-save">
            {t('challenge.form.saveDraft')}
          </Button>
          {admin && (
            <Button type="primary" onClick={() => void save(true)} loading={saving} data-testid="challenge-save-publish">
              {t('challenge.form.savePublish')}
            </Button>
          )}
          <Button type="link" onClick={() => navigate(-1)}>
            {t('common.cancel')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
