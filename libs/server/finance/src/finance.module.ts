import { Module } from '@nestjs/common';
import { CatalogueModule } from '@ztt/catalogue';
import { DealsModule } from '@ztt/deals';
import { FINANCE_EXTRAS_CONTROLLERS, FINANCE_EXTRAS_PROVIDERS } from './finance-extras';
import { FinancingRequestsService } from './financing-requests.service';
import { FinanceProfilesController, FinancingRequestsController } from './finance.controller';
import { FinanceService } from './finance.service';

/** 科技金融 (financing requests, investor and bank profiles, financing matches, policy referrals, roadshows). */
@Module({
  imports: [CatalogueModule, DealsModule],
  controllers: [FinancingRequestsController, FinanceProfilesController, ...FINANCE_EXTRAS_CONTROLLERS],
  providers: [...FINANCE_EXTRAS_PROVIDERS, FinancingRequestsService, FinanceService],
  exports: [FinancingRequestsService, FinanceService],
})
export class FinanceModule {}
