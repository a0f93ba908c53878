// Three tiers (docs/style.md): *.spec.ts unit tests beside the code; *.integration-spec.ts and
// *.e2e-spec.ts against real PostgreSQL, Redis and Meilisearch, started once by the harness.
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const transform = { '^.+\\.tsx?$': ['@swc/jest', require('./tools/swc-options.cjs')] };
const common = { rootDir: __dirname, testEnvironment: 'node', transform, moduleNameMapper };

module.exports = {
  globalSetup: '<rootDir>/test/harness/global-setup.mjs',
  globalTeardown: '<rootDir>/test/harness/global-teardown.mjs',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.integration-spec.ts', '<rootDir>/test/api/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/harness/setup-env.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/harness/setup-env.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/harness/browser-timeout.ts'],
    },
  ],
  testTimeout: 60_000,
};
