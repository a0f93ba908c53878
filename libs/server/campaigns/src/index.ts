export * from './campaigns.module';
export { CampaignsService, reportJobId } from './campaigns.service';
export { CAMPAIGN_MIGRATIONS } from './migrations';
