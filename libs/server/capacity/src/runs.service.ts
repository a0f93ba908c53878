import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CatalogueReader } from '@ztt/catalogue';
import { CapacityStatus, CapacitySuggestionsView, ErrorCode, PlatformRole, RunStatus, RunView } from '@ztt/contracts';
import { OrganisationDirectory, PeopleDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, hasPlatformRole } from '@ztt/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { CapacityProvider, VerificationRun } from './capacity.entity';
import { ApproveRunDto, CapacityCancelDto, CapacityRatingDto, CapacityReasonDto, CompleteRunDto, CreateRunDto } from './dto/capacity.dto';
import { rankProviders, suggestionEligible } from './suggestions';
import { runView } from './views';

const OPEN = [RunStatus.Requested, RunStatus.Approved];

/**
 * 验证/中试服务: a member of an achievement's owner organisation (checked through the catalogue's
 * read port) asks a published provider for a run — goal, wished period, the achievement's TRL as
 * it stands. The provider's members approve it with scheduled dates (runs on one line may overlap:
 * a line's capacity is not modelled as exclusive) or decline it with a reason, and complete it with
 * the result and the TRL reached; the owner rates it once. A run whose TRL reached is above the one
 * before is what the dashboard lists as an achievement that moved up; the owner updates the
 * achievement's TRL in the catalogue (this domain never writes catalogue tables).
 */
