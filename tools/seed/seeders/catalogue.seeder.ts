import { industryOfChain, ItemStatus } from '@ztt/contracts';
import { Achievement, KINDS, TechNeed } from '@ztt/catalogue';
import { Organisation, User } from '@ztt/identity';
import { writeOutbox } from '@ztt/platform';
import { DEMO_ORGS } from '../demo-data';
import { DEMO_ACHIEVEMENTS, DEMO_NEEDS } from '../demo-catalogue';
import { Seeder } from '../seeder';

/**
 * Published needs and achievements from several industries. Each gets an outbox row, so the
 * worker indexes it through the same path as any publication.
 */
export const catalogueSeeder: Seeder = {
  name: 'catalogue',
  async run({ manager }) {
    const orgId = async (key: string): Promise<string> => {
      const code = DEMO_ORGS.find((o) => o.key === key)?.creditCode as string;
      return (await manager.findOneByOrFail(Organisation, { creditCode: code })).id;
    };
    const admin = await manager.findOneBy(User, { email: 'admin@demo.zj.cn' });
    let created = 0;
    const now = Date.now();
    const publish = (i: number) => ({ status: ItemStatus.Published, publishedAt: new Date(now - i * 86_400_000), submittedAt: new Date(now - i * 86_400_000 - 3_600_000) });
    for (const [i, n] of DEMO_NEEDS.entries()) {
      if (await manager.existsBy(TechNeed, { title: n.title })) continue;
      const need = await manager.save(
        manager.create(TechNeed, {
          ownerOrgId: await orgId(n.org),
          createdBy: admin?.id ?? null,
          title: n.title,
          summary: n.summary,
          confidentialDetails: n.confidential,
          chains: n.chains,
          industries: [...new Set(n.chains.map(industryOfChain))],
          keywords: n.keywords,
          region: n.region,
          trl: n.trl,
          cooperationModes: n.modes,
          contactName: n.contact,
          contactPhone: '0759-2000000',
          category: n.category,
          budgetMin: n.budget?.[0] ?? null,
          budgetMax: n.budget?.[1] ?? null,
          budgetNegotiable: !n.budget,
          deadline: n.deadline,
          acceptanceCriteria: n.criteria,
          ...publish(i),
        }),
      );
      await writeOutbox(manager, KINDS.need.topic, need.id);
      created++;
    }
    for (const [i, a] of DEMO_ACHIEVEMENTS.entries()) {
      if (await manager.existsBy(Achievement, { title: a.title })) continue;
      const achievement = await manager.save(
        manager.create(Achievement, {
          ownerOrgId: await orgId(a.org),
          createdBy: admin?.id ?? null,
          title: a.title,
          summary: a.summary,
          confidentialDetails: a.confidential,
          chains: a.chains,
          industries: [...new Set(a.chains.map(industryOfChain))],
          keywords: a.keywords,
          region: a.region,
          trl: a.trl,
          cooperationModes: a.modes,
          contactName: a.contact,
          contactEmail: 'tto@example.edu.cn',
          maturityStage: a.stage,
          ipItems: a.ip,
          team: a.team.map((name) => ({ name, title: null, userId: null })),
          askingPrice: a.price,
          priceNegotiable: a.price === null,
          applicationFields: a.fields,
          provenResults: a.results,
          serviceInvention: !!a.serviceInvention,
          fundingSource: a.serviceInvention?.fundingSource ?? null,
          rightsGranted: a.serviceInvention?.rightsGranted ?? 'none',
          ...publish(i),
        }),
      );
      await writeOutbox(manager, KINDS.achievement.topic, achievement.id);
      created++;
    }
    return created;
  },
};
