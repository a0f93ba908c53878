import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '@ztt/catalogue';
import { MatchingModule } from '@ztt/matching';
import { AdminChallengesController } from './admin-challenges.controller';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { CHALLENGE_ENTITIES } from './challenge.entity';
import { ChallengeReader } from './challenge-reader';
import { ChallengesController } from './challenges.controller';
import { ChallengesService } from './challenges.service';
import { DiscoveryService } from './discovery.service';
import { ChallengeFilesService } from './files.service';
import { MilestonesService } from './milestones.service';
import { ChallengeReviewController } from './review.controller';
import { ReviewService } from './review.service';

/** 揭榜挂帅: challenges, applications, panel review, public notice, award, milestones and payments. */
@Module({
  imports: [TypeOrmModule.forFeature(CHALLENGE_ENTITIES), CatalogueModule, MatchingModule],
  controllers: [ChallengesController, ApplicationsController, ChallengeReviewController, AdminChallengesController],
  providers: [ChallengesService, ApplicationsService, ReviewService, MilestonesService, ChallengeFilesService, DiscoveryService, ChallengeReader],
  exports: [ChallengesService, ChallengeReader],
})
export class ChallengesModule {}
