import { KpiRegister1766000000000 } from './1766000000000-kpi-register';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). Its first tables came with the campaigns migration. */
export const READ_MODEL_MIGRATIONS = [KpiRegister1766000000000];
