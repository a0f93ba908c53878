import { App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, List, Radio, Select, Space, Switch, Tabs, Timeline, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  ContractView,
  DEAL_DOCUMENT_KINDS,
  DealConfidentialView,
  DealDocumentView,
  DealEventView,
  DealMessageView,
  DealNoteView,
  DealTaskView,
  DealView,
  TAXONOMY,
} from '@ztt/contracts';
import { api, apiDownload, apiUpload } from '../api/client';
import { contractBody, ContractFields, contractValues, DealStageTag, formatYuan, MoveButtons, useStageMove } from '../components/deal/deal-ui';
import { applyApiError } from '../components/form-errors';
import { useLoader } from '../components/use-loader';
import { useI18n } from '../i18n/i18n';
import { formatDateTime } from '../components/catalogue';

const when = (iso: string) => formatDateTime(iso);

/** 对接详情: brokers work here; the parties see the shared timeline, documents and messages. */
export function DealPage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const { data: deal, error, reload } = useLoader(() => api<DealView>('GET', `/deals/${id}`), [id]);
  const [tick, setTick] = useState(0);
  const refresh = () => {
    reload();
    setTick((n) => n + 1);
  };
  const { start, modal } = useStageMove(refresh);
  if (error) return <Card>{t('notFound.title')}</Card>;
  if (!deal) return <Card loading />;
  const broker = deal.viewerRole === 'broker';
  const tabs = [
    { key: 'timeline', label: t('deal.tab.timeline'), children: <DealTimeline id={id} tick={tick} /> },
    { key: 'documents', label: t('deal.tab.documents'), children: <DealDocuments deal={deal} tick={tick} onChanged={refresh} /> },
    { key: 'messages', label: t('deal.tab.messages'), children: <DealMessages deal={deal} /> },
    ...(broker
      ? [
          { key: 'tasks', label: t('deal.tab.tasks'), children: <DealTasks id={id} /> },
          { key: 'notes', label: t('deal.tab.notes'), children: <DealNotes id={id} /> },
          { key: 'confidential', label: t('deal.tab.confidential'), children: <DealConfidential id={id} /> },
          { key: 'edit', label: t('deal.tab.edit'), children: <DealEditForm deal={deal} onSaved={refresh} /> },
        ]
      : []),
    ...(deal.viewerRole !== 'party' ? [{ key: 'contract', label: t('deal.tab.contract'), children: <DealContract deal={deal} tick={tick} onSaved={refresh} /> }] : []),
  ];
  return (
    <Card
      title={
        <Space>
          <span data-testid="deal-title">{deal.title}</span>
          <DealStageTag stage={deal.stage} />
        </Space>
      }
      extra={broker ? <MoveButtons deal={deal} onMove={(to) => void start(deal, to)} /> : null}
    >
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('deal.demand')}>
          {deal.demand.orgName}
          {deal.demand.contact ? ` · ${deal.demand.contact.name}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('deal.supply')}>
          {deal.supply.orgName}
          {deal.supply.contact ? ` · ${deal.supply.contact.name}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('deal.need')}>{deal.needId ? <Link to={`/needs/${deal.needId}`}>{deal.needTitle}</Link> : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('deal.achievement')}>
          {deal.achievementId ? <Link to={`/achievements/${deal.achievementId}`}>{deal.achievementTitle}</Link> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('deal.brokers')}>{[deal.leadBroker.name, ...deal.coBrokers.map((b) => b.name)].join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('deal.expectedValue')}>{formatYuan(deal.expectedValue)}</Descriptions.Item>
        <Descriptions.Item label={t('deal.mode')}>{deal.cooperationMode ? label(TAXONOMY.cooperationModes.find((m) => m.code === deal.cooperationMode)) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('deal.nextStep')}>
          {deal.nextStep || '—'}
          {deal.nextStepDue ? ` (${deal.nextStepDue})` : ''}
        </Descriptions.Item>
        {deal.nda.signedOn && (
          <Descriptions.Item label={t('deal.doc.nda')}>
            {t('deal.nda.signedOn')} {deal.nda.signedOn}
          </Descriptions.Item>
        )}
        {deal.lostReason && (
          <Descriptions.Item label={t('deal.lost.reason')}>
            {t(`deal.lost.${deal.lostReason}`)}
            {deal.lostNote ? `：${deal.lostNote}` : ''}
          </Descriptions.Item>
        )}
        {deal.commission && deal.commission.status !== 'none' && (
          <Descriptions.Item label={t('deal.commission')}>
            {deal.commission.kind === 'percentage' ? `${deal.commission.rate}%` : formatYuan(deal.commission.amount)} · {t(`deal.commission.${deal.commission.status}`)}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Tabs style={{ marginTop: 16 }} items={tabs} />
      {modal}
    </Card>
  );
}

