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
  [ErrorCode.ServiceUnavailable]: {
    'zh-CN': '服务暂时不可用，请稍后再试',
    en: 'The service is temporarily unavailable',
  },
  [ErrorCode.Internal]: { 'zh-CN': '系统出错了，请稍后再试', en: 'Something went wrong on our side' },
  [ErrorCode.OwnCommission]: {
    'zh-CN': '不能审批自己参与对接的佣金，请由其他管理员审批',
    en: 'You cannot approve the commission of a deal you broker; another admin must decide',
  },
};

/** Field-level problems, keyed by class-validator constraint name or our own codes. */
export const FIELD_MESSAGES: Record<string, Record<Locale, string>> = {
  whitelistValidation: { 'zh-CN': '不允许提交该字段', en: 'This field is not allowed' },
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
  invalid: { 'zh-CN': '取值无效', en: 'Invalid value' },
  budget_order: { 'zh-CN': '预算下限不能高于上限', en: 'The lower budget bound is above the upper one' },
  not_member: { 'zh-CN': '您不是该机构的正式成员', en: 'You are not an active member of this organisation' },
  own_item: { 'zh-CN': '不能申请查看本机构发布的内容', en: 'This is your own organisation’s item' },
  webhook_url_invalid: { 'zh-CN': '请输入有效的网址（不含用户名和密码）', en: 'Enter a valid URL (without user name or password)' },
  webhook_https_required: { 'zh-CN': '机器人地址必须以 https:// 开头', en: 'The robot URL must start with https://' },
  webhook_unsafe: {
    'zh-CN': '不能使用指向本机、内网或保留地址的机器人地址',
    en: 'The robot URL may not point at this machine, a private network or a reserved address',
  },
  webhook_unresolvable: { 'zh-CN': '无法解析该机器人地址的域名', en: 'The host name of the robot URL cannot be resolved' },
  webhook_kind_required: { 'zh-CN': '请选择机器人类型（企业微信、钉钉或通用）', en: 'Choose the robot type (WeCom, DingTalk or generic)' },
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
  deal_commission_value: { 'zh-CN': '按比例时填写比例（0–100%），按固定金额时填写金额', en: 'Give a rate (0–100%) for a percentage, or an amount for a fixed commission' },
};

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return ERROR_MESSAGES[code][locale];
}

export function fieldMessage(
  code: string,
  locale: Locale,
  params?: Record<string, string | number>,
): string {
  const entry = FIELD_MESSAGES[code] ?? FIELD_MESSAGES['invalid'];
  return format((entry as Record<Locale, string>)[locale], params);
}
