import { App, Button } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { DealView, MatchStatus, MatchView } from '@ztt/contracts';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { applyApiError } from '../form-errors';

/**
 * "发起对接": opens a deal and goes to it — from a broker's match, or for a winning team of a
 * 揭榜挂帅 award once the award is final.
 */
export function OpenDealButton(props: { match: MatchView } | { challengeId: string; applicationId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  // The match it came from becomes a deal, and the deal joins the lists.
  const open = useMutation({
    mutationFn: (body: object) => api<DealView>('POST', '/deals', body),
    meta: { invalidates: [['deals'], ['matches']] },
    onSuccess: (deal) => {
      message.success(t('deal.opened'));
      navigate(`/deals/${deal.id}`);
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  if ('match' in props && (!props.match.id || props.match.status === MatchStatus.Deal || props.match.status === MatchStatus.Dismissed)) return null;
  const body = 'match' in props ? { matchId: props.match.id } : { challengeId: props.challengeId, applicationId: props.applicationId };
  return (
    <Button size="small" type="primary" loading={open.isPending} onClick={() => open.mutate(body)} data-testid="open-deal">
      {t('deal.open')}
    </Button>
  );
}
