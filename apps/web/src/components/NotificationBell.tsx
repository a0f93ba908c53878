import { App, Badge, Button, Empty, List, Popover, Space, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { NotificationView, Page } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { useI18n } from '../i18n/i18n';
import { formatDateTime } from './catalogue';
import { applyApiError } from './form-errors';

const POLL_MS = 30_000;

/** Follows a notification's link: inside the app with the router, elsewhere with the browser. */
export function useFollowLink() {
  const navigate = useNavigate();
  return (link: string | null) => {
    if (!link) return;
    if (link.startsWith('/')) navigate(link);
    else window.location.assign(link);
  };
}

/** The header's bell: unread count polled every 30 s, recent notifications on click. */
export function NotificationBell() {
  const { t } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const follow = useFollowLink();
  const [open, setOpen] = useState(false);
  const userId = me?.id ?? null;

  const { data: unread } = useApiQuery<{ count: number }>(['notifications', 'unread', userId], userId ? '/notifications/unread-count' : null, {
    refetchInterval: POLL_MS,
    staleTime: 0,
  });
  // Read afresh each time the bell opens.
  const { data: recent } = useApiQuery<Page<NotificationView>>(['notifications', 'recent', userId], userId && open ? '/notifications?page=1&pageSize=10' : null, {
    staleTime: 0,
  });

  const mark = useMutation({
    mutationFn: (path: string) => api('POST', path),
    meta: { invalidates: [['notifications']] },
    onError: (e) => message.error(applyApiError(null, e)),
  });

  const openOne = (n: NotificationView) => {
    setOpen(false);
    if (!n.readAt) mark.mutate(`/notifications/${n.id}/read`);
    follow(n.link);
  };

  const readAll = () => mark.mutate('/notifications/read-all');

  const content = (
    <div style={{ width: 360 }} data-testid="notification-list">
      {!recent ? (
        <Spin style={{ display: 'block', margin: 24 }} />
      ) : recent.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List<NotificationView>
          size="small"
          dataSource={recent.items}
          style={{ maxHeight: 420, overflowY: 'auto' }}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: 'pointer', background: n.readAt ? undefined : '#f0f7ff', paddingInline: 8 }}
              onClick={() => openOne(n)}
              data-testid={`notification-${n.id}`}
            >
              <List.Item.Meta
                title={
                  <Space>
                    {!n.readAt && <Badge status="processing" />}
                    <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }} type="secondary">
                      {n.body}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );

  if (!userId) return null;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>{t('notifications.title')}</span>
          <Space size={0}>
            <Button type="link" size="small" onClick={() => readAll()} data-testid="notifications-read-all">
              {t('notifications.readAll')}
            </Button>
            <Button
              type="link"
              size="small"
              onClick={() => {
                setOpen(false);
                navigate('/notifications');
              }}
            >
              {t('notifications.all')}
            </Button>
          </Space>
        </Space>
      }
      content={content}
    >
      <Badge count={unread?.count ?? 0} size="small" offset={[-4, 4]} data-testid="notification-count">
        <Button type="text" icon={<BellOutlined style={{ fontSize: 18 }} />} aria-label={t('notifications.title')} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
