import { Tag } from 'antd';
import {
  FINANCE_PROVIDER_KIND_LABELS,
  FINANCING_INSTRUMENT_LABELS,
  FINANCING_STAGE_LABELS,
  FinancingRequestStatus,
  FINANCE_PROVIDER_KINDS,
  FINANCING_INSTRUMENTS,
  FINANCING_STAGES,
  groupDigits,
} from '@ztt/contracts';
import { useI18n } from '../../i18n/i18n';

const STATUS_COLOUR: Record<FinancingRequestStatus, string> = { draft: 'default', open: 'blue', arranged: 'green', withdrawn: 'default' };

export function FinancingStatusTag({ status }: { status: FinancingRequestStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="financing-status">
      {t(`finance.status.${status}`)}
    </Tag>
  );
}

/** Labels and options of the financing vocabularies in the reader's language. */
export function useFinanceLabels() {
  const { locale } = useI18n();
  const instrument = (c: string) => FINANCING_INSTRUMENT_LABELS[c]?.[locale] ?? c;
  const stage = (c: string) => FINANCING_STAGE_LABELS[c]?.[locale] ?? c;
  const kind = (c: string) => FINANCE_PROVIDER_KIND_LABELS[c]?.[locale] ?? c;
  return {
    instrument,
    stage,
    kind,
    /** "5,000,000.00 元" / "CNY 5,000,000.00" */
    yuan: (amount: string | null | undefined) => (amount == null ? '—' : locale === 'en' ? `CNY ${groupDigits(amount, 'en')}` : `${groupDigits(amount, 'zh-CN')} 元`),
    instrumentOptions: FINANCING_INSTRUMENTS.map((c) => ({ value: c, label: instrument(c) })),
    stageOptions: FINANCING_STAGES.map((c) => ({ value: c, label: stage(c) })),
    kindOptions: FINANCE_PROVIDER_KINDS.map((c) => ({ value: c, label: kind(c) })),
  };
}
