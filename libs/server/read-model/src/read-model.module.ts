import { Module } from '@nestjs/common';
import { CampaignsModule, CampaignsWorkerModule } from '@ztt/campaigns';
import { DealsModule } from '@ztt/deals';
import { IdentityModule } from '@ztt/identity';
import { BrokerDirectoryController } from './brokers/broker-directory.controller';
import { BrokerDirectoryService } from './brokers/broker-directory.service';
import { AdminDealReportsController, DealReportsController } from './deal-reports/deal-reports.controller';
import { DealReportsService } from './deal-reports/deal-reports.service';
import { CommissionerFiguresController } from './dashboard/commissioner-figures.controller';
import { CapacityFiguresController } from './dashboard/capacity-figures.controller';
import { FinancingFiguresController } from './dashboard/financing-figures.controller';
import { CountyOfficialController, PublicCountyController } from './counties/county.controller';
import { CountyService } from './counties/county.service';
import { DashboardController, PublicStatsController } from './dashboard/dashboard.controller';
import { DashboardService } from './dashboard/dashboard.service';
import { HomeController } from './home/home.controller';
import { KpiController } from './kpis/kpi.controller';
import { KpiService } from './kpis/kpi.service';
import { HomeService } from './home/home.service';
import { ReportService } from './dashboard/report.service';
import { ReportsProcessor } from './dashboard/reports.processor';
import { PersonalDataController } from './personal-data/personal-data.controller';
import { PersonalDataService } from './personal-data/personal-data.service';

/**
 * The read model: the readers that cross domains by a declared rule (docs/architecture.md, "Owned
 * data"): the bureau's dashboard and quarterly reports, the deal desk's reports, the public home page, and a
 * person's data (export and erasure, ADR 0005). It owns contract_value_target, quarterly_report and the KPI register's tables (kpi_*).
 */
@Module({
  imports: [IdentityModule, CampaignsModule, DealsModule],
  controllers: [
    DashboardController,
    PublicStatsController,
    HomeController,
    DealReportsController,
    AdminDealReportsController,
    PersonalDataController,
    KpiController,
    BrokerDirectoryController,
    CommissionerFiguresController,
    CapacityFiguresController,
    FinancingFiguresController,
    CountyOfficialController,
    PublicCountyController,
  ],
  providers: [DashboardService, ReportService, DealReportsService, PersonalDataService, HomeService, KpiService, BrokerDirectoryService, CountyService],
  // The public pages (apps/api) show the public statistics.
  exports: [DashboardService],
})
export class ReadModelModule {}

/** The worker's part: the quarterly report. */
@Module({
  imports: [CampaignsWorkerModule],
  providers: [DashboardService, ReportService, ReportsProcessor, KpiService],
})
export class ReadModelWorkerModule {}
