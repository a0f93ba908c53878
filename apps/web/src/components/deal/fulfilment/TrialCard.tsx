import { Button, Card, DatePicker, Descriptions, Form, Modal, Popconfirm, Space, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ConversionOption, FulfilmentView, TrialDecisionInput, TrialOutcome, TrialView } from '@ztt/contracts';
import { api } from '../../../api/client';
import { useI18n } from '../../../i18n/i18n';
import { formatDateTime } from '../../catalogue';
import { isoDay, useFulfilmentWrite } from './shared';

const OUTCOME_COLORS: Record<TrialOutcome, string> = { converted: 'green', extended: 'blue', returned: 'default', lapsed: 'red' };

/** 先用后转: the trial's end and conversion deadline, how it ended, and the licensee's choice while it is open. */
export function TrialCard({ dealId, trial, can, options }: { dealId: string; trial: TrialView; can: FulfilmentView['can']; options: readonly ConversionOption[] }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ trialEndsOn: Dayjs; conversionDeadline: Dayjs }>();
  const [extending, setExtending] = useState(false);
  const decide = useFulfilmentWrite(
    dealId,
    (body: TrialDecisionInput) => api<FulfilmentView>('POST', `/deals/${dealId}/trial`, body),
    'fulfilment.trial.decided',
    form,
    () => setExtending(false),
  );
  // An extended trial is still open: it may yet be converted or returned.
  const open = can.decideTrial && (trial.outcome === null || trial.outcome === 'extended');
  const submitExtension = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    decide.mutate({ outcome: 'extend', trialEndsOn: isoDay(v.trialEndsOn) as string, conversionDeadline: isoDay(v.conversionDeadline) as string });
  };
  const pending = (outcome: TrialDecisionInput['outcome'], model?: ConversionOption) =>
    decide.isPending && decide.variables?.outcome === outcome && (!model || (decide.variables.outcome === 'convert' && decide.variables.model === model));
  return (
    <Card size="small" type="inner" title={t('fulfilment.trial.title')} style={{ marginBottom: 16 }} data-testid="fulfilment-trial">
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={t('fulfilment.trial.endsOn')}>
          <span data-testid="trial-ends-on">{trial.trialEndsOn}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('fulfilment.trial.deadline')}>
          <span data-testid="trial-deadline">{trial.conversionDeadline}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('fulfilment.trial.outcome')}>
          <Space wrap>
            <Tag color={trial.outcome ? OUTCOME_COLORS[trial.outcome] : 'gold'} data-testid="trial-outcome">
              {trial.outcome ? t(`fulfilment.trial.outcome.${trial.outcome}`) : t('fulfilment.trial.pending')}
            </Tag>
            {trial.decidedAt && t('fulfilment.trial.decidedAt', { date: formatDateTime(trial.decidedAt) })}
            {trial.convertedDealId && (
              <Link to={`/deals/${trial.convertedDealId}`} data-testid="trial-converted-link">
                {t('fulfilment.trial.convertedLink')}
              </Link>
            )}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {trial.note && <div>{trial.note}</div>}
      {open && (
        <Space wrap style={{ marginTop: 8 }}>
          {options.map((model) => (
            <Popconfirm
              key={model}
              title={t(model === 'licence' ? 'fulfilment.trial.confirmConvertLicence' : 'fulfilment.trial.confirmConvertTransfer')}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              okButtonProps={{ 'data-testid': `trial-convert-${model}-confirm` }}
              onConfirm={() => decide.mutate({ outcome: 'convert', model })}
            >
              <Button type="primary" loading={pending('convert', model)} data-testid={`trial-convert-${model}`}>
                {t(model === 'licence' ? 'fulfilment.trial.convertLicence' : 'fulfilment.trial.convertTransfer')}
              </Button>
            </Popconfirm>
          ))}
          <Button onClick={() => setExtending(true)} data-testid="trial-extend">
            {t('fulfilment.trial.extend')}
          </Button>
          <Popconfirm
            title={t('fulfilment.trial.confirmReturn')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'trial-return-confirm' }}
            onConfirm={() => decide.mutate({ outcome: 'return' })}
          >
            <Button danger loading={pending('return')} data-testid="trial-return">
              {t('fulfilment.trial.return')}
            </Button>
          </Popconfirm>
        </Space>
      )}
      <Modal
        open={extending}
        title={t('fulfilment.trial.extendTitle')}
        okText={t('fulfilment.trial.extend')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: decide.isPending, 'data-testid': 'trial-extend-submit' }}
        onOk={() => void submitExtension()}
        onCancel={() => setExtending(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ trialEndsOn: dayjs(trial.trialEndsOn), conversionDeadline: dayjs(trial.conversionDeadline) }}>
          <Form.Item name="trialEndsOn" label={t('fulfilment.trial.newEndsOn')} rules={[{ required: true, message: t('fulfilment.dateRequired') }]}>
            <DatePicker data-testid="trial-extend-ends" />
          </Form.Item>
          <Form.Item
            name="conversionDeadline"
            label={t('fulfilment.trial.newDeadline')}
            dependencies={['trialEndsOn']}
            rules={[
              { required: true, message: t('fulfilment.dateRequired') },
              ({ getFieldValue }) => ({
                validator: async (_, v: Dayjs | undefined) => {
                  const end = getFieldValue('trialEndsOn') as Dayjs | undefined;
                  if (v && end && !v.isAfter(end, 'day')) throw new Error(t('fulfilment.trial.deadlineAfterEnd'));
                },
              }),
            ]}
          >
            <DatePicker data-testid="trial-extend-deadline" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
