import { createOrg, registerUser, TestUser } from '../harness/builders';
import { eventually, startTestApi, TestApi } from '../harness/test-app';

// Public reads that every anonymous reader gets alike are answered from a short per-process cache
// (PublicReadCache): the home page's figures for 30 s, the organisation directory for 15 s.
// Signed-in readers always get a fresh answer, and nothing they read is stored.

let api: TestApi;
let owner: TestUser;

beforeAll(async () => {
  api = await startTestApi();
  owner = await registerUser(api);
});
afterAll(async () => {
  await api?.close();
});

describe('caching public reads', () => {
  it('answers an anonymous reader of the public figures from the cache the second time, with the same figures', async () => {
    const first = await api.call('GET', '/api/public/stats');
    const second = await api.call('GET', '/api/public/stats');
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.body).toEqual(first.body);
  });

  it('keeps each language and each query apart', async () => {
    await api.call('GET', '/api/orgs?pageSize=7');
    const english = await api.call('GET', '/api/orgs?pageSize=7', { headers: { 'accept-language': 'en' } });
    const other = await api.call('GET', '/api/orgs?pageSize=8');
    expect(english.headers.get('x-cache')).toBe('MISS');
    expect(other.headers.get('x-cache')).toBe('MISS');
  });

  it('never caches for a signed-in reader, who sees a newly verified organisation at once; anonymous readers see it once the cache expires', async () => {
    const url = '/api/orgs?pageSize=100&q=';
    const before = await api.call<{ items: { id: string }[] }>('GET', url);
    expect(before.status).toBe(200);
    const org = await createOrg(api, owner, { verified: true, input: { name: '湛江缓存测试研究院' } });
    const signedIn = await api.call<{ items: { id: string }[] }>('GET', url, { token: owner.token });
    expect(signedIn.headers.get('x-cache')).toBeNull();
    expect(signedIn.body.items.map((o) => o.id)).toContain(org.id);
    await eventually('the directory cache expired', async () => (await api.call<{ items: { id: string }[] }>('GET', url)).body.items.some((o) => o.id === org.id), 45_000);
  });

  it('does not cache reads that are not public', async () => {
    const mine = await api.call('GET', '/api/me', { token: owner.token });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('x-cache')).toBeNull();
  });
});
