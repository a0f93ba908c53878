import { Partners1765900000000 } from './1765900000000-partners';
import { PartnerWebhooks1765910000000 } from './1765910000000-partner-webhooks';
import { PartnerWebhookVersions1765920000000 } from './1765920000000-partner-webhook-versions';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). */
export const PARTNER_MIGRATIONS = [Partners1765900000000, PartnerWebhooks1765910000000, PartnerWebhookVersions1765920000000];
