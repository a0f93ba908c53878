import { ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AuditAction, ErrorCode, PlatformRole } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { AppException, AuthContext, IS_PUBLIC, REQUIRED_ROLES, currentRequest } from '@ztt/platform';

/**
 * The one global guard: every route needs a valid access token unless it is @Public, and
 * routes marked @RequireRoles need one of those platform roles (read from the database).
 */
@Injectable()
export class GlobalAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const req = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthContext }>();
    if (isPublic) {
      // A public route still knows who is calling when a valid token comes along.
      if (req.headers.authorization) await (super.canActivate(context) as Promise<boolean>).catch(() => false);
      return true;
    }
    await (super.canActivate(context) as Promise<boolean>);
    const user = req.user as AuthContext;
    const ctx = currentRequest();
    if (ctx) ctx.userId = user.userId;

    const roles = this.reflector.getAllAndOverride<PlatformRole[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !roles.some((r) => user.platformRoles.includes(r))) {
      await this.audit.record({
        action: AuditAction.AccessDenied,
        result: 'denied',
        actorId: user.userId,
        actorEmail: user.email,
        targetType: 'route',
        targetId: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`,
        detail: { required: roles },
      });
      throw AppException.forbidden();
    }
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    // A bad token reaches here as "no user"; an error is a fault of ours (say, the database) and stays one.
    if (err) throw err;
    if (!user) throw new AppException(ErrorCode.Unauthenticated, HttpStatus.UNAUTHORIZED);
    return user;
  }
}

/** Passport local for POST /auth/login; the body's shape is checked first so bad input gets a 400. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body = context.switchToHttp().getRequest<FastifyRequest>().body as Record<string, unknown> | undefined;
    const problems = [];
    for (const field of ['email', 'password']) {
      const v = body?.[field];
      if (typeof v !== 'string' || v.length === 0) problems.push({ field, code: 'isNotEmpty' });
      else if (v.length > 1024) problems.push({ field, code: 'maxLength', params: { max: 1024 } });
    }
    const extra = Object.keys(body ?? {}).filter((k) => k !== 'email' && k !== 'password');
    for (const field of extra) problems.push({ field, code: 'whitelistValidation' });
    if (problems.length) throw AppException.validation(problems);
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw new AppException(ErrorCode.InvalidCredentials, HttpStatus.UNAUTHORIZED);
    return user;
  }
}
