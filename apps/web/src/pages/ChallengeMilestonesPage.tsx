import { Alert, App, Button, Card, Collapse, Descriptions, Empty, Form, Input, Popconfirm, Result, Space, Spin, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ChallengeView, MilestoneStatus, MilestoneView } from '@ztt/contracts';
import { api, ApiError } from '../api/client';
import { useApiQuery } from '../api/queries';
import { ChallengeStatusTag, MilestoneStatusTag, useYuan } from '../components/challenge/common';
import { ChallengeFiles } from '../components/challenge/Files';
import { formatDate } from '../components/catalogue';
import { applyApiError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n';

/** Milestones and payment tranches: the team submits, the acceptor accepts or sends back; horse-race elimination. */
export function ChallengeMilestonesPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const yuan = useYuan();
  const challenge = useApiQuery<ChallengeView>(['challenge', id], `/challenges/${id}`);
  const milestones = useApiQuery<MilestoneView[]>(['challenge', id, 'milestones'], `/challenges/${id}/milestones`);
  if (challenge.error || milestones.error) return <Result status="404" title="404" />;
  const c = challenge.data;
  const ms = milestones.data;
  if (!c || !ms) return <Spin style={{ margin: 48 }} />;
  const teams = [...new Set(ms.map((m) => m.applicationId))];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            {t('challenge.ms.title')}
            <Link to={`/challenges/${id}`}>{c.title}</Link>
            <ChallengeStatusTag status={c.status} />
          </Space>
        }
      >
        <Typography.Text type="secondary">{t('challenge.ms.intro', { bounty: yuan(c.bounty) })}</Typography.Text>
      </Card>
      {!ms.length && <Empty description={t('challenge.ms.none')} />}
      {teams.map((appId) => {
        const list = ms.filter((m) => m.applicationId === appId);
        const paid = list.filter((m) => m.payment).length;
        return (
          <Card key={appId} title={list[0]?.orgName} extra={t('challenge.ms.paidCount', { n: paid, total: list.length })} data-testid="milestone-team">
            {list.map((m) => (
              <MilestoneCard key={m.id} m={m} challenge={c} />
            ))}
          </Card>
        );
      })}
    </Space>
  );
}

function MilestoneCard({ m, challenge }: { m: MilestoneView; challenge: ChallengeView }) {
  const { t } = useI18n();
  const yuan = useYuan();
  const { message } = App.useApp();
  const [report, setReport] = useState('');
  const [results, setResults] = useState<string[]>(challenge.indicators.map(() => ''));
  const [comment, setComment] = useState('');
  // A milestone's step may move the challenge on (completed, a team eliminated).
  const invalidates = [['challenge', challenge.id], ['challenges']];
  const step = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown; done: string }) => api('POST', path, body),
    meta: { invalidates },
    onSuccess: (_, { done }) => message.success(done),
    onError: (e) => {
      const msg = applyApiError(null, e);
      message.error(e instanceof ApiError && e.details.length ? `${msg}${t('challenge.colon')}${e.details.map((d) => d.message).join(t('challenge.semicolon'))}` : msg);
    },
  });
  const busy = step.isPending;
  const call = (path: string, body: unknown, done: string) => step.mutate({ path, body, done });
  const submit = () =>
    call(
      `/challenge-milestones/${m.id}/submit`,
      { report, indicatorResults: results.map((value, indicator) => ({ indicator, value })).filter((r) => r.value.trim()) },
      t('challenge.ms.submitted'),
    );
  return (
    <Card
      type="inner"
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="milestone"
      title={
        <Space wrap>
          {`${m.seq}. ${m.title}`}
          <MilestoneStatusTag status={m.status} />
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, md: 3 }} size="small">
        <Descriptions.Item label={t('challenge.milestone.deliverables')}>{m.deliverables}</Descriptions.Item>
        <Descriptions.Item label={t('challenge.ms.due')}>{formatDate(m.dueDate)}</Descriptions.Item>
        <Descriptions.Item label={t('challenge.ms.tranche')}>
          {yuan(m.amount)}（{m.sharePercent}%）
        </Descriptions.Item>
      </Descriptions>
      {m.payment && (
        <Alert
          type="success"
          showIcon
          data-testid="milestone-payment"
          message={t('challenge.ms.paid', { amount: yuan(m.payment.amount), date: m.payment.paidOn })}
          style={{ marginBottom: 8 }}
        />
      )}
      {m.comment && (
        <Alert type={m.status === MilestoneStatus.SentBack ? 'warning' : 'info'} showIcon message={t('challenge.ms.comment', { comment: m.comment })} style={{ marginBottom: 8 }} />
      )}
      {m.report && (
        <Collapse
          size="small"
          items={[
            {
              key: 'r',
              label: t('challenge.ms.report'),
              children: (
                <Space direction="vertical">
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.report}</Typography.Paragraph>
                  {m.indicatorResults.map((r) => (
                    <Tag key={r.indicator}>{`${challenge.indicators[r.indicator]?.name ?? r.indicator}${t('challenge.colon')}${r.value}`}</Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      )}
      <ChallengeFiles files={m.files} uploadPath={m.can.submit ? `/challenge-milestones/${m.id}/files` : undefined} invalidates={invalidates} />
      {m.can.submit && (
        <Form layout="vertical" style={{ marginTop: 12 }} data-testid="milestone-submit-form">
          <Form.Item label={t('challenge.ms.reportLabel')} required>
            <Input.TextArea rows={3} value={report} onChange={(e) => setReport(e.target.value)} maxLength={4000} data-testid="milestone-report" />
          </Form.Item>
          {challenge.indicators.map((ind, i) => (
            <Form.Item key={i} label={`${ind.name}（${t('challenge.indicator.target')} ${ind.target} ${ind.unit}）`}>
              <Input
                value={results[i]}
                onChange={(e) => setResults(results.map((r, j) => (j === i ? e.target.value : r)))}
                placeholder={t('challenge.ms.achieved')}
                data-testid={`milestone-result-${i}`}
              />
            </Form.Item>
          ))}
          <Button type="primary" disabled={!report.trim()} loading={busy} onClick={() => submit()} data-testid="milestone-submit">
            {t('challenge.ms.submit')}
          </Button>
        </Form>
      )}
      {m.can.review && (
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Input value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('challenge.ms.commentPlaceholder')} data-testid="milestone-comment" />
          <Button
            type="primary"
            loading={busy}
            onClick={() => call(`/challenge-milestones/${m.id}/review`, { decision: 'accepted', comment }, t('challenge.ms.accepted'))}
            data-testid="milestone-accept"
          >
            {t('challenge.ms.accept')}
          </Button>
          <Button
            loading={busy}
            disabled={!comment.trim()}
            onClick={() => call(`/challenge-milestones/${m.id}/review`, { decision: 'sent_back', comment }, t('challenge.ms.sentBack'))}
            data-testid="milestone-send-back"
          >
            {t('challenge.ms.sendBack')}
          </Button>
        </Space.Compact>
      )}
      {m.can.eliminate && (
        <Popconfirm
          title={t('challenge.ms.eliminateConfirm')}
          onConfirm={() => call(`/challenge-applications/${m.applicationId}/eliminate`, { reason: m.comment ?? t('challenge.ms.failedReview') }, t('challenge.ms.eliminated'))}
        >
          <Button danger style={{ marginTop: 12 }} data-testid="milestone-eliminate">
            {t('challenge.ms.eliminate')}
          </Button>
        </Popconfirm>
      )}
    </Card>
  );
}
