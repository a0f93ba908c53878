import { Card, Col, Empty, Row, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CONVERSION_OPTIONS, hundredths, type ContractView, type DealView, type FulfilmentView, type ScheduleItemView } from '@ztt/contracts';
import { useApiQuery } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { formatYuan } from './deal-ui';
import { PaymentsTable } from './fulfilment/PaymentsTable';
import { RecordPaymentDialog } from './fulfilment/RecordPaymentDialog';
import { RoyaltyReportDialog, type RoyaltyRate, RoyaltyReportsTable } from './fulfilment/RoyaltyReports';
import { ScheduleTable } from './fulfilment/ScheduleTable';
import { fulfilmentKey } from './fulfilment/shared';
import { TrialCard } from './fulfilment/TrialCard';

/**
 * 履约: the fulfilment of a signed contract. The schedule with what is paid and pending, the payments
 * the payer (demand side) records and the receiver (supply side) confirms, the royalty reports, and
 * the end of a 先用后转 trial. What each reader may do comes from the server (`can`).
 */
export function DealFulfilment({ deal }: { deal: DealView }) {
  const { t } = useI18n();
  const { data: view, error } = useApiQuery<FulfilmentView>(fulfilmentKey(deal.id), `/deals/${deal.id}/fulfilment`);
  // The contract's terms give the royalty rate and the trial's conversion options (shared with the contract tab).
  const { data: contract } = useApiQuery<ContractView | null>(['deal', deal.id, 'contract'], `/deals/${deal.id}/contract`);
  const [recording, setRecording] = useState<ScheduleItemView | null>(null);
  const [reporting, setReporting] = useState<ScheduleItemView | null>(null);

  if (error) return <Empty data-testid="fulfilment-tab" description={error.message} />;
  if (!view) return <Card loading data-testid="fulfilment-tab" />;

  const terms = contract?.terms ?? null;
  const royalty: RoyaltyRate | null = terms?.model === 'licence' && terms.royalty ? { rate: terms.royalty.rate, base: terms.royalty.base } : null;
  const options = terms?.model === 'use_first' ? terms.conversionOptions : CONVERSION_OPTIONS;
  // Nothing to follow: a contract recorded without structured terms (or terms that call for nothing).
  const empty = view.schedule.length === 0 && !view.trial;

  const convertedFrom = view.convertedFromDealId && (
    <Typography.Paragraph>
      <Link to={`/deals/${view.convertedFromDealId}`} data-testid="converted-from-link">
        {t('fulfilment.convertedFrom')}
      </Link>
    </Typography.Paragraph>
  );

  if (empty)
    return (
      <div data-testid="fulfilment-tab">
        {convertedFrom}
        <Empty description={t(terms ? 'fulfilment.noItems' : 'fulfilment.noTerms')} data-testid="fulfilment-empty" />
      </div>
    );

  return (
    <div data-testid="fulfilment-tab">
      {convertedFrom}
      {view.trial && <TrialCard dealId={deal.id} trial={view.trial} can={view.can} options={options} />}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={8}>
          <Statistic title={t('fulfilment.totals.due')} value={formatYuan(view.totals.due)} data-testid="totals-due" />
        </Col>
        <Col span={8}>
          <Statistic title={t('fulfilment.totals.paid')} value={formatYuan(view.totals.paid)} data-testid="totals-paid" />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('fulfilment.totals.overdue')}
            value={formatYuan(view.totals.overdue)}
            valueStyle={hundredths(view.totals.overdue) > 0n ? { color: '#cf1322' } : undefined}
            data-testid="totals-overdue"
          />
        </Col>
      </Row>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <section>
          <Typography.Title level={5}>{t('fulfilment.schedule.title')}</Typography.Title>
          <ScheduleTable view={view} onRecordPayment={setRecording} onReportRoyalty={setReporting} />
        </section>
        <section>
          <Typography.Title level={5}>{t('fulfilment.payments.title')}</Typography.Title>
          <PaymentsTable dealId={deal.id} view={view} />
        </section>
        {(view.royaltyReports.length > 0 || view.schedule.some((i) => i.kind === 'royalty_report')) && (
          <section>
            <Typography.Title level={5}>{t('fulfilment.royalties.title')}</Typography.Title>
            <RoyaltyReportsTable dealId={deal.id} view={view} />
          </section>
        )}
      </Space>
      <RecordPaymentDialog dealId={deal.id} item={recording} onClose={() => setRecording(null)} />
      <RoyaltyReportDialog dealId={deal.id} item={reporting} royalty={royalty ?? rateOfReports(view)} onClose={() => setReporting(null)} />
    </div>
  );
}

/** Without the contract's terms at hand, the rate of the reports already made. */
function rateOfReports(view: FulfilmentView): RoyaltyRate | null {
  const last = view.royaltyReports[view.royaltyReports.length - 1];
  return last ? { rate: last.rate, base: last.base } : null;
}
