import { App, Button, Card, Empty, List, Modal, Popover, Progress, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { DislikeFilled, DislikeOutlined, LikeFilled, LikeOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DISMISS_REASONS, DismissReason, ItemKind, MATCH_FEATURE_LABELS, MATCH_FEATURES, MatchFeedback, MatchStatus, MatchView, NeedQuality } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useI18n } from '../i18n/i18n';
import { applyApiError } from './form-errors';
import { useTaxonomyLabels } from './labels';
import { QualityHints } from './NeedQuality';

const STATUS_COLOR: Record<MatchStatus, string> = { proposed: 'blue', seen: 'default', contacted: 'green', deal: 'gold', dismissed: 'default' };

/** Score as a bar, with every feature of the breakdown one hover away (explainable matching). */
export function MatchScore({ match }: { match: MatchView }) {
  const { locale } = useI18n();
  const breakdown = (
    <Space direction="vertical" size={2} style={{ width: 240 }} data-testid="match-breakdown">
      {MATCH_FEATURES.map((f) => (
        <div key={f}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {MATCH_FEATURE_LABELS[f][locale]}
          </Typography.Text>
          <Progress percent={Math.round(match.breakdown[f] * 100)} size="small" />
        </div>
      ))}
    </Space>
  );
  return (
    <Popover content={breakdown}>
      <Progress percent={Math.round(match.score * 100)} size="small" style={{ width: 140 }} data-testid="match-score" />
    </Popover>
  );
}

/** Why a match was proposed, in the reader's language, with a line of who and where under it. */
export function MatchReason({ match, detail }: { match: MatchView; detail: string }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={2}>
      <Typography.Text data-testid="match-reason">
        {t('match.reason')}：{match.reason}
      </Typography.Text>
      <Typography.Text type="secondary">{detail}</Typography.Text>
    </Space>
  );
}

/**
 * Status tag, actions (seen, contacted, dismiss with a reason) and the dismiss dialog, for any list of
 * matches. A match that has become a deal has no actions: the deal desk follows it. Every list of
 * matches refreshes after a change.
 */
