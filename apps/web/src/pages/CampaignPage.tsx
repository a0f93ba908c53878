import { App, Button, Card, Col, Descriptions, Form, Popconfirm, Progress, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { CampaignInviteInput, CampaignInvitee, CampaignProgress, CampaignProgressRow, CampaignReminderResult, CampaignView } from '@ztt/contracts';
import { useMutation } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { applyApiError } from '../components/form-errors';
import { TAX, useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';
import { CampaignStatusTag } from './CampaignsPage';

function Against({ value, target, testId }: { value: number; target: number | null; testId?: string }) {
  const { t } = useI18n();
  if (target === null)
    return (
      <span data-testid={testId}>
        {value} · {t('campaign.progress.noTarget')}
      </span>
    );
  return (
    <Space data-testid={testId}>
      <span>
        {value} / {target}
      </span>
      <Progress percent={Math.min(100, Math.round((value / target) * 100))} size="small" style={{ width: 120 }} status={value >= target ? 'success' : 'active'} />
    </Space>
  );
}

/** A campaign: its settings and lifecycle, invitations, live progress against targets, and the laggards. */
export function CampaignPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const labels = useTaxonomyLabels();
  const { data: c } = useApiQuery<CampaignView>(['campaign', id], `/admin/campaigns/${id}`);
  // Progress counts what the invited organisations post: each visit (and ↻) reads it afresh.
  const { data: p, refetch: reloadProgress } = useApiQuery<CampaignProgress>(['campaign', id, 'progress'], `/admin/campaigns/${id}/progress`, { staleTime: 0 });
  const [inviteForm] = Form.useForm<CampaignInviteInput>();
  const invalidates = [['campaign', id], ['campaigns']];
  const step = useMutation({
    mutationFn: (path: string) => api('POST', `/admin/campaigns/${id}/${path}`),
    meta: { invalidates },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const act = (path: string) => step.mutate(path);
  const invitation = useMutation({
    mutationFn: (v: CampaignInviteInput) => api<{ invited: number; total: number }>('POST', `/admin/campaigns/${id}/invitations`, v),
    meta: { invalidates },
    onSuccess: (r) => message.success(t('campaign.invite.done', r)),
    onError: (e) => message.error(applyApiError(inviteForm, e)),
  });
  const invite = (v: CampaignInviteInput) => invitation.mutate(v);
  const reminder = useMutation({
    mutationFn: () => api<CampaignReminderResult>('POST', `/admin/campaigns/${id}/remind`),
    meta: { invalidates: [] },
    onSuccess: (r) => message.success(t('campaign.remind.done', { organisations: r.organisations, people: r.people })),
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const remind = () => reminder.mutate();

  if (!c) return <Card loading />;
  const editable = c.status === 'draft' || c.status === 'open';
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space>
            <span data-testid="campaign-heading">{c.title}</span>
            <CampaignStatusTag status={c.status} />
          </Space>
        }
        extra={
          <Space>
            {editable && <Link to={`/admin/campaigns/${id}/edit`}>{t('campaign.edit')}</Link>}
            {c.status === 'draft' && (
              <Popconfirm title={t('campaign.open.confirm')} onConfirm={() => act('open')}>
                <Button type="primary" data-testid="campaign-open">
                  {t('campaign.open')}
                </Button>
              </Popconfirm>
            )}
            {c.status === 'open' && (
              <Popconfirm title={t('campaign.close.confirm')} onConfirm={() => act('close')}>
                <Button danger data-testid="campaign-close">
                  {t('campaign.close')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('campaign.quarter')}>{c.quarter}</Descriptions.Item>
          <Descriptions.Item label={t('campaign.period')}>
            {c.startsOn} ~ {c.endsOn}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaign.reminderDays')}>{c.reminderDays.join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('campaign.focusIndustries')}>{c.focusIndustries.map(labels.industry).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('campaign.focusRegions')}>{c.focusRegions.map(labels.region).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('campaign.invited')}>{c.invited}</Descriptions.Item>
        </Descriptions>
      </Card>

      {p && (
        <Card
          title={t('campaign.progress')}
          extra={
            <Button size="small" onClick={() => void reloadProgress()}>
              ↻
            </Button>
          }
        >
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={12}>
              <Typography.Text strong>{t('campaign.kind.need')}：</Typography.Text>
              <Against value={p.totals.needs.submitted} target={p.totals.needs.target} testId="progress-total-needs" />
            </Col>
            <Col span={12}>
              <Typography.Text strong>{t('campaign.kind.achievement')}：</Typography.Text>
              <Against value={p.totals.achievements.submitted} target={p.totals.achievements.target} />
            </Col>
          </Row>
          <Table<CampaignProgressRow>
            size="small"
            pagination={false}
            rowKey={(r) => `${r.dimension}/${r.code}/${r.kind}`}
            dataSource={p.rows}
            data-testid="progress-table"
            onRow={(r) => ({ 'data-testid': `progress-${r.dimension}-${r.code}-${r.kind}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('campaign.target.dimension'), render: (_: unknown, r) => t(`campaign.dimension.${r.dimension}`) },
              {
                title: t('campaign.target.code'),
                render: (_: unknown, r) => (r.dimension === 'region' ? labels.region(r.code) : r.dimension === 'industry' ? labels.industry(r.code) : r.label),
              },
              { title: t('campaign.target.kind'), render: (_: unknown, r) => t(`campaign.kind.${r.kind}`) },
              { title: t('campaign.progress.submitted'), render: (_: unknown, r) => <Against value={r.submitted} target={r.target} /> },
              { title: t('campaign.progress.published'), dataIndex: 'published' },
            ]}
          />
        </Card>
      )}

      <Card
        title={t('campaign.invitees')}
        extra={
          c.status === 'open' && (
            <Space>
              {p && <Typography.Text type="secondary">{t('campaign.laggards', { count: p.laggards })}</Typography.Text>}
              <Button onClick={() => remind()} data-testid="campaign-remind">
                {t('campaign.remind')}
              </Button>
            </Space>
          )
        }
      >
        {editable && (
          <Form form={inviteForm} layout="inline" onFinish={(v) => invite(v)} style={{ marginBottom: 16 }}>
            <Form.Item name="orgTypes" label={t('campaign.invite.orgTypes')}>
              <Select
                mode="multiple"
                optionFilterProp="label"
                style={{ minWidth: 160 }}
                options={TAX.organisationTypes.map((o) => ({ value: o.code, label: labels.orgType(o.code) }))}
                data-testid="invite-types"
              />
            </Form.Item>
            <Form.Item name="regions" label={t('campaign.invite.regions')}>
              <Select
                mode="multiple"
                optionFilterProp="label"
                style={{ minWidth: 160 }}
                options={TAX.regions.map((r) => ({ value: r.code, label: labels.region(r.code) }))}
                data-testid="invite-regions"
              />
            </Form.Item>
            <Form.Item name="industries" label={t('campaign.invite.industries')}>
              <Select
                mode="multiple"
                optionFilterProp="label"
                style={{ minWidth: 160 }}
                options={TAX.industries.map((i) => ({ value: i.code, label: labels.industry(i.code) }))}
                data-testid="invite-industries"
              />
            </Form.Item>
            <Button htmlType="submit" data-testid="invite-submit">
              {t('campaign.invite.submit')}
            </Button>
          </Form>
        )}
        <Table<CampaignInvitee>
          size="small"
          rowKey="orgId"
          dataSource={p?.invitees ?? []}
          data-testid="invitee-table"
          columns={[
            { title: t('campaign.target.code'), render: (_: unknown, o) => <Link to={`/orgs/${o.orgId}`}>{o.name}</Link> },
            { title: t('campaign.invite.orgTypes'), render: (_: unknown, o) => labels.orgType(o.type) },
            { title: t('campaign.invite.regions'), render: (_: unknown, o) => labels.region(o.region) },
            { title: t('campaign.needs'), dataIndex: 'needs' },
            { title: t('campaign.achievements'), dataIndex: 'achievements' },
            {
              title: t('campaign.status'),
              render: (_: unknown, o) => (o.answered ? <Tag color="success">{t('campaign.invitee.answered')}</Tag> : <Tag>{t('campaign.invitee.waiting')}</Tag>),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
