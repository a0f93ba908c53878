import { Alert, App, Button, Card, Form, Input, Select, Spin, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { FINANCE_LIMITS as L, FinanceProfileView, TAXONOMY } from '@ztt/contracts';
import { api, ApiError } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useFinanceLabels } from '../components/finance/financing-ui';
import { applyApiError } from '../components/form-errors';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';
import { ChainSelect } from '../components/ChainSelect';
import { FormSelect } from '../components/FormSelect';

interface ProfileForm {
  kind: string;
  instruments: string[];
  ticketMin: string;
  ticketMax: string;
  stages: string[];
  chains: string[];
  regions: string[];
  exclusions: string[];
  summary?: string;
}

/** /finance/profile: a finance organisation's member says what it funds (instruments, ticket, stages, chains, regions, exclusions). */
export function FinanceProfilePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const labels = useTaxonomyLabels();
  const f = useFinanceLabels();
  const [form] = Form.useForm<ProfileForm>();
  const mine = useApiQuery<FinanceProfileView | null>(['finance', 'profile'], '/finance/profile', { staleTime: 0, retry: false });
  const notFinance = mine.error instanceof ApiError && mine.error.status === 404;
  useEffect(() => {
    const p = mine.data;
    if (p) form.setFieldsValue({ ...p, summary: p.summary });
  }, [mine.data, form]);
  const save = useMutation({
    mutationFn: (v: ProfileForm) =>
      api<FinanceProfileView>('PUT', '/finance/profile', {
        kind: v.kind,
        instruments: v.instruments ?? [],
        ticketMin: v.ticketMin,
        ticketMax: v.ticketMax,
        stages: v.stages ?? [],
        chains: v.chains ?? [],
        regions: v.regions ?? [],
        exclusions: v.exclusions ?? [],
        summary: v.summary ?? '',
      }),
    meta: { invalidates: [['finance']] },
    onSuccess: () => message.success(t('finance.profile.saved')),
    onError: (e) => message.error(applyApiError(form, e)),
  });
  if (mine.isLoading) return <Spin style={{ margin: 48 }} />;
  if (notFinance) return <Alert type="info" showIcon message={t('finance.profile.notFinance')} data-testid="finance-not-member" />;
  if (mine.error) return <Alert type="error" message={mine.error.message} />;
  const amount = { pattern: /^\d{1,14}(\.\d{1,2})?$/, message: t('finance.field.amount') };
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('finance.profile.title')}</h1>}>
      <Typography.Paragraph type="secondary">{t('finance.profile.hint')}</Typography.Paragraph>
      <Form<ProfileForm>
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{ kind: 'fund', instruments: [], stages: [], chains: [], regions: [], exclusions: [] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="kind" label={t('finance.profile.kind')} rules={[{ required: true }]}>
          <FormSelect options={f.kindOptions} data-testid="profile-kind" />
        </Form.Item>
        <Form.Item name="instruments" label={t('finance.profile.instruments')} rules={[{ required: true }]}>
          <FormSelect mode="multiple" options={f.instrumentOptions} data-testid="profile-instruments" />
        </Form.Item>
        <Form.Item name="ticketMin" label={t('finance.profile.ticketMin')} rules={[{ required: true }, amount]}>
          <Input inputMode="decimal" data-testid="profile-ticket-min" />
        </Form.Item>
        <Form.Item name="ticketMax" label={t('finance.profile.ticketMax')} rules={[{ required: true }, amount]}>
          <Input inputMode="decimal" data-testid="profile-ticket-max" />
        </Form.Item>
        <Form.Item name="stages" label={t('finance.profile.stages')}>
          <Select mode="multiple" options={f.stageOptions} data-testid="profile-stages" />
        </Form.Item>
        <Form.Item name="chains" label={t('finance.profile.chains')}>
          <ChainSelect maxCount={L.chainsMax} />
        </Form.Item>
        <Form.Item name="regions" label={t('finance.profile.regions')}>
          <Select mode="multiple" optionFilterProp="label" options={TAXONOMY.regions.map((r) => ({ value: r.code, label: labels.region(r.code) }))} />
        </Form.Item>
        <Form.Item name="exclusions" label={t('finance.profile.exclusions')} extra={t('finance.profile.exclusions.hint')}>
          <Select mode="tags" open={false} suffixIcon={null} maxCount={L.exclusionsMax} />
        </Form.Item>
        <Form.Item name="summary" label={t('finance.profile.summary')}>
          <Input.TextArea rows={3} maxLength={L.profileSummaryLength} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="profile-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
