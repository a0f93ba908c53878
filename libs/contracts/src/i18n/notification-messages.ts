import { Catalogue, format, Locale } from './locale';

/** In-app notification texts. Params: {title} item title, {reason}, {org} organisation name. */
export type NotificationType =
  | 'item.submitted'
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
  | 'deal.commission';

export const NOTIFICATION_MESSAGES: Catalogue<`${NotificationType}.title` | `${NotificationType}.body`> = {
  'item.submitted.title': { 'zh-CN': '有新的待审核内容', en: 'New item to review' },
  'item.submitted.body': { 'zh-CN': '“{title}”已提交审核', en: '"{title}" was submitted for review' },
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
  'deal.idle.body': { 'zh-CN': '“{title}”已 {days} 天没有任何跟进，请联系双方或更新下一步', en: '"{title}" has had no activity for {days} days; contact the parties or update the next step' },
  'deal.commission.title': { 'zh-CN': '佣金审批结果', en: 'Commission decided' },
  'deal.commission.body': { 'zh-CN': '“{title}”的佣金已{decision}', en: 'The commission of "{title}" was {decisionEn}' },
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
