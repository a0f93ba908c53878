import { IpItem, TAXONOMY, TaxonomyItem, TeamMember, WAN_PATTERN } from '@ztt/contracts';

/**
 * Pure parsing of spreadsheet cells into the API's input shapes. Nothing here touches the
 * database; every function either returns a value or a problem code from IMPORT_MESSAGES /
 * FIELD_MESSAGES (with its parameters).
 */

/** What a cell holds once exceljs' wrappers (rich text, formulas, hyperlinks) are taken off. */
export type CellValue = string | number | boolean | Date | null;

/** A cell Excel marks as an error (#N/A, #DIV/0!, …). */
export class CellError {
  constructor(readonly error: string) {}
}

export interface Problem {
  code: string;
  params?: Record<string, string | number>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(code: string, params?: Problem['params']): Parsed<T> => ({ ok: false, problem: { code, params } });

/** Unwraps an exceljs cell value (rich text, hyperlink, formula result, error) to a plain one. */
export function cellValue(raw: unknown): CellValue | CellError {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' || raw instanceof Date) return raw;
  if (typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
    if ('error' in o) return new CellError(String(o.error));
    if ('formula' in o || 'sharedFormula' in o) return 'result' in o ? cellValue(o.result) : null;
    if ('text' in o) return cellValue(o.text);
  }
  return String(raw);
}

/** A cell as text: trimmed; numbers without float noise; dates as YYYY-MM-DD; '' when empty. */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return isoDate(v) ?? '';
  return Number.isFinite(v) ? String(v) : '';
}

function isoDate(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  // Excel dates have no time zone; exceljs reads them as UTC midnight.
  return d.toISOString().slice(0, 10);
}

/**
 * 万元 with at most two decimals, as an exact decimal string. Text is checked character by
 * character and never goes through a float; an Excel number must be finite, ≥ 0, and equal
 * to itself rounded to cents before it is written out with toFixed(2).
 */
