import { addDays, beijingDate } from '@ztt/contracts';
import { TestUser } from './builders';
import { TestApi } from './test-app';

/** The two sides of a test deal: the demand (buyer) and supply (seller) organisations. */
export interface ContractParties {
  buyer: { name: string; creditCode: string };
  seller: { name: string; creditCode: string };
}

/** A contract body (技术合同) with structured `terms`, signed on `signedOn`. */
export function contractWithTerms(parties: ContractParties, terms: unknown, signedOn: string): Record<string, unknown> {
  return {
    contractNo: 'ZJ-2026-LY',
    contractName: '履约测试技术合同',
    contractType: 'transfer',
    contractSubtype: 'transfer.patent',
    ...parties,
    signedOn,
    periodStart: signedOn,
    periodEnd: addDays(signedOn, 1000),
    totalAmount: '1000000.00',
    techAmount: '1000000.00',
    paymentTerms: '按合同条款',
    terms,
  };
}

/**
 * A deal opened by `broker` between the need and the achievement, put at 商务谈判 directly (the
 * earlier gates are deals.e2e-spec's), then moved to signed with `terms`, signed `daysAgo` days
 * ago by the Beijing calendar.
 */
export async function signedDealWithTerms(
  api: TestApi,
  broker: TestUser,
  deal: { needId: string; achievementId: string; title: string; parties: ContractParties },
  terms: unknown,
  daysAgo = 30,
): Promise<string> {
  const res = await api.call('POST', '/api/deals', { token: broker.token, body: { needId: deal.needId, achievementId: deal.achievementId, title: deal.title } });
  if (res.status !== 201) throw new Error(`open deal: ${res.status} ${res.text}`);
  await api.db.query(`UPDATE deal SET stage = 'negotiating' WHERE id = $1`, [res.body.id]);
  const signed = await api.call('POST', `/api/deals/${res.body.id}/stage`, {
    token: broker.token,
    body: { to: 'signed', version: res.body.version, contract: contractWithTerms(deal.parties, terms, addDays(beijingDate(), -daysAgo)) },
  });
  if (signed.status !== 200) throw new Error(`sign deal: ${signed.status} ${signed.text}`);
  return res.body.id;
}
