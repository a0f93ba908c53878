import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Rate, Select, Space, Tag, TimePicker, Typography } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import {
  BookingRules,
  BookingStatus,
  CAPACITY_LIMITS as L,
  CapacityKind,
  CapacityStatus,
  InstrumentView,
  PriceBasis,
  ProviderDetailView,
  RatingSummary,
  RunStatus,
  SLOT_MINUTES,
  TAXONOMY,
} from '@ztt/contracts';
import { useTaxonomyLabels } from '../labels';
import { useI18n } from '../../i18n/i18n';
import { ChainSelect } from '../ChainSelect';
import { FormSelect } from '../FormSelect';

export const KIND_COLOUR: Record<CapacityKind, string> = { pilot_base: 'geekblue', poc_centre: 'purple', open_line: 'cyan' };
const STATUS_COLOUR: Record<CapacityStatus, string> = { pending: 'gold', published: 'green', rejected: 'red' };
const BOOKING_COLOUR: Record<BookingStatus, string> = { requested: 'gold', approved: 'blue', declined: 'red', cancelled: 'default', completed: 'green' };

export function KindTag({ kind }: { kind: CapacityKind }) {
  const { t } = useI18n();
  return <Tag color={KIND_COLOUR[kind]}>{t(`capacity.kind.${kind}`)}</Tag>;
}

export function CapacityStatusTag({ status }: { status: CapacityStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOUR[status]}>{t(`capacity.status.${status}`)}</Tag>;
}

export function BookingStatusTag({ status }: { status: BookingStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={BOOKING_COLOUR[status]} data-testid="booking-status">
      {t(`capacity.bookingStatus.${status}`)}
    </Tag>
  );
}

export function RunStatusTag({ status }: { status: RunStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={BOOKING_COLOUR[status as unknown as BookingStatus]} data-testid="run-status">
      {t(`capacity.runStatus.${status}`)}
    </Tag>
  );
}

/** "4.33 分（3 条评价）", or "评价不足3条" below three ratings. */
export function RatingText({ rating }: { rating: RatingSummary }) {
  const { t } = useI18n();
  return (
    <span data-testid="provider-rating">
      {rating.average !== null ? t('capacity.rating.value', { average: rating.average, count: rating.count }) : t('capacity.rating.few', { count: rating.count })}
    </span>
  );
}

export function PriceText({ basis, amount }: { basis: PriceBasis; amount: string | null }) {
  const { t } = useI18n();
  return <span>{basis === PriceBasis.Negotiable || !amount ? t('capacity.price.negotiable') : `${amount} 元 / ${t(`capacity.price.${basis}`)}`}</span>;
}

/** The rules in words: opening hours per weekday, hours, step, lead time, approval. */
export function RulesText({ rules }: { rules: BookingRules }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={2}>
      <Typography.Text>
        {t('capacity.instrument.hours')}：
        {rules.openingHours.map((d, k) => `${t(`capacity.weekday.${k}` as never)} ${d ? `${d.open}–${d.close}` : t('capacity.instrument.closed')}`).join('；')}
      </Typography.Text>
      <Typography.Text>{t('capacity.instrument.minMax', { min: rules.minHours, max: rules.maxHours, slot: rules.slotMinutes })}</Typography.Text>
      <Typography.Text>{t('capacity.instrument.lead', { hours: rules.leadHours })}</Typography.Text>
      <Typography.Text>{rules.approvalRequired ? t('capacity.instrument.approval') : t('capacity.instrument.instant')}</Typography.Text>
    </Space>
  );
}

export interface ProviderFormValues {
  orgId: string;
  kind: CapacityKind;
  name: string;
  capabilities: string;
  tags: string[];
  chains: string[];
  trlMin: number;
  trlMax: number;
  scale: string;
  batchSize: string;
  priceBasis: PriceBasis;
  priceAmount?: string | null;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  region: string;
  address: string;
}

