export { PartnersModule, PartnersWorkerModule } from './partners.module';
export type { PartnerWebhookPayload } from './partner-webhooks.processor';
export { PARTNER_ENTITIES } from './partner-key.entity';
export { PARTNER_MIGRATIONS } from './migrations';
export { PARTNER_KEY_BEARER_SCHEME, PARTNER_KEY_HEADER_SCHEME } from './partner-auth';
