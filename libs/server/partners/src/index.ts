export { PartnersModule } from './partners.module';
export { PARTNER_ENTITIES } from './partner-key.entity';
export { PARTNER_MIGRATIONS } from './migrations';
export { PARTNER_KEY_BEARER_SCHEME, PARTNER_KEY_HEADER_SCHEME } from './partner-auth';
