import { Global, Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Global()
@Module({ controllers: [NotificationsController], providers: [NotificationsService], exports: [NotificationsService] })
export class NotificationsModule {}

/** The worker sends notifications too, without the HTTP controller. */
@Global()
@Module({ providers: [NotificationsService], exports: [NotificationsService] })
export class NotificationsWorkerModule {}
