export { FinanceModule } from './finance.module';
export { FINANCE_MIGRATIONS } from './migrations';
export const FINANCE_ENTITIES = [];
