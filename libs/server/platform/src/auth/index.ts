export * from './auth-context';
export * from './auth.decorators';
