import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AUDIT_ENTITIES, AuditModule } from '@ztt/audit';
import { CHALLENGE_ENTITIES } from '@ztt/challenges';
import { DEAL_ENTITIES, DealsWorkerModule } from '@ztt/deals';
import { CampaignsWorkerModule } from '@ztt/campaigns';
import { CATALOGUE_ENTITIES, CatalogueWorkerModule } from '@ztt/catalogue';
import { IDENTITY_ENTITIES, IdentityWorkerModule } from '@ztt/identity';
import { MATCHING_ENTITIES, MatchingWorkerModule } from '@ztt/matching';
import { NOTIFICATION_ENTITIES, NotificationsWorkerModule } from '@ztt/notifications';
import { AppConfig, FlowRegistry, HealthService, OutboxEntry, OutboxRelay, PlatformModule, WorkerHost } from '@ztt/platform';
import { SearchWorkerModule } from '@ztt/search';
import { SchedulesService } from './schedules.service';

export const ENTITIES = [...IDENTITY_ENTITIES, ...AUDIT_ENTITIES, ...NOTIFICATION_ENTITIES, ...CATALOGUE_ENTITIES, ...MATCHING_ENTITIES, ...CHALLENGE_ENTITIES, ...DEAL_ENTITIES, OutboxEntry];

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot(config, ENTITIES),
        DiscoveryModule,
        AuditModule,
        NotificationsWorkerModule,
        IdentityWorkerModule,
        CatalogueWorkerModule,
        SearchWorkerModule,
        MatchingWorkerModule,
        DealsWorkerModule,
        CampaignsWorkerModule,
      ],
      // HealthService: the probes behind the worker's /health/ready (health.ts).
      // OutboxRelay hands outbox rows to each domain's @OnOutbox handlers (FlowRegistry finds them).
      providers: [WorkerHost, SchedulesService, HealthService, FlowRegistry, OutboxRelay],
    };
  }
}
