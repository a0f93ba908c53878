export * from './deal.entity';
export * from './deals.module';
export * from './deals.service';
export { taskReminderJobId } from './deal-work.service';
export { DEAL_MIGRATIONS } from './migrations';
export * from './contract-schedule-item.entity';
export * from './contract-payment.entity';
export * from './deal-approval.entity';
