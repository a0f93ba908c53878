import { Tag } from 'antd';
import { TAXONOMY, VerificationStatus } from '@ztt/contracts';
import { useI18n } from '../i18n/i18n';

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

export function useTaxonomyLabels() {
  const { label } = useI18n();
  return {
    orgType: (code: string) => label(TAXONOMY.organisationTypes.find((x) => x.code === code), code),
    region: (code: string) => label(TAXONOMY.regions.find((x) => x.code === code), code),
    industry: (code: string) => label(TAXONOMY.industries.find((x) => x.code === code), code),
  };
}
