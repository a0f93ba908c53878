import { Alert, Button, List, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PanelSuggestion, PanelSuggestionsView } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { useI18n } from '../i18n/i18n';

/**
 * On the challenge desk's panel card: verified experts suggested for the panel, best fit first with
 * the reason, and apart those left out for a link with an applicant, with theirs. Adding one goes
 * through the panel API (`onAdd`); an expert without the reviewer role cannot be added yet.
 */
export function PanelSuggestions({ challengeId, seated, onAdd, adding }: { challengeId: string; seated: string[]; onAdd: (userId: string) => void; adding: boolean }) {
  const { t } = useI18n();
  const { data } = useApiQuery<PanelSuggestionsView>(['challenge', challengeId, 'panel-suggestions'], `/admin/challenges/${challengeId}/panel-suggestions`);
  if (!data) return null;
  return (
    <div style={{ marginTop: 16 }} data-testid="panel-suggestions">
      <Typography.Title level={5}>{t('expert.panel.suggestions')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('expert.panel.suggestionsHint')}</Typography.Paragraph>
      <Table<PanelSuggestion>
        size="small"
        rowKey="userId"
        pagination={false}
        dataSource={data.suggestions}
        locale={{ emptyText: t('expert.panel.noSuggestions') }}
        columns={[
          {
            title: t('expert.name'),
            render: (_, s) => (
              <Space size={4} wrap>
                {s.name}
                <Tag>{t(`expert.kind.${s.kind}`)}</Tag>
                {s.titles.map((x) => (
                  <Typography.Text key={x} type="secondary">
                    {x}
                  </Typography.Text>
                ))}
              </Space>
            ),
          },
          { title: t('expert.panel.score'), dataIndex: 'score', width: 80 },
          { title: t('expert.panel.reason'), dataIndex: 'reason' },
          {
            title: t('common.actions'),
            render: (_, s) =>
              seated.includes(s.userId) ? (
                <Tag color="success">{t('expert.panel.added')}</Tag>
              ) : s.reviewer ? (
                <Button size="small" loading={adding} onClick={() => onAdd(s.userId)} data-testid={`suggestion-add-${s.userId}`}>
                  {t('expert.panel.add')}
                </Button>
              ) : (
                <Tooltip title={t('expert.panel.needsRole')}>
                  <Typography.Text type="warning">{t('expert.panel.needsRole')}</Typography.Text>
                </Tooltip>
              ),
          },
        ]}
      />
      {data.excluded.length > 0 && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          message={t('expert.panel.excluded')}
          data-testid="panel-excluded"
          description={<List size="small" dataSource={data.excluded} renderItem={(x) => <List.Item>{`${x.name}：${x.reason}`}</List.Item>} />}
        />
      )}
    </div>
  );
}
