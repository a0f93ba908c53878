import { Alert, App, Button, Card, Col, Empty, Input, Pagination, Row, Select, Slider, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { PlatformRole, SearchResult, SearchSort } from '@ztt/contracts';
import { apiDownload } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { applyApiError } from '../components/form-errors';
import { TAX, useTaxonomyLabels } from '../components/labels';
import { ResultCard } from '../components/ResultCard';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const PAGE_SIZE = 20;
type Tab = 'needs' | 'achievements';

/** Query parameters the search API takes, per tab (besides page and pageSize). */
const PARAMS: Record<Tab, string[]> = {
  needs: ['q', 'industry', 'chain', 'region', 'mode', 'trlMin', 'trlMax', 'category', 'sort'],
  achievements: ['q', 'industry', 'chain', 'region', 'mode', 'trlMin', 'trlMax', 'ipType', 'sort'],
};

/** Which query parameter each facet filters on. */
interface FacetDef {
  facet: string;
  param: string;
  title: MessageKey;
}

export function SearchPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const { message } = App.useApp();
  const labels = useTaxonomyLabels();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'achievements' ? 'achievements' : 'needs';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = params.get('q') ?? '';
  const industry = params.get('industry') ?? undefined;
  const trlMin = Number(params.get('trlMin')) || 1;
  const trlMax = Number(params.get('trlMax')) || 9;

  const filters = new URLSearchParams();
  for (const k of PARAMS[tab]) {
    const v = params.get(k);
    if (v) filters.set(k, v);
  }
  const filterQuery = filters.toString();
  const apiQuery = new URLSearchParams(filters);
  apiQuery.set('page', String(page));
  apiQuery.set('pageSize', String(PAGE_SIZE));
  const query = apiQuery.toString();

  const { data, error } = useApiQuery<SearchResult>(['search', tab, query], `/search/${tab}?${query}`, { keepPrevious: true });

  /** Changes some parameters; any filter change goes back to page 1. */
  const update = (changes: Record<string, string | undefined | null>, keepPage = false) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === null || v === '') next.delete(k);
        else next.set(k, v);
      }
      if (!keepPage) next.delete('page');
      return next;
    });
  };

  const facetLabel: Record<string, (code: string) => string> = {
    industries: labels.industry,
    chains: labels.chain,
    region: labels.region,
    cooperationModes: labels.cooperationMode,
    category: labels.needCategory,
    ipTypes: labels.ipType,
  };
  const facetDefs: FacetDef[] = [
    { facet: 'industries', param: 'industry', title: 'item.industries' },
    { facet: 'chains', param: 'chain', title: 'item.chains' },
    { facet: 'region', param: 'region', title: 'item.region' },
    { facet: 'cooperationModes', param: 'mode', title: 'item.cooperationModes' },
    tab === 'needs' ? { facet: 'category', param: 'category', title: 'need.category' } : { facet: 'ipTypes', param: 'ipType', title: 'achievement.ipTypes' },
  ];
  const chainsOfIndustry = industry ? new Set(TAX.industries.find((i) => i.code === industry)?.chains.map((c) => c.code) ?? []) : null;

  const renderFacet = (def: FacetDef) => {
    const counts = data?.facets?.[def.facet] ?? {};
    const selected = params.get(def.param);
    let entries = Object.entries(counts).filter(([, n]) => n > 0);
    if (def.facet === 'chains' && chainsOfIndustry) entries = entries.filter(([code]) => chainsOfIndustry.has(code));
    if (selected && !entries.some(([code]) => code === selected)) entries.unshift([selected, counts[selected] ?? 0]);
    entries.sort((a, b) => b[1] - a[1]);
    return (
      <div key={def.facet} style={{ marginBottom: 16 }} data-testid={`facet-${def.facet}`}>
        <Typography.Text strong>{t(def.title)}</Typography.Text>
        <div style={{ marginTop: 6 }}>
          {entries.length === 0 && <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
          {entries.map(([code, n]) => (
            <Tag.CheckableTag
              key={code}
              checked={selected === code}
              data-testid={`facet-${def.facet}-${code}`}
              onChange={(checked) => {
                const change: Record<string, string | undefined> = { [def.param]: checked ? code : undefined };
                // A chain from another industry makes no sense once the industry changes.
                if (def.param === 'industry') change.chain = undefined;
                update(change);
              }}
              style={{ marginBottom: 4 }}
            >
              {(facetLabel[def.facet] ?? ((c: string) => c))(code)} ({n})
            </Tag.CheckableTag>
          ))}
        </div>
      </div>
    );
  };

  const trlCounts = data?.facets?.trl ?? {};
  const hasFilters = PARAMS[tab].some((k) => k !== 'q' && k !== 'sort' && params.get(k));
  const sortOptions: { value: SearchSort; label: string }[] = [
    { value: 'relevance', label: t('search.sort.relevance') },
    { value: 'newest', label: t('search.sort.newest') },
    ...(tab === 'needs' ? [{ value: 'deadline' as const, label: t('search.sort.deadline') }] : []),
    { value: 'budget', label: t(tab === 'needs' ? 'search.sort.budget' : 'search.sort.price') },
  ];

  const exportXlsx = async () => {
    try {
      await apiDownload(`/admin/export/${tab === 'needs' ? 'need' : 'achievement'}?${filterQuery}`, `${tab}.xlsx`);
    } catch (e) {
      message.error(applyApiError(null, e));
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(q ? { tab: k, q } : { tab: k })}
          items={[
            { key: 'needs', label: <span data-testid="tab-needs">{t('search.tab.needs')}</span> },
            { key: 'achievements', label: <span data-testid="tab-achievements">{t('search.tab.achievements')}</span> },
          ]}
        />
        <Input.Search
          key={`${tab}-${q}`}
          size="large"
          allowClear
          enterButton={t('common.search')}
          defaultValue={q}
          placeholder={t(tab === 'needs' ? 'search.placeholder.needs' : 'search.placeholder.achievements')}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          data-testid="search-input"
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} md={7}>
          <Card
            size="small"
            title={t('search.filters')}
            extra={
              hasFilters && (
                <Button type="link" size="small" onClick={() => setParams(q ? { tab, q } : { tab })} data-testid="clear-filters">
                  {t('search.clear')}
                </Button>
              )
            }
          >
            {facetDefs.slice(0, 3).map(renderFacet)}
            <div style={{ marginBottom: 16 }} data-testid="facet-trl">
              <Typography.Text strong>{t('search.trlRange')}</Typography.Text>
              <Slider
                key={`${trlMin}-${trlMax}`}
                range
                min={1}
                max={9}
                defaultValue={[trlMin, trlMax]}
                ariaLabelForHandle={[t('search.trlFrom'), t('search.trlTo')]}
                marks={{ 1: '1', 3: '3', 5: '5', 7: '7', 9: '9' }}
                tooltip={{ formatter: (v) => (v ? labels.trl(v) : '') }}
                onChangeComplete={(v) => update({ trlMin: v[0] > 1 ? String(v[0]) : undefined, trlMax: v[1] < 9 ? String(v[1]) : undefined })}
              />
              <Space wrap size={[8, 0]}>
                {Object.entries(trlCounts)
                  .filter(([, n]) => n > 0)
                  .sort((a, b) => Number(a[0]) - Number(b[0]))
                  .map(([level, n]) => (
                    <Typography.Text type="secondary" key={level} style={{ fontSize: 12 }}>
                      TRL {level} ({n})
                    </Typography.Text>
                  ))}
              </Space>
            </div>
            {facetDefs.slice(3).map(renderFacet)}
          </Card>
        </Col>
        <Col xs={24} md={17}>
          <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
            <Typography.Text type="secondary" data-testid="search-total">
              {data ? t('search.total', { count: data.total }) : ''}
            </Typography.Text>
            <Space>
              {hasRole(PlatformRole.Admin) && (
                <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} data-testid="export">
                  {t('search.export')}
                </Button>
              )}
              <Typography.Text>{t('search.sort')}</Typography.Text>
              <Select<SearchSort>
                style={{ width: 140 }}
                value={(params.get('sort') as SearchSort | null) ?? 'relevance'}
                options={sortOptions}
                aria-label={t('search.sort')}
                onChange={(v) => update({ sort: v === 'relevance' ? undefined : v })}
                data-testid="search-sort"
              />
            </Space>
          </Space>
          {error ? (
            <Alert type="error" showIcon message={applyApiError(null, error)} />
          ) : !data ? (
            <Spin style={{ display: 'block', margin: 48 }} />
          ) : data.items.length === 0 ? (
            <Card>
              <Empty description={t('search.empty')} />
            </Card>
          ) : (
            <>
              {data.items.map((hit) => (
                <ResultCard key={hit.id} hit={hit} />
              ))}
              <Pagination
                current={page}
                pageSize={PAGE_SIZE}
                total={data.total}
                showSizeChanger={false}
                onChange={(p) => update({ page: p > 1 ? String(p) : undefined }, true)}
                style={{ textAlign: 'center', marginTop: 16 }}
              />
            </>
          )}
        </Col>
      </Row>
    </Space>
  );
}
