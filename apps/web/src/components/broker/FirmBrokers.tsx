import { App, Button, Card, List, Popconfirm, Select, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Page, PublicBrokerCard } from '@ztt/contracts';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { applyApiError } from '../form-errors';
import { BrokerLevelTag, BrokerRating } from './broker-ui';

/** A broker firm's (技术经理人事务所) brokers on its organisation page; its admins add and remove them. */
export function FirmBrokers({ orgId, canManage }: { orgId: string; canManage: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<string>();
  const firm = useApiQuery<Page<PublicBrokerCard>>(['brokers', 'public', 'firm', orgId], `/brokers?firmOrgId=${orgId}&pageSize=100`);
  const all = useApiQuery<Page<PublicBrokerCard>>(['brokers', 'public', 'all'], canManage ? '/brokers?pageSize=100' : null);
  const change = useMutation({
    mutationFn: ({ userId, link }: { userId: string; link: boolean }) => api(link ? 'PUT' : 'DELETE', `/orgs/${orgId}/brokers/${userId}`),
    meta: { invalidates: [['brokers']] },
    onSuccess: () => {
      setPicked(undefined);
      message.success(t('common.saved'));
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const mine = new Set((firm.data?.items ?? []).map((b) => b.userId));
  return (
    <Card title={t('profession.firmBrokers.title')} data-testid="firm-brokers">
      <List<PublicBrokerCard>
        loading={!firm.data}
        dataSource={firm.data?.items ?? []}
        locale={{ emptyText: t('profession.firmBrokers.none') }}
        renderItem={(b) => (
          <List.Item
            actions={
              canManage
                ? [
                    <Popconfirm key="remove" title={t('profession.firmBrokers.remove')} onConfirm={() => change.mutate({ userId: b.userId, link: false })}>
                      <Button size="small">{t('profession.firmBrokers.remove')}</Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space wrap>
              <Link to={`/brokers/${b.userId}`}>{b.displayName}</Link>
              <BrokerLevelTag level={b.level} certified={b.certified} />
              <BrokerRating rating={b.rating} />
            </Space>
          </List.Item>
        )}
      />
      {canManage && (
        <Space style={{ marginTop: 12 }} wrap>
          <Select
            showSearch
            optionFilterProp="label"
            aria-label={t('profession.firmBrokers.pick')}
            placeholder={t('profession.firmBrokers.pick')}
            style={{ minWidth: 240 }}
            value={picked}
            onChange={setPicked}
            options={(all.data?.items ?? []).filter((b) => !mine.has(b.userId)).map((b) => ({ value: b.userId, label: b.displayName }))}
          />
          <Button type="primary" disabled={!picked} onClick={() => picked && change.mutate({ userId: picked, link: true })}>
            {t('profession.firmBrokers.add')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
