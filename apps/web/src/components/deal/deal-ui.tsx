import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  CONTRACT_TYPE_CODES,
  CONTRACT_TYPE_LABELS,
  ContractView,
  DEAL_LOST_REASONS,
  DEAL_PIPELINE,
  DealKind,
  FINANCING_DEAL_PIPELINE,
  DealDocumentView,
  DealStage,
  DealView,
  groupDigits,
  TAXONOMY,
} from '@ztt/contracts';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { applyApiError } from '../form-errors';
import { ContractTermsFields, termsFromForm, termsToForm } from './ContractTermsFields';

const STAGE_COLORS: Record<DealStage, string> = {
  lead: 'default',
  contacted: 'blue',
  nda_signed: 'cyan',
  due_diligence: 'geekblue',
  negotiating: 'purple',
  signed: 'gold',
  registered: 'green',
  fulfilled: 'success',
  closed: 'success',
  lost: 'error',
};

export function DealStageTag({ stage }: { stage: DealStage }) {
  const { t } = useI18n();
  return (
    <Tag color={STAGE_COLORS[stage]} data-testid="deal-stage">
      {t(`deal.stage.${stage}`)}
    </Tag>
  );
}

/** The next stage in the pipeline, if any. */
export function nextStage(stage: DealStage, kind: DealKind = 'technology'): DealStage | null {
  const pipeline = kind === 'financing' ? FINANCING_DEAL_PIPELINE : DEAL_PIPELINE;
  const i = pipeline.indexOf(stage);
  return i >= 0 && i < pipeline.length - 1 ? (pipeline[i + 1] as DealStage) : null;
}

/** 元 with thousands separators, exact (the text is never turned into a float). */
export function formatYuan(v: string | null | undefined): string {
  if (!v) return '—';
  const [whole = '0', frac = ''] = v.split('.');
  return `¥${groupDigits(`${whole}.${frac.padEnd(2, '0')}`)}`;
}

const day = (v: unknown) => (v && dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : undefined);

/** The contract fields (技术合同认定登记), as a form section; amounts are typed as text and stay exact. */
export function ContractFields() {
  const { t, locale } = useI18n();
  const type = Form.useWatch('contractType') as string | undefined;
  return (
    <>
      <Space wrap size="large">
        <Form.Item name="contractNo" label={t('deal.contract.no')}>
          <Input style={{ width: 220 }} data-testid="contract-no" />
        </Form.Item>
        <Form.Item name="contractName" label={t('deal.contract.name')} rules={[{ required: true }]}>
          <Input style={{ width: 360 }} data-testid="contract-name" />
        </Form.Item>
      </Space>
      <Space wrap size="large">
        <Form.Item name="contractType" label={t('deal.contract.type')} rules={[{ required: true }]}>
          <Select style={{ width: 220 }} options={CONTRACT_TYPE_CODES.map((c) => ({ value: c, label: CONTRACT_TYPE_LABELS[c]?.[locale] ?? c }))} data-testid="contract-type" />
        </Form.Item>
        <Form.Item name="contractSubtype" label={t('deal.contract.subtype')} rules={[{ required: true }]}>
          <Select
            style={{ width: 420 }}
            options={TAXONOMY.contractTypes.filter((c) => !type || c.code.split('.')[0] === type).map((c) => ({ value: c.code, label: c.label }))}
            data-testid="contract-subtype"
          />
        </Form.Item>
      </Space>
      {(['buyer', 'seller'] as const).map((side) => (
        <Space wrap size="large" key={side}>
          <Form.Item name={[side, 'name']} label={t(`deal.contract.${side}`)} rules={[{ required: true }]}>
            <Input style={{ width: 320 }} data-testid={`contract-${side}-name`} />
          </Form.Item>
          <Form.Item name={[side, 'creditCode']} label={t('deal.contract.creditCode')} rules={[{ required: true }]}>
            <Input style={{ width: 240 }} data-testid={`contract-${side}-code`} />
          </Form.Item>
        </Space>
      ))}
      <Space wrap size="large">
        <Form.Item name="signedOn" label={t('deal.contract.signedOn')} rules={[{ required: true }]}>
          <DatePicker data-testid="contract-signed-on" />
        </Form.Item>
        <Form.Item name="periodStart" label={t('deal.contract.periodStart')} rules={[{ required: true }]}>
          <DatePicker data-testid="contract-period-start" />
        </Form.Item>
        <Form.Item name="periodEnd" label={t('deal.contract.periodEnd')} rules={[{ required: true }]}>
          <DatePicker data-testid="contract-period-end" />
        </Form.Item>
      </Space>
      <Space wrap size="large">
        <Form.Item name="totalAmount" label={t('deal.contract.total')} rules={[{ required: true, pattern: /^\d{1,14}(\.\d{1,2})?$/, message: t('deal.amountFormat') }]}>
          <Input addonAfter={t('deal.yuan')} style={{ width: 240 }} data-testid="contract-total" />
        </Form.Item>
        <Form.Item name="techAmount" label={t('deal.contract.tech')} rules={[{ required: true, pattern: /^\d{1,14}(\.\d{1,2})?$/, message: t('deal.amountFormat') }]}>
          <Input addonAfter={t('deal.yuan')} style={{ width: 240 }} data-testid="contract-tech" />
        </Form.Item>
      </Space>
      <Form.Item name="paymentTerms" label={t('deal.contract.payment')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} data-testid="contract-payment" />
      </Form.Item>
      <ContractTermsFields />
    </>
  );
}

