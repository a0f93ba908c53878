import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, AuthTokens, ErrorCode, isCounty, MeView, MembershipStatus, OrgRole, Page, PlatformRole, UserAdminView, UserStatus, VerificationStatus } from '@ztt/contracts';
import { AuditDetail, AuditService } from '@ztt/audit';
import { AppException, AuthContext, containsPattern } from '@ztt/platform';
import { DataSource, In } from 'typeorm';
import { AuthService, ClientInfo } from '../auth/auth.service';
import { LoginThrottleService } from '../auth/login-throttle.service';
import { PasswordService } from '../auth/password.service';
import { PlatformRoleAssignment, User } from '../entities';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottleService,
  ) {}

  async me(userId: string): Promise<MeView> {
    const user = await this.db.getRepository(User).findOneByOrFail({ id: userId });
    const roles = await this.db.getRepository(PlatformRoleAssignment).findBy({ userId });
    const memberships = (await this.db.query(
      `SELECT m.organisation_id, o.name, o.type, o.verification_status, m.role, m.status
         FROM membership m JOIN organisation o ON o.id = m.organisation_id
        WHERE m.user_id = $1 AND m.status <> 'rejected' ORDER BY m.created_at`,
      [userId],
    )) as { organisation_id: string; name: string; type: string; verification_status: VerificationStatus; role: OrgRole; status: MembershipStatus }[];
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      phone: user.phone,
      locale: user.locale,
      platformRoles: roles.map((r) => r.role).sort(),
      memberships: memberships.map((m) => ({
        organisationId: m.organisation_id,
        organisationName: m.name,
        organisationType: m.type,
        verificationStatus: m.verification_status,
        role: m.role,
        status: m.status,
      })),
      createdAt: user.createdAt.toISOString(),
    };
  }

  async updateMe(userId: string, patch: { displayName?: string; phone?: string; locale?: string }): Promise<MeView> {
    const changes: Partial<User> = {};
    if (patch.displayName !== undefined) changes.displayName = patch.displayName.trim();
    if (patch.phone !== undefined) changes.phone = patch.phone || null;
    if (patch.locale !== undefined) changes.locale = patch.locale;
    if (Object.keys(changes).length) {
      await this.db.getRepository(User).update({ id: userId }, { ...changes, version: () => 'version + 1' });
    }
    return this.me(userId);
  }

  /** Ends every session (so stolen tokens die too) and starts a fresh one for the caller. */
  async changePassword(ctx: AuthContext, current: string, next: string, client: ClientInfo): Promise<AuthTokens> {
    const user = await this.db.getRepository(User).findOneByOrFail({ id: ctx.userId });
    await this.throttle.confirmPassword(user, current, 'currentPassword', client.clientAddress);
    this.passwords.assertAcceptable(next, 'newPassword');
    const passwordHash = await this.passwords.hash(next);
    return this.db.transaction(async (m) => {
      await m.update(User, { id: user.id }, { passwordHash, version: () => 'version + 1' });
      await this.auth.revokeAllSessions(m, user.id, 'password_changed');
      await this.audit.record({ action: AuditAction.PasswordChanged, actorId: user.id, actorEmail: user.email, targetType: 'user', targetId: user.id }, m);
      return this.auth.startSession(m, user, client);
    });
  }

  async list(q: { q?: string; page: number; pageSize: number }): Promise<Page<UserAdminView>> {
    const qb = this.db.getRepository(User).createQueryBuilder('u').orderBy('u.created_at', 'DESC');
    if (q.q) qb.where('(u.email ILIKE :q OR u.display_name ILIKE :q)', { q: containsPattern(q.q) });
    const [users, total] = await qb
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items: await this.adminViews(users), total, page: q.page, pageSize: q.pageSize };
  }

  /** `county`: the county a county official is scoped to (required with that role, ignored without it); a changed county is re-granted, audited. */
  async setPlatformRoles(actor: AuthContext, userId: string, roles: PlatformRole[], countyIn: string | null = null): Promise<UserAdminView> {
    if (userId === actor.userId && !roles.includes(PlatformRole.Admin)) {
      throw new AppException(ErrorCode.CannotChangeOwnAccount, HttpStatus.CONFLICT);
    }
    const scoped = roles.includes(PlatformRole.CountyOfficial);
    if (scoped && !isCounty(countyIn)) throw new AppException(ErrorCode.CountyRequired, HttpStatus.BAD_REQUEST);
    const countyOf = (role: PlatformRole) => (role === PlatformRole.CountyOfficial ? countyIn : null);
    const user = await this.findUser(userId);
    await this.db.transaction(async (m) => {
      const repo = m.getRepository(PlatformRoleAssignment);
      const rows = await repo.findBy({ userId });
      const current = rows.map((r) => r.role);
      const moved = rows.find((r) => r.role === PlatformRole.CountyOfficial && scoped && r.county !== countyIn);
      const added = roles.filter((r) => !current.includes(r) || (moved && r === PlatformRole.CountyOfficial));
      const removed = current.filter((r) => !roles.includes(r));
      if (removed.length) await repo.delete({ userId, role: In(removed) });
      if (moved) await repo.delete({ userId, role: PlatformRole.CountyOfficial });
      if (added.length) await repo.insert(added.map((role) => ({ userId, role, county: countyOf(role), grantedBy: actor.userId })));
      for (const role of added) {
        const detail: AuditDetail = role === PlatformRole.CountyOfficial ? { role, county: countyIn } : { role };
        await this.audit.record({ action: AuditAction.RoleGranted, actorId: actor.userId, actorEmail: actor.email, targetType: 'user', targetId: userId, detail }, m);
      }
      for (const role of removed) {
        await this.audit.record({ action: AuditAction.RoleRevoked, actorId: actor.userId, actorEmail: actor.email, targetType: 'user', targetId: userId, detail: { role } }, m);
      }
    });
    return (await this.adminViews([user]))[0] as UserAdminView;
  }

  /** Disabling ends every session of the user at once. */
  async setStatus(actor: AuthContext, userId: string, status: UserStatus): Promise<UserAdminView> {
    if (userId === actor.userId) throw new AppException(ErrorCode.CannotChangeOwnAccount, HttpStatus.CONFLICT);
    const user = await this.findUser(userId);
    // A deleted account is anonymised for good; it can be neither enabled nor disabled.
    if (user.status === UserStatus.Deleted) throw AppException.invalidState();
    await this.db.transaction(async (m) => {
      await m.update(User, { id: userId }, { status, version: () => 'version + 1' });
      if (status === UserStatus.Disabled) await this.auth.revokeAllSessions(m, userId, 'disabled');
      await this.audit.record(
        {
          action: status === UserStatus.Disabled ? AuditAction.UserDisabled : AuditAction.UserEnabled,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'user',
          targetId: userId,
        },
        m,
      );
    });
    user.status = status;
    return (await this.adminViews([user]))[0] as UserAdminView;
  }

  private async findUser(userId: string): Promise<User> {
    const user = await this.db.getRepository(User).findOneBy({ id: userId });
    if (!user) throw AppException.notFound();
    return user;
  }

  private async adminViews(users: User[]): Promise<UserAdminView[]> {
    if (!users.length) return [];
    const ids = users.map((u) => u.id);
    const roles = await this.db.getRepository(PlatformRoleAssignment).findBy({ userId: In(ids) });
    const orgs = (await this.db.query(
      `SELECT m.user_id, o.id, o.name, m.role FROM membership m JOIN organisation o ON o.id = m.organisation_id
        WHERE m.user_id = ANY($1) AND m.status = 'active' ORDER BY o.name`,
      [ids],
    )) as { user_id: string; id: string; name: string; role: OrgRole }[];
    return users.map((u) => ({
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      status: u.status,
      platformRoles: roles
        .filter((r) => r.userId === u.id)
        .map((r) => r.role)
        .sort(),
      county: roles.find((r) => r.userId === u.id && r.role === PlatformRole.CountyOfficial)?.county ?? null,
      organisations: orgs.filter((o) => o.user_id === u.id).map((o) => ({ id: o.id, name: o.name, role: o.role })),
      createdAt: u.createdAt.toISOString(),
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    }));
  }
}
