import { Module } from '@nestjs/common';
import { ChallengesModule } from '@ztt/challenges';
import { AdminExpertsController, ExpertsController, MyExpertProfileController } from './experts.controller';
import { ExpertsService } from './experts.service';

/** 专家库 (API only; no jobs): expertise profiles, their verification, the public directory and panel suggestions. */
@Module({
  imports: [ChallengesModule],
  controllers: [ExpertsController, MyExpertProfileController, AdminExpertsController],
  providers: [ExpertsService],
})
export class ExpertsModule {}
