import { App, Button, List, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { QueryKey, useMutation } from '@tanstack/react-query';
import { ChallengeFileView } from '@ztt/contracts';
import { apiDownload, apiUpload } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ATTACHMENT_ACCEPT } from '../catalogue';
import { applyApiError } from '../form-errors';

/**
 * Files of a proposal or a milestone: download for those who may see them; upload when `uploadPath` is
 * given, after which the queries in `invalidates` (those that list the files) refresh.
 */
export function ChallengeFiles({ files, uploadPath, invalidates, testId }: { files: ChallengeFileView[]; uploadPath?: string; invalidates?: QueryKey[]; testId?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const upload = useMutation({
    mutationFn: ({ path, file }: { path: string; file: File }) => apiUpload(path, file),
    meta: { invalidates: invalidates ?? [] },
    onSuccess: () => message.success(t('challenge.files.uploaded')),
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const download = async (f: ChallengeFileView) => {
    try {
      await apiDownload(`/challenge-files/${f.id}`, f.fileName);
    } catch (e) {
      message.error(applyApiError(null, e));
    }
  };
  return (
    <div data-testid={testId}>
      {files.length > 0 && (
        <List
          size="small"
          dataSource={files}
          renderItem={(f) => (
            <List.Item key={f.id}>
              <Button type="link" icon={<PaperClipOutlined />} onClick={() => void download(f)} data-testid="challenge-file">
                {f.fileName}
              </Button>
              <span>{Math.ceil(f.size / 1024)} KB</span>
            </List.Item>
          )}
        />
      )}
      {uploadPath && (
        <Upload accept={ATTACHMENT_ACCEPT} showUploadList={false} customRequest={({ file }) => upload.mutate({ path: uploadPath, file: file as File })}>
          <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="challenge-upload">
            {t('challenge.files.upload')}
          </Button>
        </Upload>
      )}
    </div>
  );
}
