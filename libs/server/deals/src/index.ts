export * from './deal.entity';
export * from './deals.module';
export * from './deals.service';
export { taskReminderJobId } from './deal-work.service';
export { DEAL_MIGRATIONS } from './migrations';
