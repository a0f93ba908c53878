import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Space, Switch, Table, Typography } from 'antd';
import { FormSelect } from '../FormSelect';
import type { FormRule } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import {
  CONVERSION_OPTIONS,
  ContractTerms,
  DECLINE_OUTCOMES,
  EQUITY_HOLDERS,
  fromHundredths,
  groupDigits,
  hundredths,
  LICENCE_KINDS,
  REPORTING_PERIODS,
  ROYALTY_BASES,
  scheduleOf,
  TRANSFER_MODELS,
  termsProblems,
  TermsProblem,
  YUAN_PATTERN,
} from '@ztt/contracts';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const PERCENT_PATTERN = /^\d{1,3}(\.\d{1,2})?$/;
/** The select's value for a contract recorded without structured terms. */
export const NO_TERMS = 'none';

type Values = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const dayOf = (v: unknown) => (v && dayjs.isDayjs(v) && v.isValid() ? v.format('YYYY-MM-DD') : undefined);
const toDay = (v: string | null | undefined) => (v ? dayjs(v) : undefined);
const rows = (v: unknown): Values[] => (Array.isArray(v) ? v.map((r) => (r ?? {}) as Values) : []);

/**
 * The form's terms (`terms.*`, dates as dayjs) → the API's terms (dates YYYY-MM-DD, optional empties
 * left out), and whether every field the model needs is there and well formed (only then do the
 * cross-field rules and the schedule apply). Null when no model is chosen.
 */
export function termsFromForm(raw: unknown): { terms: ContractTerms; complete: boolean } | null {
  const v = (raw ?? {}) as Values;
  let complete = true;
  const yuan = (x: unknown) => {
    const s = text(x);
    if (!YUAN_PATTERN.test(s)) complete = false;
    return s;
  };
  const percent = (x: unknown) => {
    const s = text(x);
    if (!PERCENT_PATTERN.test(s)) complete = false;
    return s;
  };
  const words = (x: unknown) => {
    const s = text(x);
    if (!s) complete = false;
    return s;
  };
  const date = (x: unknown) => {
    const d = dayOf(x);
    if (!d) complete = false;
    return d as string;
  };
  const months = (x: unknown, min: number) => {
    if (typeof x !== 'number' || !Number.isInteger(x) || x < min) complete = false;
    return x as number;
  };
  const oneOf = <T extends string>(x: unknown, options: readonly T[]) => {
    if (!options.includes(x as T)) complete = false;
    return x as T;
  };
  const optional = <K extends string, T>(key: K, value: T | undefined | '') => (value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, T>));

  let terms: ContractTerms;
  switch (v.model) {
    case 'transfer': {
      const instalments = rows(v.instalments).map((i) => ({ dueOn: date(i.dueOn), amount: yuan(i.amount), ...optional('label', text(i.label)) }));
      if (!instalments.length) complete = false;
      terms = { model: 'transfer', price: yuan(v.price), instalments };
      break;
    }
    case 'licence': {
      const r = (v.royalty ?? {}) as Values;
      terms = {
        model: 'licence',
        kind: oneOf(v.kind, LICENCE_KINDS),
        field: words(v.field),
        territory: words(v.territory),
        ...optional('startsOn', dayOf(v.startsOn)),
        termMonths: months(v.termMonths, 1),
        entryFee: yuan(v.entryFee),
        ...optional('entryFeeDueOn', dayOf(v.entryFeeDueOn)),
        stagedPayments: rows(v.stagedPayments).map((p) => ({ milestone: words(p.milestone), dueOn: date(p.dueOn), amount: yuan(p.amount) })),
        ...(v.royaltyOn
          ? {
              royalty: {
                rate: percent(r.rate),
                base: oneOf(r.base, ROYALTY_BASES),
                minimumAnnual: yuan(r.minimumAnnual),
                reportingPeriod: oneOf(r.reportingPeriod, REPORTING_PERIODS),
              },
            }
          : {}),
      };
      break;
    }
    case 'use_first': {
      const options = Array.isArray(v.conversionOptions) ? v.conversionOptions.map((o) => oneOf(o, CONVERSION_OPTIONS)) : [];
      if (!options.length) complete = false;
      const onDecline = oneOf(v.onDecline, DECLINE_OUTCOMES);
      terms = {
        model: 'use_first',
        trialStartsOn: date(v.trialStartsOn),
        trialEndsOn: date(v.trialEndsOn),
        trialFee: yuan(v.trialFee),
        conversionOptions: options,
        conversionDeadline: date(v.conversionDeadline),
        ...(text(v.conversionPrice) ? { conversionPrice: yuan(v.conversionPrice) } : {}),
        onDecline,
        ...(onDecline === 'other' ? optional('declineNote', text(v.declineNote)) : {}),
      };
      break;
    }
    case 'equity': {
      const holder = oneOf(v.holder, EQUITY_HOLDERS);
      terms = {
        model: 'equity',
        valuation: yuan(v.valuation),
        valuedBy: words(v.valuedBy),
        sharePercent: percent(v.sharePercent),
        holder,
        ...(holder === 'holding_platform' ? optional('holderName', text(v.holderName)) : {}),
        lockUpMonths: months(v.lockUpMonths, 0),
      };
      break;
    }
    default:
      return null;
  }
  return { terms, complete };
}

