import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, List, Result, Space, Spin, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs, { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { beijingDate, beijingMinute, BookingRules, BookingView, bookingProblems, fromHundredths, hundredths, InstrumentDetailView, slotHours, weekdayIndex } from '@ztt/contracts';
import { api, ApiError } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { CapacityStatusTag, RulesText } from '../components/capacity/capacity-ui';
import { applyApiError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n';
import { FormSelect } from '../components/FormSelect';

const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const toTime = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The times a booking may start or end on that day: the opening hours in steps of the rules' granularity. */
function timesOf(rules: BookingRules, date: string | null): string[] {
  if (!date) return [];
  const day = rules.openingHours[weekdayIndex(date)];
  if (!day) return [];
  const out: string[] = [];
  for (let m = Math.ceil(toMinutes(day.open) / rules.slotMinutes) * rules.slotMinutes; m <= toMinutes(day.close); m += rules.slotMinutes) out.push(toTime(m));
  return out;
}

interface BookingForm {
  date: Dayjs;
  start: string;
  end: string;
  purpose?: string;
}

/** /capacity/instruments/:id: an instrument, its rules and taken slots, and the booking form (date and start/end honouring the rules). */
export function InstrumentPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<BookingForm>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const date = Form.useWatch('date', form);
  const start = Form.useWatch('start', form);
  const end = Form.useWatch('end', form);
  const { data: i, error } = useApiQuery<InstrumentDetailView>(['capacity', 'instrument', id], `/capacity/instruments/${id}`, { staleTime: 0 });
  const book = useMutation({
    mutationFn: (v: BookingForm) =>
      api<BookingView>('POST', '/capacity/bookings', { instrumentId: id, date: v.date.format('YYYY-MM-DD'), start: v.start, end: v.end, purpose: v.purpose ?? '' }),
    meta: { invalidates: [['capacity']] },
    onSuccess: () => {
      setRefusal(null);
      message.success(t('capacity.booking.done'));
      form.resetFields();
    },
    onError: (e) => setRefusal(e instanceof ApiError && e.details.length ? e.details.map((d) => d.message).join('；') : applyApiError(null, e)),
  });
  if (error instanceof ApiError && error.status === 404) return <Result status="404" title="404" subTitle={t('capacity.notFound')} />;
  if (error) return <Result status="error" title={error.message} />;
  if (!i) return <Spin style={{ margin: 48 }} />;
  const rules = i.rules;
  const day = date ? date.format('YYYY-MM-DD') : null;
  const times = timesOf(rules, day);
  const slot = day && start && end ? { date: day, start, end } : null;
  const problems = slot ? bookingProblems(rules, slot) : [];
  const minutes = slot ? toMinutes(end) - toMinutes(start) : 0;
  const estimate = slot && minutes > 0 ? fromHundredths((hundredths(i.hourlyRate) * BigInt(minutes) * 2n + 60n) / 120n) : null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <h1 style={{ fontSize: 20, margin: 0 }} data-testid="instrument-title">
              {i.name}
            </h1>
            {i.status !== 'published' && <CapacityStatusTag status={i.status} />}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('capacity.org')}>{i.providerId ? <Link to={`/capacity/${i.providerId}`}>{i.providerName}</Link> : i.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('capacity.instrument.model')}>{[i.maker, i.model].filter(Boolean).join(' ')}</Descriptions.Item>
          <Descriptions.Item label={t('capacity.capabilities')} span={2}>
            {i.capabilities}
          </Descriptions.Item>
          <Descriptions.Item label={t('capacity.instrument.location')}>{i.location}</Descriptions.Item>
          <Descriptions.Item label={t('capacity.instrument.rate')}>{i.hourlyRate}</Descriptions.Item>
          <Descriptions.Item label={t('capacity.instrument.rules')} span={2}>
            <RulesText rules={rules} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('capacity.instrument.book')}>
        {!me ? (
          <Link to="/login">{t('capacity.booking.signIn')}</Link>
        ) : (
          <Form<BookingForm> form={form} layout="inline" onFinish={(v) => book.mutate(v)} onValuesChange={() => setRefusal(null)} style={{ rowGap: 12 }}>
            <Form.Item name="date" label={t('capacity.booking.date')} rules={[{ required: true }]}>
              <DatePicker
                id="booking-date"
                data-testid="booking-date"
                disabledDate={(d) => d.isBefore(dayjs(beijingDate()), 'day') || !rules.openingHours[weekdayIndex(d.format('YYYY-MM-DD'))]}
                onChange={() => form.setFieldsValue({ start: undefined, end: undefined })}
              />
            </Form.Item>
            <Form.Item name="start" label={t('capacity.booking.start')} rules={[{ required: true }]}>
              <FormSelect style={{ width: 110 }} data-testid="booking-start" options={times.slice(0, -1).map((x) => ({ value: x, label: x }))} />
            </Form.Item>
            <Form.Item name="end" label={t('capacity.booking.end')} rules={[{ required: true }]}>
              <FormSelect style={{ width: 110 }} data-testid="booking-end" options={times.filter((x) => !start || x > start).map((x) => ({ value: x, label: x }))} />
            </Form.Item>
            <Form.Item name="purpose" label={t('capacity.booking.purpose')}>
              <Input maxLength={500} style={{ width: 240 }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={book.isPending} data-testid="booking-submit">
                {t('capacity.booking.submit')}
              </Button>
            </Form.Item>
          </Form>
        )}
        {slot && estimate && !problems.length && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('capacity.booking.estimate', { hours: slotHours(slot), amount: estimate })}
          </Typography.Paragraph>
        )}
        {refusal && <Alert type="error" showIcon style={{ marginTop: 12 }} message={refusal} data-testid="booking-error" />}
      </Card>
      <Card title={t('capacity.instrument.busy')}>
        <List
          size="small"
          dataSource={i.busy}
          locale={{ emptyText: t('capacity.instrument.busy.none') }}
          data-testid="instrument-busy"
          renderItem={(b) => (
            <List.Item>
              {beijingMinute(new Date(b.start))}–{beijingMinute(new Date(b.end)).slice(11)}
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