function DealTimeline({ id, tick }: { id: string; tick: number }) {
  const { t } = useI18n();
  const { data } = useLoader(() => api<DealEventView[]>('GET', `/deals/${id}/timeline`), [id, tick]);
  const text = (e: DealEventView) => {
    if (e.type === 'created') return t('deal.event.created');
    if (e.type === 'stage')
      return (
        t('deal.event.stage', { stage: t(`deal.stage.${e.toStage ?? 'lead'}`) }) +
        (e.detail.registrationNumber ? ` · ${t('deal.registration.number')} ${e.detail.registrationNumber}` : '')
      );
    if (e.type === 'document') return t('deal.event.document', { file: e.detail.fileName ?? '', version: e.detail.version ?? '1' });
    return t('deal.event.contract', { name: e.detail.contractName ?? '' });
  };
  return (
    <Timeline
      data-testid="deal-timeline"
      items={(data ?? []).map((e) => ({ children: <span data-testid="timeline-item">{`${when(e.createdAt)} · ${e.actorName} · ${text(e)}`}</span> }))}
    />
  );
}

function DealDocuments({ deal, tick, onChanged }: { deal: DealView; tick: number; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data, reload } = useLoader(() => api<DealDocumentView[]>('GET', `/deals/${deal.id}/documents`), [deal.id, tick]);
  const [kind, setKind] = useState<string>('nda');
  const [shared, setShared] = useState(true);
  const upload = async (file: File) => {
    try {
      const f = Object.assign(file, {});
      const params = new URLSearchParams({ kind, shared: String(shared) });
      await apiUpload(`/deals/${deal.id}/documents?${params}`, f);
      message.success(t('deal.uploaded'));
      reload();
      onChanged();
    } catch (e) {
      message.error(applyApiError(null, e));
    }
  };
  return (
    <>
      {deal.viewerRole === 'broker' && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Select
            value={kind}
            onChange={setKind}
            style={{ width: 180 }}
            options={DEAL_DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`deal.doc.${k}`) }))}
            data-testid="doc-kind"
          />
          <Space>
            {t('deal.doc.shared')}
            <Switch checked={shared} onChange={setShared} />
          </Space>
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="doc-upload">
              {t('deal.upload')}
            </Button>
          </Upload>
        </Space>
      )}
      <List<DealDocumentView>
        dataSource={data ?? []}
        locale={{ emptyText: t('deal.doc.none') }}
        renderItem={(d) => (
          <List.Item data-testid="deal-document">
            <Space>
              <a onClick={() => void apiDownload(`/deal-documents/${d.id}`, d.fileName)}>{d.fileName}</a>
              <Typography.Text type="secondary">
                {t(`deal.doc.${d.kind}`)} · {d.title} · v{d.version} · {d.uploadedByName} · {when(d.createdAt)} {d.shared ? '' : `· ${t('deal.doc.private')}`}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}

function DealMessages({ deal }: { deal: DealView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data, reload } = useLoader(() => api<DealMessageView[]>('GET', `/deals/${deal.id}/messages`), [deal.id]);
  const [body, setBody] = useState('');
  const [audience, setAudience] = useState<'both' | 'demand' | 'supply'>('both');
  const send = async () => {
    try {
      await api('POST', `/deals/${deal.id}/messages`, { body, audience });
      setBody('');
      reload();
    } catch (e) {
      message.error(applyApiError(null, e));
    }
  };
  return (
    <>
      <List<DealMessageView>
        dataSource={data ?? []}
        locale={{ emptyText: t('deal.msg.none') }}
        renderItem={(m) => (
          <List.Item data-testid="deal-message">
            <List.Item.Meta title={`${m.authorName} → ${t(`deal.msg.to.${m.audience}`)} · ${when(m.createdAt)}`} description={m.body} />
          </List.Item>
        )}
      />
      {deal.viewerRole === 'broker' && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group
            value={audience}
            onChange={(e) => setAudience(e.target.value)}
            options={(['both', 'demand', 'supply'] as const).map((a) => ({ value: a, label: t(`deal.msg.to.${a}`) }))}
          />
          <Input.TextArea rows={2} value={body} onChange={(e) => setBody(e.target.value)} data-testid="message-body" />
          <Button type="primary" disabled={!body.trim()} onClick={() => void send()} data-testid="message-send">
            {t('deal.msg.send')}
          </Button>
        </Space>
      )}
    </>
  );
}

