import { App, Button, Card, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { ItemKind } from '@ztt/contracts';
import { apiDownload } from '../api/client';
import { kindPath } from '../components/catalogue';
import { applyApiError } from '../components/form-errors';
import { ImportPanel } from '../components/ImportPanel';
import { useI18n } from '../i18n/i18n';

/** 批量导入导出 for platform admins: rows are published directly; export of the catalogue. */
export function AdminImportPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [kind, setKind] = useState<ItemKind>('need');

  const download = async (path: string, name: string) => {
    try {
      await apiDownload(path, name);
    } catch (e) {
      message.error(applyApiError(null, e));
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ImportPanel
        title={t('import.title')}
        kind={kind}
        onKindChange={setKind}
        templatePath={(k) => `/admin/import/${k}/template`}
        uploadPath={(k, mode) => `/admin/import/${k}?mode=${mode}`}
        help={t('import.help')}
      />

      <Card title={t('export.title')}>
        <Space wrap>
          <Typography.Text type="secondary">{t('export.help')}</Typography.Text>
          <Button icon={<DownloadOutlined />} onClick={() => void download(`/admin/export/${kind}`, `${kindPath(kind)}.xlsx`)} data-testid="export-all">
            {t(kind === 'need' ? 'export.needs' : 'export.achievements')}
          </Button>
        </Space>
      </Card>
    </Space>
  );
}
