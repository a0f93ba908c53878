import { App, Button, List, Popconfirm, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { AttachmentView } from '@ztt/contracts';
import { api, apiDownload } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { fileSize, formatDateTime } from './catalogue';
import { applyApiError } from './form-errors';

/** A list of attachments, each downloaded with the session's token; deletable when `onDeleted` is given. */
export function AttachmentList({ items, onDeleted }: { items: AttachmentView[]; onDeleted?: (id: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const download = async (a: AttachmentView) => {
    try {
      await apiDownload(`/attachments/${a.id}`, a.fileName);
    } catch (e) {
      message.error(applyApiError(null, e));
    }
  };
  const remove = useMutation({
    mutationFn: (a: AttachmentView) => api('DELETE', `/attachments/${a.id}`),
    meta: { invalidates: [['item']] },
    onSuccess: (_, a) => onDeleted?.(a.id),
    onError: (e) => message.error(applyApiError(null, e)),
  });
  return (
    <List
      size="small"
      dataSource={items}
      locale={{ emptyText: t('attachment.none') }}
      data-testid="attachments"
      renderItem={(a) => (
        <List.Item
          actions={[
            <Button key="dl" type="link" size="small" icon={<DownloadOutlined />} onClick={() => void download(a)} data-testid={`download-${a.id}`}>
              {t('attachment.download')}
            </Button>,
            ...(onDeleted
              ? [
                  <Popconfirm key="del" title={t('attachment.deleteConfirm')} onConfirm={() => remove.mutate(a)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                    <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`delete-attachment-${a.id}`}>
                      {t('attachment.delete')}
                    </Button>
                  </Popconfirm>,
                ]
              : []),
          ]}
        >
          <Typography.Text>
            <PaperClipOutlined /> {a.fileName}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            {fileSize(a.size)} · {formatDateTime(a.createdAt)}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}
