import * as path from 'node:path';
import { HttpStatus } from '@nestjs/common';
import { ErrorCode, ItemKind } from '@ztt/contracts';
import { AppException } from '@ztt/platform';
import ExcelJS from 'exceljs';
import { CatalogueItem } from '../entities/catalogue-item.entity';
import { EXPORT_EXTRA, ExportContext, IMPORT_COLUMNS, ImportColumn } from './columns';
import { CellError, cellText, CellValue, cellValue, parseCsv } from './parse';

export const IMPORT_BYTES_MAX = 5 * 1024 * 1024;
export const IMPORT_ROWS_MAX = 5000;
export const EXPORT_ROWS_MAX = 10_000;

export const KIND_LABEL: Record<ItemKind, string> = { need: '技术需求', achievement: '科技成果' };

export interface SheetRow {
  /** spreadsheet row number; the header is row 1 */
  row: number;
  cells: (CellValue | CellError)[];
}

export interface Table {
  headers: string[];
  rows: SheetRow[];
}

const unsupported = () => new AppException(ErrorCode.UnsupportedFile, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
const tooManyRows = () => AppException.validation([{ field: 'file', code: 'arrayMaxSize', params: { max: IMPORT_ROWS_MAX } }]);

function isEmptyRow(cells: (CellValue | CellError)[]): boolean {
  return cells.every((c) => !(c instanceof CellError) && cellText(c) === '');
}

/** Text that is valid UTF-8 without control characters other than tab and line breaks — a CSV, then. */
function decodeCsv(data: Buffer): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : text;
  } catch {
    return null;
  }
}

/**
 * The first sheet of an .xlsx (recognised by its ZIP signature, whatever its name says) or a
 * UTF-8 .csv, as header texts and non-empty data rows. Anything else is 415.
 */
export async function readTable(data: Buffer, fileName: string, mimeType = ''): Promise<Table> {
  const isZip = data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  if (isZip) return readXlsx(data);
  const looksCsv = path.extname(fileName).toLowerCase() === '.csv' || mimeType.toLowerCase().startsWith('text/csv');
  const text = looksCsv && data.length > 0 ? decodeCsv(data) : null;
  if (text === null) throw unsupported();
  const records = parseCsv(text);
  const headers = (records[0] ?? []).map((h) => h.trim());
  const rows: SheetRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const cells = headers.map((_, c) => (records[i] as string[])[c] ?? null);
    if (isEmptyRow(cells)) continue;
    if (rows.length >= IMPORT_ROWS_MAX) throw tooManyRows();
    rows.push({ row: i + 1, cells });
  }
  return { headers, rows };
}

async function readXlsx(data: Buffer): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    // A ZIP that is not a workbook (a .docx, a damaged file).
    throw unsupported();
  }
  const ws = wb.worksheets[0];
  if (!ws) return { headers: [], rows: [] };
  const values = (n: number, width: number) => {
    const v = ws.getRow(n).values as unknown[];
    return Array.from({ length: width }, (_, c) => cellValue(v[c + 1]));
  };
  const headerRow = ws.getRow(1).values as unknown[];
  const headers = Array.from({ length: Math.max(0, headerRow.length - 1) }, (_, c) => {
    const v = cellValue(headerRow[c + 1]);
    return v instanceof CellError ? '' : cellText(v);
  });
  const rows: SheetRow[] = [];
  let tooMany = false;
  ws.eachRow({ includeEmpty: false }, (_row, n) => {
    if (n === 1 || tooMany) return;
    const cells = values(n, headers.length);
    if (isEmptyRow(cells)) return;
    if (rows.length >= IMPORT_ROWS_MAX) tooMany = true;
    else rows.push({ row: n, cells });
  });
  if (tooMany) throw tooManyRows();
  return { headers, rows };
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
/** Columns whose cells must stay text in Excel (leading zeros, exact decimals, long digit strings). */
const TEXT_COLUMNS = new Set(['发布机构统一社会信用代码', '联系电话', '预算下限(万元)', '预算上限(万元)', '报价(万元)']);

function headerRow(ws: ExcelJS.Worksheet, headers: string[], widths: number[]): void {
  ws.columns = headers.map((h, i) => ({ header: h, width: widths[i] ?? 16, style: TEXT_COLUMNS.has(h) ? { numFmt: '@' } : {} }));
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.eachCell((c) => (c.fill = HEADER_FILL));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

function widthOf(c: ImportColumn): number {
  return Math.min(40, Math.max(12, c.header.length * 2 + 4));
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The template: header row and one example row, then the 填写说明 sheet with every column and its allowed values. */
export async function buildTemplate(kind: ItemKind): Promise<Buffer> {
  const columns = IMPORT_COLUMNS[kind];
  const wb = new ExcelJS.Workbook();
  wb.creator = '湛江科技成果转化对接平台';
  const ws = wb.addWorksheet(KIND_LABEL[kind]);
  headerRow(
    ws,
    columns.map((c) => c.header),
    columns.map(widthOf),
  );
  ws.addRow(columns.map((c) => c.example[kind]));
  ws.getRow(2).alignment = { wrapText: true, vertical: 'top' };

  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', width: 26 },
    { header: '是否必填', width: 10 },
    { header: '填写说明', width: 60 },
    { header: '可选值（中文名称 / 代码）', width: 50 },
  ];
  help.getRow(1).font = { bold: true };
  help.getRow(1).eachCell((c) => (c.fill = HEADER_FILL));
  for (const c of columns) {
    const allowed = c.allowed?.map((a) => `${a.label} / ${a.code}`).join('\n') ?? '';
    const r = help.addRow([c.header, c.required ? '必填' : '选填', c.help, allowed]);
    r.alignment = { wrapText: true, vertical: 'top' };
  }
  help.addRow([]);
  for (const note of [
    `第一张表的第 1 行是列名，请勿修改；从第 2 行起每行一条${KIND_LABEL[kind]}，第 2 行是示例，请替换或删除。`,
    '也可另存为 CSV（UTF-8）上传；文件不超过 5 MB、5000 行。',
    '建议先“试导入”检查每一行，确认无误后再导入全部有效行；同一机构标题相同或几乎相同的条目视为疑似重复，不会导入。',
    '导入的内容由平台管理员直接发布。',
  ]) {
    help.addRow([note]).alignment = { wrapText: false };
  }
  return toBuffer(wb);
}

/** The export: the template's public columns, then 状态, 发布时间 and 发布机构. */
export async function buildExport(kind: ItemKind, items: { item: CatalogueItem; ctx: ExportContext }[]): Promise<Buffer> {
  const columns = IMPORT_COLUMNS[kind].filter((c) => c.write);
  const wb = new ExcelJS.Workbook();
  wb.creator = '湛江科技成果转化对接平台';
  const ws = wb.addWorksheet(KIND_LABEL[kind]);
  headerRow(ws, [...columns.map((c) => c.header), ...EXPORT_EXTRA.map((e) => e.header)], [...columns.map(widthOf), 10, 18, 30]);
  for (const { item, ctx } of items) {
    ws.addRow([...columns.map((c) => (c.write as NonNullable<ImportColumn['write']>)(item, ctx)), ...EXPORT_EXTRA.map((e) => e.write(item, ctx))]);
  }
  return toBuffer(wb);
}
