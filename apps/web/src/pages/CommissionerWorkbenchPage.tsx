import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, List, Popconfirm, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs, { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CommissionerAssignmentView, CommissionerMatchView, CommissionerView, Page, ServiceLogView, ServicePlanItemView } from '@ztt/contracts';
import { api, apiUpload } from '../api/client';
import { useApiQuery } from '../api/queries';
import { formatDate } from '../components/catalogue';
import { ServiceLogItem } from '../components/commissioner/ServiceLogItem';
import { applyApiError } from '../components/form-errors';
import { useTaxonomyLabels } from '../components/labels';
import { OrganisationPicker } from '../components/OrganisationPicker';
import { useI18n } from '../i18n/i18n';
import { SectionTabs } from '../components/SectionTabs';

const SERVICE_FILE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp';
const thisYear = () => dayjs().year();

/** /my/commissioner: the 科技特派员's workbench — assignments, the yearly service list, logged services, suggested needs. */
export function CommissionerWorkbenchPage() {
  const { t } = useI18n();
  const me = useApiQuery<CommissionerView>(['commissioner', 'me'], '/commissioner/me', { retry: false });
  if (me.isError) return <Alert type="info" showIcon message={t('commissioner.workbench.notListed')} data-testid="commissioner-not-listed" />;
  if (!me.data) return <Card loading />;
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('commissioner.workbench.title')}</h1>}>
      <SectionTabs
        items={[
          { key: 'logs', label: t('commissioner.tab.logs'), children: <ServiceLogs /> },
          { key: 'plan', label: t('commissioner.tab.plan'), children: <YearlyPlan /> },
          { key: 'assignments', label: t('commissioner.tab.assignments'), children: <Assignments items={me.data.assignments} /> },
          { key: 'matches', label: t('commissioner.tab.matches'), children: <Matches /> },
        ]}
      />
    </Card>
  );
}

export function Assignments({ items, actions }: { items: CommissionerAssignmentView[]; actions?: (a: CommissionerAssignmentView) => React.ReactNode }) {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  return (
    <Table<CommissionerAssignmentView>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      locale={{ emptyText: t('commissioner.assignment.none') }}
      columns={[
        { title: t('commissioner.assignment.region'), render: (_, a) => labels.region(a.region) },
        { title: t('commissioner.assignment.town'), render: (_, a) => a.town ?? '—' },
        { title: t('commissioner.assignment.servedOrg'), render: (_, a) => a.servedOrgName ?? '—' },
        { title: t('commissioner.assignment.period'), render: (_, a) => `${formatDate(a.startsOn)} – ${a.endsOn ? formatDate(a.endsOn) : ''}` },
        {
          title: t('common.status'),
          render: (_, a) => (a.current ? <Tag color="green">{t('commissioner.assignment.current')}</Tag> : <Tag>{t('commissioner.assignment.past')}</Tag>),
        },
        ...(actions ? [{ title: t('common.actions'), render: (_: unknown, a: CommissionerAssignmentView) => actions(a) }] : []),
      ]}
    />
  );
}

