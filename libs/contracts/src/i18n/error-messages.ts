import { ErrorCode } from '../errors';
import { Catalogue, Locale, format } from './locale';

export const ERROR_MESSAGES: Catalogue<ErrorCode> = {
  [ErrorCode.ValidationFailed]: { 'zh-CN': '提交的内容有误，请检查后重试', en: 'The request has invalid fields' },
  [ErrorCode.Unauthenticated]: { 'zh-CN': '请先登录', en: 'Please sign in' },
  [ErrorCode.InvalidCredentials]: { 'zh-CN': '邮箱或密码不正确', en: 'Wrong email or password' },
  [ErrorCode.TooManyAttempts]: {
    'zh-CN': '尝试次数过多，请稍后再试',
    en: 'Too many attempts, please try again later',
  },
  [ErrorCode.NotFound]: { 'zh-CN': '未找到该内容', en: 'Not found' },
  [ErrorCode.Forbidden]: { 'zh-CN': '没有权限执行此操作', en: 'You are not allowed to do this' },
  [ErrorCode.Conflict]: {
    'zh-CN': '内容已被他人修改，请刷新后重试',
    en: 'Someone else changed this; reload and try again',
  },
  [ErrorCode.EmailTaken]: { 'zh-CN': '该邮箱已注册', en: 'This email is already registered' },
  [ErrorCode.CreditCodeTaken]: {
    'zh-CN': '该统一社会信用代码已有机构注册，可申请加入',
    en: 'An organisation with this credit code exists; ask to join it',
  },
  [ErrorCode.WeakPassword]: { 'zh-CN': '密码不符合要求', en: 'The password does not meet the policy' },
  [ErrorCode.InvalidCreditCode]: {
    'zh-CN': '统一社会信用代码无效',
    en: 'Invalid unified social credit code',
  },
  [ErrorCode.InvalidState]: {
    'zh-CN': '当前状态下不能执行此操作',
    en: 'This action is not possible in the current state',
  },
  [ErrorCode.MatchRunCompleted]: {
    'zh-CN': '本季度的全量匹配已完成，下个季度再运行',
    en: "This quarter's matching run has already completed; the next one is due next quarter",
  },
  [ErrorCode.MatchInDeal]: {
    'zh-CN': '该匹配已转为交易，状态不能再更改',
    en: 'This match has become a deal; its status can no longer be changed',
  },
  [ErrorCode.AlreadyMember]: {
    'zh-CN': '您已是该机构成员或已提交加入申请',
    en: 'You are already a member or have asked to join',
  },
  [ErrorCode.LastOrgAdmin]: {
    'zh-CN': '机构至少需要一名管理员',
    en: 'An organisation needs at least one admin',
  },
  [ErrorCode.CannotChangeOwnAccount]: {
    'zh-CN': '不能对自己的账号执行此操作',
    en: 'You cannot do this to your own account',
  },
  [ErrorCode.OrgNotVerified]: {
    'zh-CN': '机构通过认证后才能发布需求或成果',
    en: 'Your organisation must be verified before it can post',
  },
  [ErrorCode.UnsupportedFile]: {
    'zh-CN': '文件类型不受支持：请上传 PDF、图片或 Office 文档（不超过 10 MB）',
    en: 'Unsupported file: upload a PDF, an image or an Office document (10 MB at most)',
  },
  [ErrorCode.SearchUnavailable]: {
    'zh-CN': '搜索服务暂时不可用，请稍后再试；您提交的内容不受影响',
    en: 'Search is temporarily unavailable; what you submit is not affected',
  },
  [ErrorCode.PayloadTooLarge]: { 'zh-CN': '提交的内容过大', en: 'The request is too large' },
  [ErrorCode.ApiKeyInvalid]: {
    'zh-CN': 'API 密钥无效、已吊销或已过期',
    en: 'The API key is invalid, revoked or expired',
  },
  [ErrorCode.RateLimited]: {
    'zh-CN': '请求过于频繁，请稍后再试',
    en: 'Too many requests, please try again later',
  },
  [ErrorCode.ServiceUnavailable]: {
    'zh-CN': '服务暂时不可用，请稍后再试',
    en: 'The service is temporarily unavailable',
  },
  [ErrorCode.ChallengeAlreadyApplied]: {
    'zh-CN': '本机构已揭榜该榜单，每个机构只能提交一份揭榜方案（可修改已有方案）',
    en: 'Your organisation has already applied to this challenge; edit the existing application instead',
  },
  [ErrorCode.ChallengeNotEligible]: {
    'zh-CN': '本机构不符合该榜单的揭榜条件',
    en: 'Your organisation does not meet this challenge’s eligibility rules',
  },
  [ErrorCode.ChallengeApplicationsClosed]: {
    'zh-CN': '该榜单已截止揭榜，不能再提交或修改方案',
    en: 'Applications to this challenge are closed',
  },
  [ErrorCode.ChallengeAlreadyScored]: {
    'zh-CN': '您已提交过该方案的评分，评分提交后不能更改',
    en: 'You have already scored this application; scores cannot be changed',
  },
  [ErrorCode.ChallengeDeclarationRequired]: {
    'zh-CN': '请先完成利益冲突声明再评分',
    en: 'Declare your conflicts of interest before scoring',
  },
  [ErrorCode.ChallengeObjectionWindowOpen]: {
    'zh-CN': '公示期尚未结束，暂不能确认结果',
    en: 'The public notice period is still open; the result cannot be finalised yet',
  },
  [ErrorCode.ChallengeObjectionsUnanswered]: {
    'zh-CN': '还有未答复的异议，请先逐条答复',
    en: 'Some objections have not been answered yet',
  },
  [ErrorCode.Internal]: { 'zh-CN': '系统出错了，请稍后再试', en: 'Something went wrong on our side' },
  [ErrorCode.OwnCommission]: {
    'zh-CN': '不能审批自己参与对接的佣金，请由其他管理员审批',
    en: 'You cannot approve the commission of a deal you broker; another admin must decide',
  },
  [ErrorCode.CampaignAlreadyOpen]: {
    'zh-CN': '已有一个征集批次正在进行，请先截止它再开启新的批次',
    en: 'Another campaign is open; close it before opening a new one',
  },
  [ErrorCode.ServiceInventionApprovalRequired]: {
    'zh-CN': '该成果为职务科技成果，需经成果所属单位审批通过后才能签约',
    en: 'This achievement is a service invention: its organisation must approve the contract before it is signed',
  },
  [ErrorCode.ServiceInventionNoticeRunning]: {
    'zh-CN': '成果所属单位已审批通过，但公示期尚未结束，公示期满后才能签约',
    en: 'The organisation approved the contract, but its public notice period has not ended yet',
  },
  [ErrorCode.ContractFulfilmentStarted]: {
    'zh-CN': '合同已开始履行（已登记付款或提成报告），条款和签订日期不能再修改',
    en: 'The contract is being fulfilled (payments or royalty reports are recorded): its terms and signing date can no longer change',
  },
  [ErrorCode.CountyRequired]: {
    'zh-CN': '授予县区科技管理人员角色时须选择湛江市内的一个县（市、区）',
    en: 'Granting the county official role needs one county or district of Zhanjiang',
  },
  [ErrorCode.CountyNeedListNeed]: {
    'zh-CN': '清单中关联的技术需求须为本县已发布的需求',
    en: 'A need linked from the list must be a published need of the county',
  },
  [ErrorCode.CountyNeedListEmpty]: {
    'zh-CN': '清单至少要有一条需求才能发布',
    en: 'A list needs at least one entry before it is published',
  },
  [ErrorCode.ContractNotInForce]: {
    'zh-CN': '合同签约后才能登记履约情况',
    en: 'Fulfilment is recorded once the contract is signed',
  },
  [ErrorCode.KpiComputed]: {
    'zh-CN': '该指标由平台根据业务数据自动计算，不能手工填报',
    en: 'The platform computes this indicator from its own records: it cannot be entered by hand',
  },
  [ErrorCode.KpiQuarterNotStarted]: {
    'zh-CN': '只能填报规划期内已开始的季度（2026 年第一季度至今）',
    en: 'Actuals are entered for quarters of the plan that have begun (2026Q1 to now)',
  },
  [ErrorCode.AlreadyDecided]: {
    'zh-CN': '该事项已处理，不能重复操作',
    en: 'This has already been decided',
  },
  [ErrorCode.BrokerAlreadyRated]: {
    'zh-CN': '贵方已评价过本次对接的经纪人，每方只能评价一次',
    en: 'Your side has already rated this deal’s broker; each side rates once',
  },
  [ErrorCode.BrokerRatingNotOpen]: {
    'zh-CN': '对接签约或终止后才能评价经纪人',
    en: 'The broker can be rated once the deal is signed or lost',
  },
  [ErrorCode.NotDealParty]: {
    'zh-CN': '只有对接双方机构的成员可以评价经纪人',
    en: 'Only members of the two parties’ organisations can rate the broker',
  },
  [ErrorCode.NotBrokerFirm]: {
    'zh-CN': '该机构不是技术经理人事务所',
    en: 'This organisation is not a broker firm',
  },
};

