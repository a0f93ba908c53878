import { Notification } from './notification.entity';

export * from './notification.entity';
export * from './notifications.module';
export * from './notifications.service';
export const NOTIFICATION_ENTITIES = [Notification];
