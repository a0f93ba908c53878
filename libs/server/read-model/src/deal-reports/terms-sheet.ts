import { ContractTerms, ConversionOption, DeclineOutcome, LicenceKind, ReportingPeriod, RoyaltyBase, ScheduleItemKind, ScheduleItemStatus, TrialOutcome } from '@ztt/contracts';
import { holderText, MODEL_LABELS, NO_MODEL_LABEL } from '../dashboard/fulfilment-figures';

const LICENCE_KIND_LABELS: Record<LicenceKind, string> = { exclusive: '独占许可', sole: '排他许可', ordinary: '普通许可' };
const ROYALTY_BASE_LABELS: Record<RoyaltyBase, string> = { sales: '销售额', profit: '利润' };
const PERIOD_LABELS: Record<ReportingPeriod, string> = { quarterly: '季度', half_yearly: '半年', yearly: '年度' };
const CONVERSION_LABELS: Record<ConversionOption, string> = { licence: '许可', transfer: '转让' };
const DECLINE_LABELS: Record<DeclineOutcome, string> = { stop_use: '停止使用', paid_licence: '转为普通付费许可', other: '其他' };
const TRIAL_OUTCOME_LABELS: Record<TrialOutcome, string> = { converted: '已转化', extended: '已延期', returned: '已退回', lapsed: '转化截止日已过，未作决定' };
export const SCHEDULE_KIND_LABELS: Record<ScheduleItemKind, string> = {
  instalment: '分期价款',
  entry_fee: '入门费',
  milestone_payment: '里程碑付款',
  minimum_royalty: '最低提成',
  royalty_report: '提成报告',
  trial_fee: '试用费',
  trial_end: '试用期结束',
  conversion_deadline: '转化截止',
  lock_up_end: '锁定期届满',
  royalty_payment: '提成款',
};
export const SCHEDULE_STATUS_LABELS: Record<ScheduleItemStatus, string> = { due: '待履行', overdue: '已逾期', paid: '已付清', done: '已完成', lapsed: '已失效' };

/**
 * The structured terms as rows of the registration sheet (项目, 内容), in Chinese: the transfer
 * model and its key fields. Amounts stay the exact decimal text recorded; dates are YYYY-MM-DD.
 */
export function termsRows(terms: ContractTerms | null, signedOn: string, trialOutcome: TrialOutcome | null): [string, string][] {
  if (!terms) return [['转化方式', NO_MODEL_LABEL]];
  const rows: [string, string][] = [['转化方式', MODEL_LABELS[terms.model]]];
  const add = (label: string, value: string | number) => rows.push([label, String(value)]);
  switch (terms.model) {
    case 'transfer':
      add('转让价款（元）', terms.price);
      add('分期付款', terms.instalments.map((i, n) => `第${n + 1}期 ${i.dueOn} ${i.amount} 元${i.label?.trim() ? `（${i.label.trim()}）` : ''}`).join('；'));
      break;
    case 'licence':
      add('许可方式', LICENCE_KIND_LABELS[terms.kind] ?? terms.kind);
      add('许可实施领域', terms.field);
      add('许可地域', terms.territory);
      add('许可期起算日', terms.startsOn ?? signedOn);
      add('许可期限（月）', terms.termMonths);
      add('入门费（元）', terms.entryFee);
      add('入门费到期日', terms.entryFeeDueOn ?? signedOn);
      add('里程碑付款', terms.stagedPayments.map((p) => `${p.milestone}：${p.dueOn} ${p.amount} 元`).join('；') || '无');
      if (terms.royalty) {
        add('提成比例（%）', terms.royalty.rate);
        add('提成基数', ROYALTY_BASE_LABELS[terms.royalty.base] ?? terms.royalty.base);
        add('年度最低提成（元）', terms.royalty.minimumAnnual);
        add('提成报告周期', PERIOD_LABELS[terms.royalty.reportingPeriod] ?? terms.royalty.reportingPeriod);
      } else add('提成', '无');
      break;
    case 'use_first':
      add('试用期开始', terms.trialStartsOn);
      add('试用期结束', terms.trialEndsOn);
      add('试用费（元）', terms.trialFee);
      add('可转为', terms.conversionOptions.map((o) => CONVERSION_LABELS[o] ?? o).join('、'));
      add('转化截止日期', terms.conversionDeadline);
      add('约定的转化价款（元）', terms.conversionPrice ?? '未约定');
      add('不转化时', terms.onDecline === 'other' && terms.declineNote?.trim() ? `其他：${terms.declineNote.trim()}` : (DECLINE_LABELS[terms.onDecline] ?? terms.onDecline));
      add('试用结果', trialOutcome ? TRIAL_OUTCOME_LABELS[trialOutcome] : '试用中');
      break;
    case 'equity':
      add('作价金额（元）', terms.valuation);
      add('评估机构或作价方式', terms.valuedBy);
      add('持股比例（%）', terms.sharePercent);
      add('持股方', holderText(terms.holder, terms.holderName));
      add('锁定期（月）', terms.lockUpMonths > 0 ? terms.lockUpMonths : '无');
      break;
  }
  return rows;
}
