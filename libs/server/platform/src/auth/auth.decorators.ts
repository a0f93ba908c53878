import { createParamDecorator, ExecutionContext, SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { PlatformRole } from '@ztt/contracts';
import type { FastifyRequest } from 'fastify';
import { AuthContext } from './auth-context';

export const IS_PUBLIC = 'ztt:public';
export const REQUIRED_ROLES = 'ztt:required-roles';

/** Anyone may call this route; a valid token, when sent, still identifies the caller. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Only callers holding one of these platform roles; the roles are read from the database. */
export const RequireRoles = (...roles: PlatformRole[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: '未登录 / not signed in' }),
    ApiForbiddenResponse({ description: '无权限 / missing platform role' }),
  );

/** Signed-in callers only (the default for every route that is not @Public). */
export const Authenticated = (): MethodDecorator & ClassDecorator => applyDecorators(ApiBearerAuth(), ApiUnauthorizedResponse({ description: '未登录 / not signed in' }));

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext | undefined => {
  return ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthContext }>().user;
});

export const ClientAddress = createParamDecorator((_: unknown, ctx: ExecutionContext): string | null => {
  return ctx.switchToHttp().getRequest<FastifyRequest>().ip ?? null;
});