/** The provider form (create or edit) in a modal. */
export function ProviderFormModal(props: {
  open: boolean;
  initial: ProviderDetailView | null;
  orgs: { id: string; name: string }[];
  saving: boolean;
  error?: string | null;
  onSave: (v: ProviderFormValues) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const [form] = Form.useForm<ProviderFormValues>();
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (props.initial)
      form.setFieldsValue({
        ...props.initial,
        priceAmount: props.initial.priceAmount ?? undefined,
        ...(props.initial.contact && { contactName: props.initial.contact.name, contactPhone: props.initial.contact.phone, contactEmail: props.initial.contact.email }),
      });
  }, [props.open, props.initial, form]);
  return (
    <Modal
      open={props.open}
      title={props.initial ? props.initial.name : t('capacity.mine.addProvider')}
      onCancel={props.onClose}
      onOk={async () => props.onSave(await form.validateFields())}
      okButtonProps={{ loading: props.saving, 'data-testid': 'provider-save' } as never}
      width={720}
      destroyOnHidden
    >
      {props.error && <Alert type="error" message={props.error} style={{ marginBottom: 12 }} />}
      <Form<ProviderFormValues>
        form={form}
        layout="vertical"
        initialValues={{
          orgId: props.orgs[0]?.id,
          kind: CapacityKind.PilotBase,
          tags: [],
          chains: [],
          trlMin: 4,
          trlMax: 7,
          priceBasis: PriceBasis.Negotiable,
          region: 'chikan',
          scale: '',
          batchSize: '',
          capabilities: '',
          contactName: '',
          contactPhone: '',
          contactEmail: '',
          address: '',
        }}
      >
        <Form.Item name="orgId" label={t('capacity.form.org')} rules={[{ required: true }]}>
          <FormSelect options={props.orgs.map((o) => ({ value: o.id, label: o.name }))} disabled={!!props.initial} />
        </Form.Item>
        <Form.Item name="kind" label={t('capacity.kind')} rules={[{ required: true }]}>
          <FormSelect options={Object.values(CapacityKind).map((k) => ({ value: k, label: t(`capacity.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('capacity.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={L.nameLength} data-testid="provider-name" />
        </Form.Item>
        <Form.Item name="capabilities" label={t('capacity.capabilities')}>
          <Input.TextArea rows={3} maxLength={L.textLength} />
        </Form.Item>
        <Form.Item name="tags" label={t('capacity.tags')} extra={t('capacity.tags.hint')}>
          <Select mode="tags" open={false} suffixIcon={null} maxCount={L.tagsMax} />
        </Form.Item>
        <Form.Item name="chains" label={t('capacity.chains')}>
          <ChainSelect maxCount={L.chainsMax} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="trlMin" label={t('capacity.trlMin')} rules={[{ required: true }]}>
            <InputNumber min={1} max={9} precision={0} />
          </Form.Item>
          <Form.Item name="trlMax" label={t('capacity.trlMax')} rules={[{ required: true }]}>
            <InputNumber min={1} max={9} precision={0} />
          </Form.Item>
          <Form.Item name="region" label={t('capacity.region')} rules={[{ required: true }]}>
            <FormSelect style={{ width: 160 }} options={TAXONOMY.regions.map((r) => ({ value: r.code, label: labels.region(r.code) }))} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="scale" label={t('capacity.scale')}>
            <Input maxLength={L.shortLength} style={{ width: 300 }} />
          </Form.Item>
          <Form.Item name="batchSize" label={t('capacity.batchSize')}>
            <Input maxLength={L.shortLength} style={{ width: 300 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="priceBasis" label={t('capacity.priceBasis')} rules={[{ required: true }]}>
            <FormSelect style={{ width: 140 }} options={Object.values(PriceBasis).map((b) => ({ value: b, label: t(`capacity.price.${b}`) }))} />
          </Form.Item>
          <Form.Item name="priceAmount" label={t('capacity.priceAmount')} rules={[{ pattern: /^\d{1,14}(\.\d{1,2})?$/ }]}>
            <Input style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="contactName" label={t('capacity.contactName')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('capacity.contactPhone')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="contactEmail" label={t('capacity.contactEmail')}>
            <Input maxLength={200} />
          </Form.Item>
        </Space>
        <Form.Item name="address" label={t('capacity.address')}>
          <Input maxLength={L.shortLength} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export interface InstrumentFormValues {
  orgId: string;
  providerId?: string | null;
  name: string;
  model: string;
  maker: string;
  capabilities: string;
  tags: string[];
  location: string;
  hourlyRate: string;
  days: ([Dayjs, Dayjs] | null | undefined)[];
  minHours: number;
  maxHours: number;
  slotMinutes: number;
  leadHours: number;
  approvalRequired: boolean;
}

/** The form's values as the API takes them. */
export function instrumentBody(v: InstrumentFormValues) {
  const { days, ...rest } = v;
  return {
    ...rest,
    providerId: v.providerId || null,
    openingHours: (days ?? []).map((d) => (d && d[0] && d[1] ? { open: d[0].format('HH:mm'), close: d[1].format('HH:mm') } : null)),
  };
}

export function InstrumentFormModal(props: {
  open: boolean;
  initial: InstrumentView | null;
  orgs: { id: string; name: string }[];
  providers: { id: string; name: string; orgId: string }[];
  saving: boolean;
  onSave: (v: InstrumentFormValues) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<InstrumentFormValues>();
  const orgId = Form.useWatch('orgId', form);
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    const i = props.initial;
    if (i)
      form.setFieldsValue({
        ...i,
        ...i.rules,
        days: i.rules.openingHours.map((d) =>
          d ? [dayjs(`2000-01-01T${d.open}`), dayjs(`2000-01-01T${d.close === '24:00' ? '23:59' : d.close}`)] : null,
        ) as InstrumentFormValues['days'],
      });
  }, [props.open, props.initial, form]);
  const weekday = [dayjs('2000-01-01T08:30'), dayjs('2000-01-01T17:30')] as [Dayjs, Dayjs];
  return (
    <Modal
      open={props.open}
      title={props.initial ? props.initial.name : t('capacity.mine.addInstrument')}
      onCancel={props.onClose}
      onOk={async () => props.onSave(await form.validateFields())}
      okButtonProps={{ loading: props.saving, 'data-testid': 'instrument-save' } as never}
      width={720}
      destroyOnHidden
    >
      <Form<InstrumentFormValues>
        form={form}
        layout="vertical"
        initialValues={{
          orgId: props.orgs[0]?.id,
          providerId: null,
          tags: [],
          model: '',
          maker: '',
          capabilities: '',
          location: '',
          days: [weekday, weekday, weekday, weekday, weekday, null, null],
          minHours: 1,
          maxHours: 4,
          slotMinutes: 30,
          leadHours: 24,
          approvalRequired: true,
        }}
      >
        <Space wrap>
          <Form.Item name="orgId" label={t('capacity.form.org')} rules={[{ required: true }]}>
            <FormSelect style={{ width: 260 }} options={props.orgs.map((o) => ({ value: o.id, label: o.name }))} disabled={!!props.initial} />
          </Form.Item>
          <Form.Item name="providerId" label={t('capacity.form.provider')}>
            <Select style={{ width: 260 }} allowClear options={props.providers.filter((p) => p.orgId === orgId).map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
        </Space>
        <Form.Item name="name" label={t('capacity.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={L.nameLength} data-testid="instrument-name" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="model" label={t('capacity.instrument.model')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="maker" label={t('capacity.instrument.maker')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="hourlyRate" label={t('capacity.instrument.rate')} rules={[{ required: true, pattern: /^\d{1,14}(\.\d{1,2})?$/ }]}>
            <Input style={{ width: 140 }} data-testid="instrument-rate" />
          </Form.Item>
        </Space>
        <Form.Item name="capabilities" label={t('capacity.capabilities')}>
          <Input.TextArea rows={2} maxLength={L.textLength} />
        </Form.Item>
        <Form.Item name="tags" label={t('capacity.tags')} extra={t('capacity.tags.hint')}>
          <Select mode="tags" open={false} suffixIcon={null} maxCount={L.tagsMax} />
        </Form.Item>
        <Form.Item name="location" label={t('capacity.instrument.location')}>
          <Input maxLength={L.shortLength} />
        </Form.Item>
        <Form.Item label={t('capacity.form.openingHours')}>
          <Space direction="vertical">
            {[0, 1, 2, 3, 4, 5, 6].map((k) => (
              <Space key={k}>
                <span style={{ display: 'inline-block', width: 40 }}>{t(`capacity.weekday.${k}` as never)}</span>
                <Form.Item name={['days', k]} noStyle>
                  <TimePicker.RangePicker format="HH:mm" minuteStep={15} allowEmpty={[true, true]} />
                </Form.Item>
              </Space>
            ))}
          </Space>
        </Form.Item>
        <Space wrap>
          <Form.Item name="minHours" label={t('capacity.form.minHours')} rules={[{ required: true }]}>
            <InputNumber min={0.25} max={24} step={0.5} />
          </Form.Item>
          <Form.Item name="maxHours" label={t('capacity.form.maxHours')} rules={[{ required: true }]}>
            <InputNumber min={0.25} max={24} step={0.5} />
          </Form.Item>
          <Form.Item name="slotMinutes" label={t('capacity.form.slotMinutes')} rules={[{ required: true }]}>
            <FormSelect style={{ width: 100 }} options={SLOT_MINUTES.map((m) => ({ value: m, label: String(m) }))} />
          </Form.Item>
          <Form.Item name="leadHours" label={t('capacity.form.leadHours')} rules={[{ required: true }]}>
            <InputNumber min={0} max={720} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="approvalRequired" valuePropName="checked">
          <Checkbox>{t('capacity.form.approvalRequired')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A 1–5 rating with an optional comment, in a modal. */
export function RateModal(props: { open: boolean; saving: boolean; onSave: (v: { score: number; comment?: string }) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ score: number; comment?: string }>();
  return (
    <Modal
      open={props.open}
      title={t('capacity.rate.title')}
      onCancel={props.onClose}
      onOk={async () => props.onSave(await form.validateFields())}
      okButtonProps={{ loading: props.saving, 'data-testid': 'rate-save' } as never}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="score" rules={[{ required: true }]}>
          <Rate data-testid="rate-stars" />
        </Form.Item>
        <Form.Item name="comment" label={t('capacity.rate.comment')}>
          <Input.TextArea rows={2} maxLength={L.commentLength} data-testid="rate-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A reason (declining), in a modal. */
export function ReasonModal(props: { open: boolean; title: string; saving: boolean; onSave: (reason: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      onOk={async () => props.onSave((await form.validateFields()).reason)}
      okButtonProps={{ loading: props.saving }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('capacity.declineReason')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={L.reasonLength} data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ActionButton(props: { onClick: () => void; children: string; testId: string; danger?: boolean; primary?: boolean; loading?: boolean }) {
  return (
    <Button size="small" danger={props.danger} type={props.primary ? 'primary' : 'default'} onClick={props.onClick} data-testid={props.testId} loading={props.loading}>
      {props.children}
    </Button>
  );
}
