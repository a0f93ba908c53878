import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '@ztt/audit';
import { DealsWorkerModule } from '@ztt/deals';
import { CampaignsWorkerModule } from '@ztt/campaigns';
import { CatalogueWorkerModule } from '@ztt/catalogue';
import { ENTITIES } from '@ztt/entities';
import { IdentityDirectoryModule, IdentityWorkerModule } from '@ztt/identity';
import { MatchingWorkerModule } from '@ztt/matching';
import { NotificationsWorkerModule } from '@ztt/notifications';
import { PartnersWorkerModule } from '@ztt/partners';
import { AppConfig, FlowRegistry, HealthService, OutboxRelay, PlatformModule, WorkerHost } from '@ztt/platform';
import { ReadModelWorkerModule } from '@ztt/read-model';
import { SearchWorkerModule } from '@ztt/search';
import { SchedulesService } from './schedules.service';

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
        IdentityDirectoryModule,
        CatalogueWorkerModule,
        SearchWorkerModule,
        MatchingWorkerModule,
        DealsWorkerModule,
        CampaignsWorkerModule,
        ReadModelWorkerModule,
        PartnersWorkerModule,
      ],
      // HealthService: the probes behind the worker's /health/ready (health.ts).
      // OutboxRelay hands outbox rows to each domain's @OnOutbox handlers (FlowRegistry finds them).
      providers: [WorkerHost, SchedulesService, HealthService, FlowRegistry, OutboxRelay],
    };
  }
}
