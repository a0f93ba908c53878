import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { PlatformRole } from '@ztt/contracts';
import { CatalogueReader } from '@ztt/catalogue';
import { CatalogueSnapshot, databaseClock, MatchRanker } from '@ztt/matching';
import { DataSource } from 'typeorm';
import { createOrg, registerUser, TestUser } from './builders';
import { decodeMail, startTestSmtp, TestSmtp } from './smtp';
import { eventually, startTestApi, TestApi } from './test-app';

// A catalogue for quarterly runs of several pages, two brokers, and what an official checks a run
// against: its row, the digests, and the matches of a run nobody interrupted.

/** Themes sharing words within a chain, so that items of one chain match one another. */
const THEMES = [
  { chain: 'marine.ranching', words: ['对虾', '尾水处理', '循环水养殖', '疫病防控', '苗种繁育', '饲料配方', '水质监测', '深远海网箱'] },
  { chain: 'steel.recycling', words: ['钢渣', '微粉', '固废利用', '磁选', '建材', '余热回收', '除尘', '球团'] },
  { chain: 'petrochem.fine-chem', words: ['催化剂', '加氢', '精细化工', '分离提纯', '聚合', '溶剂回收', '废水处理', '安全监测'] },
];

function item(i: number, kind: 'need' | 'achievement') {
  const theme = THEMES[i % THEMES.length] as (typeof THEMES)[number];
  const w = (k: number) => theme.words[(i * 7 + k * 3) % theme.words.length] as string;
  return {
    title: kind === 'need' ? `${w(0)}与${w(1)}技术需求${i}` : `${w(0)}${w(2)}集成技术${i}`,
    summary: `围绕${w(0)}开展${w(1)}研究，结合${w(2)}与${w(3)}，第${i}号${kind === 'need' ? '需求' : '成果'}。`,
    keywords: [w(0), w(1)],
    chain: theme.chain,
  };
}

/** Inserts `needs` and `achievements` published items of `orgId` straight into the database (no publication jobs). */
async function seedQuarterlyCatalogue(api: TestApi, orgId: string, counts: { needs: number; achievements: number }): Promise<void> {
  for (const kind of ['need', 'achievement'] as const) {
    const n = kind === 'need' ? counts.needs : counts.achievements;
    for (let start = 0; start < n; start += 500) {
      const params: unknown[] = [];
      const rows: string[] = [];
      for (let i = start; i < Math.min(n, start + 500); i++) {
        const it = item(i, kind);
        const shared = [randomUUID(), orgId, it.title, it.summary, [it.chain], [it.chain.split('.')[0]], it.keywords, 'potou', 6, ['transfer']];
        const extra = kind === 'need' ? ['core', null, '100.00', false] : ['pilot', '[]', '80.00', false];
        rows.push(`(${[...shared, ...extra].map((v) => `$${params.push(v)}`).join(', ')}, '联系人', 'published', now(), now())`);
      }
      const columns =
        kind === 'need'
          ? 'id, owner_org_id, title, summary, chains, industries, keywords, region, trl, cooperation_modes, category, budget_min, budget_max, budget_negotiable'
          : 'id, owner_org_id, title, summary, chains, industries, keywords, region, trl, cooperation_modes, maturity_stage, ip_items, asking_price, price_negotiable';
      await api.db.query(
        `INSERT INTO ${kind === 'need' ? 'tech_need' : 'achievement'} (${columns}, contact_name, status, submitted_at, published_at) VALUES ${rows.join(', ')}`,
        params,
      );
    }
  }
}

/** Two active brokers of the catalogue's chains: one for marine ranching and steel recycling, one for fine chemicals. */
async function registerChainBrokers(api: TestApi): Promise<TestUser[]> {
  const brokers: TestUser[] = [];
  for (const chains of [['marine.ranching', 'steel.recycling'], ['petrochem.fine-chem']]) {
    const b = await registerUser(api, { roles: [PlatformRole.Broker] });
    const res = await api.call('PUT', '/api/broker/profile', { token: b.token, body: { chains, regions: ['potou'], capacity: 10_000, active: true } });
    if (res.status !== 200) throw new Error(`broker profile: ${res.status} ${res.text}`);
    brokers.push(b);
  }
  return brokers;
}

