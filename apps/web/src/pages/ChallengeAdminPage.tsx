import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, List, Popconfirm, Result, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ChallengeMode, ChallengeStatus, ChallengeSuggestion, ChallengeSummary, ChallengeView, NoticeView, Page, PanelView, RankingEntry } from '@ztt/contracts';
import { api, ApiError } from '../api/client';
import { useApiQuery } from '../api/queries';
import { ApplicationStatusTag, ChallengeStatusTag, ModeTag, useYuan } from '../components/challenge/common';
import { formatDate, formatDateTime } from '../components/catalogue';
import { applyApiError } from '../components/form-errors';
import { PanelSuggestions } from '../components/PanelSuggestions';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** Admins: every challenge, the submitted ones first. */
export function ChallengeAdminListPage() {
  const { t } = useI18n();
  const yuan = useYuan();
  const navigate = useNavigate();
  const [status, setStatus] = useState<ChallengeStatus | undefined>();
  const [page, setPage] = useState(1);
  const { data } = useApiQuery<Page<ChallengeSummary>>(
    ['challenges', 'admin', { status, page }],
    `/admin/challenges?page=${page}&pageSize=20${status ? `&status=${status}` : ''}`,
    {
      keepPrevious: true,
    },
  );
  return (
    <Card
      title={t('challenge.admin.title')}
      extra={
        <Space>
          <Select
            allowClear
            placeholder={t('common.status')}
            style={{ width: 160 }}
            value={status}
            onChange={(v: ChallengeStatus | undefined) => setStatus(v)}
            options={Object.values(ChallengeStatus).map((s) => ({ value: s, label: t(`challenge.status.${s}` as MessageKey) }))}
          />
          <Button type="primary" onClick={() => navigate('/challenges/new')} data-testid="admin-challenge-new">
            {t('challenge.board.new')}
          </Button>
        </Space>
      }
    >
      <Table
        rowKey="id"
        loading={!data}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('challenge.field.title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/admin/challenges/${r.id}`}>{v}</Link> },
          { title: t('common.status'), dataIndex: 'status', render: (s: ChallengeStatus) => <ChallengeStatusTag status={s} /> },
          { title: t('challenge.field.mode'), dataIndex: 'mode', render: (m: ChallengeMode) => <ModeTag mode={m} /> },
          { title: t('challenge.field.bounty'), dataIndex: 'bounty', render: (b: string) => yuan(b) },
          { title: t('challenge.field.ownerOrg'), dataIndex: 'ownerOrgName' },
          { title: t('challenge.field.deadline'), dataIndex: 'applicationDeadline', render: (d: string) => formatDate(d) },
          { title: t('challenge.field.applications'), dataIndex: 'applicationCount' },
        ]}
      />
    </Card>
  );
}

