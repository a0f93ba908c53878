import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, List, Radio, Select, Space, Switch, Tag, Timeline, Typography, Upload } from 'antd';
import { ExpertConsultations } from '../components/ExpertConsultations';
import { SectionTabs } from '../components/SectionTabs';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import {
  APPROVAL_NOTICE_DAYS_MAX,
  ContractView,
  DEAL_DOCUMENT_KINDS,
  DealApprovalState,
  DealApprovalView,
  DealConfidentialView,
  DealDocumentView,
  DealEventView,
  DealMessageView,
  DealNoteView,
  DealTaskView,
  DealStage,
  DealView,
  TAXONOMY,
} from '@ztt/contracts';
import { api, apiDownload, apiUpload } from '../api/client';
import { useApiQuery } from '../api/queries';
import { DealBrokerRatingPanel } from '../components/broker/DealBrokerRatingPanel';
import { DealFulfilment } from '../components/deal/DealFulfilment';
import { contractBody, ContractFields, contractValues, DealStageTag, formatYuan, MoveButtons, useStageMove } from '../components/deal/deal-ui';
import { applyApiError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n';
import { formatDateTime } from '../components/catalogue';

const when = (iso: string) => formatDateTime(iso);

/** Stages with a signed contract, whose fulfilment every viewer follows (履约). */
const FULFILMENT_STAGES: DealStage[] = [DealStage.Signed, DealStage.Registered, DealStage.Fulfilled];

/** 对接详情: brokers work here; the parties see the shared timeline, documents and messages. */
export function DealPage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const { data: deal, error } = useApiQuery<DealView>(['deal', id], `/deals/${id}`);
  const { start, modal } = useStageMove();
  // The open tab is in the address (?tab=…), so a notification can link straight to 履约.
  const [params, setParams] = useSearchParams();
  if (error) return <Card>{t('notFound.title')}</Card>;
  if (!deal) return <Card loading />;
  const broker = deal.viewerRole === 'broker';
  // 融资对接: no need/achievement secrets, contract, approval or fulfilment — those are technology deals' only
  const financing = deal.kind === 'financing';
  const tabs = [
    { key: 'timeline', label: t('deal.tab.timeline'), children: <DealTimeline id={id} /> },
    { key: 'documents', label: t('deal.tab.documents'), children: <DealDocuments deal={deal} /> },
    { key: 'messages', label: t('deal.tab.messages'), children: <DealMessages deal={deal} /> },
    ...(broker
      ? [
          { key: 'tasks', label: t('deal.tab.tasks'), children: <DealTasks id={id} /> },
          { key: 'notes', label: t('deal.tab.notes'), children: <DealNotes id={id} /> },
          ...(financing ? [] : [{ key: 'confidential', label: t('deal.tab.confidential'), children: <DealConfidential id={id} /> }]),
          { key: 'edit', label: t('deal.tab.edit'), children: <DealEditForm deal={deal} /> },
        ]
      : []),
    ...(deal.viewerRole !== 'party' && !financing ? [{ key: 'contract', label: t('deal.tab.contract'), children: <DealContract deal={deal} /> }] : []),
    ...(FULFILMENT_STAGES.includes(deal.stage) && !financing ? [{ key: 'fulfilment', label: t('fulfilment.tab'), children: <DealFulfilment deal={deal} /> }] : []),
    { key: 'consultations', label: t('expert.consult.title'), children: <ExpertConsultations subject={{ kind: 'deal', id }} /> },
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
        {financing ? (
          <>
            <Descriptions.Item label={t('finance.deal.kind')}>
              <Link to={`/financing/${deal.financingRequestId}`} data-testid="deal-financing-request">
                {t('finance.deal.request')}
              </Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('finance.field.arrangedAmount')}>
              <span data-testid="deal-arranged-amount">{deal.arrangedAmount ? t('finance.deal.arranged', { amount: formatYuan(deal.arrangedAmount) }) : '—'}</span>
            </Descriptions.Item>
          </>
        ) : (
          <>
            <Descriptions.Item label={t('deal.need')}>{deal.needId ? <Link to={`/needs/${deal.needId}`}>{deal.needTitle}</Link> : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('deal.achievement')}>
              {deal.achievementId ? <Link to={`/achievements/${deal.achievementId}`}>{deal.achievementTitle}</Link> : '—'}
            </Descriptions.Item>
          </>
        )}
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
      {deal.achievementId && !financing && <DealApproval deal={deal} />}
      {financing && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('finance.deal.notContract')}
        </Typography.Paragraph>
      )}
      <DealBrokerRatingPanel dealId={id} />
      <SectionTabs
        style={{ marginTop: 16 }}
        items={tabs}
        activeKey={tabs.some((tab) => tab.key === params.get('tab')) ? (params.get('tab') as string) : 'timeline'}
        onChange={(key) => setParams(key === 'timeline' ? {} : { tab: key }, { replace: true })}
      />
      {modal}
    </Card>
  );
}

