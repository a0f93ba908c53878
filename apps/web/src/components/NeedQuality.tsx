import { Alert, Button, Card, List, Progress, Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { NEED_QUALITY_RULES, NeedQuality, NeedQualityCheck, SearchResult, SUGGESTED_INDICATORS } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { useI18n } from '../i18n/i18n';

/** The checklist line of a need-quality check, in the reader's language. */
export function useQualityLabel(): (code: NeedQualityCheck) => string {
  const { t } = useI18n();
  return (code) => {
    switch (code) {
      case 'criteria':
        return t('quality.check.criteria');
      case 'indicators':
        return t('quality.check.indicators');
      case 'budget':
        return t('quality.check.budget');
      case 'trl':
        return t('quality.check.trl');
      case 'keywords':
        return t('quality.check.keywords', { n: NEED_QUALITY_RULES.keywordsMin });
      case 'summary':
        return t('quality.check.summary', { n: NEED_QUALITY_RULES.summaryMin });
    }
  };
}

const colour = (score: number) => (score >= 80 ? '#389e0d' : score >= 50 ? '#d48806' : '#cf1322');

/** The score as a bar and every check, met or not (the need form, the review queue). */
export function NeedQualityPanel({ quality, compact = false }: { quality: NeedQuality; compact?: boolean }) {
  const { t } = useI18n();
  const labelOf = useQualityLabel();
  return (
    <div data-testid="need-quality">
      <Space align="center" style={{ width: '100%' }} wrap>
        {!compact && <Typography.Text strong>{t('quality.title')}</Typography.Text>}
        <Typography.Text data-testid="quality-score">{t('quality.score', { score: quality.score })}</Typography.Text>
      </Space>
      <Progress percent={quality.score} strokeColor={colour(quality.score)} showInfo={false} size="small" aria-label={t('quality.title')} />
      {quality.missing.length === 0 ? (
        <Typography.Text type="success">{t('quality.complete')}</Typography.Text>
      ) : (
        <ul style={{ listStyle: 'none', paddingLeft: 0, margin: 0 }} data-testid="quality-checklist">
          {quality.checks.map((c) => (
            <li key={c.code} data-testid={`quality-check-${c.code}`} data-met={c.met ? 'true' : 'false'}>
              {c.met ? (
                <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('quality.met')} />
              ) : (
                <CloseCircleOutlined style={{ color: '#cf1322' }} aria-label={t('quality.notMet')} />
              )}{' '}
              <Typography.Text type={c.met ? 'secondary' : undefined} delete={c.met && !compact}>
                {labelOf(c.code)}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What would improve a need's matches, from the same checklist (the match preview). */
export function QualityHints({ quality }: { quality: NeedQuality }) {
  const { t } = useI18n();
  const labelOf = useQualityLabel();
  if (quality.missing.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="match-quality-hints"
      message={t('quality.improveMatches')}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {quality.missing.map((code) => (
            <li key={code}>{labelOf(code)}</li>
          ))}
        </ul>
      }
    />
  );
}

/** One-click additions to the acceptance criteria, from the need category's indicator templates. */
export function SuggestedIndicators({ category, onAdd }: { category: string | undefined; onAdd: (line: string) => void }) {
  const { t, locale } = useI18n();
  const suggestions = category ? (SUGGESTED_INDICATORS[category] ?? []) : [];
  if (!suggestions.length) return null;
  return (
    <Space wrap size={[8, 8]} style={{ marginBottom: 16 }} data-testid="suggested-indicators">
      <Typography.Text type="secondary">{t('quality.suggest')}</Typography.Text>
      {suggestions.map((s) => (
        <Button key={s['zh-CN']} size="small" icon={<PlusOutlined />} onClick={() => onAdd(s[locale])}>
          {s[locale]}
        </Button>
      ))}
    </Space>
  );
}

/** The value once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

const SIMILAR_MIN_CHARS = 4;

/** Similar published needs, looked up through the search while the poster types the title. */
export function SimilarNeeds({ title, excludeId, ownOrgName }: { title: string; excludeId?: string; ownOrgName?: string }) {
  const { t } = useI18n();
  const q = useDebounced(title.trim(), 500);
  const path = q.length >= SIMILAR_MIN_CHARS ? `/search/needs?q=${encodeURIComponent(q)}&pageSize=5` : null;
  const { data } = useApiQuery<SearchResult>(['search', 'need', 'similar', q], path, { retry: false });
  const hits = (data?.items ?? []).filter((h) => h.id !== excludeId);
  if (!path || hits.length === 0) return null;
  return (
    <Card size="small" type="inner" style={{ marginBottom: 16 }} data-testid="similar-needs">
      <Typography.Text type="warning">{t('quality.similar')}</Typography.Text>
      <List
        size="small"
        dataSource={hits}
        renderItem={(h) => (
          <List.Item key={h.id}>
            <Link to={`/needs/${h.id}`} target="_blank">
              {h.title}
            </Link>
            <Typography.Text type="secondary">{h.ownerOrgName === ownOrgName ? t('quality.similar.sameOrg') : h.ownerOrgName}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
