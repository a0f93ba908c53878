import { PolicySubject } from '@ztt/contracts';
import builtIn from './policy-programmes.json';
import { evaluatePolicies, parsePolicies } from './policy-rules';

const programmes = parsePolicies(builtIn);

const loanFirm: PolicySubject = {
  instrument: 'loan',
  amount: '5000000',
  org: { type: 'enterprise', verified: true, region: 'xiashan', credentials: ['sme_tech'] },
  grantedPatent: false,
};

function byCode(subject: PolicySubject) {
  return new Map(evaluatePolicies(programmes, subject).map((e) => [e.code, e]));
}

describe('policy referral eligibility', () => {
  it('the built-in configuration names the three programmes of the plan', () => {
    expect(programmes.map((p) => p.name['zh-CN'])).toEqual(['科技信贷风险补偿资金池', '知识产权质押融资白名单', '科技成果转化保险']);
  });

  it('a verified Zhanjiang tech SME asking a 500万 loan is eligible for the risk-compensation pool, every condition met', () => {
    const pool = byCode(loanFirm).get('risk_compensation_pool');
    expect(pool?.eligible).toBe(true);
    expect(pool?.conditions.every((c) => c.met)).toBe(true);
    expect(pool?.conditions.map((c) => c.text['zh-CN'])).toContain('具有高新技术企业或科技型中小企业资质');
  });

  it('without a granted patent the IP-pledge whitelist is refused, and only that condition is unmet', () => {
    const ip = byCode(loanFirm).get('ip_pledge_whitelist');
    expect(ip?.eligible).toBe(false);
    expect(ip?.conditions.filter((c) => !c.met).map((c) => c.text['zh-CN'])).toEqual(['融资需求所附成果有已授权专利']);
    expect(byCode({ ...loanFirm, grantedPatent: true }).get('ip_pledge_whitelist')?.eligible).toBe(true);
  });

  it('the amount ceiling is inclusive and exact to the fen', () => {
    expect(byCode({ ...loanFirm, amount: '10000000.00' }).get('risk_compensation_pool')?.eligible).toBe(true);
    const over = byCode({ ...loanFirm, amount: '10000000.01' }).get('risk_compensation_pool');
    expect(over?.eligible).toBe(false);
    expect(over?.conditions.find((c) => c.kind === 'amount_max')?.met).toBe(false);
  });

  it('an unverified firm, one without credentials, or one outside Zhanjiang is told which condition fails', () => {
    const unmet = (s: PolicySubject) =>
      byCode(s)
        .get('risk_compensation_pool')
        ?.conditions.filter((c) => !c.met)
        .map((c) => c.kind);
    expect(unmet({ ...loanFirm, org: { ...loanFirm.org, verified: false } })).toEqual(['org_verified']);
    expect(unmet({ ...loanFirm, org: { ...loanFirm.org, credentials: [] } })).toEqual(['credential_any']);
    expect(unmet({ ...loanFirm, org: { ...loanFirm.org, region: 'maoming' } })).toEqual(['region_zhanjiang']);
    expect(unmet({ ...loanFirm, org: { ...loanFirm.org, type: 'university' } })).toEqual(['org_type']);
  });

  it('an equity request is eligible for none, each saying the instrument does not fit', () => {
    const all = evaluatePolicies(programmes, { ...loanFirm, instrument: 'equity' });
    expect(all.every((e) => !e.eligible)).toBe(true);
    expect(all.every((e) => e.conditions.some((c) => c.kind === 'instrument' && !c.met))).toBe(true);
  });

  it('an insurance request of a high-tech enterprise within 300万 is eligible for conversion insurance', () => {
    const ins = byCode({ ...loanFirm, instrument: 'insurance', amount: '3000000', org: { ...loanFirm.org, credentials: ['high_tech_enterprise'] } });
    expect(ins.get('conversion_insurance')?.eligible).toBe(true);
    expect(ins.get('risk_compensation_pool')?.eligible).toBe(false);
  });

  it('a configuration it cannot evaluate is refused with every problem named', () => {
    expect(() => parsePolicies({ programmes: [] })).toThrow(/non-empty/);
    expect(() =>
      parsePolicies({
        programmes: [
          {
            code: 'x_pool',
            name: { 'zh-CN': '甲', en: 'A' },
            description: { 'zh-CN': '甲', en: 'A' },
            instruments: ['loan'],
            conditions: [
              { kind: 'amount_max', amount: '1万', text: { 'zh-CN': '上限', en: 'cap' } },
              { kind: 'credential_any', credentials: ['gold'], text: { 'zh-CN': '资质', en: 'cred' } },
              { kind: 'moon_phase', text: { 'zh-CN': '月相', en: 'moon' } },
            ],
          },
        ],
      }),
    ).toThrow(/amount must be a decimal[\s\S]*credentials must list[\s\S]*"moon_phase" is not known/);
  });
});
