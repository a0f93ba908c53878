import { Catalogue1764500000000 } from './1764500000000-catalogue';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). */
export const CATALOGUE_MIGRATIONS = [Catalogue1764500000000];
