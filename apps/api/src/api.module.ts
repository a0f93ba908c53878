import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuditModule } from '@ztt/audit';
import { ChallengesModule } from '@ztt/challenges';
import { CommissionersModule } from '@ztt/commissioners';
import { DealsModule } from '@ztt/deals';
import { ExpertsModule } from '@ztt/experts';
import { FinanceModule } from '@ztt/finance';
import { CapacityModule } from '@ztt/capacity';
import { CampaignsModule } from '@ztt/campaigns';
import { CatalogueModule } from '@ztt/catalogue';
import { ENTITIES } from '@ztt/entities';
import { IdentityDirectoryModule, IdentityModule } from '@ztt/identity';
import { MatchingModule } from '@ztt/matching';
import { NotificationsModule } from '@ztt/notifications';
import { PartnersModule } from '@ztt/partners';
import { AllExceptionsFilter, AppConfig, HealthModule, PlatformModule } from '@ztt/platform';
import { ReadModelModule } from '@ztt/read-model';
import { SearchModule } from '@ztt/search';
import { PublicPagesModule } from './public-pages/public-pages.module';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot(config, ENTITIES),
        AuditModule,
        NotificationsModule,
        IdentityModule,
        IdentityDirectoryModule,
        CatalogueModule,
        SearchModule,
        MatchingModule,
        ChallengesModule,
        DealsModule,
        CampaignsModule,
        ReadModelModule,
        PartnersModule,
        CommissionersModule,
        ExpertsModule,
        FinanceModule,
        CapacityModule,
        HealthModule,
        PublicPagesModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
