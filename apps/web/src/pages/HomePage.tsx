import { Alert, Button, Card, Col, Input, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { OrganisationView, Page, PlatformRole } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { VerificationTag } from '../components/labels';
import { useI18n } from '../i18n/i18n';

export function HomePage() {
  const { t } = useI18n();
  const { me, hasRole } = useAuth();
  const navigate = useNavigate();
  // Counts only: a failed read leaves them out.
  const verifiedOrgs = useApiQuery<Page<unknown>>(['orgs', 'directory', { pageSize: 1 }], '/orgs?pageSize=1').data?.total ?? null;
  const pending = useApiQuery<Page<OrganisationView>>(['verifications', 'count'], hasRole(PlatformRole.Admin) ? '/admin/verifications?pageSize=1' : null).data?.total ?? null;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {me ? t('home.welcome', { name: me.displayName }) : t('app.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.visitor')}</Typography.Paragraph>
        <Input.Search
          size="large"
          allowClear
          enterButton={t('common.search')}
          placeholder={t('home.search.placeholder')}
          onSearch={(v) => navigate(v.trim() ? `/search?q=${encodeURIComponent(v.trim())}` : '/search')}
          style={{ maxWidth: 720, marginBottom: 12 }}
          data-testid="home-search"
        />
        <Space wrap style={{ marginBottom: me ? 16 : 0 }}>
          <Button onClick={() => navigate('/search?tab=needs')}>{t('nav.findNeeds')}</Button>
          <Button onClick={() => navigate('/search?tab=achievements')}>{t('nav.findAchievements')}</Button>
          {me && me.memberships.some((m) => m.status === 'active') && (
            <>
              <Button type="primary" ghost onClick={() => navigate('/needs/new')} data-testid="home-new-need">
                {t('need.new')}
              </Button>
              <Button type="primary" ghost onClick={() => navigate('/achievements/new')} data-testid="home-new-achievement">
                {t('achievement.new')}
              </Button>
            </>
          )}
        </Space>
        {me && (
          <Space wrap>
            {me.platformRoles.map((r) => (
              <Tag color="blue" key={r}>
                {t(`role.${r}`)}
              </Tag>
            ))}
            {me.memberships.map((m) => (
              <Tag key={m.organisationId} style={{ cursor: 'pointer' }} onClick={() => navigate(`/orgs/${m.organisationId}`)}>
                {m.organisationName} {m.status === 'pending' ? `· ${t('org.pendingMembership')}` : <VerificationTag status={m.verificationStatus} />}
              </Tag>
            ))}
          </Space>
        )}
      </Card>
      {me && me.memberships.length === 0 && (
        <Alert type="info" showIcon message={t('home.noOrg')} action={<Button onClick={() => navigate('/onboarding')}>{t('home.goOrg')}</Button>} />
      )}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title={t('home.stats.orgs')} value={verifiedOrgs ?? '-'} />
          </Card>
        </Col>
        {pending !== null && (
          <Col xs={24} md={8}>
            <Card hoverable onClick={() => navigate('/admin/verifications')}>
              <Statistic title={t('nav.admin.verifications')} value={pending} />
              <Typography.Text type="secondary">{t('home.pendingVerifications', { n: pending })}</Typography.Text>
            </Card>
          </Col>
        )}
      </Row>
    </Space>
  );
}
