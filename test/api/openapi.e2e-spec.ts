import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildOpenApi } from '../../apps/api/src/bootstrap';
import { liveRoutes } from '../harness/routes';
import { startTestApi, TestApi } from '../harness/test-app';

// The committed spec: regenerate with `npm run openapi` after changing the API, and review the diff.
const SPEC_FILE = path.join(__dirname, '..', '..', 'apps', 'api', 'openapi.json');

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe('OpenAPI (docs/security.md #17)', () => {
  it('describes exactly the routes the running app answers', () => {
    const spec = buildOpenApi(api.app);
    const documented = Object.entries(spec.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`))
      .sort();
    const live = liveRoutes(api.app)
      .filter((r) => r.path.startsWith('/api/') && !r.path.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(documented).toEqual(live);
  });

  it('matches the committed spec, so API changes show in review', () => {
    const generated = `${JSON.stringify(buildOpenApi(api.app), null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI === '1') fs.writeFileSync(SPEC_FILE, generated);
    expect(fs.existsSync(SPEC_FILE)).toBe(true);
    expect(fs.readFileSync(SPEC_FILE, 'utf8')).toBe(generated);
  });

  it('serves the spec and the docs page at /api/docs', async () => {
    const json = await api.call('GET', '/api/docs/openapi.json');
    expect(json.status).toBe(200);
    expect(json.body.info.title).toBe('湛江科技成果转化对接平台 API');
    const page = await api.call('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger');
  });
});
