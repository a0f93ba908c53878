import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, CommissionerAssignmentView, CommissionerCandidate, CommissionerPublicView, CommissionerView, Page, PlatformRole } from '@ztt/contracts';
import { AuditDetail, AuditService } from '@ztt/audit';
import { OrganisationDirectory, PeopleDirectory } from '@ztt/identity';
import { AppException, AuthContext } from '@ztt/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { Commissioner, CommissionerAssignment } from './commissioner.entity';
import { CreateAssignmentDto, CreateCommissionerDto, UpdateCommissionerDto } from './dto/commissioner.dto';
import { cleanKeywords, isCurrent } from './rules';

/**
 * The roster of 科技特派员 and their assignments. Platform admins create and edit entries (a person
 * must hold the commissioner role first) and assign counties; every change is audited in its
 * transaction. The public roster shows names, institutions, specialties and current counties only.
 */
@Injectable()
export class CommissionersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PeopleDirectory,
    private readonly organisations: OrganisationDirectory,
    private readonly audit: AuditService,
  ) {}

  // ---- reading --------------------------------------------------------------------------------

  async publicRoster(page: number, pageSize: number): Promise<Page<CommissionerPublicView>> {
    const [rows, total] = await this.db.manager.findAndCount(Commissioner, {
      where: { active: true },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const views = await this.views(rows);
    return {
      items: views.map(({ id, name, institutionOrgId, institutionName, chains, keywords, regions }) => ({
        id,
        name,
        institutionOrgId,
        institutionName,
        chains,
        keywords,
        regions,
      })),
      total,
      page,
      pageSize,
    };
  }

  async list(page: number, pageSize: number): Promise<Page<CommissionerView>> {
    const [rows, total] = await this.db.manager.findAndCount(Commissioner, { order: { createdAt: 'DESC', id: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { items: await this.views(rows), total, page, pageSize };
  }

  /** People holding the commissioner role who are not on the roster yet. */
  async candidates(): Promise<CommissionerCandidate[]> {
    const holders = await this.people.withRole(PlatformRole.Commissioner, { limit: 500 });
    const listed = new Set((await this.db.manager.find(Commissioner, { select: { userId: true } })).map((c) => c.userId));
    return holders.filter((p) => !listed.has(p.id)).map((p) => ({ userId: p.id, name: p.displayName, email: p.email }));
  }

  /** The caller's own roster entry; 404 when they have none. */
  async entryOf(actor: AuthContext, m: EntityManager = this.db.manager): Promise<Commissioner> {
    const c = await m.findOneBy(Commissioner, { userId: actor.userId });
    if (!c) throw AppException.notFound();
    return c;
  }

  async mine(actor: AuthContext): Promise<CommissionerView> {
    return (await this.views([await this.entryOf(actor)]))[0] as CommissionerView;
  }

  async get(id: string): Promise<CommissionerView> {
    const c = await this.db.manager.findOneBy(Commissioner, { id });
    if (!c) throw AppException.notFound();
    return (await this.views([c]))[0] as CommissionerView;
  }

  /** The counties a commissioner serves today. */
  async currentRegions(commissionerId: string): Promise<string[]> {
    const rows = await this.db.manager.findBy(CommissionerAssignment, { commissionerId });
    return [...new Set(rows.filter((a) => isCurrent(a)).map((a) => a.region))].sort();
  }

  // ---- writing (platform admins) --------------------------------------------------------------

  async create(actor: AuthContext, dto: CreateCommissionerDto): Promise<CommissionerView> {
    const problems: { field: string; code: string }[] = [];
    if (!(await this.people.holdersOf(PlatformRole.Commissioner, [dto.userId])).has(dto.userId)) problems.push({ field: 'userId', code: 'commissioner_role_required' });
    else if (await this.db.manager.existsBy(Commissioner, { userId: dto.userId })) problems.push({ field: 'userId', code: 'commissioner_exists' });
    if (!(await this.organisations.find(dto.institutionOrgId))) problems.push({ field: 'institutionOrgId', code: 'organisation_unknown' });
    if (problems.length) throw AppException.validation(problems);
    const id = await this.db.transaction(async (m) => {
      const saved = await m.save(
        m.create(Commissioner, {
          userId: dto.userId,
          institutionOrgId: dto.institutionOrgId,
          chains: [...new Set(dto.chains)],
          keywords: cleanKeywords(dto.keywords),
          active: true,
          createdBy: actor.userId,
        }),
      );
      await this.trail(m, actor, AuditAction.CommissionerCreated, saved.id, {
        userId: dto.userId,
        institutionOrgId: dto.institutionOrgId,
        chains: saved.chains,
        keywords: saved.keywords,
      });
      return saved.id;
    });
    return this.get(id);
  }

  async update(actor: AuthContext, id: string, dto: UpdateCommissionerDto): Promise<CommissionerView> {
    if (dto.institutionOrgId && !(await this.organisations.find(dto.institutionOrgId)))
      throw AppException.validation([{ field: 'institutionOrgId', code: 'organisation_unknown' }]);
    await this.db.transaction(async (m) => {
      const c = await m.findOne(Commissioner, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw AppException.notFound();
      const changes: Partial<Commissioner> = {};
      if (dto.institutionOrgId !== undefined) changes.institutionOrgId = dto.institutionOrgId;
      if (dto.chains !== undefined) changes.chains = [...new Set(dto.chains)];
      if (dto.keywords !== undefined) changes.keywords = cleanKeywords(dto.keywords);
      if (dto.active !== undefined) changes.active = dto.active;
      await m.update(Commissioner, { id }, changes);
      await this.trail(m, actor, AuditAction.CommissionerUpdated, id, { ...dto });
    });
    return this.get(id);
  }

  async assign(actor: AuthContext, id: string, dto: CreateAssignmentDto): Promise<CommissionerView> {
    const c = await this.db.manager.findOneBy(Commissioner, { id });
    if (!c) throw AppException.notFound();
    const problems: { field: string; code: string }[] = [];
    if (dto.endsOn && dto.endsOn < dto.startsOn) problems.push({ field: 'endsOn', code: 'assignment_period_order' });
    if (dto.servedOrgId && !(await this.organisations.find(dto.servedOrgId))) problems.push({ field: 'servedOrgId', code: 'organisation_unknown' });
    if (problems.length) throw AppException.validation(problems);
    await this.db.transaction(async (m) => {
      const saved = await m.save(
        m.create(CommissionerAssignment, {
          commissionerId: id,
          region: dto.region,
          town: dto.town?.trim() || null,
          servedOrgId: dto.servedOrgId ?? null,
          startsOn: dto.startsOn,
          endsOn: dto.endsOn ?? null,
          createdBy: actor.userId,
        }),
      );
      await this.trail(m, actor, AuditAction.CommissionerAssigned, id, {
        assignmentId: saved.id,
        region: dto.region,
        town: saved.town,
        servedOrgId: saved.servedOrgId,
        startsOn: dto.startsOn,
        endsOn: saved.endsOn,
      });
    });
    return this.get(id);
  }

  async unassign(actor: AuthContext, assignmentId: string): Promise<CommissionerView> {
    const a = await this.db.manager.findOneBy(CommissionerAssignment, { id: assignmentId });
    if (!a) throw AppException.notFound();
    await this.db.transaction(async (m) => {
      await m.delete(CommissionerAssignment, { id: assignmentId });
      await this.trail(m, actor, AuditAction.CommissionerUnassigned, a.commissionerId, { assignmentId, region: a.region, startsOn: a.startsOn, endsOn: a.endsOn });
    });
    return this.get(a.commissionerId);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private async trail(m: EntityManager, actor: AuthContext, action: AuditAction, id: string, detail: AuditDetail): Promise<void> {
    await this.audit.record({ action, actorId: actor.userId, actorEmail: actor.email, targetType: 'commissioner', targetId: id, detail }, m);
  }

  /** Roster rows as views, with names and assignments looked up in one batch each. */
  async views(rows: Commissioner[]): Promise<CommissionerView[]> {
    if (!rows.length) return [];
    const assignments = await this.db.manager.find(CommissionerAssignment, { where: { commissionerId: In(rows.map((r) => r.id)) }, order: { startsOn: 'DESC', id: 'ASC' } });
    const [names, orgs] = await Promise.all([
      this.people.names(rows.map((r) => r.userId)),
      this.organisations.names([...rows.map((r) => r.institutionOrgId), ...assignments.flatMap((a) => (a.servedOrgId ? [a.servedOrgId] : []))]),
    ]);
    return rows.map((r) => {
      const own: CommissionerAssignmentView[] = assignments
        .filter((a) => a.commissionerId === r.id)
        .map((a) => ({
          id: a.id,
          commissionerId: r.id,
          region: a.region,
          town: a.town,
          servedOrgId: a.servedOrgId,
          servedOrgName: a.servedOrgId ? (orgs.get(a.servedOrgId) ?? null) : null,
          startsOn: a.startsOn,
          endsOn: a.endsOn,
          current: isCurrent(a),
        }));
      return {
        id: r.id,
        userId: r.userId,
        name: names.get(r.userId) ?? '',
        institutionOrgId: r.institutionOrgId,
        institutionName: orgs.get(r.institutionOrgId) ?? '',
        chains: r.chains,
        keywords: r.keywords,
        regions: [...new Set(own.filter((a) => a.current).map((a) => a.region))].sort(),
        active: r.active,
        assignments: own,
        createdAt: r.createdAt.toISOString(),
      };
    });
  }
}
