import { App, Button, Card, Col, Form, Modal, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { BrokerProfileView, MATCH_FEATURE_LABELS, MATCH_FEATURES, MatchFeature, MatchingMetrics, MatchRunView } from '@ztt/contracts';
import { api } from '../api/client';
import { applyApiError } from '../components/form-errors';
import { useTaxonomyLabels } from '../components/labels';
import { useLoader } from '../components/use-loader';
import { useI18n } from '../i18n/i18n';
import { BrokerProfileFields } from './BrokerWorkbenchPage';

/** The bureau's view of matching: this quarter's efficiency and the brokers' specialties and load. */
export function AdminMatchingPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const labels = useTaxonomyLabels();
  const metrics = useLoader(() => api<MatchingMetrics>('GET', '/admin/matching/metrics'), []);
  const brokers = useLoader(() => api<BrokerProfileView[]>('GET', '/admin/brokers'), []);
  const runs = useLoader(() => api<MatchRunView[]>('GET', '/admin/matching/runs'), []);
  const model = useLoader(() => api<{ weights: Record<MatchFeature, number>; topK: number }>('GET', '/admin/matching/settings'), []);
  const [starting, setStarting] = useState(false);

  const startRun = async () => {
    setStarting(true);
    try {
      await api('POST', '/admin/matching/runs');
      message.success(t('matching.run.started'));
      runs.reload();
    } catch (e) {
      message.error(applyApiError(null, e));
    } finally {
      setStarting(false);
    }
  };
  const [editing, setEditing] = useState<BrokerProfileView | null>(null);
  const [form] = Form.useForm();
  const m = metrics.data;

  const save = async () => {
    if (!editing) return;
    try {
      await api('PUT', `/admin/brokers/${editing.userId}`, await form.validateFields());
      message.success(t('common.saved'));
      setEditing(null);
      brokers.reload();
    } catch (e) {
      message.error(applyApiError(form, e));
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={`${t('matching.metrics')} ${m?.quarter ?? ''}`} data-testid="matching-metrics">
        <Row gutter={16}>
          {(['total', 'proposed', 'seen', 'contacted', 'deal', 'dismissed'] as const).map((k) => (
            <Col key={k} xs={12} md={4}>
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
      <Card title={t('matching.model')} data-testid="matching-model">
        <Space wrap>
          {model.data &&
            MATCH_FEATURES.map((f) => (
              <Tag key={f}>
                {MATCH_FEATURE_LABELS[f][locale]} {Math.round((model.data?.weights[f] ?? 0) * 100)}%
              </Tag>
            ))}
          {model.data && <Tag color="blue">{t('matching.topK', { n: model.data.topK })}</Tag>}
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('matching.model.help')}
        </Typography.Paragraph>
      </Card>
      <Card
        title={t('matching.runs')}
        extra={
          <Space>
            <Button onClick={() => runs.reload()}>{t('matching.run.reload')}</Button>
            <Button type="primary" loading={starting} onClick={() => void startRun()} data-testid="start-run">
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
            { title: t('common.status'), dataIndex: 'status', render: (st: MatchRunView['status']) => <Tag color={st === 'completed' ? 'green' : st === 'failed' ? 'red' : 'blue'}>{t(`matching.run.status.${st}`)}</Tag> },
            { title: t('matching.run.progress'), render: (_, r) => <Progress size="small" style={{ width: 160 }} percent={r.total ? Math.round((r.processed / r.total) * 100) : 0} format={() => `${r.processed}/${r.total}`} /> },
            { title: t('matching.run.errors'), dataIndex: 'errors' },
            { title: t('matching.run.summary'), render: (_, r) => (r.summary.matches !== undefined ? t('matching.run.summaryText', { matches: r.summary.matches, digests: r.summary.digests ?? 0 }) : '-') },
            { title: t('matching.run.startedAt'), dataIndex: 'startedAt', render: (d: string) => new Date(d).toLocaleString() },
          ]}
        />
      </Card>
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
                <Button
                  size="small"
                  onClick={() => {
                    form.setFieldsValue(b);
                    setEditing(b);
                  }}
                >
                  {t('org.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Modal open={!!editing} title={editing?.displayName} onCancel={() => setEditing(null)} onOk={() => void save()} okText={t('common.save')} cancelText={t('common.cancel')} forceRender>
        <Form form={form} layout="vertical">
          <BrokerProfileFields />
        </Form>
      </Modal>
    </Space>
  );
}
