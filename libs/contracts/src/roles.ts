/** Platform-wide roles, granted by a platform admin (docs/domain.md: actors). */
export enum PlatformRole {
  Admin = 'admin',
  Broker = 'broker',
  Reviewer = 'reviewer',
  /** 科技特派员: logs services in the counties assigned to them */
  Commissioner = 'commissioner',
  /** 县区科技管理人员: reads one county's items, deals and reach, writes its yearly need list */
  CountyOfficial = 'county_official',
}
export const PLATFORM_ROLES: readonly PlatformRole[] = Object.values(PlatformRole);

/** A person's role inside one organisation. */
export enum OrgRole {
  Member = 'member',
  Admin = 'admin',
}

export enum MembershipStatus {
  Pending = 'pending',
  Active = 'active',
  Rejected = 'rejected',
}

/** Verification lifecycle of an organisation: unverified → pending → verified | rejected → pending … */
export enum VerificationStatus {
  Unverified = 'unverified',
  Pending = 'pending',
  Verified = 'verified',
  Rejected = 'rejected',
}

export enum UserStatus {
  Active = 'active',
  Disabled = 'disabled',
  /** Deleted by its owner (PIPL): anonymised, can never sign in again. */
  Deleted = 'deleted',
}