/** Stages in which the owning organisation's approval may still be asked for. */
const BEFORE_SIGNING: DealStage[] = [DealStage.Lead, DealStage.Contacted, DealStage.NdaSigned, DealStage.DueDiligence, DealStage.Negotiating];

/** What the latest approval says: 未申请, 待审批, 已通过（公示期后某日起可签约）or 已驳回 with its reason. */
function ApprovalStatus({ approval }: { approval: DealApprovalView | null }) {
  const { t } = useI18n();
  if (!approval) return <Tag data-testid="approval-status">{t('deal.approval.none')}</Tag>;
  if (approval.status === 'pending')
    return (
      <Tag color="gold" data-testid="approval-status">
        {t('deal.approval.pending')}
      </Tag>
    );
  if (approval.status === 'approved')
    return (
      <Tag color="green" data-testid="approval-status">
        {approval.noticeDays > 0 && approval.noticeEndsOn ? t('deal.approval.approvedUntil', { date: approval.noticeEndsOn }) : t('deal.approval.approved')}
      </Tag>
    );
  return (
    <Tag color="red" data-testid="approval-status">
      {t('deal.approval.refused', { reason: approval.comment ?? '' })}
    </Tag>
  );
}

/** 单位审批: a contract on a service invention needs the owning organisation's approval before it is signed. */
function DealApproval({ deal }: { deal: DealView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [noticeDays, setNoticeDays] = useState<number | null>(0);
  // A deal the reader may not see the approval of answers 404: the card is simply not shown.
  const { data } = useApiQuery<DealApprovalState>(['deal', deal.id, 'approval'], `/deals/${deal.id}/approval`);
  const request = useMutation({
    mutationFn: (days: number) => api<DealApprovalState>('POST', `/deals/${deal.id}/approval`, { noticeDays: days }),
    meta: { invalidates: [['deal', deal.id]] },
    onSuccess: () => message.success(t('deal.approval.requested')),
    onError: (e) => message.error(applyApiError(null, e)),
  });
  if (!data?.required) return null;
  const approval = data.approval;
  const canRequest = deal.viewerRole !== 'party' && BEFORE_SIGNING.includes(deal.stage) && (!approval || approval.status === 'refused');
  return (
    <Card size="small" type="inner" title={t('deal.approval.title')} style={{ marginTop: 16 }} data-testid="deal-approval">
      <Space direction="vertical" style={{ width: '100%' }}>
        {!data.clearToSign && <Alert type="info" showIcon message={t('deal.approval.hint')} />}
        <Space wrap>
          {t('deal.approval.state')}
          <ApprovalStatus approval={approval} />
          {approval && (
            <Typography.Text type="secondary">
              {t('deal.approval.org')}：{approval.organisationName}
            </Typography.Text>
          )}
          <Typography.Text type={data.clearToSign ? 'success' : 'secondary'}>{t(data.clearToSign ? 'deal.approval.clearToSign' : 'deal.approval.notClear')}</Typography.Text>
        </Space>
        {canRequest && (
          <Space wrap>
            {t('deal.approval.noticeDays')}
            <InputNumber
              min={0}
              max={APPROVAL_NOTICE_DAYS_MAX}
              precision={0}
              value={noticeDays}
              onChange={(v) => setNoticeDays(v)}
              aria-label={t('deal.approval.noticeDays')}
              data-testid="approval-notice-days"
            />
            <Button type="primary" loading={request.isPending} onClick={() => request.mutate(noticeDays ?? 0)} data-testid="approval-request">
              {t('deal.approval.request')}
            </Button>
          </Space>
        )}
      </Space>
    </Card>
  );
}

function DealTimeline({ id }: { id: string }) {
  const { t } = useI18n();
  const { data } = useApiQuery<DealEventView[]>(['deal', id, 'timeline'], `/deals/${id}/timeline`);
  /** A payment, royalty report or trial decision, by its audited action (deal.payment_recorded → deal.event.payment_recorded). */
  const fulfilmentEvent = (d: DealEventView['detail']) => {
    const key = `deal.event.${(d.action ?? '').replace(/^deal\./, '')}`;
    const model = d.model === 'transfer' ? t('deal.event.model.transfer') : t('deal.event.model.licence');
    const params = {
      item: d.item ?? '',
      amount: formatYuan(d.amount ?? null),
      royalty: formatYuan(d.royalty ?? null),
      reason: d.reason ?? '',
      model,
      trialEndsOn: d.trialEndsOn ?? '',
      conversionDeadline: d.conversionDeadline ?? '',
    };
    return t(key as 'deal.event.payment_recorded', params);
  };
  const text = (e: DealEventView) => {
    if (e.type === 'created') return t('deal.event.created');
    if (e.type === 'stage')
      return (
        t('deal.event.stage', { stage: t(`deal.stage.${e.toStage ?? 'lead'}`) }) +
        (e.detail.registrationNumber ? ` · ${t('deal.registration.number')} ${e.detail.registrationNumber}` : '')
      );
    if (e.type === 'document') return t('deal.event.document', { file: e.detail.fileName ?? '', version: e.detail.version ?? '1' });
    if (e.type === 'fulfilment') return fulfilmentEvent(e.detail);
    return t('deal.event.contract', { name: e.detail.contractName ?? '' });
  };
  return (
    <Timeline
      data-testid="deal-timeline"
      items={(data ?? []).map((e) => ({ children: <span data-testid="timeline-item">{`${when(e.createdAt)} · ${e.actorName} · ${text(e)}`}</span> }))}
    />
  );
}

function DealDocuments({ deal }: { deal: DealView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data } = useApiQuery<DealDocumentView[]>(['deal', deal.id, 'documents'], `/deals/${deal.id}/documents`);
  const [kind, setKind] = useState<string>('nda');
  const [shared, setShared] = useState(true);
  // A document shows on the timeline too, and may change what the deal shows.
  const upload = useMutation({
    mutationFn: (file: File) => apiUpload(`/deals/${deal.id}/documents?${new URLSearchParams({ kind, shared: String(shared) })}`, file),
    meta: { invalidates: [['deal', deal.id]] },
    onSuccess: () => message.success(t('deal.uploaded')),
    onError: (e) => message.error(applyApiError(null, e)),
  });
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
              upload.mutate(file);
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
  const { data } = useApiQuery<DealMessageView[]>(['deal', deal.id, 'messages'], `/deals/${deal.id}/messages`);
  const [body, setBody] = useState('');
  const [audience, setAudience] = useState<'both' | 'demand' | 'supply'>('both');
  const send = useMutation({
    mutationFn: () => api('POST', `/deals/${deal.id}/messages`, { body, audience }),
    meta: { invalidates: [['deal', deal.id, 'messages']] },
    onSuccess: () => setBody(''),
    onError: (e) => message.error(applyApiError(null, e)),
  });
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
          <Button type="primary" disabled={!body.trim()} onClick={() => send.mutate()} data-testid="message-send">
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
  const { data } = useApiQuery<DealNoteView[]>(['deal', id, 'notes'], `/deals/${id}/notes`);
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: () => api('POST', `/deals/${id}/notes`, { body }),
    meta: { invalidates: [['deal', id, 'notes']] },
    onSuccess: () => setBody(''),
    onError: (e) => message.error(applyApiError(null, e)),
  });
  return (
    <>
      <Typography.Paragraph type="secondary">{t('deal.notes.hint')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input value={body} onChange={(e) => setBody(e.target.value)} data-testid="note-body" />
        <Button type="primary" disabled={!body.trim()} onClick={() => add.mutate()} data-testid="note-add">
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
  const { data } = useApiQuery<DealTaskView[]>(['deal', id, 'tasks'], `/deals/${id}/tasks`);
  const create = useMutation({
    mutationFn: (body: { title: string; dueAt: string; remindAt: string }) => api('POST', `/deals/${id}/tasks`, body),
    meta: { invalidates: [['deal', id, 'tasks']] },
    onSuccess: () => form.resetFields(),
    onError: (e) => message.error(applyApiError(form, e)),
  });
  const done = useMutation({
    mutationFn: (taskId: string) => api('POST', `/deals/${id}/tasks/${taskId}/done`),
    meta: { invalidates: [['deal', id, 'tasks']] },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const add = async () => {
    const v = (await form.validateFields()) as { title: string; dueAt: { toISOString(): string }; remindHours?: number };
    const due = new Date(v.dueAt.toISOString());
    const remindAt = new Date(due.getTime() - (v.remindHours ?? 24) * 3_600_000);
    create.mutate({ title: v.title, dueAt: due.toISOString(), remindAt: remindAt.toISOString() });
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
                    <a key="done" onClick={() => done.mutate(task.id)}>
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

function DealEditForm({ deal }: { deal: DealView }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const update = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api('PATCH', `/deals/${deal.id}`, { ...v, version: deal.version, expectedValue: v.expectedValue || null, nextStepDue: v.nextStepDue || null }),
    meta: { invalidates: [['deal', deal.id], ['deals']] },
    onSuccess: () => message.success(t('common.saved')),
    onError: (e) => message.error(applyApiError(form, e)),
  });
  const save = async () => update.mutate((await form.validateFields()) as Record<string, unknown>);
  const commission = useMutation({
    mutationFn: (v: { kind: 'percentage' | 'fixed'; value: string }) =>
      api('PUT', `/deals/${deal.id}/commission`, v.kind === 'percentage' ? { kind: v.kind, rate: v.value } : { kind: v.kind, amount: v.value }),
    meta: { invalidates: [['deal', deal.id], ['deals']] },
    onSuccess: () => message.success(t('common.saved')),
    onError: (e) => message.error(applyApiError(null, e)),
  });
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
        onFinish={(v) => commission.mutate(v as { kind: 'percentage' | 'fixed'; value: string })}
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

function DealContract({ deal }: { deal: DealView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { data, error } = useApiQuery<ContractView | null>(['deal', deal.id, 'contract'], `/deals/${deal.id}/contract`);
  const store = useMutation({
    mutationFn: (v: Record<string, unknown>) => api('PUT', `/deals/${deal.id}/contract`, contractBody(v)),
    meta: { invalidates: [['deal', deal.id], ['deals']] },
    onSuccess: () => message.success(t('common.saved')),
    onError: (e) => message.error(applyApiError(form, e)),
  });
  // Still loading (the form takes the stored contract as it mounts), or no contract yet: a lead has nothing to show here.
  if (!data && !error && (data === undefined || deal.stage === 'lead')) return null;
  const editable = deal.viewerRole === 'broker' && !['registered', 'fulfilled', 'lost'].includes(deal.stage);
  // A field that fails its rules shows its problem; nothing is sent.
  const save = () =>
    form.validateFields().then(
      (v: Record<string, unknown>) => store.mutate(v),
      () => undefined,
    );
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
  const { data } = useApiQuery<DealConfidentialView>(['deal', id, 'confidential'], `/deals/${id}/confidential`);
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
