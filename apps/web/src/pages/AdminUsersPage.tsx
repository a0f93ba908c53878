import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { COUNTY_CODES, Page, PLATFORM_ROLES, PlatformRole, UserAdminView, UserStatus } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { applyApiError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n';
import { formatDateTime } from '../components/catalogue';
import { useTaxonomyLabels } from '../components/labels';

export function AdminUsersPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [current, setCurrent] = useState(1);
  const { data: page } = useApiQuery<Page<UserAdminView>>(['admin-users', { q, current }], `/admin/users?page=${current}&pageSize=20&q=${encodeURIComponent(q)}`, {
    keepPrevious: true,
  });
  const change = useMutation({
    mutationFn: ({ fn }: { fn: () => Promise<unknown>; ok: string }) => fn(),
    meta: { invalidates: [['admin-users']] },
    onSuccess: (_, { ok }) => message.success(ok),
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const act = (fn: () => Promise<unknown>, ok: string) => change.mutate({ fn, ok });

  return (
    <Card
      title={t('admin.users.title')}
      extra={
        <Input.Search
          allowClear
          onSearch={(v) => {
            setCurrent(1);
            setQ(v);
          }}
          style={{ width: 280 }}
        />
      }
    >
      <Table<UserAdminView>
        rowKey="id"
        loading={!page}
        dataSource={page?.items ?? []}
        pagination={{ current, total: page?.total ?? 0, pageSize: 20, onChange: setCurrent }}
        columns={[
          { title: t('auth.displayName'), dataIndex: 'displayName' },
          { title: t('auth.email'), dataIndex: 'email' },
          { title: t('profile.memberships'), dataIndex: 'organisations', render: (os: UserAdminView['organisations']) => os.map((o) => <Tag key={o.id}>{o.name}</Tag>) },
          {
            title: t('profile.roles'),
            dataIndex: 'platformRoles',
            render: (_: PlatformRole[], u) => (
              <RolesEditor user={u} save={(roles, county) => act(() => api('PUT', `/admin/users/${u.id}/roles`, { roles, county }), t('admin.users.rolesSaved'))} />
            ),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (s: UserStatus) =>
              s === UserStatus.Deleted ? (
                <Tag>{t('privacy.status.deleted')}</Tag>
              ) : (
                <Tag color={s === UserStatus.Active ? 'green' : 'red'}>{t(s === UserStatus.Active ? 'admin.users.active' : 'admin.users.disabled')}</Tag>
              ),
          },
          { title: t('admin.users.lastLogin'), dataIndex: 'lastLoginAt', render: (d: string | null) => (d ? formatDateTime(d) : '-') },
          {
            title: t('common.actions'),
            render: (_, u) =>
              u.id === me?.id || u.status === UserStatus.Deleted ? null : u.status === UserStatus.Active ? (
                <Popconfirm title={t('admin.users.disableConfirm')} onConfirm={() => act(() => api('POST', `/admin/users/${u.id}/disable`), t('admin.users.disabled'))}>
                  <Button size="small" danger>
                    {t('admin.users.disable')}
                  </Button>
                </Popconfirm>
              ) : (
                <Space>
                  <Button size="small" onClick={() => act(() => api('POST', `/admin/users/${u.id}/enable`), t('admin.users.active'))}>
                    {t('admin.users.enable')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}

/** The platform roles of a user; the county official role is saved only with its county (chosen next to it). */
function RolesEditor({ user, save }: { user: UserAdminView; save: (roles: PlatformRole[], county: string | null) => void }) {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const [pending, setPending] = useState<PlatformRole[] | null>(null);
  const roles = pending ?? user.platformRoles;
  const scoped = roles.includes(PlatformRole.CountyOfficial);
  return (
    <Space direction="vertical" size={4}>
      <Select
        mode="multiple"
        style={{ minWidth: 220 }}
        value={roles}
        aria-label={t('profile.roles')}
        options={PLATFORM_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        onChange={(next: PlatformRole[]) => {
          if (next.includes(PlatformRole.CountyOfficial) && !user.county) return setPending(next);
          setPending(null);
          save(next, next.includes(PlatformRole.CountyOfficial) ? (user.county ?? null) : null);
        }}
      />
      {scoped && (
        <Select
          style={{ minWidth: 220 }}
          placeholder={t('county.pick')}
          aria-label={t('county.field')}
          data-testid={`county-of-${user.id}`}
          value={user.county ?? undefined}
          status={user.county ? undefined : 'warning'}
          options={COUNTY_CODES.map((c) => ({ value: c, label: labels.region(c) }))}
          onChange={(county: string) => {
            setPending(null);
            save(roles, county);
          }}
        />
      )}
    </Space>
  );
}
