import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AUDIT_ENTITIES, AuditModule } from '@ztt/audit';
import { CHALLENGE_ENTITIES, ChallengesModule } from '@ztt/challenges';
import { DEAL_ENTITIES, DealsModule } from '@ztt/deals';
import { CampaignsModule } from '@ztt/campaigns';
import { CATALOGUE_ENTITIES, CatalogueModule } from '@ztt/catalogue';
import { IDENTITY_ENTITIES, IdentityModule } from '@ztt/identity';
import { MATCHING_ENTITIES, MatchingModule } from '@ztt/matching';
import { NOTIFICATION_ENTITIES, NotificationsModule } from '@ztt/notifications';
import { AllExceptionsFilter, AppConfig, HealthModule, OutboxEntry, PlatformModule } from '@ztt/platform';
import { PrivacyModule } from '@ztt/privacy';
import { SearchModule } from '@ztt/search';

/** Every entity the apps map; the domain libs each export their own list. */
export const ENTITIES = [...IDENTITY_ENTITIES, ...AUDIT_ENTITIES, ...NOTIFICATION_ENTITIES, ...CATALOGUE_ENTITIES, ...MATCHING_ENTITIES, ...CHALLENGE_ENTITIES, ...DEAL_ENTITIES, OutboxEntry];

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlatformModule.forRoot(config, ENTITIES), AuditModule, NotificationsModule, IdentityModule, CatalogueModule, SearchModule, MatchingModule, ChallengesModule, DealsModule, CampaignsModule, PrivacyModule, HealthModule],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
