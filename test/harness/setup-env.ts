import 'reflect-metadata';

if (!process.env.ZTT_TEST_PG_SUPER_URL) {
  throw new Error('The test services are not running: run the tests with `npm test` (jest with its globalSetup).');
}