export function parseMoney(v: CellValue): Parsed<string | null> {
  if (v === null || (typeof v === 'string' && v.trim() === '')) return ok(null);
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return fail('money_format');
    const fixed = v.toFixed(2);
    if (Number(fixed) !== v || !WAN_PATTERN.test(fixed)) return fail('money_format');
    return ok(fixed);
  }
  if (typeof v !== 'string') return fail('money_format');
  const text = v.normalize('NFKC').trim();
  return WAN_PATTERN.test(text) ? ok(text) : fail('money_format');
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** YYYY-MM-DD (also 2027/6/30 and 2027年6月30日) or a real Excel date; a plain number is refused. */
export function parseDate(v: CellValue): Parsed<string | null> {
  if (v === null || (typeof v === 'string' && v.trim() === '')) return ok(null);
  if (v instanceof Date) {
    const iso = isoDate(v);
    return iso ? ok(iso) : fail('date_format');
  }
  if (typeof v !== 'string') return fail('date_format');
  const m = DATE_TEXT.exec(v.normalize('NFKC').trim());
  if (!m) return fail('date_format');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return fail('date_format');
  return ok(`${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '面议']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '✗']);

/** 是 / 否 (also yes/no, true/false, 1/0); empty means not given. */
export function parseBool(v: CellValue): Parsed<boolean | undefined> {
  if (v === null) return ok(undefined);
  if (typeof v === 'boolean') return ok(v);
  const t = cellText(v).normalize('NFKC').toLowerCase();
  if (t === '') return ok(undefined);
  if (YES.has(t)) return ok(true);
  if (NO.has(t)) return ok(false);
  return fail('bool_format');
}

/** An integer as a number when it looks like one ("7", "TRL7", 7); anything else is left for the DTO to refuse. */
export function parseInteger(v: CellValue): number | string | undefined {
  if (v === null) return undefined;
  if (typeof v === 'number') return v;
  const t = cellText(v)
    .normalize('NFKC')
    .replace(/^trl\s*/i, '');
  if (t === '') return undefined;
  return /^[+-]?\d{1,6}$/.test(t) ? Number(t) : t;
}

const OPEN = new Set(['(', '（', '[', '【']);
const CLOSE = new Set([')', '）', ']', '】']);

/** Splits on the given separators, except inside brackets: "人才合作（科技副总、双聘）" stays whole. */
function splitOutsideBrackets(text: string, separators: Set<string>): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && separators.has(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

const LIST_SEPARATORS = new Set(['、', '，', ',', ';', '；', '\n', '\r']);
const LINE_SEPARATORS = new Set([';', '；', '\n', '\r']);

/** A list cell: items separated by 、 ， , ; ； or line breaks. */
export function splitList(v: CellValue): string[] {
  return splitOutsideBrackets(cellText(v), LIST_SEPARATORS);
}

/** A multi-line cell: entries separated by line breaks or ; ；. */
export function splitLines(v: CellValue): string[] {
  return splitOutsideBrackets(cellText(v), LINE_SEPARATORS);
}

function key(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
}

/** Looks values up by code, Chinese label, or the label without its bracketed note ("茂名" for "茂名（湛茂都市圈）"). */
export class CodeLookup {
  private readonly byKey = new Map<string, string>();

  constructor(items: readonly TaxonomyItem[]) {
    const short = new Map<string, string[]>();
    for (const it of items) {
      this.byKey.set(key(it.code), it.code);
      this.byKey.set(key(it.label), it.code);
      const bare = key(it.label.replace(/[（(].*?[）)]/g, ''));
      if (bare && bare !== key(it.label)) short.set(bare, [...(short.get(bare) ?? []), it.code]);
    }
    for (const [k, codes] of short) if (codes.length === 1 && !this.byKey.has(k)) this.byKey.set(k, codes[0] as string);
  }

  code(token: string): string | null {
    return this.byKey.get(key(token)) ?? null;
  }

  /** One value; empty gives undefined so the DTO reports it as missing. */
  one(v: CellValue): Parsed<string | undefined> {
    const t = cellText(v);
    if (!t) return ok(undefined);
    const c = this.code(t);
    return c ? ok(c) : fail('unknown_value', { value: t });
  }

  /** A list of values, in the order given, without repeats. */
  many(v: CellValue): Parsed<string[]> {
    const out: string[] = [];
    for (const token of splitList(v)) {
      const c = this.code(token);
      if (!c) return fail('unknown_value', { value: token });
      if (!out.includes(c)) out.push(c);
    }
    return ok(out);
  }
}

export const LOOKUPS = {
  chains: new CodeLookup(TAXONOMY.industries.flatMap((i) => i.chains)),
  regions: new CodeLookup(TAXONOMY.regions),
  cooperationModes: new CodeLookup(TAXONOMY.cooperationModes),
  needCategories: new CodeLookup(TAXONOMY.needCategories),
  maturityStages: new CodeLookup(TAXONOMY.maturityStages),
  ipTypes: new CodeLookup(TAXONOMY.ipTypes),
};

/** "发明专利|ZL202310123456.7|已授权" lines (type as label or code), separated by line breaks or ；. */
export function parseIpLines(v: CellValue): Parsed<IpItem[]> {
  const out: IpItem[] = [];
  const lines = splitLines(v);
  for (let i = 0; i < lines.length; i++) {
    const parts = (lines[i] as string).split(/[|｜]/).map((p) => p.trim());
    if (parts.length !== 3 || parts.some((p) => !p)) return fail('ip_line', { n: i + 1 });
    const [typeText, number, status] = parts as [string, string, string];
    const type = LOOKUPS.ipTypes.code(typeText);
    if (!type) return fail('ip_type', { n: i + 1, value: typeText });
    out.push({ type, number, status });
  }
  return ok(out);
}

/** "林海|教授、王芳" — name, optionally |title; entries separated like other lists. */
export function parseTeam(v: CellValue): Parsed<TeamMember[]> {
  const out: TeamMember[] = [];
  const entries = splitList(v);
  for (let i = 0; i < entries.length; i++) {
    const parts = (entries[i] as string).split(/[|｜]/).map((p) => p.trim());
    if (parts.length > 2 || !parts[0]) return fail('team_line', { n: i + 1 });
    out.push({ name: parts[0], title: parts[1] || null, userId: null });
  }
  return ok(out);
}

/** For duplicate detection: NFKC, lower case, no whitespace, punctuation or symbols. */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Equal once normalised, or one contains the other and is at least 90 % of its length. */
export function isNearDuplicate(a: string, b: string): boolean {
  return nearNormalised(normaliseTitle(a), normaliseTitle(b));
}

/** isNearDuplicate for titles already normalised (to compare many titles, normalise each once). */
export function nearNormalised(x: string, y: string): boolean {
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return long.includes(short) && [...short].length / [...long].length >= 0.9;
}

/**
 * RFC 4180 CSV (quotes, doubled quotes, line breaks inside quotes; CRLF or LF), UTF-8 with or
 * without a byte-order mark. Every cell stays text: nothing is guessed into numbers or dates.
 */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