/** Stored terms → the form's `terms` (dates as dayjs, the royalty behind its switch); no terms → the "none" choice. */
export function termsToForm(terms: ContractTerms | null | undefined): Values {
  if (!terms) return { model: NO_TERMS };
  switch (terms.model) {
    case 'transfer':
      return { ...terms, instalments: terms.instalments.map((i) => ({ ...i, dueOn: toDay(i.dueOn) })) };
    case 'licence':
      return {
        ...terms,
        startsOn: toDay(terms.startsOn),
        entryFeeDueOn: toDay(terms.entryFeeDueOn),
        stagedPayments: terms.stagedPayments.map((p) => ({ ...p, dueOn: toDay(p.dueOn) })),
        royaltyOn: !!terms.royalty,
        royalty: terms.royalty ?? undefined,
      };
    case 'use_first':
      return {
        ...terms,
        trialStartsOn: toDay(terms.trialStartsOn),
        trialEndsOn: toDay(terms.trialEndsOn),
        conversionDeadline: toDay(terms.conversionDeadline),
        conversionPrice: terms.conversionPrice ?? undefined,
      };
    case 'equity':
      return { ...terms };
  }
}

/** The problems termsProblems finds in the form's terms, once they are complete and the signing date is set. */
export function formTermsProblems(terms: unknown, signedOn: unknown): TermsProblem[] {
  const built = termsFromForm(terms);
  const signed = dayOf(signedOn);
  return built?.complete && signed ? termsProblems(built.terms, signed) : [];
}

const yuanText = (amount: string) => `¥${groupDigits(amount)}`;

/**
 * 合同条款（转让方式）: the model, then its own fields under `terms.*`; the cross-field rules
 * (termsProblems) are the fields' own rules, so the form does not validate while one fails, and the
 * generated fulfilment schedule is previewed under them.
 */
