import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDays, AuditAction, beijingDate, DealApprovalState, DealApprovalView, DealStage, ErrorCode, OrgRole, Page } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { CatalogueReader } from '@ztt/catalogue';
import { OrganisationDirectory, PeopleDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, isUniqueViolation } from '@ztt/platform';
import { DataSource, In } from 'typeorm';
import { signingHold } from './deal-approval-gate';
import { DealApproval } from './deal-approval.entity';
import { Deal } from './deal.entity';
import { DealsService } from './deals.service';

/** Stages from which an approval may still be asked for: before the contract is signed. */
const BEFORE_SIGNING: DealStage[] = [DealStage.Lead, DealStage.Contacted, DealStage.NdaSigned, DealStage.DueDiligence, DealStage.Negotiating];

/** How long a decided approval stays in the tech-transfer office's queue. */
const RECENT_DAYS = 90;

/**
 * 职务科技成果: the owning organisation's approval of a contract on a service invention. A broker of
 * the deal (or a platform admin) asks; the organisation's admins (its tech-transfer office) approve,
 * with a public notice period, or refuse with a reason. `DealsService.move` refuses `signed` until
 * then (`signingHold`).
 */
@Injectable()
export class DealApprovalsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly organisations: OrganisationDirectory,
    private readonly people: PeopleDirectory,
    private readonly catalogue: CatalogueReader,
    private readonly deals: DealsService,
  ) {}

  /** The deal's approval state, for its parties, brokers and admins (404 to anyone else). */
  async state(actor: AuthContext, dealId: string): Promise<DealApprovalState> {
    const { deal } = await this.deals.access(actor, dealId);
    const card = deal.achievementId ? await this.catalogue.serviceInvention(deal.achievementId) : null;
    const latest = await this.db.manager.findOne(DealApproval, { where: { dealId }, order: { requestedAt: 'DESC', id: 'DESC' } });
    return {
      required: !!card?.serviceInvention,
      clearToSign: !(await signingHold(this.db.manager, this.catalogue, deal)),
      approval: latest ? ((await this.views([latest]))[0] as DealApprovalView) : null,
    };
  }

  /** A broker of the deal (or a platform admin) asks the achievement's organisation to approve. */
  async request(actor: AuthContext, dealId: string, noticeDays = 0): Promise<DealApprovalState> {
    const access = await this.deals.access(actor, dealId);
    if (access.role === 'party') throw AppException.notFound();
    const deal = access.deal;
    if (deal.kind === 'financing') throw AppException.conflict(ErrorCode.NotForFinancingDeal);
    if (!BEFORE_SIGNING.includes(deal.stage) || !deal.achievementId) throw AppException.invalidState();
    const card = await this.catalogue.serviceInvention(deal.achievementId);
    if (!card?.serviceInvention) throw AppException.invalidState();
    await this.db.transaction(async (m) => {
      let approval: DealApproval;
      try {
        approval = await m.save(m.create(DealApproval, { dealId, organisationId: card.ownerOrgId, requestedBy: actor.userId, noticeDays }));
      } catch (e) {
        // One pending or approved approval per deal (a partial unique index).
        if (isUniqueViolation(e)) throw AppException.invalidState();
        throw e;
      }
      await this.deals.touch(m, dealId);
      await this.audit.record(
        {
          action: AuditAction.DealApprovalRequested,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'deal',
          targetId: dealId,
          detail: { approvalId: approval.id, organisationId: card.ownerOrgId, achievementId: card.id, noticeDays },
        },
        m,
      );
      await this.notifications.notify(m, {
        to: { orgId: card.ownerOrgId },
        type: 'deal.approval_requested',
        params: { title: deal.title, achievement: card.title, broker: actor.displayName },
        link: '/approvals',
        dedupeKey: `deal-approval:${approval.id}`,
      });
    });
    return this.state(actor, dealId);
  }

  /** The tech-transfer office's queue: pending approvals for the organisations the caller administers, then the recently decided. */
  async queue(actor: AuthContext, page: number, pageSize: number): Promise<Page<DealApprovalView>> {
    const orgIds = adminOf(actor);
    if (!orgIds.length) return { items: [], total: 0, page, pageSize };
    const qb = this.db.manager
      .getRepository(DealApproval)
      .createQueryBuilder('a')
      .where('a.organisationId IN (:...orgIds)', { orgIds })
      .andWhere(`(a.status = 'pending' OR a.decidedAt > now() - make_interval(days => :days))`, { days: RECENT_DAYS })
      .orderBy(`CASE WHEN a.status = 'pending' THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('a.requestedAt', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: await this.views(rows), total, page, pageSize };
  }

  /** An admin of the owning organisation approves (the notice period starts today, Beijing) or refuses with a reason; once only. */
  async decide(actor: AuthContext, id: string, decision: 'approve' | 'refuse', comment?: string): Promise<DealApprovalView> {
    const approval = await this.db.manager.findOneBy(DealApproval, { id });
    if (!approval || !adminOf(actor).includes(approval.organisationId)) {
      if (approval)
        await this.audit.record({ action: AuditAction.AccessDenied, result: 'denied', actorId: actor.userId, actorEmail: actor.email, targetType: 'deal.approval', targetId: id });
      throw AppException.notFound();
    }
    const why = comment?.trim() || null;
    if (decision === 'refuse' && !why) throw AppException.validation([{ field: 'comment', code: 'approval_comment_required' }]);
    const approve = decision === 'approve';
    const noticeEndsOn = approve ? addDays(beijingDate(), approval.noticeDays) : null;
    await this.db.transaction(async (m) => {
      const res = await m.update(
        DealApproval,
        { id, status: 'pending' },
        { status: approve ? 'approved' : 'refused', decidedBy: actor.userId, decidedAt: () => 'now()', comment: why, noticeEndsOn },
      );
      if (res.affected !== 1) throw AppException.invalidState();
      const deal = await m.findOneByOrFail(Deal, { id: approval.dealId });
      await this.deals.touch(m, deal.id);
      await this.audit.record(
        {
          action: approve ? AuditAction.DealApprovalApproved : AuditAction.DealApprovalRefused,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'deal',
          targetId: deal.id,
          detail: { approvalId: id, organisationId: approval.organisationId, comment: why, noticeDays: approval.noticeDays, noticeEndsOn },
        },
        m,
      );
      await this.notifications.notify(m, {
        to: { userIds: [deal.leadBrokerId, ...deal.coBrokerIds] },
        type: 'deal.approval_decided',
        params: {
          title: deal.title,
          decision: approve ? (noticeEndsOn && approval.noticeDays > 0 ? `同意，公示期至 ${noticeEndsOn}` : '同意') : `不同意（${why}）`,
          decisionEn: approve ? (approval.noticeDays > 0 ? `approved, public notice until ${noticeEndsOn}` : 'approved') : `refused (${why})`,
        },
        link: `/deals/${deal.id}`,
        dedupeKey: `deal-approval-decided:${id}`,
      });
    });
    return (await this.views([await this.db.manager.findOneByOrFail(DealApproval, { id })]))[0] as DealApprovalView;
  }

  private async views(rows: DealApproval[]): Promise<DealApprovalView[]> {
    if (!rows.length) return [];
    const deals = await this.db.manager.findBy(Deal, { id: In([...new Set(rows.map((r) => r.dealId))]) });
    const dealById = new Map(deals.map((d) => [d.id, d]));
    const [orgs, people, achievements] = await Promise.all([
      this.organisations.names(rows.map((r) => r.organisationId)),
      this.people.names(rows.flatMap((r) => [r.requestedBy, r.decidedBy])),
      this.catalogue.titles(
        'achievement',
        deals.map((d) => d.achievementId),
      ),
    ]);
    return rows.map((r) => {
      const deal = dealById.get(r.dealId);
      const achievementId = deal?.achievementId ?? null;
      return {
        id: r.id,
        dealId: r.dealId,
        dealTitle: deal?.title ?? '',
        achievementId,
        achievementTitle: achievementId ? (achievements.get(achievementId) ?? null) : null,
        organisationId: r.organisationId,
        organisationName: orgs.get(r.organisationId) ?? '',
        status: r.status,
        requestedBy: r.requestedBy,
        requestedByName: people.get(r.requestedBy) ?? '',
        requestedAt: r.requestedAt.toISOString(),
        decidedBy: r.decidedBy,
        decidedByName: r.decidedBy ? (people.get(r.decidedBy) ?? '') : null,
        decidedAt: r.decidedAt?.toISOString() ?? null,
        comment: r.comment,
        noticeDays: r.noticeDays,
        noticeEndsOn: r.noticeEndsOn,
      };
    });
  }
}

/** The organisations whose admin the caller is (an organisation's tech-transfer office). */
function adminOf(actor: AuthContext): string[] {
  return [...actor.orgRoles].filter(([, role]) => role === OrgRole.Admin).map(([orgId]) => orgId);
}
