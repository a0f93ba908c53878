import {
  CHAIN_CODES,
  COOPERATION_MODE_CODES,
  industryOfChain,
  INDUSTRY_CODES,
  IP_TYPE_CODES,
  isValidCreditCode,
  MATURITY_STAGE_CODES,
  NEED_CATEGORY_CODES,
  ORGANISATION_TYPE_CODES,
  passwordProblem,
  REGION_CODES,
} from '@ztt/contracts';
import { DEMO_ACHIEVEMENTS, DEMO_NEEDS } from './demo-catalogue';
import { DEMO_BROKER_PROFILES, DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS } from './demo-data';

describe('demo data', () => {
  it('uses only taxonomy codes and valid credit codes', () => {
    for (const o of DEMO_ORGS) {
      expect(ORGANISATION_TYPE_CODES).toContain(o.type);
      expect(REGION_CODES).toContain(o.region);
      for (const i of o.industries) expect(INDUSTRY_CODES).toContain(i);
      expect(isValidCreditCode(o.creditCode)).toBe(true);
    }
  });

  it('covers every organisation type', () => {
    expect(new Set(DEMO_ORGS.map((o) => o.type))).toEqual(new Set(ORGANISATION_TYPE_CODES));
  });

  it('has a user for every platform role, and every user belongs to a demo organisation', () => {
    expect(new Set(DEMO_USERS.flatMap((u) => u.platformRoles))).toEqual(new Set(['admin', 'broker', 'reviewer', 'commissioner']));
    const keys = new Set(DEMO_ORGS.map((o) => o.key));
    for (const u of DEMO_USERS) for (const m of u.orgs) expect(keys.has(m.key)).toBe(true);
  });

  it('has a demo password the policy accepts', () => {
    expect(passwordProblem(DEMO_PASSWORD)).toBeNull();
  });
});

describe('demo catalogue', () => {
  it('uses only taxonomy codes and owners that exist', () => {
    const keys = new Set(DEMO_ORGS.map((o) => o.key));
    for (const item of [...DEMO_NEEDS, ...DEMO_ACHIEVEMENTS]) {
      expect(keys.has(item.org)).toBe(true);
      for (const c of item.chains) expect(CHAIN_CODES).toContain(c);
      for (const m of item.modes) expect(COOPERATION_MODE_CODES).toContain(m);
      expect(REGION_CODES).toContain(item.region);
    }
    for (const n of DEMO_NEEDS) expect(NEED_CATEGORY_CODES).toContain(n.category);
    for (const a of DEMO_ACHIEVEMENTS) {
      expect(MATURITY_STAGE_CODES).toContain(a.stage);
      for (const ip of a.ip) expect(IP_TYPE_CODES).toContain(ip.type);
    }
  });

  it('spans several industries', () => {
    const industries = new Set([...DEMO_NEEDS, ...DEMO_ACHIEVEMENTS].flatMap((i) => i.chains.map(industryOfChain)));
    expect(industries.size).toBeGreaterThanOrEqual(5);
  });
});

describe('demo brokers', () => {
  it('are demo users with the broker role, and their specialties are taxonomy codes', () => {
    for (const p of DEMO_BROKER_PROFILES) {
      expect(DEMO_USERS.find((u) => u.email === p.email)?.platformRoles).toContain('broker');
      for (const c of p.chains) expect(CHAIN_CODES).toContain(c);
      for (const r of p.regions) expect(REGION_CODES).toContain(r);
    }
  });
});
