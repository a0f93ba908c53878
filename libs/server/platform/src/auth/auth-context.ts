import { OrgRole, PlatformRole } from '@ztt/contracts';

/** Who is calling, read from the database on every request (never from the token alone). */
export interface AuthContext {
  userId: string;
  sessionId: string;
  email: string;
  displayName: string;
  platformRoles: PlatformRole[];
  /** Active memberships only: organisation id → role. */
  orgRoles: Map<string, OrgRole>;
}

export function hasPlatformRole(ctx: AuthContext | undefined, role: PlatformRole): boolean {
  return !!ctx && ctx.platformRoles.includes(role);
}
