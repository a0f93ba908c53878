import { Module } from '@nestjs/common';
import { CatalogueModule, CatalogueWorkerModule } from '@ztt/catalogue';
import { CampaignsController } from './campaigns.controller';
import { CampaignsProcessor } from './campaigns.processor';
import { CampaignsService } from './campaigns.service';

/** Campaigns: quarterly collections, invitations and their progress (API). */
@Module({
  imports: [CatalogueModule],
  controllers: [CampaignsController],
  providers: [CampaignsService],
  exports: [CampaignsService],
})
export class CampaignsModule {}

/** The campaign scan: closing campaigns and reminding (worker). */
@Module({
  imports: [CatalogueWorkerModule],
  providers: [CampaignsService, CampaignsProcessor],
  exports: [CampaignsService],
})
export class CampaignsWorkerModule {}
