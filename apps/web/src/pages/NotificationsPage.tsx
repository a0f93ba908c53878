import { App, Badge, Button, Card, List, Space, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { NotificationView, Page } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { formatDateTime } from '../components/catalogue';
import { applyApiError } from '../components/form-errors';
import { useFollowLink } from '../components/NotificationBell';
import { useI18n } from '../i18n/i18n';

const PAGE_SIZE = 20;

export function NotificationsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const follow = useFollowLink();
  const [current, setCurrent] = useState(1);
  // New notifications arrive from the server's side: each visit reads the list afresh.
  const { data: page } = useApiQuery<Page<NotificationView>>(['notifications', 'page', current], `/notifications?page=${current}&pageSize=${PAGE_SIZE}`, {
    keepPrevious: true,
    staleTime: 0,
  });
  const mark = useMutation({
    mutationFn: (path: string) => api('POST', path),
    meta: { invalidates: [['notifications']] },
    onError: (e) => message.error(applyApiError(null, e)),
  });

  return (
    <Card
      title={t('notifications.title')}
      extra={
        <Button onClick={() => mark.mutate('/notifications/read-all')} data-testid="notifications-page-read-all">
          {t('notifications.readAll')}
        </Button>
      }
    >
      <List<NotificationView>
        loading={!page}
        dataSource={page?.items ?? []}
        locale={{ emptyText: t('notifications.empty') }}
        pagination={{ current, total: page?.total ?? 0, pageSize: PAGE_SIZE, onChange: setCurrent, showSizeChanger: false }}
        renderItem={(n) => (
          <List.Item
            style={{ cursor: n.link ? 'pointer' : undefined }}
            onClick={() => (n.readAt ? follow(n.link) : mark.mutate(`/notifications/${n.id}/read`, { onSettled: () => follow(n.link) }))}
          >
            <List.Item.Meta
              title={
                <Space>
                  {!n.readAt && <Badge status="processing" />}
                  <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                </Space>
              }
              description={
                <Space direction="vertical" size={0}>
                  <Typography.Text type="secondary">{n.body}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(n.createdAt)}
                  </Typography.Text>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
