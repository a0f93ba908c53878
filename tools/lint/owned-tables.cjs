// ESLint rule `ztt/owned-tables`: a domain lib reads and writes only its own tables (docs/architecture.md,
// "Owned data"). Each lib declares its tables in its project.json (`metadata.tables`); this rule reports, in
// a lib under libs/server/:
//   - SQL in a string or template naming another lib's table (FROM, JOIN, UPDATE, INTO, TABLE, EXISTS);
//   - a TypeORM query builder's from/into/update/join naming one;
//   - another domain's entity class used as a value (a repository or EntityManager target); as a type it is fine;
//   - the catalogue's KINDS[…].table or .entity outside the catalogue.
// The read model (tag layer:read-model) may read across domains by its declared rule; composition libs list them.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const LIBS = path.join(root, 'libs', 'server');
const CROSSING_TAGS = ['layer:read-model', 'type:composition'];

let cache;
/** Per lib folder: its tables, entity classes and whether it may cross; and table/entity → owning lib. */
function ownership() {
  if (cache) return cache;
  const libs = new Map();
  const tableOwner = new Map();
  const entityOwner = new Map();
  for (const lib of fs.readdirSync(LIBS)) {
    const projectFile = path.join(LIBS, lib, 'project.json');
    if (!fs.existsSync(projectFile)) continue;
    const project = JSON.parse(fs.readFileSync(projectFile, 'utf8'));
    const tables = project.metadata?.tables ?? [];
    libs.set(lib, { crosses: (project.tags ?? []).some((t) => CROSSING_TAGS.includes(t)) });
    for (const t of tables) tableOwner.set(t, lib);
  }
  // Entity classes, from their @Entity('table') decorators: the table says whose class it is.
  const walk = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
  for (const file of walk(LIBS)) {
    const src = fs.readFileSync(file, 'utf8');
    for (const m of src.matchAll(/@Entity\('([a-z_][a-z0-9_]*)'\)\s*export class (\w+)/g)) {
      const owner = tableOwner.get(m[1]);
      if (owner) entityOwner.set(m[2], owner);
    }
  }
  cache = { libs, tableOwner, entityOwner };
  return cache;
}

const SQL_TABLE = /\b(?:FROM|JOIN|UPDATE|INTO|TABLE|EXISTS)\s+(?:ONLY\s+)?"?([a-z_][a-z0-9_]*)"?/g;
const BUILDER_METHODS = new Set(['from', 'into', 'update', 'innerJoin', 'leftJoin', 'innerJoinAndSelect', 'leftJoinAndSelect', 'delete']);

function libOf(filename) {
  const rel = path.relative(LIBS, filename);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep)[0];
}

/** @type {import('eslint').Rule.RuleModule} */
const ownedTables = {
  meta: {
    type: 'problem',
    docs: { description: "a domain lib names only its own tables; other domains' data comes through their read ports" },
    messages: {
      table: "'{{table}}' belongs to {{owner}}: read it through {{owner}}'s exported services or read ports, not its SQL.",
      entity: "'{{entity}}' is {{owner}}'s entity: use {{owner}}'s exported services or read ports instead of its repository.",
      kinds: "KINDS[…].{{property}} is the catalogue's own: use CatalogueReader.",
    },
    schema: [],
  },
  create(context) {
    const lib = libOf(context.filename);
    if (!lib) return {};
    const { libs, tableOwner, entityOwner } = ownership();
    if (!libs.has(lib) || libs.get(lib).crosses) return {};
    const foreign = (table) => {
      const owner = tableOwner.get(table);
      return owner && owner !== lib ? owner : null;
    };
    const checkSql = (node, text) => {
      for (const m of text.matchAll(SQL_TABLE)) {
        const owner = foreign(m[1]);
        if (owner) context.report({ node, messageId: 'table', data: { table: m[1], owner } });
      }
    };
    return {
      Literal(node) {
        if (typeof node.value === 'string') checkSql(node, node.value);
      },
      TemplateElement(node) {
        checkSql(node, node.value.cooked ?? node.value.raw);
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier' || !BUILDER_METHODS.has(callee.property.name)) return;
        const first = node.arguments[0];
        if (first?.type === 'Literal' && typeof first.value === 'string') {
          const owner = foreign(first.value);
          if (owner) context.report({ node: first, messageId: 'table', data: { table: first.value, owner } });
        }
      },
      MemberExpression(node) {
        if (lib === 'catalogue' || node.property.type !== 'Identifier' || !['table', 'entity'].includes(node.property.name)) return;
        const obj = node.object;
        if (obj.type === 'MemberExpression' && obj.computed && obj.object.type === 'Identifier' && obj.object.name === 'KINDS') {
          context.report({ node, messageId: 'kinds', data: { property: node.property.name } });
        }
      },
      ImportSpecifier(node) {
        const decl = node.parent;
        if (decl.importKind === 'type' || node.importKind === 'type') return;
        const name = node.imported.name;
        const owner = entityOwner.get(name);
        if (!owner || owner === lib || !String(decl.source.value).startsWith('@ztt/')) return;
        const variable = context.sourceCode.getDeclaredVariables(node)[0];
        if (variable?.references.some((r) => r.isValueReference)) context.report({ node, messageId: 'entity', data: { entity: name, owner } });
      },
    };
  },
};

module.exports = { rules: { 'owned-tables': ownedTables } };
