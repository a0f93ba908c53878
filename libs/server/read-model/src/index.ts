export * from './read-model.module';
export { DashboardService, rate } from './dashboard/dashboard.service';
export { KpiService } from './kpis/kpi.service';
export { READ_MODEL_MIGRATIONS } from './migrations';
export { renderPdf, ReportService } from './dashboard/report.service';
export { DealReportsService, sheetValues } from './deal-reports/deal-reports.service';
export { PersonalDataService } from './personal-data/personal-data.service';
