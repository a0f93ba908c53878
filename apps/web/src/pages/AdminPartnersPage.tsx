import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs, { Dayjs } from 'dayjs';
import { useState } from 'react';
import { CreatedPartnerKey, Page, PARTNER_SCOPES, PartnerKeyView, PartnerScope, PartnerUsageEntry } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { OrganisationPicker } from '../components/OrganisationPicker';
import { formatDateTime } from '../components/catalogue';
import { applyApiError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n';

interface KeyForm {
  orgId: string;
  name: string;
  scopes: PartnerScope[];
  ratePerMinute: number;
  expiresAt: Dayjs;
  webhookUrl?: string;
}

const STATUS_COLOUR: Record<PartnerKeyView['status'], string> = { active: 'green', expired: 'default', revoked: 'red' };

/** /admin/partners: platform admins issue partner API keys (shown once), revoke them, and read their usage. */
export function AdminPartnersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<KeyForm>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedPartnerKey | null>(null);
  const [keysPage, setKeysPage] = useState(1);
  const [usagePage, setUsagePage] = useState(1);
  const [usageKey, setUsageKey] = useState<string | undefined>(undefined);
  const keys = useApiQuery<Page<PartnerKeyView>>(['partner-keys', keysPage], `/admin/partner-keys?page=${keysPage}&pageSize=20`, { keepPrevious: true, staleTime: 0 });
  const usage = useApiQuery<Page<PartnerUsageEntry>>(
    ['partner-keys', 'usage', usageKey ?? 'all', usagePage],
    `/admin/partner-keys/usage?page=${usagePage}&pageSize=20${usageKey ? `&keyId=${usageKey}` : ''}`,
    { keepPrevious: true, staleTime: 0 },
  );
  const create = useMutation({
    mutationFn: (v: KeyForm) =>
      api<CreatedPartnerKey>('POST', '/admin/partner-keys', {
        orgId: v.orgId,
        name: v.name.trim(),
        scopes: v.scopes,
        ratePerMinute: v.ratePerMinute,
        expiresAt: v.expiresAt.endOf('day').toISOString(),
        ...(v.webhookUrl?.trim() ? { webhookUrl: v.webhookUrl.trim() } : {}),
      }),
    meta: { invalidates: [['partner-keys']] },
    onSuccess: (answer) => {
      setCreating(false);
      setCreated(answer);
    },
    onError: (e) => message.error(applyApiError(form, e)),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api<PartnerKeyView>('POST', `/admin/partner-keys/${id}/revoke`),
    meta: { invalidates: [['partner-keys']] },
    onSuccess: () => message.success(t('partner.revoked')),
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const keyNames = new Map((keys.data?.items ?? []).map((k) => [k.id, `${k.orgName} · ${k.name}`]));

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values) create.mutate(values);
  };
  const copy = async () => {
    if (!created) return;
    await navigator.clipboard?.writeText(created.secret).catch(() => undefined);
    message.success(t('partner.copied'));
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={t('partner.title')}
        extra={
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              setCreating(true);
            }}
            data-testid="partner-create"
          >
            {t('partner.create')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('partner.hint')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('partner.docs')}</Typography.Paragraph>
        <Table<PartnerKeyView>
          rowKey="id"
          size="small"
          loading={keys.isLoading}
          dataSource={keys.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('partner.none') }}
          pagination={{ current: keysPage, pageSize: 20, total: keys.data?.total ?? 0, onChange: setKeysPage, hideOnSinglePage: true }}
          data-testid="partner-keys"
          columns={[
            { title: t('partner.org'), dataIndex: 'orgName', key: 'org' },
            {
              title: t('partner.name'),
              key: 'name',
              render: (_: unknown, k) => (
                <Space direction="vertical" size={0}>
                  <span>{k.name}</span>
                  <Typography.Text type="secondary" code>{`ztt_${k.keyId}_…`}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('partner.scopes'),
              key: 'scopes',
              render: (_: unknown, k) => (
                <Space size={[0, 4]} wrap>
                  {k.scopes.map((s) => (
                    <Tag key={s}>{t(`partner.scope.${s}`)}</Tag>
                  ))}
                </Space>
              ),
            },
            { title: t('partner.rate'), dataIndex: 'ratePerMinute', key: 'rate' },
            { title: t('partner.expires'), key: 'expires', render: (_: unknown, k) => formatDateTime(k.expiresAt) },
            { title: t('partner.lastUsed'), key: 'used', render: (_: unknown, k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t('partner.never')) },
            {
              title: t('partner.status'),
              key: 'status',
              render: (_: unknown, k) => (
                <Tag color={STATUS_COLOUR[k.status]} data-testid="partner-key-status">
                  {t(`partner.status.${k.status}`)}
                </Tag>
              ),
            },
            {
              title: '',
              key: 'actions',
              render: (_: unknown, k) =>
                k.status === 'revoked' ? null : (
                  <Popconfirm
                    title={t('partner.revoke.confirm', { name: k.name })}
                    okText={t('partner.revoke')}
                    okButtonProps={{ danger: true, 'data-testid': 'partner-revoke-confirm' }}
                    onConfirm={() => revoke.mutateAsync(k.id).catch(() => undefined)}
                  >
                    <Button danger size="small" loading={revoke.isPending && revoke.variables === k.id} data-testid="partner-revoke">
                      {t('partner.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>

      <Card
        title={t('partner.usage')}
        extra={
          <Select
            allowClear
            placeholder={t('partner.usage.all')}
            value={usageKey}
            onChange={(v?: string) => {
              setUsageKey(v);
              setUsagePage(1);
            }}
            options={(keys.data?.items ?? []).map((k) => ({ value: k.id, label: `${k.orgName} · ${k.name}` }))}
            style={{ minWidth: 240 }}
            aria-label={t('partner.usage.key')}
            data-testid="partner-usage-key"
          />
        }
      >
        <Table<PartnerUsageEntry>
          rowKey="id"
          size="small"
          loading={usage.isLoading}
          dataSource={usage.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('partner.usage.none') }}
          pagination={{ current: usagePage, pageSize: 20, total: usage.data?.total ?? 0, onChange: setUsagePage, hideOnSinglePage: true }}
          data-testid="partner-usage"
          columns={[
            { title: t('partner.usage.at'), key: 'at', render: (_: unknown, u) => formatDateTime(u.at) },
            { title: t('partner.usage.key'), key: 'key', render: (_: unknown, u) => keyNames.get(u.keyId) ?? u.keyId },
            { title: t('partner.usage.route'), key: 'route', render: (_: unknown, u) => <Typography.Text code>{`${u.method} ${u.route}`}</Typography.Text> },
            {
              title: t('partner.usage.status'),
              key: 'status',
              render: (_: unknown, u) => <Tag color={u.status < 400 ? 'green' : u.status === 429 ? 'orange' : 'red'}>{u.status}</Tag>,
            },
          ]}
        />
      </Card>

      <Modal
        open={creating}
        title={t('partner.create')}
        okText={t('partner.create')}
        onOk={() => void submit()}
        confirmLoading={create.isPending}
        onCancel={() => setCreating(false)}
        okButtonProps={{ 'data-testid': 'partner-create-submit' } as Record<string, string>}
        destroyOnHidden
      >
        <Form<KeyForm>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ scopes: [PartnerScope.CatalogueRead], ratePerMinute: 120, expiresAt: dayjs().add(1, 'year') }}
        >
          <Form.Item name="orgId" label={t('partner.org')} rules={[{ required: true, message: t('partner.form.orgRequired') }]}>
            <OrganisationPicker />
          </Form.Item>
          <Form.Item name="name" label={t('partner.name')} rules={[{ required: true, whitespace: true, message: t('partner.form.nameRequired') }]}>
            <Input maxLength={100} data-testid="partner-name" />
          </Form.Item>
          <Form.Item name="scopes" label={t('partner.scopes')} rules={[{ required: true, type: 'array', min: 1, message: t('partner.form.scopesRequired') }]}>
            <Checkbox.Group options={PARTNER_SCOPES.map((s) => ({ value: s, label: t(`partner.scope.${s}`) }))} />
          </Form.Item>
          <Form.Item name="ratePerMinute" label={t('partner.rate')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} data-testid="partner-rate" />
          </Form.Item>
          <Form.Item name="expiresAt" label={t('partner.expires')} rules={[{ required: true, message: t('partner.form.expiresRequired') }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.scopes !== b.scopes}>
            {() =>
              (form.getFieldValue('scopes') as PartnerScope[] | undefined)?.includes(PartnerScope.Webhooks) ? (
                <Form.Item name="webhookUrl" label={t('partner.webhookUrl')} rules={[{ required: true, whitespace: true, message: t('partner.form.webhookRequired') }]}>
                  <Input placeholder="https://" maxLength={2048} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
        </Form>
      </Modal>

      {/* Rendered only while the key is on screen: once closed, the secret is nowhere in the page. */}
      {created && (
        <Modal
          open
          title={t('partner.created.title')}
          closable={false}
          maskClosable={false}
          footer={
            <Space>
              <Button onClick={() => void copy()} data-testid="partner-copy">
                {t('partner.copy')}
              </Button>
              <Button type="primary" onClick={() => setCreated(null)} data-testid="partner-created-close">
                {t('partner.copied.done')}
              </Button>
            </Space>
          }
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="warning" showIcon message={t('partner.created.warning')} />
            <Typography.Paragraph copyable={false} code style={{ wordBreak: 'break-all' }} data-testid="partner-secret">
              {created.secret}
            </Typography.Paragraph>
          </Space>
        </Modal>
      )}
    </Space>
  );
}
