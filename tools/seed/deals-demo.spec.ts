import { CONTRACT_SUBTYPE_CODES, COOPERATION_MODE_CODES, DEAL_PIPELINE, PlatformRole, YUAN_PATTERN, yuanToFen } from '@ztt/contracts';
import { DEMO_ACHIEVEMENTS, DEMO_NEEDS } from './demo-catalogue';
import { DEMO_USERS } from './demo-data';
import { DEMO_DEALS } from './deals.seeder';

describe('demo deals', () => {
  it('pair demo needs and achievements, led by demo brokers', () => {
    for (const d of DEMO_DEALS) {
      expect(DEMO_NEEDS.map((n) => n.title)).toContain(d.need);
      expect(DEMO_ACHIEVEMENTS.map((a) => a.title)).toContain(d.achievement);
      expect(DEMO_USERS.find((u) => u.email === d.broker)?.platformRoles).toContain(PlatformRole.Broker);
      expect(COOPERATION_MODE_CODES).toContain(d.mode);
      // one duration per stage reached
      expect(d.days).toHaveLength(DEAL_PIPELINE.indexOf(d.stage) + 1);
    }
  });

  it('span several stages and include one registered contract with exact, consistent amounts', () => {
    expect(new Set(DEMO_DEALS.map((d) => d.stage)).size).toBeGreaterThanOrEqual(4);
    const registered = DEMO_DEALS.filter((d) => d.stage === 'registered');
    expect(registered).toHaveLength(1);
    const c = registered[0]?.contract;
    expect(c?.registrationNumber).toBeTruthy();
    for (const d of DEMO_DEALS.filter((x) => x.contract)) {
      const k = d.contract as NonNullable<typeof d.contract>;
      expect(CONTRACT_SUBTYPE_CODES).toContain(k.contractSubtype);
      expect(k.contractSubtype.split('.')[0]).toBe(k.contractType);
      expect(k.totalAmount).toMatch(YUAN_PATTERN);
      expect(yuanToFen(k.techAmount) <= yuanToFen(k.totalAmount)).toBe(true);
    }
  });
});
