import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  compareDecimals,
  creditCodeProblem,
  DEFAULT_LOCALE,
  ErrorCode,
  importMessage,
  ItemKind,
  ItemStatus,
  Locale,
  OrgRole,
  VerificationStatus,
} from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import type { ItemFilters } from '../catalogue-reader';
import { OrganisationCard, OrganisationDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, currentRequest, UploadedFile, writeOutbox } from '@ztt/platform';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { DataSource, EntityManager, In } from 'typeorm';
import { CatalogueService, checkSubmittable, ItemInput, snapshot } from '../catalogue.service';
import { CreateAchievementDto, CreateNeedDto } from '../dto/item.dto';
import { CatalogueItem } from '../entities/catalogue-item.entity';
import { KINDS } from '../kinds';
import { columnForPath, ExportContext, headerKey, IMPORT_COLUMNS, ImportColumn, RowInput } from './columns';
import { CellError, cellText, CellValue, nearNormalised, normaliseTitle, Problem } from './parse';
import { buildExport, EXPORT_ROWS_MAX, IMPORT_BYTES_MAX, readTable } from './spreadsheet';

export type ImportMode = 'dry-run' | 'all-valid';

/**
 * Self-service import by an organisation's admins: every row belongs to that organisation (the
 * credit-code column is ignored), and becomes a draft or is submitted for review, never published.
 */
export interface OrgImportTarget {
  orgId: string;
  submit: boolean;
}

/** How the rows are owned and stored: by the sheet's credit codes and published (platform admins), or by one organisation. */
type Owner = { org: null } | { org: OrganisationCard; submit: boolean };

export interface ImportError {
  row: number;
  field: string;
  message: string;
}

export interface ImportDuplicate {
  row: number;
  title: string;
  /** the existing item it resembles; null when it resembles an earlier row of the same file */
  existingId: string | null;
  /** the earlier row of the same file it resembles, if any */
  existingRow: number | null;
}

export interface ImportReport {
  total: number;
  /** rows that would be (or were) imported: no errors, not a duplicate */
  valid: number;
  imported: number;
  errors: ImportError[];
  duplicates: ImportDuplicate[];
}

/** An export narrows like a listing, and may ask for one status. */
export interface ExportFilters extends ItemFilters {
  status?: ItemStatus;
}

interface RowProblem extends Problem {
  column: ImportColumn;
}

interface ParsedRow {
  row: number;
  input: RowInput;
  problems: RowProblem[];
}

const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';
const INSERT_CHUNK = 200;
const MONEY_PATHS = new Set(['budgetMin', 'budgetMax', 'askingPrice']);

/** Flattens class-validator errors to (property path, constraint, English text) triples. */
function flatten(errors: ValidationError[], prefix = ''): { path: string; constraint: string; text: string; property: string }[] {
  return errors.flatMap((e) => {
    const p = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, text]) => ({ path: p, constraint, text, property: e.property }));
    return [...own, ...flatten(e.children ?? [], p)];
  });
}

/** The API's message code for a DTO constraint, with the numbers it needs; some get an import-specific wording. */
function problemFor(path: string, constraint: string, text: string, property: string): Problem {
  const root = path.split('.')[0] as string;
  if (MONEY_PATHS.has(root) && constraint === 'matches') return { code: 'money_format' };
  if (root === 'deadline' && (constraint === 'matches' || constraint === 'isIso8601' || constraint === 'isISO8601')) return { code: 'date_format' };
  if (path === 'contact.phone' && constraint === 'matches') return { code: 'isPhoneNumber' };
  const n = /(-?\d+(\.\d+)?)/.exec(text.slice(property.length))?.[1];
  if (n !== undefined && ['minLength', 'min', 'arrayMinSize'].includes(constraint)) return { code: constraint, params: { min: Number(n) } };
  if (n !== undefined && ['maxLength', 'max', 'arrayMaxSize'].includes(constraint)) return { code: constraint, params: { max: Number(n) } };
  return { code: constraint };
}

