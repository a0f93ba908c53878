import { INestApplicationContext } from '@nestjs/common';
import { PlatformRole } from '@ztt/contracts';
import { CatalogueReader } from '@ztt/catalogue';
import { CatalogueSnapshot, databaseClock, MatchRanker, NeedSide } from '@ztt/matching';
import { JobName, QueueName, QueueService } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { achievementInput, createOrg, publishItem, registerUser, TestUser } from '../harness/builders';
import { jobResult } from '../harness/jobs';
import { eventually, startTestApi, startTestWorker, TestApi } from '../harness/test-app';

// One text ranking for every path (docs/adr/0007-one-text-ranking.md): the worker keeps the corpus
// statistics in PostgreSQL, the API's preview ranks Meilisearch's candidates with them, and the
// quarterly run ranks its snapshot with the same model; for the same catalogue both agree.

let api: TestApi;
let worker: INestApplicationContext;
let admin: TestUser;
let enterprise: TestUser;
let university: TestUser;
const achievements: string[] = [];

const CATALOGUE = [
  ['对虾工厂化循环水养殖系统', '循环水养殖系统集成微生物净化与精准投喂，对虾成活率提高。'],
  ['养殖尾水生态净化技术', '人工湿地与微生物组合工艺处理对虾养殖尾水，出水达标回用。'],
  ['金鲳鱼深远海网箱养殖技术', '深远海网箱养殖金鲳鱼的病害预警与投喂管理。'],
  ['钢渣微粉高值化利用技术', '钢渣经磁选粉磨制成建材微粉，用作混凝土掺合料。'],
  ['海水养殖病害快速检测试剂盒', '对虾与鱼类养殖常见病原的现场快速检测。'],
  ['红树林生态修复技术', '滨海湿地红树林的育苗、种植与生态修复。'],
  ['石化废水深度处理技术', '炼化废水的生化处理与膜法深度处理回用。'],
] as const;

async function refreshStatistics(): Promise<string> {
  const queues = worker.get(QueueService);
  const jobId = `text-statistics-test-${Date.now()}`;
  await queues.add(JobName.RefreshTextStatistics, {}, { jobId });
  return JSON.stringify(await jobResult(queues.queue(QueueName.Matching), jobId));
}

const corpusOf = async (kind: string) => (await api.db.query(`SELECT documents, total_length FROM match_text_corpus WHERE kind = $1`, [kind])).rows[0];

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api);
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  enterprise = await registerUser(api);
  university = await registerUser(api);
  await createOrg(api, enterprise, { verified: true });
  const uniOrg = (await createOrg(api, university, { verified: true, input: { type: 'university', name: '湛江统计测试大学' } })).id;
  for (const [title, summary] of CATALOGUE) {
    achievements.push(await publishItem(api, 'achievement', university, admin, achievementInput(uniOrg, { title, summary, keywords: [], chains: ['marine.ranching'] })));
  }
  // Searchable in Meilisearch, each by its title (a search without words lists from the database).
  await eventually(
    'achievements indexed',
    async () => {
      for (const [i, [title]] of CATALOGUE.entries()) {
        const found = (await api.call('GET', `/api/search/achievements?q=${encodeURIComponent(title)}`)).body.items ?? [];
        if (!found.some((h: { id: string }) => h.id === achievements[i])) return false;
      }
      return true;
    },
    30_000,
  );
}, 120_000);
afterAll(async () => {
  await worker?.close();
  await api?.close();
});

describe('the corpus statistics every matching path shares', () => {
  it('are computed by the worker from the published catalogue, and not recomputed while it is unchanged', async () => {
    await refreshStatistics();
    const corpus = await corpusOf('achievement');
    expect(corpus.documents).toBe(CATALOGUE.length);
    expect(Number(corpus.total_length)).toBeGreaterThan(CATALOGUE.length * 10);
    // 养殖 is in four of the seven, 钢渣 in one; a bigram no item holds is not stored.
    const rows = await api.db.query(`SELECT gram, df FROM match_text_gram WHERE kind = 'achievement' AND gram = ANY($1) ORDER BY df DESC`, [['养殖', '钢渣', '量子']]);
    expect(rows.rows).toEqual([
      { gram: '养殖', df: 4 },
      { gram: '钢渣', df: 1 },
    ]);
    expect(await refreshStatistics()).toContain('unchanged');
  });

  it('give the preview through the API the same ranking as the quarterly run’s snapshot, scores included', async () => {
    await refreshStatistics();
    const draft = { title: '对虾养殖尾水处理与循环水养殖', keywords: [], chains: ['marine.ranching'] };
    const res = await api.call('POST', '/api/matching/preview', { token: enterprise.token, body: draft });
    expect(res.status).toBe(200);
    const matching = worker.get(MatchRanker);
    await matching.settings();
    const snapshot = await CatalogueSnapshot.take(worker.get(CatalogueReader), databaseClock(worker.get(DataSource)));
    // The draft as the preview endpoint reads it (no summary, TRL, modes, budget or region).
    const side: NeedSide = { ...draft, summary: '', trl: null, cooperationModes: [], budgetMax: null, budgetNegotiable: false, region: null };
    const inRun = matching.rankSideFromSnapshot(snapshot, 'need', side, null);
    expect(inRun.length).toBeGreaterThanOrEqual(3);
    expect(res.body.map((m: { achievementId: string }) => m.achievementId)).toEqual(inRun.map((p) => p.achievementId));
    expect(res.body.map((m: { breakdown: { text: number } }) => m.breakdown.text)).toEqual(inRun.map((p) => p.breakdown.text));
    // The steel achievement shares no word with the draft: neither path proposes it.
    expect(inRun.map((p) => p.achievementId)).not.toContain(achievements[3]);
  });

  it('follow the catalogue: a withdrawn item leaves them at the next refresh', async () => {
    const res = await api.call('POST', `/api/achievements/${achievements[4]}/withdraw`, { token: university.token });
    expect(res.status).toBe(200);
    await refreshStatistics();
    expect((await corpusOf('achievement')).documents).toBe(CATALOGUE.length - 1);
    const rows = await api.db.query(`SELECT df FROM match_text_gram WHERE kind = 'achievement' AND gram = '养殖'`);
    expect(rows.rows[0].df).toBe(3);
  });
});
