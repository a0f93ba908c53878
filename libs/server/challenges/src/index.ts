export * from './challenge.entity';
export * from './challenges.module';
export * from './challenges.service';
export { ChallengeReader } from './challenge-reader';
export { aggregate, weightedTotal } from './aggregate';
export { readChallengeAward } from './award';
export { needSideOf } from './discovery.service';
export { CHALLENGE_MIGRATIONS } from './migrations';
