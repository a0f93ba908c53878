import { AuthSession, LoginAttempt, RefreshToken } from './auth-session.entity';
import { Membership, Organisation } from './organisation.entity';
import { PlatformRoleAssignment } from './platform-role-assignment.entity';
import { User } from './user.entity';

export { AuthSession, LoginAttempt, Membership, Organisation, PlatformRoleAssignment, RefreshToken, User };
export const IDENTITY_ENTITIES = [User, PlatformRoleAssignment, AuthSession, RefreshToken, LoginAttempt, Organisation, Membership];
