/**
 * PIPL rights (docs/security.md #26): the personal-data export (`GET /api/me/export`) and account
 * deletion (`DELETE /api/me`). The export's shape is versioned: fields are only ever added.
 * Decisions on what deletion keeps: docs/adr/0005-personal-data.md.
 */

/** What a deleted person is called wherever their name stood. */
export const DELETED_USER_NAME = '已注销用户';

/** The domain of tombstone e-mails (`deleted-<user id>@deleted.invalid`; .invalid never resolves, RFC 2606). */
export const DELETED_EMAIL_DOMAIN = 'deleted.invalid';

export const PERSONAL_DATA_EXPORT_FORMAT = 'ztt-personal-data';
export const PERSONAL_DATA_EXPORT_VERSION = 1;

type Row = Record<string, unknown>;

export interface PersonalDataExport {
  format: typeof PERSONAL_DATA_EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  /** The account itself (never the password hash). */
  account: { id: string; email: string; displayName: string; phone: string | null; locale: string; status: string; createdAt: string; lastLoginAt: string | null };
  platformRoles: Row[];
  memberships: Row[];
  /** Sign-in sessions: when, from which address and browser. */
  sessions: Row[];
  /** Login attempts made with this e-mail (throttling records). */
  loginAttempts: Row[];
  notificationSettings: Row | null;
  notifications: Row[];
  organisationsCreated: Row[];
  /** Needs and achievements this person created, or that name them as the contact (achievements also: on the team). */
  needs: Row[];
  achievements: Row[];
  attachmentsUploaded: Row[];
  disclosureRequests: Row[];
  matchFeedback: Row[];
  brokerProfile: Row | null;
  /** 技术经纪人: training attended, the parties' scores of their deals (no comments: those are for admins), and the ratings they gave as a party. */
  brokerTraining: Row[];
  brokerRatingsReceived: Row[];
  brokerRatingsGiven: Row[];
  matchesAssigned: Row[];
  /** Deals they broker, opened, or are a party's contact in. */
  deals: Row[];
  dealNotes: Row[];
  dealMessages: Row[];
  dealTasks: Row[];
  dealDocumentsUploaded: Row[];
  challenges: Row[];
  /** Applications they lead or are on the team of. */
  challengeApplications: Row[];
  reviewAssignments: Row[];
  reviewScores: Row[];
  challengeObjections: Row[];
  challengeFilesUploaded: Row[];
  /** 科技特派员: their roster entry with its assignments, the services they logged, and the services they confirmed and rated. */
  commissioner: Row | null;
  commissionerServices: Row[];
  serviceConfirmations: Row[];
  /** Security log entries where they acted. */
  auditLog: Row[];
}