export function ContractTermsFields() {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const model = Form.useWatch(['terms', 'model']) as string | undefined;
  const watched = Form.useWatch('terms') as unknown;
  const signedOn = Form.useWatch('signedOn') as unknown;

  const problemText = (p: TermsProblem) => t(`terms.problem.${p.code}` as MessageKey, p.params);
  /** The rule that shows termsProblems' problem on `field` (a body path such as "terms.instalments.0.dueOn"). */
  const problemRule = (field: string): FormRule => ({
    validator: async () => {
      const problem = formTermsProblems(form.getFieldValue('terms'), form.getFieldValue('signedOn')).find((p) => p.field === field);
      if (problem) throw new Error(problemText(problem));
    },
  });
  const amountRules = (required = true): FormRule[] => [
    { required, message: t('terms.amountFormat') },
    { pattern: YUAN_PATTERN, message: t('terms.amountFormat') },
  ];
  const percentRules: FormRule[] = [
    { required: true, message: t('terms.percentFormat') },
    { pattern: PERCENT_PATTERN, message: t('terms.percentFormat') },
  ];

  // A problem across the instalments goes once they change, without waiting for the next save.
  const instalmentsError = form.getFieldError(['terms', 'instalments']).length > 0;
  useEffect(() => {
    if (instalmentsError) form.validateFields([['terms', 'instalments']]).catch(() => undefined);
  }, [watched, signedOn, instalmentsError, form]);

  const built = termsFromForm(watched);
  const signed = dayOf(signedOn);
  const schedule = built?.complete && signed ? scheduleOf(built.terms, signed) : null;

  const amountInput = (testid: string) => <Input suffix={t('terms.yuan')} style={{ width: 200 }} data-testid={testid} />;

  return (
    <>
      <Typography.Title level={5} data-testid="terms-section">
        {t('terms.section')}
      </Typography.Title>
      <Form.Item name="termsStored" hidden>
        <Input />
      </Form.Item>
      <Form.Item name={['terms', 'model']} label={t('terms.model')}>
        <FormSelect
          style={{ width: 240 }}
          options={[NO_TERMS, ...TRANSFER_MODELS].map((m) => ({ value: m, label: t(`terms.model.${m}` as MessageKey) }))}
          data-testid="terms-model"
        />
      </Form.Item>

      {model === 'transfer' && (
        <>
          <Form.Item name={['terms', 'price']} label={t('terms.price')} rules={amountRules()}>
            {amountInput('terms-price')}
          </Form.Item>
          <Form.List
            name={['terms', 'instalments']}
            initialValue={[{}]}
            rules={[
              {
                validator: async () => {
                  const problem = formTermsProblems(form.getFieldValue('terms'), form.getFieldValue('signedOn')).find((p) => p.field === 'terms.instalments');
                  if (problem) throw new Error(problemText(problem));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Form.Item label={t('terms.instalments')} required>
                {fields.map((f, i) => (
                  <Space key={f.key} align="start" wrap data-testid={`terms-instalment-${i}`}>
                    <Form.Item
                      name={[f.name, 'dueOn']}
                      rules={[{ required: true, message: t('terms.instalment.dueOn') }, problemRule(`terms.instalments.${f.name}.dueOn`)]}
                      dependencies={['signedOn']}
                    >
                      <DatePicker placeholder={t('terms.instalment.dueOn')} data-testid={`terms-instalment-${i}-due`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'amount']} rules={amountRules()}>
                      <Input suffix={t('terms.yuan')} placeholder={t('terms.instalment.amount')} style={{ width: 200 }} data-testid={`terms-instalment-${i}-amount`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'label']} rules={[{ max: 100 }]}>
                      <Input placeholder={t('terms.instalment.label')} style={{ width: 220 }} data-testid={`terms-instalment-${i}-label`} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button onClick={() => remove(f.name)} data-testid={`terms-instalment-${i}-remove`}>
                        {t('terms.remove')}
                      </Button>
                    )}
                  </Space>
                ))}
                <div>
                  <Button type="dashed" onClick={() => add({})} data-testid="terms-instalment-add">
                    {t('terms.instalment.add')}
                  </Button>
                </div>
                <InstalmentsSum terms={watched} />
                <Form.ErrorList errors={errors} />
              </Form.Item>
            )}
          </Form.List>
        </>
      )}

      {model === 'licence' && (
        <>
          <Space wrap size="large">
            <Form.Item name={['terms', 'kind']} label={t('terms.licence.kind')} rules={[{ required: true }]}>
              <Radio.Group options={LICENCE_KINDS.map((k) => ({ value: k, label: t(`terms.licence.kind.${k}`) }))} data-testid="terms-licence-kind" />
            </Form.Item>
          </Space>
          <Space wrap size="large">
            <Form.Item name={['terms', 'field']} label={t('terms.licence.field')} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
              <Input style={{ width: 320 }} data-testid="terms-licence-field" />
            </Form.Item>
            <Form.Item name={['terms', 'territory']} label={t('terms.licence.territory')} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
              <Input style={{ width: 240 }} data-testid="terms-licence-territory" />
            </Form.Item>
          </Space>
          <Space wrap size="large">
            <Form.Item name={['terms', 'startsOn']} label={t('terms.licence.startsOn')}>
              <DatePicker data-testid="terms-licence-starts-on" />
            </Form.Item>
            <Form.Item name={['terms', 'termMonths']} label={t('terms.licence.termMonths')} rules={[{ required: true }]}>
              <InputNumber min={1} max={600} precision={0} suffix={t('terms.months')} data-testid="terms-licence-term-months" />
            </Form.Item>
          </Space>
          <Space wrap size="large">
            <Form.Item name={['terms', 'entryFee']} label={t('terms.licence.entryFee')} rules={amountRules()} initialValue="0">
              {amountInput('terms-licence-entry-fee')}
            </Form.Item>
            <Form.Item name={['terms', 'entryFeeDueOn']} label={t('terms.licence.entryFeeDueOn')} rules={[problemRule('terms.entryFeeDueOn')]} dependencies={['signedOn']}>
              <DatePicker data-testid="terms-licence-entry-fee-due-on" />
            </Form.Item>
          </Space>
          <Form.List name={['terms', 'stagedPayments']} initialValue={[]}>
            {(fields, { add, remove }) => (
              <Form.Item label={t('terms.licence.staged')}>
                {fields.map((f, i) => (
                  <Space key={f.key} align="start" wrap data-testid={`terms-staged-${i}`}>
                    <Form.Item name={[f.name, 'milestone']} rules={[{ required: true, whitespace: true, message: t('terms.staged.milestone') }, { max: 100 }]}>
                      <Input placeholder={t('terms.staged.milestone')} style={{ width: 220 }} data-testid={`terms-staged-${i}-milestone`} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'dueOn']}
                      rules={[{ required: true, message: t('terms.staged.dueOn') }, problemRule(`terms.stagedPayments.${f.name}.dueOn`)]}
                      dependencies={['signedOn']}
                    >
                      <DatePicker placeholder={t('terms.staged.dueOn')} data-testid={`terms-staged-${i}-due`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'amount']} rules={amountRules()}>
                      <Input suffix={t('terms.yuan')} placeholder={t('terms.staged.amount')} style={{ width: 200 }} data-testid={`terms-staged-${i}-amount`} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)} data-testid={`terms-staged-${i}-remove`}>
                      {t('terms.remove')}
                    </Button>
                  </Space>
                ))}
                <div>
                  <Button type="dashed" onClick={() => add({})} data-testid="terms-staged-add">
                    {t('terms.staged.add')}
                  </Button>
                </div>
              </Form.Item>
            )}
          </Form.List>
          <Form.Item name={['terms', 'royaltyOn']} label={t('terms.royalty')} valuePropName="checked" initialValue={false}>
            <Switch data-testid="terms-royalty" aria-label={t('terms.royalty')} />
          </Form.Item>
          {(watched as Values | undefined)?.royaltyOn === true && (
            <Space wrap size="large">
              <Form.Item name={['terms', 'royalty', 'rate']} label={t('terms.royalty.rate')} rules={[...percentRules, problemRule('terms.royalty.rate')]}>
                <Input suffix="%" style={{ width: 140 }} data-testid="terms-royalty-rate" />
              </Form.Item>
              <Form.Item name={['terms', 'royalty', 'base']} label={t('terms.royalty.base')} rules={[{ required: true }]} initialValue="sales">
                <Radio.Group options={ROYALTY_BASES.map((b) => ({ value: b, label: t(`terms.royalty.base.${b}`) }))} data-testid="terms-royalty-base" />
              </Form.Item>
              <Form.Item name={['terms', 'royalty', 'minimumAnnual']} label={t('terms.royalty.minimumAnnual')} rules={amountRules()} initialValue="0">
                {amountInput('terms-royalty-minimum')}
              </Form.Item>
              <Form.Item name={['terms', 'royalty', 'reportingPeriod']} label={t('terms.royalty.period')} rules={[{ required: true }]} initialValue="quarterly">
                <Radio.Group options={REPORTING_PERIODS.map((p) => ({ value: p, label: t(`terms.royalty.period.${p}`) }))} data-testid="terms-royalty-period" />
              </Form.Item>
            </Space>
          )}
        </>
      )}

      {model === 'use_first' && (
        <>
          <Space wrap size="large">
            <Form.Item name={['terms', 'trialStartsOn']} label={t('terms.useFirst.trialStartsOn')} rules={[{ required: true }]}>
              <DatePicker data-testid="terms-trial-starts-on" />
            </Form.Item>
            <Form.Item
              name={['terms', 'trialEndsOn']}
              label={t('terms.useFirst.trialEndsOn')}
              rules={[{ required: true }, problemRule('terms.trialEndsOn')]}
              dependencies={[['terms', 'trialStartsOn']]}
            >
              <DatePicker data-testid="terms-trial-ends-on" />
            </Form.Item>
            <Form.Item name={['terms', 'trialFee']} label={t('terms.useFirst.trialFee')} rules={amountRules()} initialValue="0">
              {amountInput('terms-trial-fee')}
            </Form.Item>
          </Space>
          <Space wrap size="large">
            <Form.Item
              name={['terms', 'conversionOptions']}
              label={t('terms.useFirst.conversionOptions')}
              rules={[{ required: true, type: 'array', min: 1, message: t('terms.useFirst.conversionRequired') }]}
            >
              <Checkbox.Group options={CONVERSION_OPTIONS.map((o) => ({ value: o, label: t(`terms.useFirst.conversion.${o}`) }))} data-testid="terms-conversion-options" />
            </Form.Item>
            <Form.Item
              name={['terms', 'conversionDeadline']}
              label={t('terms.useFirst.conversionDeadline')}
              rules={[{ required: true }, problemRule('terms.conversionDeadline')]}
              dependencies={[['terms', 'trialEndsOn']]}
            >
              <DatePicker data-testid="terms-conversion-deadline" />
            </Form.Item>
            <Form.Item name={['terms', 'conversionPrice']} label={t('terms.useFirst.conversionPrice')} rules={amountRules(false)}>
              {amountInput('terms-conversion-price')}
            </Form.Item>
          </Space>
          <Form.Item name={['terms', 'onDecline']} label={t('terms.useFirst.onDecline')} rules={[{ required: true }]}>
            <Radio.Group options={DECLINE_OUTCOMES.map((o) => ({ value: o, label: t(`terms.useFirst.decline.${o}`) }))} data-testid="terms-on-decline" />
          </Form.Item>
          {(watched as Values | undefined)?.onDecline === 'other' && (
            <Form.Item name={['terms', 'declineNote']} label={t('terms.useFirst.declineNote')} rules={[{ max: 500 }, problemRule('terms.declineNote')]}>
              <Input.TextArea rows={2} data-testid="terms-decline-note" />
            </Form.Item>
          )}
        </>
      )}

      {model === 'equity' && (
        <>
          <Space wrap size="large">
            <Form.Item name={['terms', 'valuation']} label={t('terms.equity.valuation')} rules={[...amountRules(), problemRule('terms.valuation')]}>
              {amountInput('terms-equity-valuation')}
            </Form.Item>
            <Form.Item name={['terms', 'valuedBy']} label={t('terms.equity.valuedBy')} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
              <Input style={{ width: 320 }} data-testid="terms-equity-valued-by" />
            </Form.Item>
            <Form.Item name={['terms', 'sharePercent']} label={t('terms.equity.sharePercent')} rules={[...percentRules, problemRule('terms.sharePercent')]}>
              <Input suffix="%" style={{ width: 140 }} data-testid="terms-equity-share" />
            </Form.Item>
          </Space>
          <Space wrap size="large">
            <Form.Item name={['terms', 'holder']} label={t('terms.equity.holder')} rules={[{ required: true }]}>
              <Radio.Group options={EQUITY_HOLDERS.map((h) => ({ value: h, label: t(`terms.equity.holder.${h}`) }))} data-testid="terms-equity-holder" />
            </Form.Item>
            {(watched as Values | undefined)?.holder === 'holding_platform' && (
              <Form.Item name={['terms', 'holderName']} label={t('terms.equity.holderName')} rules={[{ max: 200 }, problemRule('terms.holderName')]}>
                <Input style={{ width: 320 }} data-testid="terms-equity-holder-name" />
              </Form.Item>
            )}
            <Form.Item name={['terms', 'lockUpMonths']} label={t('terms.equity.lockUpMonths')} rules={[{ required: true }]} initialValue={0}>
              <InputNumber min={0} max={240} precision={0} suffix={t('terms.months')} data-testid="terms-equity-lock-up" />
            </Form.Item>
          </Space>
        </>
      )}

      {built && (
        <div data-testid="terms-schedule">
          <Typography.Text strong>{t('terms.schedule')}</Typography.Text>
          {!schedule ? (
            <Typography.Paragraph type="secondary">{t('terms.schedule.incomplete')}</Typography.Paragraph>
          ) : (
            <Table
              size="small"
              pagination={false}
              rowKey="seq"
              dataSource={schedule}
              locale={{ emptyText: t('terms.schedule.empty') }}
              columns={[
                { key: 'dueOn', title: t('terms.schedule.date'), dataIndex: 'dueOn' },
                { key: 'label', title: t('terms.schedule.item'), dataIndex: 'label' },
                { key: 'amount', title: t('terms.schedule.amount'), dataIndex: 'amount', render: (a: string | null) => (a ? yuanText(a) : '—') },
              ]}
            />
          )}
        </div>
      )}
    </>
  );
}

/** The live line under the instalments: their sum against the price, in exact hundredths. */
function InstalmentsSum({ terms }: { terms: unknown }) {
  const { t } = useI18n();
  const v = (terms ?? {}) as Values;
  const amounts = rows(v.instalments).map((i) => text(i.amount));
  const sum = amounts.filter((a) => YUAN_PATTERN.test(a)).reduce((s, a) => s + hundredths(a), 0n);
  const price = text(v.price);
  const priced = YUAN_PATTERN.test(price);
  const diff = priced ? hundredths(price) - sum : null;
  return (
    <Typography.Paragraph type={diff === 0n ? 'success' : diff === null ? 'secondary' : 'danger'} style={{ margin: '8px 0 0' }} data-testid="terms-instalments-sum">
      {t('terms.instalments.sum', { sum: fromHundredths(sum), price: priced ? fromHundredths(hundredths(price)) : '—' })}
      {diff !== null && ` · ${diff === 0n ? t('terms.instalments.balanced') : t('terms.instalments.off', { diff: fromHundredths(diff < 0n ? -diff : diff) })}`}
    </Typography.Paragraph>
  );
}
