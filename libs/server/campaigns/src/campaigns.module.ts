import { Module } from '@nestjs/common';
import { CampaignsController, DashboardController, PublicStatsController } from './campaigns.controller';
import { CampaignsProcessor } from './campaigns.processor';
import { CampaignsService } from './campaigns.service';
import { DashboardService } from './dashboard.service';
import { ReportService } from './report.service';

/** Campaigns, the dashboard and the public statistics (API). */
@Module({
  controllers: [CampaignsController, DashboardController, PublicStatsController],
  providers: [CampaignsService, DashboardService, ReportService],
  exports: [CampaignsService, DashboardService, ReportService],
})
export class CampaignsModule {}

/** The campaign scan and the quarterly report (worker). */
@Module({
  providers: [CampaignsService, DashboardService, ReportService, CampaignsProcessor],
})
export class CampaignsWorkerModule {}
