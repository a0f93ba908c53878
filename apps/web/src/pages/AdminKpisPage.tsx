import { App, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { KPI_REGION_CODES, KPI_VALUE_PATTERN, KPI_YEARS, KpiActualView, KpiIndicatorView, kpiQuarters, KpiRegister, quarterOf } from '@ztt/contracts';
import { api, apiDownload, apiUpload } from '../api/client';
import { useApiQuery } from '../api/queries';
import { formatDateTime } from '../components/catalogue';
import { FormSelect } from '../components/FormSelect';
import { kpiTarget2030, kpiText } from '../components/dashboard/kpis';
import { applyApiError } from '../components/form-errors';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

interface TargetForm {
  target: string;
  allocations: { region: string; target: string }[];
}

interface ActualForm {
  quarter: string;
  region?: string;
  value: string;
  note?: string;
}

/** /admin/kpis: a platform admin sets each indicator's yearly target and county allocations, and enters quarterly actuals with evidence. */
export function AdminKpisPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const labels = useTaxonomyLabels();
  // A value in the indicator's unit as the API takes it (money in 元, as the label says).
  const valueRule = { pattern: KPI_VALUE_PATTERN, message: t('kpi.admin.valueFormat') };
  const thisYear = Math.min(Math.max(Number(quarterOf(new Date()).slice(0, 4)), KPI_YEARS[0]), KPI_YEARS[KPI_YEARS.length - 1]);
  const [code, setCode] = useState<string>('high-tech-enterprises');
  const [year, setYear] = useState<number>(thisYear);
  const [file, setFile] = useState<File | null>(null);
  const [targetForm] = Form.useForm<TargetForm>();
  const [actualForm] = Form.useForm<ActualForm>();
  const register = useApiQuery<KpiRegister>(['kpis', year], `/admin/kpis?quarter=${year}Q1`, { staleTime: 0, refetchOnMount: 'always' });
  const history = useApiQuery<KpiActualView[]>(['kpis', 'actuals', code], `/admin/kpis/${code}/actuals`, { staleTime: 0 });
  const ind: KpiIndicatorView | undefined = register.data?.indicators.find((i) => i.code === code);

  useEffect(() => {
    if (ind) targetForm.setFieldsValue({ target: ind.yearTarget ?? '', allocations: ind.allocations });
  }, [ind, targetForm]);

  const saveTarget = useMutation({
    mutationFn: (v: TargetForm) => api<KpiRegister>('PUT', `/admin/kpis/${code}/targets/${year}`, { target: v.target.trim(), allocations: v.allocations ?? [] }),
    meta: { invalidates: [['kpis'], ['dashboard']] },
    onSuccess: () => message.success(t('kpi.admin.saved')),
    onError: (e) => message.error(applyApiError(targetForm, e)),
  });
  const enter = useMutation({
    mutationFn: (v: ActualForm) => {
      const q = new URLSearchParams({ quarter: v.quarter, value: v.value.trim() });
      if (v.region) q.set('region', v.region);
      if (v.note?.trim()) q.set('note', v.note.trim());
      return apiUpload<KpiActualView>(`/admin/kpis/${code}/actuals?${q.toString()}`, file as File);
    },
    meta: { invalidates: [['kpis'], ['dashboard']] },
    onSuccess: () => {
      message.success(t('kpi.admin.entered'));
      actualForm.resetFields(['value', 'note']);
      setFile(null);
    },
    onError: (e) => message.error(applyApiError(actualForm, e)),
  });
  const quarters = kpiQuarters(quarterOf(new Date())).reverse();
  const unit = ind ? (ind.unit === 'yuan' ? t('kpi.admin.yuan') : t(`kpi.unit.${ind.unit}`)) : '';
  const regionOptions = KPI_REGION_CODES.map((r) => ({ value: r, label: labels.region(r) }));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('kpi.admin.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('kpi.admin.hint')}</Typography.Paragraph>
        <Space wrap>
          <span>{t('kpi.admin.indicator')}</span>
          <Select
            style={{ width: 280 }}
            aria-label={t('kpi.admin.indicator')}
            data-testid="kpi-indicator"
            value={code}
            onChange={(v: string) => setCode(v)}
            options={(register.data?.indicators ?? []).map((i) => ({ value: i.code, label: i.name }))}
          />
          <span>{t('kpi.admin.year')}</span>
          <Select
            style={{ width: 120 }}
            aria-label={t('kpi.admin.year')}
            data-testid="kpi-year"
            value={year}
            onChange={(v: number) => setYear(v)}
            options={KPI_YEARS.map((y) => ({ value: y, label: String(y) }))}
          />
        </Space>
        {ind && (
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 16 }} data-testid="kpi-facts">
            <Descriptions.Item label={t('kpi.baseline')}>
              {kpiText(ind, ind.baseline)} {t(`kpi.unit.${ind.unit}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('kpi.target2030')}>
              {kpiTarget2030(ind)} {t(`kpi.unit.${ind.unit}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('kpi.indicator')}>
              <Tag>{t(`kpi.kind.${ind.kind}`)}</Tag>
              <Tag>{ind.computed ? t('kpi.computed') : t('kpi.entered')}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('kpi.admin.source')} span={3}>
              {ind.source}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>

      <Card title={t('kpi.admin.targets')}>
        <Form form={targetForm} layout="vertical" onFinish={(v) => saveTarget.mutate(v)} style={{ maxWidth: 560 }}>
          <Form.Item name="target" label={`${t('kpi.admin.target')}（${unit}）`} rules={[{ required: true }, valueRule]}>
            <Input data-testid="kpi-target" inputMode="decimal" />
          </Form.Item>
          {ind?.byCounty ? (
            <Form.List name="allocations">
              {(fields, { add, remove }) => (
                <>
                  <Typography.Text strong>{t('kpi.admin.allocations')}</Typography.Text>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" style={{ display: 'flex', marginTop: 8 }}>
                      <Form.Item name={[f.name, 'region']} rules={[{ required: true }]} noStyle>
                        <FormSelect style={{ width: 240 }} aria-label={t('kpi.admin.region')} options={regionOptions} data-testid={`kpi-allocation-region-${f.name}`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'target']} rules={[{ required: true }, valueRule]} noStyle>
                        <Input style={{ width: 160 }} aria-label={t('kpi.admin.target')} data-testid={`kpi-allocation-target-${f.name}`} />
                      </Form.Item>
                      <Button type="text" aria-label={t('kpi.admin.remove')} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ region: undefined, target: '' })} style={{ marginTop: 8 }} data-testid="kpi-allocation-add">
                    {t('kpi.admin.addAllocation')}
                  </Button>
                </>
              )}
            </Form.List>
          ) : (
            <Typography.Text type="secondary">{t('kpi.admin.noCounty')}</Typography.Text>
          )}
          <div style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={saveTarget.isPending} data-testid="kpi-target-save">
              {t('kpi.admin.save')}
            </Button>
          </div>
        </Form>
      </Card>

      <Card title={t('kpi.admin.enter')}>
        {ind?.computed ? (
          <Typography.Text type="secondary">{t('kpi.admin.computedOnly')}</Typography.Text>
        ) : (
          <Form
            form={actualForm}
            layout="vertical"
            initialValues={{ quarter: quarters[0] }}
            style={{ maxWidth: 560 }}
            onFinish={(v) => {
              if (!file) {
                message.error(t('kpi.admin.evidenceRequired'));
                return;
              }
              enter.mutate(v);
            }}
          >
            <Form.Item name="quarter" label={t('kpi.quarter')} rules={[{ required: true }]}>
              <FormSelect options={quarters.map((q) => ({ value: q, label: q }))} data-testid="kpi-actual-quarter" />
            </Form.Item>
            {ind?.byCounty && (
              <Form.Item name="region" label={t('kpi.admin.region')}>
                <Select allowClear placeholder={t('kpi.admin.city')} options={regionOptions} data-testid="kpi-actual-region" />
              </Form.Item>
            )}
            <Form.Item name="value" label={`${t('kpi.admin.value')}（${unit}）`} rules={[{ required: true }, valueRule]}>
              <Input inputMode="decimal" data-testid="kpi-actual-value" />
            </Form.Item>
            <Form.Item name="note" label={t('kpi.admin.note')}>
              <Input.TextArea rows={2} maxLength={500} data-testid="kpi-actual-note" />
            </Form.Item>
            <Form.Item label={t('kpi.admin.evidence')} required>
              <Upload
                maxCount={1}
                beforeUpload={(f) => {
                  setFile(f);
                  return false;
                }}
                onRemove={() => setFile(null)}
                fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
              >
                <Button icon={<UploadOutlined />} data-testid="kpi-actual-file">
                  {t('kpi.admin.chooseFile')}
                </Button>
              </Upload>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={enter.isPending} data-testid="kpi-actual-submit">
              {t('kpi.admin.submit')}
            </Button>
          </Form>
        )}
      </Card>

      <Card title={t('kpi.admin.history')}>
        <Table<KpiActualView>
          size="small"
          rowKey="id"
          pagination={false}
          data-testid="kpi-history"
          locale={{ emptyText: t('kpi.admin.historyEmpty') }}
          dataSource={history.data ?? []}
          columns={[
            { title: t('kpi.quarter'), dataIndex: 'quarter' },
            { title: t('kpi.admin.region'), render: (_: unknown, a) => (a.region ? labels.region(a.region) : t('kpi.admin.city')) },
            { title: t('kpi.admin.value'), render: (_: unknown, a) => (ind ? kpiText(ind, a.value) : a.value) },
            { title: t('kpi.admin.note'), dataIndex: 'note' },
            {
              title: t('kpi.status'),
              render: (_: unknown, a) => (a.supersededAt ? <Tag>{t('kpi.admin.superseded')}</Tag> : <Tag color="green">{t('kpi.admin.current')}</Tag>),
            },
            { title: t('kpi.admin.enteredBy'), dataIndex: 'enteredByName' },
            { title: t('kpi.admin.enteredAt'), render: (_: unknown, a) => formatDateTime(a.enteredAt) },
            {
              title: t('kpi.admin.evidence'),
              render: (_: unknown, a) => (
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() => void apiDownload(`/admin/kpi-actuals/${a.id}/evidence`, a.evidenceName).catch((e: unknown) => message.error(String(e)))}
                >
                  {a.evidenceName}
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
