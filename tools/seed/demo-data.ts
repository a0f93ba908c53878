import { creditCodeCheckChar, OrgRole, PlatformRole } from '@ztt/contracts';

/** Every demo account uses this password (development only; documented in the README). */
export const DEMO_PASSWORD = 'Zhanjiang@2026';

/** A valid 统一社会信用代码 from its first 17 characters. */
export function creditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17);
}

export interface DemoOrg {
  key: string;
  name: string;
  type: string;
  creditCode: string;
  region: string;
  industries: string[];
  website: string | null;
  description: string;
  verified: boolean;
}

/** The demo brokers' specialties: who gets which matches. */
export const DEMO_BROKER_PROFILES: { email: string; chains: string[]; regions: string[]; capacity: number }[] = [
  {
    email: 'broker@demo.zj.cn',
    chains: ['marine.ranching', 'marine.electronics', 'marine.biomed', 'food.processing', 'food.seed', 'food.testing-cold-chain', 'livelihood.ecology'],
    regions: ['potou', 'mazhang', 'xuwen', 'leizhou', 'chikan'],
    capacity: 100,
  },
  {
    email: 'broker2@demo.zj.cn',
    chains: ['steel.low-carbon', 'steel.recycling', 'steel.digital', 'petrochem.oil-gas', 'petrochem.new-materials', 'energy.wind', 'marine.equipment', 'ai.applications'],
    regions: ['zetdz', 'hightech-zone', 'xiashan'],
    capacity: 100,
  },
];

export interface DemoUser {
  email: string;
  displayName: string;
  phone: string;
  platformRoles: PlatformRole[];
  orgs: { key: string; role: OrgRole }[];
  /** What this account is for, printed by the launcher. */
  purpose: string;
}

// 91 = enterprise, 12 = public institution (事业单位), 11 = government body, 52 = private non-enterprise unit.
// 4408xx are Zhanjiang's administrative division codes.
export const DEMO_ORGS: DemoOrg[] = [
  {
    key: 'bureau',
    name: '湛江市科学技术局',
    type: 'government',
    creditCode: creditCode('11440800MB2C11234'),
    region: 'chikan',
    industries: [],
    website: null,
    description: '负责全市科技成果转化、揭榜挂帅项目组织和技术合同认定登记工作。',
    verified: true,
  },
  {
    key: 'steel',
    name: '湛江东海岛绿钢科技有限公司',
    type: 'enterprise',
    creditCode: creditCode('91440800MA4W8G2K3'),
    region: 'zetdz',
    industries: ['steel'],
    website: 'https://greensteel.example.cn',
    description: '氢基竖炉直接还原铁与短流程电炉炼钢示范企业，关注低碳冶炼与钢渣资源化。',
    verified: true,
  },
  {
    key: 'petrochem',
    name: '湛江巴东石化新材料有限公司',
    type: 'enterprise',
    creditCode: creditCode('91440800MA53T6PX1'),
    region: 'zetdz',
    industries: ['petrochem'],
    website: null,
    description: '乙烯下游高端聚烯烃与特种化学品生产企业。',
    verified: true,
  },
  {
    key: 'marine',
    name: '湛江蓝海海洋牧场科技有限公司',
    type: 'enterprise',
    creditCode: creditCode('91440804MA5H0Q7L2'),
    region: 'potou',
    industries: ['marine'],
    website: null,
    description: '深远海网箱养殖金鲳鱼、南美白对虾工厂化养殖与海洋牧场运营。',
    verified: true,
  },
  {
    key: 'food',
    name: '湛江南珍预制菜食品有限公司',
    type: 'enterprise',
    creditCode: creditCode('91440811MA56KR9B4'),
    region: 'mazhang',
    industries: ['food'],
    website: null,
    description: '水产预制菜研发与冷链加工，主打对虾、生蚝系列产品。',
    verified: true,
  },
  {
    key: 'university',
    name: '湛江海洋科技大学',
    type: 'university',
    creditCode: creditCode('12440800455860471'),
    region: 'mazhang',
    industries: ['marine', 'food'],
    website: 'https://www.example.edu.cn',
    description: '以海洋、水产、食品为特色的高校，设有技术转移中心。',
    verified: true,
  },
  {
    key: 'institute',
    name: '湛江南海热带农业科学研究院',
    type: 'institute',
    creditCode: creditCode('12440800MB1D56789'),
    region: 'chikan',
    industries: ['food'],
    website: null,
    description: '热带作物育种、农产品加工与红树林生态修复研究。',
    verified: true,
  },
  {
    key: 'rdi',
    name: '湛江湾海洋装备新型研发机构',
    type: 'new-rd-institution',
    creditCode: creditCode('52440800MJ8E21357'),
    region: 'hightech-zone',
    industries: ['marine', 'energy'],
    website: null,
    description: '海上风电漂浮式基础、海工装备数字孪生与海洋传感器研发。',
    verified: true,
  },
  {
    key: 'agency',
    name: '湛江科技成果转化服务中心',
    type: 'tech-transfer-agency',
    creditCode: creditCode('52440800MJ9F43210'),
    region: 'chikan',
    industries: [],
    website: null,
    description: '技术经纪人团队，提供成果评价、对接洽谈和技术合同登记服务。',
    verified: true,
  },
  {
    key: 'broker-firm',
    name: '湛江湾区技术经理人事务所',
    type: 'broker-firm',
    creditCode: creditCode('91440800MA5BRK0F1'),
    region: 'chikan',
    industries: [],
    website: null,
    description: '专业技术经理人团队：成果评价、技术对接、合同谈判与技术合同登记代理。',
    verified: true,
  },
  {
    key: 'fund',
    name: '湛江科创投资基金管理有限公司',
    type: 'finance',
    creditCode: creditCode('91440800MA5K2P8N6'),
    region: 'chikan',
    industries: [],
    website: null,
    description: '投早投小投硬科技，关注海洋与绿色能源项目。',
    verified: true,
  },
  {
    key: 'bank',
    name: '湛江农商银行科技支行',
    type: 'finance',
    creditCode: creditCode('91440800MA5K3B7Q1'),
    region: 'chikan',
    industries: [],
    website: null,
    description: '科技型中小企业专营支行：科技信贷、知识产权质押融资，单笔 100 万–1000 万元。',
    verified: true,
  },
  {
    key: 'pilot',
    name: '湛江海洋生物中试基地运营有限公司',
    type: 'enterprise',
    creditCode: creditCode('91440811MA5K2R8N4'),
    region: 'mazhang',
    industries: ['marine'],
    website: null,
    description: '运营湛江海洋生物中试基地：海洋生物活性物质提取、发酵放大与冻干制剂中试，开放共享分析仪器。',
    verified: true,
  },
  {
    key: 'pending',
    name: '湛江新蓝生物科技有限公司',
    type: 'enterprise',
    creditCode: creditCode('91440881MA5N7U3Q2'),
    region: 'lianjiang',
    industries: ['food', 'marine'],
    website: null,
    description: '海洋生物活性物质提取与功能食品开发（待认证的演示机构）。',
    verified: false,
  },
];

