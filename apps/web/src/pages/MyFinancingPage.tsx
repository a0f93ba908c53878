import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { FinanceProfileView, FinancingRequestPublicView, PlatformRole } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { formatDate } from '../components/catalogue';
import { FinancingStatusTag, useFinanceLabels } from '../components/finance/financing-ui';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

function RequestsTable({ rows, loading, showOrg }: { rows: FinancingRequestPublicView[]; loading: boolean; showOrg?: boolean }) {
  const { t } = useI18n();
  const f = useFinanceLabels();
  return (
    <Table<FinancingRequestPublicView>
      rowKey="id"
      loading={loading}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t('finance.mine.none') }}
      scroll={{ x: true }}
      columns={[
        {
          title: t('finance.field.title'),
          render: (_: unknown, r) => (
            <Link to={`/financing/${r.id}`} data-testid="financing-row-title">
              {r.title}
            </Link>
          ),
        },
        ...(showOrg ? [{ title: t('finance.field.org'), dataIndex: 'orgName' }] : []),
        { title: t('finance.field.amount'), render: (_: unknown, r) => f.yuan(r.amount) },
        { title: t('finance.field.instrument'), render: (_: unknown, r) => f.instrument(r.instrument) },
        { title: t('finance.field.stage'), render: (_: unknown, r) => f.stage(r.stage) },
        { title: t('finance.field.status'), render: (_: unknown, r) => <FinancingStatusTag status={r.status} /> },
        { title: t('finance.field.arrangedAmount'), render: (_: unknown, r) => (r.arrangedAmount ? f.yuan(r.arrangedAmount) : '—') },
        { title: '', render: (_: unknown, r) => formatDate(r.publishedAt ?? r.createdAt) },
      ]}
    />
  );
}

/** /my/financing: my organisations' financing requests, and a new one. */
export function MyFinancingPage() {
  const { t } = useI18n();
  const mine = useApiQuery<FinancingRequestPublicView[]>(['financing', 'mine'], '/financing-requests/mine', { staleTime: 0 });
  return (
    <Card
      title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('finance.mine.title')}</h1>}
      extra={
        <Link to="/my/financing/new">
          <Button type="primary" data-testid="financing-new">
            {t('finance.mine.new')}
          </Button>
        </Link>
      }
    >
      <Typography.Paragraph type="secondary">{t('finance.mine.hint')}</Typography.Paragraph>
      {mine.error ? <Alert type="error" message={mine.error.message} /> : <RequestsTable rows={mine.data ?? []} loading={mine.isLoading} />}
    </Card>
  );
}

/** /financing: open requests (public part) for finance members, brokers and admins; brokers and admins also see every finance profile. */
export function FinancingRequestsPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const open = useApiQuery<FinancingRequestPublicView[]>(['financing', 'open'], '/financing-requests', { staleTime: 0, retry: false });
  const staff = hasRole(PlatformRole.Broker) || hasRole(PlatformRole.Admin);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('finance.open.title')}</h1>}>
        <Typography.Paragraph type="secondary">{t('finance.open.hint')}</Typography.Paragraph>
        {open.error ? <Alert type="info" showIcon message={t('finance.watchlist.noProfile')} /> : <RequestsTable rows={open.data ?? []} loading={open.isLoading} showOrg />}
      </Card>
      {staff && <FinanceProfiles />}
    </Space>
  );
}

/** Every finance organisation's profile, for brokers and admins. */
function FinanceProfiles() {
  const { t } = useI18n();
  const f = useFinanceLabels();
  const labels = useTaxonomyLabels();
  const q = useApiQuery<FinanceProfileView[]>(['finance', 'profiles'], '/finance/profiles', { staleTime: 0 });
  return (
    <Card title={t('finance.profiles.title')}>
      <Table<FinanceProfileView>
        rowKey="orgId"
        loading={q.isLoading}
        dataSource={q.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="finance-profiles"
        columns={[
          { title: t('finance.field.org'), dataIndex: 'orgName' },
          { title: t('finance.profile.kind'), render: (_: unknown, p) => f.kind(p.kind) },
          { title: t('finance.profile.instruments'), render: (_: unknown, p) => p.instruments.map(f.instrument).join('、') },
          { title: t('finance.profiles.ticket'), render: (_: unknown, p) => `${f.yuan(p.ticketMin)} – ${f.yuan(p.ticketMax)}` },
          { title: t('finance.profile.stages'), render: (_: unknown, p) => p.stages.map(f.stage).join('、') || '—' },
          { title: t('finance.profile.chains'), render: (_: unknown, p) => p.chains.map((c) => labels.chain(c)).join('、') || '—' },
        ]}
      />
    </Card>
  );
}
