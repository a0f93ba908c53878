export * from './outbox';
export * from './flows';
export * from './outbox-relay';
