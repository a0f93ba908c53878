import { Alert, Button, Card, Col, Empty, Input, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { groupDigits, HomeChallenge, HomeItem, HomeView, OrganisationView, Page, PlatformRole, yuanToWan } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { formatDate, kindPath } from '../components/catalogue';
import { useYuan } from '../components/challenge/common';
import { useTaxonomyLabels, VerificationTag } from '../components/labels';
import { useI18n } from '../i18n/i18n';

/**
 * The public home page: what is new and what is open, in one request (GET /api/home) so that a phone
 * opening a shared link sees it at once. Signed-in people also see their roles and organisations.
 */
export function HomePage() {
  const { t } = useI18n();
  const { me, hasRole } = useAuth();
  const navigate = useNavigate();
  const { data, error } = useApiQuery<HomeView>(['home'], '/home');
  const pending = useApiQuery<Page<OrganisationView>>(['verifications', 'count'], hasRole(PlatformRole.Admin) ? '/admin/verifications?pageSize=1' : null).data?.total ?? null;
  const member = !!me?.memberships.some((m) => m.status === 'active');

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {me ? t('home.welcome', { name: me.displayName }) : t('app.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
        <Input.Search
          size="large"
          allowClear
          enterButton={t('common.search')}
          placeholder={t('home.search.placeholder')}
          aria-label={t('common.search')}
          onSearch={(v) => navigate(v.trim() ? `/search?q=${encodeURIComponent(v.trim())}` : '/search')}
          style={{ maxWidth: 720, marginBottom: 12 }}
          data-testid="home-search"
        />
        <Space wrap style={{ marginBottom: me ? 16 : 0 }}>
          <Button onClick={() => navigate('/search?tab=needs')}>{t('nav.findNeeds')}</Button>
          <Button onClick={() => navigate('/search?tab=achievements')}>{t('nav.findAchievements')}</Button>
          <Button onClick={() => navigate('/challenges')}>{t('challenge.nav')}</Button>
          {member && (
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
      {pending !== null && (
        <Card hoverable onClick={() => navigate('/admin/verifications')}>
          <Typography.Text>{t('home.pendingVerifications', { n: pending })}</Typography.Text>
        </Card>
      )}
      {error && !data && <Alert type="warning" showIcon message={t('home.loadFailed')} description={error.message} />}
      <Figures data={data} />
      {data?.campaign && <CampaignCard campaign={data.campaign} member={member} />}
      <ChallengesCard challenges={data?.openChallenges} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ItemsCard kind="need" items={data?.latestNeeds} />
        </Col>
        <Col xs={24} lg={12}>
          <ItemsCard kind="achievement" items={data?.latestAchievements} />
        </Col>
      </Row>
      <IndustriesCard industries={data?.industries} />
    </Space>
  );
}

function Figures({ data }: { data: HomeView | undefined }) {
  const { t, locale } = useI18n();
  const f = data?.figures;
  const stat = (testId: string, title: string, value: string | number | undefined, extra?: string) => (
    <Col xs={12} md={6}>
      <Card size="small" loading={!f} style={{ height: '100%' }}>
        <Statistic title={title} value={value ?? '-'} data-testid={testId} />
        {extra && <Typography.Text type="secondary">{extra}</Typography.Text>}
      </Card>
    </Col>
  );
  return (
    <Row gutter={[12, 12]} data-testid="home-figures">
      {stat('home-figure-needs', t('home.figures.needs'), f?.needs)}
      {stat('home-figure-achievements', t('home.figures.achievements'), f?.achievements)}
      {stat(
        'home-figure-contract-value',
        t('home.figures.contractValue', { year: f?.year ?? '' }),
        f ? t('money.wan', { v: groupDigits(yuanToWan(f.contractValue), locale) }) : undefined,
        f ? t('home.figures.contracts', { n: f.contracts }) : undefined,
      )}
      {stat('home-figure-brokers', t('home.figures.brokers'), f?.activeBrokers)}
    </Row>
  );
}

function CampaignCard({ campaign, member }: { campaign: NonNullable<HomeView['campaign']>; member: boolean }) {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const navigate = useNavigate();
  return (
    <Card
      data-testid="home-campaign"
      title={
        <Space wrap>
          <Tag color="green">{t('home.campaign')}</Tag>
          <span>{campaign.title}</span>
        </Space>
      }
      styles={{ header: { whiteSpace: 'normal' } }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('home.campaign.period', { quarter: campaign.quarter, from: campaign.startsOn, to: campaign.endsOn })}</Typography.Text>
        {campaign.focusIndustries.length > 0 && (
          <Space wrap>
            <Typography.Text type="secondary">{t('home.campaign.focus')}</Typography.Text>
            {campaign.focusIndustries.map((c) => (
              <Tag key={c}>{labels.industry(c)}</Tag>
            ))}
          </Space>
        )}
        <Typography.Text>{t('home.campaign.collected', { needs: campaign.needs, achievements: campaign.achievements })}</Typography.Text>
        <Button type="primary" onClick={() => navigate(member ? '/needs/new' : '/login')} data-testid="home-campaign-post">
          {t('home.campaign.post')}
        </Button>
      </Space>
    </Card>
  );
}

function ChallengesCard({ challenges }: { challenges: HomeChallenge[] | undefined }) {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const yuan = useYuan();
  return (
    <Card title={t('home.challenges')} loading={!challenges} extra={<Link to="/challenges">{t('home.challenges.all')}</Link>} data-testid="home-challenges">
      {challenges && challenges.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.challenges.empty')} />}
      <Row gutter={[12, 12]}>
        {challenges?.map((c) => (
          <Col xs={24} md={12} lg={8} key={c.id}>
            <Card size="small" style={{ height: '100%' }} data-testid="home-challenge">
              <Link to={`/challenges/${c.id}`} style={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
                {c.title}
              </Link>
              <div>
                <Typography.Text type="secondary">{c.ownerOrgName}</Typography.Text>
              </div>
              <Space wrap style={{ marginTop: 8 }}>
                <Typography.Text>
                  {t('challenge.field.bounty')} <Typography.Text strong>{yuan(c.bounty)}</Typography.Text>
                </Typography.Text>
                <Tag color="orange">{t('home.challenge.deadline', { date: formatDate(c.applicationDeadline) })}</Tag>
              </Space>
              <Space wrap style={{ marginTop: 8 }}>
                {c.industries.map((i) => (
                  <Tag key={i}>{labels.industry(i)}</Tag>
                ))}
                <Typography.Text type="secondary">{t('home.challenge.applications', { n: c.applicationCount })}</Typography.Text>
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function ItemsCard({ kind, items }: { kind: 'need' | 'achievement'; items: HomeItem[] | undefined }) {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const tab = kind === 'need' ? 'needs' : 'achievements';
  return (
    <Card
      title={t(kind === 'need' ? 'home.latestNeeds' : 'home.latestAchievements')}
      loading={!items}
      extra={<Link to={`/search?tab=${tab}&sort=newest`}>{t('home.more')}</Link>}
      data-testid={`home-latest-${tab}`}
      style={{ height: '100%' }}
    >
      <List
        dataSource={items ?? []}
        locale={{ emptyText: t(kind === 'need' ? 'home.empty.needs' : 'home.empty.achievements') }}
        renderItem={(item) => (
          <List.Item key={item.id}>
            <List.Item.Meta
              title={
                <Link to={`/${kindPath(item.kind)}/${item.id}`} style={{ overflowWrap: 'anywhere' }}>
                  {item.title}
                </Link>
              }
              description={
                <>
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>
                    {item.summary}
                  </Typography.Paragraph>
                  <Space wrap size={[4, 4]}>
                    <Typography.Text>{item.ownerOrgName}</Typography.Text>
                    {item.industries.map((i) => (
                      <Tag key={i}>{labels.industry(i)}</Tag>
                    ))}
                    <Tag>{labels.region(item.region)}</Tag>
                    <Typography.Text type="secondary">{t('home.published', { date: formatDate(item.publishedAt) })}</Typography.Text>
                  </Space>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function IndustriesCard({ industries }: { industries: HomeView['industries'] | undefined }) {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  return (
    <Card title={t('home.industries')} loading={!industries} data-testid="home-industries">
      <Typography.Paragraph type="secondary">{t('home.industries.hint')}</Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {industries?.map((i) => (
          <Col xs={24} sm={12} lg={8} key={i.code}>
            <Card size="small" style={{ height: '100%' }} data-testid={`home-industry-${i.code}`}>
              <Link to={`/search?tab=needs&industry=${i.code}`} style={{ fontWeight: 600, display: 'block', marginBottom: 4 }}>
                {labels.industry(i.code)}
              </Link>
              <Space wrap size="middle">
                <Link to={`/search?tab=needs&industry=${i.code}`}>{t('home.industry.needs', { n: i.needs })}</Link>
                <Link to={`/search?tab=achievements&industry=${i.code}`}>{t('home.industry.achievements', { n: i.achievements })}</Link>
                <Typography.Text type="secondary">{t('home.industry.challenges', { n: i.challenges })}</Typography.Text>
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
