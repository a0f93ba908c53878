import { Catalogue, format, Locale } from './locale';

/** In-app notification texts. Params: {title} item title, {reason}, {org} organisation name. */
export type NotificationType =
  | 'item.submitted'
  | 'items.imported_need'
  | 'items.imported_achievement'
  | 'item.published'
  | 'item.rejected'
  | 'item.expired'
  | 'item.withdrawn'
  | 'item.closed'
  | 'disclosure.requested'
  | 'disclosure.granted'
  | 'disclosure.declined'
  | 'match.new'
  | 'match.digest'
  | 'deal.opened'
  | 'deal.stage'
  | 'deal.message'
  | 'deal.document'
  | 'deal.task'
  | 'deal.idle'
  | 'deal.commission'
  | 'deal.approval_requested'
  | 'deal.approval_decided'
  | 'deal.fulfilment_due'
  | 'deal.fulfilment_overdue'
  | 'deal.payment_recorded'
  | 'deal.payment_decided'
  | 'deal.royalty_reported'
  | 'deal.royalty_decided'
  | 'deal.trial_decided'
  | 'challenge.submitted'
  | 'challenge.published'
  | 'challenge.rejected'
  | 'challenge.invited'
  | 'challenge.application'
  | 'challenge.panel'
  | 'challenge.notice'
  | 'challenge.objection'
  | 'challenge.objection_answered'
  | 'challenge.awarded'
  | 'challenge.not_awarded'
  | 'challenge.milestone_submitted'
  | 'challenge.milestone_accepted'
  | 'challenge.milestone_sent_back'
  | 'challenge.eliminated'
  | 'challenge.completed'
  | 'challenge.cancelled'
  | 'challenge.terminated'
  | 'campaign.invited'
  | 'campaign.reminder'
  | 'campaign.report'
  | 'commissioner.service_logged'
  | 'commissioner.service_confirmed'
  | 'expert.verified'
  | 'expert.rejected'
  | 'expert.consultation_requested'
  | 'finance.match'
  | 'finance.interest'
  | 'finance.disclosure_requested'
  | 'finance.disclosure_decided'
  | 'finance.arranged'
  | 'finance.referral_sent'
  | 'finance.referral_decided'
  | 'finance.roadshow_invited'
  | 'finance.roadshow_present'
  | 'finance.roadshow_answered'
  | 'finance.roadshow_cancelled'
  | 'expert.consultation_accepted'
  | 'expert.consultation_answered'
  | 'expert.consultation_declined'
  | 'capacity.booking_requested'
  | 'capacity.booking_decided'
  | 'capacity.booking_cancelled'
  | 'capacity.booking_completed'
  | 'capacity.run_requested'
  | 'capacity.run_decided'
  | 'capacity.run_completed'
  | 'capacity.reviewed';

