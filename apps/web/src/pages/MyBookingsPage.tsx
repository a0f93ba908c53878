import { App, Button, Card, Popconfirm, Space, Table, Tabs, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { BookingStatus, BookingView, MyBookingsView, RunStatus, RunView } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { ActionButton, BookingStatusTag, RateModal, RunStatusTag } from '../components/capacity/capacity-ui';
import { applyApiError } from '../components/form-errors';
import { useI18n } from '../i18n/i18n';

/** /my/bookings: the caller's instrument bookings and their organisations' verification runs — cancel, rate once. */
export function MyBookingsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [rating, setRating] = useState<{ path: string } | null>(null);
  const mine = useApiQuery<MyBookingsView>(['capacity', 'my-bookings'], '/me/bookings', { staleTime: 0 });
  const act = useMutation({
    mutationFn: (v: { path: string; body: unknown }) => api('POST', v.path, v.body),
    meta: { invalidates: [['capacity']] },
    onSuccess: () => {
      message.success(t('capacity.saved'));
      setRating(null);
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const rated = (score: number | null, comment: string | null) =>
    score ? <span data-testid="my-rating">{`${t('capacity.rated', { score })}${comment ? `（${comment}）` : ''}`}</span> : null;
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('capacity.my.title')}</h1>}>
      <Typography.Paragraph type="secondary">{t('capacity.my.hint')}</Typography.Paragraph>
      <Tabs
        items={[
          {
            key: 'bookings',
            label: t('capacity.my.bookings'),
            children: (
              <Table<BookingView>
                rowKey="id"
                loading={mine.isLoading}
                dataSource={mine.data?.bookings ?? []}
                locale={{ emptyText: t('capacity.my.none') }}
                scroll={{ x: true }}
                data-testid="my-bookings"
                columns={[
                  { title: t('capacity.instruments'), render: (_, b) => <Link to={`/capacity/instruments/${b.instrumentId}`}>{b.instrumentName}</Link> },
                  { title: t('capacity.slot'), render: (_, b) => `${b.date} ${b.startTime}–${b.endTime}` },
                  { title: t('capacity.amount'), dataIndex: 'amount' },
                  { title: '', render: (_, b) => <BookingStatusTag status={b.status} /> },
                  { title: t('capacity.declineReason'), dataIndex: 'declineReason' },
                  {
                    title: t('capacity.actions'),
                    render: (_, b) => (
                      <Space wrap>
                        {(b.status === BookingStatus.Requested || b.status === BookingStatus.Approved) && (
                          <Popconfirm title={t('capacity.cancelConfirm')} onConfirm={() => act.mutate({ path: `/capacity/bookings/${b.id}/cancel`, body: {} })}>
                            <Button size="small" data-testid={`booking-cancel-${b.id}`}>
                              {t('capacity.cancel')}
                            </Button>
                          </Popconfirm>
                        )}
                        {b.status === BookingStatus.Completed && !b.rating && (
                          <ActionButton primary testId={`booking-rate-${b.id}`} onClick={() => setRating({ path: `/capacity/bookings/${b.id}/rate` })}>
                            {t('capacity.rate')}
                          </ActionButton>
                        )}
                        {rated(b.rating, b.ratingComment)}
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'runs',
            label: t('capacity.my.runs'),
            children: (
              <Table<RunView>
                rowKey="id"
                loading={mine.isLoading}
                dataSource={mine.data?.runs ?? []}
                locale={{ emptyText: t('capacity.my.none') }}
                scroll={{ x: true }}
                columns={[
                  { title: t('capacity.dashboard.achievement'), render: (_, r) => <Link to={`/achievements/${r.achievementId}`}>{r.achievementTitle}</Link> },
                  { title: t('capacity.dashboard.provider'), render: (_, r) => <Link to={`/capacity/${r.providerId}`}>{r.providerName}</Link> },
                  { title: t('capacity.run.scheduled'), render: (_, r) => (r.scheduledFrom ? `${r.scheduledFrom} – ${r.scheduledTo}` : `${r.wishFrom} – ${r.wishTo}`) },
                  { title: t('capacity.run.trl'), render: (_, r) => `TRL ${r.trlBefore}${r.trlReached ? ` → ${r.trlReached}` : ''}` },
                  { title: t('capacity.run.result'), render: (_, r) => r.result ?? r.declineReason ?? '' },
                  { title: '', render: (_, r) => <RunStatusTag status={r.status} /> },
                  {
                    title: t('capacity.actions'),
                    render: (_, r) => (
                      <Space wrap>
                        {(r.status === RunStatus.Requested || r.status === RunStatus.Approved) && (
                          <Popconfirm title={t('capacity.cancelConfirm')} onConfirm={() => act.mutate({ path: `/capacity/runs/${r.id}/cancel`, body: {} })}>
                            <Button size="small">{t('capacity.cancel')}</Button>
                          </Popconfirm>
                        )}
                        {r.status === RunStatus.Completed && !r.rating && (
                          <ActionButton primary testId={`run-rate-${r.id}`} onClick={() => setRating({ path: `/capacity/runs/${r.id}/rate` })}>
                            {t('capacity.rate')}
                          </ActionButton>
                        )}
                        {rated(r.rating, r.ratingComment)}
                        {r.status === RunStatus.Completed && r.trlReached && r.trlReached > r.trlBefore && (
                          <Link to={`/achievements/${r.achievementId}/edit`}>{t('capacity.run.updateTrl', { trl: r.trlReached })}</Link>
                        )}
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <RateModal open={!!rating} saving={act.isPending} onClose={() => setRating(null)} onSave={(v) => rating && act.mutate({ path: rating.path, body: v })} />
    </Card>
  );
}
