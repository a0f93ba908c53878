import { App, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { DealView, MatchStatus, MatchView } from '@ztt/contracts';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { applyApiError } from '../form-errors';

/** "发起对接" on a broker's match: opens the deal and goes to it. */
export function OpenDealButton({ match }: { match: MatchView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  if (!match.id || match.status === MatchStatus.Deal || match.status === MatchStatus.Dismissed) return null;
  const open = async () => {
    try {
      const deal = await api<DealView>('POST', '/deals', { matchId: match.id });
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
