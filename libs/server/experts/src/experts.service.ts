import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@ztt/audit';
import { ChallengeReader } from '@ztt/challenges';
import { AuditAction, ExpertProfileStatus, ExpertProfileView, ExpertPublicView, Page, PanelExclusion, PanelSuggestion, PanelSuggestionsView, PlatformRole } from '@ztt/contracts';
import { OrganisationDirectory, PeopleDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { ExpertProfileDto, ReviewExpertDto } from './dto/expert.dto';
import { ExpertProfile } from './expert-profile.entity';
import { cleanList, fitOf } from './rules';

/**
 * 专家库: a person keeps their own expertise profile; a platform admin verifies or rejects it
 * (audited, the person is told); only verified profiles are listed publicly and suggested for
 * challenge review panels. A suggestion leaves out anyone linked to an applicant — a member of, or
 * declaring an affiliation or conflict with, an applicant's organisation or a team member's — and
 * lists them apart with the reason.
 */
@Injectable()
export class ExpertsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PeopleDirectory,
    private readonly organisations: OrganisationDirectory,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly challenges: ChallengeReader,
  ) {}

  // ---- the public directory ------------------------------------------------------------------

  async directory(page: number, pageSize: number): Promise<Page<ExpertPublicView>> {
    const [rows, total] = await this.db.manager.findAndCount(ExpertProfile, {
      where: { status: ExpertProfileStatus.Verified },
      order: { verifiedAt: 'ASC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const names = await this.people.names(rows.map((r) => r.userId));
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: names.get(r.userId) ?? '',
        kind: r.kind,
        titles: r.titles,
        chains: r.chains,
        keywords: r.keywords,
        affiliations: r.affiliations,
        bio: r.bio,
      })),
      total,
      page,
      pageSize,
    };
  }

  // ---- one's own profile -----------------------------------------------------------------------

  async mine(actor: AuthContext): Promise<ExpertProfileView> {
    const p = await this.db.manager.findOneBy(ExpertProfile, { userId: actor.userId });
    if (!p) throw AppException.notFound();
    return (await this.views([p]))[0] as ExpertProfileView;
  }

  /** Saves the caller's profile; any change sends it back to the admins for verification. */
  async save(actor: AuthContext, dto: ExpertProfileDto): Promise<ExpertProfileView> {
    const chains = [...new Set(dto.chains)];
    const keywords = cleanList(dto.keywords);
    const conflicts = dto.conflicts.map((c) => ({ orgId: c.orgId, reason: c.reason.trim() }));
    const affiliatedOrgIds = [...new Set(dto.affiliatedOrgIds ?? [])];
    const problems: { field: string; code: string }[] = [];
    if (!chains.length && !keywords.length) problems.push({ field: 'keywords', code: 'expert_keywords_required' });
    if (conflicts.some((c) => !c.reason)) problems.push({ field: 'conflicts', code: 'expert_reason_required' });
    if (new Set(conflicts.map((c) => c.orgId)).size !== conflicts.length) problems.push({ field: 'conflicts', code: 'expert_conflict_duplicate' });
    const named = [...affiliatedOrgIds, ...conflicts.map((c) => c.orgId)];
    const known = await this.organisations.names(named);
    if (affiliatedOrgIds.some((id) => !known.has(id))) problems.push({ field: 'affiliatedOrgIds', code: 'organisation_unknown' });
    if (conflicts.some((c) => !known.has(c.orgId))) problems.push({ field: 'conflicts', code: 'organisation_unknown' });
    if (problems.length) throw AppException.validation(problems);
    const fields = {
      kind: dto.kind,
      chains,
      keywords,
      titles: cleanList(dto.titles),
      affiliations: dto.affiliations?.trim() ?? '',
      bio: dto.bio?.trim() ?? '',
      affiliatedOrgIds,
      conflicts,
      status: ExpertProfileStatus.Pending,
      rejectionReason: null,
      verifiedBy: null,
      verifiedAt: null,
    };
    await this.db.transaction(async (m) => {
      const existing = await m.findOne(ExpertProfile, { where: { userId: actor.userId }, lock: { mode: 'pessimistic_write' } });
      if (existing) await m.update(ExpertProfile, { id: existing.id }, fields);
      else await m.save(m.create(ExpertProfile, { userId: actor.userId, ...fields }));
    });
    return this.mine(actor);
  }

  // ---- platform admins ---------------------------------------------------------------------------

  async list(status: ExpertProfileStatus | undefined, page: number, pageSize: number): Promise<Page<ExpertProfileView>> {
    const [rows, total] = await this.db.manager.findAndCount(ExpertProfile, {
      where: status ? { status } : {},
      order: { updatedAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: await this.views(rows), total, page, pageSize };
  }

  /** Verifies or rejects (with a reason) a profile; audited in the transaction, and the person is told. */
  async review(actor: AuthContext, id: string, dto: ReviewExpertDto): Promise<ExpertProfileView> {
    const verify = dto.decision === 'verify';
    const reason = dto.reason?.trim() ?? '';
    if (!verify && !reason) throw AppException.validation([{ field: 'reason', code: 'expert_reason_required' }]);
    await this.db.transaction(async (m) => {
      const p = await m.findOne(ExpertProfile, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!p) throw AppException.notFound();
      await m.update(
        ExpertProfile,
        { id },
        verify
          ? { status: ExpertProfileStatus.Verified, rejectionReason: null, verifiedBy: actor.userId, verifiedAt: new Date() }
          : { status: ExpertProfileStatus.Rejected, rejectionReason: reason, verifiedBy: null, verifiedAt: null },
      );
      await this.audit.record(
        {
          action: verify ? AuditAction.ExpertProfileVerified : AuditAction.ExpertProfileRejected,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'expert_profile',
          targetId: id,
          detail: verify ? { userId: p.userId } : { userId: p.userId, reason },
        },
        m,
      );
      await this.notifications.notify(m, {
        to: { userIds: [p.userId] },
        type: verify ? 'expert.verified' : 'expert.rejected',
        params: verify ? {} : { reason },
        link: '/my/expert-profile',
        dedupeKey: `expert-review:${id}:${p.updatedAt.toISOString()}:${dto.decision}`,
      });
    });
    const p = await this.db.manager.findOneByOrFail(ExpertProfile, { id });
    return (await this.views([p]))[0] as ExpertProfileView;
  }

  /**
   * Verified experts ranked by their fit with the challenge (shared chains, keywords found in its
   * title, background and indicators); those linked to an applicant are left out and listed apart.
   */
  async panelSuggestions(challengeId: string): Promise<PanelSuggestionsView> {
    const brief = await this.challenges.panelBrief(challengeId);
    if (!brief) throw AppException.notFound();
    const experts = await this.db.manager.find(ExpertProfile, { where: { status: ExpertProfileStatus.Verified }, order: { id: 'ASC' } });
    if (!experts.length) return { suggestions: [], excluded: [] };
    const teamUsers = brief.applications.flatMap((a) => [a.leadUserId, ...a.teamUserIds]);
    const [memberships, cards, reviewers] = await Promise.all([
      this.organisations.activeOrgsOf([...experts.map((e) => e.userId), ...teamUsers]),
      this.people.cards(experts.map((e) => e.userId)),
      this.people.holdersOf(
        PlatformRole.Reviewer,
        experts.map((e) => e.userId),
      ),
    ]);
    const applicantOrgIds = brief.applications.map((a) => a.orgId);
    const orgNames = await this.organisations.names([
      ...applicantOrgIds,
      ...teamUsers.flatMap((u) => memberships.get(u) ?? []),
      ...experts.flatMap((e) => [...e.affiliatedOrgIds, ...e.conflicts.map((c) => c.orgId)]),
    ]);
    const text = [brief.title, brief.background, ...brief.indicators].join('\n');
    const suggestions: PanelSuggestion[] = [];
    const excluded: PanelExclusion[] = [];
    for (const e of experts) {
      const card = cards.get(e.userId);
      if (!card) continue;
      const link = this.linkOf(e, memberships, brief.applications, orgNames);
      if (link) {
        excluded.push({ userId: e.userId, profileId: e.id, name: card.displayName, reason: link });
        continue;
      }
      const fit = fitOf(e, { chains: brief.chains, text });
      if (fit.score <= 0) continue;
      suggestions.push({ userId: e.userId, profileId: e.id, name: card.displayName, kind: e.kind, titles: e.titles, ...fit, reviewer: reviewers.has(e.userId) });
    }
    suggestions.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN') || a.userId.localeCompare(b.userId));
    excluded.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.userId.localeCompare(b.userId));
    return { suggestions, excluded };
  }

  // ---- helpers -----------------------------------------------------------------------------------

  /** Why the expert may not review this challenge's applicants (与揭榜方 XX 有关联：…), or null. */
  private linkOf(
    e: ExpertProfile,
    memberships: Map<string, string[]>,
    applications: { orgId: string; leadUserId: string; teamUserIds: string[] }[],
    orgNames: Map<string, string>,
  ): string | null {
    const own = new Set(memberships.get(e.userId) ?? []);
    const affiliated = new Set(e.affiliatedOrgIds);
    const conflicts = new Map(e.conflicts.map((c) => [c.orgId, c.reason]));
    const name = (id: string) => orgNames.get(id) ?? '';
    for (const a of applications) {
      const why: string[] = [];
      if (a.leadUserId === e.userId || a.teamUserIds.includes(e.userId)) why.push('本人为申报团队成员');
      const orgs = new Map<string, string>([[a.orgId, '揭榜方']]);
      for (const u of [a.leadUserId, ...a.teamUserIds]) for (const o of memberships.get(u) ?? []) if (!orgs.has(o)) orgs.set(o, '团队成员所属机构');
      for (const [orgId, role] of orgs) {
        const label = role === '揭榜方' ? name(orgId) : `${role}${name(orgId)}`;
        if (own.has(orgId)) why.push(`本人为${label}成员`);
        if (affiliated.has(orgId)) why.push(`本人近三年任职或所属机构含${label}`);
        if (conflicts.has(orgId)) why.push(`本人声明回避${label}（${conflicts.get(orgId)}）`);
      }
      if (why.length) return `与揭榜方 ${name(a.orgId)} 有关联：${why.join('；')}`;
    }
    return null;
  }

  private async views(rows: ExpertProfile[]): Promise<ExpertProfileView[]> {
    if (!rows.length) return [];
    const [cards, orgNames, reviewers] = await Promise.all([
      this.people.cards(rows.map((r) => r.userId)),
      this.organisations.names(rows.flatMap((r) => [...r.affiliatedOrgIds, ...r.conflicts.map((c) => c.orgId)])),
      this.people.holdersOf(
        PlatformRole.Reviewer,
        rows.map((r) => r.userId),
      ),
    ]);
    return rows.map((r) => ({
      id: r.id,
      userId: r.userId,
      name: cards.get(r.userId)?.displayName ?? '',
      email: cards.get(r.userId)?.email ?? '',
      kind: r.kind,
      titles: r.titles,
      chains: r.chains,
      keywords: r.keywords,
      affiliations: r.affiliations,
      bio: r.bio,
      affiliatedOrgs: r.affiliatedOrgIds.map((orgId) => ({ orgId, orgName: orgNames.get(orgId) ?? '' })),
      conflicts: r.conflicts.map((c) => ({ orgId: c.orgId, orgName: orgNames.get(c.orgId) ?? '', reason: c.reason })),
      status: r.status,
      rejectionReason: r.rejectionReason,
      verifiedAt: r.verifiedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
      reviewer: reviewers.has(r.userId),
    }));
  }
}
