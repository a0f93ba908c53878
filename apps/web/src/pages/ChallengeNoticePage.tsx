import { Alert, App, Button, Card, Descriptions, Input, List, Result, Space, Spin, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ChallengeStatus, NoticeView, PlatformRole } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { ChallengeStatusTag } from '../components/challenge/common';
import { OpenDealButton } from '../components/deal/OpenDealButton';
import { applyApiError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n';
import { formatDateTime } from '../components/catalogue';

/** 公示: the decision, its rationale, the objection window, and objections with their answers. */
export function ChallengeNoticePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { me, hasRole } = useAuth();
  const { message } = App.useApp();
  const { data: n, error } = useApiQuery<NoticeView>(['challenge', id, 'notice'], `/challenges/${id}/notice`);
  const [text, setText] = useState('');
  const objection = useMutation({
    mutationFn: (body: { text: string }) => api('POST', `/challenges/${id}/objections`, body),
    meta: { invalidates: [['challenge', id, 'notice']] },
    onSuccess: () => {
      setText('');
      message.success(t('challenge.notice.objected'));
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  if (error) return <Result status="404" title="404" subTitle={t('challenge.notice.none')} />;
  if (!n) return <Spin style={{ margin: 48 }} />;
  const object = () => objection.mutate({ text });
  const ends = formatDateTime(n.noticeEndsAt);
  return (
    <Card
      title={
        <Space wrap>
          {t('challenge.notice.title')}
          <Link to={`/challenges/${id}`}>{n.title}</Link>
          <ChallengeStatusTag status={n.status} />
        </Space>
      }
    >
      <Alert
        type={n.windowOpen ? 'warning' : 'info'}
        showIcon
        message={n.windowOpen ? t('challenge.notice.open', { date: ends }) : t('challenge.notice.closed', { date: ends })}
        style={{ marginBottom: 16 }}
        data-testid="notice-window"
      />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('challenge.notice.winners')}>
          <Space wrap data-testid="notice-winners">
            {n.winners.map((w) => (
              <Space key={w.applicationId} size={4}>
                <Tag color="gold">
                  {w.orgName}
                  {w.aggregate ? ` · ${w.aggregate}` : ''}
                </Tag>
                {/* Once the award is final, a broker carries it on to a contract. */}
                {hasRole(PlatformRole.Broker) && (n.status === ChallengeStatus.InProgress || n.status === ChallengeStatus.Completed) && (
                  <OpenDealButton challengeId={n.challengeId} applicationId={w.applicationId} />
                )}
              </Space>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('challenge.notice.rationale')}>{n.rationale}</Descriptions.Item>
        <Descriptions.Item label={t('challenge.notice.decidedAt')}>{formatDateTime(n.decidedAt)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('challenge.notice.objections')}
      </Typography.Title>
      <List
        dataSource={n.objections}
        locale={{ emptyText: t('challenge.notice.noObjections') }}
        renderItem={(o) => (
          <List.Item key={o.id} data-testid="objection">
            <Space direction="vertical">
              <Typography.Text>{o.text}</Typography.Text>
              {o.answer ? <Typography.Text type="success">{t('challenge.notice.answer', { answer: o.answer })}</Typography.Text> : <Tag>{t('challenge.notice.awaiting')}</Tag>}
            </Space>
          </List.Item>
        )}
      />
      {n.windowOpen && me && (
        <Space.Compact style={{ width: '100%', marginTop: 16 }}>
          <Input.TextArea
            rows={2}
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={2000}
            placeholder={t('challenge.notice.objectPlaceholder')}
            data-testid="objection-text"
          />
          <Button type="primary" disabled={!text.trim()} onClick={() => object()} data-testid="objection-submit">
            {t('challenge.notice.object')}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}
