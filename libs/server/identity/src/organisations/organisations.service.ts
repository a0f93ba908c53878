import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  ErrorCode,
  MembershipStatus,
  MemberView,
  OrganisationPublicView,
  OrganisationView,
  OrgRole,
  Page,
  PlatformRole,
  VerificationStatus,
  creditCodeProblem,
  normaliseCreditCode,
} from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { AppException, AuthContext, containsPattern, hasPlatformRole } from '@ztt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { Membership, Organisation } from '../entities';

export interface OrganisationInput {
  name?: string;
  type?: string;
  creditCode?: string;
  region?: string;
  town?: string;
  industries?: string[];
  credentials?: string[];
  website?: string;
  description?: string;
}

/** Fields whose change makes a verified organisation go through verification again. */
const IDENTITY_FIELDS: (keyof OrganisationInput)[] = ['name', 'type', 'creditCode'];

/** The same credentials in any order. */
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: AuthContext, input: Required<Pick<OrganisationInput, 'name' | 'type' | 'creditCode' | 'region'>> & OrganisationInput): Promise<OrganisationView> {
    const creditCode = this.checkedCreditCode(input.creditCode);
    const org = await this.db.transaction(async (m) => {
      if (await m.getRepository(Organisation).existsBy({ creditCode })) throw AppException.conflict(ErrorCode.CreditCodeTaken);
      const org = await m.getRepository(Organisation).save(
        m.getRepository(Organisation).create({
          name: input.name.trim(),
          type: input.type,
          creditCode,
          region: input.region,
          town: input.town?.trim() || null,
          industries: input.industries ?? [],
          credentials: [...new Set(input.credentials ?? [])],
          website: input.website ?? null,
          description: input.description ?? '',
          createdBy: actor.userId,
        }),
      );
      await m.insert(Membership, {
        organisationId: org.id,
        userId: actor.userId,
        role: OrgRole.Admin,
        status: MembershipStatus.Active,
        decidedAt: new Date(),
        decidedBy: actor.userId,
      });
      await this.audit.record({ action: AuditAction.OrgCreated, actorId: actor.userId, actorEmail: actor.email, targetType: 'organisation', targetId: org.id }, m);
      return org;
    });
    return this.view(org, OrgRole.Admin, MembershipStatus.Active);
  }

  /** Public directory: verified organisations only, searchable by name. */
  async directory(q: { q?: string; page: number; pageSize: number }): Promise<Page<OrganisationPublicView>> {
    const qb = this.db.getRepository(Organisation).createQueryBuilder('o').where('o.verification_status = :v', { v: VerificationStatus.Verified }).orderBy('o.name', 'ASC');
    if (q.q) {
      const code = normaliseCreditCode(q.q);
      qb.andWhere('(o.name ILIKE :q OR o.credit_code = :code)', { q: containsPattern(q.q), code });
    }
    const [rows, total] = await qb
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items: rows.map(publicView), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * Members and platform admins see everything; anyone else sees the public card of a
   * verified organisation; an unverified one does not exist for them (404, audited).
   */
  async get(actor: AuthContext | undefined, id: string): Promise<OrganisationView | OrganisationPublicView> {
    const org = await this.findOr404(id);
    const membership = actor ? await this.membershipOf(this.db.manager, id, actor.userId) : null;
    const insider = membership?.status === MembershipStatus.Active || hasPlatformRole(actor, PlatformRole.Admin);
    if (insider) return this.view(org, membership?.role ?? null, membership?.status ?? null);
    if (org.verificationStatus === VerificationStatus.Verified) return publicView(org);
    await this.deny(actor, 'organisation', id);
    throw AppException.notFound();
  }

  async update(actor: AuthContext, id: string, input: OrganisationInput & { version: number }): Promise<OrganisationView> {
    await this.assertOrgAdmin(actor, id);
    const creditCode = input.creditCode !== undefined ? this.checkedCreditCode(input.creditCode) : undefined;
    const org = await this.db.transaction(async (m) => {
      const current = await m.getRepository(Organisation).findOneByOrFail({ id });
      const changes: Partial<Organisation> = {};
      if (input.name !== undefined) changes.name = input.name.trim();
      if (input.type !== undefined) changes.type = input.type;
      if (creditCode !== undefined) changes.creditCode = creditCode;
      if (input.region !== undefined) changes.region = input.region;
      if (input.town !== undefined) changes.town = input.town.trim() || null;
      if (input.industries !== undefined) changes.industries = input.industries;
      if (input.credentials !== undefined) changes.credentials = [...new Set(input.credentials)];
      if (input.website !== undefined) changes.website = input.website || null;
      if (input.description !== undefined) changes.description = input.description;
      // Credentials are checked with the verification: claiming a different set is verified again.
      const identityChanged =
        IDENTITY_FIELDS.some((f) => changes[f] !== undefined && changes[f] !== current[f]) ||
        (changes.credentials !== undefined && !sameSet(changes.credentials, current.credentials));
      if (identityChanged && current.verificationStatus !== VerificationStatus.Unverified) {
        Object.assign(changes, { verificationStatus: VerificationStatus.Unverified, verifiedAt: null, verifiedBy: null, submittedAt: null });
      }
      if (creditCode && creditCode !== current.creditCode && (await m.getRepository(Organisation).existsBy({ creditCode }))) {
        throw AppException.conflict(ErrorCode.CreditCodeTaken);
      }
      // Optimistic concurrency: a stale version changes nothing and answers 409.
      const res = await m
        .createQueryBuilder()
        .update(Organisation)
        .set({ ...changes, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version: input.version })
        .execute();
      if (res.affected !== 1) throw AppException.conflict();
      return m.getRepository(Organisation).findOneByOrFail({ id });
    });
    return this.view(org, OrgRole.Admin, MembershipStatus.Active);
  }

  async submitForVerification(actor: AuthContext, id: string): Promise<OrganisationView> {
    await this.assertOrgAdmin(actor, id);
    const org = await this.db.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(Organisation)
        .set({ verificationStatus: VerificationStatus.Pending, submittedAt: () => 'now()', rejectionReason: null, version: () => 'version + 1' })
        .where('id = :id AND verification_status IN (:...from)', { id, from: [VerificationStatus.Unverified, VerificationStatus.Rejected] })
        .execute();
      if (res.affected !== 1) throw AppException.invalidState();
      await this.audit.record({ action: AuditAction.OrgVerificationSubmitted, actorId: actor.userId, actorEmail: actor.email, targetType: 'organisation', targetId: id }, m);
      return m.getRepository(Organisation).findOneByOrFail({ id });
    });
    return this.view(org, OrgRole.Admin, MembershipStatus.Active);
  }

  async verificationQueue(q: { status: VerificationStatus; q?: string; page: number; pageSize: number }): Promise<Page<OrganisationView>> {
    const qb = this.db
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .where('o.verification_status = :s', { s: q.status })
      .orderBy('o.submitted_at', 'ASC', 'NULLS LAST')
      .addOrderBy('o.created_at', 'ASC');
    if (q.q) qb.andWhere('o.name ILIKE :q', { q: containsPattern(q.q) });
    const [rows, total] = await qb
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items: rows.map((o) => this.view(o, null, null)), total, page: q.page, pageSize: q.pageSize };
  }

  async decideVerification(actor: AuthContext, id: string, decision: 'approve' | 'reject', reason?: string): Promise<OrganisationView> {
    const trimmed = reason?.trim() ?? '';
    if (decision === 'reject' && !trimmed) throw AppException.validation([{ field: 'reason', code: 'isNotEmpty' }]);
    await this.findOr404(id);
    const org = await this.db.transaction(async (m) => {
      const set =
        decision === 'approve'
          ? { verificationStatus: VerificationStatus.Verified, verifiedAt: () => 'now()', verifiedBy: actor.userId, rejectionReason: null }
          : { verificationStatus: VerificationStatus.Rejected, rejectionReason: trimmed, verifiedAt: null, verifiedBy: null };
      const res = await m
        .createQueryBuilder()
        .update(Organisation)
        .set({ ...set, version: () => 'version + 1' })
        .where('id = :id AND verification_status = :pending', { id, pending: VerificationStatus.Pending })
        .execute();
      if (res.affected !== 1) throw AppException.invalidState();
      await this.audit.record(
        {
          action: decision === 'approve' ? AuditAction.OrgVerified : AuditAction.OrgVerificationRejected,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'organisation',
          targetId: id,
          detail: trimmed ? { reason: trimmed } : undefined,
        },
        m,
      );
      return m.getRepository(Organisation).findOneByOrFail({ id });
    });
    return this.view(org, null, null);
  }

  /** Active members see the member list; organisation admins also see pending requests. */
  async members(actor: AuthContext, id: string): Promise<MemberView[]> {
    const role = await this.assertInsider(actor, id);
    const rows = (await this.db.query(
      `SELECT m.user_id, u.display_name, u.email, m.role, m.status, coalesce(m.decided_at, m.created_at) AS joined_at
         FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.organisation_id = $1 AND (m.status = 'active' OR ($2 AND m.status = 'pending'))
        ORDER BY m.status, m.role, u.display_name`,
      [id, role === OrgRole.Admin || hasPlatformRole(actor, PlatformRole.Admin)],
    )) as { user_id: string; display_name: string; email: string; role: OrgRole; status: MembershipStatus; joined_at: Date }[];
    return rows.map((r) => ({
      userId: r.user_id,
      displayName: r.display_name,
      email: r.email,
      role: r.role,
      status: r.status,
      joinedAt: r.joined_at.toISOString(),
    }));
  }

  /** Asks to join a verified organisation; its admins decide. */
  async requestToJoin(actor: AuthContext, id: string): Promise<OrganisationView | OrganisationPublicView> {
    const org = await this.findOr404(id);
    if (org.verificationStatus !== VerificationStatus.Verified) {
      await this.deny(actor, 'organisation', id);
      throw AppException.notFound();
    }
    await this.db.transaction(async (m) => {
      const existing = await this.membershipOf(m, id, actor.userId);
      if (existing && existing.status !== MembershipStatus.Rejected) throw AppException.conflict(ErrorCode.AlreadyMember);
      if (existing) {
        await m.update(Membership, { id: existing.id }, { status: MembershipStatus.Pending, role: OrgRole.Member, decidedAt: null, decidedBy: null });
      } else {
        await m.insert(Membership, { organisationId: id, userId: actor.userId, role: OrgRole.Member, status: MembershipStatus.Pending });
      }
      await this.audit.record({ action: AuditAction.MembershipRequested, actorId: actor.userId, actorEmail: actor.email, targetType: 'organisation', targetId: id }, m);
    });
    return publicView(org);
  }

  async decideMembership(actor: AuthContext, id: string, userId: string, decision: 'approve' | 'reject'): Promise<MemberView[]> {
    await this.assertOrgAdmin(actor, id);
    await this.db.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(Membership)
        .set({ status: decision === 'approve' ? MembershipStatus.Active : MembershipStatus.Rejected, decidedAt: () => 'now()', decidedBy: actor.userId })
        .where('organisation_id = :id AND user_id = :userId AND status = :pending', { id, userId, pending: MembershipStatus.Pending })
        .execute();
      if (res.affected !== 1) throw AppException.notFound();
      await this.audit.record(
        {
          action: decision === 'approve' ? AuditAction.MembershipApproved : AuditAction.MembershipRejected,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'organisation',
          targetId: id,
          detail: { userId },
        },
        m,
      );
    });
    return this.members(actor, id);
  }

  async changeMemberRole(actor: AuthContext, id: string, userId: string, role: OrgRole): Promise<MemberView[]> {
    await this.assertOrgAdmin(actor, id);
    await this.db.transaction(async (m) => {
      await this.lockOrg(m, id);
      const member = await this.membershipOf(m, id, userId);
      if (!member || member.status !== MembershipStatus.Active) throw AppException.notFound();
      if (member.role === OrgRole.Admin && role !== OrgRole.Admin) await this.assertAnotherAdmin(m, id, userId);
      await m.update(Membership, { id: member.id }, { role });
      await this.audit.record(
        {
          action: AuditAction.MembershipRoleChanged,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'organisation',
          targetId: id,
          detail: { userId, from: member.role, to: role },
        },
        m,
      );
    });
    return this.members(actor, id);
  }

  /** An organisation admin removes a member, or a member leaves. The last admin cannot go. */
  async removeMember(actor: AuthContext, id: string, userId: string): Promise<void> {
    if (userId !== actor.userId) await this.assertOrgAdmin(actor, id);
    else await this.assertInsider(actor, id);
    await this.db.transaction(async (m) => {
      await this.lockOrg(m, id);
      const member = await this.membershipOf(m, id, userId);
      if (!member || member.status === MembershipStatus.Rejected) throw AppException.notFound();
      if (member.role === OrgRole.Admin && member.status === MembershipStatus.Active) await this.assertAnotherAdmin(m, id, userId);
      await m.delete(Membership, { id: member.id });
      await this.audit.record(
        { action: AuditAction.MembershipRemoved, actorId: actor.userId, actorEmail: actor.email, targetType: 'organisation', targetId: id, detail: { userId } },
        m,
      );
    });
  }

  // ---- access helpers -------------------------------------------------------------------

  private async assertInsider(actor: AuthContext, id: string): Promise<OrgRole | null> {
    const role = actor.orgRoles.get(id) ?? null;
    if (role || hasPlatformRole(actor, PlatformRole.Admin)) {
      await this.findOr404(id);
      return role;
    }
    await this.deny(actor, 'organisation', id);
    throw AppException.notFound();
  }

  private async assertOrgAdmin(actor: AuthContext, id: string): Promise<void> {
    if (actor.orgRoles.get(id) === OrgRole.Admin) {
      await this.findOr404(id);
      return;
    }
    await this.deny(actor, 'organisation', id);
    // A member who is not an admin knows the organisation exists: tell them plainly.
    if (actor.orgRoles.has(id)) throw AppException.forbidden();
    throw AppException.notFound();
  }

  private async assertAnotherAdmin(m: EntityManager, id: string, userId: string): Promise<void> {
    const others = await m
      .getRepository(Membership)
      .createQueryBuilder('m')
      .where('m.organisation_id = :id AND m.role = :admin AND m.status = :active AND m.user_id <> :userId', {
        id,
        admin: OrgRole.Admin,
        active: MembershipStatus.Active,
        userId,
      })
      .getCount();
    if (others === 0) throw new AppException(ErrorCode.LastOrgAdmin, HttpStatus.CONFLICT);
  }

  /** Serialises admin changes within one organisation so the last-admin rule holds under concurrency. */
  private async lockOrg(m: EntityManager, id: string): Promise<void> {
    await m.query('SELECT id FROM organisation WHERE id = $1 FOR UPDATE', [id]);
  }

  private async deny(actor: AuthContext | undefined, targetType: string, targetId: string): Promise<void> {
    await this.audit.record({ action: AuditAction.AccessDenied, result: 'denied', actorId: actor?.userId ?? null, actorEmail: actor?.email ?? null, targetType, targetId });
  }

  private membershipOf(m: EntityManager, organisationId: string, userId: string): Promise<Membership | null> {
    return m.getRepository(Membership).findOneBy({ organisationId, userId });
  }

  private async findOr404(id: string): Promise<Organisation> {
    const org = await this.db.getRepository(Organisation).findOneBy({ id });
    if (!org) throw AppException.notFound();
    return org;
  }

  private checkedCreditCode(raw: string): string {
    const problem = creditCodeProblem(raw);
    if (problem) {
      throw new AppException(ErrorCode.InvalidCreditCode, HttpStatus.BAD_REQUEST, [{ field: 'creditCode', code: `credit_code_${problem}` }]);
    }
    return normaliseCreditCode(raw);
  }

  private view(o: Organisation, myRole: OrgRole | null, myStatus: MembershipStatus | null): OrganisationView {
    return {
      ...publicView(o),
      creditCode: o.creditCode,
      town: o.town,
      credentials: o.credentials,
      website: o.website,
      description: o.description,
      rejectionReason: o.rejectionReason,
      submittedAt: o.submittedAt?.toISOString() ?? null,
      verifiedAt: o.verifiedAt?.toISOString() ?? null,
      createdAt: o.createdAt.toISOString(),
      version: o.version,
      myRole,
      myMembershipStatus: myStatus,
    };
  }
}

function publicView(o: Organisation): OrganisationPublicView {
  return { id: o.id, name: o.name, type: o.type, region: o.region, industries: o.industries, verificationStatus: o.verificationStatus };
}
