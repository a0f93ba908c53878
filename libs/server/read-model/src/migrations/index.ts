import { KpiRegister1766000000000 } from './1766000000000-kpi-register';
import { CountyNeedList1766300001000 } from './1766300001000-county-need-list';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). Its first tables came with the campaigns migration. */
export const READ_MODEL_MIGRATIONS = [KpiRegister1766000000000, CountyNeedList1766300001000];
