// Three tiers (docs/style.md): *.spec.ts unit tests beside the code; *.integration-spec.ts and
// *.e2e-spec.ts against real PostgreSQL, Redis and Meilisearch, started once by the harness.
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]));
// content-disposition 3 (under @fastify/static) is an ES module that Node requires natively but Jest's
// module loader cannot: it is compiled to CommonJS like our own code. So is cookie 2, which
// @fastify/cookie loads with import(), which Jest's loader refuses too: @fastify/cookie is compiled
// as well, turning that import() into a require (docs/stack.md #25).
const ESM_ONLY = '(?:content-disposition|cookie)';
const transform = {
  '^.+\\.tsx?$': ['@swc/jest', require('./tools/swc-options.cjs')],
  [`/node_modules/(.+/)?${ESM_ONLY}/.+\\.js$`]: ['@swc/jest', { module: { type: 'commonjs' } }],
};
const transformIgnorePatterns = [`/node_modules/(?!(.+/)?${ESM_ONLY}/)`];
const common = { rootDir: __dirname, testEnvironment: 'node', transform, transformIgnorePatterns, moduleNameMapper };
// The web app's component tests: TSX with React's automatic runtime (the web app has no decorators).
const swcOptions = require('./tools/swc-options.cjs');
const tsxOptions = { ...swcOptions, jsc: { ...swcOptions.jsc, parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } };

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
    {
      // One page in jsdom with the app's providers and a fake server in place of fetch (apps/web/test).
      ...common,
      displayName: 'component',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/apps/web/**/*.spec.tsx'],
      transform: { '^.+\\.tsx$': ['@swc/jest', tsxOptions], ...transform },
      setupFiles: ['<rootDir>/apps/web/test/setup-dom.ts'],
      setupFilesAfterEnv: ['<rootDir>/apps/web/test/component-timeout.ts'],
    },
  ],
  testTimeout: 60_000,
};
