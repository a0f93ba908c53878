import { Button, ConfigProvider, Drawer, Dropdown, Grid, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { GlobalOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { lazy, ReactNode, Suspense, useState } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { MembershipStatus, OrgRole, PlatformRole } from '@ztt/contracts';
import { useAuth } from './auth/auth';
import { NotificationBell } from './components/NotificationBell';
import { useI18n } from './i18n/i18n';

// Each page is its own chunk, loaded when its route is first opened: the shell (header, menu, sign-in
// state) is all a first visit downloads before the page it asked for.
const ApprovalsPage = lazy(() => import('./pages/ApprovalsPage').then((m) => ({ default: m.ApprovalsPage })));
const AdminAuditPage = lazy(() => import('./pages/AdminAuditPage').then((m) => ({ default: m.AdminAuditPage })));
const AdminPartnersPage = lazy(() => import('./pages/AdminPartnersPage').then((m) => ({ default: m.AdminPartnersPage })));
const AdminCommissionersPage = lazy(() => import('./pages/AdminCommissionersPage').then((m) => ({ default: m.AdminCommissionersPage })));
const CommissionersPage = lazy(() => import('./pages/CommissionersPage').then((m) => ({ default: m.CommissionersPage })));
const CountyPage = lazy(() => import('./pages/CountyPage').then((m) => ({ default: m.CountyPage })));
const MyCountyPage = lazy(() => import('./pages/MyCountyPage').then((m) => ({ default: m.MyCountyPage })));
const ExpertsPage = lazy(() => import('./pages/ExpertsPage').then((m) => ({ default: m.ExpertsPage })));
const MyExpertProfilePage = lazy(() => import('./pages/MyExpertProfilePage').then((m) => ({ default: m.MyExpertProfilePage })));
const AdminExpertsPage = lazy(() => import('./pages/AdminExpertsPage').then((m) => ({ default: m.AdminExpertsPage })));
const MyConsultationsPage = lazy(() => import('./pages/MyConsultationsPage').then((m) => ({ default: m.MyConsultationsPage })));
const CapacityPage = lazy(() => import('./pages/CapacityPage').then((m) => ({ default: m.CapacityPage })));
const CapacityProviderPage = lazy(() => import('./pages/CapacityProviderPage').then((m) => ({ default: m.CapacityProviderPage })));
const InstrumentPage = lazy(() => import('./pages/InstrumentPage').then((m) => ({ default: m.InstrumentPage })));
const MyCapacityPage = lazy(() => import('./pages/MyCapacityPage').then((m) => ({ default: m.MyCapacityPage })));
const MyBookingsPage = lazy(() => import('./pages/MyBookingsPage').then((m) => ({ default: m.MyBookingsPage })));
const AdminCapacityPage = lazy(() => import('./pages/AdminCapacityPage').then((m) => ({ default: m.AdminCapacityPage })));
const RoadshowsPage = lazy(() => import('./pages/RoadshowsPage').then((m) => ({ default: m.RoadshowsPage })));
const RoadshowPage = lazy(() => import('./pages/RoadshowPage').then((m) => ({ default: m.RoadshowPage })));
const FinanceReferralsPage = lazy(() => import('./pages/FinanceReferralsPage').then((m) => ({ default: m.FinanceReferralsPage })));
const MyFinancingPage = lazy(() => import('./pages/MyFinancingPage').then((m) => ({ default: m.MyFinancingPage })));
const FinancingRequestsPage = lazy(() => import('./pages/MyFinancingPage').then((m) => ({ default: m.FinancingRequestsPage })));
const FinancingRequestFormPage = lazy(() => import('./pages/FinancingRequestFormPage').then((m) => ({ default: m.FinancingRequestFormPage })));
const FinancingRequestPage = lazy(() => import('./pages/FinancingRequestPage').then((m) => ({ default: m.FinancingRequestPage })));
const FinanceProfilePage = lazy(() => import('./pages/FinanceProfilePage').then((m) => ({ default: m.FinanceProfilePage })));
const FinanceWatchlistPage = lazy(() => import('./pages/FinanceWatchlistPage').then((m) => ({ default: m.FinanceWatchlistPage })));
const CommissionerWorkbenchPage = lazy(() => import('./pages/CommissionerWorkbenchPage').then((m) => ({ default: m.CommissionerWorkbenchPage })));
const MyServicesPage = lazy(() => import('./pages/MyServicesPage').then((m) => ({ default: m.MyServicesPage })));
const AdminKpisPage = lazy(() => import('./pages/AdminKpisPage').then((m) => ({ default: m.AdminKpisPage })));
const AdminMatchingPage = lazy(() => import('./pages/AdminMatchingPage').then((m) => ({ default: m.AdminMatchingPage })));
const BrokerWorkbenchPage = lazy(() => import('./pages/BrokerWorkbenchPage').then((m) => ({ default: m.BrokerWorkbenchPage })));
const BrokerDirectoryPage = lazy(() => import('./pages/BrokerDirectoryPage').then((m) => ({ default: m.BrokerDirectoryPage })));
const BrokerCardPage = lazy(() => import('./pages/BrokerDirectoryPage').then((m) => ({ default: m.BrokerCardPage })));
const CampaignFormPage = lazy(() => import('./pages/CampaignFormPage').then((m) => ({ default: m.CampaignFormPage })));
const CampaignPage = lazy(() => import('./pages/CampaignPage').then((m) => ({ default: m.CampaignPage })));
const CampaignsPage = lazy(() => import('./pages/CampaignsPage').then((m) => ({ default: m.CampaignsPage })));
const DashboardPage = lazy(() => import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const PublicStatsPage = lazy(() => import('./pages/PublicStatsPage').then((m) => ({ default: m.PublicStatsPage })));
const ChallengeAdminListPage = lazy(() => import('./pages/ChallengeAdminPage').then((m) => ({ default: m.ChallengeAdminListPage })));
const ChallengeManagePage = lazy(() => import('./pages/ChallengeAdminPage').then((m) => ({ default: m.ChallengeManagePage })));
const ChallengeApplyPage = lazy(() => import('./pages/ChallengeApplyPage').then((m) => ({ default: m.ChallengeApplyPage })));
const ChallengeBoardPage = lazy(() => import('./pages/ChallengeBoardPage').then((m) => ({ default: m.ChallengeBoardPage })));
const ChallengeDetailPage = lazy(() => import('./pages/ChallengeDetailPage').then((m) => ({ default: m.ChallengeDetailPage })));
const ChallengeFormPage = lazy(() => import('./pages/ChallengeFormPage').then((m) => ({ default: m.ChallengeFormPage })));
const ChallengeMilestonesPage = lazy(() => import('./pages/ChallengeMilestonesPage').then((m) => ({ default: m.ChallengeMilestonesPage })));
const ChallengeNoticePage = lazy(() => import('./pages/ChallengeNoticePage').then((m) => ({ default: m.ChallengeNoticePage })));
const ChallengeReviewListPage = lazy(() => import('./pages/ChallengeReviewPage').then((m) => ({ default: m.ChallengeReviewListPage })));
const ChallengeReviewPage = lazy(() => import('./pages/ChallengeReviewPage').then((m) => ({ default: m.ChallengeReviewPage })));
const AdminImportPage = lazy(() => import('./pages/AdminImportPage').then((m) => ({ default: m.AdminImportPage })));
const MyImportPage = lazy(() => import('./pages/MyImportPage').then((m) => ({ default: m.MyImportPage })));
const AdminReviewPage = lazy(() => import('./pages/AdminReviewPage').then((m) => ({ default: m.AdminReviewPage })));
const AdminUsersPage = lazy(() => import('./pages/AdminUsersPage').then((m) => ({ default: m.AdminUsersPage })));
const AdminVerificationsPage = lazy(() => import('./pages/AdminVerificationsPage').then((m) => ({ default: m.AdminVerificationsPage })));
const DisclosuresPage = lazy(() => import('./pages/DisclosuresPage').then((m) => ({ default: m.DisclosuresPage })));
const BrokerPerformancePage = lazy(() => import('./pages/BrokerPerformancePage').then((m) => ({ default: m.BrokerPerformancePage })));
const BrokerPipelinePage = lazy(() => import('./pages/BrokerPipelinePage').then((m) => ({ default: m.BrokerPipelinePage })));
const DealListPage = lazy(() => import('./pages/DealListPage').then((m) => ({ default: m.DealListPage })));
const DealPage = lazy(() => import('./pages/DealPage').then((m) => ({ default: m.DealPage })));
const DealRegistrationsPage = lazy(() => import('./pages/DealRegistrationsPage').then((m) => ({ default: m.DealRegistrationsPage })));
const HomePage = lazy(() => import('./pages/HomePage').then((m) => ({ default: m.HomePage })));
const ItemDetailPage = lazy(() => import('./pages/ItemDetailPage').then((m) => ({ default: m.ItemDetailPage })));
const ItemFormPage = lazy(() => import('./pages/ItemFormPage').then((m) => ({ default: m.ItemFormPage })));
const LoginPage = lazy(() => import('./pages/LoginPage').then((m) => ({ default: m.LoginPage })));
const MyItemsPage = lazy(() => import('./pages/MyItemsPage').then((m) => ({ default: m.MyItemsPage })));
const NotificationsPage = lazy(() => import('./pages/NotificationsPage').then((m) => ({ default: m.NotificationsPage })));
const MyOrganisationRedirect = lazy(() => import('./pages/OrganisationPage').then((m) => ({ default: m.MyOrganisationRedirect })));
const OrganisationPage = lazy(() => import('./pages/OrganisationPage').then((m) => ({ default: m.OrganisationPage })));
const OnboardingPage = lazy(() => import('./pages/OnboardingPage').then((m) => ({ default: m.OnboardingPage })));
const ProfilePage = lazy(() => import('./pages/ProfilePage').then((m) => ({ default: m.ProfilePage })));
const RegisterPage = lazy(() => import('./pages/RegisterPage').then((m) => ({ default: m.RegisterPage })));
const SearchPage = lazy(() => import('./pages/SearchPage').then((m) => ({ default: m.SearchPage })));

const NARROW_SCREEN_CSS = `.ant-table-wrapper .ant-table-content, .ant-descriptions-view { overflow-x: auto; }`;

function RequireAuth({ children, role }: { children: ReactNode; role?: PlatformRole }) {
  const { me, loading, hasRole } = useAuth();
  const location = useLocation();
  const { t } = useI18n();
  if (loading) return <Spin style={{ margin: 48 }} />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (role && !hasRole(role)) return <Result status="403" title="403" subTitle={t('nav.admin')} />;
  return <>{children}</>;
}

export function App() {
  const { me, logout, hasRole } = useAuth();
  const { t, locale, setLocale } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  // Below Ant Design's lg breakpoint (992 px) the top menu does not fit: a menu button opens it in a drawer.
  const screens = Grid.useBreakpoint();
  const compact = screens.lg === false;
  // The drawer is open on the page it was opened on: going to another page (a menu entry, a button,
  // the back button) closes it; a page rewriting its own query (the challenge board's filters) does not.
  const here = location.pathname;
  const [menuOpenAt, setMenuOpenAt] = useState<string | null>(null);
  const menuOpen = menuOpenAt === here;
  const setMenuOpen = (open: boolean) => setMenuOpenAt(open ? here : null);
  // An organisation's admins (its tech-transfer office) decide on contracts on its service inventions.
  const orgAdmin = !!me?.memberships.some((m) => m.role === OrgRole.Admin && m.status === MembershipStatus.Active);
  // 科技金融: members of a finance organisation (bank, fund …) have a profile and a watchlist.
  const financeMember = !!me?.memberships.some((m) => m.organisationType === 'finance' && m.status === MembershipStatus.Active);

  const items = [
    { key: '/', label: <Link to="/">{t('nav.home')}</Link> },
    {
      key: '/search?tab=needs',
      label: (
        <Link to="/search?tab=needs" data-testid="nav-find-needs">
          {t('nav.findNeeds')}
        </Link>
      ),
    },
    {
      key: '/search?tab=achievements',
      label: (
        <Link to="/search?tab=achievements" data-testid="nav-find-achievements">
          {t('nav.findAchievements')}
        </Link>
      ),
    },
    {
      key: '/challenges',
      label: (
        <Link to="/challenges" data-testid="nav-challenges">
          {t('challenge.nav')}
        </Link>
      ),
    },
    {
      key: '/stats',
      label: (
        <Link to="/stats" data-testid="nav-stats">
          {t('dashboard.nav.public')}
        </Link>
      ),
    },
    {
      // The people who carry results to enterprises: one entry, so the header fits in English too.
      key: 'people',
      label: <span data-testid="nav-people">{t('nav.people')}</span>,
      children: [
        {
          key: '/brokers',
          label: (
            <Link to="/brokers" data-testid="nav-brokers">
              {t('profession.nav')}
            </Link>
          ),
        },
        {
          key: '/commissioners',
          label: (
            <Link to="/commissioners" data-testid="nav-commissioners">
              {t('commissioner.nav')}
            </Link>
          ),
        },
        {
          key: '/experts',
          label: (
            <Link to="/experts" data-testid="nav-experts">
              {t('expert.nav')}
            </Link>
          ),
        },
        {
          key: '/capacity',
          label: (
            <Link to="/capacity" data-testid="nav-capacity">
              {t('capacity.nav')}
            </Link>
          ),
        },
      ],
    },
    ...(me
      ? [
          {
            key: 'finance',
            label: <span data-testid="nav-finance">{t('finance.nav')}</span>,
            children: [
              {
                key: '/my/financing',
                label: (
                  <Link to="/my/financing" data-testid="nav-my-financing">
                    {t('finance.nav.mine')}
                  </Link>
                ),
              },
              {
                key: '/roadshows',
                label: (
                  <Link to="/roadshows" data-testid="nav-roadshows">
                    {t('roadshow.nav')}
                  </Link>
                ),
              },
              ...(financeMember || hasRole(PlatformRole.Broker) || hasRole(PlatformRole.Admin)
                ? [
                    {
                      key: '/financing',
                      label: (
                        <Link to="/financing" data-testid="nav-financing">
                          {t('finance.nav.open')}
                        </Link>
                      ),
                    },
                  ]
                : []),
              ...(financeMember
                ? [
                    {
                      key: '/finance/watchlist',
                      label: (
                        <Link to="/finance/watchlist" data-testid="nav-finance-watchlist">
                          {t('finance.nav.watchlist')}
                        </Link>
                      ),
                    },
                    {
                      key: '/finance/profile',
                      label: (
                        <Link to="/finance/profile" data-testid="nav-finance-profile">
                          {t('finance.nav.profile')}
                        </Link>
                      ),
                    },
                    {
                      key: '/finance/referrals',
                      label: (
                        <Link to="/finance/referrals" data-testid="nav-finance-referrals">
                          {t('referral.incoming.nav')}
                        </Link>
                      ),
                    },
                  ]
                : []),
            ],
          },
        ]
      : []),
    ...(me
      ? [
          {
            key: 'workspace',
            label: <span data-testid="nav-workspace">{t('nav.workspace')}</span>,
            children: [
              {
                key: '/organisation',
                label: (
                  <Link to="/organisation" data-testid="nav-organisation">
                    {t('nav.organisation')}
                  </Link>
                ),
              },
              {
                key: '/my/needs',
                label: (
                  <Link to="/my/needs" data-testid="nav-my-needs">
                    {t('nav.myNeeds')}
                  </Link>
                ),
              },
              {
                key: '/my/achievements',
                label: (
                  <Link to="/my/achievements" data-testid="nav-my-achievements">
                    {t('nav.myAchievements')}
                  </Link>
                ),
              },
              {
                key: '/deals',
                label: (
                  <Link to="/deals" data-testid="nav-deals">
                    {t('nav.deals.mine')}
                  </Link>
                ),
              },
              // The organisation and the broker's deal desk sit in this menu: the top bar must fit 1280 px.
              ...(hasRole(PlatformRole.Broker)
                ? [
                    {
                      key: '/broker/pipeline',
                      label: (
                        <Link to="/broker/pipeline" data-testid="nav-pipeline">
                          {t('nav.deals.pipeline')}
                        </Link>
                      ),
                    },
                    {
                      key: '/broker/performance',
                      label: (
                        <Link to="/broker/performance" data-testid="nav-broker-performance">
                          {t('nav.deals.performance')}
                        </Link>
                      ),
                    },
                  ]
                : []),
              ...(orgAdmin
                ? [
                    {
                      key: '/my/approvals',
                      label: (
                        <Link to="/my/approvals" data-testid="nav-approvals">
                          {t('deal.approvals.nav')}
                        </Link>
                      ),
                    },
                    {
                      key: '/my/import',
                      label: (
                        <Link to="/my/import" data-testid="nav-my-import">
                          {t('import.my.nav')}
                        </Link>
                      ),
                    },
                  ]
                : []),
              {
                key: '/disclosures',
                label: (
                  <Link to="/disclosures" data-testid="nav-disclosures">
                    {t('nav.disclosures')}
                  </Link>
                ),
              },
              ...(hasRole(PlatformRole.Reviewer)
                ? [
                    {
                      key: '/review/challenges',
                      label: (
                        <Link to="/review/challenges" data-testid="nav-challenge-review">
                          {t('challenge.nav.review')}
                        </Link>
                      ),
                    },
                  ]
                : []),
              {
                key: '/my/services',
                label: (
                  <Link to="/my/services" data-testid="nav-my-services">
                    {t('commissioner.nav.services')}
                  </Link>
                ),
              },
              {
                key: '/my/expert-profile',
                label: (
                  <Link to="/my/expert-profile" data-testid="nav-my-expert-profile">
                    {t('expert.nav.mine')}
                  </Link>
                ),
              },
              {
                key: '/my/consultations',
                label: (
                  <Link to="/my/consultations" data-testid="nav-my-consultations">
                    {t('expert.consult.mine')}
                  </Link>
                ),
              },
              {
                key: '/my/capacity',
                label: (
                  <Link to="/my/capacity" data-testid="nav-my-capacity">
                    {t('capacity.nav.mine')}
                  </Link>
                ),
              },
              {
                key: '/my/bookings',
                label: (
                  <Link to="/my/bookings" data-testid="nav-my-bookings">
                    {t('capacity.nav.bookings')}
                  </Link>
                ),
              },
              ...(hasRole(PlatformRole.Commissioner)
                ? [
                    {
                      key: '/my/commissioner',
                      label: (
                        <Link to="/my/commissioner" data-testid="nav-commissioner">
                          {t('commissioner.nav.workbench')}
                        </Link>
                      ),
                    },
                  ]
                : []),
              ...(hasRole(PlatformRole.CountyOfficial)
                ? [
                    {
                      key: '/my/county',
                      label: (
                        <Link to="/my/county" data-testid="nav-my-county">
                          {t('county.nav.mine')}
                        </Link>
                      ),
                    },
                  ]
                : []),
              { key: '/notifications', label: <Link to="/notifications">{t('nav.notifications')}</Link> },
            ],
          },
        ]
      : []),
    ...(hasRole(PlatformRole.Broker)
      ? [
          {
            key: '/broker',
            label: (
              <Link to="/broker" data-testid="nav-broker">
                {t('nav.broker')}
              </Link>
            ),
          },
        ]
      : []),
    ...(hasRole(PlatformRole.Admin)
      ? [
          {
            key: 'admin',
            label: t('nav.admin'),
            children: [
              {
                key: '/admin/dashboard',
                label: (
                  <Link to="/admin/dashboard" data-testid="nav-admin-dashboard">
                    {t('dashboard.nav')}
                  </Link>
                ),
              },
              {
                key: '/admin/kpis',
                label: (
                  <Link to="/admin/kpis" data-testid="nav-admin-kpis">
                    {t('kpi.nav')}
                  </Link>
                ),
              },
              {
                key: '/admin/campaigns',
                label: (
                  <Link to="/admin/campaigns" data-testid="nav-admin-campaigns">
                    {t('campaign.nav')}
                  </Link>
                ),
              },
              {
                key: '/admin/review',
                label: (
                  <Link to="/admin/review" data-testid="nav-admin-review">
                    {t('nav.admin.review')}
                  </Link>
                ),
              },
              {
                key: '/admin/challenges',
                label: (
                  <Link to="/admin/challenges" data-testid="nav-admin-challenges">
                    {t('challenge.nav.admin')}
                  </Link>
                ),
              },
              {
                key: '/admin/import',
                label: (
                  <Link to="/admin/import" data-testid="nav-admin-import">
                    {t('nav.admin.import')}
                  </Link>
                ),
              },
              {
                key: '/admin/deals',
                label: (
                  <Link to="/admin/deals" data-testid="nav-admin-deals">
                    {t('nav.admin.deals')}
                  </Link>
                ),
              },
              {
                key: '/admin/registrations',
                label: (
                  <Link to="/admin/registrations" data-testid="nav-admin-registrations">
                    {t('nav.admin.registrations')}
                  </Link>
                ),
              },
              {
                key: '/admin/matching',
                label: (
                  <Link to="/admin/matching" data-testid="nav-admin-matching">
                    {t('nav.admin.matching')}
                  </Link>
                ),
              },
              { key: '/admin/verifications', label: <Link to="/admin/verifications">{t('nav.admin.verifications')}</Link> },
              { key: '/admin/users', label: <Link to="/admin/users">{t('nav.admin.users')}</Link> },
              { key: '/admin/audit', label: <Link to="/admin/audit">{t('nav.admin.audit')}</Link> },
              {
                key: '/admin/partners',
                label: (
                  <Link to="/admin/partners" data-testid="nav-admin-partners">
                    {t('partner.nav')}
                  </Link>
                ),
              },
              {
                key: '/admin/capacity',
                label: (
                  <Link to="/admin/capacity" data-testid="nav-admin-capacity">
                    {t('capacity.nav.admin')}
                  </Link>
                ),
              },
              {
                key: '/admin/commissioners',
                label: (
                  <Link to="/admin/commissioners" data-testid="nav-admin-commissioners">
                    {t('commissioner.nav.admin')}
                  </Link>
                ),
              },
              {
                key: '/admin/experts',
                label: (
                  <Link to="/admin/experts" data-testid="nav-admin-experts">
                    {t('expert.nav.admin')}
                  </Link>
                ),
              },
            ],
          },
        ]
      : []),
  ];
  const searchTab = new URLSearchParams(location.search).get('tab') === 'achievements' ? 'achievements' : 'needs';
  const selected = items
    .flatMap((i) => ('children' in i && i.children ? i.children.map((c) => c.key) : [i.key]))
    .filter((k) =>
      k.startsWith('/search') ? location.pathname === '/search' && k === `/search?tab=${searchTab}` : k !== '/' ? location.pathname.startsWith(k) : location.pathname === '/',
    );

  const switchLanguage = () => setLocale(locale === 'en' ? 'zh-CN' : 'en');
  const signOut = () => void logout().then(() => navigate('/login'));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* On a narrow screen a wide table or bordered description list scrolls inside its card, never the page. */}
      <style>{NARROW_SCREEN_CSS}</style>
      {compact ? (
        // Phones and narrow windows: the brand, then 44 px controls (language, bell, menu); the menu opens a drawer with every entry.
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 4, padding: '0 8px 0 12px', background: '#fff', borderBottom: '1px solid #eee' }}>
          <Link to="/" style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            <Typography.Text strong style={{ fontSize: 16, color: '#0b6bcb' }} title={t('app.title')}>
              {t('app.brand')}
            </Typography.Text>
          </Link>
          <ConfigProvider theme={{ token: { controlHeight: 44 } }}>
            <Button icon={<GlobalOutlined />} type="text" onClick={switchLanguage} aria-label={t('nav.language')} title={t('nav.language')} data-testid="language-switch" />
            <NotificationBell />
            <Button
              icon={<MenuOutlined />}
              type="text"
              onClick={() => setMenuOpen(true)}
              aria-label={t('nav.menu')}
              aria-expanded={menuOpen}
              aria-controls="nav-drawer"
              data-testid="nav-menu-button"
            />
          </ConfigProvider>
        </Layout.Header>
      ) : (
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, padding: '0 24px', background: '#fff', borderBottom: '1px solid #eee' }}>
          <Link to="/" style={{ whiteSpace: 'nowrap' }}>
            <Typography.Text strong style={{ fontSize: 18, color: '#0b6bcb' }} title={t('app.title')}>
              {t('app.brand')}
            </Typography.Text>
          </Link>
          <Menu mode="horizontal" items={items} selectedKeys={selected} style={{ flex: 1, minWidth: 0, borderBottom: 'none' }} />
          <Space>
            <Button icon={<GlobalOutlined />} type="text" onClick={switchLanguage} data-testid="language-switch">
              {t('nav.language')}
            </Button>
            <NotificationBell />
            {me ? (
              <Dropdown
                menu={{
                  items: [
                    { key: 'profile', label: t('nav.profile'), onClick: () => navigate('/profile') },
                    { key: 'logout', label: t('nav.logout'), onClick: signOut },
                  ],
                }}
              >
                <Button icon={<UserOutlined />} data-testid="user-menu" title={me.displayName}>
                  <span style={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{me.displayName}</span>
                </Button>
              </Dropdown>
            ) : (
              <>
                <Button onClick={() => navigate('/login')} data-testid="nav-login">
                  {t('nav.login')}
                </Button>
                <Button type="primary" onClick={() => navigate('/register')} data-testid="nav-register">
                  {t('nav.register')}
                </Button>
              </>
            )}
          </Space>
        </Layout.Header>
      )}
      {compact && (
        <Drawer
          id="nav-drawer"
          open={menuOpen}
          onClose={() => setMenuOpen(false)}
          placement="right"
          width={300}
          title={t('nav.menu.title')}
          styles={{ body: { padding: 0 } }}
          data-testid="nav-drawer"
        >
          <nav aria-label={t('nav.menu.title')}>
            <Menu mode="inline" items={items} selectedKeys={selected} onClick={() => setMenuOpen(false)} style={{ borderInlineEnd: 'none' }} />
          </nav>
          <ConfigProvider theme={{ token: { controlHeight: 44 } }}>
            <Space direction="vertical" style={{ width: '100%', padding: 16 }}>
              {me ? (
                <>
                  <Typography.Text type="secondary">
                    <UserOutlined /> {me.displayName}
                  </Typography.Text>
                  <Button block onClick={() => navigate('/profile')} data-testid="drawer-profile">
                    {t('nav.profile')}
                  </Button>
                  <Button block onClick={signOut} data-testid="drawer-logout">
                    {t('nav.logout')}
                  </Button>
                </>
              ) : (
                <>
                  <Button block onClick={() => navigate('/login')} data-testid="drawer-login">
                    {t('nav.login')}
                  </Button>
                  <Button block type="primary" onClick={() => navigate('/register')} data-testid="drawer-register">
                    {t('nav.register')}
                  </Button>
                </>
              )}
            </Space>
          </ConfigProvider>
        </Drawer>
      )}
      <Layout.Content style={{ padding: compact ? 12 : 24, maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} data-testid="page-loading" />}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/search" element={<SearchPage />} />
            <Route
              path="/needs/new"
              element={
                <RequireAuth>
                  <ItemFormPage key="need-new" kind="need" />
                </RequireAuth>
              }
            />
            <Route
              path="/needs/:id/edit"
              element={
                <RequireAuth>
                  <ItemFormPage key="need-edit" kind="need" />
                </RequireAuth>
              }
            />
            <Route
              path="/achievements/new"
              element={
                <RequireAuth>
                  <ItemFormPage key="achievement-new" kind="achievement" />
                </RequireAuth>
              }
            />
            <Route
              path="/achievements/:id/edit"
              element={
                <RequireAuth>
                  <ItemFormPage key="achievement-edit" kind="achievement" />
                </RequireAuth>
              }
            />
            <Route
              path="/my/needs"
              element={
                <RequireAuth>
                  <MyItemsPage key="need" kind="need" />
                </RequireAuth>
              }
            />
            <Route
              path="/my/achievements"
              element={
                <RequireAuth>
                  <MyItemsPage key="achievement" kind="achievement" />
                </RequireAuth>
              }
            />
            <Route
              path="/my/import"
              element={
                <RequireAuth>
                  <MyImportPage />
                </RequireAuth>
              }
            />
            <Route
              path="/my/approvals"
              element={
                <RequireAuth>
                  <ApprovalsPage />
                </RequireAuth>
              }
            />
            <Route
              path="/disclosures"
              element={
                <RequireAuth>
                  <DisclosuresPage />
                </RequireAuth>
              }
            />
            <Route path="/needs/:id" element={<ItemDetailPage key="need" kind="need" />} />
            <Route path="/achievements/:id" element={<ItemDetailPage key="achievement" kind="achievement" />} />
            <Route path="/challenges" element={<ChallengeBoardPage />} />
            <Route
              path="/challenges/new"
              element={
                <RequireAuth>
                  <ChallengeFormPage key="challenge-new" />
                </RequireAuth>
              }
            />
            <Route path="/challenges/:id" element={<ChallengeDetailPage />} />
            <Route
              path="/challenges/:id/edit"
              element={
                <RequireAuth>
                  <ChallengeFormPage key="challenge-edit" />
                </RequireAuth>
              }
            />
            <Route
              path="/challenges/:id/apply"
              element={
                <RequireAuth>
                  <ChallengeApplyPage />
                </RequireAuth>
              }
            />
            <Route path="/challenges/:id/notice" element={<ChallengeNoticePage />} />
            <Route
              path="/challenges/:id/milestones"
              element={
                <RequireAuth>
                  <ChallengeMilestonesPage />
                </RequireAuth>
              }
            />
            <Route
              path="/review/challenges"
              element={
                <RequireAuth role={PlatformRole.Reviewer}>
                  <ChallengeReviewListPage />
                </RequireAuth>
              }
            />
            <Route
              path="/review/challenges/:id"
              element={
                <RequireAuth role={PlatformRole.Reviewer}>
                  <ChallengeReviewPage />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/challenges"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <ChallengeAdminListPage />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/challenges/:id"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <ChallengeManagePage />
                </RequireAuth>
              }
            />
            <Route
              path="/notifications"
              element={
                <RequireAuth>
                  <NotificationsPage />
                </RequireAuth>
              }
            />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/register" element={<RegisterPage />} />
            <Route
              path="/onboarding"
              element={
                <RequireAuth>
                  <OnboardingPage />
                </RequireAuth>
              }
            />
            <Route
              path="/organisation"
              element={
                <RequireAuth>
                  <MyOrganisationRedirect />
                </RequireAuth>
              }
            />
            <Route
              path="/orgs/:id"
              // Public: a visitor sees the organisation's card and what it published; members see the rest.
              element={<OrganisationPage />}
            />
            <Route
              path="/profile"
              element={
                <RequireAuth>
                  <ProfilePage />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/verifications"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <AdminVerificationsPage />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/review"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <AdminReviewPage />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/import"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <AdminImportPage />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/users"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <AdminUsersPage />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/partners"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <AdminPartnersPage />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/audit"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <AdminAuditPage />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/matching"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <AdminMatchingPage />
                </RequireAuth>
              }
            />
            <Route
              path="/broker"
              element={
                <RequireAuth role={PlatformRole.Broker}>
                  <BrokerWorkbenchPage />
                </RequireAuth>
              }
            />
            <Route
              path="/deals"
              element={
                <RequireAuth>
                  <DealListPage />
                </RequireAuth>
              }
            />
            <Route
              path="/deals/:id"
              element={
                <RequireAuth>
                  <DealPage />
                </RequireAuth>
              }
            />
            <Route
              path="/broker/pipeline"
              element={
                <RequireAuth role={PlatformRole.Broker}>
                  <BrokerPipelinePage />
                </RequireAuth>
              }
            />
            <Route
              path="/broker/performance"
              element={
                <RequireAuth role={PlatformRole.Broker}>
                  <BrokerPerformancePage />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/deals"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <DealListPage key="all" all />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/registrations"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <DealRegistrationsPage />
                </RequireAuth>
              }
            />
            <Route path="/stats" element={<PublicStatsPage />} />
            <Route path="/commissioners" element={<CommissionersPage />} />
            <Route path="/experts" element={<ExpertsPage />} />
            <Route path="/capacity" element={<CapacityPage />} />
            <Route path="/capacity/instruments/:id" element={<InstrumentPage />} />
            <Route path="/capacity/:id" element={<CapacityProviderPage />} />
            <Route
              path="/my/capacity"
              element={
                <RequireAuth>
                  <MyCapacityPage />
                </RequireAuth>
              }
            />
            <Route
              path="/my/bookings"
              element={
                <RequireAuth>
                  <MyBookingsPage />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/capacity"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <AdminCapacityPage />
                </RequireAuth>
              }
            />
            <Route
              path="/my/expert-profile"
              element={
                <RequireAuth>
                  <MyExpertProfilePage />
                </RequireAuth>
              }
            />
            <Route
              path="/my/consultations"
              element={
                <RequireAuth>
                  <MyConsultationsPage />
                </RequireAuth>
              }
            />
            <Route
              path="/roadshows"
              element={
                <RequireAuth>
                  <RoadshowsPage />
                </RequireAuth>
              }
            />
            <Route
              path="/roadshows/:id"
              element={
                <RequireAuth>
                  <RoadshowPage />
                </RequireAuth>
              }
            />
            <Route
              path="/my/financing"
              element={
                <RequireAuth>
                  <MyFinancingPage />
                </RequireAuth>
              }
            />
            <Route
              path="/my/financing/new"
              element={
                <RequireAuth>
                  <FinancingRequestFormPage />
                </RequireAuth>
              }
            />
            <Route
              path="/my/financing/:id/edit"
              element={
                <RequireAuth>
                  <FinancingRequestFormPage />
                </RequireAuth>
              }
            />
            <Route
              path="/financing"
              element={
                <RequireAuth>
                  <FinancingRequestsPage />
                </RequireAuth>
              }
            />
            <Route
              path="/financing/:id"
              element={
                <RequireAuth>
                  <FinancingRequestPage />
                </RequireAuth>
              }
            />
            <Route
              path="/finance/profile"
              element={
                <RequireAuth>
                  <FinanceProfilePage />
                </RequireAuth>
              }
            />
            <Route
              path="/finance/watchlist"
              element={
                <RequireAuth>
                  <FinanceWatchlistPage />
                </RequireAuth>
              }
            />
            <Route
              path="/finance/referrals"
              element={
                <RequireAuth>
                  <FinanceReferralsPage />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/experts"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <AdminExpertsPage />
                </RequireAuth>
              }
            />
            <Route path="/counties/:code" element={<CountyPage />} />
            <Route
              path="/my/county"
              element={
                <RequireAuth role={PlatformRole.CountyOfficial}>
                  <MyCountyPage />
                </RequireAuth>
              }
            />
            <Route
              path="/my/commissioner"
              element={
                <RequireAuth role={PlatformRole.Commissioner}>
                  <CommissionerWorkbenchPage />
                </RequireAuth>
              }
            />
            <Route
              path="/my/services"
              element={
                <RequireAuth>
                  <MyServicesPage />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/commissioners"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <AdminCommissionersPage />
                </RequireAuth>
              }
            />
            <Route path="/brokers" element={<BrokerDirectoryPage />} />
            <Route path="/brokers/:id" element={<BrokerCardPage />} />
            <Route
              path="/admin/kpis"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <AdminKpisPage />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/dashboard"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <DashboardPage />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/campaigns"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <CampaignsPage />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/campaigns/new"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <CampaignFormPage key="campaign-new" />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/campaigns/:id/edit"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <CampaignFormPage key="campaign-edit" />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/campaigns/:id"
              element={
                <RequireAuth role={PlatformRole.Admin}>
                  <CampaignPage />
                </RequireAuth>
              }
            />
            <Route path="*" element={<Result status="404" title="404" subTitle={t('notFound.title')} />} />
          </Routes>
        </Suspense>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#666' }}>{t('app.subtitle')}</Layout.Footer>
    </Layout>
  );
}
