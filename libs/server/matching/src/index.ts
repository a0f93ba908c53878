import { BrokerProfile, BrokerTraining, Match } from './match.entity';

export * from './match.entity';
export * from './matching.module';
export * from './matching.service';
export { MatchRanker, needSide } from './match-ranker';
export * from './match-deal';
export * from './scoring';
export const MATCHING_ENTITIES = [Match, BrokerProfile, BrokerTraining];
export * from './brokers.service';
export * from './broker-profession.service';
export * from './quarterly.service';
export * from './snapshot';
export * from './text-statistics';
export * from './text-relevance';
export { MATCHING_MIGRATIONS } from './migrations';
