import { App, Button, Card, Popconfirm, Space, Table, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { InstrumentView, ProviderDetailView } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { KindTag, ReasonModal } from '../components/capacity/capacity-ui';
import { applyApiError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n';

type Queue = { providers: ProviderDetailView[]; instruments: InstrumentView[] };

/** /admin/capacity: platform admins publish or send back pilot platforms and shared instruments. */
export function AdminCapacityPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState<{ kind: 'providers' | 'instruments'; id: string } | null>(null);
  const queue = useApiQuery<Queue>(['capacity', 'review-queue'], '/admin/capacity/review-queue', { staleTime: 0 });
  const review = useMutation({
    mutationFn: (v: { kind: 'providers' | 'instruments'; id: string; decision: 'publish' | 'reject'; reason?: string }) =>
      api<Queue>('POST', `/admin/capacity/${v.kind}/${v.id}/review`, { decision: v.decision, reason: v.reason }),
    meta: { invalidates: [['capacity']] },
    onSuccess: () => {
      message.success(t('capacity.saved'));
      setRejecting(null);
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const actions = (kind: 'providers' | 'instruments', id: string) => (
    <Space>
      <Popconfirm title={t('capacity.admin.publish')} onConfirm={() => review.mutate({ kind, id, decision: 'publish' })}>
        <Button size="small" type="primary" data-testid={`capacity-publish-${id}`}>
          {t('capacity.admin.publish')}
        </Button>
      </Popconfirm>
      <Button size="small" danger onClick={() => setRejecting({ kind, id })}>
        {t('capacity.admin.reject')}
      </Button>
    </Space>
  );
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('capacity.admin.title')}</h1>}>
      <Typography.Title level={5}>{t('capacity.tab.providers')}</Typography.Title>
      <Table<ProviderDetailView>
        rowKey="id"
        loading={queue.isLoading}
        dataSource={queue.data?.providers ?? []}
        pagination={false}
        locale={{ emptyText: t('capacity.admin.none') }}
        scroll={{ x: true }}
        columns={[
          { title: t('capacity.name'), render: (_, p) => <Link to={`/capacity/${p.id}`}>{p.name}</Link> },
          { title: t('capacity.org'), dataIndex: 'orgName' },
          { title: t('capacity.kind'), render: (_, p) => <KindTag kind={p.kind} /> },
          { title: t('capacity.trlRange'), render: (_, p) => `TRL ${p.trlMin}–${p.trlMax}` },
          { title: t('capacity.capabilities'), dataIndex: 'capabilities' },
          { title: t('capacity.actions'), render: (_, p) => actions('providers', p.id) },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('capacity.tab.instruments')}
      </Typography.Title>
      <Table<InstrumentView>
        rowKey="id"
        loading={queue.isLoading}
        dataSource={queue.data?.instruments ?? []}
        pagination={false}
        locale={{ emptyText: t('capacity.admin.none') }}
        scroll={{ x: true }}
        columns={[
          { title: t('capacity.name'), render: (_, i) => <Link to={`/capacity/instruments/${i.id}`}>{i.name}</Link> },
          { title: t('capacity.org'), render: (_, i) => i.providerName ?? i.orgName },
          { title: t('capacity.instrument.rate'), dataIndex: 'hourlyRate' },
          { title: t('capacity.actions'), render: (_, i) => actions('instruments', i.id) },
        ]}
      />
      <ReasonModal
        open={!!rejecting}
        title={t('capacity.admin.reject')}
        saving={review.isPending}
        onClose={() => setRejecting(null)}
        onSave={(reason) => rejecting && review.mutate({ ...rejecting, decision: 'reject', reason })}
      />
    </Card>
  );
}
