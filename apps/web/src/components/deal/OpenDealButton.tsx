import { App, Button } from 'antd';
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
  if ('match' in props && (!props.match.id || props.match.status === MatchStatus.Deal || props.match.status === MatchStatus.Dismissed)) return null;
  const body = 'match' in props ? { matchId: props.match.id } : { challengeId: props.challengeId, applicationId: props.applicationId };
  const open = async () => {
    try {
      const deal = await api<DealView>('POST', '/deals', body);
      message.success(t('deal.opened'));
      navigate(`/deals/${deal.id}`);
    } catch (e) {
      message.error(applyApiError(null, e));
    }
  };
  return (
    <Button size="small" type="primary" onClick={() => void open()} data-testid="open-deal">
      {t('deal.open')}
    </Button>
  );
}
