import { CAPACITY_ENTITY_LIST } from './capacity.entity';

export { CapacityModule } from './capacity.module';
export { CAPACITY_MIGRATIONS } from './migrations';
export { CapacityProvider, InstrumentBooking, SharedInstrument, VerificationRun } from './capacity.entity';
export const CAPACITY_ENTITIES = CAPACITY_ENTITY_LIST;
