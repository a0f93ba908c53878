export * from './chinese';
export * from './documents';
export * from './search-answers';
export * from './search-index.service';
export * from './search.module';
export * from './search.service';
