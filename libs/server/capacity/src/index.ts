export { CapacityModule } from './capacity.module';
export { CAPACITY_MIGRATIONS } from './migrations';
export const CAPACITY_ENTITIES = [];
