import { App, Button, Card, Col, Drawer, Form, InputNumber, Modal, Popconfirm, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { BrokerProfileView, MATCH_FEATURE_LABELS, MATCH_FEATURES, MatchingMetrics, MatchingModel, MatchRunView } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { BrokerProfessionPanel } from '../components/broker/BrokerProfessionPanel';
import { applyApiError } from '../components/form-errors';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';
import { BrokerProfileFields } from './BrokerWorkbenchPage';
import { formatDateTime } from '../components/catalogue';

/** The bureau's view of matching: this quarter's efficiency and the brokers' specialties and load. */
export function AdminMatchingPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const labels = useTaxonomyLabels();
  const metrics = useApiQuery<MatchingMetrics>(['matching', 'metrics'], '/admin/matching/metrics');
  const brokers = useApiQuery<BrokerProfileView[]>(['brokers'], '/admin/brokers');
  // A run goes on in the background: its list is read afresh on each visit and with 刷新.
  const runs = useApiQuery<MatchRunView[]>(['matching', 'runs'], '/admin/matching/runs', { staleTime: 0 });
  const model = useApiQuery<MatchingModel>(['matching', 'settings'], '/admin/matching/settings');
  const [tuning, setTuning] = useState(false);
  const [modelForm] = Form.useForm();
  const [editing, setEditing] = useState<BrokerProfileView | null>(null);
  const [standing, setStanding] = useState<BrokerProfileView | null>(null);
  const [form] = Form.useForm();
  const m = metrics.data;

  const run = useMutation({
    mutationFn: () => api('POST', '/admin/matching/runs'),
    meta: { invalidates: [['matching', 'runs']] },
    onSuccess: () => message.success(t('matching.run.started')),
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const startRun = () => run.mutate();
  const broker = useMutation({
    mutationFn: ({ userId, v }: { userId: string; v: unknown }) => api('PUT', `/admin/brokers/${userId}`, v),
    meta: { invalidates: [['brokers'], ['broker-profile']] },
    onSuccess: () => {
      message.success(t('common.saved'));
      setEditing(null);
    },
    onError: (e) => message.error(applyApiError(form, e)),
  });
  const save = async () => editing && broker.mutate({ userId: editing.userId, v: await form.validateFields() });
  const settings = useMutation({
    mutationFn: (v: unknown) => (v === null ? api('DELETE', '/admin/matching/settings') : api('PUT', '/admin/matching/settings', v)),
    meta: { invalidates: [['matching', 'settings']] },
    onSuccess: () => {
      message.success(t('common.saved'));
      setTuning(false);
    },
    onError: (e, v) => message.error(applyApiError(v === null ? null : modelForm, e)),
  });
  const saveModel = async () => settings.mutate(await modelForm.validateFields());
  const resetModel = () => settings.mutate(null);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={`${t('matching.metrics')} ${m?.quarter ?? ''}`} data-testid="matching-metrics">
        <Row gutter={16}>
          {(['total', 'proposed', 'seen', 'contacted', 'deal', 'dismissed', 'useful', 'notUseful'] as const).map((k) => (
            <Col key={k} xs={12} md={3}>
              <Statistic title={t(`matching.metric.${k}`)} value={m ? m[k] : '-'} />
            </Col>
          ))}
        </Row>
        <Space wrap style={{ marginTop: 12 }} data-testid="dismissed-by-reason">
          {m &&
            Object.entries(m.dismissedByReason).map(([r, n]) => (
              <Tag key={r}>
                {t(`match.dismiss.${r as 'other'}`)}：{n}
              </Tag>
            ))}
        </Space>
      </Card>
      <Card
        title={t('matching.model')}
        data-testid="matching-model"
        extra={
          <Space>
            {model.data?.source === 'admin' && (
              <Popconfirm title={t('matching.model.resetConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => resetModel()}>
                <Button data-testid="model-reset">{t('matching.model.reset')}</Button>
              </Popconfirm>
            )}
            <Button
              type="primary"
              disabled={!model.data}
              data-testid="model-edit"
              onClick={() => {
                modelForm.setFieldsValue({ weights: model.data?.weights, topK: model.data?.topK });
                setTuning(true);
              }}
            >
              {t('matching.model.edit')}
            </Button>
          </Space>
        }
      >
        <Space wrap>
          {model.data &&
            MATCH_FEATURES.map((f) => (
              <Tag key={f}>
                {MATCH_FEATURE_LABELS[f][locale]} {Math.round((model.data?.weights[f] ?? 0) * 100)}%
              </Tag>
            ))}
          {model.data && <Tag color="blue">{t('matching.topK', { count: model.data.topK })}</Tag>}
          {model.data && (
            <Tag color={model.data.source === 'admin' ? 'orange' : 'default'} data-testid="model-source">
              {t(`matching.model.source.${model.data.source}`)}
              {model.data.updatedAt ? ` · ${t('matching.model.updatedAt', { at: formatDateTime(model.data.updatedAt) })}` : ''}
            </Tag>
          )}
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('matching.model.help')}
        </Typography.Paragraph>
      </Card>
      <Card
        title={t('matching.runs')}
        extra={
          <Space>
            <Button onClick={() => void runs.refetch()}>{t('matching.run.reload')}</Button>
            <Button type="primary" loading={run.isPending} onClick={() => startRun()} data-testid="start-run">
              {t('matching.run.start')}
            </Button>
          </Space>
        }
      >
        <Table<MatchRunView>
          rowKey="id"
          size="small"
          loading={!runs.data}
          dataSource={runs.data ?? []}
          pagination={false}
          locale={{ emptyText: t('matching.run.none') }}
          columns={[
            { title: t('matching.run.quarter'), dataIndex: 'quarter' },
            {
              title: t('common.status'),
              dataIndex: 'status',
              render: (st: MatchRunView['status']) => <Tag color={st === 'completed' ? 'green' : st === 'failed' ? 'red' : 'blue'}>{t(`matching.run.status.${st}`)}</Tag>,
            },
            {
              title: t('matching.run.progress'),
              render: (_, r) => (
                <Progress size="small" style={{ width: 160 }} percent={r.total ? Math.round((r.processed / r.total) * 100) : 0} format={() => `${r.processed}/${r.total}`} />
              ),
            },
            { title: t('matching.run.errors'), dataIndex: 'errors' },
            {
              title: t('matching.run.summary'),
              render: (_, r) => (r.summary.matches !== undefined ? t('matching.run.summaryText', { matches: r.summary.matches, digests: r.summary.digests ?? 0 }) : '-'),
            },
            { title: t('matching.run.startedAt'), dataIndex: 'startedAt', render: (d: string) => formatDateTime(d) },
          ]}
        />
      </Card>
      <Drawer open={!!standing} width={720} title={standing?.displayName} onClose={() => setStanding(null)} destroyOnClose>
        {standing && <BrokerProfessionPanel userId={standing.userId} admin />}
      </Drawer>
      <Card title={t('matching.brokers')}>
        <Table<BrokerProfileView>
          rowKey="userId"
          loading={!brokers.data}
          dataSource={brokers.data ?? []}
          pagination={false}
          columns={[
            { title: t('auth.displayName'), dataIndex: 'displayName' },
            { title: t('broker.chains'), dataIndex: 'chains', render: (cs: string[]) => cs.map((c) => <Tag key={c}>{labels.chain(c)}</Tag>) },
            { title: t('broker.regions'), dataIndex: 'regions', render: (rs: string[]) => rs.map((r) => <Tag key={r}>{labels.region(r)}</Tag>) },
            { title: t('matching.load'), render: (_, b) => `${b.openMatches} / ${b.capacity}` },
            { title: t('broker.active'), dataIndex: 'active', render: (a: boolean) => (a ? t('common.yes') : t('common.no')) },
            {
              title: t('common.actions'),
              render: (_, b) => (
                <Space>
                  <Button
                    size="small"
                    onClick={() => {
                      form.setFieldsValue(b);
                      setEditing(b);
                    }}
                  >
                    {t('org.edit')}
                  </Button>
                  <Button size="small" onClick={() => setStanding(b)} data-testid="broker-standing">
                    {t('profession.admin.open')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={tuning}
        title={t('matching.model.edit')}
        onCancel={() => setTuning(false)}
        onOk={() => void saveModel()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'model-save' } as Record<string, string>}
        forceRender
      >
        <Typography.Paragraph type="secondary">{t('matching.model.editHelp')}</Typography.Paragraph>
        <Form form={modelForm} layout="horizontal" labelCol={{ span: 10 }}>
          {MATCH_FEATURES.map((f) => (
            <Form.Item key={f} name={['weights', f]} label={MATCH_FEATURE_LABELS[f][locale]} rules={[{ required: true }]}>
              <InputNumber min={0} max={1} step={0.05} style={{ width: 120 }} data-testid={`weight-${f}`} />
            </Form.Item>
          ))}
          <Form.Item name="topK" label={t('matching.model.topK')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100} precision={0} style={{ width: 120 }} data-testid="model-topk" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!editing}
        title={editing?.displayName}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Form form={form} layout="vertical">
          <BrokerProfileFields />
        </Form>
      </Modal>
    </Space>
  );
}