/** Field-level problems, keyed by class-validator constraint name or our own codes. */
export const FIELD_MESSAGES: Record<string, Record<Locale, string>> = {
  whitelistValidation: { 'zh-CN': '不允许提交该字段', en: 'This field is not allowed' },
  upload_malformed: { 'zh-CN': '文件上传不完整或格式有误，请重新上传', en: 'The upload was incomplete or malformed; please upload the file again' },
  isEmail: { 'zh-CN': '请输入有效的邮箱地址', en: 'Enter a valid email address' },
  isNotEmpty: { 'zh-CN': '此项必填', en: 'This field is required' },
  isString: { 'zh-CN': '应为文本', en: 'Must be text' },
  isInt: { 'zh-CN': '应为整数', en: 'Must be a whole number' },
  isBoolean: { 'zh-CN': '应为是或否', en: 'Must be true or false' },
  isIn: { 'zh-CN': '取值不在允许范围内', en: 'Not one of the allowed values' },
  isEnum: { 'zh-CN': '取值不在允许范围内', en: 'Not one of the allowed values' },
  isArray: { 'zh-CN': '应为列表', en: 'Must be a list' },
  isUuid: { 'zh-CN': '编号格式不正确', en: 'Malformed id' },
  isDateString: { 'zh-CN': '日期格式不正确', en: 'Malformed date' },
  isISO8601: { 'zh-CN': '日期格式不正确', en: 'Malformed date' },
  isUrl: { 'zh-CN': '请输入有效的网址', en: 'Enter a valid URL' },
  isPhoneNumber: { 'zh-CN': '请输入有效的电话号码', en: 'Enter a valid phone number' },
  matches: { 'zh-CN': '格式不正确', en: 'Wrong format' },
  minLength: { 'zh-CN': '至少 {min} 个字符', en: 'At least {min} characters' },
  maxLength: { 'zh-CN': '最多 {max} 个字符', en: 'At most {max} characters' },
  min: { 'zh-CN': '不能小于 {min}', en: 'Must be at least {min}' },
  max: { 'zh-CN': '不能大于 {max}', en: 'Must be at most {max}' },
  arrayMaxSize: { 'zh-CN': '最多 {max} 项', en: 'At most {max} items' },
  arrayMinSize: { 'zh-CN': '至少 {min} 项', en: 'At least {min} items' },
  nestedValidation: { 'zh-CN': '内容格式不正确', en: 'Malformed content' },
  too_short: { 'zh-CN': '密码至少 8 个字符', en: 'The password needs at least 8 characters' },
  too_long: { 'zh-CN': '密码最多 128 个字符', en: 'The password can have at most 128 characters' },
  too_common: {
    'zh-CN': '这是常见密码，容易被猜中，请换一个',
    en: 'This password is too common; choose another',
  },
  credit_code_length: { 'zh-CN': '统一社会信用代码应为 18 位', en: 'A credit code has 18 characters' },
  credit_code_charset: {
    'zh-CN': '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）',
    en: 'The credit code has characters that are not allowed (no I, O, Z, S, V)',
  },
  credit_code_division: {
    'zh-CN': '统一社会信用代码第 3–8 位应为行政区划代码',
    en: 'Characters 3–8 of a credit code are the administrative division code',
  },
  credit_code_check: {
    'zh-CN': '统一社会信用代码校验位不正确，请核对',
    en: 'The credit code check character is wrong; please check it',
  },
  wrong_password: { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  last_admin_of: {
    'zh-CN': '您是以下机构唯一的管理员，请先在机构页面任命另一位管理员再注销账号：{orgs}',
    en: 'You are the only admin of: {orgs}. Make another member an admin on the organisation page before deleting your account',
  },
  invalid: { 'zh-CN': '取值无效', en: 'Invalid value' },
  budget_order: { 'zh-CN': '预算下限不能高于上限', en: 'The lower budget bound is above the upper one' },
  criteria_required: {
    'zh-CN': '核心技术需求和关键共性技术需求须填写验收指标（含指标值和单位）后才能提交',
    en: 'Core and key generic technology needs need acceptance criteria (with figures and units) before they can be submitted',
  },
  not_member: { 'zh-CN': '您不是该机构的正式成员', en: 'You are not an active member of this organisation' },
  own_item: { 'zh-CN': '不能申请查看本机构发布的内容', en: 'This is your own organisation’s item' },
  cursor_invalid: { 'zh-CN': '游标无效，请使用上次返回的 nextCursor', en: 'Invalid cursor; send the nextCursor of the last answer' },
  org_not_found: { 'zh-CN': '该机构不存在', en: 'No such organisation' },
  expires_future: { 'zh-CN': '到期时间须晚于现在', en: 'The expiry must be in the future' },
  webhook_url_invalid: { 'zh-CN': '请输入有效的网址（不含用户名和密码）', en: 'Enter a valid URL (without user name or password)' },
  webhook_https_required: { 'zh-CN': '机器人地址必须以 https:// 开头', en: 'The robot URL must start with https://' },
  webhook_unsafe: {
    'zh-CN': '不能使用指向本机、内网或保留地址的机器人地址',
    en: 'The robot URL may not point at this machine, a private network or a reserved address',
  },
  webhook_unresolvable: { 'zh-CN': '无法解析该机器人地址的域名', en: 'The host name of the robot URL cannot be resolved' },
  weights_all_zero: { 'zh-CN': '至少有一项权重大于 0', en: 'At least one weight must be above 0' },
  webhook_kind_required: { 'zh-CN': '请选择机器人类型（企业微信、钉钉或通用）', en: 'Choose the robot type (WeCom, DingTalk or generic)' },
  challenge_weights_sum: { 'zh-CN': '评审指标的权重之和必须为 100（当前 {sum}）', en: 'The rubric weights must sum to 100 (now {sum})' },
  challenge_shares_sum: { 'zh-CN': '各里程碑的拨付比例之和必须为 100%（当前 {sum}%）', en: 'The milestone payment shares must sum to 100% (now {sum}%)' },
  challenge_first_tranche: { 'zh-CN': '签约后首笔拨付比例不得低于 {min}%', en: 'The first tranche after signing must be at least {min}%' },
  challenge_deadline_past: { 'zh-CN': '揭榜截止时间必须晚于现在', en: 'The application deadline must be in the future' },
  challenge_acceptor: { 'zh-CN': '验收人必须是发榜机构的正式成员', en: 'The person who accepts deliverables must be an active member of the owner organisation' },
  challenge_teams: { 'zh-CN': '单一揭榜只能有 1 支团队；赛马制为 2–{max} 支', en: 'A single award has 1 team; a horse race has 2–{max}' },
  challenge_winner_count: { 'zh-CN': '应选定 {min}–{max} 个揭榜方案', en: 'Choose {min}–{max} applications' },
  challenge_winner_invalid: { 'zh-CN': '所选方案不属于本榜单或已撤回', en: 'A chosen application is not part of this challenge or was withdrawn' },
  challenge_indicator_index: { 'zh-CN': '指标序号不存在', en: 'No such indicator' },
  challenge_scores_count: { 'zh-CN': '请为每一项评审指标打分（共 {n} 项）', en: 'Score every criterion ({n} in all)' },
  challenge_not_reviewer: { 'zh-CN': '只能选择具有评审专家角色的用户', en: 'Only users with the reviewer role can sit on a panel' },
  challenge_conflict_unknown: { 'zh-CN': '声明的方案不属于本榜单', en: 'A declared application is not part of this challenge' },
  challenge_achievement: { 'zh-CN': '关联成果必须是本机构的成果', en: 'Linked achievements must belong to your organisation' },
  challenge_not_horse_race: { 'zh-CN': '只有赛马制榜单可以淘汰团队', en: 'Only horse-race challenges eliminate teams' },
  challenge_no_failed_milestone: { 'zh-CN': '只能淘汰里程碑验收未通过（已退回）的团队', en: 'Only a team whose milestone was sent back can be eliminated' },
  elig_org_verified: { 'zh-CN': '机构尚未通过平台认证', en: 'The organisation is not verified' },
  elig_org_type: { 'zh-CN': '机构类型不在允许范围内（允许：{allowed}）', en: 'The organisation type is not allowed (allowed: {allowedEn})' },
  elig_region: { 'zh-CN': '机构所在地区不在允许范围内（允许：{allowed}）', en: 'The organisation’s region is not allowed (allowed: {allowedEn})' },
  elig_ip: {
    'zh-CN': '本榜单要求揭榜机构拥有自主知识产权（至少一项登记了知识产权的成果）',
    en: 'This challenge requires the organisation to own IP (an achievement with IP items)',
  },
  deal_stage_jump: {
    'zh-CN': '不能跳过或回退阶段：只能进入下一阶段，或在进行中标记为未成交',
    en: 'Stages cannot be skipped or reversed: move to the next stage, or mark an open deal as lost',
  },
  deal_nda_required: { 'zh-CN': '进入“已签保密协议”需要上传的保密协议文件和签署日期', en: 'Signing the NDA needs the uploaded NDA document and its date' },
  deal_nda_document: { 'zh-CN': '请选择本对接中上传的保密协议（NDA）文件', en: 'Choose an NDA document uploaded to this deal' },
  deal_contract_required: { 'zh-CN': '进入“已签约”需要先填写合同信息', en: 'Record the contract before moving to signed' },
  deal_registration_required: { 'zh-CN': '进入“已登记”需要认定登记编号和登记日期', en: 'Registration needs the registration number and date' },
  deal_lost_reason_required: { 'zh-CN': '请选择未成交原因', en: 'Choose why the deal was lost' },
  deal_needs_items: { 'zh-CN': '签署保密协议需要对接关联的需求和成果', en: 'The NDA step needs the deal’s need and achievement' },
  deal_tech_amount_exceeds_total: { 'zh-CN': '技术交易额不能大于合同成交总额', en: 'The technology transaction amount cannot exceed the total amount' },
  deal_period_order: { 'zh-CN': '履行期限的结束日期不能早于开始日期', en: 'The period cannot end before it starts' },
  deal_contract_type_mismatch: { 'zh-CN': '合同子类不属于所选合同类别', en: 'The subtype does not belong to the chosen contract type' },
  deal_not_broker: { 'zh-CN': '只能添加平台认证的技术经纪人', en: 'Only platform brokers can be added' },
  deal_same_org: { 'zh-CN': '需方和供方不能是同一机构', en: 'The two parties must be different organisations' },
  approval_comment_required: { 'zh-CN': '不同意时请填写理由', en: 'Give a reason when refusing' },
  deal_commission_value: { 'zh-CN': '按比例时填写比例（0–100%），按固定金额时填写金额', en: 'Give a rate (0–100%) for a percentage, or an amount for a fixed commission' },
  campaign_dates: { 'zh-CN': '截止日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  campaign_target_code: { 'zh-CN': '目标中的地区、产业或机构不存在', en: 'A target names an unknown region, industry or organisation' },
  campaign_not_editable: { 'zh-CN': '已截止的征集批次不能修改', en: 'A closed campaign cannot be changed' },
  terms_amount: { 'zh-CN': '金额应为元，最多两位小数', en: 'An amount in yuan with at most two decimals' },
  terms_percent: { 'zh-CN': '比例应为百分数，最多两位小数', en: 'A percentage with at most two decimals' },
  terms_instalments_sum: { 'zh-CN': '各期付款之和（{sum} 元）应等于转让价款（{price} 元）', en: 'The instalments ({sum} yuan) must add up to the price ({price} yuan)' },
  terms_due_before_signing: { 'zh-CN': '付款日期不能早于签订日期（{signedOn}）', en: 'A payment cannot fall due before the signing date ({signedOn})' },
  terms_royalty_rate: { 'zh-CN': '提成比例应在 0–100% 之间，最多两位小数', en: 'The royalty rate must be 0–100% with at most two decimals' },
  terms_trial_order: { 'zh-CN': '试用期结束日期应晚于开始日期', en: 'The trial must end after it starts' },
  terms_conversion_deadline_order: { 'zh-CN': '转化截止日期应晚于试用期结束日期', en: 'The conversion deadline must be after the trial ends' },
  terms_decline_note_required: { 'zh-CN': '选择“其他”时请说明用户不转化的后果', en: 'Say what happens if the user declines' },
  terms_valuation_positive: { 'zh-CN': '作价金额应大于 0', en: 'The valuation must be above zero' },
  terms_share_percent: { 'zh-CN': '持股比例应大于 0、小于 100%', en: 'The share must be above 0 and below 100%' },
  payment_not_payable: { 'zh-CN': '该履约事项无需付款', en: 'This schedule line calls for no payment' },
  payment_exceeds_outstanding: {
    'zh-CN': '付款金额超过该事项尚未付清的金额（{outstanding} 元）',
    en: 'The amount is more than what is left to pay on this line ({outstanding} yuan)',
  },
  payment_date_future: { 'zh-CN': '付款日期不能晚于今天', en: 'The payment date cannot be in the future' },
  payment_date_before_signing: { 'zh-CN': '付款日期不能早于合同签订日期（{signedOn}）', en: 'The payment date cannot be before the contract was signed ({signedOn})' },
  payment_proof_unknown: { 'zh-CN': '付款凭证应为本对接中上传的文件', en: 'The proof must be a document uploaded to this deal' },
  payment_reject_reason_required: { 'zh-CN': '退回时请说明原因', en: 'Give a reason to send the payment back' },
  payment_inventor_share: { 'zh-CN': '奖酬金额不能超过本次付款金额', en: "The inventors' share cannot exceed the payment" },
  royalty_not_report: { 'zh-CN': '请选择一期提成报告', en: 'Choose a royalty reporting period' },
  royalty_already_reported: { 'zh-CN': '该期提成报告已提交，等待对方确认或已被接受', en: 'This period is already reported (awaiting the licensor, or accepted)' },
  royalty_no_rate: { 'zh-CN': '合同条款未约定提成比例', en: 'The contract sets no royalty rate' },
  royalty_dispute_reason_required: { 'zh-CN': '提出异议时请说明原因', en: 'Give a reason for the dispute' },
  trial_not_use_first: { 'zh-CN': '只有“先用后转”合同有试用期', en: 'Only a use-first contract has a trial' },
  trial_extend_order: {
    'zh-CN': '延长后的试用期结束日和转化截止日应晚于原日期，且截止日晚于试用期结束日',
    en: 'The extended trial end and deadline must be later than before, the deadline after the trial end',
  },
  trial_conversion_option: { 'zh-CN': '合同约定的转化方式不包括该方式', en: 'The contract does not allow this conversion' },
  terms_holder_name_required: { 'zh-CN': '由持股平台持股时请填写持股平台名称', en: 'Name the holding platform that holds the shares' },
  commissioner_role_required: { 'zh-CN': '该用户尚未被授予“科技特派员”角色', en: 'This person does not hold the commissioner role' },
  commissioner_exists: { 'zh-CN': '该用户已在科技特派员名录中', en: 'This person is on the commissioner roster already' },
  organisation_unknown: { 'zh-CN': '平台上没有该机构', en: 'No such organisation on the platform' },
  assignment_period_order: { 'zh-CN': '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  service_date_future: { 'zh-CN': '服务日期不能晚于今天', en: 'The service date cannot be in the future' },
  certificate_expiry_order: { 'zh-CN': '证书有效期须晚于发证日期', en: 'The certificate must expire after it is issued' },
  training_date_future: { 'zh-CN': '培训日期不能晚于今天', en: 'The training date cannot be in the future' },
  service_plan_item_unknown: { 'zh-CN': '请选择本人年度服务清单中的事项', en: 'Choose a line of your own yearly service list' },
  expert_reason_required: { 'zh-CN': '请说明原因', en: 'Give a reason' },
  expert_keywords_required: { 'zh-CN': '请至少填写一个产业链或专长关键词', en: 'Give at least one industry chain or keyword' },
  expert_conflict_duplicate: { 'zh-CN': '同一机构只需声明一次', en: 'Declare each organisation once' },
  expert_not_verified: { 'zh-CN': '请选择专家库中已审核的专家', en: 'Choose a verified expert from the directory' },
  consultation_question_required: { 'zh-CN': '请填写咨询的问题', en: 'Write your question' },
  consultation_answer_required: { 'zh-CN': '请填写答复内容', en: 'Write the answer' },
};

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return ERROR_MESSAGES[code][locale];
}

export function fieldMessage(code: string, locale: Locale, params?: Record<string, string | number>): string {
  const entry = FIELD_MESSAGES[code] ?? FIELD_MESSAGES['invalid'];
  return format((entry as Record<Locale, string>)[locale], params);
}