function YearlyPlan() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [year, setYear] = useState(thisYear());
  const [form] = Form.useForm<{ title: string; target?: string }>();
  const plan = useApiQuery<ServicePlanItemView[]>(['commissioner', 'plan', year], `/commissioner/plan?year=${year}`);
  const add = useMutation({
    mutationFn: (v: { title: string; target?: string }) =>
      api('POST', '/commissioner/plan-items', { year, title: v.title.trim(), ...(v.target?.trim() ? { target: v.target.trim() } : {}) }),
    meta: { invalidates: [['commissioner', 'plan']] },
    onSuccess: () => form.resetFields(),
    onError: (e) => message.error(applyApiError(form, e)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE', `/commissioner/plan-items/${id}`),
    meta: { invalidates: [['commissioner', 'plan']] },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Typography.Text>{t('commissioner.plan.year')}</Typography.Text>
        <InputNumber aria-label={t('commissioner.plan.year')} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
      </Space>
      <List<ServicePlanItemView>
        bordered
        dataSource={plan.data ?? []}
        loading={plan.isLoading}
        locale={{ emptyText: t('commissioner.plan.none') }}
        renderItem={(i) => (
          <List.Item
            actions={[
              <Popconfirm key="del" title={t('commissioner.plan.remove')} onConfirm={() => remove.mutate(i.id)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                <Button type="link" danger size="small">
                  {t('commissioner.plan.remove')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <Space wrap>
              <Typography.Text>{i.title}</Typography.Text>
              {i.target && <Typography.Text type="secondary">{i.target}</Typography.Text>}
              <Tag>{t('commissioner.plan.logged', { count: i.logged })}</Tag>
            </Space>
          </List.Item>
        )}
      />
      <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)}>
        <Form.Item name="title" label={t('commissioner.plan.title')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="target" label={t('commissioner.plan.target')}>
          <Input maxLength={200} style={{ width: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('commissioner.plan.add')}
        </Button>
      </Form>
    </Space>
  );
}

interface LogForm {
  servedOn: Dayjs;
  place: string;
  content: string;
  servedOrgId: string;
  planItemId?: string;
}

function ServiceLogs() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<LogForm>();
  const [page, setPage] = useState(1);
  const logs = useApiQuery<Page<ServiceLogView>>(['commissioner', 'logs', page], `/commissioner/service-logs?page=${page}&pageSize=20`, { keepPrevious: true });
  const plan = useApiQuery<ServicePlanItemView[]>(['commissioner', 'plan', thisYear()], `/commissioner/plan?year=${thisYear()}`);
  const create = useMutation({
    mutationFn: (v: LogForm) =>
      api<ServiceLogView>('POST', '/commissioner/service-logs', {
        servedOn: v.servedOn.format('YYYY-MM-DD'),
        place: v.place.trim(),
        content: v.content.trim(),
        servedOrgId: v.servedOrgId,
        ...(v.planItemId ? { planItemId: v.planItemId } : {}),
      }),
    meta: { invalidates: [['commissioner']] },
    onSuccess: () => {
      form.resetFields();
      message.success(t('commissioner.log.saved'));
    },
    onError: (e) => message.error(applyApiError(form, e)),
  });
  const upload = useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => apiUpload<ServiceLogView>(`/commissioner/service-logs/${id}/files`, file),
    meta: { invalidates: [['commissioner', 'logs']] },
    onSuccess: () => message.success(t('commissioner.log.uploaded')),
    onError: (e) => message.error(applyApiError(null, e)),
  });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card size="small" title={t('commissioner.log.new')}>
        <Form form={form} layout="vertical" initialValues={{ servedOn: dayjs() }} onFinish={(v) => create.mutate(v)} style={{ maxWidth: 640 }}>
          <Form.Item name="servedOn" label={t('commissioner.log.servedOn')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="servedOrgId" label={t('commissioner.log.servedOrg')} rules={[{ required: true }]}>
            <OrganisationPicker />
          </Form.Item>
          <Form.Item name="place" label={t('commissioner.log.place')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} data-testid="log-place" />
          </Form.Item>
          <Form.Item name="content" label={t('commissioner.log.content')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="log-content" />
          </Form.Item>
          <Form.Item name="planItemId" label={t('commissioner.log.planItem')}>
            <Select allowClear options={(plan.data ?? []).map((i) => ({ value: i.id, label: i.title }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="log-submit">
            {t('commissioner.log.new')}
          </Button>
        </Form>
      </Card>
      <List<ServiceLogView>
        bordered
        loading={logs.isLoading}
        dataSource={logs.data?.items ?? []}
        locale={{ emptyText: t('commissioner.log.none') }}
        pagination={{ current: page, total: logs.data?.total ?? 0, pageSize: 20, onChange: setPage }}
        renderItem={(l) => (
          <List.Item>
            <ServiceLogItem
              log={l}
              extra={
                !l.confirmedAt && (
                  <Space>
                    <Upload accept={SERVICE_FILE_ACCEPT} showUploadList={false} customRequest={({ file }) => upload.mutate({ id: l.id, file: file as File })}>
                      <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} data-testid="log-upload">
                        {t('commissioner.log.upload')}
                      </Button>
                    </Upload>
                    <Typography.Text type="secondary">{t('commissioner.log.files.hint')}</Typography.Text>
                  </Space>
                )
              }
            />
          </List.Item>
        )}
      />
    </Space>
  );
}

function Matches() {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const { data, isLoading } = useApiQuery<CommissionerMatchView[]>(['commissioner', 'matches'], '/commissioner/matches');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('commissioner.matches.hint')}</Typography.Text>
      <List<CommissionerMatchView>
        loading={isLoading}
        dataSource={data ?? []}
        locale={{ emptyText: t('commissioner.matches.none') }}
        renderItem={(m) => (
          <List.Item data-testid="commissioner-match">
            <List.Item.Meta
              title={<Link to={`/needs/${m.needId}`}>{m.title}</Link>}
              description={
                <Space direction="vertical" size={2}>
                  <Typography.Text type="secondary">
                    {m.ownerOrgName} · {labels.region(m.region)}
                  </Typography.Text>
                  <Space wrap size={4}>
                    <Typography.Text>{t('commissioner.matches.why')}：</Typography.Text>
                    {m.matchedChains.map((c) => (
                      <Tag key={c}>{labels.chain(c)}</Tag>
                    ))}
                    {m.matchedKeywords.map((k) => (
                      <Tag key={k} color="blue">
                        {k}
                      </Tag>
                    ))}
                  </Space>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Space>
  );
}
