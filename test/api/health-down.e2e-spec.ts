import { startTestApi, TestApi } from '../harness/test-app';

// Its own file: Passport strategies are process-wide, so each API under test gets a process of its own.
describe('readiness when services are down', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ MEILI_URL: 'http://127.0.0.1:9', REDIS_URL: 'redis://127.0.0.1:9' });
  });
  afterAll(() => api.close());

  it('answers 503 and names the services that are down', async () => {
    const ready = await api.call('GET', '/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'down', services: { postgres: 'up', redis: 'down', meilisearch: 'down' } });
  });

  it('still answers liveness', async () => {
    expect((await api.call('GET', '/api/health/live')).status).toBe(200);
  });
});
