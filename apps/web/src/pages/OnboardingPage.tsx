import { Alert, App, Button, Card, Form, Input, List, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { OrganisationPublicView, OrganisationView, Page } from '@ztt/contracts';
import { api } from '../api/client';
import { useAuth } from '../auth/auth';
import { applyApiError } from '../components/form-errors';
import { useTaxonomyLabels, VerificationTag } from '../components/labels';
import { OrganisationForm, OrganisationFormValues } from '../components/OrganisationForm';
import { useI18n } from '../i18n/i18n';

export function OnboardingPage() {
  const { t } = useI18n();
  const { reload } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const labels = useTaxonomyLabels();
  const [form] = Form.useForm<OrganisationFormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<OrganisationPublicView[] | null>(null);

  const create = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const org = await api<OrganisationView>('POST', '/orgs', values);
      await reload();
      message.success(t('org.created'));
      navigate(`/orgs/${org.id}`);
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };

  const search = async (q: string) => {
    const page = await api<Page<OrganisationPublicView>>('GET', `/orgs?q=${encodeURIComponent(q)}&pageSize=20`);
    setResults(page.items);
  };

  const join = async (id: string) => {
    try {
      await api('POST', `/orgs/${id}/join-requests`);
      await reload();
      message.success(t('onboarding.joinRequested'));
      navigate('/');
    } catch (e) {
      message.error(applyApiError(null, e));
    }
  };

  return (
    <Card title={t('onboarding.title')} style={{ maxWidth: 720, margin: '24px auto' }}>
      <Typography.Paragraph type="secondary">{t('onboarding.intro')}</Typography.Paragraph>
      <Tabs
        items={[
          {
            key: 'create',
            label: t('onboarding.create'),
            children: (
              <>
                {error && <Alert type="error" message={error} showIcon style={{ marginBottom: 16 }} data-testid="form-error" />}
                <OrganisationForm form={form} />
                <Space>
                  <Button type="primary" onClick={() => void create()} loading={busy} data-testid="create-org">
                    {t('onboarding.create')}
                  </Button>
                  <Button onClick={() => navigate('/')}>{t('onboarding.skip')}</Button>
                </Space>
              </>
            ),
          },
          {
            key: 'join',
            label: t('onboarding.join'),
            children: (
              <>
                <Input.Search placeholder={t('onboarding.joinSearch')} enterButton={t('common.search')} onSearch={(q) => void search(q)} />
                {results && (
                  <List
                    style={{ marginTop: 16 }}
                    dataSource={results}
                    renderItem={(o) => (
                      <List.Item
                        actions={[
                          <Button key="join" onClick={() => void join(o.id)}>
                            {t('onboarding.joinRequest')}
                          </Button>,
                        ]}
                      >
                        <List.Item.Meta
                          title={
                            <Space>
                              {o.name}
                              <VerificationTag status={o.verificationStatus} />
                            </Space>
                          }
                          description={`${labels.orgType(o.type)} · ${labels.region(o.region)}`}
                        />
                      </List.Item>
                    )}
                  />
                )}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
