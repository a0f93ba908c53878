import { FIELD_MESSAGES } from './error-messages';
import { Catalogue, Locale, format } from './locale';

/**
 * Problems found in a row of a bulk-import spreadsheet (POST /api/admin/import/:kind). Codes not
 * listed here fall back to FIELD_MESSAGES (the API's own validation messages), so a row is
 * judged, and explained, exactly like the same input sent to POST /api/needs or /api/achievements.
 */
export type ImportMessageCode =
  'unknown_value' | 'money_format' | 'date_format' | 'bool_format' | 'ip_line' | 'ip_type' | 'team_line' | 'org_unknown' | 'org_not_verified' | 'missing_column' | 'cell_error';

export const IMPORT_MESSAGES: Catalogue<ImportMessageCode> = {
  unknown_value: {
    'zh-CN': '“{value}”不是允许的取值，请填写中文名称或代码（见“填写说明”）',
    en: '“{value}” is not an allowed value; use the Chinese label or the code (see the instructions sheet)',
  },
  money_format: {
    'zh-CN': '金额应为不小于 0 的数字（万元），最多两位小数',
    en: 'Amounts are numbers of at least 0 (in 万元) with at most two decimals',
  },
  date_format: {
    'zh-CN': '日期应为 YYYY-MM-DD 格式（如 2027-06-30）或 Excel 日期',
    en: 'Dates are YYYY-MM-DD (e.g. 2027-06-30) or an Excel date',
  },
  bool_format: { 'zh-CN': '请填写“是”或“否”', en: 'Enter 是 (yes) or 否 (no)' },
  ip_line: {
    'zh-CN': '第 {n} 项应为“类型|编号|状态”，如“发明专利|ZL202310123456.7|已授权”',
    en: 'Item {n} must be “type|number|status”, e.g. “发明专利|ZL202310123456.7|已授权”',
  },
  ip_type: {
    'zh-CN': '第 {n} 项的类型“{value}”不是允许的知识产权类型',
    en: 'Item {n}: “{value}” is not an allowed type of intellectual property',
  },
  team_line: {
    'zh-CN': '第 {n} 项应为“姓名|职称”或“姓名”',
    en: 'Item {n} must be “name|title” or “name”',
  },
  org_unknown: {
    'zh-CN': '平台上没有使用该统一社会信用代码的机构',
    en: 'No organisation on the platform has this credit code',
  },
  org_not_verified: {
    'zh-CN': '该机构尚未通过认证，不能发布需求或成果',
    en: 'This organisation is not verified and cannot post',
  },
  missing_column: { 'zh-CN': '文件缺少此列（请使用导入模板）', en: 'The file lacks this column (use the template)' },
  cell_error: { 'zh-CN': '单元格含有错误值（如 #N/A）', en: 'The cell holds an error value (such as #N/A)' },
};

/** The message for an import problem in the caller's language; API field codes are understood too. */
export function importMessage(code: string, locale: Locale, params?: Record<string, string | number>): string {
  const entry = (IMPORT_MESSAGES as Record<string, Record<Locale, string>>)[code] ?? FIELD_MESSAGES[code] ?? FIELD_MESSAGES['invalid'];
  return format((entry as Record<Locale, string>)[locale], params);
}
