export * from './catalogue.module';
export * from './catalogue.service';
export * from './entities/catalogue-item.entity';
export * from './kinds';
export { CatalogueReader } from './catalogue-reader';
export type { ItemCard, ItemFilters, MatchingRow, ServiceInventionCard } from './catalogue-reader';
export { CATALOGUE_MIGRATIONS } from './migrations';
export { DisclosureService } from './disclosure.service';