export const NOTIFICATION_MESSAGES: Catalogue<`${NotificationType}.title` | `${NotificationType}.body`> = {
  'item.submitted.title': { 'zh-CN': '有新的待审核内容', en: 'New item to review' },
  'item.submitted.body': { 'zh-CN': '“{title}”已提交审核', en: '"{title}" was submitted for review' },
  'items.imported_need.title': { 'zh-CN': '批量导入的技术需求待审核', en: 'Imported needs to review' },
  'items.imported_need.body': {
    'zh-CN': '{org}导入了 {count} 项技术需求并提交审核，第一项为“{title}”',
    en: '{org} imported {count} needs for review, the first being "{title}"',
  },
  'items.imported_achievement.title': { 'zh-CN': '批量导入的科技成果待审核', en: 'Imported achievements to review' },
  'items.imported_achievement.body': {
    'zh-CN': '{org}导入了 {count} 项科技成果并提交审核，第一项为“{title}”',
    en: '{org} imported {count} achievements for review, the first being "{title}"',
  },
  'item.published.title': { 'zh-CN': '已审核发布', en: 'Published' },
  'item.published.body': { 'zh-CN': '“{title}”已通过审核并公开发布', en: '"{title}" passed review and is now public' },
  'item.rejected.title': { 'zh-CN': '审核未通过', en: 'Review: changes needed' },
  'item.rejected.body': { 'zh-CN': '“{title}”未通过审核：{reason}', en: '"{title}" was sent back: {reason}' },
  'item.expired.title': { 'zh-CN': '需求已到期', en: 'Need expired' },
  'item.expired.body': { 'zh-CN': '“{title}”已过截止日期，已自动下线', en: '"{title}" passed its deadline and is no longer listed' },
  'item.withdrawn.title': { 'zh-CN': '已撤回', en: 'Withdrawn' },
  'item.withdrawn.body': { 'zh-CN': '{actor} 撤回了“{title}”', en: '{actor} withdrew "{title}"' },
  'item.closed.title': { 'zh-CN': '已关闭', en: 'Closed' },
  'item.closed.body': { 'zh-CN': '{actor} 关闭了“{title}”，不再公开征集', en: '{actor} closed "{title}"; it is no longer listed' },
  'disclosure.requested.title': { 'zh-CN': '收到保密信息查看申请', en: 'Disclosure requested' },
  'disclosure.requested.body': { 'zh-CN': '{org} 申请查看“{title}”的保密信息：{reason}', en: '{org} asks to see the confidential details of "{title}": {reason}' },
  'disclosure.granted.title': { 'zh-CN': '保密信息申请已同意', en: 'Disclosure granted' },
  'disclosure.granted.body': { 'zh-CN': '您可以查看“{title}”的保密信息了', en: 'You can now see the confidential details of "{title}"' },
  'disclosure.declined.title': { 'zh-CN': '保密信息申请未获同意', en: 'Disclosure declined' },
  'disclosure.declined.body': { 'zh-CN': '“{title}”的所有方未同意您的查看申请', en: 'The owner of "{title}" declined your request' },
  'match.new.title': { 'zh-CN': '有新的匹配推荐', en: 'New matches' },
  'match.new.body': { 'zh-CN': '“{title}”有 {n} 条新的匹配推荐', en: '"{title}" has {n} new suggested matches' },
  'match.digest.title': { 'zh-CN': '{quarter} 季度匹配汇总', en: 'Quarterly matches {quarter}' },
  'match.digest.body': { 'zh-CN': '本季度为您新分派了 {n} 条匹配', en: '{n} new matches were assigned to you this quarter' },
  'deal.opened.title': { 'zh-CN': '技术经纪人为您发起了对接', en: 'A broker opened a deal with you' },
  'deal.opened.body': { 'zh-CN': '{broker} 发起了对接“{title}”', en: '{broker} opened the deal "{title}"' },
  'deal.stage.title': { 'zh-CN': '对接进展更新', en: 'Deal moved on' },
  'deal.stage.body': { 'zh-CN': '“{title}”进入“{stage}”阶段', en: '"{title}" is now at "{stageEn}"' },
  'deal.message.title': { 'zh-CN': '对接有新消息', en: 'New message on a deal' },
  'deal.message.body': { 'zh-CN': '{author}（“{title}”）：{body}', en: '{author} ("{title}"): {body}' },
  'deal.document.title': { 'zh-CN': '对接有新文件', en: 'New document on a deal' },
  'deal.document.body': { 'zh-CN': '“{title}”新增文件：{file}', en: '"{title}" has a new document: {file}' },
  'deal.task.title': { 'zh-CN': '对接任务提醒', en: 'Deal task reminder' },
  'deal.task.body': { 'zh-CN': '“{title}”的任务“{task}”将于 {due} 到期', en: 'Task "{task}" of "{title}" is due {due}' },
  'deal.idle.title': { 'zh-CN': '对接已久无进展', en: 'Deal without activity' },
  'deal.idle.body': {
    'zh-CN': '“{title}”已 {days} 天没有任何跟进，请联系双方或更新下一步',
    en: '"{title}" has had no activity for {days} days; contact the parties or update the next step',
  },
  'deal.commission.title': { 'zh-CN': '佣金审批结果', en: 'Commission decided' },
  'deal.approval_requested.title': { 'zh-CN': '职务科技成果转化待审批', en: 'Service invention contract to approve' },
  'deal.approval_requested.body': {
    'zh-CN': '{broker} 提交了“{title}”涉及的职务科技成果“{achievement}”的转化审批，请技术转移办公室审核',
    en: '{broker} asks your tech-transfer office to approve "{title}", a contract on the service invention "{achievement}"',
  },
  'deal.approval_decided.title': { 'zh-CN': '职务科技成果审批结果', en: 'Service invention approval decided' },
  'deal.approval_decided.body': { 'zh-CN': '“{title}”的单位审批结果：{decision}', en: 'The organisation decided on "{title}": {decisionEn}' },
  'deal.fulfilment_due.title': { 'zh-CN': '履约事项即将到期', en: 'Contract obligation due soon' },
  'deal.fulfilment_due.body': { 'zh-CN': '“{title}”的“{item}”将于 {due} 到期{amount}', en: '"{item}" of "{title}" falls due on {due}{amountEn}' },
  'deal.fulfilment_overdue.title': { 'zh-CN': '履约事项已逾期', en: 'Contract obligation overdue' },
  'deal.fulfilment_overdue.body': { 'zh-CN': '“{title}”的“{item}”已于 {due} 到期，尚未完成{amount}', en: '"{item}" of "{title}" was due on {due} and is not settled{amountEn}' },
  'deal.payment_recorded.title': { 'zh-CN': '对方已登记付款，请确认', en: 'Payment recorded: please confirm' },
  'deal.payment_recorded.body': {
    'zh-CN': '“{title}”：{item}，付款 {amount} 元（{paidOn}），请确认是否收到',
    en: '"{title}": {item}, {amount} yuan paid on {paidOn}; confirm that you received it',
  },
  'deal.payment_decided.title': { 'zh-CN': '付款确认结果', en: 'Payment decided' },
  'deal.payment_decided.body': { 'zh-CN': '“{title}”：{item} 的付款 {amount} 元已{decision}', en: '"{title}": the payment of {amount} yuan for {item} was {decisionEn}' },
  'deal.royalty_reported.title': { 'zh-CN': '收到提成报告', en: 'Royalty report received' },
  'deal.royalty_reported.body': { 'zh-CN': '“{title}”：{item}，计提成 {royalty} 元，请核对', en: '"{title}": {item}, royalty {royalty} yuan; please review it' },
  'deal.royalty_decided.title': { 'zh-CN': '提成报告处理结果', en: 'Royalty report decided' },
  'deal.royalty_decided.body': { 'zh-CN': '“{title}”：{item} 已{decision}', en: '"{title}": {item} was {decisionEn}' },
  'deal.trial_decided.title': { 'zh-CN': '先用后转试用结果', en: 'Use-first trial decided' },
  'deal.trial_decided.body': { 'zh-CN': '“{title}”的试用：{outcome}', en: 'The trial of "{title}": {outcomeEn}' },
  'deal.commission.body': { 'zh-CN': '“{title}”的佣金已{decision}', en: 'The commission of "{title}" was {decisionEn}' },
  'challenge.submitted.title': { 'zh-CN': '有新的榜单待审核', en: 'New challenge to approve' },
  'challenge.submitted.body': { 'zh-CN': '“{title}”已提交，等待发布', en: '"{title}" was submitted for publication' },
  'challenge.published.title': { 'zh-CN': '榜单已发布', en: 'Challenge published' },
  'challenge.published.body': { 'zh-CN': '“{title}”已发布，开始接受揭榜', en: '"{title}" is published and open for applications' },
  'challenge.rejected.title': { 'zh-CN': '榜单未通过审核', en: 'Challenge sent back' },
  'challenge.rejected.body': { 'zh-CN': '“{title}”未通过审核：{reason}', en: '"{title}" was sent back: {reason}' },
  'challenge.invited.title': { 'zh-CN': '邀请您揭榜', en: 'Invitation to a challenge' },
  'challenge.invited.body': { 'zh-CN': '科技局邀请贵机构揭榜“{title}”', en: 'The bureau invites your organisation to apply to "{title}"' },
  'challenge.application.title': { 'zh-CN': '收到揭榜方案', en: 'New application' },
  'challenge.application.body': { 'zh-CN': '{org} 揭榜了“{title}”', en: '{org} applied to "{title}"' },
  'challenge.panel.title': { 'zh-CN': '邀请您担任评审专家', en: 'You are on a review panel' },
  'challenge.panel.body': { 'zh-CN': '请对“{title}”的揭榜方案进行利益冲突声明和评分', en: 'Declare conflicts and score the applications to "{title}"' },
  'challenge.notice.title': { 'zh-CN': '揭榜结果公示', en: 'Result under public notice' },
  'challenge.notice.body': { 'zh-CN': '“{title}”的评审结果已公示，公示期至 {until}', en: 'The result of "{title}" is under public notice until {until}' },
  'challenge.objection.title': { 'zh-CN': '收到公示异议', en: 'New objection' },
  'challenge.objection.body': { 'zh-CN': '“{title}”的公示收到一条异议，请答复', en: 'An objection to the result of "{title}" awaits your answer' },
  'challenge.objection_answered.title': { 'zh-CN': '异议已答复', en: 'Objection answered' },
  'challenge.objection_answered.body': { 'zh-CN': '您对“{title}”提出的异议已答复', en: 'Your objection to "{title}" has been answered' },
  'challenge.awarded.title': { 'zh-CN': '恭喜揭榜成功', en: 'Your team won' },
  'challenge.awarded.body': { 'zh-CN': '贵机构的方案在“{title}”中揭榜成功，请按里程碑推进', en: 'Your application won "{title}"; the milestones are ready' },
  'challenge.not_awarded.title': { 'zh-CN': '揭榜结果', en: 'Challenge result' },
  'challenge.not_awarded.body': {
    'zh-CN': '“{title}”的结果已确定，贵机构的方案未入选，感谢参与',
    en: 'The result of "{title}" is final; your application was not chosen. Thank you',
  },
  'challenge.milestone_submitted.title': { 'zh-CN': '里程碑待验收', en: 'Milestone to review' },
  'challenge.milestone_submitted.body': { 'zh-CN': '{org} 提交了“{title}”的里程碑“{milestone}”', en: '{org} submitted milestone "{milestone}" of "{title}"' },
  'challenge.milestone_accepted.title': { 'zh-CN': '里程碑已验收', en: 'Milestone accepted' },
  'challenge.milestone_accepted.body': {
    'zh-CN': '“{title}”的里程碑“{milestone}”已验收，拨付 {amount} 元',
    en: 'Milestone "{milestone}" of "{title}" was accepted; tranche of {amount} yuan recorded',
  },
  'challenge.milestone_sent_back.title': { 'zh-CN': '里程碑被退回', en: 'Milestone sent back' },
  'challenge.milestone_sent_back.body': { 'zh-CN': '“{title}”的里程碑“{milestone}”被退回：{reason}', en: 'Milestone "{milestone}" of "{title}" was sent back: {reason}' },
  'challenge.eliminated.title': { 'zh-CN': '赛马淘汰', en: 'Eliminated' },
  'challenge.eliminated.body': { 'zh-CN': '贵机构在“{title}”的赛马中被淘汰：{reason}', en: 'Your team was eliminated from "{title}": {reason}' },
  'challenge.completed.title': { 'zh-CN': '榜单已完成', en: 'Challenge completed' },
  'challenge.completed.body': { 'zh-CN': '“{title}”的最终里程碑已验收，榜单完成', en: 'The final milestone of "{title}" was accepted; the challenge is complete' },
  'challenge.cancelled.title': { 'zh-CN': '榜单已取消', en: 'Challenge cancelled' },
  'challenge.cancelled.body': { 'zh-CN': '“{title}”已取消：{reason}', en: '"{title}" was cancelled: {reason}' },
  'challenge.terminated.title': { 'zh-CN': '榜单已终止', en: 'Challenge terminated' },
  'challenge.terminated.body': { 'zh-CN': '“{title}”已终止：{reason}', en: '"{title}" was terminated: {reason}' },
  'campaign.invited.title': { 'zh-CN': '邀请参加季度征集', en: 'Invitation to a quarterly collection' },
  'campaign.invited.body': {
    'zh-CN': '科技局邀请贵机构参加“{title}”，请于 {endsOn} 前提交技术需求或科技成果',
    en: 'The science bureau invites your organisation to "{title}": submit needs or achievements by {endsOn}',
  },
  'campaign.reminder.title': { 'zh-CN': '季度征集即将截止', en: 'Quarterly collection closing soon' },
  'campaign.reminder.body': {
    'zh-CN': '“{title}”将于 {endsOn} 截止，贵机构尚未提交，请尽快提交技术需求或科技成果',
    en: '"{title}" closes on {endsOn} and your organisation has not submitted yet',
  },
  'campaign.report.title': { 'zh-CN': '季度报告已生成', en: 'Quarterly report ready' },
  'campaign.report.body': { 'zh-CN': '{quarter} 季度成果转化报告（PDF）已生成，请查阅', en: 'The {quarter} technology-transfer report (PDF) is ready' },
  'commissioner.service_logged.title': { 'zh-CN': '科技特派员登记了一次服务，请确认', en: 'A commissioner logged a service: please confirm' },
  'commissioner.service_logged.body': {
    'zh-CN': '科技特派员{name}登记了{date}为{org}提供的服务，请确认并评价',
    en: 'Commissioner {name} logged a service to {org} on {date}: please confirm and rate it',
  },
  'commissioner.service_confirmed.title': { 'zh-CN': '服务已获确认', en: 'Service confirmed' },
  'commissioner.service_confirmed.body': { 'zh-CN': '{org}确认了您{date}的服务，评分 {rating} 分', en: '{org} confirmed your service of {date} and rated it {rating}' },
  'expert.verified.title': { 'zh-CN': '专家信息已审核通过', en: 'Your expert profile is verified' },
  'expert.verified.body': { 'zh-CN': '您的专家信息已审核通过，已列入专家库', en: 'Your expert profile passed review and is listed in the expert directory' },
  'expert.rejected.title': { 'zh-CN': '专家信息未通过审核', en: 'Your expert profile was not verified' },
  'expert.rejected.body': { 'zh-CN': '原因：{reason}。修改后可重新提交', en: 'Reason: {reason}. Edit it and submit again' },
  'expert.consultation_requested.title': { 'zh-CN': '有新的专家咨询', en: 'New expert consultation' },
  'expert.consultation_requested.body': { 'zh-CN': '{org}就需求“{title}”申请专家咨询', en: '{org} asks for an expert consultation on the need "{title}"' },
  'expert.consultation_accepted.title': { 'zh-CN': '专家咨询已受理', en: 'Consultation accepted' },
  'expert.consultation_accepted.body': { 'zh-CN': '{name}将解答您就“{title}”提出的问题', en: '{name} will answer your question on "{title}"' },
  'expert.consultation_answered.title': { 'zh-CN': '专家已答复', en: 'The expert answered' },
  'expert.consultation_answered.body': { 'zh-CN': '{name}答复了您就“{title}”提出的问题', en: '{name} answered your question on "{title}"' },
  'finance.match.title': { 'zh-CN': '有新的融资需求与贵机构匹配', en: 'A new financing request matches your organisation' },
  'finance.match.body': { 'zh-CN': '“{title}”：{reasons}', en: '"{title}": {reasons}' },
  'finance.interest.title': { 'zh-CN': '金融机构对您的融资需求感兴趣', en: 'A finance organisation is interested' },
  'finance.interest.body': { 'zh-CN': '{org}对融资需求“{title}”表达了意向', en: '{org} expressed interest in "{title}"' },
  'finance.disclosure_requested.title': { 'zh-CN': '金融机构申请查看详细资料', en: 'A finance organisation asks for the details' },
  'finance.disclosure_requested.body': { 'zh-CN': '{org}申请查看融资需求“{title}”的财务资料，请决定是否同意', en: '{org} asks to read the financial details of "{title}"' },
  'finance.disclosure_decided.title': { 'zh-CN': '详细资料查看申请有了答复', en: 'Your request for the details was answered' },
  'finance.disclosure_decided.body': { 'zh-CN': '融资需求“{title}”的详细资料：{decision}', en: 'The details of "{title}": {decision}' },
  'finance.arranged.title': { 'zh-CN': '融资已落实', en: 'Financing arranged' },
  'finance.arranged.body': { 'zh-CN': '融资需求“{title}”已落实融资', en: 'The financing request "{title}" is arranged' },
  'finance.referral_sent.title': { 'zh-CN': '收到政策性金融转介', en: 'New policy referral' },
  'finance.referral_sent.body': { 'zh-CN': '{org}经平台转介融资需求“{title}”（{programme}），请受理', en: '{org} was referred to you for "{title}" ({programme})' },
  'finance.referral_decided.title': { 'zh-CN': '银行答复了转介', en: 'The bank answered your referral' },
  'finance.referral_decided.body': { 'zh-CN': '{org}对“{title}”（{programme}）的转介：{decision}', en: '{org} on "{title}" ({programme}): {decision}' },
  'finance.roadshow_invited.title': { 'zh-CN': '邀请您参加路演', en: 'You are invited to a roadshow' },
  'finance.roadshow_invited.body': { 'zh-CN': '路演“{title}”将于 {when} 举行，欢迎报名', en: 'The roadshow "{title}" is on {when}; sign up' },
  'finance.roadshow_present.title': { 'zh-CN': '邀请您的项目参加路演', en: 'Your project is invited to present' },
  'finance.roadshow_present.body': {
    'zh-CN': '融资需求“{project}”受邀参加路演“{title}”（{when}），请确认是否参加',
    en: '"{project}" is invited to present at "{title}" ({when}); please answer',
  },
  'finance.roadshow_answered.title': { 'zh-CN': '路演项目答复', en: 'A project answered' },
  'finance.roadshow_answered.body': { 'zh-CN': '“{project}”对路演“{title}”的邀请：{decision}', en: '"{project}" on the roadshow "{title}": {decision}' },
  'finance.roadshow_cancelled.title': { 'zh-CN': '路演已取消', en: 'Roadshow cancelled' },
  'finance.roadshow_cancelled.body': { 'zh-CN': '路演“{title}”（{when}）已取消', en: 'The roadshow "{title}" ({when}) is cancelled' },
  'expert.consultation_declined.title': { 'zh-CN': '专家咨询未受理', en: 'Consultation declined' },
  'expert.consultation_declined.body': { 'zh-CN': '您就“{title}”提出的咨询未受理，原因：{reason}', en: 'Your consultation on "{title}" was declined: {reason}' },
  'capacity.booking_requested.title': { 'zh-CN': '新的仪器预约', en: 'New instrument booking' },
  'capacity.booking_requested.body': { 'zh-CN': '{name}预约了“{title}”：{slot}', en: '{name} booked "{title}": {slot}' },
  'capacity.booking_decided.title': { 'zh-CN': '仪器预约有了答复', en: 'Your booking was answered' },
  'capacity.booking_decided.body': { 'zh-CN': '您对“{title}”（{slot}）的预约：{decision}', en: 'Your booking of "{title}" ({slot}): {decision}' },
  'capacity.booking_cancelled.title': { 'zh-CN': '仪器预约已取消', en: 'Booking cancelled' },
  'capacity.booking_cancelled.body': { 'zh-CN': '“{title}”（{slot}）的预约已取消', en: 'The booking of "{title}" ({slot}) was cancelled' },
  'capacity.booking_completed.title': { 'zh-CN': '仪器使用已完成，请评价', en: 'Booking completed: rate it' },
  'capacity.booking_completed.body': { 'zh-CN': '“{title}”（{slot}）已完成，欢迎评价满意度', en: '"{title}" ({slot}) is complete; rate your satisfaction' },
  'capacity.run_requested.title': { 'zh-CN': '新的验证/中试申请', en: 'New verification run request' },
  'capacity.run_requested.body': { 'zh-CN': '{org}申请在“{name}”验证成果“{title}”', en: '{org} asks for a run of "{title}" at "{name}"' },
  'capacity.run_decided.title': { 'zh-CN': '验证/中试申请有了答复', en: 'Your run request was answered' },
  'capacity.run_decided.body': { 'zh-CN': '“{title}”在“{name}”的验证申请：{decision}', en: 'The run of "{title}" at "{name}": {decision}' },
  'capacity.run_completed.title': { 'zh-CN': '验证/中试已完成，请评价', en: 'Run completed: rate it' },
  'capacity.run_completed.body': { 'zh-CN': '“{title}”在“{name}”的验证已完成，达到 TRL {trl}', en: 'The run of "{title}" at "{name}" is complete, reaching TRL {trl}' },
  'capacity.reviewed.title': { 'zh-CN': '中试平台/仪器审核结果', en: 'Capacity entry reviewed' },
  'capacity.reviewed.body': { 'zh-CN': '“{name}”：{decision}', en: '"{name}": {decision}' },
};