/**
 * Bulk import and export of needs and achievements for platform admins. Each row is mapped to
 * the create DTO and validated with the API's own rules; valid, non-duplicate rows are
 * published in one transaction, each audited and announced through the outbox.
 */
@Injectable()
export class ImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogue: CatalogueService,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationDirectory,
    private readonly notifications: NotificationsService,
  ) {}

  /** The organisation an admin of it imports into; anyone else's is answered like a missing one. */
  async orgForImport(actor: AuthContext, orgId: string): Promise<OrganisationCard> {
    if (actor.orgRoles.get(orgId) !== OrgRole.Admin) throw AppException.notFound();
    const org = await this.organisations.find(orgId);
    if (!org) throw AppException.notFound();
    if (org.verificationStatus !== VerificationStatus.Verified) throw new AppException(ErrorCode.OrgNotVerified, HttpStatus.FORBIDDEN);
    return org;
  }

  async import(actor: AuthContext, kind: ItemKind, file: UploadedFile | undefined, mode: ImportMode, target?: OrgImportTarget): Promise<ImportReport> {
    const owner: Owner = target ? { org: await this.orgForImport(actor, target.orgId), submit: target.submit } : { org: null };
    if (!file) throw AppException.validation([{ field: 'file', code: 'isNotEmpty' }]);
    if (file.size > IMPORT_BYTES_MAX) throw new AppException(ErrorCode.PayloadTooLarge, HttpStatus.PAYLOAD_TOO_LARGE);
    const table = await readTable(file.buffer, file.originalname, file.mimetype);
    const locale = currentRequest()?.locale ?? DEFAULT_LOCALE;
    const ownerColumn = IMPORT_COLUMNS[kind].find((c) => c.paths.includes('ownerOrgId'));
    // An organisation's own import takes the owner from the caller's membership, never from the sheet.
    const columns = owner.org ? IMPORT_COLUMNS[kind].filter((c) => c !== ownerColumn) : IMPORT_COLUMNS[kind];

    const index = new Map<ImportColumn, number>();
    const keys = table.headers.map(headerKey);
    for (const c of columns) {
      const i = keys.indexOf(headerKey(c.header));
      if (i >= 0) index.set(c, i);
    }
    const missing = columns.filter((c) => c.required && !index.has(c));
    if (missing.length) {
      const errors = missing.map((c) => ({ row: 1, field: c.header, message: importMessage('missing_column', locale) }));
      return { total: table.rows.length, valid: 0, imported: 0, errors, duplicates: [] };
    }

    const rows: ParsedRow[] = [];
    for (const r of table.rows) rows.push(await this.parseRow(kind, columns, index, r.row, r.cells));
    if (owner.org && owner.submit) this.checkSubmittable(kind, columns, rows);

    if (mode === 'dry-run') return this.report(await this.analyse(this.db.manager, kind, rows, owner), 0, locale);
    return this.db.transaction(async (m) => {
      // One import of a kind at a time, so two uploads of the same file cannot both pass the duplicate check.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`catalogue-import:${kind}`]);
      const analysis = await this.analyse(m, kind, rows, owner);
      const imported = owner.org ? await this.insertForOrg(m, actor, kind, owner.org, owner.submit, analysis.importable) : await this.insert(m, actor, kind, analysis.importable);
      return this.report(analysis, imported, locale);
    });
  }

  /** Rows to be submitted pass the same quality gate as POST /api/needs/:id/submit. */
  private checkSubmittable(kind: ItemKind, columns: ImportColumn[], rows: ParsedRow[]): void {
    const column = columns.find((c) => c.paths.includes('acceptanceCriteria'));
    if (!column) return;
    for (const r of rows) {
      if (r.problems.some((p) => p.column === column)) continue;
      try {
        checkSubmittable(kind, r.input);
      } catch {
        r.problems.push({ column, code: 'criteria_required' });
      }
    }
  }

  /** Maps one row to the DTO shape and validates it exactly like POST /api/needs or /api/achievements. */
  private async parseRow(kind: ItemKind, columns: ImportColumn[], index: Map<ImportColumn, number>, row: number, cells: (CellValue | CellError)[]): Promise<ParsedRow> {
    const input: RowInput = { contact: { phone: null, email: null } };
    const problems: RowProblem[] = [];
    for (const column of columns) {
      const i = index.get(column);
      const v = i === undefined ? null : (cells[i] ?? null);
      if (v instanceof CellError) {
        problems.push({ column, code: 'cell_error' });
        continue;
      }
      if (column.required && cellText(v) === '') {
        problems.push({ column, code: 'isNotEmpty' });
        continue;
      }
      const p = column.read(v, input);
      if (p) problems.push({ column, ...p });
    }

    const { creditCode: _code, ...plain } = input;
    const Dto: new () => object = kind === 'need' ? CreateNeedDto : CreateAchievementDto;
    const dto = plainToInstance(Dto, { ...plain, ownerOrgId: PLACEHOLDER_ID });
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } });
    for (const e of flatten(errors)) {
      const column = columnForPath(columns, e.path);
      if (!column || problems.some((p) => p.column === column)) continue;
      problems.push({ column, ...problemFor(e.path, e.constraint, e.text, e.property) });
    }
    // The API's budget check, exact on decimal strings; irrelevant when the budget is 面议.
    const { budgetMin, budgetMax, budgetNegotiable } = input as { budgetMin?: string | null; budgetMax?: string | null; budgetNegotiable?: boolean };
    const minColumn = columns.find((c) => c.paths.includes('budgetMin'));
    if (minColumn && budgetNegotiable !== true && budgetMin && budgetMax && !problems.some((p) => p.column.paths.includes('budgetMin') || p.column.paths.includes('budgetMax'))) {
      if (compareDecimals(budgetMin, budgetMax) > 0) problems.push({ column: minColumn, code: 'budget_order' });
    }
    return { row, input: Object.assign(dto, { creditCode: input.creditCode }) as unknown as RowInput, problems };
  }

  /** Resolves owners by credit code and finds likely duplicates, against the database and earlier rows. */
  private async analyse(m: EntityManager, kind: ItemKind, rows: ParsedRow[], target: Owner) {
    const owner = IMPORT_COLUMNS[kind].find((c) => c.paths.includes('ownerOrgId')) as ImportColumn;
    if (target.org) for (const r of rows) r.input.creditCode = target.org.creditCode;
    const codes = [...new Set(rows.map((r) => r.input.creditCode).filter((c): c is string => !!c))];
    const orgs = target.org ? [target.org] : await this.organisations.byCreditCodes(codes, m);
    const byCode = new Map(orgs.map((o) => [o.creditCode, o]));
    const orgIds = orgs.map((o) => o.id);
    const existing = orgIds.length
      ? ((await m.query(`SELECT id, owner_org_id, title FROM ${KINDS[kind].table} WHERE owner_org_id = ANY($1) ORDER BY created_at, id`, [orgIds])) as {
          id: string;
          owner_org_id: string;
          title: string;
        }[])
      : [];

    const duplicates: ImportDuplicate[] = [];
    const importable: ParsedRow[] = [];
    // Titles normalised once, grouped by owner: rows are only ever compared within one organisation.
    const existingByOrg = new Map<string, { id: string; key: string }[]>();
    for (const e of existing) {
      const list = existingByOrg.get(e.owner_org_id) ?? [];
      list.push({ id: e.id, key: normaliseTitle(e.title) });
      existingByOrg.set(e.owner_org_id, list);
    }
    const seenByOrg = new Map<string, { row: number; key: string }[]>();
    for (const r of rows) {
      const code = r.input.creditCode;
      const org = code ? byCode.get(code) : undefined;
      if (code && !org) {
        const problem = creditCodeProblem(code);
        r.problems.unshift({ column: owner, code: problem ? `credit_code_${problem}` : 'org_unknown' });
      } else if (org && org.verificationStatus !== VerificationStatus.Verified) {
        r.problems.unshift({ column: owner, code: 'org_not_verified' });
      }
      const title = typeof r.input.title === 'string' ? r.input.title.trim() : '';
      let duplicate = false;
      if (org && title) {
        const k = normaliseTitle(title);
        const seen = seenByOrg.get(org.id) ?? [];
        const hit = existingByOrg.get(org.id)?.find((e) => nearNormalised(e.key, k));
        const earlier = hit ? undefined : seen.find((s) => nearNormalised(s.key, k));
        if (hit || earlier) {
          duplicate = true;
          duplicates.push({ row: r.row, title, existingId: hit?.id ?? null, existingRow: earlier?.row ?? null });
        }
        seen.push({ row: r.row, key: k });
        seenByOrg.set(org.id, seen);
      }
      if (org) r.input.ownerOrgId = org.id;
      if (!r.problems.length && !duplicate) importable.push(r);
    }
    return { rows, duplicates, importable };
  }

  private report(a: { rows: ParsedRow[]; duplicates: ImportDuplicate[]; importable: ParsedRow[] }, imported: number, locale: Locale): ImportReport {
    const order = (c: ImportColumn) =>
      Math.min(
        ...Object.values(IMPORT_COLUMNS)
          .map((cols) => cols.indexOf(c))
          .filter((i) => i >= 0),
      );
    const errors = a.rows.flatMap((r) =>
      [...r.problems].sort((x, y) => order(x.column) - order(y.column)).map((p) => ({ row: r.row, field: p.column.header, message: importMessage(p.code, locale, p.params) })),
    );
    return { total: a.rows.length, valid: a.importable.length, imported, errors, duplicates: a.duplicates };
  }

  /** Publishes the rows directly (the admin is the reviewer): snapshot, audit and outbox rows for each. */
  private async insert(m: EntityManager, actor: AuthContext, kind: ItemKind, rows: ParsedRow[]): Promise<number> {
    const spec = KINDS[kind];
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      const values = chunk.map((r) => ({
        ...this.catalogue.columns(spec, r.input as unknown as ItemInput),
        ownerOrgId: r.input.ownerOrgId as string,
        createdBy: actor.userId,
        status: ItemStatus.Published,
        publishedAt: () => 'now()',
      }));
      const result = await m.createQueryBuilder().insert().into(spec.entity).values(values).returning('id').execute();
      const ids = (result.identifiers as { id: string }[]).map((i) => i.id);
      // Read back, so the snapshot holds values as the database keeps them (e.g. '50.00').
      const stored = await m.findBy(spec.entity, { id: In(ids) });
      const snapshots = Object.fromEntries(stored.map((item) => [item.id, snapshot(spec, item)]));
      await m.query(`UPDATE ${spec.table} t SET published_snapshot = s.value FROM jsonb_each($1::jsonb) s WHERE t.id = s.key::uuid`, [JSON.stringify(snapshots)]);
      // Queued on the transaction's one connection together rather than awaited one by one; any failure fails the import.
      const writes = ids.flatMap((id) => {
        const base = { actorId: actor.userId, actorEmail: actor.email, targetType: kind, targetId: id, detail: { import: true } };
        return [
          this.audit.record({ ...base, action: AuditAction.ItemCreated }, m),
          this.audit.record({ ...base, action: AuditAction.ItemPublished }, m),
          writeOutbox(m, spec.topic, id),
        ];
      });
      const failed = (await Promise.allSettled(writes)).find((w): w is PromiseRejectedResult => w.status === 'rejected');
      if (failed) throw failed.reason;
    }
    return rows.length;
  }

  /** An organisation's rows become its drafts, or are submitted for review; nothing is published, so nothing goes to the outbox. */
  private async insertForOrg(m: EntityManager, actor: AuthContext, kind: ItemKind, org: OrganisationCard, submit: boolean, rows: ParsedRow[]): Promise<number> {
    const spec = KINDS[kind];
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      const values = chunk.map((r) => ({
        ...this.catalogue.columns(spec, r.input as unknown as ItemInput),
        ownerOrgId: org.id,
        createdBy: actor.userId,
        status: submit ? ItemStatus.Submitted : ItemStatus.Draft,
        ...(submit ? { submittedAt: () => 'now()' } : {}),
      }));
      const result = await m.createQueryBuilder().insert().into(spec.entity).values(values).returning('id').execute();
      const ids = (result.identifiers as { id: string }[]).map((i) => i.id);
      const writes = ids.flatMap((id) => {
        const base = { actorId: actor.userId, actorEmail: actor.email, targetType: kind, targetId: id, detail: { import: true } };
        return [this.audit.record({ ...base, action: AuditAction.ItemCreated }, m), ...(submit ? [this.audit.record({ ...base, action: AuditAction.ItemSubmitted }, m)] : [])];
      });
      const failed = (await Promise.allSettled(writes)).find((w): w is PromiseRejectedResult => w.status === 'rejected');
      if (failed) throw failed.reason;
    }
    if (submit && rows.length) {
      // One message to the reviewers for the whole upload, not one per row: who, how many, and the first one.
      await this.notifications.notify(m, {
        to: { platformAdmins: true },
        type: kind === 'need' ? 'items.imported_need' : 'items.imported_achievement',
        params: { org: org.name, count: String(rows.length), title: rows[0]?.input.title as string },
        link: `/admin/review?kind=${kind}`,
        dedupeKey: `submitted-import:${org.id}:${kind}:${Date.now()}`,
      });
    }
    return rows.length;
  }

  /** The filtered list as an .xlsx (public columns only), newest first, at most EXPORT_ROWS_MAX rows. */
  async export(kind: ItemKind, f: ExportFilters): Promise<{ data: Buffer; total: number; rows: number }> {
    const spec = KINDS[kind];
    const qb = this.db.manager.createQueryBuilder(spec.entity, 't').where('t.status = :status', { status: f.status ?? ItemStatus.Published });
    if (f.industry) qb.andWhere(':industry = ANY(t.industries)', { industry: f.industry });
    if (f.chain) qb.andWhere(':chain = ANY(t.chains)', { chain: f.chain });
    if (f.region) qb.andWhere('t.region = :region', { region: f.region });
    if (f.mode) qb.andWhere(':mode = ANY(t.cooperation_modes)', { mode: f.mode });
    if (f.trlMin) qb.andWhere('t.trl >= :trlMin', { trlMin: f.trlMin });
    if (f.trlMax) qb.andWhere('t.trl <= :trlMax', { trlMax: f.trlMax });
    if (kind === 'need' && f.category) qb.andWhere('t.category = :category', { category: f.category });
    if (kind === 'achievement' && f.ipType) qb.andWhere('t.ip_items @> CAST(:ip AS jsonb)', { ip: JSON.stringify([{ type: f.ipType }]) });
    const [items, total] = await qb.orderBy('t.publishedAt', 'DESC', 'NULLS LAST').addOrderBy('t.createdAt', 'DESC').addOrderBy('t.id').take(EXPORT_ROWS_MAX).getManyAndCount();
    const orgIds = [...new Set(items.map((i) => i.ownerOrgId))];
    const orgs = [...(await this.organisations.cards(orgIds)).values()];
    const byId = new Map<string, ExportContext>(orgs.map((o) => [o.id, { orgName: o.name, creditCode: o.creditCode }]));
    const data = await buildExport(
      kind,
      items.map((item: CatalogueItem) => ({ item, ctx: byId.get(item.ownerOrgId) ?? { orgName: '', creditCode: '' } })),
    );
    return { data, total, rows: items.length };
  }
}
