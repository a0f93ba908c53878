import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PlatformRole } from '@ztt/contracts';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

// The API serves whatever index.html WEB_DIST_DIR holds. This file needs only the markers the pages
// are written into (its <title> and the empty root), so it brings its own shell rather than the
// Vite build, and runs in the integration tier before `npm test` builds the web app. The browser
// tier (test/browser/public-pages.e2e-spec.ts) checks the same pages over the real build.
const SHELL = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <title>湛江科技成果转化对接平台</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/assets/index-test.js"></script>
  </body>
</html>
`;
const SITE = 'https://kjcg.example.cn';

let api: TestApi;
let webDir: string;
let admin: TestUser;
let owner: TestUser;
let orgId: string;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ztt-web-'));
  fs.writeFileSync(path.join(webDir, 'index.html'), SHELL);
  api = await startTestApi({ WEB_DIST_DIR: webDir, PUBLIC_URL: SITE });
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  owner = await registerUser(api);
  orgId = (await createOrg(api, owner, { verified: true, input: { name: '湛江海之蓝水产科技有限公司' } })).id;
});
afterAll(async () => {
  await api.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

/** A page as a client without JavaScript gets it: plain fetch, the HTML as text. */
async function fetchPage(pathname: string): Promise<{ status: number; html: string; headers: Headers }> {
  const res = await fetch(`${api.url}${pathname}`, { headers: { accept: 'text/html' } });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

const metaContent = (html: string, attr: 'name' | 'property', key: string): string | null => {
  const m = new RegExp(`<meta ${attr}="${key.replace('.', '\\.')}" content="([^"]*)" />`).exec(html);
  return m ? decode(m[1] as string) : null;
};
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] as string);
const jsonLd = (html: string): Record<string, unknown>[] =>
  [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1] as string) as Record<string, unknown>);
