export * from './job-handler.decorator';
export * from './job-names';
export * from './queue.module';
export * from './queue.service';
export * from './redis-connection';
export * from './worker-host';
