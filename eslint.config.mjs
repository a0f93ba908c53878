import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import ownedTables from './tools/lint/owned-tables.cjs';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', '.nx/', 'test-artifacts/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { '@nx': nx },
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // Libraries are reached only through their index.ts (the @ztt/* aliases), and only along
      // these edges: apps → domains → platform → contracts; the web app sees contracts alone.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:composition', 'type:domain', 'type:platform', 'type:contracts'] },
            // The entity list (libs/server/entities) names every domain's entities, nothing else.
            { sourceTag: 'type:composition', onlyDependOnLibsWithTags: ['type:domain', 'type:platform', 'type:contracts'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:platform', 'type:contracts'] },
            // The domains in layers (docs/architecture.md): a lib may use its own layer and those below, never one above.
            { sourceTag: 'layer:core', onlyDependOnLibsWithTags: ['layer:core', 'type:platform', 'type:contracts'] },
            { sourceTag: 'layer:catalogue', onlyDependOnLibsWithTags: ['layer:catalogue', 'layer:core', 'type:platform', 'type:contracts'] },
            { sourceTag: 'layer:discovery', onlyDependOnLibsWithTags: ['layer:discovery', 'layer:catalogue', 'layer:core', 'type:platform', 'type:contracts'] },
            { sourceTag: 'layer:workflow', onlyDependOnLibsWithTags: ['layer:workflow', 'layer:discovery', 'layer:catalogue', 'layer:core', 'type:platform', 'type:contracts'] },
            // The read model (libs/server/read-model) reads across every domain by its declared rule: the dashboard and
            // reports, the deal desk's reports, and a person's data (export and erasure, ADR 0005). Nothing depends on it but apps.
            {
              sourceTag: 'layer:read-model',
              onlyDependOnLibsWithTags: ['layer:workflow', 'layer:discovery', 'layer:catalogue', 'layer:core', 'type:platform', 'type:contracts'],
            },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through loadConfig() (libs/server/platform/src/config).' }],
    },
  },
  {
    // A domain lib names only its own tables (each lib's project.json, metadata.tables); see tools/lint/owned-tables.cjs.
    files: ['libs/server/**/*.ts'],
    plugins: { ztt: ownedTables },
    rules: { 'ztt/owned-tables': 'error' },
  },
  {
    // Entry points and tools may read the environment; the config module is where the app does.
    files: ['libs/server/platform/src/config/app-config.ts', 'tools/**', 'test/**', '**/*.spec.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Tests read JSON bodies of many shapes; typing each one would add noise, not safety.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
