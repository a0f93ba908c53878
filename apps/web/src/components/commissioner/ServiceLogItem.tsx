import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Rate, Space, Tag, Typography } from 'antd';
import { ReactNode } from 'react';
import { ServiceLogView } from '@ztt/contracts';
import { apiDownload } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { formatDate } from '../catalogue';
import { applyApiError } from '../form-errors';

/** A logged service as both sides read it: date, place, what was done, files, and the confirmation once given. */
export function ServiceLogItem({ log, extra }: { log: ServiceLogView; extra?: ReactNode }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const download = (id: string, name: string) => void apiDownload(`/service-files/${id}`, name).catch((e) => message.error(applyApiError(null, e)));
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid="service-log">
      <Space wrap>
        <Typography.Text strong>{formatDate(log.servedOn)}</Typography.Text>
        <Typography.Text>{log.servedOrgName}</Typography.Text>
        <Typography.Text type="secondary">{log.place}</Typography.Text>
        {log.confirmedAt ? (
          <Tag color="green" data-testid="service-confirmed">
            {t('commissioner.log.confirmed')}
          </Tag>
        ) : (
          <Tag color="orange" data-testid="service-unconfirmed">
            {t('commissioner.log.unconfirmed')}
          </Tag>
        )}
      </Space>
      <Typography.Text type="secondary">{t('commissioner.log.by', { name: log.commissionerName })}</Typography.Text>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{log.content}</Typography.Paragraph>
      {log.files.length > 0 && (
        <Space wrap>
          {log.files.map((f) => (
            <Button key={f.id} size="small" type="link" icon={<PaperClipOutlined />} onClick={() => download(f.id, f.fileName)} data-testid="service-file">
              {f.fileName}
            </Button>
          ))}
        </Space>
      )}
      {log.rating !== null && (
        <Space wrap>
          <Rate disabled value={log.rating} aria-label={t('commissioner.log.rating', { rating: log.rating })} />
          <Typography.Text>{t('commissioner.log.rating', { rating: log.rating })}</Typography.Text>
          {log.ratingComment && <Typography.Text type="secondary">“{log.ratingComment}”</Typography.Text>}
        </Space>
      )}
      {extra}
    </Space>
  );
}
