import { Injectable } from '@nestjs/common';
import { PlatformRole, UserStatus } from '@ztt/contracts';
import { RecipientContact, Recipients } from '@ztt/notifications';
import { EntityManager } from 'typeorm';
import { OrganisationDirectory } from './organisation-directory';
import { PeopleDirectory } from './people-directory';

/** Notifications' Recipients port, answered from identity's directories. */
@Injectable()
export class IdentityRecipients extends Recipients {
  constructor(
    private readonly organisations: OrganisationDirectory,
    private readonly people: PeopleDirectory,
  ) {
    super();
  }

  membersOf(orgId: string, m?: EntityManager): Promise<string[]> {
    return this.organisations.activeMemberIds(orgId, m);
  }

  async platformAdmins(m?: EntityManager): Promise<string[]> {
    return (await this.people.withRole(PlatformRole.Admin, {}, m)).map((p) => p.id);
  }

  async contact(userId: string): Promise<RecipientContact | null> {
    const p = await this.people.find(userId);
    return p && { id: p.id, email: p.email, displayName: p.displayName, locale: p.locale, active: p.status === UserStatus.Active };
  }
}
