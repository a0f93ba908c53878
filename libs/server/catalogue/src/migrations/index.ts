import { Catalogue1764500000000 } from './1764500000000-catalogue';
import { ServiceInvention1765810000000 } from './1765810000000-service-invention';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). */
export const CATALOGUE_MIGRATIONS = [Catalogue1764500000000, ServiceInvention1765810000000];
