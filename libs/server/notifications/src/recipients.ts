import { EntityManager } from 'typeorm';

/** How a notification reaches a person: their address, name, language and whether the account is active. */
export interface RecipientContact {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  active: boolean;
}

/**
 * The people notifications are sent to, as notifications needs them. Identity owns people and
 * organisations and depends on notifications, so notifications declares this port and identity
 * provides it (IdentityDirectoryModule): notifications never reads identity's tables.
 */
export abstract class Recipients {
  /** Active members of an organisation. */
  abstract membersOf(orgId: string, m?: EntityManager): Promise<string[]>;
  /** Active platform admins. */
  abstract platformAdmins(m?: EntityManager): Promise<string[]>;
  abstract contact(userId: string): Promise<RecipientContact | null>;
}
