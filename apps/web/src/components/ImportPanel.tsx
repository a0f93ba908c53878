import { Alert, App, Button, Card, Col, Radio, Row, Space, Statistic, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { ReactNode, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ItemKind } from '@ztt/contracts';
import { apiDownload, apiUpload, saveBlob } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { kindPath } from './catalogue';
import { applyApiError } from './form-errors';

interface ImportError {
  row: number;
  field: string;
  message: string;
}
interface ImportDuplicate {
  row: number;
  title: string;
  existingId: string | null;
  /** set when the earlier copy is a row of the same file */
  existingRow?: number;
}
export interface ImportReport {
  total: number;
  valid: number;
  imported: number;
  errors: ImportError[];
  duplicates: ImportDuplicate[];
}

const MAX_BYTES = 5 * 1024 * 1024;

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export type ImportMode = 'dry-run' | 'all-valid';

interface ImportPanelProps {
  title: string;
  kind: ItemKind;
  onKindChange: (kind: ItemKind) => void;
  /** GET path of the template for a kind */
  templatePath: (kind: ItemKind) => string;
  /** POST path of an upload for a kind and mode */
  uploadPath: (kind: ItemKind, mode: ImportMode) => string;
  /** what the rows become, said under the upload */
  help: string;
  /** more choices above the file (the organisation, drafts or review) */
  options?: ReactNode;
  /** said once the rows are imported, beside the count */
  doneNote?: string;
}

/**
 * 批量导入: template, dry run with its problems, then import of the valid rows. The platform
 * admins' page and the organisation admins' self-service page share it; only the paths and
 * what the rows become differ. Give it a `key` that changes with its paths, so a new choice starts over.
 */
export function ImportPanel({ title, kind, onKindChange, templatePath, uploadPath, help, options, doneNote }: ImportPanelProps) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [imported, setImported] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setReport(null);
    setImported(null);
  };

  const download = async (path: string, name: string) => {
    try {
      await apiDownload(path, name);
    } catch (e) {
      message.error(applyApiError(null, e));
    }
  };

  const run = async (mode: ImportMode) => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await apiUpload<ImportReport>(uploadPath(kind, mode), file);
      if (mode === 'dry-run') {
        setReport(r);
        setImported(null);
      } else {
        setImported(r);
        message.success(t('import.done', { count: r.imported }));
      }
    } catch (e) {
      message.error(applyApiError(null, e));
    } finally {
      setBusy(false);
    }
  };

  const confirmImport = () => {
    if (!report) return;
    modal.confirm({
      title: t('import.confirm.title'),
      content: t('import.confirm.body', { valid: report.valid, total: report.total, skipped: report.total - report.valid }),
      okText: t('import.run'),
      cancelText: t('common.cancel'),
      onOk: () => run('all-valid'),
    });
  };

  const errorReport = () => {
    if (!report) return;
    const rows: (string | number)[][] = [[t('import.row'), t('import.field'), t('import.problem')], ...report.errors.map((e) => [e.row, e.field, e.message])];
    const csv = '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
    saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${kindPath(kind)}-import-errors.csv`);
  };

  return (
    <>
      <Card title={title}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text strong>{t('import.kind')}</Typography.Text>
            <Radio.Group
              value={kind}
              onChange={(e) => {
                onKindChange(e.target.value as ItemKind);
                reset();
              }}
              optionType="button"
              options={[
                { value: 'need', label: t('search.tab.needs') },
                { value: 'achievement', label: t('search.tab.achievements') },
              ]}
              data-testid="import-kind"
            />
            <Button icon={<FileExcelOutlined />} onClick={() => void download(templatePath(kind), `${kindPath(kind)}-template.xlsx`)} data-testid="import-template">
              {t('import.template')}
            </Button>
          </Space>
          {options}
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {help}
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            maxCount={1}
            fileList={file ? [{ uid: 'import', name: file.name, status: 'done', size: file.size }] : []}
            onRemove={() => {
              setFile(null);
              reset();
            }}
            beforeUpload={(f) => {
              if (f.size > MAX_BYTES) {
                message.error(t('attachment.tooLarge', { name: f.name }));
                return Upload.LIST_IGNORE;
              }
              setFile(f);
              reset();
              return false;
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.drop')}</p>
          </Upload.Dragger>
          <Space wrap>
            <Button type="primary" disabled={!file} loading={busy && !report} onClick={() => void run('dry-run')} data-testid="import-dry-run">
              {t('import.dryRun')}
            </Button>
            <Button disabled={!report || report.valid === 0 || !!imported} loading={busy && !!report} onClick={confirmImport} data-testid="import-run">
              {t('import.run')}
            </Button>
            <Button icon={<DownloadOutlined />} disabled={!report || report.errors.length === 0} onClick={errorReport} data-testid="import-error-report">
              {t('import.errorReport')}
            </Button>
          </Space>
        </Space>
      </Card>

      {report && (
        <Card title={t('import.result')} data-testid="import-result">
          {imported && (
            <Alert type="success" showIcon style={{ marginBottom: 16 }} message={t('import.done', { count: imported.imported })} description={doneNote} data-testid="import-done" />
          )}
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Statistic title={t('import.total')} value={report.total} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('import.valid')} value={report.valid} valueStyle={{ color: '#389e0d' }} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('import.errors')} value={report.errors.length} valueStyle={{ color: report.errors.length ? '#cf1322' : undefined }} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('import.duplicates')} value={report.duplicates.length} valueStyle={{ color: report.duplicates.length ? '#d48806' : undefined }} />
            </Col>
          </Row>
          {report.errors.length > 0 && (
            <Table<ImportError>
              size="small"
              rowKey={(r) => `${r.row}-${r.field}-${r.message}`}
              dataSource={report.errors}
              title={() => <Typography.Text strong>{t('import.errors')}</Typography.Text>}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              data-testid="import-errors"
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 80 },
                { title: t('import.field'), dataIndex: 'field', width: 180 },
                { title: t('import.problem'), dataIndex: 'message' },
              ]}
            />
          )}
          {report.duplicates.length > 0 && (
            <Table<ImportDuplicate>
              size="small"
              rowKey={(r) => `${r.row}-${r.existingId}`}
              dataSource={report.duplicates}
              title={() => <Typography.Text strong>{t('import.duplicates')}</Typography.Text>}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              data-testid="import-duplicates"
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 80 },
                { title: t('item.title'), dataIndex: 'title' },
                {
                  title: t('import.existing'),
                  dataIndex: 'existingId',
                  render: (eid: string | null, r: ImportDuplicate) =>
                    eid ? (
                      <Link to={`/${kindPath(kind)}/${eid}`} target="_blank">
                        {t('item.view')}
                      </Link>
                    ) : (
                      t('import.sameFileRow', { row: r.existingRow ?? '?' })
                    ),
                },
              ]}
            />
          )}
        </Card>
      )}
    </>
  );
}
