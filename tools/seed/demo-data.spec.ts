import { INDUSTRY_CODES, isValidCreditCode, ORGANISATION_TYPE_CODES, passwordProblem, REGION_CODES } from '@ztt/contracts';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS } from './demo-data';

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
    expect(new Set(DEMO_USERS.flatMap((u) => u.platformRoles))).toEqual(new Set(['admin', 'broker', 'reviewer']));
    const keys = new Set(DEMO_ORGS.map((o) => o.key));
    for (const u of DEMO_USERS) for (const m of u.orgs) expect(keys.has(m.key)).toBe(true);
  });

  it('has a demo password the policy accepts', () => {
    expect(passwordProblem(DEMO_PASSWORD)).toBeNull();
  });
});
