import { IpItem } from '@ztt/contracts';

/** Demo needs and achievements: realistic Zhanjiang listings across the leading industries. */
export interface DemoNeed {
  org: string;
  title: string;
  summary: string;
  confidential: string;
  chains: string[];
  keywords: string[];
  region: string;
  trl: number;
  modes: string[];
  category: string;
  budget: [string, string] | null;
  deadline: string;
  criteria: string;
  contact: string;
}

export interface DemoAchievement {
  org: string;
  title: string;
  summary: string;
  confidential: string;
  chains: string[];
  keywords: string[];
  region: string;
  trl: number;
  modes: string[];
  stage: string;
  ip: IpItem[];
  team: string[];
  price: string | null;
  fields: string;
  results: string;
  contact: string;
}

export const DEMO_NEEDS: DemoNeed[] = [
  {
    org: 'steel',
    title: '氢基竖炉直接还原铁低碳冶炼工艺优化',
    summary: '现有氢基竖炉直接还原铁产线能耗偏高、金属化率波动，寻求工艺参数优化与智能控制方案，降低吨铁能耗与碳排放。',
    confidential: '现有产线年产 100 万吨，当前吨铁能耗 10.2 GJ；现场数据需签署保密协议后提供。',
    chains: ['steel.low-carbon'],
    keywords: ['氢冶金', '直接还原铁', '节能降碳'],
    region: 'zetdz',
    trl: 6,
    modes: ['joint-dev', 'commissioned-dev'],
    category: 'core',
    budget: ['300', '800'],
    deadline: '2027-06-30',
    criteria: '金属化率 ≥ 93%，吨铁能耗下降 8% 以上',
    contact: '陈工',
  },
  {
    org: 'steel',
    title: '钢渣资源化利用制备建材技术需求',
    summary: '每年产生钢渣约 80 万吨，希望开发钢渣微粉、钢渣骨料等高值化利用技术，实现固废综合利用。',
    confidential: '钢渣化学成分检测报告（内部）；目标合作方需具备中试线。',
    chains: ['steel.recycling'],
    keywords: ['钢渣', '固废利用', '建材'],
    region: 'zetdz',
    trl: 5,
    modes: ['transfer', 'joint-dev'],
    category: 'common-key',
    budget: ['100', '300'],
    deadline: '2027-03-31',
    criteria: '钢渣利用率 ≥ 90%，产品满足国家建材标准',
    contact: '陈工',
  },
  {
    org: 'petrochem',
    title: '乙烯装置裂解炉结焦在线监测与预测',
    summary: '乙烯裂解炉管结焦导致频繁清焦停炉，需要基于工艺数据的结焦在线监测和清焦周期预测模型。',
    confidential: '裂解炉 DCS 历史数据 3 年，可脱敏提供。',
    chains: ['petrochem.oil-gas', 'ai.applications'],
    keywords: ['裂解炉', '结焦预测', '工业大模型'],
    region: 'zetdz',
    trl: 5,
    modes: ['commissioned-dev', 'service'],
    category: 'common-key',
    budget: ['150', '400'],
    deadline: '2027-05-31',
    criteria: '清焦周期预测误差 ≤ 5 天',
    contact: '黄蕾',
  },
  {
    org: 'petrochem',
    title: '可降解聚酯材料改性配方开发',
    summary: '拟开发 PBAT/PLA 共混改性可降解材料，用于农用地膜与包装，要求力学性能与降解周期可控。',
    confidential: '目标客户与价格策略（保密）。',
    chains: ['petrochem.new-materials'],
    keywords: ['生物降解', 'PBAT', '农用地膜'],
    region: 'potou',
    trl: 4,
    modes: ['joint-dev'],
    category: 'frontier',
    budget: null,
    deadline: '2027-09-30',
    criteria: '拉伸强度 ≥ 20 MPa，180 天降解率 ≥ 90%',
    contact: '黄蕾',
  },
  {
    org: 'marine',
    title: '南美白对虾工厂化循环水养殖尾水处理',
    summary: '工厂化循环水养殖对虾尾水氨氮、亚硝酸盐超标，需要低成本尾水处理与回用工艺及成套设备。',
    confidential: '现有设备日处理 500 吨；内部预算批复 80 万元。',
    chains: ['marine.ranching'],
    keywords: ['对虾养殖', '尾水处理', '循环水'],
    region: 'potou',
    trl: 6,
    modes: ['commissioned-dev', 'transfer'],
    category: 'common-key',
    budget: ['50', '120'],
    deadline: '2027-04-30',
    criteria: '出水氨氮 ≤ 1 mg/L，水回用率 ≥ 80%',
    contact: '吴海',
  },
  {
    org: 'marine',
    title: '深远海网箱金鲳鱼投喂与鱼群行为智能监测',
    summary: '深远海网箱养殖金鲳鱼人工投喂成本高，需要水下视觉识别鱼群摄食行为并自动调节投喂的系统。',
    confidential: '网箱位置坐标与养殖规模（保密）。',
    chains: ['marine.ranching', 'marine.electronics'],
    keywords: ['深远海养殖', '智能投喂', '水下视觉'],
    region: 'xuwen',
    trl: 5,
    modes: ['joint-dev', 'use-first-pay-later'],
    category: 'core',
    budget: ['200', '500'],
    deadline: '2027-08-31',
    criteria: '饲料系数降低 10%，识别准确率 ≥ 90%',
    contact: '吴海',
  },
  {
    org: 'food',
    title: '水产预制菜低温锁鲜与品质保持技术',
    summary: '对虾、生蚝类预制菜冷链储运中品质下降明显，寻求速冻锁鲜、保水与风味保持技术。',
    confidential: '现有产品配方与工艺卡（保密）。',
    chains: ['food.processing', 'food.testing-cold-chain'],
    keywords: ['预制菜', '速冻锁鲜', '冷链'],
    region: 'mazhang',
    trl: 6,
    modes: ['transfer', 'consulting'],
    category: 'common-key',
    budget: ['30', '80'],
    deadline: '2027-02-28',
    criteria: '冻藏 6 个月感官评分 ≥ 8 分，汁液流失率 ≤ 5%',
    contact: '梁静',
  },
  {
    org: 'food',
    title: '生蚝壳高值化利用制备钙制剂',
    summary: '加工过程中产生大量生蚝壳，希望开发活性钙、食品级碳酸钙等高值产品。',
    confidential: '年产蚝壳约 2 万吨。',
    chains: ['food.processing', 'marine.biomed'],
    keywords: ['牡蛎壳', '活性钙', '副产物利用'],
    region: 'mazhang',
    trl: 4,
    modes: ['joint-dev', 'transfer'],
    category: 'frontier',
    budget: ['40', '100'],
    deadline: '2027-07-31',
    criteria: '产品达到食品添加剂国家标准',
    contact: '梁静',
  },
];

