import { ExpertKind, ExpertProfileStatus } from '@ztt/contracts';
import { ExpertProfile } from '@ztt/experts';
import { Organisation, User } from '@ztt/identity';
import { DEMO_ORGS } from '../demo-data';
import { Seeder } from '../seeder';

const orgName = (key: string) => DEMO_ORGS.find((o) => o.key === key)?.name ?? '';

interface DemoExpert {
  email: string;
  kind: ExpertKind;
  titles: string[];
  affiliations: string;
  bio: string;
  chains: string[];
  keywords: string[];
  affiliatedOrgKeys: string[];
  conflicts: { orgKey: string; reason: string }[];
}

/**
 * The demo 专家库: five verified experts — an external professor who declared a conflict with the
 * R&D institution (so the mooring challenge's suggestions leave him out, with the reason), the
 * reviewer, the commissioner, the marine university's professor, and a 土专家 who farms deep-sea cages.
 */
const EXPERTS: DemoExpert[] = [
  {
    email: 'reviewer@demo.zj.cn',
    kind: ExpertKind.Local,
    titles: ['研究员'],
    affiliations: '湛江南海热带农业科学研究院',
    bio: '长期从事海洋工程装备与养殖平台安全研究。',
    chains: ['marine.equipment', 'marine.ranching'],
    keywords: ['锚泊', '台风', '在线监测'],
    affiliatedOrgKeys: ['institute'],
    conflicts: [],
  },
  {
    email: 'expert@demo.zj.cn',
    kind: ExpertKind.External,
    titles: ['教授', '博士生导师'],
    affiliations: '上海交通大学船舶海洋与建筑工程学院',
    bio: '深远海浮式结构与系泊系统研究，主持国家重点研发计划项目两项。',
    chains: ['marine.equipment'],
    keywords: ['系泊', '锚泊', '海洋工程'],
    affiliatedOrgKeys: [],
    conflicts: [{ orgKey: 'rdi', reason: '2025 年起任该机构客座研究员，参与其锚泊系统研发' }],
  },
  {
    email: 'tuzhuanjia@demo.zj.cn',
    kind: ExpertKind.Practitioner,
    titles: ['乡村工匠'],
    affiliations: '硇洲岛深海网箱养殖户',
    bio: '在硇洲岛海域从事深海网箱养殖二十年，熟悉台风季网箱加固与转移。',
    chains: ['marine.ranching'],
    keywords: ['深海网箱', '台风', '金鲳鱼'],
    affiliatedOrgKeys: [],
    conflicts: [],
  },
  {
    email: 'commissioner@demo.zj.cn',
    kind: ExpertKind.Local,
    titles: ['研究员'],
    affiliations: '广东海洋大学',
    bio: '',
    chains: ['marine.ranching'],
    keywords: ['对虾', '海水养殖', '尾水处理'],
    affiliatedOrgKeys: ['university'],
    conflicts: [],
  },
  {
    email: 'researcher@demo.zj.cn',
    kind: ExpertKind.Local,
    titles: ['教授'],
    affiliations: '广东海洋大学水产学院',
    bio: '',
    chains: ['marine.ranching'],
    keywords: ['水产养殖', '病害防控'],
    affiliatedOrgKeys: ['university'],
    conflicts: [],
  },
];

export const expertsSeeder: Seeder = {
  name: 'experts',
  async run({ manager }) {
    const admin = await manager.findOneBy(User, { email: 'admin@demo.zj.cn' });
    const orgId = async (key: string) => (await manager.findOneBy(Organisation, { name: orgName(key) }))?.id;
    let created = 0;
    for (const e of EXPERTS) {
      const user = await manager.findOneBy(User, { email: e.email });
      if (!user || (await manager.existsBy(ExpertProfile, { userId: user.id }))) continue;
      const affiliated = (await Promise.all(e.affiliatedOrgKeys.map(orgId))).filter((id): id is string => !!id);
      const conflicts: { orgId: string; reason: string }[] = [];
      for (const c of e.conflicts) {
        const id = await orgId(c.orgKey);
        if (id) conflicts.push({ orgId: id, reason: c.reason });
      }
      await manager.insert(ExpertProfile, {
        userId: user.id,
        kind: e.kind,
        titles: e.titles,
        affiliations: e.affiliations,
        bio: e.bio,
        chains: e.chains,
        keywords: e.keywords,
        affiliatedOrgIds: affiliated,
        conflicts,
        status: ExpertProfileStatus.Verified,
        rejectionReason: null,
        verifiedBy: admin?.id ?? null,
        verifiedAt: new Date(),
      });
      created++;
    }
    return created;
  },
};
