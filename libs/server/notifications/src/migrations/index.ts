import { NotificationChannels1764600000000 } from './1764600000000-notification-channels';
import { DeliveryClaims1765700000000 } from './1765700000000-delivery-claims';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). */
export const NOTIFICATION_MIGRATIONS = [NotificationChannels1764600000000, DeliveryClaims1765700000000];
