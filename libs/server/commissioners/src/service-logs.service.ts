import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, beijingDate, COMMISSIONER_LIMITS, ErrorCode, Page, PlatformRole, SERVICE_FILE_TYPES, ServiceLogView, ServicePlanItemView } from '@ztt/contracts';
import { AuditDetail, AuditService } from '@ztt/audit';
import { OrganisationDirectory, PeopleDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, FileStore, hasPlatformRole, UploadedFile } from '@ztt/platform';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Commissioner, ServiceFile, ServiceLog, ServicePlanItem } from './commissioner.entity';
import { CommissionersService } from './commissioners.service';
import { ConfirmServiceDto, CreatePlanItemDto, CreateServiceLogDto } from './dto/commissioner.dto';

/**
 * A commissioner's yearly service list (年度科技服务清单) and the services they log, with photos or
 * scans; the served organisation's members confirm a logged service and rate it, once. Logging
 * notifies the served organisation, confirming notifies the commissioner (notifications' outbox).
 */
@Injectable()
export class ServiceLogsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly commissioners: CommissionersService,
    private readonly people: PeopleDirectory,
    private readonly organisations: OrganisationDirectory,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly files: FileStore,
  ) {}

  // ---- the yearly service list ----------------------------------------------------------------

  async plan(actor: AuthContext, year: number = Number(beijingDate().slice(0, 4))): Promise<ServicePlanItemView[]> {
    const c = await this.commissioners.entryOf(actor);
    const items = await this.db.manager.find(ServicePlanItem, { where: { commissionerId: c.id, year }, order: { createdAt: 'ASC', id: 'ASC' } });
    const counts = items.length
      ? ((await this.db.query(`SELECT plan_item_id AS id, count(*)::int AS n FROM commissioner_service_log WHERE plan_item_id = ANY($1::uuid[]) GROUP BY plan_item_id`, [
          items.map((i) => i.id),
        ])) as {
          id: string;
          n: number;
        }[])
      : [];
    const logged = new Map(counts.map((r) => [r.id, r.n]));
    return items.map((i) => ({ id: i.id, year: i.year, title: i.title, target: i.target, logged: logged.get(i.id) ?? 0 }));
  }

  async addPlanItem(actor: AuthContext, dto: CreatePlanItemDto): Promise<ServicePlanItemView[]> {
    const c = await this.commissioners.entryOf(actor);
    await this.db.manager.save(this.db.manager.create(ServicePlanItem, { commissionerId: c.id, year: dto.year, title: dto.title.trim(), target: dto.target?.trim() || null }));
    return this.plan(actor, dto.year);
  }

  async removePlanItem(actor: AuthContext, id: string): Promise<void> {
    const c = await this.commissioners.entryOf(actor);
    const res = await this.db.manager.delete(ServicePlanItem, { id, commissionerId: c.id });
    if (res.affected !== 1) throw AppException.notFound();
  }

  // ---- logging services -----------------------------------------------------------------------

  async myLogs(actor: AuthContext, page: number, pageSize: number): Promise<Page<ServiceLogView>> {
    const c = await this.commissioners.entryOf(actor);
    const [rows, total] = await this.db.manager.findAndCount(ServiceLog, {
      where: { commissionerId: c.id },
      order: { servedOn: 'DESC', createdAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: await this.views(rows), total, page, pageSize };
  }

  async log(actor: AuthContext, dto: CreateServiceLogDto): Promise<ServiceLogView> {
    const c = await this.commissioners.entryOf(actor);
    // A commissioner taken off the roster keeps their record but logs no more.
    if (!c.active) throw AppException.invalidState();
    const problems: { field: string; code: string }[] = [];
    if (dto.servedOn > beijingDate()) problems.push({ field: 'servedOn', code: 'service_date_future' });
    const org = await this.organisations.find(dto.servedOrgId);
    if (!org) problems.push({ field: 'servedOrgId', code: 'organisation_unknown' });
    if (dto.planItemId && !(await this.db.manager.existsBy(ServicePlanItem, { id: dto.planItemId, commissionerId: c.id })))
      problems.push({ field: 'planItemId', code: 'service_plan_item_unknown' });
    if (problems.length || !org) throw AppException.validation(problems);
    const id = await this.db.transaction(async (m) => {
      const saved = await m.save(
        m.create(ServiceLog, {
          commissionerId: c.id,
          servedOn: dto.servedOn,
          place: dto.place.trim(),
          content: dto.content.trim(),
          servedOrgId: org.id,
          planItemId: dto.planItemId ?? null,
        }),
      );
      await this.trail(m, actor, AuditAction.CommissionerServiceLogged, saved.id, { commissionerId: c.id, servedOrgId: org.id, servedOn: dto.servedOn });
      await this.notifications.notify(m, {
        to: { orgId: org.id },
        type: 'commissioner.service_logged',
        params: { name: actor.displayName, org: org.name, date: dto.servedOn },
        link: '/my/services',
        dedupeKey: `service-logged:${saved.id}`,
      });
      return saved.id;
    });
    return this.view(id);
  }

  /** A photo or scan of the commissioner's own service, before it is confirmed: images and PDF only. */
  async attach(actor: AuthContext, logId: string, file: UploadedFile | undefined): Promise<ServiceLogView> {
    const c = await this.commissioners.entryOf(actor);
    const log = await this.db.manager.findOneBy(ServiceLog, { id: logId, commissionerId: c.id });
    if (!log) throw AppException.notFound();
    if (log.confirmedAt) throw AppException.invalidState();
    const upload = this.files.accept(file);
    if (!SERVICE_FILE_TYPES.includes(upload.mimeType)) throw new AppException(ErrorCode.UnsupportedFile, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    if ((await this.db.manager.countBy(ServiceFile, { logId })) >= COMMISSIONER_LIMITS.filesPerLog)
      throw AppException.validation([{ field: 'file', code: 'arrayMaxSize', params: { max: COMMISSIONER_LIMITS.filesPerLog } }]);
    await this.files.keep('attachments', upload.file.buffer, (storedName) =>
      this.db.manager.save(
        this.db.manager.create(ServiceFile, { logId, fileName: upload.fileName, storedName, mimeType: upload.mimeType, size: upload.file.size, uploadedBy: actor.userId }),
      ),
    );
    return this.view(logId);
  }

  /** The commissioner, members of the served organisation and platform admins may download a service's files. */
  async openFile(actor: AuthContext, fileId: string): Promise<{ file: ServiceFile; data: Buffer }> {
    const f = await this.db.manager.findOneBy(ServiceFile, { id: fileId });
    if (!f) throw AppException.notFound();
    const log = await this.db.manager.findOneByOrFail(ServiceLog, { id: f.logId });
    if (!(await this.maySee(actor, log))) throw AppException.notFound();
    return { file: f, data: await this.files.read('attachments', f.storedName) };
  }

  // ---- the served party -----------------------------------------------------------------------

  /** The services logged for the caller's organisations, unconfirmed first. */
  async served(actor: AuthContext, page: number, pageSize: number): Promise<Page<ServiceLogView>> {
    const orgs = [...actor.orgRoles.keys()];
    if (!orgs.length) return { items: [], total: 0, page, pageSize };
    const [rows, total] = await this.db.manager
      .createQueryBuilder(ServiceLog, 'l')
      .where('l.servedOrgId IN (:...orgs)', { orgs })
      .orderBy('l.confirmedAt IS NULL', 'DESC')
      .addOrderBy('l.servedOn', 'DESC')
      .addOrderBy('l.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: await this.views(rows), total, page, pageSize };
  }

  /** A member of the served organisation confirms the service and rates it; once only. */
  async confirm(actor: AuthContext, logId: string, dto: ConfirmServiceDto): Promise<ServiceLogView> {
    const log = await this.db.manager.findOneBy(ServiceLog, { id: logId });
    if (!log || !actor.orgRoles.has(log.servedOrgId)) throw AppException.notFound();
    await this.db.transaction(async (m) => {
      const res = await m.update(
        ServiceLog,
        { id: logId, confirmedAt: IsNull() },
        { confirmedAt: () => 'now()', confirmedBy: actor.userId, rating: dto.rating, ratingComment: dto.comment?.trim() || null },
      );
      if (res.affected !== 1) throw AppException.conflict(ErrorCode.AlreadyDecided);
      const c = await m.findOneByOrFail(Commissioner, { id: log.commissionerId });
      await this.trail(m, actor, AuditAction.CommissionerServiceConfirmed, logId, { commissionerId: c.id, servedOrgId: log.servedOrgId, rating: dto.rating });
      const org = await this.organisations.find(log.servedOrgId, m);
      await this.notifications.notify(m, {
        to: { userIds: [c.userId] },
        type: 'commissioner.service_confirmed',
        params: { org: org?.name ?? '', date: log.servedOn, rating: String(dto.rating) },
        link: '/my/commissioner',
        dedupeKey: `service-confirmed:${logId}`,
      });
    });
    return this.view(logId);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private async maySee(actor: AuthContext, log: ServiceLog): Promise<boolean> {
    if (hasPlatformRole(actor, PlatformRole.Admin) || actor.orgRoles.has(log.servedOrgId)) return true;
    return this.db.manager.existsBy(Commissioner, { id: log.commissionerId, userId: actor.userId });
  }

  private async trail(m: EntityManager, actor: AuthContext, action: AuditAction, id: string, detail: AuditDetail): Promise<void> {
    await this.audit.record({ action, actorId: actor.userId, actorEmail: actor.email, targetType: 'commissioner_service_log', targetId: id, detail }, m);
  }

  private async view(id: string): Promise<ServiceLogView> {
    return (await this.views([await this.db.manager.findOneByOrFail(ServiceLog, { id })]))[0] as ServiceLogView;
  }

  private async views(rows: ServiceLog[]): Promise<ServiceLogView[]> {
    if (!rows.length) return [];
    const m = this.db.manager;
    const [commissioners, files] = await Promise.all([
      m.find(Commissioner, { select: { id: true, userId: true }, where: { id: In([...new Set(rows.map((r) => r.commissionerId))]) } }),
      m.find(ServiceFile, { where: { logId: In(rows.map((r) => r.id)) }, order: { createdAt: 'ASC', id: 'ASC' } }),
    ]);
    const userOf = new Map(commissioners.map((c) => [c.id, c.userId]));
    const [names, orgs] = await Promise.all([
      this.people.names([...commissioners.map((c) => c.userId), ...rows.map((r) => r.confirmedBy)]),
      this.organisations.names(rows.map((r) => r.servedOrgId)),
    ]);
    return rows.map((r) => ({
      id: r.id,
      commissionerId: r.commissionerId,
      commissionerName: names.get(userOf.get(r.commissionerId) ?? '') ?? '',
      servedOn: r.servedOn,
      place: r.place,
      content: r.content,
      servedOrgId: r.servedOrgId,
      servedOrgName: orgs.get(r.servedOrgId) ?? '',
      planItemId: r.planItemId,
      files: files.filter((f) => f.logId === r.id).map((f) => ({ id: f.id, fileName: f.fileName, mimeType: f.mimeType, size: f.size })),
      confirmedAt: r.confirmedAt?.toISOString() ?? null,
      confirmedByName: r.confirmedBy ? (names.get(r.confirmedBy) ?? null) : null,
      rating: r.rating,
      ratingComment: r.ratingComment,
      createdAt: r.createdAt.toISOString(),
    }));
  }
}
