import { IdentityAndAudit1764400000000 } from './1764400000000-identity-and-audit';
import { AccountDeletion1765400000000 } from './1765400000000-account-deletion';
import { CommissionerRole1766200000000 } from './1766200000000-commissioner-role';
import { CountyOfficialRole1766300000000 } from './1766300000000-county-official-role';
import { OrganisationTown1766300002000 } from './1766300002000-organisation-town';
import { OrganisationCredentials1766500000050 } from './1766500000050-organisation-credentials';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). */
export const IDENTITY_MIGRATIONS = [
  IdentityAndAudit1764400000000,
  AccountDeletion1765400000000,
  CommissionerRole1766200000000,
  CountyOfficialRole1766300000000,
  OrganisationTown1766300002000,
  OrganisationCredentials1766500000050,
];
