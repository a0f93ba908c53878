import { App, Button, Card, DatePicker, Form, Input, InputNumber, Space } from 'antd';
import { RemoveRowButton } from '../components/RemoveRowButton';
import { FormSelect } from '../components/FormSelect';
import { PlusOutlined } from '@ant-design/icons';
import { CampaignInput, CampaignTarget, CampaignView, quarterOf } from '@ztt/contracts';
import dayjs, { Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { applyApiError } from '../components/form-errors';
import { OrganisationPicker } from '../components/OrganisationPicker';
import { TAX, useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

interface FormValues {
  title: string;
  quarter: string;
  period: [Dayjs, Dayjs];
  focusIndustries: string[];
  focusRegions: string[];
  targets: CampaignTarget[];
  reminderDays: number[];
}

/** The campaign editor: title, quarter, period, focus, targets by county / industry / organisation, reminder days. */
export function CampaignFormPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const labels = useTaxonomyLabels();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const dimension = Form.useWatch('targets', form);
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!id) {
      form.setFieldsValue({
        quarter: quarterOf(new Date()),
        focusIndustries: [],
        focusRegions: [],
        targets: [{ dimension: 'region', code: 'potou', kind: 'need', target: 10 }],
        reminderDays: [7],
      });
      return;
    }
    // The form starts from what the server holds now (and leaves it in the cache the campaign page reads).
    void queryClient
      .fetchQuery({ queryKey: ['campaign', id], queryFn: () => api<CampaignView>('GET', `/admin/campaigns/${id}`), staleTime: 0 })
      .then((c) => form.setFieldsValue({ ...c, period: [dayjs(c.startsOn), dayjs(c.endsOn)] }));
  }, [id, form, queryClient]);

  const store = useMutation({
    mutationFn: async (body: CampaignInput) =>
      id
        ? api<CampaignView>('PATCH', `/admin/campaigns/${id}`, { ...body, version: (await api<CampaignView>('GET', `/admin/campaigns/${id}`)).version })
        : api<CampaignView>('POST', '/admin/campaigns', body),
    meta: { invalidates: [['campaign'], ['campaigns']] },
    onSuccess: (saved) => {
      message.success(t('campaign.saved'));
      navigate(`/admin/campaigns/${saved.id}`);
    },
    onError: (e) => message.error(applyApiError(form, e)),
  });

  const submit = (v: FormValues) => {
    const body: CampaignInput = {
      title: v.title,
      quarter: v.quarter,
      startsOn: v.period[0].format('YYYY-MM-DD'),
      endsOn: v.period[1].format('YYYY-MM-DD'),
      focusIndustries: v.focusIndustries ?? [],
      focusRegions: v.focusRegions ?? [],
      targets: (v.targets ?? []).map((x) => ({ ...x, target: Number(x.target) })),
      reminderDays: v.reminderDays ?? [],
    };
    store.mutate(body);
  };

  const codeOptions = (dim: string) =>
    dim === 'industry' ? TAX.industries.map((i) => ({ value: i.code, label: labels.industry(i.code) })) : TAX.regions.map((r) => ({ value: r.code, label: labels.region(r.code) }));

  return (
    <Card title={id ? t('campaign.edit') : t('campaign.new')}>
      <Form form={form} layout="vertical" onFinish={(v) => submit(v)} style={{ maxWidth: 800 }}>
        <Form.Item name="title" label={t('campaign.title')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="campaign-title" />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="quarter" label={t('campaign.quarter')} rules={[{ required: true, pattern: /^\d{4}Q[1-4]$/ }]}>
            <Input placeholder={t('campaign.quarter.placeholder')} style={{ width: 140 }} data-testid="campaign-quarter" />
          </Form.Item>
          <Form.Item name="period" label={t('campaign.period')} rules={[{ required: true }]}>
            <DatePicker.RangePicker data-testid="campaign-period" />
          </Form.Item>
        </Space>
        <Form.Item name="focusIndustries" label={t('campaign.focusIndustries')}>
          <FormSelect
            mode="multiple"
            optionFilterProp="label"
            options={TAX.industries.map((i) => ({ value: i.code, label: labels.industry(i.code) }))}
            data-testid="campaign-industries"
          />
        </Form.Item>
        <Form.Item name="focusRegions" label={t('campaign.focusRegions')}>
          <FormSelect mode="multiple" optionFilterProp="label" options={TAX.regions.map((r) => ({ value: r.code, label: labels.region(r.code) }))} data-testid="campaign-regions" />
        </Form.Item>
        <Form.Item label={t('campaign.targets')}>
          <Form.List name="targets">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => {
                  const dim = (dimension?.[f.name]?.dimension as string | undefined) ?? 'region';
                  return (
                    <div key={f.key}>
                      <Space align="baseline" wrap>
                        <Form.Item name={[f.name, 'dimension']} rules={[{ required: true }]}>
                          <FormSelect
                            aria-label={t('campaign.target.dimension')}
                            style={{ width: 140 }}
                            options={(['region', 'industry', 'organisation'] as const).map((d) => ({ value: d, label: t(`campaign.dimension.${d}`) }))}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'code']} rules={[{ required: true }]}>
                          {dim === 'organisation' ? (
                            <OrganisationPicker style={{ width: 240 }} placeholder={t('campaign.target.orgId')} />
                          ) : (
                            <FormSelect
                              aria-label={t('campaign.target.code')}
                              style={{ width: 240 }}
                              showSearch
                              optionFilterProp="label"
                              options={codeOptions(dim)}
                              data-testid="target-code"
                            />
                          )}
                        </Form.Item>
                        <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                          <FormSelect
                            aria-label={t('campaign.target.kind')}
                            style={{ width: 120 }}
                            options={(['need', 'achievement'] as const).map((k) => ({ value: k, label: t(`campaign.kind.${k}`) }))}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'target']} rules={[{ required: true }]}>
                          <InputNumber min={1} max={100000} placeholder={t('campaign.target.value')} data-testid="target-value" />
                        </Form.Item>
                        <RemoveRowButton onRemove={() => remove(f.name)} />
                      </Space>
                    </div>
                  );
                })}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ dimension: 'region', kind: 'need', target: 10 })}>
                  {t('campaign.target.add')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="reminderDays" label={t('campaign.reminderDays')} extra={t('campaign.reminderDays.help')}>
          <FormSelect
            mode="tags"
            style={{ width: 240 }}
            options={[1, 3, 7, 14].map((d) => ({ value: d, label: String(d) }))}
            onChange={(v: (string | number)[]) =>
              form.setFieldValue(
                'reminderDays',
                v.map(Number).filter((n) => Number.isInteger(n)),
              )
            }
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="campaign-save">
          {t('campaign.save')}
        </Button>
      </Form>
    </Card>
  );
}
