import { App, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FINANCE_LIMITS as L } from '@ztt/contracts';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

/** A finance organisation's interest in a financing request, with an optional note: from the watchlist and from the request's page. */
export function InterestModal({ id, title, onClose }: { id: string; title: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const send = useMutation({
    mutationFn: () => api('POST', `/financing-requests/${id}/interests`, { note }),
    meta: { invalidates: [['financing'], ['finance']] },
    onSuccess: () => {
      message.success(t('finance.interest.sent'));
      onClose();
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Modal
      open
      title={`${t('finance.interest.express')}：${title}`}
      onCancel={onClose}
      onOk={() => send.mutate()}
      confirmLoading={send.isPending}
      okButtonProps={{ 'data-testid': 'interest-confirm' } as Record<string, string>}
    >
      <Input.TextArea
        rows={3}
        maxLength={L.noteLength}
        showCount
        placeholder={t('finance.interest.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        data-testid="interest-note"
      />
    </Modal>
  );
}
