import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Calendar, Card, DatePicker, Empty, Form, Grid, Input, InputNumber, List, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs, { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { BookingStatus, BookingView, CAPACITY_LIMITS as L, InstrumentView, MembershipStatus, MyCapacityView, ProviderDetailView, RunStatus, RunView } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import {
  ActionButton,
  BookingStatusTag,
  CapacityStatusTag,
  InstrumentFormModal,
  InstrumentFormValues,
  instrumentBody,
  KindTag,
  ProviderFormModal,
  ProviderFormValues,
  ReasonModal,
  RunStatusTag,
} from '../components/capacity/capacity-ui';
import { applyApiError } from '../components/form-errors';
import { SectionTabs } from '../components/SectionTabs';
import { useI18n } from '../i18n/i18n';

type Step =
  | { kind: 'booking-decline'; id: string }
  | { kind: 'booking-complete'; b: BookingView }
  | { kind: 'run-decline'; id: string }
  | { kind: 'run-approve'; r: RunView }
  | { kind: 'run-complete'; r: RunView };

const OPEN: string[] = [BookingStatus.Requested, BookingStatus.Approved];

/** /my/capacity: a provider's desk — the calendar of bookings and runs, approve/decline/complete, and its entries and instruments. */
export function MyCapacityPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [step, setStep] = useState<Step | null>(null);
  const [editProvider, setEditProvider] = useState<ProviderDetailView | 'new' | null>(null);
  const [editInstrument, setEditInstrument] = useState<InstrumentView | 'new' | null>(null);
  const [picked, setPicked] = useState<Dayjs | null>(null);
  const [hoursForm] = Form.useForm<{ hoursUsed: number }>();
  const [runForm] = Form.useForm<{ period?: [Dayjs, Dayjs]; result?: string; trlReached?: number }>();
  const desk = useApiQuery<MyCapacityView>(['capacity', 'mine'], '/me/capacity', { staleTime: 0 });
  const orgs = (me?.memberships ?? []).filter((m) => m.status === MembershipStatus.Active).map((m) => ({ id: m.organisationId, name: m.organisationName }));
  const data = desk.data;
  const bookings = data?.bookings ?? [];
  const runs = data?.runs ?? [];

  const act = useMutation({
    mutationFn: (v: { path: string; body: unknown }) => api('POST', v.path, v.body),
    meta: { invalidates: [['capacity']] },
    onSuccess: () => {
      message.success(t('capacity.saved'));
      setStep(null);
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const saveProvider = useMutation({
    mutationFn: (v: ProviderFormValues) =>
      editProvider && editProvider !== 'new'
        ? api('PUT', `/capacity/providers/${editProvider.id}`, { ...v, priceAmount: v.priceAmount || null })
        : api('POST', '/capacity/providers', { ...v, priceAmount: v.priceAmount || null }),
    meta: { invalidates: [['capacity']] },
    onSuccess: () => {
      message.success(t('capacity.saved'));
      setEditProvider(null);
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const saveInstrument = useMutation({
    mutationFn: (v: InstrumentFormValues) =>
      editInstrument && editInstrument !== 'new'
        ? api('PUT', `/capacity/instruments/${editInstrument.id}`, instrumentBody(v))
        : api('POST', '/capacity/instruments', instrumentBody(v)),
    meta: { invalidates: [['capacity']] },
    onSuccess: () => {
      message.success(t('capacity.saved'));
      setEditInstrument(null);
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });

  // The calendar opens on the next booking waiting for an answer (else today).
  const firstPending = bookings.find((b) => b.status === BookingStatus.Requested)?.date ?? runs.find((r) => r.status === RunStatus.Requested)?.wishFrom;
  const day = picked ?? (firstPending ? dayjs(firstPending) : dayjs());
  const dayKey = day.format('YYYY-MM-DD');
  const screens = Grid.useBreakpoint();
  const phone = screens.xs === true && screens.md === false;
  const bookingsOn = (d: string) => bookings.filter((b) => b.date === d && b.status !== BookingStatus.Cancelled && b.status !== BookingStatus.Declined);
  const runsOn = (d: string) =>
    runs.filter((r) => {
      const from = r.scheduledFrom ?? r.wishFrom;
      const to = r.scheduledTo ?? r.wishTo;
      return (r.status === RunStatus.Approved || r.status === RunStatus.Requested) && from <= d && d <= to;
    });

  const bookingActions = (b: BookingView) => (
    <Space wrap>
      {b.status === BookingStatus.Requested && (
        <>
          <ActionButton
            primary
            testId={`booking-approve-${b.id}`}
            loading={act.isPending}
            onClick={() => {
              setPicked(dayjs(b.date));
              act.mutate({ path: `/capacity/bookings/${b.id}/approve`, body: {} });
            }}
          >
            {t('capacity.approve')}
          </ActionButton>
          <ActionButton danger testId={`booking-decline-${b.id}`} onClick={() => setStep({ kind: 'booking-decline', id: b.id })}>
            {t('capacity.decline')}
          </ActionButton>
        </>
      )}
      {b.status === BookingStatus.Approved && (
        <ActionButton
          primary
          testId={`booking-complete-${b.id}`}
          onClick={() => {
            setPicked(dayjs(b.date));
            hoursForm.setFieldsValue({ hoursUsed: Number(b.hours) });
            setStep({ kind: 'booking-complete', b });
          }}
        >
          {t('capacity.complete')}
        </ActionButton>
      )}
      {OPEN.includes(b.status) && (
        <Popconfirm title={t('capacity.cancelConfirm')} onConfirm={() => act.mutate({ path: `/capacity/bookings/${b.id}/cancel`, body: {} })}>
          <Button size="small">{t('capacity.cancel')}</Button>
        </Popconfirm>
      )}
    </Space>
  );
  const runActions = (r: RunView) => (
    <Space wrap>
      {r.status === RunStatus.Requested && (
        <>
          <ActionButton
            primary
            testId={`run-approve-${r.id}`}
            onClick={() => {
              runForm.setFieldsValue({ period: [dayjs(r.wishFrom), dayjs(r.wishTo)] });
              setStep({ kind: 'run-approve', r });
            }}
          >
            {t('capacity.approve')}
          </ActionButton>
          <ActionButton danger testId={`run-decline-${r.id}`} onClick={() => setStep({ kind: 'run-decline', id: r.id })}>
            {t('capacity.decline')}
          </ActionButton>
        </>
      )}
      {r.status === RunStatus.Approved && (
        <ActionButton
          primary
          testId={`run-complete-${r.id}`}
          onClick={() => {
            runForm.setFieldsValue({ trlReached: Math.min(9, r.trlBefore + 1) });
            setStep({ kind: 'run-complete', r });
          }}
        >
          {t('capacity.complete')}
        </ActionButton>
      )}
    </Space>
  );

  const bookingColumns = [
    { title: t('capacity.slot'), render: (_: unknown, b: BookingView) => `${b.date} ${b.startTime}–${b.endTime}` },
    { title: t('capacity.instruments'), dataIndex: 'instrumentName' },
    { title: t('capacity.booker'), dataIndex: 'userName' },
    { title: t('capacity.booking.purpose'), dataIndex: 'purpose' },
    { title: t('capacity.amount'), dataIndex: 'amount' },
    { title: t('capacity.rating'), render: (_: unknown, b: BookingView) => (b.rating ? `${b.rating} ★ ${b.ratingComment ?? ''}` : '') },
    { title: '', render: (_: unknown, b: BookingView) => <BookingStatusTag status={b.status} /> },
    { title: t('capacity.actions'), render: (_: unknown, b: BookingView) => bookingActions(b) },
  ];
  const runColumns = [
    { title: t('capacity.dashboard.achievement'), render: (_: unknown, r: RunView) => <Link to={`/achievements/${r.achievementId}`}>{r.achievementTitle}</Link> },
    { title: t('capacity.dashboard.provider'), dataIndex: 'providerName' },
    { title: t('capacity.run.goalShort'), dataIndex: 'goal' },
    { title: t('capacity.run.wish'), render: (_: unknown, r: RunView) => `${r.wishFrom} – ${r.wishTo}` },
    { title: t('capacity.run.scheduled'), render: (_: unknown, r: RunView) => (r.scheduledFrom ? `${r.scheduledFrom} – ${r.scheduledTo}` : '') },
    { title: t('capacity.run.trl'), render: (_: unknown, r: RunView) => `TRL ${r.trlBefore}${r.trlReached ? ` → ${r.trlReached}` : ''}` },
    { title: '', render: (_: unknown, r: RunView) => <RunStatusTag status={r.status} /> },
    { title: t('capacity.actions'), render: (_: unknown, r: RunView) => runActions(r) },
  ];

  const dayBookings = bookingsOn(dayKey);
  const dayRuns = runsOn(dayKey);
  const dayItems: { key: string; booking?: BookingView; run?: RunView }[] = [
    ...dayBookings.map((b) => ({ key: b.id, booking: b })),
    ...dayRuns.map((r) => ({ key: r.id, run: r })),
  ];
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('capacity.mine.title')}</h1>}>
      <Typography.Paragraph type="secondary">{t('capacity.mine.hint')}</Typography.Paragraph>
      <SectionTabs
        items={[
          {
            key: 'calendar',
            label: t('capacity.mine.calendar'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Calendar
                  value={day}
                  // On a phone the month fits as a small calendar, a dot on the busy days; the day's card lists them.
                  fullscreen={!phone}
                  onSelect={(d) => setPicked(d)}
                  onPanelChange={(d) => setPicked(d)}
                  // Ant Design's own header has a year and a month picker without labels: a labelled month switch instead.
                  headerRender={({ value, onChange }) => (
                    <Space style={{ padding: 8 }}>
                      <Button aria-label={t('capacity.mine.prevMonth')} icon={<LeftOutlined />} onClick={() => onChange(value.subtract(1, 'month'))} />
                      <Typography.Text strong aria-live="polite" data-testid="calendar-month">
                        {t('capacity.mine.month', { year: value.year(), month: value.month() + 1 })}
                      </Typography.Text>
                      <Button aria-label={t('capacity.mine.nextMonth')} icon={<RightOutlined />} onClick={() => onChange(value.add(1, 'month'))} />
                    </Space>
                  )}
                  cellRender={(d, info) => {
                    if (info.type !== 'date') return info.originNode;
                    const key = d.format('YYYY-MM-DD');
                    const bs = bookingsOn(key);
                    const rs = runsOn(key);
                    // What is returned goes under the day's number: on a phone only a dot marks a busy day.
                    if (phone) return bs.length + rs.length ? <Badge status="warning" /> : null;
                    return (
                      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                        {bs.map((b) => (
                          <li key={b.id}>
                            <Badge
                              status={b.status === BookingStatus.Requested ? 'warning' : b.status === BookingStatus.Completed ? 'success' : 'processing'}
                              text={`${b.startTime} ${b.instrumentName}`}
                            />
                          </li>
                        ))}
                        {rs.map((r) => (
                          <li key={r.id}>
                            <Badge status={r.status === RunStatus.Requested ? 'warning' : 'processing'} text={r.achievementTitle} />
                          </li>
                        ))}
                      </ul>
                    );
                  }}
                />
                <Card size="small" title={t('capacity.mine.day', { date: dayKey })} data-testid="capacity-day">
                  {!dayBookings.length && !dayRuns.length ? (
                    <Empty description={t('capacity.mine.day.none')} />
                  ) : (
                    <List
                      dataSource={dayItems}
                      renderItem={({ key, booking: b, run: r }) =>
                        b ? (
                          <List.Item key={key} actions={[bookingActions(b)]} data-testid={`day-booking-${b.id}`}>
                            <Space wrap>
                              <BookingStatusTag status={b.status} />
                              <span>{`${b.startTime}–${b.endTime} ${b.instrumentName}`}</span>
                              <Typography.Text type="secondary">{b.userName}</Typography.Text>
                            </Space>
                          </List.Item>
                        ) : r ? (
                          <List.Item key={key} actions={[runActions(r)]}>
                            <Space wrap>
                              <RunStatusTag status={r.status} />
                              <span>{`${r.providerName}：${r.achievementTitle}`}</span>
                            </Space>
                          </List.Item>
                        ) : null
                      }
                    />
                  )}
                </Card>
              </Space>
            ),
          },
          {
            key: 'bookings',
            label: t('capacity.mine.bookings'),
            children: <Table<BookingView> rowKey="id" dataSource={bookings} columns={bookingColumns} loading={desk.isLoading} scroll={{ x: true }} pagination={{ pageSize: 20 }} />,
          },
          {
            key: 'runs',
            label: t('capacity.mine.runs'),
            children: <Table<RunView> rowKey="id" dataSource={runs} columns={runColumns} loading={desk.isLoading} scroll={{ x: true }} pagination={{ pageSize: 20 }} />,
          },
          {
            key: 'entries',
            label: t('capacity.mine.entries'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space>
                  <Button onClick={() => setEditProvider('new')} disabled={!orgs.length} data-testid="add-provider">
                    {t('capacity.mine.addProvider')}
                  </Button>
                  <Button onClick={() => setEditInstrument('new')} disabled={!orgs.length} data-testid="add-instrument">
                    {t('capacity.mine.addInstrument')}
                  </Button>
                </Space>
                {!orgs.length && <Alert type="info" message={t('capacity.mine.none')} />}
                <Table<ProviderDetailView>
                  rowKey="id"
                  dataSource={data?.providers ?? []}
                  pagination={false}
                  locale={{ emptyText: t('capacity.mine.none') }}
                  columns={[
                    { title: t('capacity.name'), render: (_, p) => <Link to={`/capacity/${p.id}`}>{p.name}</Link> },
                    { title: t('capacity.kind'), render: (_, p) => <KindTag kind={p.kind} /> },
                    { title: t('capacity.trlRange'), render: (_, p) => `TRL ${p.trlMin}–${p.trlMax}` },
                    { title: '', render: (_, p) => <CapacityStatusTag status={p.status} /> },
                    { title: t('capacity.rejectionReason'), dataIndex: 'rejectionReason' },
                    {
                      title: t('capacity.actions'),
                      render: (_, p) => (
                        <Button size="small" onClick={() => setEditProvider(p)}>
                          {t('capacity.mine.edit')}
                        </Button>
                      ),
                    },
                  ]}
                />
                <Table<InstrumentView>
                  rowKey="id"
                  dataSource={data?.instruments ?? []}
                  pagination={false}
                  columns={[
                    { title: t('capacity.instruments'), render: (_, i) => <Link to={`/capacity/instruments/${i.id}`}>{i.name}</Link> },
                    { title: t('capacity.form.provider'), dataIndex: 'providerName' },
                    { title: t('capacity.instrument.rate'), dataIndex: 'hourlyRate' },
                    { title: '', render: (_, i) => <CapacityStatusTag status={i.status} /> },
                    { title: t('capacity.rejectionReason'), dataIndex: 'rejectionReason' },
                    {
                      title: t('capacity.actions'),
                      render: (_, i) => (
                        <Button size="small" onClick={() => setEditInstrument(i)}>
                          {t('capacity.mine.edit')}
                        </Button>
                      ),
                    },
                  ]}
                />
              </Space>
            ),
          },
        ]}
      />
      <ReasonModal
        open={step?.kind === 'booking-decline' || step?.kind === 'run-decline'}
        title={t('capacity.decline')}
        saving={act.isPending}
        onClose={() => setStep(null)}
        onSave={(reason) => step && 'id' in step && act.mutate({ path: `/capacity/${step.kind === 'booking-decline' ? 'bookings' : 'runs'}/${step.id}/decline`, body: { reason } })}
      />
      <Modal
        open={step?.kind === 'booking-complete'}
        title={t('capacity.complete')}
        onCancel={() => setStep(null)}
        okButtonProps={{ loading: act.isPending, 'data-testid': 'complete-save' } as never}
        onOk={async () => {
          const v = await hoursForm.validateFields();
          if (step?.kind === 'booking-complete') act.mutate({ path: `/capacity/bookings/${step.b.id}/complete`, body: { hoursUsed: v.hoursUsed } });
        }}
      >
        <Form form={hoursForm} layout="vertical">
          <Form.Item name="hoursUsed" label={t('capacity.hoursUsed')} rules={[{ required: true }]}>
            <InputNumber min={0.25} max={24} step={0.5} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={step?.kind === 'run-approve' || step?.kind === 'run-complete'}
        title={step?.kind === 'run-approve' ? t('capacity.run.approveTitle') : t('capacity.run.completeTitle')}
        onCancel={() => setStep(null)}
        okButtonProps={{ loading: act.isPending, 'data-testid': 'run-save' } as never}
        onOk={async () => {
          const v = await runForm.validateFields();
          if (step?.kind === 'run-approve' && v.period)
            act.mutate({ path: `/capacity/runs/${step.r.id}/approve`, body: { scheduledFrom: v.period[0].format('YYYY-MM-DD'), scheduledTo: v.period[1].format('YYYY-MM-DD') } });
          if (step?.kind === 'run-complete') act.mutate({ path: `/capacity/runs/${step.r.id}/complete`, body: { result: v.result, trlReached: v.trlReached } });
        }}
      >
        <Form form={runForm} layout="vertical">
          {step?.kind === 'run-approve' ? (
            <Form.Item name="period" label={t('capacity.run.scheduled')} rules={[{ required: true }]}>
              <DatePicker.RangePicker />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="result" label={t('capacity.run.result')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={3} maxLength={L.textLength} />
              </Form.Item>
              <Form.Item name="trlReached" label={t('capacity.run.trlReached')} rules={[{ required: true }]}>
                <InputNumber min={1} max={9} precision={0} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
      <ProviderFormModal
        open={editProvider !== null}
        initial={editProvider === 'new' ? null : editProvider}
        orgs={orgs}
        saving={saveProvider.isPending}
        onSave={(v) => saveProvider.mutate(v)}
        onClose={() => setEditProvider(null)}
      />
      <InstrumentFormModal
        open={editInstrument !== null}
        initial={editInstrument === 'new' ? null : editInstrument}
        orgs={orgs}
        providers={data?.providers ?? []}
        saving={saveInstrument.isPending}
        onSave={(v) => saveInstrument.mutate(v)}
        onClose={() => setEditInstrument(null)}
      />
    </Card>
  );
}
