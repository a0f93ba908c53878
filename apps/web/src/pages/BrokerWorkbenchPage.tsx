import { App, Button, Card, Form, InputNumber, List, Select, Space, Switch, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { BrokerProfileView, MatchStatus, MatchView, Page, TAXONOMY } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { BrokerProfessionPanel } from '../components/broker/BrokerProfessionPanel';
import { applyApiError } from '../components/form-errors';
import { useTaxonomyLabels } from '../components/labels';
import { MatchReason, MatchScore, useMatchActions } from '../components/MatchesPanel';
import { OpenDealButton } from '../components/deal/OpenDealButton';
import { useI18n } from '../i18n/i18n';
import { ChainSelect } from '../components/ChainSelect';
import { SectionTabs } from '../components/SectionTabs';

/** 技术经纪人工作台: the matches handed to me, and my specialties. */
export function BrokerWorkbenchPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  return (
    <Card title={t('broker.title')}>
      <SectionTabs
        items={[
          { key: 'matches', label: t('broker.tab.matches'), children: <MyMatches /> },
          { key: 'profile', label: t('broker.tab.profile'), children: <BrokerProfileForm /> },
          ...(me ? [{ key: 'profession', label: t('profession.mine'), children: <BrokerProfessionPanel userId={me.id} admin={false} /> }] : []),
        ]}
      />
    </Card>
  );
}

function MyMatches() {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const [status, setStatus] = useState<MatchStatus | undefined>();
  const [page, setPage] = useState(1);
  const { data } = useApiQuery<Page<MatchView>>(['matches', 'broker', { page, status }], `/broker/matches?page=${page}&pageSize=20${status ? `&status=${status}` : ''}`, {
    keepPrevious: true,
  });
  const { actions, modal } = useMatchActions();
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('common.status')}
          style={{ width: 160 }}
          value={status}
          onChange={(v: MatchStatus | undefined) => {
            setPage(1);
            setStatus(v);
          }}
          options={Object.values(MatchStatus).map((s) => ({ value: s, label: t(`match.status.${s}`) }))}
          data-testid="workbench-status"
        />
        <Typography.Text type="secondary">{t('broker.hint')}</Typography.Text>
      </Space>
      <List<MatchView>
        loading={!data}
        dataSource={data?.items ?? []}
        pagination={{ current: page, total: data?.total ?? 0, pageSize: 20, onChange: setPage }}
        locale={{ emptyText: t('match.none') }}
        renderItem={(m) => (
          <List.Item data-testid="workbench-item" actions={[...actions(m), <OpenDealButton key="deal" match={m} />]}>
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/needs/${m.need?.id ?? m.needId}`}>{m.need?.title}</Link>
                  <span>⇄</span>
                  <Link to={`/achievements/${m.achievementId}`}>{m.counterpart.title}</Link>
                  <MatchScore match={m} />
                </Space>
              }
              description={<MatchReason match={m} detail={`${m.need?.ownerOrgName ?? ''} ⇄ ${m.counterpart.ownerOrgName} · ${labels.region(m.counterpart.region)}`} />}
            />
          </List.Item>
        )}
      />
      {modal}
    </>
  );
}

export function BrokerProfileFields() {
  const { t, label } = useI18n();
  return (
    <>
      <Form.Item name="chains" label={t('broker.chains')}>
        <ChainSelect />
      </Form.Item>
      <Form.Item name="regions" label={t('broker.regions')}>
        <Select mode="multiple" optionFilterProp="label" options={TAXONOMY.regions.map((r) => ({ value: r.code, label: label(r) }))} />
      </Form.Item>
      <Space size="large">
        <Form.Item name="capacity" label={t('broker.capacity')}>
          <InputNumber min={0} max={10000} />
        </Form.Item>
        <Form.Item name="active" label={t('broker.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
    </>
  );
}

function BrokerProfileForm() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { data } = useApiQuery<BrokerProfileView>(['broker-profile'], '/broker/profile');
  const store = useMutation({
    mutationFn: (v: unknown) => api('PUT', '/broker/profile', v),
    meta: { invalidates: [['broker-profile'], ['brokers']] },
    onSuccess: () => message.success(t('common.saved')),
    onError: (e) => message.error(applyApiError(form, e)),
  });
  if (!data) return null;
  const save = async () => store.mutate(await form.validateFields());
  return (
    <Form form={form} layout="vertical" initialValues={data} style={{ maxWidth: 640 }}>
      <BrokerProfileFields />
      <Button type="primary" onClick={() => void save()}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
