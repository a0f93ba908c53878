/**
 * 专家库 (the expert directory): a person's own expertise profile — an external expert (外联专家)
 * or a local one (本地专家, incl. 土专家·田秀才 practitioners) — which a platform admin verifies;
 * verified experts are listed publicly (no contact details, no conflicts) and suggested for
 * challenge review panels, leaving out anyone linked to an applicant.
 */

/** Limits of what an expertise profile holds. */
export const EXPERT_LIMITS = {
  chainsMax: 10,
  keywordsMax: 20,
  keywordLength: 20,
  titlesMax: 5,
  titleLength: 50,
  affiliationsLength: 500,
  orgsMax: 10,
  conflictsMax: 10,
  reasonLength: 200,
  bioLength: 1000,
} as const;

export enum ExpertKind {
  /** 外联专家: from outside Zhanjiang (universities, institutes elsewhere) */
  External = 'external',
  /** 本地专家: Zhanjiang's own, incl. 土专家·田秀才 */
  Local = 'local',
  /** 土专家·田秀才: a practitioner whose expertise comes from the field */
  Practitioner = 'practitioner',
}

export const EXPERT_KINDS: readonly string[] = Object.values(ExpertKind);

export enum ExpertProfileStatus {
  Pending = 'pending',
  Verified = 'verified',
  Rejected = 'rejected',
}

/** An organisation the expert must not review, and why. */
export interface ExpertConflict {
  orgId: string;
  orgName: string;
  reason: string;
}

/** What the public directory shows of a verified expert. */
export interface ExpertPublicView {
  id: string;
  name: string;
  kind: ExpertKind;
  titles: string[];
  chains: string[];
  keywords: string[];
  affiliations: string;
  bio: string;
}

/** The whole profile: its owner and platform admins read it. */
export interface ExpertProfileView extends ExpertPublicView {
  userId: string;
  email: string;
  affiliatedOrgs: { orgId: string; orgName: string }[];
  conflicts: ExpertConflict[];
  status: ExpertProfileStatus;
  rejectionReason: string | null;
  verifiedAt: string | null;
  updatedAt: string;
  /** whether the person holds the reviewer role (needed to sit on a challenge panel) */
  reviewer: boolean;
}

/** A verified expert suggested for a challenge's panel, with the score and why. */
export interface PanelSuggestion {
  userId: string;
  profileId: string;
  name: string;
  kind: ExpertKind;
  titles: string[];
  score: number;
  matchedChains: string[];
  matchedKeywords: string[];
  /** in words: 同属产业链…；关键词… */
  reason: string;
  /** holds the reviewer role; without it the panel API refuses them (grant it on the users page) */
  reviewer: boolean;
}

/** A verified expert left out because they are linked to an applicant. */
export interface PanelExclusion {
  userId: string;
  profileId: string;
  name: string;
  /** 与揭榜方 XX 有关联：… */
  reason: string;
}

export interface PanelSuggestionsView {
  suggestions: PanelSuggestion[];
  excluded: PanelExclusion[];
}

export enum ConsultationStatus {
  Requested = 'requested',
  Accepted = 'accepted',
  Answered = 'answered',
  Declined = 'declined',
}

export const CONSULTATION_LIMITS = { questionLength: 2000, answerLength: 5000, reasonLength: 200 } as const;

/** An expert consultation asked on a need (专家咨询): request → accepted → answered, or declined. */
export interface ConsultationView {
  id: string;
  /** what it is about: a need or a deal (the other is null) */
  needId: string | null;
  dealId: string | null;
  /** the need's or the deal's title */
  subjectTitle: string;
  orgId: string;
  requesterName: string;
  question: string;
  /** the expert asked for (from the directory), or null: the platform chooses */
  preferredExpert: { profileId: string; name: string } | null;
  /** the expert who accepted, once accepted */
  expertName: string | null;
  status: ConsultationStatus;
  answer: string | null;
  declineReason: string | null;
  createdAt: string;
  answeredAt: string | null;
}
