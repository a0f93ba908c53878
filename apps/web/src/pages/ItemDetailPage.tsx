import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Popconfirm, Result, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import {
  AchievementView,
  DisclosureRequestView,
  DisclosureStatus,
  FUNDING_SOURCE_LABELS,
  FundingSource,
  IpItem,
  ItemKind,
  ItemStatus,
  ItemView,
  MembershipStatus,
  NeedView,
  PlatformRole,
  RIGHTS_GRANTED_LABELS,
} from '@ztt/contracts';
import { api, ApiError } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { AttachmentList } from '../components/Attachments';
import { budgetText, formatDate, formatDateTime, kindPath, priceText } from '../components/catalogue';
import { applyApiError } from '../components/form-errors';
import { DisclosureTag, ItemStatusTag, useTaxonomyLabels } from '../components/labels';
import { MatchesPanel } from '../components/MatchesPanel';
import { ExpertConsultations } from '../components/ExpertConsultations';
import { CapacitySuggestions } from '../components/capacity/CapacitySuggestions';
import { useI18n } from '../i18n/i18n';

/** Statuses in which the owner may still edit an item. */
export const EDITABLE: ItemStatus[] = [ItemStatus.Draft, ItemStatus.Submitted, ItemStatus.Published];

interface DisclosureForm {
  requesterOrgId: string;
  reason: string;
}

