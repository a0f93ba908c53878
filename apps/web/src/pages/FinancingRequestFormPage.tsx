import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Spin } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { DealView, FINANCE_LIMITS as L, FinancingRequestView, ItemView, Page, TAXONOMY } from '@ztt/contracts';
import { api, ApiError } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { useFinanceLabels } from '../components/finance/financing-ui';
import { applyApiError } from '../components/form-errors';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';
import { ChainSelect } from '../components/ChainSelect';
import { FormSelect } from '../components/FormSelect';

type SubjectKind = 'achievement' | 'need' | 'deal';

interface RequestForm {
  orgId?: string;
  subjectKind: SubjectKind;
  subjectId?: string;
  title: string;
  summary?: string;
  amount: string;
  instrument: string;
  stage: string;
  useOfFunds?: string;
  raisedSoFar?: string;
  chains?: string[];
  region?: string | null;
  confidential?: Record<string, string | undefined>;
}

const AMOUNT = /^\d{1,14}(\.\d{1,2})?$/;
const CONFIDENTIAL_TEXT = ['valuationBasis', 'collateral', 'capTableNotes', 'other'] as const;

/** /my/financing/new and /my/financing/:id/edit: a financing request of my organisation (FinancingRequestFormPage). */
export function FinancingRequestFormPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { me } = useAuth();
  const labels = useTaxonomyLabels();
  const f = useFinanceLabels();
  const [form] = Form.useForm<RequestForm>();
  const existing = useApiQuery<FinancingRequestView>(['financing', id], id ? `/financing-requests/${id}` : null, { staleTime: 0 });
  const orgs = (me?.memberships ?? []).filter((m) => m.status === 'active');
  const orgId = Form.useWatch('orgId', form) ?? (orgs.length === 1 ? orgs[0]?.organisationId : undefined);
  const subjectKind = Form.useWatch('subjectKind', form) ?? 'achievement';
  const achievements = useApiQuery<Page<ItemView>>(['financing', 'subjects', 'achievement'], '/my/achievements?pageSize=100');
  const needs = useApiQuery<Page<ItemView>>(['financing', 'subjects', 'need'], '/my/needs?pageSize=100');
  const deals = useApiQuery<Page<DealView>>(['financing', 'subjects', 'deal'], '/deals?pageSize=100');
  useEffect(() => {
    const r = existing.data;
    if (!r) return;
    form.setFieldsValue({
      orgId: r.orgId,
      subjectKind: r.subject.kind,
      subjectId: r.subject.id,
      title: r.title,
      summary: r.summary,
      amount: r.amount,
      instrument: r.instrument,
      stage: r.stage,
      useOfFunds: r.useOfFunds,
      raisedSoFar: r.raisedSoFar,
      chains: r.chains,
      region: r.region,
      confidential: { ...(r.confidential ?? {}) } as Record<string, string | undefined>,
    });
  }, [existing.data, form]);
  const subjects =
    subjectKind === 'deal'
      ? (deals.data?.items ?? [])
          .filter((d) => d.kind === 'technology' && (!orgId || d.demand.orgId === orgId || d.supply.orgId === orgId))
          .map((d) => ({ value: d.id, label: d.title }))
      : ((subjectKind === 'need' ? needs.data?.items : achievements.data?.items) ?? [])
          .filter((i) => !orgId || i.ownerOrgId === orgId)
          .map((i) => ({ value: i.id, label: i.title }));
  const save = useMutation({
    mutationFn: async (v: RequestForm) => {
      const confidential = Object.fromEntries(Object.entries(v.confidential ?? {}).filter(([, x]) => x !== undefined && String(x).trim() !== ''));
      const body = {
        orgId: v.orgId ?? orgId,
        achievementId: v.subjectKind === 'achievement' ? v.subjectId : undefined,
        needId: v.subjectKind === 'need' ? v.subjectId : undefined,
        dealId: v.subjectKind === 'deal' ? v.subjectId : undefined,
        title: v.title,
        summary: v.summary ?? '',
        amount: v.amount,
        instrument: v.instrument,
        stage: v.stage,
        useOfFunds: v.useOfFunds ?? '',
        raisedSoFar: v.raisedSoFar || '0',
        ...(v.chains?.length ? { chains: v.chains } : {}),
        ...(v.region ? { region: v.region } : {}),
        confidential,
      };
      return id
        ? api<FinancingRequestView>('PUT', `/financing-requests/${id}`, { ...body, version: existing.data?.version })
        : api<FinancingRequestView>('POST', '/financing-requests', body);
    },
    meta: { invalidates: [['financing']] },
    onSuccess: (r) => {
      message.success(t('finance.form.saved'));
      navigate(`/financing/${r.id}`);
    },
    onError: (e) => {
      const text = applyApiError(form, e);
      // the subject's problems name achievementId / needId / dealId: show them on the one picker
      const subject = e instanceof ApiError ? e.details.find((d) => ['achievementId', 'needId', 'dealId'].includes(d.field)) : undefined;
      if (subject) form.setFields([{ name: 'subjectId', errors: [subject.message] }]);
      message.error(subject?.message ?? text);
    },
  });
  if (id && existing.isLoading) return <Spin style={{ margin: 48 }} />;
  if (existing.error) return <Alert type="error" message={existing.error.message} />;
  const amountRule = { pattern: AMOUNT, message: t('finance.field.amount') };
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t(id ? 'finance.form.edit' : 'finance.form.new')}</h1>}>
      <Form<RequestForm>
        form={form}
        layout="vertical"
        style={{ maxWidth: 820 }}
        initialValues={{ subjectKind: 'achievement', instrument: 'equity', stage: 'growth', raisedSoFar: '0', orgId: orgs.length === 1 ? orgs[0]?.organisationId : undefined }}
        onFinish={(v) => save.mutate(v)}
      >
        {orgs.length > 1 && (
          <Form.Item name="orgId" label={t('finance.form.org')} rules={[{ required: true }]}>
            <FormSelect options={orgs.map((o) => ({ value: o.organisationId, label: o.organisationName }))} disabled={!!id} />
          </Form.Item>
        )}
        <Form.Item name="subjectKind" label={t('finance.form.subjectKind')}>
          <Radio.Group onChange={() => form.setFieldValue('subjectId', undefined)}>
            <Radio value="achievement">{t('finance.form.subject.achievement')}</Radio>
            <Radio value="need">{t('finance.form.subject.need')}</Radio>
            <Radio value="deal">{t('finance.form.subject.deal')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="subjectId" label={t('finance.form.subject')} rules={[{ required: true }]}>
          <FormSelect showSearch optionFilterProp="label" options={subjects} data-testid="financing-subject" />
        </Form.Item>
        <Form.Item name="title" label={t('finance.field.title')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={L.titleLength} data-testid="financing-title" />
        </Form.Item>
        <Form.Item name="summary" label={t('finance.field.summary')}>
          <Input.TextArea rows={3} maxLength={L.summaryLength} showCount data-testid="financing-summary" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="amount" label={t('finance.field.amount')} rules={[{ required: true }, amountRule]}>
              <Input inputMode="decimal" data-testid="financing-amount" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="raisedSoFar" label={t('finance.field.raisedSoFar')} rules={[amountRule]}>
              <Input inputMode="decimal" data-testid="financing-raised" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="instrument" label={t('finance.field.instrument')} rules={[{ required: true }]}>
              <FormSelect options={f.instrumentOptions} data-testid="financing-instrument" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="stage" label={t('finance.field.stage')} rules={[{ required: true }]}>
              <FormSelect options={f.stageOptions} data-testid="financing-stage" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="useOfFunds" label={t('finance.field.useOfFunds')}>
          <Input.TextArea rows={2} maxLength={L.useOfFundsLength} showCount data-testid="financing-use" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="chains" label={t('finance.field.chains')}>
              <ChainSelect maxCount={L.chainsMax} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="region" label={t('finance.field.region')}>
              <Select allowClear options={TAXONOMY.regions.map((r) => ({ value: r.code, label: labels.region(r.code) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Card size="small" title={t('finance.form.confidential')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name={['confidential', 'revenue']} label={t('finance.field.revenue')} rules={[amountRule]}>
                <Input inputMode="decimal" data-testid="financing-revenue" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['confidential', 'profit']} label={t('finance.field.profit')} rules={[amountRule]}>
                <Input inputMode="decimal" />
              </Form.Item>
            </Col>
          </Row>
          {CONFIDENTIAL_TEXT.map((k) => (
            <Form.Item key={k} name={['confidential', k]} label={t(`finance.field.${k}`)}>
              <Input.TextArea rows={2} maxLength={L.confidentialFieldLength} data-testid={`financing-${k}`} />
            </Form.Item>
          ))}
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="financing-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
