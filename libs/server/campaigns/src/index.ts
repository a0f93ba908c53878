export * from './campaigns.module';
export { CampaignsService, reportJobId } from './campaigns.service';
export { DashboardService, rate } from './dashboard.service';
export { ReportService, renderPdf } from './report.service';
