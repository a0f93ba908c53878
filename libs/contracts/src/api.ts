import { MembershipStatus, OrgRole, PlatformRole, UserStatus, VerificationStatus } from './roles';

/** Response shapes shared by the web app and the API. Dates travel as ISO-8601 strings. */
/**
 * What a browser gets from login, register, refresh and a password change: the refresh token
 * travels only in the HttpOnly cookie (docs/security.md #28), never in JSON.
 */
export interface AccessToken {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

/** What a client that is not a browser gets: the refresh token in the body as well, to send back in POST /api/auth/refresh. */
export interface AuthTokens extends AccessToken {
  refreshToken: string;
}

export interface MembershipView {
  organisationId: string;
  organisationName: string;
  organisationType: string;
  verificationStatus: VerificationStatus;
  role: OrgRole;
  status: MembershipStatus;
}

export interface MeView {
  id: string;
  email: string;
  displayName: string;
  phone: string | null;
  locale: string;
  platformRoles: PlatformRole[];
  memberships: MembershipView[];
  createdAt: string;
}

export interface OrganisationView {
  id: string;
  name: string;
  type: string;
  creditCode: string;
  region: string;
  /** 乡镇/街道 (optional free text) */
  town?: string | null;
  industries: string[];
  /** 高新技术企业 / 科技型中小企业 (ORG_CREDENTIALS), checked with the verification */
  credentials?: string[];
  website: string | null;
  description: string;
  verificationStatus: VerificationStatus;
  rejectionReason: string | null;
  submittedAt: string | null;
  verifiedAt: string | null;
  createdAt: string;
  version: number;
  /** The caller's own membership, when there is one. */
  myRole: OrgRole | null;
  myMembershipStatus: MembershipStatus | null;
}

/** What anyone may see of an organisation. */
export interface OrganisationPublicView {
  id: string;
  name: string;
  type: string;
  region: string;
  industries: string[];
  verificationStatus: VerificationStatus;
}

export interface MemberView {
  userId: string;
  displayName: string;
  email: string;
  role: OrgRole;
  status: MembershipStatus;
  joinedAt: string;
}

export interface UserAdminView {
  id: string;
  email: string;
  displayName: string;
  status: UserStatus;
  platformRoles: PlatformRole[];
  /** The county (region code) a county official is scoped to; null without that role. */
  county?: string | null;
  organisations: { id: string; name: string; role: OrgRole }[];
  createdAt: string;
  lastLoginAt: string | null;
}

export interface AuditEntryView {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  result: AuditResult;
  clientAddress: string | null;
  detail: Record<string, unknown> | null;
}

export type AuditResult = 'ok' | 'failed' | 'denied';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const MAX_PAGE_SIZE = 100;

export interface HealthReport {
  status: 'up' | 'down';
  services: Record<'postgres' | 'redis' | 'meilisearch', 'up' | 'down'>;
}
