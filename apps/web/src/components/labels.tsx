import { Tag } from 'antd';
import { DisclosureStatus, ItemStatus, TAXONOMY, Taxonomy, TaxonomyItem, taxonomyItem, TaxonomyList, VerificationStatus } from '@ztt/contracts';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const COLORS: Record<VerificationStatus, string> = {
  unverified: 'default',
  pending: 'processing',
  verified: 'success',
  rejected: 'error',
};

export function VerificationTag({ status }: { status: VerificationStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[status]} data-testid="verification-status">
      {t(`org.status.${status}`)}
    </Tag>
  );
}

const ITEM_STATUS_COLORS: Record<ItemStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  published: 'success',
  closed: 'default',
  withdrawn: 'warning',
  expired: 'default',
};

export function ItemStatusTag({ status }: { status: ItemStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={ITEM_STATUS_COLORS[status]} data-testid="item-status">
      {t(`item.status.${status}`)}
    </Tag>
  );
}

const DISCLOSURE_COLORS: Record<DisclosureStatus, string> = { pending: 'processing', granted: 'success', declined: 'error' };

export function DisclosureTag({ status }: { status: DisclosureStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={DISCLOSURE_COLORS[status]} data-testid="disclosure-status">
      {t(`disclosure.status.${status}`)}
    </Tag>
  );
}

export interface MaturityStage extends TaxonomyItem {
  trl: [number, number];
}
export interface TrlLevel {
  level: number;
  label: string;
  en?: string;
}

/** The taxonomy JSON carries more lists than the shared type names; these are the ones the catalogue uses. */
export const TAX = TAXONOMY as Taxonomy & { maturityStages: MaturityStage[]; trl: TrlLevel[] };

export function useTaxonomyLabels() {
  const { label, t } = useI18n();
  const find = (list: TaxonomyList, code: string) => label(taxonomyItem(list, code), code);
  return {
    orgType: (code: string) => find('organisationType', code),
    region: (code: string) => find('region', code),
    industry: (code: string) => find('industry', code),
    chain: (code: string) => find('chain', code),
    needCategory: (code: string) => find('needCategory', code),
    cooperationMode: (code: string) => find('cooperationMode', code),
    ipType: (code: string) => find('ipType', code),
    maturityStage: (code: string) => find('maturityStage', code),
    /** "TRL 6" */
    trlShort: (level: number) => `TRL ${level}`,
    /** "TRL 6 · 相关环境中演示验证结论成立" */
    trl: (level: number) => {
      const key = `trl.${level}` as MessageKey;
      return level >= 1 && level <= 9 ? `TRL ${level} · ${t(key)}` : `TRL ${level}`;
    },
  };
}

export type TaxonomyLabels = ReturnType<typeof useTaxonomyLabels>;