export const DEMO_ACHIEVEMENTS: DemoAchievement[] = [
  {
    org: 'university',
    title: '对虾抗病新品系家系选育与苗种繁育技术',
    summary: '通过多代家系选育获得抗病、快长的凡纳滨对虾新品系，配套工厂化苗种繁育工艺，已在湛江多家育苗场示范。',
    confidential: '亲本来源与选育指数参数（保密）。',
    chains: ['marine.ranching', 'food.seed'],
    keywords: ['对虾育种', '良种培育', '苗种繁育'],
    region: 'mazhang',
    trl: 7,
    modes: ['license', 'transfer'],
    stage: 'pilot',
    ip: [
      { type: 'invention-patent', number: 'ZL202110123456.1', status: '已授权' },
      { type: 'plant-variety', number: 'GS-01-003-2024', status: '已审定' },
    ],
    team: ['林海', '张敏'],
    price: null,
    fields: '对虾育苗场、养殖企业',
    results: '示范场成活率提高 15%，养殖周期缩短 10 天',
    contact: '林教授',
  },
  {
    org: 'university',
    title: '养殖尾水生态净化与循环利用集成技术',
    summary: '微生物—水生植物—人工湿地组合工艺处理海水养殖尾水，运行成本低，出水可回用于养殖。',
    confidential: '菌剂配方（技术秘密）。',
    chains: ['marine.ranching', 'livelihood.ecology'],
    keywords: ['尾水处理', '人工湿地', '循环水养殖'],
    region: 'mazhang',
    trl: 6,
    modes: ['transfer', 'service'],
    stage: 'pilot',
    ip: [{ type: 'invention-patent', number: 'ZL202010567890.2', status: '已授权' }],
    team: ['郑老师'],
    price: '60',
    fields: '海水养殖场、工厂化养殖',
    results: '氨氮去除率 92%，吨水处理成本 0.3 元',
    contact: '郑老师',
  },
  {
    org: 'institute',
    title: '热带水果预冷保鲜与冷链品质控制技术',
    summary: '针对菠萝、芒果等热带水果采后损耗高的问题，开发差压预冷与气调保鲜技术，延长货架期。',
    confidential: '保鲜剂配方（保密）。',
    chains: ['food.testing-cold-chain'],
    keywords: ['冷链', '保鲜', '热带水果'],
    region: 'chikan',
    trl: 7,
    modes: ['license', 'consulting'],
    stage: 'trial-production',
    ip: [{ type: 'invention-patent', number: 'ZL201910234567.8', status: '已授权' }],
    team: ['王芳'],
    price: '45',
    fields: '果蔬流通企业、冷链物流',
    results: '货架期延长 7 天，损耗率下降 40%',
    contact: '王芳',
  },
  {
    org: 'institute',
    title: '红树林生态修复与植物快速繁育技术',
    summary: '红树植物种苗快速繁育与滩涂生态修复成套技术，适用于湛江沿海红树林保护区。',
    confidential: '育苗基质配比。',
    chains: ['livelihood.ecology'],
    keywords: ['红树植物', '生态修复', '种苗繁育'],
    region: 'leizhou',
    trl: 8,
    modes: ['service', 'consulting'],
    stage: 'trial-production',
    ip: [{ type: 'utility-model', number: 'ZL202220345678.9', status: '已授权' }],
    team: ['王芳', '李强'],
    price: null,
    fields: '生态修复工程、海岸带管理',
    results: '造林成活率 ≥ 85%',
    contact: '王芳',
  },
  {
    org: 'rdi',
    title: '漂浮式海上风电基础动力响应分析与设计软件',
    summary: '面向深远海漂浮式风机基础的耦合动力分析与优化设计软件，支持半潜式、立柱式基础选型。',
    confidential: '核心求解算法源代码。',
    chains: ['energy.wind', 'marine.equipment'],
    keywords: ['海上风电', '浮式基础', '数字孪生'],
    region: 'hightech-zone',
    trl: 6,
    modes: ['license', 'joint-dev'],
    stage: 'pilot',
    ip: [{ type: 'software-copyright', number: '2024SR0123456', status: '已登记' }],
    team: ['许工', '陈博士'],
    price: '120',
    fields: '海上风电设计院、海工装备企业',
    results: '设计周期缩短 30%，已用于 2 个示范项目',
    contact: '许工',
  },
  {
    org: 'rdi',
    title: '海洋环境多参数原位监测传感器',
    summary: '低功耗、抗生物附着的温盐深、溶解氧、pH 多参数原位监测传感器，适用于海洋牧场与近海养殖。',
    confidential: '防附着涂层工艺。',
    chains: ['marine.electronics'],
    keywords: ['海洋传感器', '原位监测', '海洋牧场'],
    region: 'hightech-zone',
    trl: 7,
    modes: ['transfer', 'license'],
    stage: 'trial-production',
    ip: [{ type: 'invention-patent', number: 'ZL202210987654.3', status: '已授权' }],
    team: ['许工'],
    price: '80',
    fields: '海洋牧场、环境监测站',
    results: '连续在海 6 个月数据完整率 98%',
    contact: '许工',
  },
  {
    org: 'university',
    title: '钢铁企业余热回收与低碳能源管理系统',
    summary: '基于数字孪生的钢厂余热余能回收调度与能源管理平台，实现能源流实时优化。',
    confidential: '客户现场数据接口协议。',
    chains: ['steel.digital', 'steel.low-carbon'],
    keywords: ['余热回收', '能源管理', '数字孪生'],
    region: 'mazhang',
    trl: 6,
    modes: ['commissioned-dev', 'license'],
    stage: 'pilot',
    ip: [{ type: 'software-copyright', number: '2023SR0987654', status: '已登记' }],
    team: ['郑老师', '周工'],
    price: null,
    fields: '钢铁、石化等高耗能企业',
    results: '试点企业综合能耗下降 4.5%',
    contact: '郑老师',
  },
];