/**
 * Form values → the API's contract body (dates as YYYY-MM-DD). The terms of the chosen model go as
 * `terms`; choosing none clears the terms of a contract that had them (`terms: null`) and leaves
 * `terms` out of one that never had any.
 */
export function contractBody(v: Record<string, unknown>): Record<string, unknown> {
  const { terms, termsStored, ...rest } = v;
  const built = termsFromForm(terms);
  return {
    ...rest,
    signedOn: day(v.signedOn),
    periodStart: day(v.periodStart),
    periodEnd: day(v.periodEnd),
    ...(built ? { terms: built.terms } : termsStored ? { terms: null } : {}),
  };
}

/** A stored contract → form values (its terms too, with `termsStored` naming the model it was recorded with). */
export function contractValues(c: ContractView | null, deal: DealView): Record<string, unknown> {
  if (!c) return { contractName: deal.title, buyer: { name: deal.demand.orgName }, seller: { name: deal.supply.orgName }, terms: termsToForm(null), termsStored: '' };
  return {
    ...c,
    signedOn: dayjs(c.signedOn),
    periodStart: dayjs(c.periodStart),
    periodEnd: dayjs(c.periodEnd),
    terms: termsToForm(c.terms),
    termsStored: c.terms?.model ?? '',
  };
}

/**
 * Moves a deal, asking for what the gate needs on the way: the NDA document and date, the contract,
 * the registration number and date, or why it was lost. The deal, its tabs and every deal list
 * refresh by invalidation.
 */
