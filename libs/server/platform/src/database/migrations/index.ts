import { IdentityAndAudit1764400000000 } from './1764400000000-identity-and-audit';
import { Catalogue1764500000000 } from './1764500000000-catalogue';
import { NotificationChannels1764600000000 } from './1764600000000-notification-channels';
import { Matching1764700000000 } from './1764700000000-matching';
import { Brokers1764800000000 } from './1764800000000-brokers';
import { QuarterlyMatchRun1764900000000 } from './1764900000000-quarterly-match-run';
import { Challenges1765000000000 } from './1765000000000-challenges';
import { Deals1765100000000 } from './1765100000000-deals';
import { MatchFeedbackAndModel1765200000000 } from './1765200000000-match-feedback-and-model';
import { Campaigns1765300000000 } from './1765300000000-campaigns';
import { AccountDeletion1765400000000 } from './1765400000000-account-deletion';
import { MatchRunEpoch1765500000000 } from './1765500000000-match-run-epoch';
import { MatchTextStatistics1765600000000 } from './1765600000000-match-text-statistics';
import { DeliveryClaims1765700000000 } from './1765700000000-delivery-claims';

/** Every migration, in order, as class references (they survive bundling; see docs/stack.md). */
export const MIGRATIONS = [
  IdentityAndAudit1764400000000,
  Catalogue1764500000000,
  NotificationChannels1764600000000,
  Matching1764700000000,
  Brokers1764800000000,
  QuarterlyMatchRun1764900000000,
  Challenges1765000000000,
  Deals1765100000000,
  MatchFeedbackAndModel1765200000000,
  Campaigns1765300000000,
  AccountDeletion1765400000000,
  MatchRunEpoch1765500000000,
  MatchTextStatistics1765600000000,
  DeliveryClaims1765700000000,
];
