import { MembershipStatus, VerificationStatus } from '@ztt/contracts';
import { Membership, Organisation, PlatformRoleAssignment, User } from '@ztt/identity';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS } from '../demo-data';
import { Seeder } from '../seeder';

/** Organisations of every type and a user for every role. Skips what already exists. */
export const identitySeeder: Seeder = {
  name: 'identity',
  async run({ manager, hashPassword }) {
    const orgIds = new Map<string, string>();
    let created = 0;
    for (const o of DEMO_ORGS) {
      let org = await manager.findOneBy(Organisation, { creditCode: o.creditCode });
      if (!org) {
        org = await manager.save(
          manager.create(Organisation, {
            name: o.name,
            type: o.type,
            creditCode: o.creditCode,
            region: o.region,
            industries: o.industries,
            website: o.website,
            description: o.description,
            verificationStatus: o.verified ? VerificationStatus.Verified : VerificationStatus.Pending,
            submittedAt: new Date(),
            verifiedAt: o.verified ? new Date() : null,
          }),
        );
        created++;
      }
      orgIds.set(o.key, org.id);
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const u of DEMO_USERS) {
      if (await manager.existsBy(User, { email: u.email })) continue;
      const user = await manager.save(manager.create(User, { email: u.email, displayName: u.displayName, phone: u.phone, passwordHash }));
      for (const role of u.platformRoles) await manager.insert(PlatformRoleAssignment, { userId: user.id, role });
      for (const m of u.orgs) {
        await manager.insert(Membership, {
          organisationId: orgIds.get(m.key) as string,
          userId: user.id,
          role: m.role,
          status: MembershipStatus.Active,
          decidedAt: new Date(),
        });
      }
      created++;
    }
    return created;
  },
};
