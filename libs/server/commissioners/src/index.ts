export { CommissionersModule } from './commissioners.module';
export { COMMISSIONER_ENTITIES } from './commissioner.entity';
export { COMMISSIONER_MIGRATIONS } from './migrations';
export { Commissioner, CommissionerAssignment, ServiceFile, ServiceLog, ServicePlanItem } from './commissioner.entity';
