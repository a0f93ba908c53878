import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  beijingDate,
  COUNTY_NEED_PRIORITIES,
  CountyCampaignView,
  CountyDealView,
  CountyItemView,
  CountyMatchView,
  CountyNeedListEntry,
  CountyNeedListView,
  CountyReachView,
  CountyScopeView,
} from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { formatYuan } from '../components/deal/deal-ui';
import { applyApiError } from '../components/form-errors';
import { TAX, useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';
import { SectionTabs } from '../components/SectionTabs';

/** /my/county: the county official's workspace — the county's needs, achievements, matches and deals (read-only), and the yearly need list editor. */
export function MyCountyPage() {
  const { t, label } = useI18n();
  const { data: scope, error } = useApiQuery<CountyScopeView>(['county', 'scope'], '/county', { retry: false });
  if (error) return <Card>{t('county.workspace.notScoped')}</Card>;
  if (!scope) return <Card loading />;
  const name = label({ code: scope.code, label: scope.name, en: scope.nameEn }, scope.code);
  return (
    <Card
      title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('county.workspace.title', { county: name })}</h1>}
      extra={<Link to={`/counties/${scope.code}`}>{t('county.list.publicPage')}</Link>}
    >
      <SectionTabs
        items={[
          { key: 'needs', label: t('county.tab.needs'), children: <ItemTable kind="needs" /> },
          { key: 'achievements', label: t('county.tab.achievements'), children: <ItemTable kind="achievements" /> },
          { key: 'matches', label: t('county.tab.matches'), children: <MatchTable /> },
          { key: 'deals', label: t('county.tab.deals'), children: <DealTable /> },
          { key: 'reach', label: t('county.tab.reach'), children: <ReachTable /> },
          { key: 'campaigns', label: t('county.tab.campaigns'), children: <CampaignTable /> },
          { key: 'needList', label: t('county.tab.needList'), children: <NeedListEditor /> },
        ]}
      />
    </Card>
  );
}

function ItemTable({ kind }: { kind: 'needs' | 'achievements' }) {
  const { t } = useI18n();
  const { data, isLoading } = useApiQuery<CountyItemView[]>(['county', kind], `/county/${kind}`);
  return (
    <Table<CountyItemView>
      rowKey="id"
      loading={isLoading}
      dataSource={data ?? []}
      data-testid={`county-${kind}`}
      columns={[
        { title: t('county.item.title'), render: (_, i) => <Link to={`/${kind}/${i.id}`}>{i.title}</Link> },
        { title: t('county.item.org'), dataIndex: 'organisationName' },
        {
          title: t('county.item.status'),
          dataIndex: 'status',
          render: (s: string) => (s === 'published' ? <Tag color="green">{t('county.item.published')}</Tag> : <Tag color="blue">{t('county.item.submitted')}</Tag>),
        },
      ]}
    />
  );
}

function MatchTable() {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const { data, isLoading } = useApiQuery<CountyMatchView[]>(['county', 'matches'], '/county/matches');
  return (
    <Table<CountyMatchView>
      rowKey="id"
      loading={isLoading}
      dataSource={data ?? []}
      columns={[
        { title: t('county.match.need'), render: (_, m) => `${m.needTitle}（${labels.region(m.needRegion)}）` },
        { title: t('county.match.achievement'), render: (_, m) => `${m.achievementTitle}（${labels.region(m.achievementRegion)}）` },
        { title: t('county.match.score'), dataIndex: 'score', render: (s: string) => `${Math.round(Number(s) * 100)}%` },
        { title: t('county.match.status'), dataIndex: 'status', render: (s: string) => t(`match.status.${s}` as never) },
      ]}
    />
  );
}

function DealTable() {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const { data, isLoading } = useApiQuery<CountyDealView[]>(['county', 'deals'], '/county/deals');
  return (
    <Table<CountyDealView>
      rowKey="id"
      loading={isLoading}
      dataSource={data ?? []}
      data-testid="county-deals"
      columns={[
        { title: t('county.deal.title'), dataIndex: 'title' },
        { title: t('county.deal.stage'), dataIndex: 'stage', render: (s: string) => t(`deal.stage.${s}` as never) },
        { title: t('county.deal.demand'), render: (_, d) => `${d.demandOrgName}（${labels.region(d.demandOrgRegion)}）` },
        { title: t('county.deal.supply'), render: (_, d) => `${d.supplyOrgName}（${labels.region(d.supplyOrgRegion)}）` },
        { title: t('county.deal.value'), dataIndex: 'expectedValue', render: (v: string | null) => (v ? formatYuan(v) : '-') },
      ]}
    />
  );
}

/** 入县达镇: the achievements that reached the county's organisations, grouped by town. */
function ReachTable() {
  const { t } = useI18n();
  const { data, isLoading } = useApiQuery<CountyReachView[]>(['county', 'reach'], '/county/reach');
  const rows = data ?? [];
  const span = (i: number) => {
    const town = rows[i]?.town;
    if (i > 0 && rows[i - 1]?.town === town) return 0;
    let n = 1;
    while (rows[i + n] && rows[i + n].town === town) n++;
    return n;
  };
  return (
    <>
      <Typography.Paragraph type="secondary">{t('county.reach.hint')}</Typography.Paragraph>
      <Table<CountyReachView>
        rowKey={(r) => `${r.organisationId}-${r.achievementId}`}
        loading={isLoading}
        dataSource={rows}
        pagination={false}
        data-testid="county-reach"
        columns={[
          { title: t('county.reach.town'), dataIndex: 'town', render: (v: string | null) => v ?? t('county.reach.noTown'), onCell: (_, i) => ({ rowSpan: span(i ?? 0) }) },
          { title: t('county.item.org'), dataIndex: 'organisationName' },
          { title: t('county.match.achievement'), render: (_, r) => <Link to={`/achievements/${r.achievementId}`}>{r.achievementTitle}</Link> },
          { title: t('county.reach.via'), render: (_, r) => r.via.map((v) => <Tag key={v}>{t(`county.reach.via.${v}`)}</Tag>) },
        ]}
      />
    </>
  );
}