@Injectable()
export class RunsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogue: CatalogueReader,
    private readonly people: PeopleDirectory,
    private readonly organisations: OrganisationDirectory,
    private readonly notifications: NotificationsService,
  ) {}

  async request(actor: AuthContext, dto: CreateRunDto): Promise<RunView> {
    const goal = dto.goal.trim();
    const [achievement, provider] = await Promise.all([
      this.catalogue.cards('achievement', [dto.achievementId]),
      this.db.manager.findOneBy(CapacityProvider, { id: dto.providerId }),
    ]);
    const card = achievement.get(dto.achievementId);
    const problems: { field: string; code: string }[] = [];
    if (!card || !actor.orgRoles.has(card.ownerOrgId)) problems.push({ field: 'achievementId', code: 'run_not_owner' });
    if (!provider || provider.status !== CapacityStatus.Published) problems.push({ field: 'providerId', code: 'run_provider_unavailable' });
    if (!goal) problems.push({ field: 'goal', code: 'isNotEmpty' });
    if (dto.wishTo < dto.wishFrom) problems.push({ field: 'wishTo', code: 'run_period_order' });
    if (problems.length || !card || !provider) throw AppException.validation(problems);
    const orgName = (await this.organisations.names([card.ownerOrgId])).get(card.ownerOrgId) ?? '';
    const id = await this.db.transaction(async (m) => {
      const saved = await m.save(
        m.create(VerificationRun, {
          providerId: provider.id,
          achievementId: card.id,
          orgId: card.ownerOrgId,
          requesterId: actor.userId,
          goal,
          wishFrom: dto.wishFrom,
          wishTo: dto.wishTo,
          trlBefore: card.trl,
        }),
      );
      await this.notifications.notify(m, {
        to: { orgId: provider.orgId },
        type: 'capacity.run_requested',
        params: { org: orgName, name: provider.name, title: card.title },
        link: '/my/capacity',
        dedupeKey: `run:${saved.id}:requested`,
      });
      return saved.id;
    });
    return this.get(actor, id);
  }

  async get(actor: AuthContext, id: string): Promise<RunView> {
    const r = await this.db.manager.findOneBy(VerificationRun, { id });
    if (!r) throw AppException.notFound();
    const provider = await this.db.manager.findOneByOrFail(CapacityProvider, { id: r.providerId });
    if (!actor.orgRoles.has(r.orgId) && !actor.orgRoles.has(provider.orgId) && !hasPlatformRole(actor, PlatformRole.Admin)) throw AppException.notFound();
    return (await this.views([r]))[0] as RunView;
  }

  /** Runs the organisations asked for (as achievement owners). */
  async requestedBy(orgIds: string[]): Promise<RunView[]> {
    if (!orgIds.length) return [];
    return this.views(await this.db.manager.find(VerificationRun, { where: { orgId: In(orgIds) }, order: { createdAt: 'DESC', id: 'DESC' }, take: 200 }));
  }

  /** Runs at the organisations' providers. */
  async atProvidersOf(orgIds: string[]): Promise<RunView[]> {
    if (!orgIds.length) return [];
    const rows = await this.db.manager
      .getRepository(VerificationRun)
      .createQueryBuilder('r')
      .innerJoin(CapacityProvider, 'p', 'p.id = r.providerId')
      .where('p.orgId IN (:...orgIds)', { orgIds })
      .orderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(200)
      .getMany();
    return this.views(rows);
  }

  async approve(actor: AuthContext, id: string, dto: ApproveRunDto): Promise<RunView> {
    if (dto.scheduledTo < dto.scheduledFrom) throw AppException.validation([{ field: 'scheduledTo', code: 'run_period_order' }]);
    return this.decide(
      actor,
      id,
      { status: RunStatus.Approved, scheduledFrom: dto.scheduledFrom, scheduledTo: dto.scheduledTo },
      `已批准，安排在 ${dto.scheduledFrom} 至 ${dto.scheduledTo}`,
    );
  }

  async decline(actor: AuthContext, id: string, dto: CapacityReasonDto): Promise<RunView> {
    const reason = dto.reason.trim();
    if (!reason) throw AppException.validation([{ field: 'reason', code: 'capacity_reason_required' }]);
    return this.decide(actor, id, { status: RunStatus.Declined, declineReason: reason }, `未批准：${reason}`);
  }

  private async decide(actor: AuthContext, id: string, change: Partial<VerificationRun>, decision: string): Promise<RunView> {
    await this.db.transaction(async (m) => {
      const { r, provider } = await this.locked(m, id);
      if (!actor.orgRoles.has(provider.orgId)) throw AppException.notFound();
      if (r.status !== RunStatus.Requested) throw AppException.invalidState();
      await m.update(VerificationRun, { id }, { ...change, decidedAt: new Date() });
      await this.tell(m, r, provider, 'capacity.run_decided', { decision }, 'decided');
    });
    return this.get(actor, id);
  }

  async complete(actor: AuthContext, id: string, dto: CompleteRunDto): Promise<RunView> {
    const result = dto.result.trim();
    if (!result) throw AppException.validation([{ field: 'result', code: 'run_result_required' }]);
    await this.db.transaction(async (m) => {
      const { r, provider } = await this.locked(m, id);
      if (!actor.orgRoles.has(provider.orgId)) throw AppException.notFound();
      if (r.status !== RunStatus.Approved) throw AppException.invalidState();
      await m.update(VerificationRun, { id }, { status: RunStatus.Completed, result, trlReached: dto.trlReached, completedAt: new Date() });
      await this.tell(m, r, provider, 'capacity.run_completed', { trl: String(dto.trlReached) }, 'completed');
    });
    return this.get(actor, id);
  }

  /** The achievement's organisation or the provider cancels a run not yet completed; the other side is told. */
  async cancel(actor: AuthContext, id: string, dto: CapacityCancelDto): Promise<RunView> {
    const reason = dto.reason?.trim();
    await this.db.transaction(async (m) => {
      const { r, provider } = await this.locked(m, id);
      const owner = actor.orgRoles.has(r.orgId);
      if (!owner && !actor.orgRoles.has(provider.orgId)) throw AppException.notFound();
      if (!OPEN.includes(r.status)) throw AppException.invalidState();
      await m.update(VerificationRun, { id }, { status: RunStatus.Cancelled });
      const title = (await this.catalogue.titles('achievement', [r.achievementId], m)).get(r.achievementId) ?? '';
      await this.notifications.notify(m, {
        to: owner ? { orgId: provider.orgId } : r.requesterId ? { userIds: [r.requesterId] } : { orgId: r.orgId },
        type: 'capacity.run_decided',
        params: { title, name: provider.name, decision: reason ? `已取消：${reason}` : '已取消' },
        link: owner ? '/my/capacity' : '/my/bookings',
        dedupeKey: `run:${id}:cancelled`,
      });
    });
    return this.get(actor, id);
  }

  /** A member of the achievement's organisation rates a completed run once. */
  async rate(actor: AuthContext, id: string, dto: CapacityRatingDto): Promise<RunView> {
    await this.db.transaction(async (m) => {
      const { r } = await this.locked(m, id);
      if (!actor.orgRoles.has(r.orgId)) throw AppException.notFound();
      if (r.rating !== null) throw AppException.conflict(ErrorCode.CapacityAlreadyRated);
      if (r.status !== RunStatus.Completed) throw AppException.invalidState();
      await m.update(VerificationRun, { id }, { rating: dto.score, ratingComment: dto.comment?.trim() || null, ratedAt: new Date() });
    });
    return this.get(actor, id);
  }

  /** Providers suggested for an achievement at TRL 3–6, with reasons: its organisation's members and platform admins; others 404. */
  async suggestions(actor: AuthContext, achievementId: string): Promise<CapacitySuggestionsView> {
    const a = await this.catalogue.find('achievement', achievementId);
    if (!a || !(actor.orgRoles.has(a.ownerOrgId) || hasPlatformRole(actor, PlatformRole.Admin))) throw AppException.notFound();
    if (!suggestionEligible(a.trl)) return { trl: a.trl, eligible: false, suggestions: [] };
    const providers = await this.db.manager.find(CapacityProvider, { where: { status: CapacityStatus.Published }, order: { id: 'ASC' } });
    const ranked = rankProviders(providers, { trl: a.trl, chains: a.chains, title: a.title, keywords: a.keywords, summary: a.summary });
    return {
      trl: a.trl,
      eligible: true,
      suggestions: ranked.map((s) => ({
        providerId: s.provider.id,
        name: s.provider.name,
        kind: s.provider.kind,
        trlMin: s.provider.trlMin,
        trlMax: s.provider.trlMax,
        score: s.score,
        reasons: s.reasons,
      })),
    };
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private async locked(m: EntityManager, id: string): Promise<{ r: VerificationRun; provider: CapacityProvider }> {
    const r = await m.findOne(VerificationRun, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!r) throw AppException.notFound();
    return { r, provider: await m.findOneByOrFail(CapacityProvider, { id: r.providerId }) };
  }

  private async tell(
    m: EntityManager,
    r: VerificationRun,
    provider: CapacityProvider,
    type: 'capacity.run_decided' | 'capacity.run_completed',
    params: Record<string, string>,
    step: string,
  ): Promise<void> {
    const title = (await this.catalogue.titles('achievement', [r.achievementId], m)).get(r.achievementId) ?? '';
    await this.notifications.notify(m, {
      to: r.requesterId ? { userIds: [r.requesterId] } : { orgId: r.orgId },
      type,
      params: { title, name: provider.name, ...params },
      link: '/my/bookings',
      dedupeKey: `run:${r.id}:${step}`,
    });
  }

  async views(rows: VerificationRun[]): Promise<RunView[]> {
    if (!rows.length) return [];
    const [providers, titles, names] = await Promise.all([
      this.db.manager.find(CapacityProvider, { select: { id: true, name: true, orgId: true }, where: { id: In([...new Set(rows.map((r) => r.providerId))]) } }),
      this.catalogue.titles(
        'achievement',
        rows.map((r) => r.achievementId),
      ),
      this.people.names(rows.map((r) => r.requesterId)),
    ]);
    const byId = new Map(providers.map((p) => [p.id, p]));
    return rows.map((r) => runView(r, byId.get(r.providerId), titles.get(r.achievementId) ?? '', r.requesterId ? (names.get(r.requesterId) ?? '') : ''));
  }
}