export function useMatchActions() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [dismissing, setDismissing] = useState<MatchView | null>(null);
  const [reason, setReason] = useState<DismissReason>('irrelevant');

  const status = useMutation({
    mutationFn: ({ m, status, dismissReason }: { m: MatchView; status: MatchStatus; dismissReason?: DismissReason }) => api('PATCH', `/matches/${m.id}`, { status, dismissReason }),
    meta: { invalidates: [['matches']] },
    onSuccess: () => {
      message.success(t('match.updated'));
      setDismissing(null);
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const setStatus = (m: MatchView, s: MatchStatus, dismissReason?: DismissReason) => status.mutate({ m, status: s, dismissReason });

  /** 有用 / 没用: clicking one's current verdict again takes it back. */
  const feedback = useMutation({
    mutationFn: ({ m, verdict }: { m: MatchView; verdict: MatchFeedback }) => api('PUT', `/matches/${m.id}/feedback`, { verdict: m.myFeedback === verdict ? null : verdict }),
    meta: { invalidates: [['matches']] },
    onSuccess: () => message.success(t('match.feedback.thanks')),
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const setFeedback = (m: MatchView, verdict: MatchFeedback) => feedback.mutate({ m, verdict });

  const actions = (m: MatchView) =>
    [
      <Tooltip key="useful" title={t('match.feedback.useful')}>
        <Button
          size="small"
          type="text"
          icon={m.myFeedback === 'useful' ? <LikeFilled /> : <LikeOutlined />}
          aria-pressed={m.myFeedback === 'useful'}
          aria-label={t('match.feedback.useful')}
          onClick={() => setFeedback(m, 'useful')}
          data-testid={`useful-${m.id}`}
        >
          {m.feedback?.useful || ''}
        </Button>
      </Tooltip>,
      <Tooltip key="not-useful" title={t('match.feedback.notUseful')}>
        <Button
          size="small"
          type="text"
          icon={m.myFeedback === 'not-useful' ? <DislikeFilled /> : <DislikeOutlined />}
          aria-pressed={m.myFeedback === 'not-useful'}
          aria-label={t('match.feedback.notUseful')}
          onClick={() => setFeedback(m, 'not-useful')}
          data-testid={`not-useful-${m.id}`}
        >
          {m.feedback?.notUseful || ''}
        </Button>
      </Tooltip>,
      <Tag key="s" color={STATUS_COLOR[m.status]} data-testid="match-status">
        {t(`match.status.${m.status}`)}
        {m.dismissReason ? ` · ${t(`match.dismiss.${m.dismissReason}`)}` : ''}
      </Tag>,
      m.status === MatchStatus.Proposed && (
        <Button key="seen" size="small" onClick={() => setStatus(m, MatchStatus.Seen)}>
          {t('match.markSeen')}
        </Button>
      ),
      m.status !== MatchStatus.Contacted && m.status !== MatchStatus.Dismissed && m.status !== MatchStatus.Deal && (
        <Button key="contacted" size="small" onClick={() => setStatus(m, MatchStatus.Contacted)}>
          {t('match.markContacted')}
        </Button>
      ),
      m.status !== MatchStatus.Dismissed && m.status !== MatchStatus.Deal && (
        <Button key="dismiss" size="small" danger onClick={() => setDismissing(m)} data-testid={`dismiss-${m.id}`}>
          {t('match.dismiss')}
        </Button>
      ),
    ].filter(Boolean);

  const modal = (
    <Modal
      open={!!dismissing}
      title={t('match.dismiss')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onCancel={() => setDismissing(null)}
      onOk={() => dismissing && setStatus(dismissing, MatchStatus.Dismissed, reason)}
      okButtonProps={{ danger: true, 'data-testid': 'dismiss-confirm' }}
    >
      <Select
        id="dismiss-reason"
        style={{ width: '100%' }}
        value={reason}
        onChange={setReason}
        options={DISMISS_REASONS.map((r) => ({ value: r, label: t(`match.dismiss.${r}`) }))}
        data-testid="dismiss-reason"
      />
    </Modal>
  );
  return { actions, modal };
}

/** The stored matches of an item, for its owners and platform admins, with status actions. */
/** `quality`, for a need: what it lacks, named as what would improve its matches. */
export function MatchesPanel({ kind, id, quality }: { kind: ItemKind; id: string; quality?: NeedQuality }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const labels = useTaxonomyLabels();
  const path = kind === 'need' ? 'needs' : 'achievements';
  const { data, error } = useApiQuery<MatchView[]>(['matches', kind, id], `/${path}/${id}/matches`);
  const { actions, modal } = useMatchActions();
  const refresh = useMutation({
    mutationFn: () => api('POST', `/${path}/${id}/matches/refresh`),
    meta: { invalidates: [['matches', kind, id]] },
    onError: (e) => message.error(applyApiError(null, e)),
  });

  if (error) return null;
  const otherPath = kind === 'need' ? 'achievements' : 'needs';
  return (
    <Card
      title={t(kind === 'need' ? 'match.title.need' : 'match.title.achievement')}
      extra={
        <Button icon={<ReloadOutlined />} loading={refresh.isPending} onClick={() => refresh.mutate()} data-testid="refresh-matches">
          {t('match.refresh')}
        </Button>
      }
      data-testid="matches-panel"
    >
      <Typography.Paragraph type="secondary">{t('match.explain')}</Typography.Paragraph>
      {quality && <QualityHints quality={quality} />}
      <List<MatchView>
        loading={!data}
        dataSource={data ?? []}
        locale={{ emptyText: <Empty description={t('match.none')} /> }}
        renderItem={(m) => (
          <List.Item data-testid="match-item" actions={actions(m)}>
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/${otherPath}/${m.counterpart.id}`}>{m.counterpart.title}</Link>
                  <MatchScore match={m} />
                </Space>
              }
              description={<MatchReason match={m} detail={`${m.counterpart.ownerOrgName} · ${labels.region(m.counterpart.region)} · TRL ${m.counterpart.trl}`} />}
            />
          </List.Item>
        )}
      />
      {modal}
    </Card>
  );
}

/** Top achievements for the need being written, before it is posted. Nothing is saved. */
export function MatchPreview({ draft, quality }: { draft: () => Record<string, unknown> | null; quality?: NeedQuality }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [matches, setMatches] = useState<MatchView[] | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    const body = draft();
    if (!body) return;
    setBusy(true);
    try {
      setMatches(await api<MatchView[]>('POST', '/matching/preview', body));
    } catch (e) {
      message.error(applyApiError(null, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('match.preview.title')} style={{ marginTop: 16 }} data-testid="match-preview">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('match.preview.help')}</Typography.Text>
        {quality && <QualityHints quality={quality} />}
        <Button onClick={() => void run()} loading={busy} data-testid="match-preview-run">
          {t('match.preview.run')}
        </Button>
        {matches && (
          <List<MatchView>
            size="small"
            dataSource={matches.slice(0, 10)}
            locale={{ emptyText: t('match.none') }}
            renderItem={(m) => (
              <List.Item data-testid="match-preview-item">
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Link to={`/achievements/${m.achievementId}`} target="_blank">
                        {m.counterpart.title}
                      </Link>
                      <Tooltip title={m.reason}>
                        <span>
                          <MatchScore match={m} />
                        </span>
                      </Tooltip>
                    </Space>
                  }
                  description={`${m.counterpart.ownerOrgName} · ${m.reason}`}
                />
              </List.Item>
            )}
          />
        )}
      </Space>
    </Card>
  );
}
