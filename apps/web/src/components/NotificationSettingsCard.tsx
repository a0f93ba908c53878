import { App, Button, Card, Form, Input, Select, Switch } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { NotificationSettings, WEBHOOK_KINDS } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useI18n } from '../i18n/i18n';
import { applyApiError } from './form-errors';

/** Which channels a person is told through, besides the in-app bell: email and a group robot. */
export function NotificationSettingsCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<NotificationSettings>();
  const { data } = useApiQuery<NotificationSettings>(['me', 'notification-settings'], '/me/notification-settings');
  const store = useMutation({
    mutationFn: (body: NotificationSettings) => api('PUT', '/me/notification-settings', body),
    meta: { invalidates: [['me', 'notification-settings']] },
    onSuccess: () => message.success(t('common.saved')),
    onError: (e) => message.error(applyApiError(form, e)),
  });
  if (!data) return null;
  const save = async () => {
    const v = await form.validateFields();
    const url = v.webhookUrl?.trim() || null;
    store.mutate({ email: v.email, webhookUrl: url, webhookKind: url ? v.webhookKind : null });
  };
  return (
    <Card title={t('settings.notifications')} style={{ marginTop: 16 }} data-testid="notification-settings">
      <Form form={form} layout="vertical" initialValues={{ ...data, webhookKind: data.webhookKind ?? 'wecom' }}>
        <Form.Item name="email" label={t('settings.email')} valuePropName="checked" extra={t('settings.email.help')}>
          <Switch />
        </Form.Item>
        <Form.Item name="webhookUrl" label={t('settings.webhook')} extra={t('settings.webhook.help')}>
          <Input placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" />
        </Form.Item>
        <Form.Item name="webhookKind" label={t('settings.webhookKind')}>
          <Select options={WEBHOOK_KINDS.map((k) => ({ value: k, label: t(`settings.webhookKind.${k}`) }))} />
        </Form.Item>
        <Button onClick={() => void save()}>{t('common.save')}</Button>
      </Form>
    </Card>
  );
}
