import { App, Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { OrganisationPublicView, SearchResult } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { useI18n } from '../i18n/i18n';
import { applyApiError } from './form-errors';
import { useTaxonomyLabels, VerificationTag } from './labels';
import { ResultCard } from './ResultCard';

/** How many of an organisation's newest published items its public card lists, per kind. */
const LISTED = 10;

/**
 * An organisation as anyone may see it, signed in or not: the public card (no credit code, no
 * members) and its newest published needs and achievements. A signed-in outsider may ask to join.
 */
export function PublicOrganisationCard({ org }: { org: OrganisationPublicView }) {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const { me, reload } = useAuth();
  const { message } = App.useApp();
  const pending = !!me?.memberships.some((m) => m.organisationId === org.id);
  const join = useMutation({
    mutationFn: () => api('POST', `/orgs/${org.id}/join-requests`),
    onSuccess: async () => {
      message.success(t('onboarding.joinRequested'));
      await reload();
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span data-testid="org-name">{org.name}</span>
            <VerificationTag status={org.verificationStatus} />
          </Space>
        }
        extra={
          me &&
          (pending ? (
            <Tag color="orange">{t('org.pendingMembership')}</Tag>
          ) : (
            <Button data-testid="org-join" loading={join.isPending} onClick={() => join.mutate()}>
              {t('onboarding.joinRequest')}
            </Button>
          ))
        }
      >
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('org.type')}>{labels.orgType(org.type)}</Descriptions.Item>
          <Descriptions.Item label={t('org.region')}>{labels.region(org.region)}</Descriptions.Item>
          <Descriptions.Item label={t('org.industries')}>
            {org.industries.length ? org.industries.map((i) => <Tag key={i}>{labels.industry(i)}</Tag>) : t('common.none')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <PublishedItems orgId={org.id} kind="need" />
        </Col>
        <Col xs={24} lg={12}>
          <PublishedItems orgId={org.id} kind="achievement" />
        </Col>
      </Row>
    </Space>
  );
}

function PublishedItems({ orgId, kind }: { orgId: string; kind: 'need' | 'achievement' }) {
  const { t } = useI18n();
  const path = `/search/${kind === 'need' ? 'needs' : 'achievements'}?org=${orgId}&sort=newest&pageSize=${LISTED}`;
  const { data, isPending } = useApiQuery<SearchResult>(['org', orgId, 'published', kind], path);
  return (
    <Card
      title={t(kind === 'need' ? 'org.publishedNeeds' : 'org.publishedAchievements')}
      extra={data && <Typography.Text type="secondary">{t('org.publishedTotal', { count: data.total })}</Typography.Text>}
      loading={isPending}
      data-testid={`org-published-${kind}`}
    >
      {data?.items.length ? data.items.map((h) => <ResultCard key={h.id} hit={h} />) : <Empty description={t('org.publishedNone')} />}
    </Card>
  );
}
