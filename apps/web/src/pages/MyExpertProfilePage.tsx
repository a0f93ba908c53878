import { Alert, App, Button, Card, Form, Input, Select, Space, Spin, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { EXPERT_LIMITS as L, ExpertKind, ExpertProfileView } from '@ztt/contracts';
import { api, ApiError } from '../api/client';
import { useApiQuery } from '../api/queries';
import { applyApiError } from '../components/form-errors';
import { OrganisationPicker } from '../components/OrganisationPicker';
import { useI18n } from '../i18n/i18n';
import { ChainSelect } from '../components/ChainSelect';

interface ProfileForm {
  kind: ExpertKind;
  chains: string[];
  keywords: string[];
  titles: string[];
  affiliations?: string;
  bio?: string;
  affiliatedOrgIds: (string | undefined)[];
  conflicts: { orgId?: string; reason?: string }[];
}

const STATUS_COLOUR = { pending: 'gold', verified: 'green', rejected: 'red' } as const;

/** /my/expert-profile: a signed-in person fills their own 专家库 profile; the platform verifies it. */
export function MyExpertProfilePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileForm>();
  const mine = useApiQuery<ExpertProfileView>(['expert', 'mine'], '/me/expert-profile', { staleTime: 0 });
  const missing = mine.error instanceof ApiError && mine.error.status === 404;
  const p = mine.data;
  useEffect(() => {
    if (p)
      form.setFieldsValue({
        kind: p.kind,
        chains: p.chains,
        keywords: p.keywords,
        titles: p.titles,
        affiliations: p.affiliations,
        bio: p.bio,
        affiliatedOrgIds: p.affiliatedOrgs.map((o) => o.orgId),
        conflicts: p.conflicts.map((c) => ({ orgId: c.orgId, reason: c.reason })),
      });
  }, [p, form]);
  const save = useMutation({
    mutationFn: (v: ProfileForm) =>
      api<ExpertProfileView>('PUT', '/me/expert-profile', {
        kind: v.kind,
        chains: v.chains ?? [],
        keywords: v.keywords ?? [],
        titles: v.titles ?? [],
        affiliations: v.affiliations ?? '',
        bio: v.bio ?? '',
        affiliatedOrgIds: (v.affiliatedOrgIds ?? []).filter((x): x is string => !!x),
        conflicts: (v.conflicts ?? []).filter((c) => c.orgId).map((c) => ({ orgId: c.orgId, reason: c.reason ?? '' })),
      }),
    meta: { invalidates: [['expert']] },
    onSuccess: () => message.success(t('expert.mine.saved')),
    onError: (e) => message.error(applyApiError(form, e)),
  });
  if (mine.isLoading) return <Spin style={{ margin: 48 }} />;
  if (mine.error && !missing) return <Alert type="error" message={mine.error.message} />;
  return (
    <Card
      title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('expert.mine.title')}</h1>}
      extra={
        p && (
          <Tag color={STATUS_COLOUR[p.status]} data-testid="expert-status">
            {t(`expert.status.${p.status}`)}
          </Tag>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('expert.mine.hint')}</Typography.Paragraph>
      {p?.rejectionReason && <Alert type="warning" style={{ marginBottom: 16 }} message={`${t('expert.rejectionReason')}：${p.rejectionReason}`} />}
      <Form<ProfileForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: ExpertKind.External, chains: [], keywords: [], titles: [], affiliatedOrgIds: [], conflicts: [] }}
        onFinish={(v) => save.mutate(v)}
        style={{ maxWidth: 720 }}
      >
        <Form.Item name="kind" label={t('expert.kind')} rules={[{ required: true }]}>
          <Select data-testid="expert-kind" options={Object.values(ExpertKind).map((k) => ({ value: k, label: t(`expert.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="chains" label={t('expert.chains')}>
          <ChainSelect maxCount={L.chainsMax} />
        </Form.Item>
        <Form.Item name="keywords" label={t('expert.keywords')} extra={t('expert.keywords.hint')}>
          <Select mode="tags" open={false} suffixIcon={null} maxCount={L.keywordsMax} data-testid="expert-keywords" />
        </Form.Item>
        <Form.Item name="titles" label={t('expert.titles')} extra={t('expert.titles.hint')}>
          <Select mode="tags" open={false} suffixIcon={null} maxCount={L.titlesMax} />
        </Form.Item>
        <Form.Item name="affiliations" label={t('expert.affiliations')}>
          <Input maxLength={L.affiliationsLength} />
        </Form.Item>
        <Form.Item name="bio" label={t('expert.bio')}>
          <Input.TextArea rows={3} maxLength={L.bioLength} showCount />
        </Form.Item>
        <Form.Item label={t('expert.affiliatedOrgs')} extra={t('expert.affiliatedOrgs.hint')}>
          <Form.List name="affiliatedOrgIds">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((f) => (
                  <Space key={f.key}>
                    <Form.Item name={f.name} noStyle>
                      <OrganisationPicker style={{ width: 360 }} />
                    </Form.Item>
                    <Button type="link" onClick={() => remove(f.name)}>
                      {t('expert.remove')}
                    </Button>
                  </Space>
                ))}
                {fields.length < L.orgsMax && <Button onClick={() => add()}>+</Button>}
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item label={t('expert.conflicts')} extra={t('expert.conflicts.hint')}>
          <Form.List name="conflicts">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap>
                    <Form.Item name={[f.name, 'orgId']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                      <OrganisationPicker style={{ width: 300 }} placeholder={t('expert.conflict.org')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'reason']} rules={[{ required: true, whitespace: true }]} style={{ marginBottom: 0 }}>
                      <Input style={{ width: 280 }} maxLength={L.reasonLength} placeholder={t('expert.conflict.reason')} />
                    </Form.Item>
                    <Button type="link" onClick={() => remove(f.name)}>
                      {t('expert.remove')}
                    </Button>
                  </Space>
                ))}
                {fields.length < L.conflictsMax && <Button onClick={() => add()}>{t('expert.conflicts.add')}</Button>}
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="expert-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
