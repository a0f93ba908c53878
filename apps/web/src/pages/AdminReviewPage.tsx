import { App, Button, Card, Descriptions, Empty, Input, Modal, Pagination, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { ReactNode, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { AchievementView, ContactInfo, FieldChange, IpItem, ItemKind, NeedView, Page, ReviewQueueEntry, TeamMember } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { budgetText, FIELD_LABELS, formatDateTime, kindPath, priceText } from '../components/catalogue';
import { applyApiError } from '../components/form-errors';
import { ItemStatusTag, TaxonomyLabels, useTaxonomyLabels } from '../components/labels';
import { NeedQualityPanel } from '../components/NeedQuality';
import { useI18n } from '../i18n/i18n';

const PAGE_SIZE = 10;

/** 内容审核: submitted needs and achievements, with what changed since the last publication. */
export function AdminReviewPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const kind: ItemKind = params.get('kind') === 'achievement' ? 'achievement' : 'need';
  return (
    <Card title={t('review.title')}>
      <Tabs
        activeKey={kind}
        onChange={(k) => setParams({ kind: k })}
        destroyOnHidden
        items={[
          { key: 'need', label: <span data-testid="review-tab-need">{t('search.tab.needs')}</span>, children: <ReviewQueue kind="need" /> },
          { key: 'achievement', label: <span data-testid="review-tab-achievement">{t('search.tab.achievements')}</span>, children: <ReviewQueue kind="achievement" /> },
        ]}
      />
    </Card>
  );
}

function ReviewQueue({ kind }: { kind: ItemKind }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [current, setCurrent] = useState(1);
  const [rejecting, setRejecting] = useState<ReviewQueueEntry | null>(null);
  const [reason, setReason] = useState('');
  const { data: page, error } = useApiQuery<Page<ReviewQueueEntry>>(['review-queue', kind, current], `/admin/review?kind=${kind}&page=${current}&pageSize=${PAGE_SIZE}`, {
    keepPrevious: true,
  });
  // A decision changes the item everywhere it shows: its page, its owners' lists.
  const decision = useMutation({
    mutationFn: ({ entry, decision, why }: { entry: ReviewQueueEntry; decision: 'publish' | 'reject'; why?: string }) =>
      api('POST', `/admin/review/${kind}/${entry.item.id}/decision`, why === undefined ? { decision } : { decision, reason: why }),
    meta: { invalidates: [['review-queue'], ['item'], ['items']] },
    onSuccess: (_, { decision }) => {
      message.success(t(decision === 'publish' ? 'review.published' : 'review.rejected'));
      setRejecting(null);
      setReason('');
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const busy = decision.isPending ? decision.variables.entry.item.id : null;
  const decide = (entry: ReviewQueueEntry, d: 'publish' | 'reject', why?: string) => decision.mutate({ entry, decision: d, why });

  if (error) return <Empty description={applyApiError(null, error)} />;
  if (!page) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (page.items.length === 0) return <Empty description={t('review.empty')} data-testid="review-empty" />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {page.items.map((entry) => (
        <ReviewCard
          key={entry.item.id}
          entry={entry}
          busy={busy === entry.item.id}
          onPublish={() => decide(entry, 'publish')}
          onReject={() => {
            setReason('');
            setRejecting(entry);
          }}
        />
      ))}
      <Pagination current={current} pageSize={PAGE_SIZE} total={page.total} onChange={setCurrent} showSizeChanger={false} style={{ textAlign: 'center' }} />
      <Modal
        open={!!rejecting}
        title={`${t('common.reject')}：${rejecting?.item.title ?? ''}`}
        okText={t('common.reject')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), 'data-testid': 'review-reject-confirm' }}
        cancelText={t('common.cancel')}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && decide(rejecting, 'reject', reason.trim())}
      >
        <Typography.Paragraph type="secondary">{t('review.reasonHelp')}</Typography.Paragraph>
        <Input.TextArea
          rows={4}
          value={reason}
          placeholder={t('review.reasonRequired')}
          onChange={(e) => setReason(e.target.value)}
          maxLength={1000}
          showCount
          data-testid="review-reason"
        />
      </Modal>
    </Space>
  );
}

