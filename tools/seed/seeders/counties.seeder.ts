import { PlatformRole } from '@ztt/contracts';
import { Organisation, PlatformRoleAssignment, User } from '@ztt/identity';
import { DEMO_ORGS } from '../demo-data';
import { Seeder } from '../seeder';

const COUNTY = 'potou';
const YEAR = 2026;
/** 入县达镇: the towns of two demo organisations (by key). */
const TOWNS: { key: string; town: string }[] = [
  { key: 'marine', town: '南三镇' },
  { key: 'food', town: '麻章镇' },
];

/**
 * 县区: the demo county official (county@demo.zj.cn) scoped to 坡头区 — the county the demo
 * commissioner serves — and 坡头区's published 2026 yearly need list (县域产业技术需求清单), its
 * first line linked to the county's published shrimp tail-water need; and the towns of two demo
 * organisations (入县达镇). Runs after the catalogue.
 */
export const countiesSeeder: Seeder = {
  name: 'counties',
  async run({ manager }) {
    let created = 0;
    const [official, admin] = await Promise.all([manager.findOneBy(User, { email: 'county@demo.zj.cn' }), manager.findOneBy(User, { email: 'admin@demo.zj.cn' })]);
    if (official && !(await manager.existsBy(PlatformRoleAssignment, { userId: official.id, role: PlatformRole.CountyOfficial }))) {
      await manager.insert(PlatformRoleAssignment, { userId: official.id, role: PlatformRole.CountyOfficial, county: COUNTY, grantedBy: admin?.id ?? null });
      created++;
    }
    const exists = (await manager.query(`SELECT 1 FROM county_need_list WHERE county = $1 AND year = $2`, [COUNTY, YEAR])) as unknown[];
    if (!exists.length) {
      const [shrimp] = (await manager.query(`SELECT id FROM tech_need WHERE region = $1 AND status = 'published' AND title = $2 ORDER BY created_at LIMIT 1`, [
        COUNTY,
        '南美白对虾工厂化循环水养殖尾水处理',
      ])) as {
        id: string;
      }[];
      const entries = [
        {
          title: '对虾工厂化养殖尾水达标处理',
          chain: 'marine.ranching',
          description: '南三岛、乾塘镇养殖集中区尾水排放须达到广东省地方标准。',
          priority: 'high',
          needId: shrimp?.id ?? null,
        },
        { title: '红树林湿地生态修复与碳汇监测', chain: 'livelihood.ecology', description: '官渡镇沿海红树林修复及碳汇计量方法。', priority: 'medium', needId: null },
        { title: '可降解农用地膜推广应用', chain: 'petrochem.new-materials', description: '替代传统 PE 地膜，降低农田残膜污染。', priority: 'low', needId: null },
      ];
      await manager.query(`INSERT INTO county_need_list (county, year, entries, status, published_at, updated_by) VALUES ($1, $2, $3, 'published', now(), $4)`, [
        COUNTY,
        YEAR,
        JSON.stringify(entries),
        official?.id ?? null,
      ]);
      created++;
    }
    for (const { key, town } of TOWNS) {
      const name = DEMO_ORGS.find((o) => o.key === key)?.name;
      const org = name ? await manager.findOneBy(Organisation, { name }) : null;
      if (org && !org.town) {
        await manager.update(Organisation, { id: org.id }, { town });
        created++;
      }
    }
    return created;
  },
};
