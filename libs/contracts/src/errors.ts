/**
 * Every error the API returns has this body. `code` is stable and machine-readable; `message`
 * is in the caller's language (Accept-Language: zh-CN first, English second).
 */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId?: string;
    details?: FieldProblem[];
  };
}

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
  NotFound = 'NOT_FOUND',
  Forbidden = 'FORBIDDEN',
  Conflict = 'CONFLICT',
  EmailTaken = 'EMAIL_TAKEN',
  CreditCodeTaken = 'CREDIT_CODE_TAKEN',
  WeakPassword = 'WEAK_PASSWORD',
  InvalidCreditCode = 'INVALID_CREDIT_CODE',
  InvalidState = 'INVALID_STATE',
  MatchRunCompleted = 'MATCH_RUN_COMPLETED',
  MatchInDeal = 'MATCH_IN_DEAL',
  AlreadyMember = 'ALREADY_MEMBER',
  LastOrgAdmin = 'LAST_ORG_ADMIN',
  CannotChangeOwnAccount = 'CANNOT_CHANGE_OWN_ACCOUNT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  OrgNotVerified = 'ORG_NOT_VERIFIED',
  UnsupportedFile = 'UNSUPPORTED_FILE',
  SearchUnavailable = 'SEARCH_UNAVAILABLE',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  ChallengeAlreadyApplied = 'CHALLENGE_ALREADY_APPLIED',
  ChallengeNotEligible = 'CHALLENGE_NOT_ELIGIBLE',
  ChallengeApplicationsClosed = 'CHALLENGE_APPLICATIONS_CLOSED',
  ChallengeAlreadyScored = 'CHALLENGE_ALREADY_SCORED',
  ChallengeDeclarationRequired = 'CHALLENGE_DECLARATION_REQUIRED',
  ChallengeObjectionWindowOpen = 'CHALLENGE_OBJECTION_WINDOW_OPEN',
  ChallengeObjectionsUnanswered = 'CHALLENGE_OBJECTIONS_UNANSWERED',
  ApiKeyInvalid = 'API_KEY_INVALID',
  RateLimited = 'RATE_LIMITED',
  Internal = 'INTERNAL',
  OwnCommission = 'OWN_COMMISSION',
  CampaignAlreadyOpen = 'CAMPAIGN_ALREADY_OPEN',
  ServiceInventionApprovalRequired = 'SERVICE_INVENTION_APPROVAL_REQUIRED',
  ServiceInventionNoticeRunning = 'SERVICE_INVENTION_NOTICE_RUNNING',
  ContractFulfilmentStarted = 'CONTRACT_FULFILMENT_STARTED',
  ContractNotInForce = 'CONTRACT_NOT_IN_FORCE',
  KpiComputed = 'KPI_COMPUTED',
  KpiQuarterNotStarted = 'KPI_QUARTER_NOT_STARTED',
  AlreadyDecided = 'ALREADY_DECIDED',
  BrokerAlreadyRated = 'BROKER_ALREADY_RATED',
  BrokerRatingNotOpen = 'BROKER_RATING_NOT_OPEN',
  NotDealParty = 'NOT_DEAL_PARTY',
  NotBrokerFirm = 'NOT_BROKER_FIRM',
  CountyRequired = 'COUNTY_REQUIRED',
  CountyNeedListNeed = 'COUNTY_NEED_LIST_NEED',
  CountyNeedListEmpty = 'COUNTY_NEED_LIST_EMPTY',
  /** the action is for technology deals only (contract, registration, fulfilment) */
  NotForFinancingDeal = 'NOT_FOR_FINANCING_DEAL',
  FinancingInterestExists = 'FINANCING_INTEREST_EXISTS',
  ReferralConsentRequired = 'REFERRAL_CONSENT_REQUIRED',
  PolicyNotEligible = 'POLICY_NOT_ELIGIBLE',
  ReferralAlreadySent = 'REFERRAL_ALREADY_SENT',
  RoadshowAlreadySignedUp = 'ROADSHOW_ALREADY_SIGNED_UP',
  SlotTaken = 'SLOT_TAKEN',
  CapacityAlreadyRated = 'CAPACITY_ALREADY_RATED',
}
