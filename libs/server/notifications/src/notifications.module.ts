import { Global, Module } from '@nestjs/common';
import { NotificationDeliveryProcessor } from './delivery/delivery.processor';
import { MailAttachments } from './delivery/mail-attachments';
import { MailService } from './delivery/mail.service';
import { NotificationSettingsController } from './notification-settings.controller';
import { NotificationSettingsService } from './notification-settings.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { DeliveryQueue } from './delivery/delivery-queue';

@Global()
@Module({
  controllers: [NotificationsController, NotificationSettingsController],
  providers: [NotificationsService, NotificationSettingsService, MailAttachments],
  exports: [NotificationsService, MailAttachments],
})
export class NotificationsModule {}

/** The worker sends notifications too, without the HTTP controllers, and delivers them by email and webhook. */
@Global()
@Module({ providers: [NotificationsService, MailService, MailAttachments, NotificationDeliveryProcessor, DeliveryQueue], exports: [NotificationsService, MailAttachments] })
export class NotificationsWorkerModule {}
