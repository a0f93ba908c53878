import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CatalogueReader } from '@ztt/catalogue';
import { DealsService } from '@ztt/deals';
import { ConsultationStatus, ConsultationView, ExpertProfileStatus, PlatformRole } from '@ztt/contracts';
import { OrganisationDirectory, PeopleDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, hasPlatformRole } from '@ztt/platform';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { AcceptConsultationDto, AnswerConsultationDto, CreateConsultationDto, DeclineConsultationDto } from './dto/expert.dto';
import { ExpertConsultation, ExpertProfile } from './expert-profile.entity';

/**
 * 专家咨询 on a need or a deal: a member of the need's owner organisation, or a party or broker of
 * the deal, asks a question, optionally of a verified expert from the directory; a platform admin
 * (choosing the expert) or the chosen expert accepts it, and the expert answers in writing; or it is
 * declined with a reason. The asking side (the need's organisation; everyone on the deal), the expert
 * and admins see it; anyone else gets 404. Each step tells the other side.
 */
@Injectable()
export class ConsultationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogue: CatalogueReader,
    private readonly people: PeopleDirectory,
    private readonly organisations: OrganisationDirectory,
    private readonly notifications: NotificationsService,
    private readonly deals: DealsService,
  ) {}

  async request(actor: AuthContext, needId: string, dto: CreateConsultationDto): Promise<ConsultationView> {
    const need = (await this.catalogue.cards('need', [needId])).get(needId);
    if (!need || !actor.orgRoles.has(need.ownerOrgId)) throw AppException.notFound();
    return this.ask(actor, { needId, dealId: null, orgId: need.ownerOrgId, title: need.title }, dto);
  }

  /** A party of the deal (for their side) or one of its brokers (for the demand side) asks. */
  async requestOnDeal(actor: AuthContext, dealId: string, dto: CreateConsultationDto): Promise<ConsultationView> {
    const { deal, sides } = await this.deals.access(actor, dealId);
    const orgId = sides.includes('demand') || !sides.includes('supply') ? deal.demandOrgId : deal.supplyOrgId;
    return this.ask(actor, { needId: null, dealId, orgId, title: deal.title }, dto);
  }

  private async ask(
    actor: AuthContext,
    subject: { needId: string | null; dealId: string | null; orgId: string; title: string },
    dto: CreateConsultationDto,
  ): Promise<ConsultationView> {
    const question = dto.question.trim();
    const problems: { field: string; code: string }[] = [];
    if (!question) problems.push({ field: 'question', code: 'consultation_question_required' });
    const preferred = dto.expertProfileId ? await this.verifiedProfile(dto.expertProfileId) : null;
    if (dto.expertProfileId && !preferred) problems.push({ field: 'expertProfileId', code: 'expert_not_verified' });
    if (problems.length) throw AppException.validation(problems);
    const orgName = (await this.organisations.names([subject.orgId])).get(subject.orgId) ?? '';
    const id = await this.db.transaction(async (m) => {
      const saved = await m.save(
        m.create(ExpertConsultation, {
          needId: subject.needId,
          dealId: subject.dealId,
          orgId: subject.orgId,
          requesterId: actor.userId,
          question,
          preferredProfileId: preferred?.id ?? null,
        }),
      );
      const params = { org: orgName, title: subject.title };
      await this.notifications.notify(m, {
        to: { platformAdmins: true },
        type: 'expert.consultation_requested',
        params,
        link: '/my/consultations',
        dedupeKey: `consultation:${saved.id}:requested`,
      });
      if (preferred)
        await this.notifications.notify(m, {
          to: { userIds: [preferred.userId] },
          type: 'expert.consultation_requested',
          params,
          link: '/my/consultations',
          dedupeKey: `consultation:${saved.id}:requested`,
        });
      return saved.id;
    });
    return this.get(actor, id);
  }

  /** The consultations on a need: its owner organisation's members and admins; anyone else 404. */
  async forNeed(actor: AuthContext, needId: string): Promise<ConsultationView[]> {
    const need = (await this.catalogue.cards('need', [needId])).get(needId);
    if (!need || !(actor.orgRoles.has(need.ownerOrgId) || hasPlatformRole(actor, PlatformRole.Admin))) throw AppException.notFound();
    return this.views(await this.db.manager.find(ExpertConsultation, { where: { needId }, order: { createdAt: 'DESC', id: 'DESC' } }));
  }

  /** The consultations on a deal: its parties and brokers (and admins); anyone else 404. */
  async forDeal(actor: AuthContext, dealId: string): Promise<ConsultationView[]> {
    await this.deals.access(actor, dealId);
    return this.views(await this.db.manager.find(ExpertConsultation, { where: { dealId }, order: { createdAt: 'DESC', id: 'DESC' } }));
  }

  /** An expert's consultations (asked of them, or accepted by them); for admins, every one. */
  async mine(actor: AuthContext): Promise<ConsultationView[]> {
    const qb = this.db.manager.getRepository(ExpertConsultation).createQueryBuilder('c').orderBy('c.createdAt', 'DESC').addOrderBy('c.id', 'DESC').take(200);
    if (!hasPlatformRole(actor, PlatformRole.Admin)) {
      const profile = await this.db.manager.findOneBy(ExpertProfile, { userId: actor.userId });
      qb.where(
        new Brackets((w) => {
          w.where('c.expertUserId = :me', { me: actor.userId });
          if (profile) w.orWhere('c.preferredProfileId = :profile', { profile: profile.id });
        }),
      );
    }
    return this.views(await qb.getMany());
  }

  async get(actor: AuthContext, id: string): Promise<ConsultationView> {
    const c = await this.db.manager.findOneBy(ExpertConsultation, { id });
    if (!c || !(await this.mayRead(actor, c))) throw AppException.notFound();
    return (await this.views([c]))[0] as ConsultationView;
  }

  /** An admin accepts for an expert (the one chosen, or another verified one); the chosen expert accepts for themself. */
  async accept(actor: AuthContext, id: string, dto: AcceptConsultationDto): Promise<ConsultationView> {
    await this.db.transaction(async (m) => {
      const c = await this.locked(m, actor, id);
      const admin = hasPlatformRole(actor, PlatformRole.Admin);
      const preferred = c.preferredProfileId ? await this.verifiedProfile(c.preferredProfileId) : null;
      if (!admin && preferred?.userId !== actor.userId) throw AppException.notFound();
      if (c.status !== ConsultationStatus.Requested) throw AppException.invalidState();
      const chosen = admin ? (dto.expertProfileId ? await this.verifiedProfile(dto.expertProfileId) : preferred) : preferred;
      if (!chosen) throw AppException.validation([{ field: 'expertProfileId', code: 'expert_not_verified' }]);
      await m.update(ExpertConsultation, { id }, { status: ConsultationStatus.Accepted, expertUserId: chosen.userId, acceptedAt: new Date() });
      const [title, name] = await this.titleAndName(c, chosen.userId);
      if (c.requesterId)
        await this.notifications.notify(m, {
          to: { userIds: [c.requesterId] },
          type: 'expert.consultation_accepted',
          params: { title, name },
          link: subjectPath(c),
          dedupeKey: `consultation:${id}:accepted`,
        });
      if (chosen.userId !== actor.userId)
        await this.notifications.notify(m, {
          to: { userIds: [chosen.userId] },
          type: 'expert.consultation_requested',
          params: { org: (await this.organisations.names([c.orgId])).get(c.orgId) ?? '', title },
          link: '/my/consultations',
          dedupeKey: `consultation:${id}:assigned`,
        });
    });
    return this.get(actor, id);
  }

  /** The accepting expert answers once, in writing; the asking member is told. */
  async answer(actor: AuthContext, id: string, dto: AnswerConsultationDto): Promise<ConsultationView> {
    const answer = dto.answer.trim();
    if (!answer) throw AppException.validation([{ field: 'answer', code: 'consultation_answer_required' }]);
    await this.db.transaction(async (m) => {
      const c = await this.locked(m, actor, id);
      // Readers learn a consultation is not open for an answer; only its accepting expert may answer one that is.
      if (c.status !== ConsultationStatus.Accepted) throw AppException.invalidState();
      if (c.expertUserId !== actor.userId) throw AppException.notFound();
      await m.update(ExpertConsultation, { id }, { status: ConsultationStatus.Answered, answer, answeredAt: new Date() });
      const [title, name] = await this.titleAndName(c, actor.userId);
      if (c.requesterId)
        await this.notifications.notify(m, {
          to: { userIds: [c.requesterId] },
          type: 'expert.consultation_answered',
          params: { title, name },
          link: subjectPath(c),
          dedupeKey: `consultation:${id}:answered`,
        });
    });
    return this.get(actor, id);
  }

  /** An admin, or the chosen expert, declines a request with a reason; the asking member is told. */
  async decline(actor: AuthContext, id: string, dto: DeclineConsultationDto): Promise<ConsultationView> {
    const reason = dto.reason.trim();
    if (!reason) throw AppException.validation([{ field: 'reason', code: 'expert_reason_required' }]);
    await this.db.transaction(async (m) => {
      const c = await this.locked(m, actor, id);
      const preferred = c.preferredProfileId ? await m.findOneBy(ExpertProfile, { id: c.preferredProfileId }) : null;
      if (!hasPlatformRole(actor, PlatformRole.Admin) && preferred?.userId !== actor.userId) throw AppException.notFound();
      if (c.status !== ConsultationStatus.Requested) throw AppException.invalidState();
      await m.update(ExpertConsultation, { id }, { status: ConsultationStatus.Declined, declineReason: reason });
      const [title] = await this.titleAndName(c, null);
      if (c.requesterId)
        await this.notifications.notify(m, {
          to: { userIds: [c.requesterId] },
          type: 'expert.consultation_declined',
          params: { title, reason },
          link: subjectPath(c),
          dedupeKey: `consultation:${id}:declined`,
        });
    });
    return this.get(actor, id);
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private async locked(m: EntityManager, actor: AuthContext, id: string): Promise<ExpertConsultation> {
    const c = await m.findOne(ExpertConsultation, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!c || !(await this.mayRead(actor, c))) throw AppException.notFound();
    return c;
  }

  private async mayRead(actor: AuthContext, c: ExpertConsultation): Promise<boolean> {
    if (hasPlatformRole(actor, PlatformRole.Admin) || c.expertUserId === actor.userId) return true;
    // A need's consultation is its organisation's; a deal's, everyone's on the deal.
    if (c.needId && actor.orgRoles.has(c.orgId)) return true;
    if (c.preferredProfileId && (await this.db.manager.existsBy(ExpertProfile, { id: c.preferredProfileId, userId: actor.userId }))) return true;
    // Asked, not enforced: the caller's 404 is the consultation's, audited there if at all, never a denial on the deal.
    return !!c.dealId && this.deals.takesPart(actor, c.dealId);
  }

  private async verifiedProfile(id: string): Promise<ExpertProfile | null> {
    return this.db.manager.findOneBy(ExpertProfile, { id, status: ExpertProfileStatus.Verified });
  }

  private async titleAndName(c: ExpertConsultation, userId: string | null): Promise<[string, string]> {
    const [titles, names] = await Promise.all([this.subjectTitles([c]), this.people.names([userId])]);
    return [titles.get(c.id) ?? '', userId ? (names.get(userId) ?? '') : ''];
  }

  /** Each consultation's subject title (its need's or its deal's), by consultation id, in one read per kind. */
  private async subjectTitles(rows: ExpertConsultation[]): Promise<Map<string, string>> {
    const [needs, deals] = await Promise.all([
      this.catalogue.titles(
        'need',
        rows.map((r) => r.needId),
      ),
      this.deals.titles(rows.flatMap((r) => (r.dealId ? [r.dealId] : []))),
    ]);
    return new Map(rows.map((r) => [r.id, (r.needId ? needs.get(r.needId) : r.dealId ? deals.get(r.dealId) : undefined) ?? '']));
  }

  private async views(rows: ExpertConsultation[]): Promise<ConsultationView[]> {
    if (!rows.length) return [];
    const profiles = await this.db.manager.findBy(ExpertProfile, { id: In(rows.flatMap((r) => (r.preferredProfileId ? [r.preferredProfileId] : []))) });
    const [titles, names] = await Promise.all([
      this.subjectTitles(rows),
      this.people.names([...rows.flatMap((r) => [r.requesterId, r.expertUserId]), ...profiles.map((p) => p.userId)]),
    ]);
    const profileById = new Map(profiles.map((p) => [p.id, p]));
    return rows.map((r) => {
      const preferred = r.preferredProfileId ? profileById.get(r.preferredProfileId) : undefined;
      return {
        id: r.id,
        needId: r.needId,
        dealId: r.dealId,
        subjectTitle: titles.get(r.id) ?? '',
        orgId: r.orgId,
        requesterName: r.requesterId ? (names.get(r.requesterId) ?? '') : '',
        question: r.question,
        preferredExpert: preferred ? { profileId: preferred.id, name: names.get(preferred.userId) ?? '' } : null,
        expertName: r.expertUserId ? (names.get(r.expertUserId) ?? '') : null,
        status: r.status,
        answer: r.answer,
        declineReason: r.declineReason,
        createdAt: r.createdAt.toISOString(),
        answeredAt: r.answeredAt?.toISOString() ?? null,
      };
    });
  }
}

/** Where a consultation's asker reads it: the need's page, or the deal's 专家咨询 section. */
function subjectPath(c: ExpertConsultation): string {
  return c.dealId ? `/deals/${c.dealId}?tab=consultations` : `/needs/${c.needId}`;
}