/** What sits inside <div id="root">, the part a reader without JavaScript sees. */
const rootContent = (html: string): string => /<div id="root">([\s\S]*)<\/div>\s*<script/.exec(html)?.[1] ?? '';
const sitemapLocs = async (): Promise<Map<string, string | null>> => {
  const res = await fetch(`${api.url}/sitemap.xml`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/xml');
  const xml = await res.text();
  return new Map([...xml.matchAll(/<url><loc>([^<]+)<\/loc>(?:<lastmod>([^<]+)<\/lastmod>)?<\/url>/g)].map((m) => [m[1] as string, m[2] ?? null]));
};

describe('a published need read without JavaScript', () => {
  it('is served as HTML with its title, summary, description, canonical URL, Open Graph tags and JSON-LD, and nothing confidential', async () => {
    const id = await publishItem(api, 'need', owner, admin, needInput(orgId));
    const page = await fetchPage(`/needs/${id}`);

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.html).toContain('<title>南美白对虾工厂化循环水养殖尾水处理技术需求 · 技术需求 · 湛江科技成果转化对接平台</title>');
    const content = rootContent(page.html);
    expect(content).toContain('<h1>南美白对虾工厂化循环水养殖尾水处理技术需求</h1>');
    expect(content).toContain('现有养殖尾水氨氮超标，需要一套适合工厂化循环水养殖的尾水处理与回用方案。');
    expect(content).toContain('湛江海之蓝水产科技有限公司');
    expect(content).toContain('出水氨氮 ≤ 1 mg/L，回用率 ≥ 80%');
    expect(content).toContain('50.00–120.50 万元');

    expect(metaContent(page.html, 'name', 'description')).toBe('现有养殖尾水氨氮超标，需要一套适合工厂化循环水养殖的尾水处理与回用方案。');
    expect(page.html).toContain(`<link rel="canonical" href="${SITE}/needs/${id}" />`);
    expect(metaContent(page.html, 'property', 'og:title')).toBe('南美白对虾工厂化循环水养殖尾水处理技术需求 · 技术需求 · 湛江科技成果转化对接平台');
    expect(metaContent(page.html, 'property', 'og:url')).toBe(`${SITE}/needs/${id}`);
    expect(metaContent(page.html, 'property', 'og:type')).toBe('article');
    expect(metaContent(page.html, 'property', 'og:site_name')).toBe('湛江科技成果转化对接平台');
    expect(metaContent(page.html, 'property', 'og:locale')).toBe('zh_CN');
    expect(metaContent(page.html, 'property', 'og:description')).toContain('尾水处理与回用方案');
    expect(page.html).not.toContain('noindex');

    expect(jsonLd(page.html)).toEqual([
      expect.objectContaining({
        '@context': 'https://schema.org',
        '@type': 'Demand',
        name: '南美白对虾工厂化循环水养殖尾水处理技术需求',
        url: `${SITE}/needs/${id}`,
        validThrough: '2027-06-30',
        priceSpecification: expect.objectContaining({ priceCurrency: 'CNY', minPrice: '500000.00', maxPrice: '1205000.00' }),
      }),
    ]);

    // The confidential part (details and contact) is what the anonymous API leaves out; so does the page.
    for (const secret of ['日处理 500 吨', '预算内部批复', '13900001111', '吴工', '13800001234']) expect(page.html).not.toContain(secret);
    const anonymous = await api.call('GET', `/api/needs/${id}`);
    expect(anonymous.body.confidentialDetails).toBeUndefined();
  });

  it('escapes what the poster typed, in the HTML and in the JSON-LD', async () => {
    const title = '尾水处理 </script><script>alert(1)</script> & "回用" <b>方案</b>';
    const id = await publishItem(api, 'need', owner, admin, needInput(orgId, { title }));
    const page = await fetchPage(`/needs/${id}`);

    expect(page.status).toBe(200);
    expect(page.html).not.toContain('<script>alert(1)');
    expect(page.html).not.toContain('<b>方案</b>');
    expect(page.html).toContain('<h1>尾水处理 &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;回用&quot; &lt;b&gt;方案&lt;/b&gt;</h1>');
    expect(metaContent(page.html, 'property', 'og:title')).toBe(`${title} · 技术需求 · 湛江科技成果转化对接平台`);
    expect(jsonLd(page.html)[0]?.name).toBe(title);
  });

  it('is listed in the sitemap, and once withdrawn through the API it is a 404 kept out of indexes and gone from the sitemap', async () => {
    const id = await publishItem(api, 'need', owner, admin, needInput(orgId, { title: '红树林湿地生态修复监测技术需求' }));
    const url = `${SITE}/needs/${id}`;
    const listed = await sitemapLocs();
    expect(listed.has(url)).toBe(true);
    expect(new Date(listed.get(url) as string).getTime()).not.toBeNaN();

    const withdrawn = await api.call('POST', `/api/needs/${id}/withdraw`, { token: owner.token });
    expect(withdrawn.status).toBe(200);

    const page = await fetchPage(`/needs/${id}`);
    expect(page.status).toBe(404);
    expect(page.html).toContain('<meta name="robots" content="noindex" />');
    expect(page.headers.get('x-robots-tag')).toBe('noindex');
    expect(page.html).not.toContain('红树林湿地生态修复监测技术需求');
    expect(rootContent(page.html)).toBe('');
    expect((await sitemapLocs()).has(url)).toBe(false);
  });

  it('is a 404 kept out of indexes for an unknown id, a malformed id and a draft', async () => {
    const draft = await api.call('POST', '/api/needs', { token: owner.token, body: needInput(orgId, { title: '草稿中的需求' }) });
    for (const pathname of ['/needs/00000000-0000-4000-8000-000000000000', '/needs/not-an-id', `/needs/${draft.body.id}`, '/achievements/00000000-0000-4000-8000-000000000000']) {
      const page = await fetchPage(pathname);
      expect({ pathname, status: page.status }).toEqual({ pathname, status: 404 });
      expect(page.html).toContain('<meta name="robots" content="noindex" />');
      expect(page.html).not.toContain('草稿中的需求');
    }
  });
});

