import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { PlatformRole } from '@ztt/contracts';
import { CatalogueSnapshot, MatchingService, quarterOf } from '@ztt/matching';
import { DataSource } from 'typeorm';
import { createOrg, registerUser, TestUser } from '../harness/builders';
import { decodeMail, startTestSmtp, TestSmtp } from '../harness/smtp';
import { eventually, spawnTestWorker, startTestApi, startTestWorker, TestApi, AppProcess } from '../harness/test-app';

// SECURITY.md #22 and #23: workers killed with SIGKILL in the middle of the quarterly run, twice.
// The run resumes from its cursor each time: one run, no item counted twice, the same matches as
// a run nobody interrupted, and each broker gets exactly one digest email.

const NEEDS = 600;
const ACHIEVEMENTS = 4_000;
/** A job whose worker died is taken up again within about twice this. */
const LOCK_MS = '2000';

let smtp: TestSmtp;
let api: TestApi;
let finisher: INestApplicationContext | undefined;
const killed: AppProcess[] = [];
let brokers: TestUser[] = [];
const quarter = quarterOf(new Date());

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

/** Inserts the catalogue as published items straight into the database (no publication jobs). */
async function seedCatalogue(orgId: string): Promise<void> {
  for (const kind of ['need', 'achievement'] as const) {
    const n = kind === 'need' ? NEEDS : ACHIEVEMENTS;
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

const run = async () =>
  (await api.db.query(`SELECT status, total, processed, errors, cursor_kind, summary FROM match_run WHERE quarter = $1`, [quarter])).rows[0] as
    | { status: string; total: number; processed: number; errors: number; cursor_kind: string | null; summary: Record<string, unknown> }
    | undefined;

/** Kills the worker with SIGKILL once the run has saved at least `processed` items (and is not done). */
async function killWhenPast(worker: AppProcess, processed: number): Promise<number> {
  await eventually(
    `run past ${processed} items`,
    async () => {
      const r = await run();
      if (r?.status === 'completed') throw new Error('the run completed before the worker could be killed');
      return (r?.processed ?? 0) >= processed;
    },
    90_000,
  );
  await worker.kill();
  killed.push(worker);
  const r = await run();
  expect(r?.status).toBe('running');
  return r?.processed as number;
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  api = await startTestApi();
  const owner = await registerUser(api);
  const org = await createOrg(api, owner, { verified: true });
  await seedCatalogue(org.id);
  brokers = [await registerUser(api, { roles: [PlatformRole.Broker] }), await registerUser(api, { roles: [PlatformRole.Broker] })];
  for (const [i, b] of brokers.entries()) {
    const chains = i === 0 ? ['marine.ranching', 'steel.recycling'] : ['petrochem.fine-chem'];
    const res = await api.call('PUT', '/api/broker/profile', { token: b.token, body: { chains, regions: ['potou'], capacity: 10_000, active: true } });
    expect(res.status).toBe(200);
  }
}, 120_000);

afterAll(async () => {
  for (const w of killed) await w.kill();
  await finisher?.close();
  await api?.close();
  await smtp?.stop();
});

describe('a quarterly run whose workers are killed with SIGKILL', () => {
  it('resumes from its cursor each time, gives the matches of an uninterrupted run, and sends each broker one digest', async () => {
    const mail = { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), JOBS_LOCK_MS: LOCK_MS };
    const admin = await registerUser(api, { roles: [PlatformRole.Admin] });
    const first = await spawnTestWorker(api, mail);
    const started = await api.call('POST', '/api/admin/matching/runs', { token: admin.token });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ quarter, total: NEEDS + ACHIEVEMENTS });

    // Killed once the first page of needs is saved, then again among the achievements.
    const atFirstKill = await killWhenPast(first, 500);
    const second = await spawnTestWorker(api, mail);
    const atSecondKill = await killWhenPast(second, Math.max(NEEDS + 1_000, atFirstKill + 500));
    expect((await run())?.cursor_kind).toBe('achievement');
    // Nothing was sent before the run completed.
    expect(smtp.messages.filter((m) => decodeMail(m.raw).includes('本季度为您新分派了'))).toHaveLength(0);

    finisher = await startTestWorker(api, mail);
    await eventually('run completed', async () => (await run())?.status === 'completed', 120_000);
    const done = await run();
    expect(atSecondKill).toBeGreaterThan(atFirstKill);
    // One run; every item counted once, none lost.
    expect((await api.db.query(`SELECT count(*)::int AS n FROM match_run WHERE quarter = $1`, [quarter])).rows[0].n).toBe(1);
    expect(done).toMatchObject({ status: 'completed', total: NEEDS + ACHIEVEMENTS, processed: NEEDS + ACHIEVEMENTS, errors: 0 });
    expect(done?.summary).toMatchObject({ needs: NEEDS, achievements: ACHIEVEMENTS });

    // Each broker: one digest notification and one email, counting what was assigned to them.
    await eventually('digests emailed', async () => brokers.every((b) => smtp.to(b.email).length >= 1), 30_000);
    await eventually('deliveries settled', async () => (await api.db.query(`SELECT count(*)::int AS n FROM notification_delivery WHERE status = 'pending'`)).rows[0].n === 0, 30_000);
    const assigned = await api.db.query(`SELECT broker_id, count(*)::int AS n FROM match WHERE broker_id IS NOT NULL GROUP BY broker_id`);
    expect(assigned.rows).toHaveLength(2);
    for (const b of brokers) {
      const digests = smtp.to(b.email).filter((m) => decodeMail(m.raw).includes('本季度为您新分派了'));
      expect(digests).toHaveLength(1);
      const n = assigned.rows.find((r) => r.broker_id === b.id)?.n;
      expect(decodeMail(digests[0]!.raw)).toContain(`本季度为您新分派了 ${n} 条匹配`);
    }
    const notes = await api.db.query(`SELECT user_id, count(*)::int AS n FROM notification WHERE type = 'match.digest' GROUP BY user_id`);
    expect(notes.rows.map((r) => r.n)).toEqual([1, 1]);

    // The same matches as a run nobody interrupted: each item's top K from the same snapshot, the
    // achievements' rankings written last (a pair found from both sides keeps the later score).
    const db = finisher.get(DataSource);
    const matching = finisher.get(MatchingService);
    await matching.settings();
    const snapshot = await CatalogueSnapshot.take(db);
    const expected = new Map<string, number>();
    for (const kind of ['need', 'achievement'] as const) {
      const ids = (await api.db.query(`SELECT id FROM ${kind === 'need' ? 'tech_need' : 'achievement'} ORDER BY id`)).rows.map((r) => r.id as string);
      for (const [i, id] of ids.entries()) {
        for (const p of matching.rankFromSnapshot(snapshot, kind, id) ?? []) expected.set(`${p.needId}/${p.achievementId}`, p.score);
        // The worker in this process keeps its job locks: let it renew them now and then.
        if (i % 100 === 99) await new Promise((r) => setImmediate(r));
      }
    }
    const stored = (await api.db.query(`SELECT need_id, achievement_id, score FROM match`)).rows;
    expect(stored.length).toBe(expected.size);
    const differing = stored.filter((r) => expected.get(`${r.need_id}/${r.achievement_id}`) !== Number(r.score));
    expect(differing).toEqual([]);
  }, 300_000);
});