export const DEMO_USERS: DemoUser[] = [
  {
    email: 'admin@demo.zj.cn',
    displayName: '科技局 周主任',
    phone: '07592000001',
    platformRoles: [PlatformRole.Admin],
    orgs: [{ key: 'bureau', role: OrgRole.Admin }],
    purpose: '平台管理员（科技局）/ platform admin',
  },
  {
    email: 'broker@demo.zj.cn',
    displayName: '技术经纪人 李明',
    phone: '13800000002',
    platformRoles: [PlatformRole.Broker],
    orgs: [{ key: 'agency', role: OrgRole.Admin }],
    purpose: '技术经纪人 / broker',
  },
  {
    email: 'broker2@demo.zj.cn',
    displayName: '技术经纪人 赵倩',
    phone: '13800000012',
    platformRoles: [PlatformRole.Broker],
    orgs: [{ key: 'agency', role: OrgRole.Member }],
    purpose: '技术经纪人（钢铁、石化、能源）/ broker',
  },
  {
    email: 'reviewer@demo.zj.cn',
    displayName: '评审专家 王芳教授',
    phone: '13800000003',
    platformRoles: [PlatformRole.Reviewer],
    orgs: [{ key: 'institute', role: OrgRole.Member }],
    purpose: '评审专家 / reviewer',
  },
  {
    email: 'commissioner@demo.zj.cn',
    displayName: '科技特派员 陈海洋研究员',
    phone: '13800000013',
    platformRoles: [PlatformRole.Commissioner],
    orgs: [{ key: 'university', role: OrgRole.Member }],
    purpose: '科技特派员（派驻坡头区，服务蓝海牧场）/ S&T commissioner',
  },
  {
    email: 'county@demo.zj.cn',
    displayName: '坡头区科工商务局 林科长',
    phone: '13800000016',
    // granted with its county (坡头区) by the counties seeder: the role needs one
    platformRoles: [],
    orgs: [],
    purpose: '县区科技管理人员（坡头区，年度需求清单已发布）/ county official',
  },
  {
    email: 'expert@demo.zj.cn',
    displayName: '外联专家 刘振华教授',
    phone: '13800000014',
    platformRoles: [PlatformRole.Reviewer],
    orgs: [],
    purpose: '外联专家（专家库，已声明回避湛江湾海洋装备新型研发机构）/ external expert',
  },
  {
    email: 'tuzhuanjia@demo.zj.cn',
    displayName: '土专家 黄阿福',
    phone: '13800000015',
    platformRoles: [],
    orgs: [],
    purpose: '土专家·田秀才（专家库，深海网箱养殖）/ field practitioner expert',
  },
  {
    email: 'steel@demo.zj.cn',
    displayName: '陈刚（绿钢科技 技术总监）',
    phone: '13800000004',
    platformRoles: [],
    orgs: [{ key: 'steel', role: OrgRole.Admin }],
    purpose: '企业机构管理员（绿色钢铁）/ enterprise org admin',
  },
  {
    email: 'petrochem@demo.zj.cn',
    displayName: '黄蕾（巴东石化 研发部）',
    phone: '13800000005',
    platformRoles: [],
    orgs: [{ key: 'petrochem', role: OrgRole.Admin }],
    purpose: '企业机构管理员（绿色石化）/ enterprise org admin',
  },
  {
    email: 'marine@demo.zj.cn',
    displayName: '吴海（蓝海牧场 总经理）',
    phone: '13800000006',
    platformRoles: [],
    orgs: [{ key: 'marine', role: OrgRole.Admin }],
    purpose: '企业机构管理员（海洋牧场）/ enterprise org admin',
  },
  {
    email: 'food@demo.zj.cn',
    displayName: '梁静（南珍食品 品控）',
    phone: '13800000007',
    platformRoles: [],
    orgs: [{ key: 'food', role: OrgRole.Admin }],
    purpose: '企业机构管理员（食品）/ enterprise org admin',
  },
  {
    email: 'tto@demo.zj.cn',
    displayName: '郑老师（海洋科技大学 技术转移中心）',
    phone: '13800000008',
    platformRoles: [],
    orgs: [{ key: 'university', role: OrgRole.Admin }],
    purpose: '高校技术转移办 机构管理员 / university tech-transfer officer',
  },
  {
    email: 'researcher@demo.zj.cn',
    displayName: '林海教授（水产养殖）',
    phone: '13800000009',
    platformRoles: [PlatformRole.Reviewer],
    orgs: [{ key: 'university', role: OrgRole.Member }],
    purpose: '科研人员，兼评审专家 / researcher and reviewer',
  },
  {
    email: 'rdi@demo.zj.cn',
    displayName: '许工（海洋装备研发机构）',
    phone: '13800000010',
    platformRoles: [],
    orgs: [{ key: 'rdi', role: OrgRole.Admin }],
    purpose: '新型研发机构 机构管理员 / R&D institution admin',
  },
  {
    email: 'bank@demo.zj.cn',
    displayName: '科技支行 客户经理 梁文',
    phone: '13800000023',
    platformRoles: [],
    orgs: [{ key: 'bank', role: OrgRole.Admin }],
    purpose: '金融机构（银行：科技贷款、知识产权质押）/ bank',
  },
  {
    email: 'fund@demo.zj.cn',
    displayName: '海洋产业基金 投资经理 邓超',
    phone: '13800000024',
    platformRoles: [],
    orgs: [{ key: 'fund', role: OrgRole.Admin }],
    purpose: '金融机构（海洋产业投资基金：股权投资）/ fund',
  },
  {
    email: 'pilot@demo.zj.cn',
    displayName: '梁工（海洋生物中试基地）',
    phone: '13800000021',
    platformRoles: [],
    orgs: [{ key: 'pilot', role: OrgRole.Admin }],
    purpose: '中试基地运营方（中试平台、共享仪器，审批预约）/ pilot base operator',
  },
  {
    email: 'newcorp@demo.zj.cn',
    displayName: '何女士（新蓝生物）',
    phone: '13800000011',
    platformRoles: [],
    orgs: [{ key: 'pending', role: OrgRole.Admin }],
    purpose: '待认证机构的管理员 / admin of an organisation awaiting verification',
  },
];
