import { canMoveDeal, DealStage, fenToYuan, OrgRole, PlatformRole, yuanToFen } from '@ztt/contracts';
import { AuthContext, loadConfig } from '@ztt/platform';
import { accessOf } from './deal-access';
import { Deal } from './deal.entity';

describe("a financing deal's stages (canMoveDeal with the kind)", () => {
  it('goes lead → … → negotiating → closed, never to signed', () => {
    expect(canMoveDeal(DealStage.Negotiating, DealStage.Closed, 'financing')).toBe(true);
    expect(canMoveDeal(DealStage.Negotiating, DealStage.Signed, 'financing')).toBe(false);
    expect(canMoveDeal(DealStage.DueDiligence, DealStage.Closed, 'financing')).toBe(false);
    expect(canMoveDeal(DealStage.Lead, DealStage.Contacted, 'financing')).toBe(true);
  });
  it('can be lost while open, not once closed', () => {
    expect(canMoveDeal(DealStage.Negotiating, DealStage.Lost, 'financing')).toBe(true);
    expect(canMoveDeal(DealStage.Closed, DealStage.Lost, 'financing')).toBe(false);
  });
  it('leaves technology deals as they were: closed is not one of their stages', () => {
    expect(canMoveDeal(DealStage.Negotiating, DealStage.Closed)).toBe(false);
    expect(canMoveDeal(DealStage.Negotiating, DealStage.Signed, 'technology')).toBe(true);
    expect(canMoveDeal(DealStage.Signed, DealStage.Lost)).toBe(true);
  });
});

describe('stage rules', () => {
  it('moves one step forward only', () => {
    expect(canMoveDeal(DealStage.Lead, DealStage.Contacted)).toBe(true);
    expect(canMoveDeal(DealStage.Negotiating, DealStage.Signed)).toBe(true);
    expect(canMoveDeal(DealStage.Registered, DealStage.Fulfilled)).toBe(true);
    expect(canMoveDeal(DealStage.Lead, DealStage.NdaSigned)).toBe(false);
    expect(canMoveDeal(DealStage.Signed, DealStage.Negotiating)).toBe(false);
    expect(canMoveDeal(DealStage.Fulfilled, DealStage.Lead)).toBe(false);
  });

  it('loses only open deals', () => {
    for (const s of [DealStage.Lead, DealStage.Contacted, DealStage.NdaSigned, DealStage.DueDiligence, DealStage.Negotiating, DealStage.Signed])
      expect(canMoveDeal(s, DealStage.Lost)).toBe(true);
    for (const s of [DealStage.Registered, DealStage.Fulfilled, DealStage.Lost]) expect(canMoveDeal(s, DealStage.Lost)).toBe(false);
  });
});

describe('amounts', () => {
  it('converts yuan text to fen and back exactly', () => {
    expect(yuanToFen('1234567.89')).toBe(123456789n);
    expect(yuanToFen('0.1')).toBe(10n);
    expect(yuanToFen('99999999999999.99')).toBe(9999999999999999n);
    expect(fenToYuan(123456789n)).toBe('1234567.89');
    expect(fenToYuan(5n)).toBe('0.05');
  });

  it('refuses anything that is not a plain amount', () => {
    for (const bad of ['1,000', '1.234', '-1', '1e6', '', ' 1']) expect(() => yuanToFen(bad)).toThrow();
  });
});

describe('who a caller is to a deal', () => {
  const deal = { leadBrokerId: 'lead', coBrokerIds: ['co'], demandOrgId: 'org-d', supplyOrgId: 'org-s' } as Deal;
  const actor = (userId: string, roles: PlatformRole[] = [], orgs: string[] = []): AuthContext => ({
    userId,
    sessionId: 's',
    email: `${userId}@x.cn`,
    displayName: userId,
    platformRoles: roles,
    orgRoles: new Map(orgs.map((o) => [o, OrgRole.Member])),
  });

  it('tells brokers, admins and parties apart, and shuts out everyone else', () => {
    expect(accessOf(actor('lead', [PlatformRole.Broker]), deal)?.role).toBe('broker');
    expect(accessOf(actor('co', [PlatformRole.Broker, PlatformRole.Admin]), deal)?.role).toBe('broker');
    expect(accessOf(actor('boss', [PlatformRole.Admin]), deal)?.role).toBe('admin');
    expect(accessOf(actor('u1', [], ['org-s']), deal)).toMatchObject({ role: 'party', sides: ['supply'] });
    expect(accessOf(actor('other', [PlatformRole.Broker]), deal)).toBeNull();
    expect(accessOf(actor('u2', [], ['org-x']), deal)).toBeNull();
  });
});

describe('idle reminder configuration', () => {
  it('defaults to 14 days and an hourly scan, and refuses nonsense', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).deals).toEqual({ idleDays: 14, idleScanMs: 3_600_000, fulfilmentScanMs: 3_600_000, fulfilmentRemindDays: 7 });
    expect(loadConfig({ NODE_ENV: 'test', DEALS_IDLE_DAYS: '7', DEALS_IDLE_SCAN_MS: '60000' }).deals).toMatchObject({ idleDays: 7, idleScanMs: 60_000 });
    expect(() => loadConfig({ NODE_ENV: 'test', DEALS_IDLE_DAYS: '0' })).toThrow(/DEALS_IDLE_DAYS must be a whole number from 1 to 365/);
    expect(() => loadConfig({ NODE_ENV: 'test', DEALS_IDLE_SCAN_MS: 'soon' })).toThrow(/DEALS_IDLE_SCAN_MS/);
  });
});
