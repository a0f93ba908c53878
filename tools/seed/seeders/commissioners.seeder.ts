import { addDays, beijingDate } from '@ztt/contracts';
import { Commissioner, CommissionerAssignment, ServiceLog, ServicePlanItem } from '@ztt/commissioners';
import { Organisation, User } from '@ztt/identity';
import { DEMO_ORGS } from '../demo-data';
import { Seeder } from '../seeder';

const orgName = (key: string) => DEMO_ORGS.find((o) => o.key === key)?.name ?? '';

/**
 * The demo 科技特派员: a researcher of the marine university on the roster, assigned this year to
 * 坡头区 to serve the marine ranching enterprise; two planned services, two logged services (one
 * confirmed and rated by the enterprise, one waiting for its confirmation).
 */
export const commissionersSeeder: Seeder = {
  name: 'commissioners',
  async run({ manager }) {
    const [user, admin, confirmer, institution, served] = await Promise.all([
      manager.findOneBy(User, { email: 'commissioner@demo.zj.cn' }),
      manager.findOneBy(User, { email: 'admin@demo.zj.cn' }),
      manager.findOneBy(User, { email: 'marine@demo.zj.cn' }),
      manager.findOneBy(Organisation, { name: orgName('university') }),
      manager.findOneBy(Organisation, { name: orgName('marine') }),
    ]);
    if (!user || !institution || !served || (await manager.existsBy(Commissioner, { userId: user.id }))) return 0;
    const today = beijingDate();
    const year = Number(today.slice(0, 4));
    const entry = await manager.save(
      manager.create(Commissioner, {
        userId: user.id,
        institutionOrgId: institution.id,
        chains: ['marine.ranching'],
        keywords: ['对虾', '海水养殖', '尾水处理'],
        active: true,
        createdBy: admin?.id ?? null,
      }),
    );
    await manager.insert(CommissionerAssignment, {
      commissionerId: entry.id,
      region: 'potou',
      town: '南三镇',
      servedOrgId: served.id,
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      createdBy: admin?.id ?? null,
    });
    const [training] = await manager.save([
      manager.create(ServicePlanItem, { commissionerId: entry.id, year, title: '对虾工厂化养殖尾水处理现场指导', target: '蓝海牧场' }),
      manager.create(ServicePlanItem, { commissionerId: entry.id, year, title: '海水养殖病害防控培训（两期）', target: '坡头区养殖户' }),
    ]);
    await manager.insert(ServiceLog, [
      {
        commissionerId: entry.id,
        servedOn: addDays(today, -20),
        place: '坡头区南三镇蓝海牧场养殖基地',
        content: '现场检查循环水养殖系统，指导尾水处理设备调试，提出氨氮控制方案',
        servedOrgId: served.id,
        planItemId: training?.id ?? null,
        confirmedBy: confirmer?.id ?? null,
        confirmedAt: new Date(Date.now() - 15 * 86_400_000),
        rating: 5,
        ratingComment: '指导及时，尾水氨氮已降到排放标准以内',
      },
      {
        commissionerId: entry.id,
        servedOn: addDays(today, -3),
        place: '蓝海牧场会议室',
        content: '讲解对虾育苗期常见病害防控要点，答复技术人员提问',
        servedOrgId: served.id,
        planItemId: null,
      },
    ]);
    return 6;
  },
};
