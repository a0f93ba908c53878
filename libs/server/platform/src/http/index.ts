export * from './all-exceptions.filter';
export * from './app-exception';
export * from './error-body';
export * from './logging';
export * from './request-context';
export * from './validation';
export * from './paging';
export * from './public-read-cache';