export function ItemDetailPage({ kind }: { kind: ItemKind }) {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { me, hasRole } = useAuth();
  const isAdmin = hasRole(PlatformRole.Admin);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const labels = useTaxonomyLabels();
  const path = kindPath(kind);
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<DisclosureForm>();
  const { data: item, error } = useApiQuery<ItemView>(['item', kind, id], `/${path}/${id}`);
  // A change of status shows in the owners' lists and the review queue too.
  const action = useMutation({
    mutationFn: ({ action }: { action: 'submit' | 'withdraw' | 'close'; ok: string }) => api('POST', `/${path}/${id}/${action}`),
    meta: { invalidates: [['item', kind, id], ['items'], ['review-queue']] },
    onSuccess: (_, { ok }) => message.success(ok),
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const disclosure = useMutation({
    mutationFn: (values: DisclosureForm) =>
      api<DisclosureRequestView>('POST', `/${path}/${id}/disclosure-requests`, { reason: values.reason.trim(), requesterOrgId: values.requesterOrgId }),
    meta: { invalidates: [['item', kind, id], ['disclosures']] },
    onSuccess: () => {
      message.success(t('disclosure.requested'));
      setAsking(false);
      form.resetFields();
    },
    onError: (e) => message.error(applyApiError(form, e)),
  });
  const busy = action.isPending;

  if (error instanceof ApiError && error.status === 404) return <Result status="404" title="404" subTitle={t('item.notFound')} />;
  if (error) return <Result status="error" title={applyApiError(null, error)} />;
  if (!item) return <Spin style={{ margin: 48 }} />;

  const act = (a: 'submit' | 'withdraw' | 'close', ok: string) => action.mutate({ action: a, ok });

  const orgs = (me?.memberships ?? []).filter((m) => m.status === MembershipStatus.Active && m.organisationId !== item.ownerOrgId);
  const requestDisclosure = async () => disclosure.mutate(await form.validateFields());

  const status = item.status;
  const canSubmit = item.canEdit && status === ItemStatus.Draft;
  const canWithdraw = item.canEdit && (status === ItemStatus.Submitted || status === ItemStatus.Published);
  const canClose = item.canEdit && status === ItemStatus.Published;
  const canModify = item.canEdit && EDITABLE.includes(status);

  const need = item.kind === 'need' ? (item as NeedView) : null;
  const ach = item.kind === 'achievement' ? (item as AchievementView) : null;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Tag color={kind === 'need' ? 'orange' : 'green'}>{t(kind === 'need' ? 'item.kind.need' : 'item.kind.achievement')}</Tag>
            <span data-testid="item-title">{item.title}</span>
            {(item.canEdit || status !== ItemStatus.Published) && <ItemStatusTag status={status} />}
            {ach?.serviceInvention && (
              <Tag color="purple" data-testid="service-invention-tag">
                {t('achievement.serviceInvention')}
              </Tag>
            )}
          </Space>
        }
        extra={
          item.canEdit && (
            <Space wrap>
              {canModify && (
                <Button onClick={() => navigate(`/${path}/${id}/edit`)} data-testid="edit-item">
                  {t('item.edit')}
                </Button>
              )}
              {canSubmit && (
                <Button type="primary" loading={busy} onClick={() => act('submit', t('item.submitted'))} data-testid="submit-for-review">
                  {t('item.submitForReview')}
                </Button>
              )}
              {canWithdraw && (
                <Popconfirm title={t('item.withdrawConfirm')} onConfirm={() => act('withdraw', t('item.withdrawn'))} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                  <Button loading={busy} data-testid="withdraw-item">
                    {t('item.withdraw')}
                  </Button>
                </Popconfirm>
              )}
              {canClose && (
                <Popconfirm title={t('item.closeConfirm')} onConfirm={() => act('close', t('item.closed'))} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                  <Button danger loading={busy} data-testid="close-item">
                    {t('item.close')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      >
        {item.canEdit && status === ItemStatus.Draft && item.rejectionReason && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} message={`${t('item.rejectionReason')}：${item.rejectionReason}`} data-testid="rejection-reason" />
        )}
        {item.canEdit && status === ItemStatus.Submitted && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('item.underReview')} />}
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="item-summary">
          {item.summary}
        </Typography.Paragraph>
        <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} bordered size="small">
          <Descriptions.Item label={t('item.org')}>{item.ownerOrgName}</Descriptions.Item>
          <Descriptions.Item label={t('item.region')}>{labels.region(item.region)}</Descriptions.Item>
          <Descriptions.Item label={t('item.chains')} span={2}>
            {item.chains.map((c) => (
              <Tag color="blue" key={c}>
                {labels.industry(c.split('.')[0])} / {labels.chain(c)}
              </Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('item.trl')}>{labels.trl(item.trl)}</Descriptions.Item>
          {need && <Descriptions.Item label={t('need.category')}>{labels.needCategory(need.category)}</Descriptions.Item>}
          {ach && <Descriptions.Item label={t('achievement.maturityStage')}>{labels.maturityStage(ach.maturityStage)}</Descriptions.Item>}
          <Descriptions.Item label={t('item.cooperationModes')} span={2}>
            {item.cooperationModes.map((m) => (
              <Tag key={m}>{labels.cooperationMode(m)}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('item.keywords')} span={2}>
            {item.keywords.length ? item.keywords.map((k) => <Tag key={k}>{k}</Tag>) : t('common.none')}
          </Descriptions.Item>
          {need && (
            <>
              <Descriptions.Item label={t('need.budget')}>{budgetText(t, need.budgetMin, need.budgetMax, need.budgetNegotiable)}</Descriptions.Item>
              <Descriptions.Item label={t('need.deadline')}>{need.deadline ? formatDate(need.deadline) : t('need.noDeadline')}</Descriptions.Item>
              <Descriptions.Item label={t('need.acceptanceCriteria')} span={2}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{need.acceptanceCriteria || t('common.none')}</span>
              </Descriptions.Item>
            </>
          )}
          {ach && (
            <>
              <Descriptions.Item label={t('achievement.askingPrice')}>{priceText(t, ach.askingPrice, ach.priceNegotiable)}</Descriptions.Item>
              <Descriptions.Item label={t('achievement.priceTerms')}>{ach.priceTerms || t('common.none')}</Descriptions.Item>
              <Descriptions.Item label={t('achievement.applicationFields')} span={2}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{ach.applicationFields || t('common.none')}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('achievement.provenResults')} span={2}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{ach.provenResults || t('common.none')}</span>
              </Descriptions.Item>
              {ach.serviceInvention && (
                <>
                  <Descriptions.Item label={t('achievement.fundingSource')}>
                    {ach.fundingSource && ach.fundingSource in FUNDING_SOURCE_LABELS ? FUNDING_SOURCE_LABELS[ach.fundingSource as FundingSource][locale] : t('common.none')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('achievement.rightsGranted')}>{RIGHTS_GRANTED_LABELS[ach.rightsGranted]?.[locale] ?? ach.rightsGranted}</Descriptions.Item>
                </>
              )}
              <Descriptions.Item label={t('achievement.team')} span={2}>
                {ach.team.length ? ach.team.map((m, i) => <Tag key={i}>{m.title ? `${m.name}（${m.title}）` : m.name}</Tag>) : t('common.none')}
              </Descriptions.Item>
            </>
          )}
          <Descriptions.Item label={t('item.publishedAt')}>{item.publishedAt ? formatDateTime(item.publishedAt) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('item.updatedAt')}>{formatDateTime(item.updatedAt)}</Descriptions.Item>
        </Descriptions>
        {ach && ach.ipItems.length > 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('achievement.ipItems')}
            </Typography.Title>
            <Table<IpItem>
              size="small"
              pagination={false}
              rowKey={(r) => `${r.type}-${r.number}`}
              dataSource={ach.ipItems}
              columns={[
                { title: t('achievement.ip.type'), dataIndex: 'type', render: labels.ipType },
                { title: t('achievement.ip.number'), dataIndex: 'number' },
                { title: t('achievement.ip.status'), dataIndex: 'status' },
              ]}
            />
          </>
        )}
      </Card>

      <Card
        title={
          <Space>
            <LockOutlined />
            {t('item.confidential')}
          </Space>
        }
        data-testid="confidential-section"
      >
        {item.confidentialVisible ? (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="confidential-content">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.confidentialDetails || t('common.none')}</Typography.Paragraph>
            {item.contact && (
              <Descriptions column={{ xs: 1, sm: 1, md: 3, lg: 3, xl: 3, xxl: 3 }} size="small" bordered title={t('item.contact')}>
                <Descriptions.Item label={t('contact.name')}>{item.contact.name}</Descriptions.Item>
                <Descriptions.Item label={t('contact.phone')}>{item.contact.phone ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('contact.email')}>{item.contact.email ?? '—'}</Descriptions.Item>
              </Descriptions>
            )}
            <Typography.Title level={5}>{t('item.attachments')}</Typography.Title>
            <AttachmentList items={item.attachments ?? []} />
          </Space>
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('disclosure.hint')}</Typography.Text>
            {item.myDisclosure && (
              <Space>
                <Typography.Text>{t('disclosure.mine')}</Typography.Text>
                <DisclosureTag status={item.myDisclosure} />
              </Space>
            )}
            {item.myDisclosure !== DisclosureStatus.Pending && item.myDisclosure !== DisclosureStatus.Granted && (
              <Button
                type="primary"
                icon={<LockOutlined />}
                data-testid="request-disclosure"
                onClick={() => (me ? setAsking(true) : navigate('/login', { state: { from: location.pathname } }))}
              >
                {t(item.myDisclosure === DisclosureStatus.Declined ? 'disclosure.requestAgain' : 'disclosure.request')}
              </Button>
            )}
          </Space>
        )}
      </Card>

      {status === ItemStatus.Published && (item.canEdit || isAdmin) && <MatchesPanel kind={kind} id={item.id} quality={item.kind === 'need' ? item.quality : undefined} />}
      {need && item.canEdit && <ExpertConsultations subject={{ kind: 'need', id: item.id }} />}
      {ach && status === ItemStatus.Published && item.canEdit && <CapacitySuggestions achievementId={item.id} />}

      <Modal
        open={asking}
        title={t('disclosure.request')}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: orgs.length === 0, 'data-testid': 'disclosure-submit' }}
        onCancel={() => setAsking(false)}
        onOk={() => void requestDisclosure()}
        destroyOnHidden
      >
        {orgs.length === 0 ? (
          <Empty description={t('disclosure.noOrg')}>
            <Button onClick={() => navigate('/onboarding')}>{t('home.goOrg')}</Button>
          </Empty>
        ) : (
          <Form form={form} layout="vertical" initialValues={{ requesterOrgId: orgs[0].organisationId, reason: '' }}>
            <Form.Item name="requesterOrgId" label={t('disclosure.org')} rules={[{ required: true }]} extra={t('disclosure.org.help')}>
              <Select options={orgs.map((m) => ({ value: m.organisationId, label: m.organisationName }))} data-testid="disclosure-org" />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('disclosure.reason')}
              rules={[{ required: true, whitespace: true, message: t('disclosure.reason.required') }, { max: 1000 }]}
              extra={t('disclosure.reason.help')}
            >
              <Input.TextArea rows={4} maxLength={1000} showCount data-testid="disclosure-reason" />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Space>
  );
}
