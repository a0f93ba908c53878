import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AUDIT_ENTITIES, AuditModule } from '@ztt/audit';
import { IDENTITY_ENTITIES, IdentityWorkerModule } from '@ztt/identity';
import { AppConfig, PlatformModule, WorkerHost } from '@ztt/platform';
import { SchedulesService } from './schedules.service';

export const ENTITIES = [...IDENTITY_ENTITIES, ...AUDIT_ENTITIES];

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot(config, ENTITIES), DiscoveryModule, AuditModule, IdentityWorkerModule],
      providers: [WorkerHost, SchedulesService],
    };
  }
}
