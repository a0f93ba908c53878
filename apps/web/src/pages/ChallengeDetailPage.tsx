import { Alert, App, Button, Card, Descriptions, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ChallengeStatus, ChallengeView } from '@ztt/contracts';
import { api, ApiError } from '../api/client';
import { useApiQuery } from '../api/queries';
import { ChallengeStatusTag, ModeTag, useYuan } from '../components/challenge/common';
import { formatDate, formatDateTime } from '../components/catalogue';
import { useTaxonomyLabels } from '../components/labels';
import { useI18n } from '../i18n/i18n';

const AFTER_DECISION = [ChallengeStatus.Notice, ChallengeStatus.InProgress, ChallengeStatus.Completed, ChallengeStatus.Terminated];

/** One challenge: the problem, its indicators, bounty, rules, rubric and milestone plan; the next step for the reader. */
export function ChallengeDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const yuan = useYuan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data: c, error } = useApiQuery<ChallengeView>(['challenge', id], `/challenges/${id}`);
  const submission = useMutation({
    mutationFn: () => api('POST', `/challenges/${id}/submit`),
    meta: { invalidates: [['challenge', id], ['challenges']] },
    onSuccess: () => message.success(t('challenge.form.submitted')),
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  if (error) return <Result status="404" title="404" subTitle={error instanceof ApiError ? error.message : t('notFound.title')} />;
  if (!c) return <Spin style={{ margin: 48 }} />;
  const any = t('challenge.field.any');
  const submit = () => submission.mutate();
  const live = c.status === ChallengeStatus.InProgress || c.status === ChallengeStatus.Completed;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span data-testid="challenge-title">{c.title}</span>
            <ChallengeStatusTag status={c.status} deadline={c.applicationDeadline} />
            <ModeTag mode={c.mode} teams={c.teams} />
          </Space>
        }
        extra={
          <Space wrap>
            {c.can.apply && (
              <Button type="primary" onClick={() => navigate(`/challenges/${id}/apply`)} data-testid="challenge-apply">
                {t('challenge.action.apply')}
              </Button>
            )}
            {c.myApplicationId && (
              <Button onClick={() => navigate(`/challenges/${id}/apply?application=${c.myApplicationId}`)} data-testid="challenge-my-application">
                {t('challenge.action.myApplication')}
              </Button>
            )}
            {AFTER_DECISION.includes(c.status) && (
              <Button onClick={() => navigate(`/challenges/${id}/notice`)} data-testid="challenge-notice-link">
                {t('challenge.action.notice')}
              </Button>
            )}
            {live && (c.myApplicationId || c.can.acceptDeliverables) && (
              <Button onClick={() => navigate(`/challenges/${id}/milestones`)} data-testid="challenge-milestones-link">
                {t('challenge.action.milestones')}
              </Button>
            )}
            {c.can.edit && (
              <Button onClick={() => navigate(`/challenges/${id}/edit`)} data-testid="challenge-edit">
                {t('challenge.action.edit')}
              </Button>
            )}
            {c.can.edit && c.status === ChallengeStatus.Draft && !c.can.manage && (
              <Button onClick={() => submit()} data-testid="challenge-submit">
                {t('challenge.action.submit')}
              </Button>
            )}
            {c.can.manage && (
              <Button type="dashed" onClick={() => navigate(`/admin/challenges/${id}`)} data-testid="challenge-manage">
                {t('challenge.action.manage')}
              </Button>
            )}
          </Space>
        }
      >
        {c.rejectionReason && c.status === ChallengeStatus.Draft && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('challenge.rejected', { reason: c.rejectionReason })} />
        )}
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('challenge.field.ownerOrg')}>{c.ownerOrgName}</Descriptions.Item>
          <Descriptions.Item label={t('challenge.field.bounty')}>
            <Typography.Text strong data-testid="challenge-bounty">
              {yuan(c.bounty)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('challenge.field.fundingSource')}>{c.fundingSource}</Descriptions.Item>
          <Descriptions.Item label={t('challenge.field.deadline')}>{formatDateTime(c.applicationDeadline)}</Descriptions.Item>
          <Descriptions.Item label={t('challenge.field.period')}>{t('challenge.months', { count: c.periodMonths })}</Descriptions.Item>
          <Descriptions.Item label={t('challenge.field.chains')}>{c.chains.map(labels.chain).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('challenge.field.acceptor')}>{c.acceptorName}</Descriptions.Item>
          <Descriptions.Item label={t('challenge.field.applications')}>{c.applicationCount}</Descriptions.Item>
          <Descriptions.Item label={t('challenge.field.eligibility')} span={2}>
            <Space wrap>
              <span>
                {t('challenge.field.orgTypes')}
                {t('challenge.colon')}
                {c.eligibility.orgTypes.length ? c.eligibility.orgTypes.map(labels.orgType).join('、') : any}
              </span>
              <span>
                {t('challenge.field.regions')}
                {t('challenge.colon')}
                {c.eligibility.regions.length ? c.eligibility.regions.map(labels.region).join('、') : any}
              </span>
              {c.eligibility.mustOwnIp && <Tag color="orange">{t('challenge.field.mustOwnIp')}</Tag>}
            </Space>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {t('challenge.field.background')}
        </Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.background}</Typography.Paragraph>
        {c.publishedAt && <Typography.Text type="secondary">{t('challenge.publishedAt', { date: formatDate(c.publishedAt) })}</Typography.Text>}
      </Card>
      <Card title={t('challenge.field.indicators')}>
        <Table
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={c.indicators}
          data-testid="challenge-indicators"
          columns={[
            { title: '#', render: (_, __, i) => i + 1, width: 48 },
            { title: t('challenge.indicator.name'), dataIndex: 'name' },
            { title: t('challenge.indicator.target'), render: (_, r) => `${r.target} ${r.unit}` },
            { title: t('challenge.indicator.verification'), dataIndex: 'verification' },
          ]}
        />
      </Card>
      <Card title={t('challenge.field.rubric')}>
        <Table
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={c.rubric}
          columns={[
            { title: t('challenge.rubric.criterion'), dataIndex: 'name' },
            { title: t('challenge.rubric.weight'), dataIndex: 'weight', render: (w: number) => `${w}%`, width: 120 },
          ]}
        />
      </Card>
      <Card title={t('challenge.field.milestones')}>
        <Table
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={c.milestones}
          columns={[
            { title: '#', render: (_, __, i) => i + 1, width: 48 },
            { title: t('challenge.milestone.title'), dataIndex: 'title' },
            { title: t('challenge.milestone.deliverables'), dataIndex: 'deliverables' },
            { title: t('challenge.milestone.dueOffset'), dataIndex: 'dueOffsetDays', render: (d: number) => t('challenge.days', { count: d }) },
            { title: t('challenge.milestone.share'), dataIndex: 'sharePercent', render: (s: number) => `${s}%` },
          ]}
        />
        <Typography.Text type="secondary">{t('challenge.firstTrancheNote', { n: c.firstTrancheMinPercent })}</Typography.Text>
      </Card>
      <Link to="/challenges">{t('challenge.backToBoard')}</Link>
    </Space>
  );
}
