import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, AuthTokens, ErrorCode, OrgRole, PlatformRole, UserStatus } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { APP_CONFIG, AppConfig, AppException, AuthContext } from '@ztt/platform';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuthSession, RefreshToken, User } from '../entities';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { newOpaqueToken, normaliseEmail, sha256 } from './token.util';

export interface JwtPayload {
  sub: string;
  sid: string;
}

export interface ClientInfo {
  clientAddress: string | null;
  userAgent: string | null;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  async register(input: { email: string; password: string; displayName: string }, client: ClientInfo): Promise<AuthTokens> {
    const email = normaliseEmail(input.email);
    this.passwords.assertAcceptable(input.password);
    const passwordHash = await this.passwords.hash(input.password);
    return this.db.transaction(async (m) => {
      const taken = await m.getRepository(User).createQueryBuilder('u').where('lower(u.email) = :email', { email }).getExists();
      if (taken) throw AppException.conflict(ErrorCode.EmailTaken);
      const user = await m.getRepository(User).save(m.getRepository(User).create({ email, passwordHash, displayName: input.displayName.trim() }));
      await this.audit.record({ action: AuditAction.Register, actorId: user.id, actorEmail: email, targetType: 'user', targetId: user.id }, m);
      return this.startSession(m, user, client);
    });
  }

  /** Passport's local strategy calls this: throttle, check, record, audit. Unknown users look exactly like wrong passwords. */
  async checkCredentials(rawEmail: string, password: string, client: ClientInfo): Promise<User> {
    const email = normaliseEmail(rawEmail);
    await this.throttle.assertAllowed(email, client.clientAddress);
    const user = await this.db.getRepository(User).createQueryBuilder('u').where('lower(u.email) = :email', { email }).getOne();
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    const usable = ok && user?.status === UserStatus.Active;
    await this.throttle.recordAttempt(email, client.clientAddress, usable);
    if (!usable || !user) {
      await this.audit.record({
        action: AuditAction.LoginFailed,
        result: 'failed',
        actorId: user?.id ?? null,
        actorEmail: email,
        detail: { reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled' },
      });
      throw new AppException(ErrorCode.InvalidCredentials, HttpStatus.UNAUTHORIZED);
    }
    return user;
  }

  async login(user: User, client: ClientInfo): Promise<AuthTokens> {
    return this.db.transaction(async (m) => {
      await m.update(User, { id: user.id }, { lastLoginAt: () => 'now()' });
      await this.audit.record({ action: AuditAction.LoginOk, actorId: user.id, actorEmail: user.email, targetType: 'user', targetId: user.id }, m);
      return this.startSession(m, user, client);
    });
  }

  /**
   * Rotates a refresh token. A token used twice means it was stolen or replayed: the whole
   * family (the session) is revoked, so neither holder can go on.
   */
  async refresh(token: string): Promise<AuthTokens> {
    const tokenHash = sha256(token);
    const outcome = await this.db.transaction(async (m) => {
      const row = await m.getRepository(RefreshToken).createQueryBuilder('t').setLock('pessimistic_write').where('t.token_hash = :tokenHash', { tokenHash }).getOne();
      if (!row) return { error: 'unknown' as const };
      const session = await m.getRepository(AuthSession).findOneBy({ id: row.sessionId });
      const user = session ? await m.getRepository(User).findOneBy({ id: session.userId }) : null;
      if (!session || !user || session.revokedAt || session.expiresAt <= new Date() || user.status !== UserStatus.Active) {
        return { error: 'revoked' as const };
      }
      if (row.usedAt) {
        await this.revokeSession(m, session.id, 'refresh_token_reuse');
        await this.audit.record({ action: AuditAction.RefreshReuse, result: 'denied', actorId: user.id, actorEmail: user.email, targetType: 'session', targetId: session.id }, m);
        return { error: 'reuse' as const };
      }
      if (row.expiresAt <= new Date()) return { error: 'expired' as const };
      await m.update(RefreshToken, { id: row.id }, { usedAt: () => 'now()' });
      return { tokens: await this.issueTokens(m, user.id, session.id) };
    });
    if ('error' in outcome) throw new AppException(ErrorCode.Unauthenticated, HttpStatus.UNAUTHORIZED);
    return outcome.tokens;
  }

  async logout(ctx: AuthContext): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.revokeSession(m, ctx.sessionId, 'logout');
      await this.audit.record({ action: AuditAction.Logout, actorId: ctx.userId, actorEmail: ctx.email, targetType: 'session', targetId: ctx.sessionId }, m);
    });
  }

  /** Ends every session of a user at once (password change, disabled account). */
  async revokeAllSessions(m: EntityManager, userId: string, reason: string): Promise<void> {
    await m.update(AuthSession, { userId, revokedAt: IsNull() }, { revokedAt: () => 'now()', revokedReason: reason });
  }

  async startSession(m: EntityManager, user: User, client: ClientInfo): Promise<AuthTokens> {
    const session = await m.getRepository(AuthSession).save(
      m.getRepository(AuthSession).create({
        userId: user.id,
        expiresAt: new Date(Date.now() + this.config.auth.refreshTtlDays * 86_400_000),
        userAgent: client.userAgent?.slice(0, 300) ?? null,
        clientAddress: client.clientAddress,
      }),
    );
    return this.issueTokens(m, user.id, session.id);
  }

  /** Who is calling: session alive, user active, roles and memberships as they are now. */
  async loadContext(payload: JwtPayload): Promise<AuthContext | null> {
    const rows = (await this.db.query(
      `SELECT u.id, u.email, u.display_name,
              coalesce((SELECT array_agg(r.role) FROM platform_role_assignment r WHERE r.user_id = u.id), '{}') AS roles,
              coalesce((SELECT json_agg(json_build_array(m.organisation_id, m.role)) FROM membership m
                         WHERE m.user_id = u.id AND m.status = 'active'), '[]') AS orgs
         FROM auth_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.status = 'active'`,
      [payload.sid, payload.sub],
    )) as { id: string; email: string; display_name: string; roles: PlatformRole[]; orgs: [string, OrgRole][] }[];
    const row = rows[0];
    if (!row) return null;
    return {
      userId: row.id,
      sessionId: payload.sid,
      email: row.email,
      displayName: row.display_name,
      platformRoles: row.roles,
      orgRoles: new Map(row.orgs),
    };
  }

  private async revokeSession(m: EntityManager, sessionId: string, reason: string): Promise<void> {
    await m.update(AuthSession, { id: sessionId, revokedAt: IsNull() }, { revokedAt: () => 'now()', revokedReason: reason });
  }

  private async issueTokens(m: EntityManager, userId: string, sessionId: string): Promise<AuthTokens> {
    const refreshToken = newOpaqueToken();
    await m.insert(RefreshToken, {
      sessionId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.config.auth.refreshTtlDays * 86_400_000),
    });
    const payload: JwtPayload = { sub: userId, sid: sessionId };
    const accessToken = await this.jwt.signAsync(payload);
    return { accessToken, refreshToken, expiresIn: this.config.auth.accessTtlSeconds };
  }
}
