import { AUDIT_ENTITIES } from '@ztt/audit';
import { CATALOGUE_ENTITIES } from '@ztt/catalogue';
import { CHALLENGE_ENTITIES } from '@ztt/challenges';
import { DEAL_ENTITIES } from '@ztt/deals';
import { IDENTITY_ENTITIES } from '@ztt/identity';
import { MATCHING_ENTITIES } from '@ztt/matching';
import { NOTIFICATION_ENTITIES } from '@ztt/notifications';
import { OutboxEntry } from '@ztt/platform';

/**
 * Every TypeORM entity of the server, in one list: the API, the worker, the seeders, the tools and
 * the tests register the same ones. Each domain exports its own; this lib only puts them together,
 * so it is the one lib (tagged `type:composition`) that may name every domain.
 */
export const ENTITIES = [
  ...IDENTITY_ENTITIES,
  ...AUDIT_ENTITIES,
  ...NOTIFICATION_ENTITIES,
  ...CATALOGUE_ENTITIES,
  ...MATCHING_ENTITIES,
  ...CHALLENGE_ENTITIES,
  ...DEAL_ENTITIES,
  OutboxEntry,
];
