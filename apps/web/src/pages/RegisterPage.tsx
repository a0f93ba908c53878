import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PASSWORD_MIN_LENGTH } from '@ztt/contracts';
import { useAuth } from '../auth/auth';
import { applyApiError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n';

export function RegisterPage() {
  const { t } = useI18n();
  const { register } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { email: string; password: string; displayName: string }) => {
    setBusy(true);
    setError(null);
    try {
      await register(v.email, v.password, v.displayName);
      navigate('/onboarding', { replace: true });
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('auth.register.title')} style={{ maxWidth: 460, margin: '48px auto' }}>
      {error && <Alert type="error" message={error} showIcon style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="displayName" label={t('auth.displayName')} rules={[{ required: true, max: 50 }]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="email" label={t('auth.email')} rules={[{ required: true, type: 'email' }]}>
          <Input autoComplete="email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          extra={t('auth.password.hint')}
          rules={[
            { required: true },
            { validator: (_, v: string) => (!v || Array.from(v).length >= PASSWORD_MIN_LENGTH ? Promise.resolve() : Promise.reject(new Error(t('auth.password.hint')))) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('auth.register.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        {t('auth.register.hasAccount')} <Link to="/login">{t('nav.login')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