describe('the other public pages read without JavaScript', () => {
  it('shows a published achievement as a CreativeWork by its organisation', async () => {
    const id = await publishItem(api, 'achievement', owner, admin, achievementInput(orgId));
    const page = await fetchPage(`/achievements/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<title>金鲳鱼深远海网箱养殖病害综合防控技术 · 科技成果 · 湛江科技成果转化对接平台</title>');
    expect(rootContent(page.html)).toContain('面向深远海网箱养殖的卵形鲳鲹病害早期预警与绿色防控技术，已在湛江海域示范。');
    expect(jsonLd(page.html)[0]).toMatchObject({
      '@type': 'CreativeWork',
      name: '金鲳鱼深远海网箱养殖病害综合防控技术',
      creator: { '@type': 'Organization', name: '湛江海之蓝水产科技有限公司', url: `${SITE}/orgs/${orgId}` },
    });
    for (const secret of ['核心配方与工艺参数', '林教授', 'lin@example.edu.cn']) expect(page.html).not.toContain(secret);
    expect((await sitemapLocs()).has(`${SITE}/achievements/${id}`)).toBe(true);
  });

  it('shows a published challenge with its bounty and deadline, listed in the sitemap; a draft one is a 404', async () => {
    const input = {
      ownerOrgId: orgId,
      acceptorUserId: owner.id,
      title: '深远海养殖平台抗台风锚泊系统关键技术攻关',
      background: '湛江近海养殖平台每年遭遇台风，现有锚泊系统在 15 级风况下失效，需要可靠的锚泊与监测方案。',
      indicators: [{ name: '抗风等级', target: '≥ 17', unit: '级', verification: '水池模型试验与第三方检测' }],
      chains: ['marine.equipment'],
      bounty: '3000000.00',
      fundingSource: '市财政科技专项',
      applicationDeadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      periodMonths: 24,
      eligibility: { orgTypes: [], regions: [], mustOwnIp: false },
      mode: 'single',
      teams: 1,
      rubric: [{ name: '技术路线可行性', weight: 100 }],
      milestones: [{ title: '签约启动', deliverables: '任务书与实施方案', dueOffsetDays: 30, sharePercent: 100 }],
      firstTrancheMinPercent: 60,
    };
    const created = await api.call('POST', '/api/challenges', { token: admin.token, body: input });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await fetchPage(`/challenges/${id}`)).status).toBe(404);
    expect((await sitemapLocs()).has(`${SITE}/challenges/${id}`)).toBe(false);

    expect((await api.call('POST', `/api/admin/challenges/${id}/publish`, { token: admin.token })).status).toBe(200);
    const page = await fetchPage(`/challenges/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<title>深远海养殖平台抗台风锚泊系统关键技术攻关 · 揭榜挂帅 · 湛江科技成果转化对接平台</title>');
    expect(rootContent(page.html)).toContain('¥3,000,000.00');
    expect(rootContent(page.html)).toContain('抗风等级：≥ 17 级');
    expect(jsonLd(page.html)[0]).toMatchObject({ '@type': 'Demand', priceSpecification: { priceCurrency: 'CNY', price: '3000000.00' } });
    expect((await sitemapLocs()).has(`${SITE}/challenges/${id}`)).toBe(true);
    // No decision yet, so no 公示 notice.
    expect((await fetchPage(`/challenges/${id}/notice`)).status).toBe(404);
  });

  it('shows a verified organisation card as an Organization with links to what it published, and an unverified one as a 404', async () => {
    const achievementId = await publishItem(api, 'achievement', owner, admin, achievementInput(orgId, { title: '对虾工厂化循环水养殖尾水处理技术' }));
    const draftId = ((await api.call('POST', '/api/achievements', { token: owner.token, body: achievementInput(orgId, { title: '尚未发布的草稿成果' }) })).body as { id: string })
      .id;
    const page = await fetchPage(`/orgs/${orgId}`);
    expect(page.status).toBe(200);
    const content = rootContent(page.html);
    expect(content).toMatch(/<h2>发布的科技成果（共 \d+ 项）<\/h2>/);
    expect(content).toContain(`<a href="/achievements/${achievementId}">对虾工厂化循环水养殖尾水处理技术</a>`);
    // A draft is the organisation's own business, and the credit code is for its members only.
    expect(content).not.toContain(draftId);
    expect(content).not.toContain('尚未发布的草稿成果');
    const { creditCode } = (await api.call('GET', `/api/orgs/${orgId}`, { token: owner.token })).body as { creditCode: string };
    expect(page.html).not.toContain(creditCode);
    expect(page.html).toContain('<title>湛江海之蓝水产科技有限公司 · 湛江科技成果转化对接平台</title>');
    expect(jsonLd(page.html)[0]).toMatchObject({ '@type': 'Organization', name: '湛江海之蓝水产科技有限公司', url: `${SITE}/orgs/${orgId}` });
    expect((await sitemapLocs()).has(`${SITE}/orgs/${orgId}`)).toBe(true);

    const other = await registerUser(api);
    const unverified = (await createOrg(api, other)).id;
    expect((await fetchPage(`/orgs/${unverified}`)).status).toBe(404);
    expect((await sitemapLocs()).has(`${SITE}/orgs/${unverified}`)).toBe(false);
  });

  it('shows the public statistics as a Dataset', async () => {
    const stats = (await api.call('GET', '/api/public/stats')).body as { needs: number; achievements: number };
    const page = await fetchPage('/stats');
    expect(page.status).toBe(200);
    expect(metaContent(page.html, 'name', 'description')).toContain(`已发布技术需求 ${stats.needs} 项、科技成果 ${stats.achievements} 项`);
    expect(jsonLd(page.html)[0]).toMatchObject({ '@type': 'Dataset', url: `${SITE}/stats` });
    expect(rootContent(page.html)).toContain('<h1>平台数据</h1>');
  });

  it('gives the home, search and board pages their own head, and a client-only route the plain shell', async () => {
    const home = await fetchPage('/');
    expect(home.status).toBe(200);
    expect(home.html).toContain(`<link rel="canonical" href="${SITE}/" />`);
    expect(metaContent(home.html, 'name', 'description')).toContain('科技成果转化');
    expect((await fetchPage('/challenges')).html).toContain(`<link rel="canonical" href="${SITE}/challenges" />`);

    const login = await fetchPage('/login');
    expect(login.status).toBe(200);
    expect(login.html).toBe(SHELL);
    expect((await fetchPage('/needs/new')).html).toBe(SHELL);

    const sitemap = await sitemapLocs();
    for (const p of ['/', '/search', '/challenges', '/stats']) expect(sitemap.has(`${SITE}${p}`)).toBe(true);
  });
});

describe('robots.txt', () => {
  it('lets crawlers read the public pages, keeps the private areas out and points to the sitemap', async () => {
    const res = await fetch(`${api.url}/robots.txt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const lines = (await res.text()).split('\n');
    expect(lines).toEqual(expect.arrayContaining(['User-agent: *', 'Allow: /', 'Allow: /api/docs', `Sitemap: ${SITE}/sitemap.xml`]));
    for (const closed of ['/admin', '/my/', '/deals', '/broker', '/api/', '/login', '/register', '/profile']) expect(lines).toContain(`Disallow: ${closed}`);
    for (const open of ['/needs', '/achievements', '/challenges', '/orgs', '/stats', '/search'])
      expect(lines.some((l) => l.startsWith('Disallow: ') && open.startsWith(l.slice(10)))).toBe(false);
  });
});