export function useStageMove() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<{ deal: DealView; to: DealStage; docs: DealDocumentView[]; contract: ContractView | null } | null>(null);

  const move = useMutation({
    mutationFn: ({ deal, to, extra }: { deal: DealView; to: DealStage; extra: Record<string, unknown> }) =>
      api('POST', `/deals/${deal.id}/stage`, { to, version: deal.version, ...extra }),
    meta: { invalidates: [['deal'], ['deals']] },
    onSuccess: (_, { to }) => {
      message.success(t('deal.moved', { stage: t(`deal.stage.${to}`) }));
      setTarget(null);
    },
    onError: (e) => message.error(applyApiError(form, e)),
  });
  const send = (deal: DealView, to: DealStage, extra: Record<string, unknown>) => move.mutate({ deal, to, extra });

  const start = async (deal: DealView, to: DealStage) => {
    if (to === deal.stage) return;
    // a financing deal records no NDA document here (optional on the server) and closes with the arranged amount
    const needsForm = (to === 'nda_signed' && deal.kind !== 'financing') || to === 'signed' || to === 'registered' || to === 'closed' || to === 'lost';
    if (!needsForm) {
      send(deal, to, {});
      return;
    }
    // The gate's dialog starts from what the server holds now, shared with the deal page's tabs.
    const [docs, contract] = await Promise.all([
      to === 'nda_signed'
        ? queryClient.fetchQuery({ queryKey: ['deal', deal.id, 'documents'], queryFn: () => api<DealDocumentView[]>('GET', `/deals/${deal.id}/documents`), staleTime: 0 })
        : Promise.resolve([]),
      to === 'signed'
        ? queryClient.fetchQuery({
            queryKey: ['deal', deal.id, 'contract'],
            queryFn: async () => (await api<ContractView | null>('GET', `/deals/${deal.id}/contract`)) ?? null,
            staleTime: 0,
          })
        : Promise.resolve(null),
    ]);
    form.resetFields();
    if (to === 'signed') form.setFieldsValue(contractValues(contract, deal));
    setTarget({ deal, to, docs, contract });
  };

  const submit = async () => {
    if (!target) return;
    const v = (await form.validateFields()) as Record<string, unknown>;
    const { deal, to } = target;
    if (to === 'nda_signed') send(deal, to, { nda: { documentId: v.documentId, signedOn: day(v.signedOn) } });
    else if (to === 'signed') send(deal, to, { contract: contractBody(v) });
    else if (to === 'registered') send(deal, to, { registration: { number: v.number, registeredOn: day(v.registeredOn) } });
    else if (to === 'closed') send(deal, to, { arrangedAmount: v.arrangedAmount });
    else send(deal, to, { lostReason: v.lostReason, lostNote: v.lostNote });
  };

  const modal = (
    <Modal
      open={!!target}
      title={target ? t('deal.moveTo', { stage: t(`deal.stage.${target.to}`) }) : ''}
      onCancel={() => setTarget(null)}
      onOk={() => void submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={move.isPending}
      width={target?.to === 'signed' ? 900 : 520}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'stage-confirm' }}
    >
      <Form form={form} layout="vertical" preserve={false}>
        {target?.to === 'nda_signed' && (
          <>
            <Form.Item
              name="documentId"
              label={t('deal.nda.document')}
              rules={[{ required: true }]}
              extra={target.docs.some((d) => d.kind === 'nda') ? undefined : t('deal.nda.uploadFirst')}
            >
              <Select
                options={target.docs.filter((d) => d.kind === 'nda').map((d) => ({ value: d.id, label: `${d.title} v${d.version} (${d.fileName})` }))}
                data-testid="nda-document"
              />
            </Form.Item>
            <Form.Item name="signedOn" label={t('deal.nda.signedOn')} rules={[{ required: true }]}>
              <DatePicker data-testid="nda-signed-on" />
            </Form.Item>
          </>
        )}
        {target?.to === 'signed' && <ContractFields />}
        {target?.to === 'registered' && (
          <>
            <Form.Item name="number" label={t('deal.registration.number')} rules={[{ required: true }]}>
              <Input data-testid="registration-number" />
            </Form.Item>
            <Form.Item name="registeredOn" label={t('deal.registration.date')} rules={[{ required: true }]}>
              <DatePicker data-testid="registration-date" />
            </Form.Item>
          </>
        )}
        {target?.to === 'closed' && (
          <>
            <Typography.Paragraph type="secondary">{t('finance.deal.close.hint')}</Typography.Paragraph>
            <Form.Item
              name="arrangedAmount"
              label={t('finance.deal.arrangedAmount')}
              rules={[{ required: true }, { pattern: /^\d{1,14}(\.\d{1,2})?$/, message: t('finance.deal.arrangedAmount') }]}
            >
              <Input inputMode="decimal" data-testid="arranged-amount" />
            </Form.Item>
          </>
        )}
        {target?.to === 'lost' && (
          <>
            <Form.Item name="lostReason" label={t('deal.lost.reason')} rules={[{ required: true }]}>
              <Select options={DEAL_LOST_REASONS.map((r) => ({ value: r, label: t(`deal.lost.${r}`) }))} data-testid="lost-reason" />
            </Form.Item>
            <Form.Item name="lostNote" label={t('deal.lost.note')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
  return { start, modal };
}

export function MoveButtons({ deal, onMove }: { deal: DealView; onMove: (to: DealStage) => void }) {
  const { t } = useI18n();
  const next = nextStage(deal.stage, deal.kind);
  const open = deal.stage !== 'registered' && deal.stage !== 'fulfilled' && deal.stage !== 'closed' && deal.stage !== 'lost';
  return (
    <Space size={4} wrap>
      {next && (
        <Button size="small" type="primary" onClick={() => onMove(next)} data-testid="deal-next" aria-label={t('deal.moveTo', { stage: t(`deal.stage.${next}`) })}>
          {t('deal.moveTo', { stage: t(`deal.stage.${next}`) })}
        </Button>
      )}
      {open && (
        <Button size="small" danger onClick={() => onMove(DealStage.Lost)} data-testid="deal-lose">
          {t('deal.markLost')}
        </Button>
      )}
    </Space>
  );
}