export function notificationText(type: string, part: 'title' | 'body', locale: Locale, params: Record<string, string | number>): string {
  const entry = NOTIFICATION_MESSAGES[`${type}.${part}` as keyof typeof NOTIFICATION_MESSAGES];
  return entry ? format(entry[locale], params) : type;
}

/** Robot webhooks a user can have notifications posted to. */
export type WebhookKind = 'wecom' | 'dingtalk' | 'generic';
export const WEBHOOK_KINDS: readonly WebhookKind[] = ['wecom', 'dingtalk', 'generic'];

/** GET/PUT /api/me/notification-settings. In-app notifications are always on. */
export interface NotificationSettings {
  email: boolean;
  webhookUrl: string | null;
  webhookKind: WebhookKind | null;
}

/** Fixed texts of emails and webhook messages around a notification's title and body. */
export const DELIVERY_MESSAGES: Catalogue<'open' | 'footer'> = {
  open: { 'zh-CN': '查看详情', en: 'Open' },
  footer: {
    'zh-CN': '这是湛江科技成果转化对接平台的自动通知。您可以在平台的“通知设置”中关闭邮件提醒。',
    en: 'This is an automatic notice from the Zhanjiang Technology Transfer Marketplace. You can turn off emails in your notification settings.',
  },
};
