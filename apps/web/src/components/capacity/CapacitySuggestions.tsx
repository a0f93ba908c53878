import { Button, Card, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CapacitySuggestionsView } from '@ztt/contracts';
import { useApiQuery } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { KindTag } from './capacity-ui';
import { RunRequestModal } from './RunRequestModal';

/** On an achievement (its owners' view): pilot and verification platforms suggested for TRL 3–6, with reasons, and 申请验证. */
export function CapacitySuggestions({ achievementId }: { achievementId: string }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<string | null>(null);
  const { data } = useApiQuery<CapacitySuggestionsView>(['capacity', 'suggestions', achievementId], `/achievements/${achievementId}/capacity-suggestions`);
  if (!data || !data.eligible) return null;
  return (
    <Card title={t('capacity.suggestions.title')} data-testid="capacity-suggestions">
      <Typography.Paragraph type="secondary">{t('capacity.suggestions.hint')}</Typography.Paragraph>
      <List
        dataSource={data.suggestions}
        locale={{ emptyText: t('capacity.suggestions.none') }}
        renderItem={(s) => (
          <List.Item
            actions={[
              <Button key="run" size="small" onClick={() => setAsking(s.providerId)}>
                {t('capacity.requestRun')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <KindTag kind={s.kind} />
                  <Link to={`/capacity/${s.providerId}`}>{s.name}</Link>
                </Space>
              }
              description={s.reasons.join('；')}
            />
          </List.Item>
        )}
      />
      {asking && <RunRequestModal providerId={asking} achievementId={achievementId} open onClose={() => setAsking(null)} />}
    </Card>
  );
}
