import { App, Badge, Button, Empty, List, Popover, Space, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { NotificationView, Page } from '@ztt/contracts';
import { api } from '../api/client';
import { useAuth } from '../auth/auth';
import { useI18n } from '../i18n/i18n';
import { formatDateTime } from './catalogue';
import { applyApiError } from './form-errors';
import { useLoader } from './use-loader';

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

  const { data: unread, reload: reloadCount } = useLoader(() => (userId ? api<{ count: number }>('GET', '/notifications/unread-count') : Promise.resolve({ count: 0 })), [userId]);
  const { data: recent, reload: reloadList } = useLoader(
    () => (userId && open ? api<Page<NotificationView>>('GET', '/notifications?page=1&pageSize=10') : Promise.resolve(null)),
    [userId, open],
  );

  useEffect(() => {
    if (!userId) return;
    const timer = window.setInterval(reloadCount, POLL_MS);
    return () => window.clearInterval(timer);
  }, [userId, reloadCount]);

  const refresh = () => {
    reloadCount();
    reloadList();
  };

  const openOne = async (n: NotificationView) => {
    setOpen(false);
    try {
      if (!n.readAt) await api('POST', `/notifications/${n.id}/read`);
    } catch (e) {
      message.error(applyApiError(null, e));
    }
    refresh();
    follow(n.link);
  };

  const readAll = async () => {
    try {
      await api('POST', '/notifications/read-all');
      refresh();
    } catch (e) {
      message.error(applyApiError(null, e));
    }
  };

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
              onClick={() => void openOne(n)}
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
            <Button type="link" size="small" onClick={() => void readAll()} data-testid="notifications-read-all">
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