/** The campaigns that target the county: the county's target, submitted and published, per kind. */
function CampaignTable() {
  const { t } = useI18n();
  const { data, isLoading } = useApiQuery<CountyCampaignView[]>(['county', 'campaigns'], '/county/campaigns');
  const rows = (data ?? []).flatMap((c) => c.rows.map((r) => ({ ...r, key: `${c.campaignId}-${r.kind}`, title: c.title, quarter: c.quarter })));
  return (
    <Table
      rowKey="key"
      loading={isLoading}
      dataSource={rows}
      pagination={false}
      columns={[
        { title: t('county.campaign.title'), render: (_, r) => `${r.title}（${r.quarter}）` },
        { title: t('county.campaign.kind'), render: (_, r) => t(r.kind === 'need' ? 'county.needs' : 'county.achievements') },
        { title: t('county.campaign.target'), dataIndex: 'target', render: (v: number | null) => v ?? '-' },
        { title: t('county.campaign.submitted'), dataIndex: 'submitted' },
        { title: t('county.campaign.published'), dataIndex: 'published' },
      ]}
    />
  );
}

const CHAIN_OPTIONS = TAX.industries.flatMap((i) => i.chains);

function NeedListEditor() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ entries: CountyNeedListEntry[] }>();
  const [year, setYear] = useState(() => Number(beijingDate().slice(0, 4)));
  const { data: list } = useApiQuery<CountyNeedListView>(['county', 'need-list', year], `/county/need-lists/${year}`);
  const { data: needs } = useApiQuery<CountyItemView[]>(['county', 'needs'], '/county/needs');
  useEffect(() => {
    if (list) form.setFieldsValue({ entries: list.entries });
  }, [list, form]);
  const save = useMutation({
    mutationFn: (entries: CountyNeedListEntry[]) => api<CountyNeedListView>('PUT', `/county/need-lists/${year}`, { entries }),
    meta: { invalidates: [['county', 'need-list']] },
    onSuccess: () => message.success(t('county.list.saved')),
    onError: (e) => message.error(applyApiError(form, e)),
  });
  const publish = useMutation({
    mutationFn: () => api<CountyNeedListView>('POST', `/county/need-lists/${year}/publish`),
    meta: { invalidates: [['county', 'need-list']] },
    onSuccess: () => message.success(t('county.list.published')),
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const published = (needs ?? []).filter((n) => n.status === 'published');
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) =>
        save.mutate((v.entries ?? []).map((e) => ({ title: e.title, chain: e.chain, description: e.description ?? '', priority: e.priority, needId: e.needId ?? null })))
      }
    >
      <Space style={{ marginBottom: 16 }}>
        <span>{t('county.list.year')}</span>
        <InputNumber min={2024} max={2035} value={year} onChange={(v) => v && setYear(v)} aria-label={t('county.list.year')} />
        {list && <Tag color={list.status === 'published' ? 'green' : 'default'}>{t(`county.list.status.${list.status}`)}</Tag>}
      </Space>
      <Form.List name="entries">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Card key={f.key} size="small" style={{ marginBottom: 12 }}>
                <Space wrap align="start">
                  <Form.Item name={[f.name, 'title']} label={t('county.entry.title')} rules={[{ required: true, min: 2, max: 200 }]}>
                    <Input style={{ width: 260 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'chain']} label={t('county.entry.chain')} rules={[{ required: true }]}>
                    <Select style={{ width: 200 }} showSearch optionFilterProp="label" options={CHAIN_OPTIONS.map((c) => ({ value: c.code, label: label(c, c.code) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'priority']} label={t('county.entry.priority')} initialValue="medium" rules={[{ required: true }]}>
                    <Select style={{ width: 100 }} options={COUNTY_NEED_PRIORITIES.map((p) => ({ value: p, label: t(`county.priority.${p}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'needId']} label={t('county.entry.need')}>
                    <Select allowClear style={{ width: 260 }} options={published.map((n) => ({ value: n.id, label: n.title }))} />
                  </Form.Item>
                  <Button danger onClick={() => remove(f.name)} style={{ marginTop: 30 }}>
                    {t('county.list.remove')}
                  </Button>
                </Space>
                <Form.Item name={[f.name, 'description']} label={t('county.entry.description')}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Card>
            ))}
            <Button onClick={() => add({ priority: 'medium', description: '', needId: null })}>{t('county.list.add')}</Button>
          </>
        )}
      </Form.List>
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('county.list.save')}
        </Button>
        <Popconfirm title={t('county.list.publishConfirm')} onConfirm={() => publish.mutate()}>
          <Button loading={publish.isPending} disabled={!list?.entries.length}>
            {t('county.list.publish')}
          </Button>
        </Popconfirm>
      </Space>
    </Form>
  );
}
