export * from './data-source';
export * from './database.module';
export * from './snake-naming.strategy';
export * from './db-errors';
export * from './change-order';
export * from './like-pattern';
