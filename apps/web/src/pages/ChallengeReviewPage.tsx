import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Empty, Form, Input, InputNumber, List, Result, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ReviewApplicationView, ReviewerPanelView } from '@ztt/contracts';
import { api, ApiError } from '../api/client';
import { useApiQuery } from '../api/queries';
import { ApplicationStatusTag, ChallengeStatusTag, useYuan } from '../components/challenge/common';
import { ChallengeFiles } from '../components/challenge/Files';
import { applyApiError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** The reviewer's panels. */
export function ChallengeReviewListPage() {
  const { t } = useI18n();
  const { data } = useApiQuery<ReviewerPanelView[]>(['review', 'panels'], '/review/challenges');
  return (
    <Card title={t('challenge.review.title')}>
      <List
        loading={!data}
        dataSource={data ?? []}
        locale={{ emptyText: <Empty description={t('challenge.review.none')} /> }}
        renderItem={(p) => (
          <List.Item key={p.challenge.id} data-testid="review-panel">
            <List.Item.Meta
              title={
                <Space>
                  <Link to={`/review/challenges/${p.challenge.id}`} data-testid="review-panel-link">
                    {p.challenge.title}
                  </Link>
                  <ChallengeStatusTag status={p.challenge.status} />
                </Space>
              }
              description={t('challenge.review.progress', { scored: p.applications.filter((a) => a.scored).length, total: p.applications.filter((a) => !a.excluded).length })}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** One panel: the declaration, the applications (exclusions shown), and the scoring sheet. */
export function ChallengeReviewPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const panel = useApiQuery<ReviewerPanelView>(['review', 'panel', id], `/review/challenges/${id}`);
  const [selected, setSelected] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<string[]>([]);
  const [statement, setStatement] = useState('');
  const declaration = useMutation({
    mutationFn: () => api('PUT', `/review/challenges/${id}/declaration`, { conflictApplicationIds: conflicts, statement }),
    meta: { invalidates: [['review']] },
    onSuccess: () => message.success(t('challenge.review.declared')),
    onError: (e) => message.error(applyApiError(null, e)),
  });
  if (panel.error) return <Result status="404" title="404" />;
  const p = panel.data;
  if (!p) return <Spin style={{ margin: 48 }} />;

  const declare = () => declaration.mutate();

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {p.challenge.title}
            <ChallengeStatusTag status={p.challenge.status} />
          </Space>
        }
        extra={<Button onClick={() => navigate(`/challenges/${id}`)}>{t('challenge.action.view')}</Button>}
      >
        {!p.declared ? (
          <div data-testid="declaration">
            <Alert type="warning" showIcon message={t('challenge.review.declareFirst')} style={{ marginBottom: 16 }} />
            <Typography.Paragraph>{t('challenge.review.declareHint')}</Typography.Paragraph>
            <Checkbox.Group
              value={conflicts}
              onChange={(v) => setConflicts(v as string[])}
              options={p.applications.filter((a) => !a.excluded).map((a) => ({ value: a.id, label: a.orgName }))}
            />
            <Input.TextArea rows={2} value={statement} onChange={(e) => setStatement(e.target.value)} placeholder={t('challenge.review.statement')} style={{ margin: '12px 0' }} />
            <Button type="primary" onClick={() => declare()} data-testid="declaration-submit">
              {t('challenge.review.declare')}
            </Button>
          </div>
        ) : (
          <Typography.Text type="secondary" data-testid="declared">
            {t('challenge.review.declaredNote', { n: p.conflictApplicationIds.length })}
          </Typography.Text>
        )}
        <List
          style={{ marginTop: 16 }}
          dataSource={p.applications}
          renderItem={(a) => (
            <List.Item
              key={a.id}
              data-testid="review-application"
              actions={[
                a.excluded ? (
                  <Tag key="x" color="red" data-testid="excluded">
                    {t(`challenge.review.excluded.${a.excluded}` as MessageKey)}
                  </Tag>
                ) : (
                  <Button key="s" type={selected === a.id ? 'primary' : 'default'} disabled={!p.declared} onClick={() => setSelected(a.id)} data-testid="review-open">
                    {a.scored ? t('challenge.review.viewScore') : t('challenge.review.score')}
                  </Button>
                ),
              ]}
            >
              <Space>
                {a.orgName}
                <ApplicationStatusTag status={a.status} />
                {a.scored && <Tag color="success">{t('challenge.review.scored')}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {selected && <ScoreSheet key={selected} applicationId={selected} />}
    </Space>
  );
}

function ScoreSheet({ applicationId }: { applicationId: string }) {
  const { t } = useI18n();
  const yuan = useYuan();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ scores: number[]; comment: string }>();
  const { data, error } = useApiQuery<ReviewApplicationView>(['review', 'application', applicationId], `/review/challenge-applications/${applicationId}`);
  // The sheet and the panel's progress both change.
  const score = useMutation({
    mutationFn: (v: { scores: number[]; comment: string }) => api('POST', `/review/challenge-applications/${applicationId}/score`, { scores: v.scores, comment: v.comment ?? '' }),
    meta: { invalidates: [['review']] },
    onSuccess: () => message.success(t('challenge.review.submitted')),
    onError: (e) => message.error(applyApiError(form, e)),
  });
  const busy = score.isPending;
  if (error) return <Alert type="error" message={error instanceof ApiError ? error.message : String(error)} />;
  if (!data) return <Spin />;
  const a = data.application;
  const submit = async () => score.mutate(await form.validateFields());
  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card title={`${a.orgName} · ${a.leadName}`} data-testid="review-sheet">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('challenge.apply.technicalRoute')}>{a.technicalRoute}</Descriptions.Item>
            {a.indicatorPlans.map((p) => (
              <Descriptions.Item key={p.indicator} label={t('challenge.review.planFor', { n: p.indicator + 1 })}>
                {p.plan}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t('challenge.apply.schedule')}>{a.schedule}</Descriptions.Item>
            <Descriptions.Item label={t('challenge.apply.budget')}>
              {yuan(a.budget)} {a.budgetNotes}
            </Descriptions.Item>
            <Descriptions.Item label={t('challenge.apply.team')}>{a.team.map((m) => `${m.name}（${m.role}）`).join('、')}</Descriptions.Item>
          </Descriptions>
          <ChallengeFiles files={a.attachments} />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('challenge.review.sheet')}>
          {data.myScore ? (
            <>
              <Typography.Paragraph data-testid="my-score">{t('challenge.review.myTotal', { total: data.myScore.total })}</Typography.Paragraph>
              <Table
                size="small"
                pagination={false}
                rowKey="reviewerId"
                dataSource={data.otherScores ?? []}
                data-testid="other-scores"
                locale={{ emptyText: t('challenge.review.noOthers') }}
                columns={[
                  { title: t('challenge.review.reviewer'), dataIndex: 'reviewerName' },
                  { title: t('challenge.review.total'), dataIndex: 'total' },
                  { title: t('challenge.review.comment'), dataIndex: 'comment' },
                ]}
              />
            </>
          ) : (
            <Form form={form} layout="vertical" initialValues={{ scores: data.rubric.map(() => null), comment: '' }}>
              <Typography.Paragraph type="secondary">{t('challenge.review.hidden')}</Typography.Paragraph>
              {data.rubric.map((r, i) => (
                <Form.Item key={i} name={['scores', i]} label={`${r.name}（${r.weight}%）`} rules={[{ required: true, message: t('challenge.form.required') }]}>
                  <InputNumber min={0} max={100} precision={0} addonAfter={t('challenge.review.points')} data-testid={`score-${i}`} />
                </Form.Item>
              ))}
              <Form.Item name="comment" label={t('challenge.review.comment')}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="score-submit">
                {t('challenge.review.submit')}
              </Button>
            </Form>
          )}
        </Card>
      </Col>
    </Row>
  );
}
