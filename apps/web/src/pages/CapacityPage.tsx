import { Card, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CapacityKind, InstrumentView, Page, ProviderCardView, TAXONOMY } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { KindTag, PriceText, RatingText } from '../components/capacity/capacity-ui';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

interface Filters {
  kind?: CapacityKind;
  chain?: string;
  trl?: number;
  region?: string;
  q?: string;
}

/** /capacity: the public directory of pilot bases, PoC centres, open lines and shared instruments, with search and filters. */
export function CapacityPage() {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [instrumentQ, setInstrumentQ] = useState('');
  const [instrumentPage, setInstrumentPage] = useState(1);
  const params = new URLSearchParams({ page: String(page), pageSize: '20' });
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') params.set(k, String(v));
  const providers = useApiQuery<Page<ProviderCardView>>(['capacity', 'providers', filters, page], `/capacity/providers?${params.toString()}`, { keepPrevious: true });
  const instruments = useApiQuery<Page<InstrumentView>>(
    ['capacity', 'instruments', instrumentQ, instrumentPage],
    `/capacity/instruments?page=${instrumentPage}&pageSize=20${instrumentQ ? `&q=${encodeURIComponent(instrumentQ)}` : ''}`,
    { keepPrevious: true },
  );
  const set = (patch: Filters) => {
    setFilters({ ...filters, ...patch });
    setPage(1);
  };
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('capacity.directory.title')}</h1>}>
      <Typography.Paragraph type="secondary">{t('capacity.directory.hint')}</Typography.Paragraph>
      <Tabs
        items={[
          {
            key: 'providers',
            label: t('capacity.tab.providers'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Input.Search
                    allowClear
                    placeholder={t('capacity.filter.q')}
                    aria-label={t('capacity.filter.q')}
                    onSearch={(q) => set({ q: q.trim() || undefined })}
                    style={{ width: 260 }}
                    data-testid="capacity-search"
                  />
                  <Select
                    allowClear
                    placeholder={t('capacity.filter.kind')}
                    style={{ width: 160 }}
                    aria-label={t('capacity.filter.kind')}
                    onChange={(kind?: CapacityKind) => set({ kind })}
                    options={Object.values(CapacityKind).map((k) => ({ value: k, label: t(`capacity.kind.${k}`) }))}
                  />
                  <Select
                    allowClear
                    showSearch
                    optionFilterProp="label"
                    placeholder={t('capacity.filter.chain')}
                    style={{ width: 220 }}
                    aria-label={t('capacity.filter.chain')}
                    onChange={(chain?: string) => set({ chain })}
                    options={TAXONOMY.industries.flatMap((i) => i.chains.map((c) => ({ value: c.code, label: labels.chain(c.code) })))}
                  />
                  <Select
                    allowClear
                    placeholder={t('capacity.filter.trl')}
                    style={{ width: 180 }}
                    aria-label={t('capacity.filter.trl')}
                    onChange={(trl?: number) => set({ trl })}
                    options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((l) => ({ value: l, label: labels.trlShort(l) }))}
                  />
                  <Select
                    allowClear
                    placeholder={t('capacity.filter.region')}
                    style={{ width: 150 }}
                    aria-label={t('capacity.filter.region')}
                    onChange={(region?: string) => set({ region })}
                    options={TAXONOMY.regions.map((r) => ({ value: r.code, label: labels.region(r.code) }))}
                  />
                </Space>
                <Table<ProviderCardView>
                  rowKey="id"
                  loading={providers.isLoading}
                  dataSource={providers.data?.items ?? []}
                  locale={{ emptyText: t('capacity.none') }}
                  pagination={{ current: page, total: providers.data?.total ?? 0, pageSize: 20, onChange: setPage }}
                  data-testid="capacity-providers"
                  scroll={{ x: true }}
                  columns={[
                    {
                      title: t('capacity.name'),
                      render: (_, p) => (
                        <Space direction="vertical" size={0}>
                          <Link to={`/capacity/${p.id}`}>{p.name}</Link>
                          <Typography.Text type="secondary">{p.orgName}</Typography.Text>
                        </Space>
                      ),
                    },
                    { title: t('capacity.kind'), render: (_, p) => <KindTag kind={p.kind} /> },
                    { title: t('capacity.trlRange'), render: (_, p) => `TRL ${p.trlMin}–${p.trlMax}` },
                    {
                      title: t('capacity.capabilities'),
                      render: (_, p) => (
                        <Space wrap size={4}>
                          {p.chains.map((c) => (
                            <Tag key={c}>{labels.chain(c)}</Tag>
                          ))}
                          {p.tags.map((k) => (
                            <Tag key={k} color="blue">
                              {k}
                            </Tag>
                          ))}
                        </Space>
                      ),
                    },
                    { title: t('capacity.region'), render: (_, p) => labels.region(p.region) },
                    { title: t('capacity.price'), render: (_, p) => <PriceText basis={p.priceBasis} amount={p.priceAmount} /> },
                    { title: t('capacity.rating'), render: (_, p) => <RatingText rating={p.rating} /> },
                  ]}
                />
              </Space>
            ),
          },
          {
            key: 'instruments',
            label: <span data-testid="capacity-tab-instruments">{t('capacity.tab.instruments')}</span>,
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input.Search
                  allowClear
                  placeholder={t('capacity.filter.q')}
                  aria-label={t('capacity.filter.q')}
                  onSearch={(q) => {
                    setInstrumentQ(q.trim());
                    setInstrumentPage(1);
                  }}
                  style={{ width: 260 }}
                  data-testid="instrument-search"
                />
                <Table<InstrumentView>
                  rowKey="id"
                  loading={instruments.isLoading}
                  dataSource={instruments.data?.items ?? []}
                  locale={{ emptyText: t('capacity.instruments.none') }}
                  pagination={{ current: instrumentPage, total: instruments.data?.total ?? 0, pageSize: 20, onChange: setInstrumentPage }}
                  data-testid="capacity-instruments"
                  scroll={{ x: true }}
                  columns={[
                    {
                      title: t('capacity.name'),
                      render: (_, i) => (
                        <Space direction="vertical" size={0}>
                          <Link to={`/capacity/instruments/${i.id}`}>{i.name}</Link>
                          <Typography.Text type="secondary">{i.providerName ?? i.orgName}</Typography.Text>
                        </Space>
                      ),
                    },
                    { title: t('capacity.instrument.model'), render: (_, i) => [i.maker, i.model].filter(Boolean).join(' ') },
                    { title: t('capacity.capabilities'), dataIndex: 'capabilities' },
                    { title: t('capacity.instrument.location'), dataIndex: 'location' },
                    { title: t('capacity.instrument.rate'), dataIndex: 'hourlyRate' },
                  ]}
                />
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
