import { fieldMessage } from '@ztt/contracts';
import { AppException, createValidationPipe } from '@ztt/platform';
import { ContractDto } from './deal.dto';
import { EquityTermsDto, LicenceTermsDto, TransferTermsDto, UseFirstTermsDto } from './contract-terms.dto';

const contract = (terms: unknown) => ({
  contractName: '养殖尾水处理技术合同',
  contractType: 'transfer',
  contractSubtype: 'transfer.patent',
  buyer: { name: '甲方', creditCode: '91440800MA4UXXXXX1' },
  seller: { name: '乙方', creditCode: '91440800MA4UXXXXX2' },
  signedOn: '2026-11-20',
  periodStart: '2026-12-01',
  periodEnd: '2027-11-30',
  totalAmount: '1000.00',
  techAmount: '1000.00',
  paymentTerms: '分期支付',
  terms,
});

const pipe = createValidationPipe();
const run = (body: unknown) => pipe.transform(body, { type: 'body', metatype: ContractDto }) as Promise<ContractDto>;

/** The field problems the API would answer with, as `field:code`. */
async function problems(terms: unknown): Promise<string[]> {
  try {
    await run(contract(terms));
    return [];
  } catch (e) {
    if (!(e instanceof AppException)) throw e;
    return e.fields.map((f) => `${f.field}:${f.code}`);
  }
}

const licence = {
  model: 'licence',
  kind: 'sole',
  field: '水产养殖',
  territory: '中国大陆',
  termMonths: 36,
  entryFee: '0',
  stagedPayments: [{ milestone: '完成中试', dueOn: '2027-03-01', amount: '300000.50' }],
  royalty: { rate: '5.5', base: 'sales', minimumAnnual: '100000', reportingPeriod: 'quarterly' },
};

describe('contract terms: the model picks the fields that are checked', () => {
  it('turns each model into its own class, and leaves terms out when none are given', async () => {
    expect((await run(contract({ model: 'transfer', price: '100', instalments: [{ dueOn: '2026-12-01', amount: '100' }] }))).terms).toBeInstanceOf(TransferTermsDto);
    expect((await run(contract(licence))).terms).toBeInstanceOf(LicenceTermsDto);
    expect(
      (
        await run(
          contract({
            model: 'use_first',
            trialStartsOn: '2026-12-01',
            trialEndsOn: '2027-05-31',
            trialFee: '0',
            conversionOptions: ['licence'],
            conversionDeadline: '2027-06-30',
            onDecline: 'stop_use',
          }),
        )
      ).terms,
    ).toBeInstanceOf(UseFirstTermsDto);
    expect(
      (await run(contract({ model: 'equity', valuation: '30000000', valuedBy: '评估公司', sharePercent: '15', holder: 'university', lockUpMonths: 36 }))).terms,
    ).toBeInstanceOf(EquityTermsDto);
    const { terms: _none, ...withoutTerms } = contract(null);
    expect((await run(withoutTerms)).terms).toBeUndefined();
    expect((await run(contract(null))).terms).toBeNull();
  });

  it('refuses an unknown model', async () => {
    expect(await problems({ model: 'gift' })).toEqual(['terms.model:isIn']);
  });

  it('names each bad field of a transfer, down to the instalment', async () => {
    expect(await problems({ model: 'transfer', price: '100.001', instalments: [{ dueOn: '2026-02-30x', amount: '-1' }] })).toEqual([
      'terms.price:terms_amount',
      'terms.instalments.0.dueOn:matches',
      'terms.instalments.0.dueOn:isDateString',
      'terms.instalments.0.amount:terms_amount',
    ]);
    expect(await problems({ model: 'transfer', price: '100', instalments: [] })).toEqual(['terms.instalments:arrayMinSize']);
  });

  it('checks a licence’s kind, term, rate, base and reporting period, and refuses fields of another model', async () => {
    expect(
      await problems({
        ...licence,
        kind: 'shared',
        termMonths: 0,
        royalty: { rate: '5.555', base: 'revenue', minimumAnnual: '0', reportingPeriod: 'monthly' },
        valuation: '1',
      }),
    ).toEqual([
      'terms.valuation:whitelistValidation',
      'terms.kind:isIn',
      'terms.termMonths:min',
      'terms.royalty.rate:terms_percent',
      'terms.royalty.base:isIn',
      'terms.royalty.reportingPeriod:isIn',
    ]);
  });

  it('checks a use-first trial’s options and an equity share’s holder and lock-up', async () => {
    expect(
      await problems({
        model: 'use_first',
        trialStartsOn: '2026-12-01',
        trialEndsOn: '2027-05-31',
        trialFee: '0',
        conversionOptions: [],
        conversionDeadline: '2027-06-30',
        onDecline: 'leave',
      }),
    ).toEqual(['terms.conversionOptions:arrayMinSize', 'terms.onDecline:isIn']);
    expect(await problems({ model: 'equity', valuation: '1', valuedBy: '', sharePercent: '15.5', holder: 'dean', lockUpMonths: -1 })).toEqual([
      'terms.valuedBy:isNotEmpty',
      'terms.holder:isIn',
      'terms.lockUpMonths:min',
    ]);
  });

  it('has a Chinese and an English message for every code the terms use', () => {
    for (const code of [
      'terms_amount',
      'terms_percent',
      'terms_royalty_rate',
      'terms_share_percent',
      'terms_valuation_positive',
      'terms_trial_order',
      'terms_conversion_deadline_order',
    ]) {
      expect(fieldMessage(code, 'zh-CN')).not.toBe(fieldMessage('invalid', 'zh-CN'));
      expect(fieldMessage(code, 'en')).not.toBe(fieldMessage('invalid', 'en'));
    }
    expect(fieldMessage('terms_amount', 'zh-CN')).toBe('金额应为元，最多两位小数');
  });
});
