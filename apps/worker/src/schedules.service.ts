import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig, JobName, QueueService } from '@ztt/platform';

/**
 * Recurring jobs are BullMQ job schedulers kept in Redis, not per-process timers: however many
 * workers run, each occurrence is queued once. Upserting at boot keeps them in step with config.
 */
@Injectable()
export class SchedulesService implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { maintenanceCron, expireCron, timezone, outboxRelayMs, reconcileMs, quarterlyCron } = this.config.jobs;
    await this.queues.schedule('purge-expired-auth', JobName.PurgeExpiredAuth, { pattern: maintenanceCron, tz: timezone });
    await this.queues.schedule('expire-needs', JobName.ExpireNeeds, { pattern: expireCron, tz: timezone });
    await this.queues.schedule('relay-outbox', JobName.RelayOutbox, { every: outboxRelayMs });
    await this.queues.schedule('reconcile-index', JobName.ReconcileIndex, { every: reconcileMs });
    await this.queues.schedule('sweep-deliveries', JobName.SweepDeliveries, { every: reconcileMs });
    await this.queues.schedule('quarterly-match-run', JobName.QuarterlyRun, { pattern: quarterlyCron, tz: timezone });
  }
}
