export { CommissionersModule } from './commissioners.module';
export { COMMISSIONER_ENTITIES } from './commissioner.entity';
export { COMMISSIONER_MIGRATIONS } from './migrations';
