import { Alert, App, Button, Card, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, apiDownload, ApiError } from '../api/client';
import { useAuth } from '../auth/auth';
import { useI18n } from '../i18n/i18n';
import { applyApiError } from './form-errors';

/** PIPL rights on the profile page: download a copy of one's data, and delete the account (password asked again). */
export function PersonalDataCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ password: string }>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const download = async () => {
    try {
      await apiDownload('/me/export', 'personal-data.json');
    } catch (e) {
      message.error(applyApiError(null, e));
    }
  };

  const remove = async () => {
    const { password } = await form.validateFields();
    setBusy(true);
    setRefusal(null);
    try {
      await api('DELETE', '/me', { password });
      setOpen(false);
      await logout();
      message.success(t('privacy.deleted'));
      navigate('/login');
    } catch (e) {
      const text = applyApiError(form, e);
      const details = e instanceof ApiError ? e.details : [];
      // A wrong password shows under the field; the last-admin refusal names the organisations in its details.
      if (!details.some((d) => d.field === 'password')) setRefusal(details.some((d) => d.field === 'organisations') ? details.map((d) => d.message).join('；') : text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('privacy.title')} style={{ marginTop: 16 }} data-testid="personal-data">
      <Typography.Paragraph type="secondary">{t('privacy.intro')}</Typography.Paragraph>
      <Space wrap>
        <Button onClick={() => void download()} data-testid="personal-data-download">
          {t('privacy.download')}
        </Button>
        <Button
          danger
          data-testid="account-delete"
          onClick={() => {
            form.resetFields();
            setRefusal(null);
            setOpen(true);
          }}
        >
          {t('privacy.delete')}
        </Button>
      </Space>
      <Modal
        open={open}
        title={t('privacy.delete.title')}
        okText={t('privacy.delete.confirm')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'account-delete-confirm' }}
        cancelText={t('common.cancel')}
        onOk={() => void remove()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('privacy.delete.consequences')}</Typography.Paragraph>
        <ul>
          <li>{t('privacy.delete.erased')}</li>
          <li>{t('privacy.delete.kept')}</li>
          <li>{t('privacy.delete.lastAdmin')}</li>
        </ul>
        {refusal && <Alert type="error" showIcon message={refusal} style={{ marginBottom: 12 }} data-testid="account-delete-refusal" />}
        <Form form={form} layout="vertical" onFinish={() => void remove()}>
          <Form.Item name="password" label={t('privacy.delete.password')} rules={[{ required: true, message: t('privacy.delete.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="account-delete-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
