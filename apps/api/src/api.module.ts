import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AUDIT_ENTITIES, AuditModule } from '@ztt/audit';
import { IDENTITY_ENTITIES, IdentityModule } from '@ztt/identity';
import { AllExceptionsFilter, AppConfig, HealthModule, PlatformModule } from '@ztt/platform';

/** Every entity the apps map; the domain libs each export their own list. */
export const ENTITIES = [...IDENTITY_ENTITIES, ...AUDIT_ENTITIES];

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlatformModule.forRoot(config, ENTITIES), AuditModule, IdentityModule, HealthModule],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