/** Admins run one challenge: publish, panel, ranking and decision, objections, finalisation, suggestions and invitations. */
export function ChallengeManagePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const yuan = useYuan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const challenge = useApiQuery<ChallengeView>(['challenge', id], `/challenges/${id}`);
  const c = challenge.data;
  const status = c?.status;
  // Each part is read for the stages that have it; a step invalidates them all (['challenge', id]).
  const panel = useApiQuery<PanelView>(['challenge', id, 'panel'], status ? `/admin/challenges/${id}/panel` : null);
  const ranking = useApiQuery<RankingEntry[]>(
    ['challenge', id, 'ranking'],
    status && ![ChallengeStatus.Draft, ChallengeStatus.Submitted].includes(status) ? `/admin/challenges/${id}/ranking` : null,
  );
  const notice = useApiQuery<NoticeView>(
    ['challenge', id, 'notice'],
    status && [ChallengeStatus.Notice, ChallengeStatus.InProgress, ChallengeStatus.Completed].includes(status) ? `/challenges/${id}/notice` : null,
  );
  const suggestions = useQuery({
    queryKey: ['challenge', id, 'suggestions'],
    queryFn: () => api<ChallengeSuggestion[]>('GET', `/admin/challenges/${id}/suggestions`).catch((): ChallengeSuggestion[] => []),
    enabled: status === ChallengeStatus.Published,
  });
  const [reason, setReason] = useState('');
  const [reviewerIds, setReviewerIds] = useState<string[] | null>(null);
  const [winners, setWinners] = useState<string[]>([]);
  const [rationale, setRationale] = useState('');
  const [days, setDays] = useState<number>(7);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const step = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown; done?: string }) => api('POST', path, body),
    meta: { invalidates: [['challenge', id], ['challenges'], ['review']] },
    onSuccess: (_, { done }) => message.success(done ?? t('common.saved')),
    onError: (e) => {
      const msg = applyApiError(null, e);
      message.error(e instanceof ApiError && e.details.length ? `${msg}${t('challenge.colon')}${e.details.map((d) => d.message).join(t('challenge.semicolon'))}` : msg);
    },
  });
  const panelChange = useMutation({
    mutationFn: (ids: string[]) => api('PUT', `/admin/challenges/${id}/panel`, { reviewerIds: ids }),
    meta: { invalidates: [['challenge', id, 'panel'], ['review']] },
    onSuccess: () => message.success(t('challenge.admin.panelSaved')),
    onError: (e) => message.error(applyApiError(null, e)),
  });
  // Each button waits on its own write: saving the panel does not hold up starting the review.
  const busy = step.isPending;
  if (challenge.error) return <Result status="404" title="404" />;
  if (!c) return <Spin style={{ margin: 48 }} />;
  const act = (path: string, body?: unknown, done?: string) => step.mutate({ path, body, done });
  const savePanel = () => panelChange.mutate(reviewerIds ?? []);
  const needsReason = (fn: () => void) => () => (reason.trim() ? fn() : message.warning(t('challenge.admin.reasonFirst')));
  const maxWinners = c.mode === ChallengeMode.Single ? 1 : c.teams;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span>{c.title}</span>
            <ChallengeStatusTag status={c.status} />
            <ModeTag mode={c.mode} teams={c.teams} />
            <Typography.Text type="secondary">{yuan(c.bounty)}</Typography.Text>
          </Space>
        }
        extra={<Button onClick={() => navigate(`/challenges/${id}`)}>{t('challenge.action.view')}</Button>}
      >
        <Space wrap>
          {[ChallengeStatus.Draft, ChallengeStatus.Submitted].includes(c.status) && (
            <Button type="primary" loading={busy} onClick={() => act(`/admin/challenges/${id}/publish`, undefined, t('challenge.form.published'))} data-testid="admin-publish">
              {t('challenge.action.publish')}
            </Button>
          )}
          {c.status === ChallengeStatus.Published && (
            <Popconfirm title={t('challenge.admin.startReviewConfirm')} onConfirm={() => act(`/admin/challenges/${id}/start-review`)}>
              <Button type="primary" loading={busy} data-testid="admin-start-review">
                {t('challenge.action.startReview')}
              </Button>
            </Popconfirm>
          )}
          {c.status === ChallengeStatus.Notice && (
            <Button type="primary" loading={busy} onClick={() => act(`/admin/challenges/${id}/finalise`, undefined, t('challenge.admin.finalised'))} data-testid="admin-finalise">
              {t('challenge.action.finalise')}
            </Button>
          )}
          <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('challenge.admin.reason')} style={{ width: 260 }} />
          {c.status === ChallengeStatus.Submitted && (
            <Button onClick={needsReason(() => act(`/admin/challenges/${id}/reject`, { reason }))} loading={busy}>
              {t('challenge.action.reject')}
            </Button>
          )}
          {[ChallengeStatus.Draft, ChallengeStatus.Submitted, ChallengeStatus.Published, ChallengeStatus.Reviewing, ChallengeStatus.Notice].includes(c.status) && (
            <Button danger onClick={needsReason(() => act(`/admin/challenges/${id}/cancel`, { reason }))} loading={busy}>
              {t('challenge.action.cancel')}
            </Button>
          )}
          {c.status === ChallengeStatus.InProgress && (
            <Button danger onClick={needsReason(() => act(`/admin/challenges/${id}/terminate`, { reason }))} loading={busy}>
              {t('challenge.action.terminate')}
            </Button>
          )}
          {(c.status === ChallengeStatus.InProgress || c.status === ChallengeStatus.Completed) && (
            <Button onClick={() => navigate(`/challenges/${id}/milestones`)}>{t('challenge.action.milestones')}</Button>
          )}
        </Space>
      </Card>

      {[ChallengeStatus.Published, ChallengeStatus.Reviewing].includes(c.status) && panel.data && (
        <Card title={t('challenge.admin.panel')}>
          <Space wrap style={{ marginBottom: 12 }}>
            <Select
              mode="multiple"
              style={{ minWidth: 420 }}
              value={reviewerIds ?? panel.data.reviewers.map((r) => r.userId)}
              onChange={setReviewerIds}
              optionFilterProp="label"
              options={panel.data.candidates.map((r) => ({ value: r.userId, label: `${r.displayName}（${r.email}）` }))}
              data-testid="panel-select"
              id="panel-select"
            />
            <Button type="primary" loading={panelChange.isPending} onClick={() => savePanel()} data-testid="panel-save">
              {t('challenge.admin.savePanel')}
            </Button>
          </Space>
          <Table
            size="small"
            rowKey="userId"
            pagination={false}
            dataSource={panel.data.reviewers}
            columns={[
              { title: t('challenge.review.reviewer'), dataIndex: 'displayName' },
              {
                title: t('challenge.admin.declared'),
                dataIndex: 'declared',
                render: (d: boolean) => (d ? <Tag color="success">{t('challenge.admin.yes')}</Tag> : <Tag>{t('challenge.admin.no')}</Tag>),
              },
              { title: t('challenge.admin.scoredCount'), dataIndex: 'scored' },
            ]}
          />
          <PanelSuggestions
            challengeId={id}
            seated={panel.data.reviewers.map((r) => r.userId)}
            adding={panelChange.isPending}
            onAdd={(userId) => {
              setReviewerIds(null);
              panelChange.mutate([...(panel.data?.reviewers ?? []).map((r) => r.userId), userId]);
            }}
          />
        </Card>
      )}

      {ranking.data && (
        <Card title={t('challenge.admin.ranking')} extra={<Typography.Text type="secondary">{t('challenge.admin.rule')}</Typography.Text>}>
          <Table
            size="small"
            rowKey="applicationId"
            pagination={false}
            dataSource={ranking.data}
            data-testid="ranking"
            rowSelection={
              c.status === ChallengeStatus.Reviewing
                ? {
                    type: maxWinners === 1 ? 'radio' : 'checkbox',
                    selectedRowKeys: winners,
                    onChange: (keys) => setWinners((keys as string[]).slice(0, maxWinners)),
                    getCheckboxProps: (r) => ({ disabled: r.status !== 'under_review' }),
                  }
                : undefined
            }
            columns={[
              { title: t('challenge.admin.rank'), dataIndex: 'rank', render: (r: number | null) => r ?? '—', width: 70 },
              { title: t('challenge.apply.org'), dataIndex: 'orgName', render: (v: string, r) => <Link to={`/challenges/${id}/apply?application=${r.applicationId}`}>{v}</Link> },
              { title: t('common.status'), dataIndex: 'status', render: (s: RankingEntry['status']) => <ApplicationStatusTag status={s} /> },
              { title: t('challenge.admin.aggregate'), dataIndex: 'aggregate', render: (v: string | null) => v ?? '—' },
              { title: t('challenge.admin.scoreCount'), dataIndex: 'scoreCount' },
              { title: t('challenge.admin.totals'), dataIndex: 'totals', render: (v: string[]) => v.join(' / ') },
            ]}
          />
          {c.status === ChallengeStatus.Reviewing && (
            <Form layout="vertical" style={{ marginTop: 16 }}>
              <Form.Item label={t('challenge.admin.rationale')} required>
                <Input.TextArea rows={3} value={rationale} onChange={(e) => setRationale(e.target.value)} maxLength={4000} data-testid="award-rationale" />
              </Form.Item>
              <Form.Item label={t('challenge.admin.objectionDays')}>
                <InputNumber min={1} max={30} precision={0} value={days} onChange={(v) => setDays(v ?? 7)} />
              </Form.Item>
              <Popconfirm
                title={t('challenge.admin.awardConfirm')}
                onConfirm={() => act(`/admin/challenges/${id}/award`, { winnerApplicationIds: winners, rationale, objectionDays: days }, t('challenge.admin.awarded'))}
              >
                <Button type="primary" disabled={!winners.length || !rationale.trim()} loading={busy} data-testid="award-submit">
                  {t('challenge.admin.award', { n: winners.length })}
                </Button>
              </Popconfirm>
            </Form>
          )}
        </Card>
      )}

      {notice.data && (
        <Card
          title={t('challenge.notice.objections')}
          extra={<Typography.Text type="secondary">{t('challenge.notice.endsAt', { date: formatDateTime(notice.data.noticeEndsAt) })}</Typography.Text>}
        >
          <List
            dataSource={notice.data.objections}
            locale={{ emptyText: t('challenge.notice.noObjections') }}
            renderItem={(o) => (
              <List.Item key={o.id} data-testid="admin-objection">
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Text>{o.text}</Typography.Text>
                  {o.answer ? (
                    <Typography.Text type="success">{t('challenge.notice.answer', { answer: o.answer })}</Typography.Text>
                  ) : (
                    <Space.Compact style={{ width: '100%' }}>
                      <Input
                        value={answers[o.id] ?? ''}
                        onChange={(e) => setAnswers({ ...answers, [o.id]: e.target.value })}
                        placeholder={t('challenge.admin.answerPlaceholder')}
                        data-testid="objection-answer"
                      />
                      <Button
                        type="primary"
                        disabled={!answers[o.id]?.trim()}
                        onClick={() => act(`/admin/challenge-objections/${o.id}/answer`, { answer: answers[o.id] })}
                        data-testid="objection-answer-submit"
                      >
                        {t('challenge.admin.answer')}
                      </Button>
                    </Space.Compact>
                  )}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}

      {c.status === ChallengeStatus.Published && (
        <Card title={t('challenge.admin.suggestions')} extra={<Typography.Text type="secondary">{t('challenge.admin.suggestionsHint')}</Typography.Text>}>
          {!suggestions.data ? (
            <Spin />
          ) : suggestions.data.length === 0 ? (
            <Empty description={t('challenge.admin.noSuggestions')} />
          ) : (
            <List
              dataSource={suggestions.data}
              renderItem={(s) => (
                <List.Item
                  key={s.achievementId}
                  data-testid="suggestion"
                  actions={[
                    <Button
                      key="i"
                      size="small"
                      onClick={() => act(`/admin/challenges/${id}/invitations`, { orgId: s.orgId }, t('challenge.admin.invited'))}
                      data-testid="suggestion-invite"
                    >
                      {t('challenge.admin.invite')}
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space>
                        <Link to={`/achievements/${s.achievementId}`}>{s.title}</Link>
                        <Tag>{Math.round(s.score * 100)}</Tag>
                      </Space>
                    }
                    description={`${s.orgName} · ${s.reason}`}
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
      {c.status === ChallengeStatus.Submitted && <Alert type="info" showIcon message={t('challenge.admin.submittedHint')} />}
    </Space>
  );
}
