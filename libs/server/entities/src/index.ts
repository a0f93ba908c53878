import { AUDIT_ENTITIES } from '@ztt/audit';
import { CAMPAIGN_MIGRATIONS } from '@ztt/campaigns';
import { CATALOGUE_ENTITIES, CATALOGUE_MIGRATIONS } from '@ztt/catalogue';
import { CHALLENGE_ENTITIES, CHALLENGE_MIGRATIONS } from '@ztt/challenges';
import { COMMISSIONER_ENTITIES, COMMISSIONER_MIGRATIONS } from '@ztt/commissioners';
import { DEAL_ENTITIES, DEAL_MIGRATIONS } from '@ztt/deals';
import { CAPACITY_ENTITIES, CAPACITY_MIGRATIONS } from '@ztt/capacity';
import { EXPERT_ENTITIES, EXPERT_MIGRATIONS } from '@ztt/experts';
import { FINANCE_ENTITIES, FINANCE_MIGRATIONS } from '@ztt/finance';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS } from '@ztt/identity';
import { MATCHING_ENTITIES, MATCHING_MIGRATIONS } from '@ztt/matching';
import { NOTIFICATION_ENTITIES, NOTIFICATION_MIGRATIONS } from '@ztt/notifications';
import { PARTNER_ENTITIES, PARTNER_MIGRATIONS } from '@ztt/partners';
import { READ_MODEL_MIGRATIONS } from '@ztt/read-model';
import { MigrationList, OutboxEntry } from '@ztt/platform';

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
  ...PARTNER_ENTITIES,
  ...COMMISSIONER_ENTITIES,
  ...EXPERT_ENTITIES,
  ...FINANCE_ENTITIES,
  ...CAPACITY_ENTITIES,
  OutboxEntry,
];

/** A migration's place in time: the 13-digit timestamp its class name ends with (TypeORM's rule). */
function timestampOf(m: MigrationList[number]): number {
  const t = /(\d{13})$/.exec(m.name);
  if (!t) throw new Error(`migration ${m.name} does not end with a 13-digit timestamp`);
  return Number(t[1]);
}

/**
 * Every domain's migrations (each lives in its domain's src/migrations), in timestamp order: what
 * `npm run migrate`, the test harness and the production image apply.
 */
export const MIGRATIONS: MigrationList = [
  ...IDENTITY_MIGRATIONS,
  ...NOTIFICATION_MIGRATIONS,
  ...CATALOGUE_MIGRATIONS,
  ...MATCHING_MIGRATIONS,
  ...CHALLENGE_MIGRATIONS,
  ...DEAL_MIGRATIONS,
  ...CAMPAIGN_MIGRATIONS,
  ...PARTNER_MIGRATIONS,
  ...COMMISSIONER_MIGRATIONS,
  ...EXPERT_MIGRATIONS,
  ...FINANCE_MIGRATIONS,
  ...CAPACITY_MIGRATIONS,
  ...READ_MODEL_MIGRATIONS,
].sort((a, b) => timestampOf(a) - timestampOf(b));
