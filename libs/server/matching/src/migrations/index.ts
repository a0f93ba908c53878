import { Matching1764700000000 } from './1764700000000-matching';
import { Brokers1764800000000 } from './1764800000000-brokers';
import { QuarterlyMatchRun1764900000000 } from './1764900000000-quarterly-match-run';
import { MatchFeedbackAndModel1765200000000 } from './1765200000000-match-feedback-and-model';
import { MatchRunEpoch1765500000000 } from './1765500000000-match-run-epoch';
import { MatchTextStatistics1765600000000 } from './1765600000000-match-text-statistics';
import { BrokerProfession1766100000000 } from './1766100000000-broker-profession';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). */
export const MATCHING_MIGRATIONS = [
  Matching1764700000000,
  Brokers1764800000000,
  QuarterlyMatchRun1764900000000,
  MatchFeedbackAndModel1765200000000,
  MatchRunEpoch1765500000000,
  MatchTextStatistics1765600000000,
  BrokerProfession1766100000000,
];
