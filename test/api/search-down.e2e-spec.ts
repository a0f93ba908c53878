import { PlatformRole } from '@ztt/contracts';
import { createOrg, needInput, publishItem, registerUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

// Its own file: an API whose Meilisearch is unreachable (Passport strategies are process-wide).
describe('when Meilisearch is down', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ MEILI_URL: 'http://127.0.0.1:9' });
  });
  afterAll(() => api.close());

  it('answers a text search with 503 in Chinese, while writes still succeed and wait in the outbox', async () => {
    const admin = await registerUser(api, { roles: [PlatformRole.Admin] });
    const owner = await registerUser(api);
    const org = await createOrg(api, owner, { verified: true });
    const id = await publishItem(api, 'need', owner, admin, needInput(org.id));
    const res = await api.call('GET', `/api/search/needs?q=${encodeURIComponent('对虾')}`);
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'SEARCH_UNAVAILABLE', message: '搜索服务暂时不可用，请稍后再试；您提交的内容不受影响' });
    const pending = await api.db.query('SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1 AND relayed_at IS NULL', [id]);
    expect(pending.rows[0].n).toBe(1);
  });

  it('still lists published items without a text query (PostgreSQL answers browsing)', async () => {
    const res = await api.call('GET', '/api/search/needs?sort=newest');
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThanOrEqual(1);
  });
});
