import { NotificationDelivery, NotificationPreference } from './delivery/delivery.entities';
import { Notification } from './notification.entity';

export * from './delivery/address-policy';
export * from './delivery/delivery.entities';
export * from './delivery/mail-attachments';
export { postWebhook } from './delivery/webhook-sender';
export { checkWebhookUrl } from './delivery/webhook-url';
export type { WebhookUrlCheck } from './delivery/webhook-url';
export * from './notification.entity';
export * from './notifications.module';
export * from './notifications.service';
export const NOTIFICATION_ENTITIES = [Notification, NotificationPreference, NotificationDelivery];
export * from './recipients';
export { NOTIFICATION_MIGRATIONS } from './migrations';
