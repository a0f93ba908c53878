import { Radio, Result, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { ItemKind, MembershipStatus, MembershipView, OrgRole, VerificationStatus } from '@ztt/contracts';
import { useAuth } from '../auth/auth';
import { ImportPanel } from '../components/ImportPanel';
import { useI18n } from '../i18n/i18n';

/** The organisations whose needs and achievements the person may import: verified, where they are an active admin. */
export function importableOrgs(memberships: MembershipView[] | undefined): MembershipView[] {
  return (memberships ?? []).filter((m) => m.role === OrgRole.Admin && m.status === MembershipStatus.Active && m.verificationStatus === VerificationStatus.Verified);
}

/** /my/import: an organisation's admins import their own needs or achievements, as drafts or submitted for review. */
export function MyImportPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const orgs = importableOrgs(me?.memberships);
  const [orgId, setOrgId] = useState<string | undefined>(orgs[0]?.organisationId);
  const [kind, setKind] = useState<ItemKind>('achievement');
  const [submit, setSubmit] = useState(false);

  if (!orgId || !orgs.some((o) => o.organisationId === orgId)) return <Result status="info" title={t('import.my.noOrg')} data-testid="import-no-org" />;

  return (
    <ImportPanel
      // A new organisation or a new choice of what the rows become starts the upload over.
      key={`${orgId}-${submit}`}
      title={t('import.my.title')}
      kind={kind}
      onKindChange={setKind}
      templatePath={(k) => `/orgs/${orgId}/import/${k}/template`}
      uploadPath={(k, mode) => `/orgs/${orgId}/import/${k}?mode=${mode}&submit=${submit}`}
      help={t('import.my.help')}
      doneNote={t(submit ? 'import.my.doneSubmitted' : 'import.my.doneDrafts')}
      options={
        <Space wrap size="large">
          <Space wrap>
            <Typography.Text strong id="import-org-label">
              {t('import.my.org')}
            </Typography.Text>
            <Select
              value={orgId}
              onChange={setOrgId}
              style={{ minWidth: 260 }}
              aria-labelledby="import-org-label"
              options={orgs.map((o) => ({ value: o.organisationId, label: o.organisationName }))}
              data-testid="import-org"
            />
          </Space>
          <Space wrap>
            <Typography.Text strong>{t('import.my.submit')}</Typography.Text>
            <Radio.Group
              value={submit}
              onChange={(e) => setSubmit(e.target.value as boolean)}
              options={[
                { value: false, label: t('import.my.asDraft') },
                { value: true, label: t('import.my.asSubmitted') },
              ]}
              data-testid="import-submit"
            />
          </Space>
        </Space>
      }
    />
  );
}