/**
 * The stage of a quarterly run: an SMTP server for the workers to send to, the API over a catalogue
 * of `counts` published items of one organisation, and the two brokers of its chains.
 */
export async function startQuarterlyStage(counts: { needs: number; achievements: number }): Promise<{ smtp: TestSmtp; api: TestApi; brokers: TestUser[] }> {
  const smtp = await startTestSmtp();
  const api = await startTestApi();
  const owner = await registerUser(api);
  const org = await createOrg(api, owner, { verified: true });
  await seedQuarterlyCatalogue(api, org.id, counts);
  return { smtp, api, brokers: await registerChainBrokers(api) };
}

export interface QuarterlyRunRow {
  status: string;
  total: number;
  processed: number;
  errors: number;
  cursor_kind: string | null;
  summary: Record<string, unknown>;
}

/** The quarter's match_run row, if any. */
export async function quarterlyRunRow(api: TestApi, quarter: string): Promise<QuarterlyRunRow | undefined> {
  return (await api.db.query(`SELECT status, total, processed, errors, cursor_kind, summary FROM match_run WHERE quarter = $1`, [quarter])).rows[0];
}

/**
 * Once every broker has its digest email and no delivery is pending: for each broker, the digest
 * emails it received (decoded), its digest notifications and the matches assigned to it.
 */
export async function brokerDigests(api: TestApi, smtp: TestSmtp, brokers: TestUser[]): Promise<{ emails: string[]; notifications: number; assigned: number }[]> {
  const digestsTo = (b: TestUser) =>
    smtp
      .to(b.email)
      .map((m) => decodeMail(m.raw))
      .filter((text) => text.includes('本季度为您新分派了'));
  await eventually('digests emailed', async () => brokers.every((b) => digestsTo(b).length >= 1), 30_000);
  await eventually('deliveries settled', async () => (await api.db.query(`SELECT count(*)::int AS n FROM notification_delivery WHERE status = 'pending'`)).rows[0].n === 0, 30_000);
  const count = async (sql: string, id: string) => (await api.db.query(sql, [id])).rows[0].n as number;
  return Promise.all(
    brokers.map(async (b) => ({
      emails: digestsTo(b),
      notifications: await count(`SELECT count(*)::int AS n FROM notification WHERE type = 'match.digest' AND user_id = $1`, b.id),
      assigned: await count(`SELECT count(*)::int AS n FROM match WHERE broker_id = $1`, b.id),
    })),
  );
}

/**
 * The stored matches against those of a run nobody interrupted: each item's top K from a snapshot
 * of the catalogue as it is now, the achievements' rankings written last (a pair found from both
 * sides keeps the later score). `app` is a worker in this process. Counts of both, and the stored
 * pairs whose score differs or that such a run would not have.
 */
export async function matchesOfUninterruptedRun(
  api: TestApi,
  app: INestApplicationContext,
): Promise<{ expected: number; stored: number; differing: { need_id: string; achievement_id: string; score: string }[] }> {
  const db = app.get(DataSource);
  const ranker = app.get(MatchRanker);
  await ranker.settings();
  const snapshot = await CatalogueSnapshot.take(app.get(CatalogueReader), databaseClock(db));
  const expected = new Map<string, number>();
  for (const kind of ['need', 'achievement'] as const) {
    const ids = (await api.db.query(`SELECT id FROM ${kind === 'need' ? 'tech_need' : 'achievement'} ORDER BY id`)).rows.map((r) => r.id as string);
    for (const [i, id] of ids.entries()) {
      for (const p of ranker.rankFromSnapshot(snapshot, kind, id) ?? []) expected.set(`${p.needId}/${p.achievementId}`, p.score);
      // The worker in this process keeps its job locks: let it renew them now and then.
      if (i % 100 === 99) await new Promise((r) => setImmediate(r));
    }
  }
  const stored = (await api.db.query(`SELECT need_id, achievement_id, score FROM match`)).rows;
  const differing = stored.filter((r) => expected.get(`${r.need_id}/${r.achievement_id}`) !== Number(r.score));
  return { expected: expected.size, stored: stored.length, differing };
}
