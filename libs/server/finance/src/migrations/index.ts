/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). */
export const FINANCE_MIGRATIONS = [];
