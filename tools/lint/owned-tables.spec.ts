import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';

// The rule reads the real ownership: each lib's project.json (metadata.tables) and its @Entity classes.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require('./owned-tables.cjs') as { rules: Record<string, import('eslint').Rule.RuleModule> };
const rule = plugin.rules['owned-tables'] as import('eslint').Rule.RuleModule;
const root = path.resolve(__dirname, '..', '..');
const inLib = (lib: string) => path.join(root, 'libs', 'server', lib, 'src', 'example.service.ts');

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });

tester.run('ztt/owned-tables', rule, {
  valid: [
    { name: 'a domain reads its own tables', filename: inLib('deals'), code: 'db.query(`SELECT d.id FROM deal d JOIN deal_event e ON e.deal_id = d.id`);' },
    { name: 'identity names organisation', filename: inLib('identity'), code: "db.query('SELECT name FROM organisation WHERE id = $1');" },
    {
      name: 'the read model reads across domains',
      filename: inLib('read-model'),
      code: "db.query('SELECT count(*) FROM tech_need n JOIN organisation o ON o.id = n.owner_org_id');",
    },
    {
      name: "another domain's entity as a type only",
      filename: inLib('search'),
      code: "import { TechNeed } from '@ztt/catalogue';\nexport function title(n: TechNeed): string { return n.title; }",
    },
    { name: 'prose that says "from" is not SQL', filename: inLib('deals'), code: "const note = 'a match from the quarterly run';" },
    { name: 'code outside libs/server is not checked', filename: path.join(root, 'tools', 'seed', 'x.ts'), code: "db.query('SELECT id FROM organisation');" },
  ],
  invalid: [
    {
      name: "SQL naming identity's organisation table outside identity",
      filename: inLib('catalogue'),
      code: "db.query('SELECT id, name FROM organisation WHERE id = ANY($1)');",
      errors: [{ messageId: 'table', data: { table: 'organisation', owner: 'identity' } }],
    },
    {
      name: "a template's JOIN on the catalogue's table from matching",
      filename: inLib('matching'),
      code: 'db.query(`SELECT m.id FROM match m JOIN tech_need n ON n.id = m.need_id`);',
      errors: [{ messageId: 'table', data: { table: 'tech_need', owner: 'catalogue' } }],
    },
    {
      name: "a query builder on another domain's table",
      filename: inLib('campaigns'),
      code: "m.createQueryBuilder().update('notification').set({}).execute();",
      errors: [{ messageId: 'table', data: { table: 'notification', owner: 'notifications' } }],
    },
    {
      name: "another domain's entity used as a repository target",
      filename: inLib('deals'),
      code: "import { Match } from '@ztt/matching';\nexport const find = (m: any, id: string) => m.findOneBy(Match, { id });",
      errors: [{ messageId: 'entity', data: { entity: 'Match', owner: 'matching' } }],
    },
    {
      name: "the catalogue's table names through KINDS outside the catalogue",
      filename: inLib('search'),
      code: 'const sql = `SELECT id FROM ${KINDS[kind].table}`;',
      errors: [{ messageId: 'kinds', data: { property: 'table' } }],
    },
  ],
});
