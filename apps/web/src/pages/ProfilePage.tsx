import { App, Button, Card, Col, Descriptions, Form, Input, Row, Select, Tag } from 'antd';
import type { AuthTokens } from '@ztt/contracts';
import { api } from '../api/client';
import { useAuth } from '../auth/auth';
import { applyApiError } from '../components/form-errors';
import { NotificationSettingsCard } from '../components/NotificationSettingsCard';
import { PersonalDataCard } from '../components/PersonalDataCard';
import { useI18n } from '../i18n/i18n';

export function ProfilePage() {
  const { t, setLocale } = useI18n();
  const { me, reload, adopt } = useAuth();
  const { message } = App.useApp();
  const [profile] = Form.useForm();
  const [password] = Form.useForm();
  if (!me) return null;

  const saveProfile = async (v: { displayName: string; phone?: string; locale: 'zh-CN' | 'en' }) => {
    try {
      await api('PATCH', '/me', { displayName: v.displayName, phone: v.phone || undefined, locale: v.locale });
      setLocale(v.locale);
      await reload();
      message.success(t('common.saved'));
    } catch (e) {
      message.error(applyApiError(profile, e));
    }
  };

  const changePassword = async (v: { currentPassword: string; newPassword: string }) => {
    try {
      await adopt(await api<AuthTokens>('POST', '/me/password', v));
      password.resetFields();
      message.success(t('profile.passwordChanged'));
    } catch (e) {
      message.error(applyApiError(password, e));
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12}>
        <Card title={t('profile.title')}>
          <Form form={profile} layout="vertical" initialValues={{ displayName: me.displayName, phone: me.phone ?? '', locale: me.locale }} onFinish={(v) => void saveProfile(v)}>
            <Form.Item label={t('auth.email')}>
              <Input value={me.email} disabled />
            </Form.Item>
            <Form.Item name="displayName" label={t('auth.displayName')} rules={[{ required: true, max: 50 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="phone" label={t('profile.phone')}>
              <Input />
            </Form.Item>
            <Form.Item name="locale" label={t('profile.locale')}>
              <Select
                options={[
                  { value: 'zh-CN', label: '简体中文' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card title={t('profile.changePassword')} style={{ marginBottom: 16 }}>
          <Form form={password} layout="vertical" onFinish={(v) => void changePassword(v)}>
            <Form.Item name="currentPassword" label={t('profile.currentPassword')} rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item name="newPassword" label={t('profile.newPassword')} extra={t('auth.password.hint')} rules={[{ required: true }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button htmlType="submit">{t('profile.changePassword')}</Button>
          </Form>
        </Card>
        <NotificationSettingsCard />
        <Card style={{ marginTop: 16 }}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('profile.roles')}>
              {me.platformRoles.length ? me.platformRoles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>) : t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('profile.memberships')}>
              {me.memberships.length ? me.memberships.map((m) => <Tag key={m.organisationId}>{m.organisationName}</Tag>) : t('common.none')}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <PersonalDataCard />
      </Col>
    </Row>
  );
}