function DealNotes({ id }: { id: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data, reload } = useLoader(() => api<DealNoteView[]>('GET', `/deals/${id}/notes`), [id]);
  const [body, setBody] = useState('');
  const add = async () => {
    try {
      await api('POST', `/deals/${id}/notes`, { body });
      setBody('');
      reload();
    } catch (e) {
      message.error(applyApiError(null, e));
    }
  };
  return (
    <>
      <Typography.Paragraph type="secondary">{t('deal.notes.hint')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input value={body} onChange={(e) => setBody(e.target.value)} data-testid="note-body" />
        <Button type="primary" disabled={!body.trim()} onClick={() => void add()} data-testid="note-add">
          {t('deal.notes.add')}
        </Button>
      </Space.Compact>
      <List<DealNoteView>
        dataSource={data ?? []}
        renderItem={(n) => (
          <List.Item data-testid="deal-note">
            <List.Item.Meta title={`${n.authorName} · ${when(n.createdAt)}`} description={n.body} />
          </List.Item>
        )}
      />
    </>
  );
}

function DealTasks({ id }: { id: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { data, reload } = useLoader(() => api<DealTaskView[]>('GET', `/deals/${id}/tasks`), [id]);
  const add = async () => {
    const v = (await form.validateFields()) as { title: string; dueAt: { toISOString(): string }; remindHours?: number };
    try {
      const due = new Date(v.dueAt.toISOString());
      const remindAt = new Date(due.getTime() - (v.remindHours ?? 24) * 3_600_000);
      await api('POST', `/deals/${id}/tasks`, { title: v.title, dueAt: due.toISOString(), remindAt: remindAt.toISOString() });
      form.resetFields();
      reload();
    } catch (e) {
      message.error(applyApiError(form, e));
    }
  };
  return (
    <>
      <Form form={form} layout="inline" style={{ marginBottom: 12 }}>
        <Form.Item name="title" rules={[{ required: true }]}>
          <Input placeholder={t('deal.task.title')} data-testid="task-title" />
        </Form.Item>
        <Form.Item name="dueAt" rules={[{ required: true }]}>
          <DatePicker showTime placeholder={t('deal.task.due')} />
        </Form.Item>
        <Form.Item name="remindHours" label={t('deal.task.remindHours')} initialValue={24}>
          <InputNumber min={0} max={720} />
        </Form.Item>
        <Button onClick={() => void add()}>{t('deal.task.add')}</Button>
      </Form>
      <List<DealTaskView>
        dataSource={data ?? []}
        renderItem={(task) => (
          <List.Item
            actions={
              task.doneAt
                ? []
                : [
                    <a key="done" onClick={() => void api('POST', `/deals/${id}/tasks/${task.id}/done`).then(reload)}>
                      {t('deal.task.done')}
                    </a>,
                  ]
            }
          >
            <Typography.Text delete={!!task.doneAt}>
              {task.title} · {t('deal.task.due')} {when(task.dueAt)} · {task.assigneeName}
            </Typography.Text>
          </List.Item>
        )}
      />
    </>
  );
}

function DealEditForm({ deal, onSaved }: { deal: DealView; onSaved: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    try {
      await api('PATCH', `/deals/${deal.id}`, { ...v, version: deal.version, expectedValue: v.expectedValue || null, nextStepDue: v.nextStepDue || null });
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      message.error(applyApiError(form, e));
    }
  };
  const commission = async (v: { kind: 'percentage' | 'fixed'; value: string }) => {
    try {
      await api('PUT', `/deals/${deal.id}/commission`, v.kind === 'percentage' ? { kind: v.kind, rate: v.value } : { kind: v.kind, amount: v.value });
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      message.error(applyApiError(null, e));
    }
  };
  return (
    <>
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        initialValues={{ expectedValue: deal.expectedValue ?? '', cooperationMode: deal.cooperationMode, nextStep: deal.nextStep, nextStepDue: deal.nextStepDue ?? '' }}
      >
        <Form.Item name="expectedValue" label={t('deal.expectedValue')} rules={[{ pattern: /^\d{1,14}(\.\d{1,2})?$/, message: t('deal.amountFormat') }]}>
          <Input addonAfter={t('deal.yuan')} data-testid="deal-expected" />
        </Form.Item>
        <Form.Item name="cooperationMode" label={t('deal.mode')}>
          <Select allowClear options={TAXONOMY.cooperationModes.map((m) => ({ value: m.code, label: label(m) }))} />
        </Form.Item>
        <Form.Item name="nextStep" label={t('deal.nextStep')}>
          <Input data-testid="deal-next-step" />
        </Form.Item>
        <Form.Item name="nextStepDue" label={t('deal.nextStepDue')} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
          <Input placeholder="YYYY-MM-DD" />
        </Form.Item>
        <Button type="primary" onClick={() => void save()} data-testid="deal-save">
          {t('common.save')}
        </Button>
      </Form>
      <Form
        layout="inline"
        style={{ marginTop: 24 }}
        onFinish={(v) => void commission(v as { kind: 'percentage' | 'fixed'; value: string })}
        initialValues={{ kind: 'percentage' }}
      >
        <Form.Item name="kind" label={t('deal.commission')}>
          <Select
            style={{ width: 140 }}
            options={[
              { value: 'percentage', label: t('deal.commission.percentage') },
              { value: 'fixed', label: t('deal.commission.fixed') },
            ]}
          />
        </Form.Item>
        <Form.Item name="value" rules={[{ required: true }]}>
          <Input placeholder={t('deal.commission.value')} />
        </Form.Item>
        <Button htmlType="submit">{t('deal.commission.propose')}</Button>
      </Form>
    </>
  );
}

function DealContract({ deal, tick, onSaved }: { deal: DealView; tick: number; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { data, error } = useLoader(() => api<ContractView | null>('GET', `/deals/${deal.id}/contract`), [deal.id, tick]);
  if (data === null && !error && deal.stage === 'lead') return null;
  const editable = deal.viewerRole === 'broker' && !['registered', 'fulfilled', 'lost'].includes(deal.stage);
  const save = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    try {
      await api('PUT', `/deals/${deal.id}/contract`, contractBody(v));
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      message.error(applyApiError(form, e));
    }
  };
  return (
    <>
      {data?.registrationNumber && (
        <Typography.Paragraph data-testid="registration-info">
          {t('deal.registration.number')}：{data.registrationNumber} · {t('deal.registration.date')}：{data.registeredOn}
        </Typography.Paragraph>
      )}
      {data && (
        <Button style={{ marginBottom: 12 }} onClick={() => void apiDownload(`/deals/${deal.id}/contract/sheet`, '技术合同认定登记表.xlsx')} data-testid="contract-sheet">
          {t('deal.contract.sheet')}
        </Button>
      )}
      <Form key={data?.updatedAt ?? 'new'} form={form} layout="vertical" initialValues={contractValues(data ?? null, deal)} disabled={!editable}>
        <ContractFields />
        {editable && (
          <Button type="primary" onClick={() => void save()} data-testid="contract-save">
            {t('deal.contract.save')}
          </Button>
        )}
      </Form>
    </>
  );
}

function DealConfidential({ id }: { id: string }) {
  const { t } = useI18n();
  const { data } = useLoader(() => api<DealConfidentialView>('GET', `/deals/${id}/confidential`), [id]);
  if (!data) return null;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('deal.confidential.hint')}</Typography.Paragraph>
      <Descriptions size="small" column={1} bordered data-testid="deal-confidential">
        {(['need', 'achievement'] as const).map((side) => {
          const part = data[side];
          if (!part) return null;
          const c = part.contact;
          return (
            <Descriptions.Item key={side} label={`${t(side === 'need' ? 'deal.need' : 'deal.achievement')} · ${part.title}`}>
              <div>{part.confidentialDetails || '—'}</div>
              <Typography.Text type="secondary">{[c.name, c.phone, c.email].filter(Boolean).join(' · ')}</Typography.Text>
            </Descriptions.Item>
          );
        })}
      </Descriptions>
    </>
  );
}