function ReviewCard({ entry, busy, onPublish, onReject }: { entry: ReviewQueueEntry; busy: boolean; onPublish: () => void; onReject: () => void }) {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const { item, changes } = entry;
  const need = item.kind === 'need' ? (item as NeedView) : null;
  const ach = item.kind === 'achievement' ? (item as AchievementView) : null;
  return (
    <Card
      size="small"
      data-testid={`review-entry-${item.id}`}
      title={
        <Space wrap>
          <Link to={`/${kindPath(item.kind)}/${item.id}`}>{item.title}</Link>
          <ItemStatusTag status={item.status} />
          <Tag color={changes.length ? 'orange' : 'blue'}>{t(changes.length ? 'review.changed' : 'review.first')}</Tag>
        </Space>
      }
      extra={
        <Space>
          <Button type="primary" size="small" loading={busy} onClick={onPublish} data-testid={`publish-${item.id}`}>
            {t('review.publish')}
          </Button>
          <Button danger size="small" disabled={busy} onClick={onReject} data-testid={`reject-${item.id}`}>
            {t('common.reject')}
          </Button>
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('item.org')}>{item.ownerOrgName}</Descriptions.Item>
        <Descriptions.Item label={t('item.region')}>{labels.region(item.region)}</Descriptions.Item>
        <Descriptions.Item label={t('item.submittedAt')}>{formatDateTime(item.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('item.chains')}>{item.chains.map(labels.chain).join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('item.trl')}>{labels.trlShort(item.trl)}</Descriptions.Item>
        {need && <Descriptions.Item label={t('need.budget')}>{budgetText(t, need.budgetMin, need.budgetMax, need.budgetNegotiable)}</Descriptions.Item>}
        {ach && <Descriptions.Item label={t('achievement.askingPrice')}>{priceText(t, ach.askingPrice, ach.priceNegotiable)}</Descriptions.Item>}
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 4, expandable: true }}>
        {item.summary}
      </Typography.Paragraph>
      {need?.quality && (
        <div style={{ maxWidth: 520, marginBottom: 12 }}>
          <NeedQualityPanel quality={need.quality} />
        </div>
      )}
      {changes.length > 0 && <ChangesTable changes={changes} labels={labels} />}
    </Card>
  );
}

function ChangesTable({ changes, labels }: { changes: FieldChange[]; labels: TaxonomyLabels }) {
  const { t } = useI18n();
  const show = (field: string, v: unknown) => renderValue(field, v, labels, t('common.yes'), t('common.no'));
  return (
    <Table<FieldChange>
      size="small"
      bordered
      pagination={false}
      rowKey="field"
      dataSource={changes}
      title={() => <Typography.Text strong>{t('review.changes')}</Typography.Text>}
      data-testid="review-changes"
      columns={[
        { title: t('review.field'), dataIndex: 'field', width: 160, render: (f: string) => (FIELD_LABELS[f] ? t(FIELD_LABELS[f]) : f) },
        {
          title: t('review.before'),
          render: (_, c) => <div style={{ background: '#fff1f0', padding: 4, whiteSpace: 'pre-wrap' }}>{show(c.field, c.before)}</div>,
        },
        {
          title: t('review.after'),
          render: (_, c) => <div style={{ background: '#f6ffed', padding: 4, whiteSpace: 'pre-wrap' }}>{show(c.field, c.after)}</div>,
        },
      ]}
    />
  );
}

/** A changed field's value, readable: taxonomy codes as labels, lists joined, objects spelled out. */
function renderValue(field: string, v: unknown, labels: TaxonomyLabels, yes: string, no: string): ReactNode {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? yes : no;
  const codeLabel: Record<string, (c: string) => string> = {
    chains: labels.chain,
    industries: labels.industry,
    cooperationModes: labels.cooperationMode,
    region: labels.region,
    category: labels.needCategory,
    maturityStage: labels.maturityStage,
  };
  if (field === 'trl' && typeof v === 'number') return labels.trl(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '—';
    if (field === 'ipItems') return (v as IpItem[]).map((ip) => `${labels.ipType(ip.type)} ${ip.number}（${ip.status}）`).join('\n');
    if (field === 'team') return (v as TeamMember[]).map((m) => (m.title ? `${m.name}（${m.title}）` : m.name)).join('\n');
    const f = codeLabel[field];
    return v.map((x) => (typeof x === 'string' ? (f ? f(x) : x) : JSON.stringify(x))).join('、');
  }
  if (typeof v === 'string') return codeLabel[field] ? codeLabel[field](v) : v;
  if (typeof v === 'object') {
    if (field === 'contact') {
      const c = v as ContactInfo;
      return [c.name, c.phone, c.email].filter(Boolean).join(' / ');
    }
    return JSON.stringify(v, null, 1);
  }
  return String(v);
}
