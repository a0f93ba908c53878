import { Card, DatePicker, Input, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { AuditAction, AuditEntryView, AuditResult, Page } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { useI18n } from '../i18n/i18n';
import { formatDateTime } from '../components/catalogue';

const RESULT_COLORS: Record<AuditResult, string> = { ok: 'green', failed: 'orange', denied: 'red' };

export function AdminAuditPage() {
  const { t } = useI18n();
  const [actorEmail, setActorEmail] = useState('');
  const [action, setAction] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [current, setCurrent] = useState(1);

  const params = new URLSearchParams({ page: String(current), pageSize: '50' });
  if (actorEmail) params.set('actorEmail', actorEmail);
  if (action) params.set('action', action);
  if (range?.[0]) params.set('from', range[0].startOf('day').toISOString());
  if (range?.[1]) params.set('to', range[1].endOf('day').toISOString());
  const query = params.toString();
  // The audit log only grows: each visit reads it afresh.
  const { data: page } = useApiQuery<Page<AuditEntryView>>(['audit', query], `/admin/audit?${query}`, { keepPrevious: true, staleTime: 0 });

  return (
    <Card
      title={t('admin.audit.title')}
      extra={
        <Space wrap>
          <Input.Search
            placeholder={t('admin.audit.actor')}
            allowClear
            onSearch={(v) => {
              setCurrent(1);
              setActorEmail(v.trim());
            }}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={t('admin.audit.action')}
            style={{ width: 240 }}
            value={action}
            onChange={(v: string | undefined) => {
              setCurrent(1);
              setAction(v);
            }}
            options={Object.values(AuditAction).map((a) => ({ value: a, label: a }))}
          />
          <DatePicker.RangePicker
            onChange={(v) => {
              setCurrent(1);
              setRange(v);
            }}
          />
        </Space>
      }
    >
      <Table<AuditEntryView>
        rowKey="id"
        size="small"
        loading={!page}
        dataSource={page?.items ?? []}
        pagination={{ current, total: page?.total ?? 0, pageSize: 50, onChange: setCurrent, showSizeChanger: false }}
        columns={[
          { title: t('admin.audit.time'), dataIndex: 'occurredAt', render: (d: string) => formatDateTime(d) },
          { title: t('admin.audit.actor'), dataIndex: 'actorEmail', render: (e: string | null) => e ?? '-' },
          { title: t('admin.audit.action'), dataIndex: 'action', render: (a: string) => <code>{a}</code> },
          { title: t('admin.audit.target'), render: (_, r) => (r.targetType ? `${r.targetType}:${r.targetId ?? ''}` : '-') },
          { title: t('admin.audit.result'), dataIndex: 'result', render: (r: AuditResult) => <Tag color={RESULT_COLORS[r]}>{t(`admin.audit.result.${r}`)}</Tag> },
          { title: t('admin.audit.address'), dataIndex: 'clientAddress' },
        ]}
      />
    </Card>
  );
}
