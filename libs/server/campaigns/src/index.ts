export * from './campaigns.module';
export { CampaignsService, reportJobId } from './campaigns.service';
