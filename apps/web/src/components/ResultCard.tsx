import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { SearchHit } from '@ztt/contracts';
import { useI18n } from '../i18n/i18n';
import { formatDate, hitMoney, kindPath } from './catalogue';
import { useTaxonomyLabels } from './labels';

/** One search result: highlighted title and summary (server-escaped, only <mark> tags), facts and tags. */
export function ResultCard({ hit }: { hit: SearchHit }) {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const href = `/${kindPath(hit.kind)}/${hit.id}`;
  return (
    <Card size="small" data-testid="result-card" data-id={hit.id} style={{ marginBottom: 12 }}>
      <Space direction="vertical" size={6} style={{ width: '100%' }}>
        <Link to={href} data-testid="result-title">
          <Typography.Text strong style={{ fontSize: 16, color: 'inherit' }}>
            <span dangerouslySetInnerHTML={{ __html: hit.highlight?.title || escapeHtml(hit.title) }} />
          </Typography.Text>
        </Link>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} ellipsis={{ rows: 3 }}>
          <span dangerouslySetInnerHTML={{ __html: hit.highlight?.summary || escapeHtml(hit.summary) }} />
        </Typography.Paragraph>
        <Space wrap size={[4, 4]}>
          {hit.kind === 'need' && hit.category && <Tag color="volcano">{labels.needCategory(hit.category)}</Tag>}
          {hit.kind === 'achievement' && hit.maturityStage && <Tag color="cyan">{labels.maturityStage(hit.maturityStage)}</Tag>}
          {hit.chains.map((c) => (
            <Tag color="blue" key={c}>
              {labels.chain(c)}
            </Tag>
          ))}
          {hit.cooperationModes.map((m) => (
            <Tag key={m}>{labels.cooperationMode(m)}</Tag>
          ))}
          {(hit.ipTypes ?? []).map((ip) => (
            <Tag color="purple" key={ip}>
              {labels.ipType(ip)}
            </Tag>
          ))}
          {hit.keywords.map((k) => (
            <Tag bordered={false} key={`kw-${k}`}>
              #{k}
            </Tag>
          ))}
        </Space>
        <Space wrap split={<Typography.Text type="secondary">·</Typography.Text>} style={{ fontSize: 13 }}>
          <Typography.Text>{hit.ownerOrgName}</Typography.Text>
          <Typography.Text type="secondary">{labels.region(hit.region)}</Typography.Text>
          <Typography.Text type="secondary">{labels.trlShort(hit.trl)}</Typography.Text>
          <Typography.Text type="warning" data-testid="result-money">
            {t(hit.kind === 'need' ? 'need.budget' : 'achievement.askingPrice')}：{hitMoney(t, hit)}
          </Typography.Text>
          {hit.kind === 'need' && hit.deadline && (
            <Typography.Text type="secondary">
              {t('need.deadline')}：{formatDate(hit.deadline)}
            </Typography.Text>
          )}
          {hit.publishedAt && (
            <Typography.Text type="secondary">
              {t('item.publishedAt')}：{formatDate(hit.publishedAt)}
            </Typography.Text>
          )}
        </Space>
      </Space>
    </Card>
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
